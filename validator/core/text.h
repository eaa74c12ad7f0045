#pragma once
// Small text helpers shared by every renderer of user-supplied strings.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace evident {

// The UTF-8 byte order mark. A file may start with one; it is not part of the file's text.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// The length of the byte order mark text starts with: utf8_bom.size(), or 0 when it has none.
std::size_t bom_length(std::string_view text);

// text without the byte order mark it may start with.
std::string_view without_bom(std::string_view text);

// Whether c is a control character (U+0000 to U+001F, U+007F), which no evidence text may hold.
bool is_control_character(char c);

// Whether text has a control character.
bool has_control_character(std::string_view text);

// Replaces every byte that is not part of a well-formed UTF-8 sequence with '?', so hostile bytes
// never reach a terminal or a report.
std::string sanitize_utf8(std::string_view text);

// Whether text from `from` on is well-formed UTF-8 (the work of is_utf8 beyond ASCII).
bool is_utf8_from(std::string_view text, std::size_t from);

// Whether text is well-formed UTF-8: what sanitize_utf8() leaves as it is. ASCII, the common case,
// is decided inline, since this is asked of every cell of a table.
inline bool is_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) return is_utf8_from(text, i);
  }
  return true;
}

// sanitize_utf8(), and every control character (tab, NUL, ESC, ...) replaced with replacement: text
// that is safe to print on a terminal, one character for each character.
std::string printable(std::string_view text, char replacement = '?');

// At most max_code_points code points of text, with "..." appended when it was cut.
std::string shorten(std::string_view text, std::size_t max_code_points);

// A number with up to six significant digits ("%.6g"): the form every report prints, so the same
// value always reads the same. An integer of at most 15 digits prints in full, without exponent
// (536870913, not 5.36871e+08).
std::string format_number(double value);

// The same with up to `precision` significant digits (1 to 17); integers as above.
std::string format_number(double value, int precision);

// printf's "%.*g" of value with precision clamped to 1 to 17, bytes alike, without printf's
// multiple-precision arithmetic: integers too in that form (1.23457e+06).
std::string format_significant(double value, int precision);

// Six when six significant digits print a and b differently (or they are equal); else the digits
// of their shortest round-trip forms (at least 7, at most 17), which print each exactly. A value
// printed next to its bound with these digits never reads as equal to a bound it crossed.
int digits_apart(double a, double b);

// An instant (seconds since the Unix epoch) as RFC 3339 UTC to the second: "2026-11-23T09:30:00Z".
std::string rfc3339_utc(std::int64_t seconds_since_epoch);

// "1 file", "2 files": a count and its noun, plural when the count is not 1.
std::string count_of(std::size_t count, const std::string& noun);

// A signed percentage with two decimals, e.g. "+16.67%".
std::string format_percent_change(double percent);

// A JSON string literal for text (quotes and escapes included), shortened for messages.
std::string quote_for_message(std::string_view text, std::size_t max_code_points = 80);

// A word for a POSIX shell command line that a user can paste, for paths in hints: text as it is
// when every byte is in [A-Za-z0-9_./-] (and it is not empty), else in single quotes with each '
// written '\''. Text with a control character or a byte that is not UTF-8 cannot be pasted
// from single quotes, so it is written $'...' (bash, zsh, ksh and POSIX.1-2024 sh) with those bytes,
// and every non-ASCII byte, as \xHH, and \ and ' as \\ and \': printable ASCII throughout.
std::string shell_quote(std::string_view text);

}  // namespace evident
