#include "core/text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iterator>

namespace evident {
namespace {

// Length of the well-formed UTF-8 sequence at text[i], or 0 when it is ill-formed.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

}  // namespace

std::string sanitize_utf8(std::string_view text) {
  // ASCII, the common case, is copied whole; the rest is read a sequence at a time.
  std::size_t ascii = 0;
  while (ascii < text.size() && static_cast<unsigned char>(text[ascii]) < 0x80) ++ascii;
  std::string clean(text.substr(0, ascii));
  if (ascii == text.size()) return clean;
  clean.reserve(text.size());
  for (std::size_t i = ascii; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      clean += '?';
      ++i;
    } else {
      clean.append(text.substr(i, length));
      i += length;
    }
  }
  return clean;
}

bool is_utf8_from(std::string_view text, std::size_t from) {
  std::size_t i = from;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // ASCII, the common case, a byte at a time
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::size_t bom_length(std::string_view text) { return text.starts_with(utf8_bom) ? utf8_bom.size() : 0; }

std::string_view without_bom(std::string_view text) { return text.substr(bom_length(text)); }

bool is_control_character(char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\x7f'; }

bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(), is_control_character);
}

std::string printable(std::string_view text, char replacement) {
  std::string clean = sanitize_utf8(text);
  for (char& c : clean) {
    if (is_control_character(c)) c = replacement;
  }
  return clean;
}

std::string shell_quote(std::string_view text) {
  const auto plain = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == '/' || c == '-';
  };
  if (!text.empty() && std::all_of(text.begin(), text.end(), plain)) return std::string(text);
  std::string quoted;
  if (printable(text) == text) {  // no control character and well-formed UTF-8: '...' pastes as it reads
    quoted = "'";
    for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
  }
  quoted = "$'";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\' || c == '\'') {
      quoted += '\\';
      quoted += c;
    } else if (byte < 0x20 || byte >= 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned>(byte));
      quoted += escaped;
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string format_number(double value) { return format_number(value, 6); }

// std::to_chars with a precision prints as printf does in the C locale ("%.0f", "%.*g"), bytes
// alike (tests/core/text_test.cc compares them), without printf's multiple-precision arithmetic:
// a gate's table prints tens of thousands of numbers.
std::string format_number(double value, int precision) {
  if (!(std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 1e15)) {
    return format_significant(value, precision);
  }
  char text[64];
  const std::to_chars_result printed = std::to_chars(std::begin(text), std::end(text), value == 0 ? 0.0 : value,
                                                     std::chars_format::fixed, 0);  // no "-0"
  return std::string(std::begin(text), printed.ptr);
}

std::string format_significant(double value, int precision) {
  char text[64];
  const std::to_chars_result printed =
      std::to_chars(std::begin(text), std::end(text), value, std::chars_format::general, std::clamp(precision, 1, 17));
  return std::string(std::begin(text), printed.ptr);
}

namespace {

// The fewest significant digits that print value so that it reads back exactly.
int round_trip_digits(double value) {
  char text[64];
  for (int precision = 1; precision < 17; ++precision) {
    const char* end = std::to_chars(std::begin(text), std::end(text), value, std::chars_format::general, precision).ptr;
    double read = 0;
    std::from_chars(std::begin(text), end, read);
    if (read == value) return precision;
  }
  return 17;
}

}  // namespace

int digits_apart(double a, double b) {
  if (a == b || !std::isfinite(a) || !std::isfinite(b) || format_number(a) != format_number(b)) return 6;
  // Six digits print them alike: print both exactly (shortest round-trip form), so neither reads as
  // a value it is not.
  return std::max({7, round_trip_digits(a), round_trip_digits(b)});
}

std::string count_of(std::size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// printf's "%+.2f%%", by std::to_chars as format_number.
std::string format_percent_change(double percent) {
  char text[400];  // the largest double has 309 digits before the point
  char* end = std::begin(text);
  if (!std::signbit(percent)) *end++ = '+';
  end = std::to_chars(end, std::end(text) - 1, percent, std::chars_format::fixed, 2).ptr;
  *end++ = '%';
  return std::string(std::begin(text), end);
}

std::string shorten(std::string_view text, std::size_t max_code_points) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U) continue;
    if (count == max_code_points) return std::string(text.substr(0, i)) + "...";
    ++count;
  }
  return std::string(text);
}

std::string quote_for_message(std::string_view text, std::size_t max_code_points) {
  const std::string clean = shorten(sanitize_utf8(text), max_code_points);
  std::string quoted = "\"";
  for (char c : clean) {
    switch (c) {
      case '"':
        quoted += "\\\"";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      case '\n':
        quoted += "\\n";
        break;
      case '\r':
        quoted += "\\r";
        break;
      case '\t':
        quoted += "\\t";
        break;
      default:
        if (is_control_character(c)) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          quoted += escaped;
        } else {
          quoted += c;
        }
    }
  }
  quoted += '"';
  return quoted;
}

std::string rfc3339_utc(std::int64_t seconds_since_epoch) {
  const std::time_t time = static_cast<std::time_t>(seconds_since_epoch);
  std::tm parts{};
  gmtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

}  // namespace evident
