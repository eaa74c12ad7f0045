// The helpers every importer shares (io/import/importers.cc): bare NaN/Infinity in JSON, the empty-input
// check, type names for messages and the evidence parameter rules.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/import/importer.h"

namespace evident::io {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

struct Parsed {
  std::optional<JsonDocument> document;
  std::vector<Diagnostic> problems;
};

Parsed parse(std::string text, bool allow_non_finite = true) {
  Parsed parsed;
  const ImportSource source{"in.json", std::move(text), JsonLimits{}};
  parsed.document = parse_import_json(source, parsed.problems, allow_non_finite);
  return parsed;
}

std::optional<std::string_view> non_finite(const JsonDocument& document, const std::string& pointer) {
  return non_finite_at(document, pointer, document.value().at(json::json_pointer(pointer)));
}

// --- parse_import_json and non_finite_at ------------------------------------------------------

TEST(ImportJson, StrictFileIsReadAsWritten) {
  const Parsed parsed = parse(R"({"a": "N", "b": 1.5, "c": "-Infini"})");
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_TRUE(parsed.problems.empty());
  EXPECT_EQ(parsed.document->text(), R"({"a": "N", "b": 1.5, "c": "-Infini"})");
  EXPECT_EQ(parsed.document->value().at("a"), "N");
  EXPECT_EQ(non_finite(*parsed.document, "/a"), std::nullopt);
  EXPECT_EQ(non_finite(*parsed.document, "/b"), std::nullopt);
  EXPECT_EQ(non_finite(*parsed.document, "/c"), std::nullopt);
}

TEST(ImportJson, BareTokensAreFoundAtTheirPointers) {
  const Parsed parsed = parse(R"({"a": NaN, "b": [1, Infinity, -Infinity], "c": {"d": NaN}})");
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_TRUE(parsed.problems.empty());
  EXPECT_EQ(non_finite(*parsed.document, "/a"), "NaN");
  EXPECT_EQ(non_finite(*parsed.document, "/b/0"), std::nullopt);
  EXPECT_EQ(non_finite(*parsed.document, "/b/1"), "Infinity");
  EXPECT_EQ(non_finite(*parsed.document, "/b/2"), "-Infinity");
  EXPECT_EQ(non_finite(*parsed.document, "/c/d"), "NaN");
  EXPECT_EQ(non_finite(*parsed.document, "/c"), std::nullopt);
}

TEST(ImportJson, RealStringsLikeTheStandInsStayStrings) {
  const Parsed parsed = parse(R"({"a": "N", "b": NaN, "c": "Infini", "d": Infinity, "e": "-Infini", "f": -Infinity})");
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(non_finite(*parsed.document, "/a"), std::nullopt);
  EXPECT_EQ(non_finite(*parsed.document, "/b"), "NaN");
  EXPECT_EQ(non_finite(*parsed.document, "/c"), std::nullopt);
  EXPECT_EQ(non_finite(*parsed.document, "/d"), "Infinity");
  EXPECT_EQ(non_finite(*parsed.document, "/e"), std::nullopt);
  EXPECT_EQ(non_finite(*parsed.document, "/f"), "-Infinity");
  EXPECT_EQ(parsed.document->value().at("a"), "N");
}

TEST(ImportJson, TokensInsideStringsAndNamesAreNotBare) {
  const Parsed parsed = parse(R"({"NaN": "x NaN \" Infinity", "b": NaN})");
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(parsed.document->value().at("NaN"), "x NaN \" Infinity");
  EXPECT_EQ(non_finite(*parsed.document, "/b"), "NaN");
  EXPECT_FALSE(parse("[NaNa]").document.has_value());
}

TEST(ImportJson, WithoutAllowNonFiniteABareTokenIsAJsonError) {
  const Parsed parsed = parse("{\"a\": NaN}", false);
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.problems.size(), 1U);
  EXPECT_EQ(parsed.problems[0].code, "json.nan_infinity");
  EXPECT_EQ(parsed.problems[0].position.column, 7U);
}

TEST(ImportJson, ExcerptsShowTheTextAsWritten) {
  const std::string text = "{\n  \"a\": 1,\n  \"b\": [NaN, -Infinity]\n}\n";
  const Parsed parsed = parse(text);
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_EQ(parsed.document->text(), text);
  const Diagnostic at_nan = parsed.document->diagnostic_at("/b/0", "c", "m");
  EXPECT_EQ(at_nan.position.line, 3U);
  EXPECT_EQ(at_nan.position.column, 9U);
  EXPECT_EQ(at_nan.excerpt, "  \"b\": [NaN, -Infinity]");
  EXPECT_EQ(at_nan.excerpt_column, 9U);
  const Diagnostic at_infinity = parsed.document->diagnostic_at("/b/1", "c", "m");
  EXPECT_EQ(at_infinity.position.column, 14U);
  EXPECT_EQ(at_infinity.excerpt, "  \"b\": [NaN, -Infinity]");
}

TEST(ImportJson, TruncatedFileWithNanReportsTheTruncationInTheTextAsWritten) {
  const Parsed parsed = parse("{\"a\": 1,\n\"b\": [NaN, 2");
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.problems.size(), 1U);
  EXPECT_EQ(parsed.problems[0].code, "json.truncated");
  EXPECT_EQ(parsed.problems[0].file, "in.json");
  EXPECT_EQ(parsed.problems[0].position.line, 2U);
  EXPECT_EQ(parsed.problems[0].excerpt, "\"b\": [NaN, 2");
}

TEST(ImportJson, BrokenFileWithoutBareTokensReportsEachProblemOnce) {
  const Parsed parsed = parse("{\"a\": 1,}");
  EXPECT_FALSE(parsed.document.has_value());
  ASSERT_EQ(parsed.problems.size(), 1U);
  EXPECT_EQ(parsed.problems[0].code, "json.syntax");
  EXPECT_EQ(parsed.problems[0].excerpt, "{\"a\": 1,}");
}

// --- empty_input ------------------------------------------------------------------------------

TEST(ImportEmptyInput, OnlyWhitespaceIsEmpty) {
  for (const std::string text : {"", " \n\t\r\n"}) {
    std::vector<Diagnostic> problems;
    EXPECT_TRUE(empty_input(ImportSource{"in.json", text, JsonLimits{}}, "nothing in it", problems));
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_EQ(problems[0].code, "import.empty");
    EXPECT_EQ(problems[0].severity, Severity::error);
    EXPECT_EQ(problems[0].message, "nothing in it");
    EXPECT_EQ(problems[0].file, "in.json");
    EXPECT_EQ(problems[0].position.line, 1U);
    EXPECT_EQ(problems[0].position.column, 1U);
  }
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(empty_input(ImportSource{"in.json", " {}", JsonLimits{}}, "nothing in it", problems));
  EXPECT_TRUE(problems.empty());
}

// --- json_type_name ---------------------------------------------------------------------------

TEST(ImportJsonTypeName, NamesEachKindForAMessage) {
  EXPECT_EQ(json_type_name(json(1)), "an integer");
  EXPECT_EQ(json_type_name(json(-1)), "an integer");
  EXPECT_EQ(json_type_name(json(1.5)), "a number");
  EXPECT_EQ(json_type_name(json("x")), "a string");
  EXPECT_EQ(json_type_name(json(true)), "a boolean");
  EXPECT_EQ(json_type_name(json(nullptr)), "null");
  EXPECT_EQ(json_type_name(json::array()), "an array");
  EXPECT_EQ(json_type_name(json::object()), "an object");
}

// --- Text checks -----------------------------------------------------------------------------

TEST(ImportText, OpensJsonObject) {
  EXPECT_TRUE(opens_json_object("{}"));
  EXPECT_TRUE(opens_json_object("\xEF\xBB\xBF \r\n\t{\"a\": 1"));
  EXPECT_FALSE(opens_json_object("[{}]"));
  EXPECT_FALSE(opens_json_object(" \n"));
  EXPECT_FALSE(opens_json_object(""));
  EXPECT_FALSE(opens_json_object("x{"));
}

TEST(ImportText, FitsTextLine) {
  EXPECT_TRUE(fits_text_line("Intel(R) Xeon(R) Processor", 256));
  EXPECT_TRUE(fits_text_line("\xE2\x82\xAC\xE2\x82\xAC", 2));
  EXPECT_FALSE(fits_text_line("\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC", 2));
  EXPECT_FALSE(fits_text_line("", 256));
  EXPECT_FALSE(fits_text_line(" ns", 64));
  EXPECT_FALSE(fits_text_line("ns ", 64));
  EXPECT_FALSE(fits_text_line("a\nb", 64));
  EXPECT_FALSE(fits_text_line("\xFF", 64));
}

// --- evidence_parameters ----------------------------------------------------------------------

struct Parameters {
  std::optional<ordered_json> parameters;
  std::vector<Diagnostic> problems;
  std::vector<Diagnostic> findings;
};

// The parameters of {"params": <params_json>}, each value kept as it is, except the string "refuse".
Parameters parameters_of(const std::string& text) {
  Parameters result;
  const Parsed parsed = parse(text);
  EXPECT_TRUE(parsed.document.has_value());
  if (!parsed.document) return result;
  const JsonDocument& document = *parsed.document;
  const auto convert = [&](const std::string&, const json& value,
                           const std::string& pointer) -> std::optional<ordered_json> {
    if (value == "refuse") {
      result.problems.push_back(document.diagnostic_at(pointer, "test.refused", "refused"));
      return std::nullopt;
    }
    return ordered_json(value);
  };
  result.parameters =
      evidence_parameters(document, document.value().at("params"), "/params", {"b/1", "param", "extensions.test"},
                          convert, result.problems, result.findings);
  return result;
}

std::size_t column_of(const std::string& text, const std::string& needle) { return text.find(needle) + 1; }

TEST(ImportParameters, ValuesAreKeptInKeyOrder) {
  const Parameters result = parameters_of(R"({"params": {"n": 3, "m": "x", "flag": true}})");
  ASSERT_TRUE(result.parameters.has_value());
  EXPECT_EQ(result.parameters->dump(), R"({"flag":true,"m":"x","n":3})");
  EXPECT_TRUE(result.problems.empty());
  EXPECT_TRUE(result.findings.empty());
}

TEST(ImportParameters, ALongStringIsLeftOutWithAWarning) {
  const std::string text =
      R"({"params": {"a": ")" + std::string(1025, 'v') + R"(", "b": ")" + std::string(1024, 'w') + R"("}})";
  const Parameters result = parameters_of(text);
  ASSERT_TRUE(result.parameters.has_value());
  EXPECT_EQ(*result.parameters, (ordered_json{{"b", std::string(1024, 'w')}}));
  ASSERT_EQ(result.findings.size(), 1U);
  EXPECT_EQ(result.findings[0].severity, Severity::warning);
  EXPECT_EQ(result.findings[0].code, "import.parameter_dropped");
  EXPECT_EQ(result.findings[0].message,
            "param \"a\" of benchmark \"b/1\" is longer than 1024 characters as text; it is left out of the evidence "
            "parameters (it stays in extensions.test)");
  EXPECT_EQ(result.findings[0].position.column, column_of(text, "\"vvv"));
}

TEST(ImportParameters, LengthsCountCharactersNotBytes) {
  std::string euros;
  for (int i = 0; i < 1024; ++i) euros += "\xE2\x82\xAC";
  const Parameters result = parameters_of(R"({"params": {"a": ")" + euros + R"("}})");
  ASSERT_TRUE(result.parameters.has_value());
  EXPECT_EQ(result.parameters->size(), 1U);
  EXPECT_TRUE(result.findings.empty());
}

TEST(ImportParameters, OnlyTheFirstHundredAreKept) {
  std::string params;
  for (int i = 0; i <= 101; ++i) {
    char key[8];
    std::snprintf(key, sizeof key, "p%03d", i);
    params += std::string(i == 0 ? "" : ", ") + "\"" + key + "\": " + std::to_string(i);
  }
  const std::string text = R"({"params": {)" + params + "}}";
  const Parameters result = parameters_of(text);
  ASSERT_TRUE(result.parameters.has_value());
  EXPECT_EQ(result.parameters->size(), 100U);
  EXPECT_EQ(result.parameters->back(), 99);
  ASSERT_EQ(result.findings.size(), 1U);
  EXPECT_EQ(result.findings[0].code, "import.parameter_dropped");
  EXPECT_EQ(result.findings[0].message,
            "benchmark \"b/1\" has more than 100 params; evidence keeps the first 100 (in key order), the rest stay "
            "in extensions.test");
  EXPECT_EQ(result.findings[0].position.column, column_of(text, "100, "));
}

TEST(ImportParameters, ABadNameIsAnErrorAtTheKey) {
  const std::string text = R"({"params": {"a\tb": 1, "": 2, "ok": 3}})";
  const Parameters result = parameters_of(text);
  EXPECT_FALSE(result.parameters.has_value());
  ASSERT_EQ(result.problems.size(), 2U);
  EXPECT_EQ(result.problems[0].code, "import.parameter");
  EXPECT_EQ(result.problems[0].message,
            "parameter name \"\" of benchmark \"b/1\" cannot be an evidence parameter name (1 to 200 characters "
            "without control characters)");
  EXPECT_EQ(result.problems[0].position.column, column_of(text, R"("": 2)"));
  EXPECT_EQ(result.problems[1].message,
            "parameter name \"a\\tb\" of benchmark \"b/1\" cannot be an evidence parameter name (1 to 200 characters "
            "without control characters)");
  EXPECT_EQ(result.problems[1].position.column, column_of(text, R"("a\tb")"));
  EXPECT_FALSE(parameters_of(R"({"params": {")" + std::string(201, 'k') + R"(": 1}})").parameters.has_value());
  EXPECT_TRUE(parameters_of(R"({"params": {")" + std::string(200, 'k') + R"(": 1}})").parameters.has_value());
}

TEST(ImportParameters, AValueTheConverterRefusesGivesNothing) {
  const Parameters result = parameters_of(R"({"params": {"a": "refuse", "b": 1}})");
  EXPECT_FALSE(result.parameters.has_value());
  ASSERT_EQ(result.problems.size(), 1U);
  EXPECT_EQ(result.problems[0].code, "test.refused");
}

TEST(UtcTimestamp, ConvertsAnOffsetAcrossDayMonthAndYearEnds) {
  EXPECT_EQ(utc_timestamp("2026-11-22T23:01:12+01:00", true, false), "2026-11-22T22:01:12Z");
  EXPECT_EQ(utc_timestamp("2026-12-31T23:30:00-01:00", true, false), "2027-01-01T00:30:00Z");
  EXPECT_EQ(utc_timestamp("2026-03-01T00:15:00+00:30", true, false), "2026-02-28T23:45:00Z");
  EXPECT_EQ(utc_timestamp("2024-03-01t00:15:00+01:00", true, false), "2024-02-29T23:15:00Z");
  EXPECT_EQ(utc_timestamp("2026-11-22 22:48:13z", true, false), "2026-11-22T22:48:13Z");
}

TEST(UtcTimestamp, AFractionIsKeptAsWrittenOrDropped) {
  EXPECT_EQ(utc_timestamp("2026-11-22T22:48:13.738919", false, true), "2026-11-22T22:48:13.738919Z");
  EXPECT_EQ(utc_timestamp("2026-11-22T22:48:13.738919+02:00", false, true), "2026-11-22T20:48:13.738919Z");
  EXPECT_EQ(utc_timestamp("2026-11-22T22:48:13.738919Z", true, false), "2026-11-22T22:48:13Z");
  EXPECT_EQ(utc_timestamp("2026-11-22T22:48:13.1234567891Z", true, false), "2026-11-22T22:48:13Z");
  EXPECT_EQ(utc_timestamp("2026-11-22T22:48:13.1234567891Z", true, true), std::nullopt);  // more than 9 digits
  EXPECT_EQ(utc_timestamp("2026-11-22T22:48:13.Z", true, true), std::nullopt);
}

TEST(UtcTimestamp, WithoutAZoneTheTimeIsUtcUnlessAZoneIsRequired) {
  EXPECT_EQ(utc_timestamp("2026-11-22T22:48:13", false, false), "2026-11-22T22:48:13Z");
  EXPECT_EQ(utc_timestamp("2026-11-22T22:48:13", true, false), std::nullopt);
  EXPECT_EQ(utc_timestamp("2019-03-04 11:04:55", true, false), std::nullopt);
}

TEST(UtcTimestamp, AnythingElseIsNothing) {
  for (const char* text :
       {"", "2026", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T22:60:00Z",
        "2026-11-22T22:48:61Z", "2026-11-22X22:48:13Z", "2026-11-22T22:48:13+2:00", "2026-11-22T22:48:13+24:00",
        "2026-11-22T22:48:13 UTC", "2026/11/22T22:48:13Z", "yesterday"}) {
    EXPECT_EQ(utc_timestamp(text, false, true), std::nullopt) << text;
  }
}

// --- the table and `auto` -------------------------------------------------------------------

// What `auto` picks for text: the first importer of the table whose detect() accepts it.
std::string auto_format(const std::string& text) {
  for (const Importer& importer : importers()) {
    if (importer.detect(text)) return std::string(importer.format);
  }
  return "";
}

TEST(ImportAuto, DetectsEveryFormatOnItsFixtures) {
  namespace fs = std::filesystem;
  EXPECT_EQ(importers().size(), 18U);
  std::set<std::string> detected;
  const fs::path root = fs::path(EVIDENT_SOURCE_DIR) / "fixtures/import";
  for (const auto& file : fs::recursive_directory_iterator(root)) {
    if (!file.is_regular_file()) continue;
    const fs::path relative = fs::relative(file.path(), root);
    std::string folder = relative.begin()->string();
    if (folder == "criterion-json" && relative.filename() != "sample.json") continue;  // read beside it
    if (find_importer(folder) == nullptr) continue;  // broken/, budgets/, snapshots/, gab (two formats)
    std::ifstream in(file.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    EXPECT_EQ(auto_format(text.str()), folder) << relative;
    detected.insert(folder);
  }
  // Every format but gab-smaller and gab-bigger, which auto leaves to the user.
  EXPECT_EQ(detected.size(), 16U);
}

}  // namespace
}  // namespace evident::io
