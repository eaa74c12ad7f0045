#include "io/json/source_text.h"

#include <gtest/gtest.h>

#include <string>

namespace evident::io {
namespace {

constexpr std::string_view bom = "\xEF\xBB\xBF";

Diagnostic located(const SourceText& source, std::size_t offset) {
  Diagnostic diagnostic;
  source.locate(diagnostic, offset);
  return diagnostic;
}

TEST(CountCodePoints, CountsAsciiBytes) { EXPECT_EQ(count_code_points("abc"), 3U); }

TEST(CountCodePoints, CountsMultiByteCodePointsOnce) {
  EXPECT_EQ(count_code_points("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"), 3U);
}

TEST(CountCodePoints, EmptyTextHasNone) { EXPECT_EQ(count_code_points(""), 0U); }

TEST(SourceTextPosition, FirstByteIsLineOneColumnOne) {
  const SourceText source("ab\ncd");
  EXPECT_EQ(source.position(0).line, 1U);
  EXPECT_EQ(source.position(0).column, 1U);
}

TEST(SourceTextPosition, CountsColumnsWithinALine) { EXPECT_EQ(SourceText("ab\ncd").position(1).column, 2U); }

TEST(SourceTextPosition, NewlineBelongsToTheLineItEnds) {
  const SourceText source("ab\ncd");
  EXPECT_EQ(source.position(2).line, 1U);
  EXPECT_EQ(source.position(2).column, 3U);
}

TEST(SourceTextPosition, ByteAfterNewlineStartsNextLine) {
  const SourceText source("ab\ncd");
  EXPECT_EQ(source.position(3).line, 2U);
  EXPECT_EQ(source.position(3).column, 1U);
  EXPECT_EQ(source.position(4).column, 2U);
}

TEST(SourceTextPosition, EmptyLinesAreCounted) {
  const SourceText source("a\n\n\nb");
  EXPECT_EQ(source.position(4).line, 4U);
  EXPECT_EQ(source.position(4).column, 1U);
}

TEST(SourceTextPosition, BomIsNotAColumn) {
  const SourceText source("\xEF\xBB\xBF{}");
  EXPECT_EQ(source.position(3).line, 1U);
  EXPECT_EQ(source.position(3).column, 1U);
  EXPECT_EQ(source.position(4).column, 2U);
}

TEST(SourceTextPosition, OffsetInsideBomClampsToColumnOne) {
  const SourceText source("\xEF\xBB\xBF{}");
  EXPECT_EQ(source.position(0).column, 1U);
  EXPECT_EQ(source.position(2).column, 1U);
}

TEST(SourceTextPosition, BomOnlyAffectsFirstLine) {
  const std::string text = std::string(bom) + "a\nbc";  // SourceText keeps a view: text must outlive it
  const SourceText source(text);
  EXPECT_EQ(source.position(6).line, 2U);
  EXPECT_EQ(source.position(6).column, 2U);
}

TEST(SourceTextPosition, MultiByteCodePointsCountOnce) {
  const SourceText source("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80x");  // é € 😀 x
  EXPECT_EQ(source.position(2).column, 2U);
  EXPECT_EQ(source.position(5).column, 3U);
  EXPECT_EQ(source.position(9).column, 4U);
}

TEST(SourceTextPosition, CarriageReturnOfCrlfIsOnItsLine) {
  const SourceText source("ab\r\ncd");
  EXPECT_EQ(source.position(2).line, 1U);
  EXPECT_EQ(source.position(2).column, 3U);
}

TEST(SourceTextPosition, CrlfStartsNextLineAfterLineFeed) {
  const SourceText source("ab\r\ncd\r\nef");
  EXPECT_EQ(source.position(4).line, 2U);
  EXPECT_EQ(source.position(4).column, 1U);
  EXPECT_EQ(source.position(9).line, 3U);
  EXPECT_EQ(source.position(9).column, 2U);
}

TEST(SourceTextPosition, EndOfTextIsOnePastLastColumn) {
  const SourceText source("ab\ncd");
  EXPECT_EQ(source.position(5).line, 2U);
  EXPECT_EQ(source.position(5).column, 3U);
}

TEST(SourceTextPosition, OffsetPastEndClampsToEnd) {
  const SourceText source("ab\ncd");
  EXPECT_EQ(source.position(1000).line, 2U);
  EXPECT_EQ(source.position(1000).column, 3U);
}

TEST(SourceTextPosition, TrailingNewlineOpensAnEmptyLastLine) {
  const SourceText source("ab\n");
  EXPECT_EQ(source.position(3).line, 2U);
  EXPECT_EQ(source.position(3).column, 1U);
}

TEST(SourceTextPosition, EmptyTextIsLineOneColumnOne) {
  const SourceText source("");
  EXPECT_EQ(source.position(0).line, 1U);
  EXPECT_EQ(source.position(0).column, 1U);
  EXPECT_EQ(source.position(7).column, 1U);
}

TEST(SourceTextLocate, FillsPositionExcerptAndCaret) {
  const SourceText source("{\n  \"a\": 1\n}");
  const Diagnostic diagnostic = located(source, 9);
  EXPECT_EQ(diagnostic.position.line, 2U);
  EXPECT_EQ(diagnostic.position.column, 8U);
  EXPECT_EQ(diagnostic.excerpt, "  \"a\": 1");
  EXPECT_EQ(diagnostic.excerpt_column, 8U);
}

TEST(SourceTextLocate, ExcerptLeavesOutCarriageReturn) {
  const SourceText source("ab\r\ncd");
  EXPECT_EQ(located(source, 1).excerpt, "ab");
}

TEST(SourceTextLocate, ExcerptOfLastLineWithoutNewline) {
  const SourceText source("ab\ncd");
  EXPECT_EQ(located(source, 4).excerpt, "cd");
  EXPECT_EQ(located(source, 4).excerpt_column, 2U);
}

TEST(SourceTextLocate, PastTheEndClampsCaretToEndOfLastLine) {
  const Diagnostic diagnostic = located(SourceText("ab\ncd"), 99);
  EXPECT_EQ(diagnostic.position.line, 2U);
  EXPECT_EQ(diagnostic.position.column, 3U);
  EXPECT_EQ(diagnostic.excerpt, "cd");
  EXPECT_EQ(diagnostic.excerpt_column, 3U);
}

TEST(SourceTextLocate, EmptyTextGivesEmptyExcerpt) {
  const Diagnostic diagnostic = located(SourceText(""), 0);
  EXPECT_EQ(diagnostic.excerpt, "");
  EXPECT_EQ(diagnostic.excerpt_column, 1U);
}

TEST(SourceTextLocate, CaretCountsMultiByteCodePointsOnce) {
  const Diagnostic diagnostic = located(SourceText("\xC3\xA9\xE2\x82\xACx"), 5);
  EXPECT_EQ(diagnostic.excerpt, "\xC3\xA9\xE2\x82\xACx");
  EXPECT_EQ(diagnostic.excerpt_column, 3U);
}

TEST(SourceTextLocate, ControlCharactersBecomeSpacesOneForOne) {
  const Diagnostic diagnostic = located(SourceText("a\tb\x01z\x7fy\x1b"), 4);
  EXPECT_EQ(diagnostic.excerpt, "a b z y ");
  EXPECT_EQ(diagnostic.excerpt_column, 5U);
}

TEST(SourceTextLocate, NulBecomesSpace) {
  const Diagnostic diagnostic = located(SourceText(std::string("a\0b", 3)), 2);
  EXPECT_EQ(diagnostic.excerpt, "a b");
  EXPECT_EQ(diagnostic.excerpt_column, 3U);
}

TEST(SourceTextLocate, InvalidUtf8BecomesQuestionMarksAndCaretFollows) {
  const Diagnostic diagnostic = located(SourceText("\xFF\xFEx"), 2);
  EXPECT_EQ(diagnostic.excerpt, "??x");
  EXPECT_EQ(diagnostic.excerpt_column, 3U);
}

TEST(SourceTextLocate, BomIsNotInTheExcerpt) {
  const Diagnostic diagnostic = located(SourceText("\xEF\xBB\xBF{}"), 4);
  EXPECT_EQ(diagnostic.excerpt, "{}");
  EXPECT_EQ(diagnostic.excerpt_column, 2U);
}

TEST(SourceTextLocate, OffsetInsideBomDoesNotThrow) {
  const Diagnostic diagnostic = located(SourceText("\xEF\xBB\xBF{}"), 0);
  EXPECT_EQ(diagnostic.position.column, 1U);
  EXPECT_EQ(diagnostic.excerpt, "{}");
  EXPECT_EQ(diagnostic.excerpt_column, 1U);
}

TEST(SourceTextLocate, ShortLineWithCaretNearStartIsNotCut) {
  const std::string line(120, 'a');
  const Diagnostic diagnostic = located(SourceText(line), 60);
  EXPECT_EQ(diagnostic.excerpt, line);
  EXPECT_EQ(diagnostic.excerpt_column, 61U);
}

TEST(SourceTextLocate, LineThatFitsTheWindowIsNotCut) {
  const std::string line(80, 'a');
  const Diagnostic diagnostic = located(SourceText(line), 70);
  EXPECT_EQ(diagnostic.excerpt, line);
  EXPECT_EQ(diagnostic.excerpt_column, 71U);
}

TEST(SourceTextLocate, LongLineIsCutAfterWindowNearStart) {
  const Diagnostic diagnostic = located(SourceText(std::string(1000, 'a')), 10);
  EXPECT_EQ(diagnostic.excerpt, std::string(120, 'a') + "...");
  EXPECT_EQ(diagnostic.excerpt_column, 11U);
}

TEST(SourceTextLocate, LongLineIsCutOnBothSidesAroundCaret) {
  std::string line(1000, 'a');
  line[500] = 'X';
  const Diagnostic diagnostic = located(SourceText(line), 500);
  EXPECT_EQ(diagnostic.position.column, 501U);
  EXPECT_EQ(diagnostic.excerpt, "..." + std::string(60, 'a') + "X" + std::string(59, 'a') + "...");
  EXPECT_EQ(diagnostic.excerpt_column, 64U);
  EXPECT_EQ(diagnostic.excerpt[diagnostic.excerpt_column - 1], 'X');
}

TEST(SourceTextLocate, LongLineNearItsEndShowsAFullWindowEndingAtTheLineEnd) {
  const Diagnostic diagnostic = located(SourceText(std::string(1000, 'a')), 990);
  EXPECT_EQ(diagnostic.excerpt, "..." + std::string(120, 'a'));
  EXPECT_EQ(diagnostic.excerpt_column, 114U);
}

TEST(SourceTextLocate, MegabyteLineGivesShortExcerpt) {
  std::string line(1 << 20, 'a');
  line[600000] = 'X';
  const Diagnostic diagnostic = located(SourceText(line), 600000);
  EXPECT_EQ(diagnostic.position.column, 600001U);
  EXPECT_EQ(diagnostic.excerpt.size(), 126U);
  EXPECT_EQ(diagnostic.excerpt[diagnostic.excerpt_column - 1], 'X');
}

TEST(SourceTextLocate, WindowStartSkipsForwardToACodePointBoundary) {
  // 40 three-byte euros (120 bytes), then "bb", then the caret on X at byte 122: the window would
  // start at byte 62, the last byte of a euro, so it starts at the next euro instead.
  const std::string euro = "\xE2\x82\xAC";
  std::string line;
  for (int i = 0; i < 40; ++i) line += euro;
  line += "bbX" + std::string(100, 'c');
  std::string nineteen_euros;
  for (int i = 0; i < 19; ++i) nineteen_euros += euro;
  const Diagnostic diagnostic = located(SourceText(line), 122);
  EXPECT_EQ(diagnostic.excerpt, "..." + nineteen_euros + "bbX" + std::string(60, 'c') + "...");
  EXPECT_EQ(diagnostic.excerpt_column, 25U);
}

TEST(SourceTextLocate, WindowEndBacksOffToACodePointBoundary) {
  // The window's end (byte 120) falls inside the euro at bytes 119-121: it ends before the euro.
  const std::string line = std::string(119, 'a') + "\xE2\x82\xAC" + std::string(10, 'z');
  const Diagnostic diagnostic = located(SourceText(line), 0);
  EXPECT_EQ(diagnostic.excerpt, std::string(119, 'a') + "...");
  EXPECT_EQ(diagnostic.excerpt_column, 1U);
}

TEST(SourceTextLocate, LongLineOnLaterLineIsCutRelativeToItsStart) {
  std::string text = "{\n" + std::string(500, ' ') + "X";
  const Diagnostic diagnostic = located(SourceText(text), 502);
  EXPECT_EQ(diagnostic.position.line, 2U);
  EXPECT_EQ(diagnostic.position.column, 501U);
  EXPECT_EQ(diagnostic.excerpt, "..." + std::string(119, ' ') + "X");
  EXPECT_EQ(diagnostic.excerpt_column, 123U);
}

}  // namespace
}  // namespace evident::io
