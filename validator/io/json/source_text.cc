#include "io/json/source_text.h"

#include "core/text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace evident::io {
namespace {

constexpr std::size_t excerpt_width = 120;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// Whether no byte of text has its high bit set, eight bytes at a time.
bool is_ascii(std::string_view text) {
  std::size_t i = 0;
  for (; i + sizeof(std::uint64_t) <= text.size(); i += sizeof(std::uint64_t)) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, sizeof word);
    if ((word & 0x8080808080808080ULL) != 0) return false;
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::size_t count_code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation(c); }));
}

SourceText::SourceText(std::string_view text) : text_(text) {
  // A line ends at '\n' (found by memchr, which reads many bytes at a time); the text after the
  // last one is a line too, empty when the text ends with '\n'.
  std::size_t start = bom_length(text);
  while (true) {
    const void* newline = start < text.size() ? std::memchr(text.data() + start, '\n', text.size() - start) : nullptr;
    const std::size_t end =
        newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - text.data()) : text.size();
    line_starts_.push_back(start);
    line_is_ascii_.push_back(is_ascii(text.substr(start, end - start)));
    if (newline == nullptr) break;
    start = end + 1;
  }
}

SourcePosition SourceText::position(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line_index =
      after == line_starts_.begin() ? 0 : static_cast<std::size_t>(after - line_starts_.begin()) - 1;
  const std::size_t line_start = std::min(line_starts_[line_index], offset);
  if (line_is_ascii_[line_index]) return {line_index + 1, offset - line_start + 1};
  return {line_index + 1, count_code_points(text_.substr(line_start, offset - line_start)) + 1};
}

void SourceText::locate(Diagnostic& diagnostic, std::size_t offset) const {
  // An offset inside the byte order mark belongs to the first character after it.
  offset = std::clamp(offset, line_starts_.front(), std::max(line_starts_.front(), text_.size()));
  diagnostic.position = position(offset);
  const std::size_t line_start = line_starts_[diagnostic.position.line - 1];
  const std::size_t line = diagnostic.position.line;
  std::size_t line_end = line < line_starts_.size() ? line_starts_[line] - 1 : text_.size();
  if (line_end > line_start && text_[line_end - 1] == '\r') --line_end;

  // A line that fits the window is shown whole; a longer one is cut to a window around the caret,
  // on code point boundaries.
  std::size_t begin = line_start;
  if (line_end - line_start > excerpt_width && offset - line_start > excerpt_width / 2) {
    begin = std::min(offset - excerpt_width / 2, line_end - excerpt_width);
    while (begin < offset && is_continuation(text_[begin])) ++begin;
  }
  std::size_t end = std::min(line_end, begin + excerpt_width);
  while (end < line_end && end > begin && is_continuation(text_[end])) --end;
  // Invalid UTF-8 and control characters (tabs, NULs, escapes of binary garbage) would garble a
  // terminal; each is replaced one for one, so the caret still lines up.
  std::string excerpt = printable(text_.substr(begin, end - begin), ' ');
  std::size_t caret = count_code_points(sanitize_utf8(text_.substr(begin, std::min(offset, end) - begin))) + 1;
  if (begin > line_start) {
    excerpt.insert(0, "...");
    caret += 3;
  }
  if (end < line_end) excerpt += "...";
  diagnostic.excerpt = std::move(excerpt);
  diagnostic.excerpt_column = caret;
}

}  // namespace evident::io
