#include "core/text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

namespace evident {
namespace {

TEST(SanitizeUtf8, KeepsAscii) { EXPECT_EQ(sanitize_utf8("plain text 123"), "plain text 123"); }

TEST(SanitizeUtf8, KeepsEmptyText) { EXPECT_EQ(sanitize_utf8(""), ""); }

TEST(SanitizeUtf8, KeepsWellFormedMultiByteSequences) {
  EXPECT_EQ(sanitize_utf8("\xC3\xA9"), "\xC3\xA9");                  // U+00E9, two bytes
  EXPECT_EQ(sanitize_utf8("\xE2\x82\xAC"), "\xE2\x82\xAC");          // U+20AC, three bytes
  EXPECT_EQ(sanitize_utf8("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");  // U+1F600, four bytes
  EXPECT_EQ(sanitize_utf8("\xF4\x8F\xBF\xBF"), "\xF4\x8F\xBF\xBF");  // U+10FFFF, the last code point
}

TEST(SanitizeUtf8, KeepsAsciiControlCharacters) { EXPECT_EQ(sanitize_utf8("a\x01\tb"), "a\x01\tb"); }

TEST(SanitizeUtf8, ReplacesTwoByteOverlongEncodingByteByByte) { EXPECT_EQ(sanitize_utf8("a\xC0\x80z"), "a??z"); }

TEST(SanitizeUtf8, ReplacesC1LeadOverlongEncoding) { EXPECT_EQ(sanitize_utf8("\xC1\xBF"), "??"); }

TEST(SanitizeUtf8, ReplacesThreeByteOverlongEncoding) { EXPECT_EQ(sanitize_utf8("\xE0\x80\x80"), "???"); }

TEST(SanitizeUtf8, ReplacesFourByteOverlongEncoding) { EXPECT_EQ(sanitize_utf8("\xF0\x80\x80\x80"), "????"); }

TEST(SanitizeUtf8, ReplacesEncodedSurrogates) {
  EXPECT_EQ(sanitize_utf8("\xED\xA0\x80"), "???");  // U+D800
  EXPECT_EQ(sanitize_utf8("\xED\xBF\xBF"), "???");  // U+DFFF
}

TEST(SanitizeUtf8, KeepsCodePointJustBelowSurrogates) { EXPECT_EQ(sanitize_utf8("\xED\x9F\xBF"), "\xED\x9F\xBF"); }

TEST(SanitizeUtf8, ReplacesSequenceTruncatedAtEnd) {
  EXPECT_EQ(sanitize_utf8("a\xE2\x82"), "a??");
  EXPECT_EQ(sanitize_utf8("\xF0\x9F\x98"), "???");
  EXPECT_EQ(sanitize_utf8("\xC3"), "?");
}

TEST(SanitizeUtf8, ResumesAfterSequenceCutByAsciiByte) { EXPECT_EQ(sanitize_utf8("\xE2\x82z\xC3\xA9"), "??z\xC3\xA9"); }

TEST(SanitizeUtf8, ReplacesLoneContinuationBytes) { EXPECT_EQ(sanitize_utf8("\x80\xBF"), "??"); }

TEST(SanitizeUtf8, ReplacesLeadBytesF5AndAbove) {
  EXPECT_EQ(sanitize_utf8("\xF5\x80\x80\x80"), "????");
  EXPECT_EQ(sanitize_utf8("\xF8"), "?");
  EXPECT_EQ(sanitize_utf8("\xFE\xFF"), "??");
}

TEST(SanitizeUtf8, ReplacesCodePointsBeyondU10FFFF) { EXPECT_EQ(sanitize_utf8("\xF4\x90\x80\x80"), "????"); }

TEST(IsUtf8, IsWhatSanitizeLeavesAsItIs) {
  EXPECT_TRUE(is_utf8(""));
  EXPECT_TRUE(is_utf8("plain text 123"));
  EXPECT_TRUE(is_utf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF"));
  EXPECT_FALSE(is_utf8("a\xFF"));
  EXPECT_FALSE(is_utf8("a\xC0\x80z"));    // overlong
  EXPECT_FALSE(is_utf8("\xED\xA0\x80"));  // a surrogate
  EXPECT_FALSE(is_utf8("a\xE2\x82"));     // cut short
  EXPECT_FALSE(is_utf8("\x80 continues nothing"));
}

TEST(ByteOrderMark, LengthIsThreeAtTheStartOnly) {
  EXPECT_EQ(bom_length("\xEF\xBB\xBF{}"), 3U);
  EXPECT_EQ(bom_length("\xEF\xBB\xBF"), 3U);
  EXPECT_EQ(bom_length(" \xEF\xBB\xBF"), 0U);
  EXPECT_EQ(bom_length("\xEF\xBB"), 0U);
  EXPECT_EQ(bom_length(""), 0U);
}

TEST(ByteOrderMark, WithoutBomRemovesOnlyTheFirst) {
  EXPECT_EQ(without_bom("\xEF\xBB\xBF\xEF\xBB\xBF!"), "\xEF\xBB\xBF!");
  EXPECT_EQ(without_bom("a\xEF\xBB\xBF"), "a\xEF\xBB\xBF");
  EXPECT_EQ(without_bom(""), "");
}

TEST(ControlCharacter, C0ControlsAndDeleteOnly) {
  EXPECT_TRUE(is_control_character('\0'));
  EXPECT_TRUE(is_control_character('\x1f'));
  EXPECT_TRUE(is_control_character('\x7f'));
  EXPECT_FALSE(is_control_character(' '));
  EXPECT_FALSE(is_control_character('~'));
  EXPECT_FALSE(is_control_character('\x80'));
  EXPECT_FALSE(is_control_character('\xC2'));
}

TEST(ControlCharacter, HasControlCharacter) {
  EXPECT_FALSE(has_control_character("a b\xE2\x82\xAC"));
  EXPECT_FALSE(has_control_character(""));
  EXPECT_TRUE(has_control_character("a\tb"));
  EXPECT_TRUE(has_control_character(std::string("a\0b", 3)));
  EXPECT_TRUE(has_control_character("\x7f"));
  EXPECT_TRUE(has_control_character("\x1f"));
}

TEST(Shorten, KeepsTextWithinLimit) {
  EXPECT_EQ(shorten("abc", 3), "abc");
  EXPECT_EQ(shorten("abc", 10), "abc");
  EXPECT_EQ(shorten("", 0), "");
}

TEST(Shorten, CutsAndAppendsEllipsis) { EXPECT_EQ(shorten("abcdef", 3), "abc..."); }

TEST(Shorten, ZeroLimitLeavesOnlyEllipsis) { EXPECT_EQ(shorten("abc", 0), "..."); }

TEST(Shorten, CountsMultiByteCodePointsOnce) {
  EXPECT_EQ(shorten("h\xC3\xA9llo", 2), "h\xC3\xA9...");
  EXPECT_EQ(shorten("\xE2\x82\xAC\xE2\x82\xAC", 2), "\xE2\x82\xAC\xE2\x82\xAC");
}

TEST(Shorten, NeverCutsInsideACodePoint) {
  EXPECT_EQ(shorten("\xF0\x9F\x98\x80\xF0\x9F\x98\x81", 1), "\xF0\x9F\x98\x80...");
}

TEST(QuoteForMessage, WrapsInDoubleQuotes) { EXPECT_EQ(quote_for_message("governor"), "\"governor\""); }

TEST(QuoteForMessage, EscapesQuotesAndBackslash) {
  EXPECT_EQ(quote_for_message("say \"hi\""), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(quote_for_message("C:\\dir"), "\"C:\\\\dir\"");
}

TEST(QuoteForMessage, EscapesNewlineCarriageReturnAndTab) {
  EXPECT_EQ(quote_for_message("a\nb\rc\td"), "\"a\\nb\\rc\\td\"");
}

TEST(QuoteForMessage, EscapesOtherControlCharactersAsUnicodeEscapes) {
  EXPECT_EQ(quote_for_message(std::string("\0", 1)), "\"\\u0000\"");
  EXPECT_EQ(quote_for_message("\x01"), "\"\\u0001\"");
  EXPECT_EQ(quote_for_message("\x1b[31m"), "\"\\u001b[31m\"");
  EXPECT_EQ(quote_for_message("\x7f"), "\"\\u007f\"");
}

TEST(QuoteForMessage, KeepsMultiByteCodePoints) { EXPECT_EQ(quote_for_message("caf\xC3\xA9"), "\"caf\xC3\xA9\""); }

TEST(QuoteForMessage, ReplacesInvalidUtf8) { EXPECT_EQ(quote_for_message("a\xFFz"), "\"a?z\""); }

TEST(QuoteForMessage, ShortensToDefaultOf80CodePoints) {
  EXPECT_EQ(quote_for_message(std::string(100, 'x')), "\"" + std::string(80, 'x') + "...\"");
}

TEST(QuoteForMessage, ShortensBeforeEscaping) { EXPECT_EQ(quote_for_message("\"\"\"\"", 2), "\"\\\"\\\"...\""); }

TEST(Rfc3339Utc, FormatsAnInstantInUtcToTheSecond) {
  EXPECT_EQ(rfc3339_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(rfc3339_utc(1795426200), "2026-11-23T09:30:00Z");
}

TEST(FormatNumber, SixSignificantDigits) {
  EXPECT_EQ(format_number(0.1234567), "0.123457");
  EXPECT_EQ(format_number(1.5e-9), "1.5e-09");
  EXPECT_EQ(format_number(2.5e20), "2.5e+20");
}

TEST(FormatNumber, IntegersInFullWithoutExponent) {
  EXPECT_EQ(format_number(536870913), "536870913");
  EXPECT_EQ(format_number(-1234567), "-1234567");
  EXPECT_EQ(format_number(999999999999999), "999999999999999");
  EXPECT_EQ(format_number(1e15), "1e+15");
  EXPECT_EQ(format_number(-0.0), "0");
}

// format_number and format_significant print with std::to_chars; C's printf, which they replaced, is
// the reference: the same bytes for special values, edges of the integer form and 600,000 doubles of
// every magnitude.
std::string printf_number(double value, int precision) {
  char text[64];
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 1e15) {
    std::snprintf(text, sizeof text, "%.0f", value == 0 ? 0.0 : value);
  } else {
    std::snprintf(text, sizeof text, "%.*g", std::clamp(precision, 1, 17), value);
  }
  return text;
}

std::string printf_significant(double value, int precision) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*g", std::clamp(precision, 1, 17), value);
  return text;
}

TEST(FormatNumber, PrintsAsPrintfDoes) {
  const double special[] = {0.0,
                            -0.0,
                            std::numeric_limits<double>::infinity(),
                            -std::numeric_limits<double>::infinity(),
                            std::numeric_limits<double>::quiet_NaN(),
                            -std::numeric_limits<double>::quiet_NaN(),
                            std::numeric_limits<double>::denorm_min(),
                            std::numeric_limits<double>::min(),
                            std::numeric_limits<double>::max(),
                            -std::numeric_limits<double>::max(),
                            999999999999999.0,
                            1e15,
                            -1e15,
                            999999999999999.5,
                            0.5,
                            -0.5,
                            1.5,
                            2.5,
                            9.9999995,
                            0.00001,
                            123456.5,
                            1234567.5};
  for (const double value : special) {
    for (int precision = 0; precision <= 18; ++precision) {
      EXPECT_EQ(format_number(value, precision), printf_number(value, precision)) << value << " " << precision;
      EXPECT_EQ(format_significant(value, precision), printf_significant(value, precision))
          << value << " " << precision;
    }
  }
  std::mt19937_64 random(20261207);
  std::size_t differ = 0;
  for (int i = 0; i < 300000; ++i) {
    const double value = std::bit_cast<double>(random());  // every exponent, NaNs and infinities too
    const double near_one = 1 + static_cast<double>(random() % 1000000) / 1e7;  // a timing's typical digits
    const int precision = static_cast<int>(random() % 19);
    if (format_number(value, precision) != printf_number(value, precision)) ++differ;
    if (format_number(near_one, precision) != printf_number(near_one, precision)) ++differ;
    if (format_significant(value, precision) != printf_significant(value, precision)) ++differ;
    if (format_significant(near_one * 1e6, precision) != printf_significant(near_one * 1e6, precision)) ++differ;
  }
  EXPECT_EQ(differ, 0U);
}

// format_percent_change against printf's "%+.2f%%", which it replaced: special values, halves that
// round either way, and 200,000 doubles of every magnitude.
TEST(FormatPercentChange, PrintsAsPrintfDoes) {
  const auto printf_percent = [](double value) {
    char text[400];
    std::snprintf(text, sizeof text, "%+.2f%%", value);
    return std::string(text);
  };
  EXPECT_EQ(format_percent_change(16.666), "+16.67%");
  EXPECT_EQ(format_percent_change(-0.004), "-0.00%");
  EXPECT_EQ(format_percent_change(0.0), "+0.00%");
  const double special[] = {-0.0,
                            0.125,
                            0.375,
                            -2.675,
                            1e22,
                            std::numeric_limits<double>::max(),
                            -std::numeric_limits<double>::max(),
                            std::numeric_limits<double>::denorm_min(),
                            std::numeric_limits<double>::infinity(),
                            -std::numeric_limits<double>::infinity(),
                            std::numeric_limits<double>::quiet_NaN(),
                            -std::numeric_limits<double>::quiet_NaN()};
  for (const double value : special) EXPECT_EQ(format_percent_change(value), printf_percent(value)) << value;
  std::mt19937_64 random(20261207);
  std::size_t differ = 0;
  for (int i = 0; i < 100000; ++i) {
    const double value = std::bit_cast<double>(random());
    const double change = (static_cast<double>(random() % 2000001) - 1000000) / 1e4;  // a change's typical digits
    if (format_percent_change(value) != printf_percent(value)) ++differ;
    if (format_percent_change(change) != printf_percent(change)) ++differ;
  }
  EXPECT_EQ(differ, 0U);
}

TEST(DigitsApart, SixWhenSixTellThemApartOrTheyAreEqual) {
  EXPECT_EQ(digits_apart(1.5, 2.5), 6);
  EXPECT_EQ(digits_apart(3.0, 3.0), 6);
}

TEST(DigitsApart, MoreWhenSixPrintTheSame) {
  EXPECT_EQ(digits_apart(3.0000001, 3.0), 8);
  EXPECT_EQ(format_number(3.0000001, 8), "3.0000001");
  EXPECT_EQ(digits_apart(0.1 + 0.2, 0.3), 17);
  EXPECT_NE(format_number(0.1 + 0.2, 17), format_number(0.3, 17));
}

TEST(DigitsApart, BothPrintExactlyWhenSixPrintTheSame) {
  const int digits = digits_apart(536870912.75, 536870912.5);
  EXPECT_EQ(digits, 11);
  EXPECT_EQ(format_number(536870912.75, digits), "536870912.75");
  EXPECT_EQ(format_number(536870912.5, digits), "536870912.5");
  EXPECT_EQ(digits_apart(1.0 / 3.0, 1.0 / 3.0 + 1e-12), 16);
}

TEST(ShellQuote, LeavesPlainPathAsItIs) {
  EXPECT_EQ(shell_quote("fixtures/gates/run-1.json"), "fixtures/gates/run-1.json");
}

TEST(ShellQuote, QuotesEmptyText) { EXPECT_EQ(shell_quote(""), "''"); }

TEST(ShellQuote, QuotesSpace) { EXPECT_EQ(shell_quote("my runs/a b.json"), "'my runs/a b.json'"); }

TEST(ShellQuote, QuotesShellMetacharacters) { EXPECT_EQ(shell_quote("a$(rm -rf ~);*.json"), "'a$(rm -rf ~);*.json'"); }

TEST(ShellQuote, WritesSingleQuoteOutsideTheQuotes) { EXPECT_EQ(shell_quote("it's.json"), "'it'\\''s.json'"); }

TEST(ShellQuote, KeepsWellFormedUtf8InSingleQuotes) {
  EXPECT_EQ(shell_quote("r\xC3\xA9sum\xC3\xA9.json"), "'r\xC3\xA9sum\xC3\xA9.json'");
}

TEST(ShellQuote, EscapesControlCharactersInDollarQuotes) {
  EXPECT_EQ(shell_quote("a\nb\x1b[31m.json"), "$'a\\x0ab\\x1b[31m.json'");
}

TEST(ShellQuote, EscapesBackslashAndQuoteInDollarQuotes) { EXPECT_EQ(shell_quote("a\t\\'"), "$'a\\x09\\\\\\''"); }

TEST(ShellQuote, EscapesBytesThatAreNotUtf8AndNonAsciiAlongside) {
  EXPECT_EQ(shell_quote("\xFF\xC3\xA9"), "$'\\xff\\xc3\\xa9'");
}

TEST(ShellQuote, EscapesDelete) { EXPECT_EQ(shell_quote("a\x7f"), "$'a\\x7f'"); }

}  // namespace
}  // namespace evident
