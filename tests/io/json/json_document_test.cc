#include "io/json/json_document.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace evident::io {
namespace {

// Parses text as "f.json" and keeps what came back, so each test asserts on one field per line.
struct Parsed {
  std::optional<JsonDocument> document;
  std::vector<Diagnostic> diagnostics;
};

Parsed parse(std::string text, JsonLimits limits = {}) {
  Parsed parsed;
  parsed.document = parse_json_document("f.json", std::move(text), limits, parsed.diagnostics);
  return parsed;
}

// The first bytes of an ELF executable, NULs included.
std::string elf_header() { return {'\x7f', 'E', 'L', 'F', '\x02', '\x01', '\x01', '\0', '\0', '\0'}; }

constexpr std::string_view duplicate_message_a =
    "duplicate key \"a\" in the same object; an auditor cannot know which value counts";
constexpr std::string_view nan_hint =
    "leave a failed measurement out of \"samples\" and mark the evidence \"status\": \"failed\"";

TEST(ParseJsonDocument, EmptyFileIsJsonEmpty) {
  const Parsed parsed = parse("");
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.empty");
  EXPECT_EQ(parsed.diagnostics[0].message, "file is empty; expected a JSON document");
  EXPECT_EQ(parsed.diagnostics[0].file, "f.json");
  EXPECT_EQ(parsed.diagnostics[0].severity, Severity::error);
  EXPECT_EQ(parsed.diagnostics[0].position.line, 1U);
  EXPECT_EQ(parsed.diagnostics[0].position.column, 1U);
  EXPECT_FALSE(parsed.diagnostics[0].cannot_run);
}

TEST(ParseJsonDocument, WhitespaceOnlyIsJsonEmpty) {
  const Parsed parsed = parse(" \n\t\r\n ");
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.empty");
  EXPECT_EQ(parsed.diagnostics[0].position.line, 1U);
  EXPECT_EQ(parsed.diagnostics[0].position.column, 1U);
}

TEST(ParseJsonDocument, BomOnlyIsJsonEmpty) {
  const Parsed parsed = parse("\xEF\xBB\xBF");
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.empty");
}

TEST(ParseJsonDocument, TruncatedArrayIsReportedAtEndOfFile) {
  const Parsed parsed = parse("{\"a\": [1, 2");
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.truncated");
  EXPECT_EQ(parsed.diagnostics[0].message,
            "unexpected end of file: the document is truncated (syntax error while parsing array - unexpected end of "
            "input; expected ']')");
  EXPECT_EQ(parsed.diagnostics[0].position.line, 1U);
  EXPECT_EQ(parsed.diagnostics[0].position.column, 12U);
}

TEST(ParseJsonDocument, TruncatedStringIsJsonTruncated) {
  const Parsed parsed = parse("{\"a\": \"xy");
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.truncated");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 10U);
}

TEST(ParseJsonDocument, ElfHeaderIsJsonBinary) {
  const Parsed parsed = parse(elf_header());
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.binary");
  EXPECT_EQ(parsed.diagnostics[0].message, "this is not JSON text: the file holds binary data");
  EXPECT_EQ(parsed.diagnostics[0].hint, "point evident at the JSON evidence file, not at a binary or compressed file");
  EXPECT_EQ(parsed.diagnostics[0].position.line, 1U);
  EXPECT_EQ(parsed.diagnostics[0].position.column, 1U);
}

TEST(ParseJsonDocument, BinaryExcerptHasNoControlBytes) {
  const Parsed parsed = parse(elf_header());
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].excerpt, " ELF      ");
  EXPECT_EQ(parsed.diagnostics[0].excerpt_column, 1U);
}

TEST(ParseJsonDocument, InvalidUtf8InStringIsReportedAtTheBadByte) {
  const Parsed parsed = parse("{\"a\": \"x\xFF y\"}");
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.invalid_utf8");
  EXPECT_EQ(parsed.diagnostics[0].message, "invalid UTF-8 in a string; evidence must be valid UTF-8 text");
  EXPECT_EQ(parsed.diagnostics[0].hint, "re-encode the file as UTF-8");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 9U);
  EXPECT_EQ(parsed.diagnostics[0].excerpt, "{\"a\": \"x? y\"}");
}

TEST(ParseJsonDocument, OverlongEncodingIsInvalidUtf8) {
  const Parsed parsed = parse("[\"\xC0\x80\"]");
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.invalid_utf8");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 3U);
}

TEST(ParseJsonDocument, LoneHighSurrogateEscapeIsRejected) {
  const Parsed parsed = parse("[\"\\ud800\"]");
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.syntax");
  EXPECT_EQ(parsed.diagnostics[0].message,
            "syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF must be followed by "
            "U+DC00..U+DFFF; last read: '\"\\ud800\"'");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 9U);
}

TEST(ParseJsonDocument, LoneLowSurrogateEscapeIsRejected) {
  const Parsed parsed = parse("[\"\\udc00x\"]");
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.syntax");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 8U);
}

TEST(ParseJsonDocument, UnescapedControlCharacterIsNotEchoedRaw) {
  const Parsed parsed = parse("[\"a\x01\"]");
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.syntax");
  EXPECT_EQ(parsed.diagnostics[0].message.find('\x01'), std::string::npos);
  EXPECT_EQ(parsed.diagnostics[0].excerpt, "[\"a \"]");
}

TEST(ParseJsonDocument, ReportsEveryDuplicateKeyAtItsOwnPosition) {
  const Parsed parsed = parse("{\n  \"a\": 1,\n  \"a\": 2,\n  \"b\": {\"c\": 1, \"c\": 2},\n  \"a\": 3\n}");
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.diagnostics.size(), 3U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.duplicate_key");
  EXPECT_EQ(parsed.diagnostics[0].message, duplicate_message_a);
  EXPECT_EQ(parsed.diagnostics[0].hint, "keep exactly one of them");
  EXPECT_EQ(parsed.diagnostics[0].position.line, 3U);
  EXPECT_EQ(parsed.diagnostics[0].position.column, 3U);
  EXPECT_EQ(parsed.diagnostics[1].message,
            "duplicate key \"c\" in the same object; an auditor cannot know which value counts");
  EXPECT_EQ(parsed.diagnostics[1].position.line, 4U);
  EXPECT_EQ(parsed.diagnostics[1].position.column, 17U);
  EXPECT_EQ(parsed.diagnostics[2].message, duplicate_message_a);
  EXPECT_EQ(parsed.diagnostics[2].position.line, 5U);
  EXPECT_EQ(parsed.diagnostics[2].position.column, 3U);
}

TEST(ParseJsonDocument, SameKeyInDifferentObjectsIsNotDuplicate) {
  const Parsed parsed = parse("{\"a\": {\"x\": 1}, \"b\": {\"x\": 2}, \"c\": [{\"x\": 3}, {\"x\": 4}]}");
  EXPECT_TRUE(parsed.document.has_value());
  EXPECT_EQ(parsed.diagnostics.size(), 0U);
}

TEST(ParseJsonDocument, NanIsJsonNanInfinity) {
  const Parsed parsed = parse("[1, NaN]");
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.nan_infinity");
  EXPECT_EQ(parsed.diagnostics[0].message, "NaN and Infinity are not JSON numbers");
  EXPECT_EQ(parsed.diagnostics[0].hint, nan_hint);
  EXPECT_EQ(parsed.diagnostics[0].position.column, 5U);
}

TEST(ParseJsonDocument, InfinityIsJsonNanInfinity) {
  const Parsed parsed = parse("[Infinity]");
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.nan_infinity");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 2U);
}

TEST(ParseJsonDocument, NegativeInfinityIsJsonNanInfinity) {
  const Parsed parsed = parse("{\"x\": -Infinity}");
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.nan_infinity");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 8U);
}

TEST(ParseJsonDocument, NumberBeyondDoubleIsOutOfRange) {
  const Parsed parsed = parse("{\"x\": 1e400}");
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.number_out_of_range");
  EXPECT_EQ(parsed.diagnostics[0].message, "number 1e400 is beyond the range of a double");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 7U);
}

TEST(ParseJsonDocument, NegativeNumberBeyondDoubleIsOutOfRange) {
  const Parsed parsed = parse("[-1e400]");
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].message, "number -1e400 is beyond the range of a double");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 2U);
}

TEST(ParseJsonDocument, ReportsBothIntegersBeyond64BitsAndKeepsParsing) {
  const Parsed parsed = parse("{\"big\": 18446744073709551616, \"small\": -9223372036854775809}");
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.diagnostics.size(), 2U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.integer_overflow");
  EXPECT_EQ(parsed.diagnostics[0].message,
            "integer 18446744073709551616 does not fit in 64 bits; evident never rounds a number silently");
  EXPECT_EQ(parsed.diagnostics[0].hint, "write it as a string, or as a decimal number if approximation is acceptable");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 9U);
  EXPECT_EQ(parsed.diagnostics[1].code, "json.integer_overflow");
  EXPECT_EQ(parsed.diagnostics[1].message,
            "integer -9223372036854775809 does not fit in 64 bits; evident never rounds a number silently");
  EXPECT_EQ(parsed.diagnostics[1].position.column, 40U);
}

TEST(ParseJsonDocument, AcceptsExtremesOf64BitIntegers) {
  const Parsed parsed = parse("[18446744073709551615, -9223372036854775808]");
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(parsed.diagnostics.size(), 0U);
  EXPECT_EQ(parsed.document->value()[0].get<std::uint64_t>(), 18446744073709551615U);
  EXPECT_EQ(parsed.document->value()[1].get<std::int64_t>(), INT64_MIN);
}

TEST(ParseJsonDocument, MillionOpenBracketsStopAtDepthLimit) {
  const Parsed parsed = parse(std::string(1000000, '['));
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.too_deep");
  EXPECT_EQ(parsed.diagnostics[0].message, "nesting deeper than 128 levels");
  EXPECT_EQ(parsed.diagnostics[0].hint, "raise the limit with --max-depth if this is intended");
  EXPECT_EQ(parsed.diagnostics[0].position.line, 1U);
  EXPECT_EQ(parsed.diagnostics[0].position.column, 129U);
}

TEST(ParseJsonDocument, MillionOpenBracketsExcerptIsCut) {
  const Parsed parsed = parse(std::string(1000000, '['));
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].excerpt, "..." + std::string(120, '[') + "...");
  EXPECT_EQ(parsed.diagnostics[0].excerpt_column, 64U);
}

TEST(ParseJsonDocument, DepthLimitIsConfigurable) {
  const Parsed parsed = parse("[[[[1]]]]", JsonLimits{3, 100});
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.too_deep");
  EXPECT_EQ(parsed.diagnostics[0].message, "nesting deeper than 3 levels");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 4U);
}

TEST(ParseJsonDocument, NestingExactlyAtDepthLimitIsAccepted) {
  const Parsed parsed = parse("[{\"a\": [1]}]", JsonLimits{3, 100});
  EXPECT_TRUE(parsed.document.has_value());
  EXPECT_EQ(parsed.diagnostics.size(), 0U);
}

TEST(ParseJsonDocument, StringOverLimitIsReported) {
  const Parsed parsed = parse("[\"" + std::string(11, 'x') + "\"]", JsonLimits{128, 10});
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.string_too_long");
  EXPECT_EQ(parsed.diagnostics[0].message, "string of 11 bytes exceeds the limit of 10 bytes");
  EXPECT_EQ(parsed.diagnostics[0].hint, "raise the limit with --max-string-length if this is intended");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 2U);
}

TEST(ParseJsonDocument, StringAtLimitIsAccepted) {
  const Parsed parsed = parse("[\"" + std::string(10, 'x') + "\"]", JsonLimits{128, 10});
  EXPECT_TRUE(parsed.document.has_value());
}

TEST(ParseJsonDocument, KeyOverLimitIsReported) {
  const Parsed parsed = parse("{\"" + std::string(20, 'k') + "\": 1}", JsonLimits{128, 10});
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.string_too_long");
  EXPECT_EQ(parsed.diagnostics[0].message, "key of 20 bytes exceeds the limit of 10 bytes");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 2U);
}

TEST(ParseJsonDocument, DefaultStringLimitIs64KiB) {
  EXPECT_TRUE(parse("[\"" + std::string(65536, 'x') + "\"]").document.has_value());
  const Parsed parsed = parse("[\"" + std::string(65537, 'x') + "\"]");
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].message, "string of 65537 bytes exceeds the limit of 65536 bytes");
}

TEST(ParseJsonDocument, StringLimitCountsBytesNotCodePoints) {
  const Parsed parsed = parse("[\"\xC3\xA9\xC3\xA9\xC3\xA9\"]", JsonLimits{128, 5});
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].message, "string of 6 bytes exceeds the limit of 5 bytes");
}

TEST(ParseJsonDocument, TrailingGarbageIsSyntaxErrorAtTheGarbage) {
  const Parsed parsed = parse("{} x");
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.syntax");
  EXPECT_EQ(parsed.diagnostics[0].message,
            "syntax error while parsing value - invalid literal; last read: '{} x'; expected end of input");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 4U);
}

TEST(ParseJsonDocument, SecondDocumentIsTrailingGarbage) {
  const Parsed parsed = parse("{}\n{}");
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.syntax");
  EXPECT_EQ(parsed.diagnostics[0].message, "syntax error while parsing value - unexpected '{'; expected end of input");
  EXPECT_EQ(parsed.diagnostics[0].position.line, 2U);
  EXPECT_EQ(parsed.diagnostics[0].position.column, 1U);
}

TEST(ParseJsonDocument, TrailingCommaIsSyntaxError) {
  const Parsed parsed = parse("[1,]");
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.syntax");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 4U);
}

TEST(ParseJsonDocument, TopLevelStringParses) {
  const Parsed parsed = parse("\"x\"");
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(parsed.diagnostics.size(), 0U);
  EXPECT_EQ(parsed.document->value(), "x");
}

TEST(ParseJsonDocument, TopLevelNumberParses) {
  const Parsed parsed = parse("42");
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(parsed.document->value(), 42);
}

TEST(ParseJsonDocument, AcceptsUtf8Bom) {
  const Parsed parsed = parse("\xEF\xBB\xBF{\"a\": 1}");
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(parsed.diagnostics.size(), 0U);
  EXPECT_EQ(parsed.document->value()["a"], 1);
}

TEST(ParseJsonDocument, BomDocumentKeepsPositionsOfMembers) {
  const Parsed parsed = parse("\xEF\xBB\xBF{\"a\": 1}");
  ASSERT_TRUE(parsed.document.has_value());
  const Diagnostic diagnostic = parsed.document->diagnostic_at("/a", "c", "m");
  EXPECT_EQ(diagnostic.position.line, 1U);
  EXPECT_EQ(diagnostic.position.column, 7U);
}

TEST(ParseJsonDocument, BomDocumentRootCanBeDiagnosed) {
  const Parsed parsed = parse("\xEF\xBB\xBF[]");
  ASSERT_TRUE(parsed.document.has_value());
  const Diagnostic diagnostic = parsed.document->diagnostic_at("", "c", "m");
  EXPECT_EQ(diagnostic.position.line, 1U);
  EXPECT_EQ(diagnostic.position.column, 1U);
  EXPECT_EQ(diagnostic.excerpt, "[]");
}

TEST(ParseJsonDocument, GarbageAfterBomIsSyntaxErrorAtColumnOne) {
  const Parsed parsed = parse("\xEF\xBB\xBFx");
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(parsed.diagnostics[0].code, "json.syntax");
  EXPECT_EQ(parsed.diagnostics[0].position.column, 1U);
  EXPECT_EQ(parsed.diagnostics[0].excerpt, "x");
}

TEST(ParseJsonDocument, KeepsFileNameAndText) {
  const Parsed parsed = parse("{}");
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(parsed.document->file(), "f.json");
  EXPECT_EQ(parsed.document->text(), "{}");
}

class PositionedDocument : public ::testing::Test {
 protected:
  // Line 2: `  "a": [10, 20,`; the value 20 starts at column 13, the key "a" at column 3.
  Parsed parsed = parse("{\n  \"a\": [10, 20,\n    30],\n  \"b\": {\"c\": true}\n}");

  SourcePosition at(std::string_view pointer, bool at_key = false) const {
    return parsed.document->diagnostic_at(pointer, "test.code", "message", at_key).position;
  }
};

TEST_F(PositionedDocument, Parses) {
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(parsed.diagnostics.size(), 0U);
}

TEST_F(PositionedDocument, RootIsAtFirstByte) {
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(at("").line, 1U);
  EXPECT_EQ(at("").column, 1U);
}

TEST_F(PositionedDocument, ArrayElementIsAtItsValue) {
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(at("/a/1").line, 2U);
  EXPECT_EQ(at("/a/1").column, 13U);
}

TEST_F(PositionedDocument, ArrayElementOnNextLineIsAtItsValue) {
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(at("/a/2").line, 3U);
  EXPECT_EQ(at("/a/2").column, 5U);
}

TEST_F(PositionedDocument, MemberIsAtItsValue) {
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(at("/a").line, 2U);
  EXPECT_EQ(at("/a").column, 8U);
  EXPECT_EQ(at("/b/c").line, 4U);
  EXPECT_EQ(at("/b/c").column, 14U);
}

TEST_F(PositionedDocument, AtKeyGivesTheKeyPosition) {
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(at("/a", true).line, 2U);
  EXPECT_EQ(at("/a", true).column, 3U);
  EXPECT_EQ(at("/b/c", true).line, 4U);
  EXPECT_EQ(at("/b/c", true).column, 9U);
}

TEST_F(PositionedDocument, AtKeyOnArrayElementGivesTheValue) {
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(at("/a/0", true).column, 9U);
}

TEST_F(PositionedDocument, UnknownMemberFallsBackToItsParentValue) {
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(at("/b/zz").line, 4U);
  EXPECT_EQ(at("/b/zz").column, 8U);
}

TEST_F(PositionedDocument, UnknownMemberAtKeyFallsBackToParentValueNotKey) {
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(at("/b/zz", true).column, 8U);
}

TEST_F(PositionedDocument, DeepUnknownPointerFallsBackToNearestRecordedAncestor) {
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(at("/a/9/x").line, 2U);
  EXPECT_EQ(at("/a/9/x").column, 8U);
}

TEST_F(PositionedDocument, UnknownTopLevelPointerFallsBackToRoot) {
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(at("/nothing").line, 1U);
  EXPECT_EQ(at("/nothing").column, 1U);
}

TEST_F(PositionedDocument, DiagnosticCarriesCodeMessageFilePointerAndExcerpt) {
  ASSERT_TRUE(parsed.document.has_value());
  const Diagnostic diagnostic = parsed.document->diagnostic_at("/a/1", "test.code", "message");
  EXPECT_EQ(diagnostic.code, "test.code");
  EXPECT_EQ(diagnostic.message, "message");
  EXPECT_EQ(diagnostic.file, "f.json");
  EXPECT_EQ(diagnostic.pointer, "/a/1");
  EXPECT_EQ(diagnostic.excerpt, "  \"a\": [10, 20,");
  EXPECT_EQ(diagnostic.excerpt_column, 13U);
}

TEST_F(PositionedDocument, FallbackKeepsTheRequestedPointer) {
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(parsed.document->diagnostic_at("/b/zz", "c", "m").pointer, "/b/zz");
}

TEST(JsonDocumentPositions, KeyWithSlashAndTildeIsFoundByEscapedPointer) {
  const Parsed parsed = parse("{\"a/b\": {\"~\": 7}}");
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(parsed.document->diagnostic_at("/a~1b/~0", "c", "m").position.column, 15U);
  EXPECT_EQ(parsed.document->diagnostic_at("/a~1b/~0", "c", "m", true).position.column, 10U);
}

TEST(JsonDocumentPositions, ColumnsCountCodePointsNotBytes) {
  const Parsed parsed = parse("{\"\xC3\xA9t\xC3\xA9\": \"\xE2\x82\xAC\", \"x\": 1}");
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(parsed.document->diagnostic_at("/x", "c", "m").position.column, 19U);
}

TEST(JsonDocumentPositions, PositionsSurviveAMove) {
  Parsed parsed = parse("[\n  true\n]");
  ASSERT_TRUE(parsed.document.has_value());
  const JsonDocument moved = std::move(*parsed.document);
  EXPECT_EQ(moved.diagnostic_at("/0", "c", "m").position.line, 2U);
  EXPECT_EQ(moved.diagnostic_at("/0", "c", "m").excerpt, "  true");
}

TEST(JsonDocumentValueOffset, IsTheFirstByteOfTheValue) {
  const Parsed parsed = parse("{\"a\": [10, \"x\"], \"b\": {}}");
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(parsed.document->value_offset(""), 0U);
  EXPECT_EQ(parsed.document->value_offset("/a"), 6U);
  EXPECT_EQ(parsed.document->value_offset("/a/1"), 11U);
  EXPECT_EQ(parsed.document->value_offset("/b"), 22U);
  EXPECT_EQ(parsed.document->value_offset("/c"), std::nullopt);
  EXPECT_EQ(parsed.document->value_offset("/a/2"), std::nullopt);
}

TEST(JsonDocumentOrderedValue, KeepsTheMembersInTheOrderWritten) {
  const Parsed parsed = parse("{\"z\": 1, \"a\": {\"y\": [true, {\"q\": null, \"b\": 2.5}], \"c\": \"s\"}, \"m\": []}");
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(parsed.document->value().dump(), R"({"a":{"c":"s","y":[true,{"b":2.5,"q":null}]},"m":[],"z":1})");
  EXPECT_EQ(parsed.document->ordered_value("")->dump(),
            R"({"z":1,"a":{"y":[true,{"q":null,"b":2.5}],"c":"s"},"m":[]})");
  EXPECT_EQ(parsed.document->ordered_value("/a/y/1")->dump(), R"({"q":null,"b":2.5})");
  EXPECT_EQ(parsed.document->ordered_value("/z")->dump(), "1");
  EXPECT_EQ(parsed.document->ordered_value("/x"), std::nullopt);
  EXPECT_EQ(parsed.document->ordered_value("/a/y/2"), std::nullopt);
  EXPECT_EQ(parsed.document->ordered_value("/a/y/b"), std::nullopt);
  EXPECT_EQ(parsed.document->ordered_value("/z/0"), std::nullopt);
}

TEST(JsonDocumentWrittenAs, ValuesComeFromTheParsedTextExcerptsFromTheWrittenOne) {
  std::vector<Diagnostic> diagnostics;
  const auto document =
      parse_json_document_written_as("f.json", "{\"a\":\n [\"N\", 1]}", "{\"a\":\n [NaN, 1]}", {}, diagnostics);
  ASSERT_TRUE(document.has_value());
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(document->value().dump(), R"({"a":["N",1]})");
  EXPECT_EQ(document->text(), "{\"a\":\n [NaN, 1]}");
  const Diagnostic diagnostic = document->diagnostic_at("/a/1", "c", "m");
  EXPECT_EQ(diagnostic.position.line, 2U);
  EXPECT_EQ(diagnostic.position.column, 8U);
  EXPECT_EQ(diagnostic.excerpt, " [NaN, 1]}");
}

TEST(JsonDocumentWrittenAs, ProblemsShowTheWrittenText) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(
      parse_json_document_written_as("f.json", "{\"a\": [\"N\", 1}", "{\"a\": [NaN, 1}", {}, diagnostics).has_value());
  const Parsed parsed = parse("{\"a\": [\"N\", 1}");
  ASSERT_EQ(diagnostics.size(), 1U);
  ASSERT_EQ(parsed.diagnostics.size(), 1U);
  EXPECT_EQ(diagnostics[0].code, "json.syntax");
  EXPECT_EQ(diagnostics[0].message, parsed.diagnostics[0].message);
  EXPECT_EQ(diagnostics[0].file, "f.json");
  EXPECT_EQ(diagnostics[0].position.line, 1U);
  EXPECT_EQ(diagnostics[0].position.column, parsed.diagnostics[0].position.column);
  EXPECT_EQ(diagnostics[0].excerpt, "{\"a\": [NaN, 1}");
  EXPECT_EQ(parsed.diagnostics[0].excerpt, "{\"a\": [\"N\", 1}");
}

}  // namespace
}  // namespace evident::io
