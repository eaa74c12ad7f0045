#include "io/report/markup_escape.h"

#include "core/text.h"

namespace evident::io {
namespace {

// True for a code point XML 1.0 forbids or a control character no report should carry: C0 controls
// other than tab, LF and CR, DEL, the C1 controls, U+FFFE/U+FFFF, and the bidirectional embeddings,
// overrides and isolates (U+202A..U+202E, U+2066..U+2069), which would let a name reverse the text
// that follows it, a verdict included. Sequences are well-formed here (sanitize_utf8 ran first).
bool is_unwanted(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x20) return lead != '\t' && lead != '\n' && lead != '\r';
  if (lead == 0x7F) return true;
  if (lead == 0xC2) return byte(i + 1) <= 0x9F;  // U+0080..U+009F
  if (lead == 0xE2 && byte(i + 1) == 0x80) return byte(i + 2) >= 0xAA && byte(i + 2) <= 0xAE;
  if (lead == 0xE2 && byte(i + 1) == 0x81) return byte(i + 2) >= 0xA6 && byte(i + 2) <= 0xA9;
  if (lead == 0xEF) return byte(i + 1) == 0xBF && (byte(i + 2) == 0xBE || byte(i + 2) == 0xBF);
  return false;
}

// Bytes of the well-formed sequence that starts with lead.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// Calls append(escaped, character) for every character of the sanitised text, after replacing
// unwanted characters with '?'.
template <typename Append>
std::string escape_each(std::string_view text, Append append) {
  const std::string clean = sanitize_utf8(text);
  const std::string_view view = clean;
  std::string escaped;
  escaped.reserve(clean.size());
  for (std::size_t i = 0; i < view.size();) {
    const std::size_t length = sequence_length(static_cast<unsigned char>(view[i]));
    if (is_unwanted(view, i)) {
      escaped += '?';
    } else {
      append(escaped, view.substr(i, length));
    }
    i += length;
  }
  return escaped;
}

// The character references shared by HTML and XML; false when c needs none.
bool append_markup_reference(std::string& escaped, char c) {
  switch (c) {
    case '&':
      escaped += "&amp;";
      return true;
    case '<':
      escaped += "&lt;";
      return true;
    case '>':
      escaped += "&gt;";
      return true;
    case '"':
      escaped += "&quot;";
      return true;
    case '\'':
      escaped += "&#39;";
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string escape_html(std::string_view text) {
  return escape_each(text, [](std::string& escaped, std::string_view character) {
    if (character.size() != 1 || !append_markup_reference(escaped, character[0])) escaped += character;
  });
}

std::string escape_xml(std::string_view text) {
  return escape_each(text, [](std::string& escaped, std::string_view character) {
    if (character.size() == 1 && append_markup_reference(escaped, character[0])) return;
    if (character == "\t") {
      escaped += "&#9;";
    } else if (character == "\n") {
      escaped += "&#10;";
    } else if (character == "\r") {
      escaped += "&#13;";
    } else {
      escaped += character;
    }
  });
}

std::string escape_markdown_cell(std::string_view text) {
  return escape_each(text, [](std::string& escaped, std::string_view character) {
    if (character.size() != 1) {
      escaped += character;
      return;
    }
    switch (const char c = character[0]) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '\t':
      case '\n':
      case '\r':
        escaped += ' ';
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '~':
      case '#':
      case '$':
        escaped += '\\';
        escaped += c;
        break;
      default:
        escaped += c;
    }
  });
}

}  // namespace evident::io
