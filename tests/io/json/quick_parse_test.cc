// The fast path of loading JSON against the locating parser: it accepts only what the locating
// parser accepts without a diagnostic, and then gives the same value, number types included.
#include "io/json/quick_parse.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <simdjson.h>

#include "io/json/json_document.h"
#include "io/json/tree_parse.h"
#include "io/project_files.h"

namespace evident::io {
namespace {

namespace fs = std::filesystem;

// The locating parser alone: parse_json_document_written_as never takes the fast path.
std::optional<JsonDocument> locate(const std::string& text, const JsonLimits& limits,
                                   std::vector<Diagnostic>& diagnostics) {
  return parse_json_document_written_as("t.json", text, text, limits, diagnostics);
}

// Equal values with equal types all the way down (nlohmann's == calls 1 and 1.0 equal).
bool identical(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!identical(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto member = a.begin(); member != a.end(); ++member) {
      const auto found = b.find(member.key());
      if (found == b.end() || !identical(member.value(), *found)) return false;
    }
    return true;
  }
  return a == b && a.dump() == b.dump();
}

// What the fast path says about text, checked against the locating parser: "quick" when it parsed
// the text (and the locating parser agrees), "located" when only the locating parser accepts it,
// "rejected" when both reject it. The check without a value (parse_checked) accepts exactly what
// parse_quickly accepts, and its DOM holds the same value; the tree of parse_tree accepts that
// too, and more only where the locating parser accepts it, with the same value.
std::string outcome(const std::string& text, const JsonLimits& limits = {}) {
  std::vector<Diagnostic> diagnostics;
  const std::optional<JsonDocument> located = locate(text, limits, diagnostics);
  const std::optional<nlohmann::json> quick = parse_quickly(text, limits);
  const std::optional<simdjson::dom::element> checked = parse_checked(text, limits);
  const std::optional<JsonTree> tree = parse_tree(text, limits);
  if (checked.has_value() != quick.has_value()) return "THE CHECK AND THE BUILD DISAGREE";
  if (checked && !identical(value_of(*checked), *quick)) return "THE CHECKED DOM HOLDS A DIFFERENT VALUE";
  if (quick && !tree) return "THE TREE REFUSES WHAT THE DOM ACCEPTS";
  if (tree && (!located || !diagnostics.empty())) return "THE TREE ACCEPTS WHAT THE LOCATING PARSER REJECTS";
  if (tree && !identical(value_of(tree->root()), located->value())) return "THE TREE HOLDS A DIFFERENT VALUE";
  if (quick) {
    if (!located || !diagnostics.empty()) return "ACCEPTED WHAT THE LOCATING PARSER REJECTS";
    if (!identical(*quick, located->value())) return "A DIFFERENT VALUE";
    return "quick";
  }
  if (tree) return "tree";
  return located ? "located" : "rejected";
}

TEST(QuickParse, ValidTextIsParsedOnTheFastPathWithTheSameNumberTypes) {
  EXPECT_EQ(outcome(R"({"a": [1, -2, 3.5, 1.0, 18446744073709551615, "x", true, null, {}]})"), "quick");
  EXPECT_EQ(outcome("-9223372036854775808"), "quick");
  EXPECT_EQ(outcome(R"("\ud83d\ude00 \u00e9")"), "quick");
  EXPECT_EQ(outcome("1E2"), "quick");
  EXPECT_EQ(outcome("-0.0"), "quick");
}

TEST(QuickParse, EverythingTheLocatingParserReportsIsLeftToIt) {
  EXPECT_EQ(outcome(R"({"a": 1, "a": 2})"), "rejected");   // duplicate key
  EXPECT_EQ(outcome("18446744073709551616"), "rejected");  // beyond 64 bits
  EXPECT_EQ(outcome("-9223372036854775809"), "rejected");
  EXPECT_EQ(outcome("1e400"), "rejected");
  EXPECT_EQ(outcome("[NaN]"), "rejected");
  EXPECT_EQ(outcome(R"("\ud800")"), "rejected");  // a lone surrogate
  EXPECT_EQ(outcome("\"\xff\""), "rejected");     // invalid UTF-8
  EXPECT_EQ(outcome("{} x"), "rejected");
  EXPECT_EQ(outcome("[1,]"), "rejected");
  EXPECT_EQ(outcome(""), "rejected");
  EXPECT_EQ(outcome("{\"a\": \"\x01\"}"), "rejected");
}

// The DOM gives -0 as the int64 0: its fast path leaves a text that may write -0 to the locating
// parser. The tree reads the sign from the text, as nlohmann does.
TEST(QuickParse, WhatTheDomCannotTellApartTheTreeReadsFromTheText) {
  EXPECT_EQ(outcome("-0"), "tree");            // signed in nlohmann, and simdjson cannot tell it from 0
  EXPECT_EQ(outcome("[0, -0]"), "tree");       // nor the 0 beside it
  EXPECT_EQ(outcome(R"(["-0", 0])"), "tree");  // "-0" is looked for in strings too
  EXPECT_EQ(outcome(R"({"a": -0, "b": [1.5, -0, 0]})"), "tree");
  EXPECT_EQ(outcome("\xEF\xBB\xBF{}"), "located");  // a byte order mark
  const std::optional<JsonTree> zeros = parse_tree(std::string("[0, -0, 1.5]"), {});
  ASSERT_TRUE(zeros.has_value());
  const nlohmann::json value = value_of(zeros->root());
  EXPECT_TRUE(value.at(0).is_number_unsigned());
  EXPECT_TRUE(value.at(1).is_number_integer());
  EXPECT_FALSE(value.at(1).is_number_unsigned());
  EXPECT_TRUE(value.at(2).is_number_float());
}

// An array of numbers is one list of doubles in the tree where a double holds every one of them,
// and values one by one where it does not: either way each keeps its value and type.
TEST(QuickParse, TheTreeKeepsEveryNumberOfAnArrayWithItsType) {
  EXPECT_EQ(outcome("[]"), "quick");
  EXPECT_EQ(outcome("[1.5, 2, -3, 0.25]"), "quick");                          // integers after a float
  EXPECT_EQ(outcome("[9007199254740992, -9007199254740992, 1.5]"), "quick");  // 2^53: a double holds it
  EXPECT_EQ(outcome("[1.5, 9007199254740993, 2]"), "quick");                  // 2^53 + 1: it does not
  EXPECT_EQ(outcome("[1.5, -9007199254740993]"), "quick");
  EXPECT_EQ(outcome("[2.5, 9223372036854775808]"), "quick");  // beyond int64
  EXPECT_EQ(outcome(R"([1.5, 2, "x", 3])"), "quick");         // something besides numbers
  EXPECT_EQ(outcome("[[1, 2.5], [], [3]]"), "quick");
  std::optional<JsonTree> held = parse_tree(std::string("[1.5, 2, -3]"), {});
  ASSERT_TRUE(held.has_value());
  ASSERT_NE(held->root().numbers(), nullptr);
  EXPECT_EQ(held->root().numbers()->values, (std::vector<double>{1.5, 2.0, -3.0}));
  const std::optional<JsonTree> apart = parse_tree(std::string("[1.5, 9007199254740993]"), {});
  ASSERT_TRUE(apart.has_value());
  ASSERT_NE(apart->root().items(), nullptr);
  EXPECT_EQ(apart->root().items()->size(), 2U);
  EXPECT_EQ(value_of(apart->root()).at(1).get<std::uint64_t>(), 9007199254740993U);
}

// The integer 0 (an exit code, an index) is unsigned in nlohmann, as every integer written without
// '-'; the fast path reads it so wherever the text writes no -0.
TEST(QuickParse, TheIntegerZeroIsReadOnTheFastPathAsUnsigned) {
  EXPECT_EQ(outcome("0"), "quick");
  EXPECT_EQ(outcome(R"({"runs": [{"index": 0, "exit_code": 0}], "captured_at": "2026-01-05T10:00:00Z"})"), "quick");
  EXPECT_EQ(outcome("[-0.0, 0, -0e1, -0E2, -05.5]"), "rejected");  // -05.5 is no JSON number
  EXPECT_EQ(outcome("[-0.0, 0, -0e1, -0E2]"), "quick");            // -0 continued is a float
  EXPECT_EQ(outcome("[-1, 0, -10]"), "quick");
  const std::optional<nlohmann::json> zero = parse_quickly(std::string("[0]"), {});
  ASSERT_TRUE(zero.has_value());
  EXPECT_TRUE(zero->at(0).is_number_unsigned());
}

TEST(QuickParse, LimitsAreTheLocatingParsersToTheLevelAndTheByte) {
  JsonLimits limits;
  limits.max_depth = 3;
  EXPECT_EQ(outcome("[[[1]]]", limits), "quick");
  EXPECT_EQ(outcome("[[[[1]]]]", limits), "rejected");
  EXPECT_EQ(outcome(R"({"a": {"b": [1]}})", limits), "quick");
  EXPECT_EQ(outcome(R"({"a": {"b": [[1]]}})", limits), "rejected");
  limits = {};
  limits.max_string_bytes = 3;
  EXPECT_EQ(outcome(R"(["abc"])", limits), "quick");
  EXPECT_EQ(outcome(R"(["abcd"])", limits), "rejected");
  EXPECT_EQ(outcome(R"({"abcd": 1})", limits), "rejected");
}

// Every JSON file of the project (fixtures, golden cases, schemas, fuzz corpora): the fast path
// never accepts what the locating parser rejects, and gives the same value where both accept.
TEST(QuickParse, AgreesWithTheLocatingParserOnEveryFileOfTheProject) {
  std::size_t files = 0;
  std::size_t quick = 0;
  for_each_project_file(
      {"fixtures", "tests", "schemas", "evidence"}, [&](const fs::path& path, const std::string& text) {
        if (path.extension() == ".cc" || path.extension() == ".h") return;
        const std::string result = outcome(text);
        ++files;
        if (result == "quick") ++quick;
        EXPECT_NE(result, "ACCEPTED WHAT THE LOCATING PARSER REJECTS") << path.string();
        EXPECT_NE(result, "A DIFFERENT VALUE") << path.string();
        EXPECT_TRUE(result == "quick" || result == "tree" || result == "located" || result == "rejected")
            << path.string() << ": " << result;
      });
  EXPECT_GT(files, 500U);
  EXPECT_GT(quick, 200U);
}

}  // namespace
}  // namespace evident::io
