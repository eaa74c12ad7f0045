#pragma once
// Small text helpers shared by every renderer of user-supplied strings.
#include <cstddef>
#include <string>
#include <string_view>

namespace evident {

// Replaces every byte that is not part of a well-formed UTF-8 sequence with '?', so hostile bytes
// never reach a terminal or a report.
std::string sanitize_utf8(std::string_view text);

// sanitize_utf8(), and every control character (tab, NUL, ESC, ...) replaced with replacement: text
// that is safe to print on a terminal, one character for each character.
std::string printable(std::string_view text, char replacement = '?');

// At most max_code_points code points of text, with "..." appended when it was cut.
std::string shorten(std::string_view text, std::size_t max_code_points);

// A JSON string literal for text (quotes and escapes included), shortened for messages.
std::string quote_for_message(std::string_view text, std::size_t max_code_points = 80);

}  // namespace evident
