// The quick check of a schema against valijson: it never passes a document valijson rejects, and it
// serves every valid document of the project, so the fast path is the common one.
#include "io/schema/quick_schema_check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <simdjson.h>

#include "io/files/parallel.h"
#include "io/json/quick_parse.h"
#include "io/json/tree_parse.h"
#include "io/project_files.h"
#include "io/schema/schema_registry.h"
#include "io/schema/schema_validator.h"

namespace evident::io {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// "valid", "invalid" (quick check unsure, valijson finds violations), "unsure" (quick check unsure,
// valijson finds none), or a failure. The quick check on the document's DOM (dom, where
// parse_checked accepted its text) and on its tree (tree, where parse_tree did) must say what it
// says on the value.
std::string verdict(const CompiledSchema& schema, const json& document,
                    const std::optional<simdjson::dom::element>& dom = std::nullopt,
                    const std::optional<JsonTree>& tree = std::nullopt) {
  const bool quick = schema.quickly_valid(document);
  if (dom && schema.quickly_valid_in_place(*dom) != quick) return "THE DOM AND THE VALUE DISAGREE";
  if (tree && schema.quickly_valid_in_place(tree->root()) != quick) return "THE TREE AND THE VALUE DISAGREE";
  const bool valid = schema.explain(document).empty();
  if (quick && !valid) return "PASSED WHAT VALIJSON REJECTS";
  if (quick) return "valid";
  return valid ? "unsure" : "invalid";
}

std::string verdict(const char* schema, const char* document) {
  const CompiledSchema compiled = CompiledSchema::compile(json::parse(schema), nullptr);
  EXPECT_TRUE(compiled.has_quick_check()) << schema;
  return verdict(compiled, json::parse(document), parse_checked(document, {}), parse_tree(document, {}));
}

TEST(QuickSchemaCheck, EveryBuiltInSchemaHasOne) {
  for (const DocumentKind& kind : known_kinds()) EXPECT_TRUE(schema_for(kind).has_quick_check()) << kind.name;
}

TEST(QuickSchemaCheck, KeywordsAreJudgedAsValijsonJudgesThem) {
  EXPECT_EQ(verdict(R"({"type": "integer"})", "1.0"), "valid");
  EXPECT_EQ(verdict(R"({"type": "integer"})", "1.5"), "invalid");
  EXPECT_EQ(verdict(R"({"type": "integer"})", "1e300"), "invalid");
  EXPECT_EQ(verdict(R"({"type": ["string", "null"]})", "null"), "valid");
  EXPECT_EQ(verdict(R"({"enum": ["a", 1]})", "1.0"), "valid");
  EXPECT_EQ(verdict(R"({"const": 2})", "2.5"), "invalid");
  EXPECT_EQ(verdict(R"({"maxLength": 2})", R"("éé")"), "valid");
  EXPECT_EQ(verdict(R"({"maxLength": 2})", R"("ééé")"), "invalid");
  EXPECT_EQ(verdict(R"({"not": {"pattern": "^[A-Za-z]:"}})", R"("C:/x")"), "invalid");
  EXPECT_EQ(verdict(R"({"not": {"pattern": "^[A-Za-z]:"}})", R"("x/C:")"), "valid");
  EXPECT_EQ(verdict(R"({"oneOf": [{"minimum": 1}, {"maximum": 5}]})", "3"), "invalid");
  EXPECT_EQ(verdict(R"({"oneOf": [{"minimum": 1}, {"maximum": 5}]})", "7"), "valid");
  EXPECT_EQ(verdict(R"({"exclusiveMinimum": 0})", "0"), "invalid");
  EXPECT_EQ(verdict(R"({"uniqueItems": true})", "[1, 2, 1]"), "invalid");
  EXPECT_EQ(verdict(R"({"uniqueItems": true})", R"([{"a": 1}, {"a": 2}])"), "valid");
  EXPECT_EQ(verdict(R"({"additionalProperties": false, "properties": {"a": {}}})", R"({"a": 1, "b": 2})"), "invalid");
  EXPECT_EQ(verdict(R"({"propertyNames": {"maxLength": 1}})", R"({"ab": 1})"), "invalid");
  EXPECT_EQ(verdict(R"({"definitions": {"n": {"type": "number"}}, "items": {"$ref": "#/definitions/n"}})", "[1, 2.5]"),
            "valid");
  EXPECT_EQ(
      verdict(R"({"definitions": {"n": {"type": "number"}}, "items": {"$ref": "#/definitions/n"}})", R"([1, "2"])"),
      "invalid");
}

TEST(QuickSchemaCheck, WhereValijsonHasRulesOfItsOwnItLeavesTheVerdictToValijson) {
  // valijson counts a string's length up to its first NUL.
  EXPECT_EQ(verdict(R"({"maxLength": 1})", R"("a\u0000bc")"), "unsure");
  // valijson reads integers as int64.
  EXPECT_EQ(verdict(R"({"type": "integer"})", "18446744073709551615"), "unsure");
  // 1 and 1.0 are equal to nlohmann and, once 1.0 counts as an integer, to valijson: it decides.
  EXPECT_EQ(verdict(R"({"uniqueItems": true})", "[1, 1.0]"), "invalid");
}

// Items that must be numbers and nothing more (the samples of evidence and baselines) are judged on
// the DOM by their types alone, and in the tree by the count of its list of numbers: the same verdict as each item
// checked in full, on the value too.
TEST(QuickSchemaCheck, ArraysOfAnyNumbersAreJudgedByTheTypesOfTheirItems) {
  const char* numbers = R"({"type": "array", "minItems": 1, "items": {"type": "number"}})";
  EXPECT_EQ(verdict(numbers, "[1, 2.5, -0, 1e300, -7]"), "valid");
  EXPECT_EQ(verdict(numbers, "[]"), "invalid");
  EXPECT_EQ(verdict(numbers, R"([1, "2"])"), "invalid");
  EXPECT_EQ(verdict(numbers, "[1, null]"), "invalid");
  EXPECT_EQ(verdict(numbers, "[true, 1]"), "invalid");
  EXPECT_EQ(verdict(numbers, "[1, [2]]"), "invalid");
  EXPECT_EQ(verdict(numbers, R"([1, {"a": 2}])"), "invalid");
  EXPECT_EQ(verdict(numbers, "[18446744073709551615, 1]"), "unsure");
  EXPECT_EQ(verdict(numbers, R"([18446744073709551615, "1"])"), "invalid");
  EXPECT_EQ(verdict(R"({"items": {"type": ["integer", "number"]}, "uniqueItems": true})", "[1, 2.5]"), "valid");
  EXPECT_EQ(verdict(R"({"items": {"type": ["integer", "number"]}, "uniqueItems": true})", "[1, 2, 1]"), "invalid");
  EXPECT_EQ(verdict(R"({"items": {"type": "number"}, "maxItems": 2})", "[1, 2, 3]"), "invalid");
  // Items with more to say than their type: each number checked, in the tree's list too.
  EXPECT_EQ(verdict(R"({"items": {"type": "number", "minimum": 0}})", "[1, 2.5, 0]"), "valid");
  EXPECT_EQ(verdict(R"({"items": {"type": "number", "minimum": 0}})", "[1, 2.5, -1]"), "invalid");
  EXPECT_EQ(verdict(R"({"items": {"type": "integer"}})", "[1, 2.0, -3]"), "valid");
  EXPECT_EQ(verdict(R"({"items": {"type": "integer"}})", "[1, 2.5]"), "invalid");
  // Anything more than the type is checked item by item, as before.
  EXPECT_EQ(verdict(R"({"items": {"type": "number", "minimum": 0}})", "[1, -1]"), "invalid");
  EXPECT_EQ(verdict(R"({"items": {"type": "number", "enum": [1, 2]}})", "[1, 2]"), "valid");
  EXPECT_EQ(verdict(R"({"items": {"type": "number", "not": {"type": "integer"}}})", "[1.5, 2]"), "invalid");
  EXPECT_EQ(verdict(R"({"items": {"type": "integer"}})", "[1, 2.5]"), "invalid");
  EXPECT_EQ(verdict(R"({"items": {"type": ["number", "string"]}})", R"([1, "2"])"), "valid");
  EXPECT_EQ(verdict(R"({"items": false})", "[1]"), "invalid");
}

TEST(QuickSchemaCheck, SchemasWithKeywordsItDoesNotKnowHaveNone) {
  EXPECT_FALSE(CompiledSchema::compile(json::parse(R"({"multipleOf": 2})"), nullptr).has_quick_check());
  EXPECT_FALSE(CompiledSchema::compile(json::parse(R"({"format": "date-time"})"), nullptr).has_quick_check());
  EXPECT_FALSE(CompiledSchema::compile(json::parse(R"({"enum": [1.5]})"), nullptr).has_quick_check());
  EXPECT_FALSE(CompiledSchema::compile(json::parse(R"({"patternProperties": {"^a": {}}})"), nullptr).has_quick_check());
  EXPECT_TRUE(CompiledSchema::compile(json::parse(R"({"format": "uri"})"), nullptr).has_quick_check());
}

// Every JSON file of the project against every built-in schema: the quick check never passes what
// valijson rejects, and passes everything valijson accepts.
// On a worker's large stack, as the commands validate: valijson's std::regex recurses once per
// character of the hostile fixtures' long strings.
TEST(QuickSchemaCheck, AgreesWithValijsonOnEveryFileOfTheProject) {
  std::size_t valid = 0;
  std::size_t read_in_place = 0;
  std::size_t read_in_tree = 0;
  parallel_for(1, 1, [&](std::size_t) {
    for_each_project_file({"fixtures", "tests/e2e", "schemas", "evidence"},
                          [&](const fs::path& path, const std::string& text) {
                            if (path.extension() != ".json") return;
                            const json document = json::parse(text, nullptr, false);
                            if (document.is_discarded()) return;
                            const std::optional<simdjson::dom::element> dom = parse_checked(text, {});
                            const std::optional<JsonTree> tree = parse_tree(text, {});
                            if (dom) ++read_in_place;
                            if (tree) ++read_in_tree;
                            for (const DocumentKind& kind : known_kinds()) {
                              const std::string result = verdict(schema_for(kind), document, dom, tree);
                              EXPECT_NE(result, "PASSED WHAT VALIJSON REJECTS") << path.string() << " as " << kind.name;
                              EXPECT_NE(result, "unsure") << path.string() << " as " << kind.name;
                              if (result == "valid") ++valid;
                            }
                          });
  });
  EXPECT_GT(valid, 100U);
  EXPECT_GT(read_in_place, 150U);
  EXPECT_GE(read_in_tree, read_in_place);
}

}  // namespace
}  // namespace evident::io
