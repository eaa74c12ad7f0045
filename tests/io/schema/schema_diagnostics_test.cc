// Schema violations as a person reads them, through io::validate_text on small variations of
// fixtures/evidence/valid/minimal.json.
#include "io/schema/schema_diagnostics.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/schema/document_validation.h"
#include "io/schema/schema_registry.h"
#include "io/schema/schema_validator.h"

namespace evident::io {
namespace {

using nlohmann::json;

json minimal_evidence() {
  std::ifstream in(std::string(EVIDENT_SOURCE_DIR) + "/fixtures/evidence/valid/minimal.json", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

ValidationOptions single_threaded() {
  ValidationOptions options;
  options.jobs = 1;
  return options;
}

// Validates minimal.json after change; dump(2) sorts the keys, so positions below follow
// alphabetical order ("host" is on line 17, "schema_version" on 18, "status" on 19, "suite" on 20).
FileValidation validate_changed(const std::function<void(json&)>& change) {
  json document = minimal_evidence();
  change(document);
  return validate_text("evidence.json", document.dump(2), single_threaded());
}

std::vector<std::string> codes(const FileValidation& result) {
  std::vector<std::string> list;
  for (const Diagnostic& diagnostic : result.diagnostics) list.push_back(diagnostic.code);
  return list;
}

using Codes = std::vector<std::string>;

// "evident/evidence/1, ...": the registry grows with each kind, so messages are checked against it.
std::string known_versions_listed() {
  std::string listed;
  for (const std::string& version : known_versions()) listed += (listed.empty() ? "" : ", ") + version;
  return listed;
}

TEST(SchemaDiagnostics, MinimalEvidenceIsValid) {
  const FileValidation result = validate_changed([](json&) {});
  EXPECT_TRUE(result.valid());
  EXPECT_EQ(result.kind, "evidence");
  EXPECT_EQ(result.diagnostics.size(), 0U);
}

TEST(SchemaDiagnostics, UnknownKeySuggestsTheKeyItMisspells) {
  const FileValidation result = validate_changed([](json& d) { d["host"]["hostnme"] = "box"; });
  EXPECT_FALSE(result.valid());
  ASSERT_EQ(result.diagnostics.size(), 1U);
  const Diagnostic& diagnostic = result.diagnostics[0];
  EXPECT_EQ(diagnostic.code, "schema.additional_property");
  EXPECT_EQ(diagnostic.message, "unknown property \"hostnme\" is not allowed here");
  EXPECT_EQ(diagnostic.hint, "did you mean \"hostname\"?");
  EXPECT_EQ(diagnostic.pointer, "/host/hostnme");
  EXPECT_EQ(diagnostic.file, "evidence.json");
  EXPECT_EQ(diagnostic.severity, Severity::error);
}

TEST(SchemaDiagnostics, UnknownKeyIsLocatedAtTheKey) {
  const FileValidation result = validate_changed([](json& d) { d["host"]["hostnme"] = "box"; });
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].position.line, 18U);
  EXPECT_EQ(result.diagnostics[0].position.column, 5U);
  EXPECT_EQ(result.diagnostics[0].excerpt, "    \"hostnme\": \"box\"");
  EXPECT_EQ(result.diagnostics[0].excerpt_column, 5U);
}

TEST(SchemaDiagnostics, ReportsEveryUnknownKeyOfOneObject) {
  const FileValidation result = validate_changed([](json& d) {
    d["suite"]["profil"] = "pr";
    d["suite"]["verison"] = "1.0";
  });
  ASSERT_EQ(result.diagnostics.size(), 2U);
  EXPECT_EQ(result.diagnostics[0].code, "schema.additional_property");
  EXPECT_EQ(result.diagnostics[0].message, "unknown property \"profil\" is not allowed here");
  EXPECT_EQ(result.diagnostics[0].hint, "did you mean \"profile\"?");
  EXPECT_EQ(result.diagnostics[0].pointer, "/suite/profil");
  EXPECT_EQ(result.diagnostics[0].position.line, 22U);
  EXPECT_EQ(result.diagnostics[1].code, "schema.additional_property");
  EXPECT_EQ(result.diagnostics[1].message, "unknown property \"verison\" is not allowed here");
  EXPECT_EQ(result.diagnostics[1].hint, "did you mean \"version\"?");
  EXPECT_EQ(result.diagnostics[1].pointer, "/suite/verison");
  EXPECT_EQ(result.diagnostics[1].position.line, 23U);
}

TEST(SchemaDiagnostics, UnknownKeyIsNotSuggestedAKeyTheObjectAlreadyHas) {
  const FileValidation result = validate_changed([](json& d) { d["suite"]["nmae"] = "x"; });
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "schema.additional_property");
  EXPECT_EQ(result.diagnostics[0].hint, "");
}

TEST(SchemaDiagnostics, MissingRequiredPointsAtTheObjectAndNamesTheMisspelling) {
  const FileValidation result = validate_changed([](json& d) { d["suite"] = {{"nme", "engine"}}; });
  ASSERT_EQ(codes(result), (Codes{"schema.required", "schema.additional_property"}));
  const Diagnostic& missing = result.diagnostics[0];
  EXPECT_EQ(missing.message, "missing required property \"name\"");
  EXPECT_EQ(missing.hint, "is \"nme\" a misspelling of it?");
  EXPECT_EQ(missing.pointer, "/suite");
  EXPECT_EQ(missing.position.line, 20U);
  EXPECT_EQ(missing.position.column, 12U);
  EXPECT_EQ(result.diagnostics[1].hint, "did you mean \"name\"?");
}

TEST(SchemaDiagnostics, MissingRequiredWithoutSimilarKeyHasNoHint) {
  const FileValidation result = validate_changed([](json& d) { d.erase("captured_at"); });
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "schema.required");
  EXPECT_EQ(result.diagnostics[0].message, "missing required property \"captured_at\"");
  EXPECT_EQ(result.diagnostics[0].hint, "");
  EXPECT_EQ(result.diagnostics[0].pointer, "");
  EXPECT_EQ(result.diagnostics[0].position.line, 1U);
  EXPECT_EQ(result.diagnostics[0].position.column, 1U);
}

TEST(SchemaDiagnostics, EnumListsAllowedValuesAndSuggestsTheClosest) {
  const FileValidation result = validate_changed([](json& d) { d["status"] = "pased"; });
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "schema.enum");
  EXPECT_EQ(result.diagnostics[0].message, "\"pased\" is not one of \"passed\", \"failed\"");
  EXPECT_EQ(result.diagnostics[0].hint, "did you mean \"passed\"?");
  EXPECT_EQ(result.diagnostics[0].pointer, "/status");
  EXPECT_EQ(result.diagnostics[0].position.line, 19U);
  EXPECT_EQ(result.diagnostics[0].position.column, 13U);
}

TEST(SchemaDiagnostics, EnumWithoutCloseValueHasNoSuggestion) {
  const FileValidation result = validate_changed([](json& d) { d["status"] = "exploded"; });
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "schema.enum");
  EXPECT_EQ(result.diagnostics[0].hint, "");
}

TEST(SchemaDiagnostics, WrongTypeForValueOrUnreadableListsTheForms) {
  const FileValidation result = validate_changed([](json& d) { d["host"]["hostname"] = 42; });
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "schema.any_of");
  EXPECT_EQ(result.diagnostics[0].message, "42 matches none of the allowed forms: string; or {\"unreadable\": ...}");
  EXPECT_EQ(result.diagnostics[0].pointer, "/host/hostname");
  EXPECT_EQ(result.diagnostics[0].position.line, 18U);
  EXPECT_EQ(result.diagnostics[0].position.column, 17U);
}

TEST(SchemaDiagnostics, MisspeltUnreadableIsExplainedInsideTheObjectWithoutAnyOfNoise) {
  const FileValidation result = validate_changed([](json& d) {
    d["host"]["hostname"] = {{"unreadble", "ENOENT: /etc/hostname"}};
  });
  ASSERT_EQ(codes(result), (Codes{"schema.required", "schema.additional_property"}));
  EXPECT_EQ(result.diagnostics[0].message, "missing required property \"unreadable\"");
  EXPECT_EQ(result.diagnostics[0].hint, "is \"unreadble\" a misspelling of it?");
  EXPECT_EQ(result.diagnostics[0].pointer, "/host/hostname");
  EXPECT_EQ(result.diagnostics[1].message, "unknown property \"unreadble\" is not allowed here");
  EXPECT_EQ(result.diagnostics[1].hint, "did you mean \"unreadable\"?");
  EXPECT_EQ(result.diagnostics[1].pointer, "/host/hostname/unreadble");
  EXPECT_EQ(result.diagnostics[1].position.line, 19U);
  EXPECT_EQ(result.diagnostics[1].position.column, 7U);
}

TEST(SchemaDiagnostics, WellFormedUnreadableIsValid) {
  const FileValidation result = validate_changed([](json& d) {
    d["host"]["hostname"] = {{"unreadable", "ENOENT: /etc/hostname"}};
  });
  EXPECT_TRUE(result.valid());
}

TEST(SchemaDiagnostics, MinItemsSaysOneItemInTheSingular) {
  const FileValidation result = validate_changed([](json& d) { d["command"] = json::array(); });
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "schema.min_items");
  EXPECT_EQ(result.diagnostics[0].message, "expected at least 1 item, found 0");
  EXPECT_EQ(result.diagnostics[0].pointer, "/command");
  EXPECT_EQ(result.diagnostics[0].position.line, 17U);
  EXPECT_EQ(result.diagnostics[0].position.column, 14U);
}

TEST(SchemaDiagnostics, MaxLengthCountsCharactersAndShowsTheValueShortened) {
  const FileValidation result = validate_changed([](json& d) { d["suite"]["name"] = std::string(201, 'x'); });
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "schema.max_length");
  EXPECT_EQ(result.diagnostics[0].message,
            "expected at most 200 characters, found 201: \"" + std::string(80, 'x') + "...\"");
  EXPECT_EQ(result.diagnostics[0].pointer, "/suite/name");
}

TEST(SchemaDiagnostics, MaxLengthCountsCodePointsNotBytes) {
  std::string name;
  for (int i = 0; i < 200; ++i) name += "\xC3\xA9";
  const FileValidation result = validate_changed([&](json& d) { d["suite"]["name"] = name; });
  EXPECT_TRUE(result.valid());
}

TEST(SchemaDiagnostics, MinimumNamesTheBound) {
  const FileValidation result = validate_changed([](json& d) { d["host"]["logical_cpus"] = 0; });
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "schema.minimum");
  EXPECT_EQ(result.diagnostics[0].message, "expected a number >= 1, found 0");
  EXPECT_EQ(result.diagnostics[0].pointer, "/host/logical_cpus");
  EXPECT_EQ(result.diagnostics[0].position.line, 18U);
  EXPECT_EQ(result.diagnostics[0].position.column, 21U);
}

TEST(SchemaDiagnostics, MaximumNamesTheBound) {
  const FileValidation result = validate_changed([](json& d) { d["host"]["logical_cpus"] = 9000; });
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "schema.maximum");
  EXPECT_EQ(result.diagnostics[0].message, "expected a number <= 8192, found 9000");
}

TEST(SchemaDiagnostics, TypeErrorNamesExpectedAndFoundTypes) {
  const FileValidation result = validate_changed([](json& d) { d["benchmarks"] = json::object(); });
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "schema.type");
  EXPECT_EQ(result.diagnostics[0].message, "expected array, found object {}");
  EXPECT_EQ(result.diagnostics[0].pointer, "/benchmarks");
  EXPECT_EQ(result.diagnostics[0].position.line, 2U);
  EXPECT_EQ(result.diagnostics[0].position.column, 17U);
}

TEST(SchemaDiagnostics, TypeErrorCallsAnIntegerAnInteger) {
  const FileValidation result = validate_changed([](json& d) { d["suite"]["name"] = 5; });
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].message, "expected string, found integer 5");
}

TEST(SchemaDiagnostics, DiagnosticsAreSortedByPosition) {
  const FileValidation result = validate_changed([](json& d) {
    d["status"] = "pased";
    d["benchmarks"] = json::object();
    d["suite"]["profil"] = "pr";
  });
  ASSERT_EQ(codes(result), (Codes{"schema.type", "schema.enum", "schema.additional_property"}));
  // "benchmarks": {} takes one line instead of 13, so the later lines move up by 12.
  EXPECT_EQ(result.diagnostics[0].position.line, 2U);
  EXPECT_EQ(result.diagnostics[1].position.line, 7U);
  EXPECT_EQ(result.diagnostics[2].position.line, 10U);
}

TEST(SchemaDiagnostics, UnknownSchemaVersionSuggestsTheClosestKnownOne) {
  const FileValidation result = validate_changed([](json& d) { d["schema_version"] = "evident/evidense/1"; });
  EXPECT_FALSE(result.valid());
  EXPECT_EQ(result.kind, "");
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "document.schema_version_unknown");
  EXPECT_EQ(result.diagnostics[0].message,
            "unknown schema_version \"evident/evidense/1\"; this build knows " + known_versions_listed());
  EXPECT_EQ(result.diagnostics[0].hint, "did you mean \"evident/evidence/1\"?");
  EXPECT_EQ(result.diagnostics[0].pointer, "/schema_version");
  EXPECT_EQ(result.diagnostics[0].position.line, 18U);
  EXPECT_EQ(result.diagnostics[0].position.column, 21U);
}

TEST(SchemaDiagnostics, NonStringSchemaVersionIsUnknown) {
  const FileValidation result = validate_changed([](json& d) { d["schema_version"] = 1; });
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "document.schema_version_unknown");
  EXPECT_EQ(result.diagnostics[0].message, "\"schema_version\" must be a string, found 1");
}

TEST(SchemaDiagnostics, MissingSchemaVersionListsKnownVersions) {
  const FileValidation result = validate_changed([](json& d) { d.erase("schema_version"); });
  EXPECT_FALSE(result.valid());
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "document.schema_version_missing");
  EXPECT_EQ(result.diagnostics[0].message, "missing \"schema_version\"; evident cannot tell what kind of file this is");
  EXPECT_EQ(result.diagnostics[0].hint, "this build knows " + known_versions_listed());
  EXPECT_EQ(result.diagnostics[0].pointer, "");
  EXPECT_EQ(result.diagnostics[0].position.line, 1U);
  EXPECT_EQ(result.diagnostics[0].position.column, 1U);
}

TEST(SchemaDiagnostics, ArrayIsNotAnObject) {
  const FileValidation result = validate_text("evidence.json", "[1, 2]", single_threaded());
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "document.not_an_object");
  EXPECT_EQ(result.diagnostics[0].message, "expected a JSON object with \"schema_version\", found an array of 2 items");
  EXPECT_EQ(result.diagnostics[0].position.line, 1U);
  EXPECT_EQ(result.diagnostics[0].position.column, 1U);
}

TEST(SchemaDiagnostics, TopLevelStringIsNotAnObject) {
  const FileValidation result = validate_text("evidence.json", "\"evident/evidence/1\"", single_threaded());
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "document.not_an_object");
  EXPECT_EQ(result.diagnostics[0].message,
            "expected a JSON object with \"schema_version\", found \"evident/evidence/1\"");
}

TEST(SchemaDiagnostics, ParseErrorStopsBeforeSchemaChecks) {
  const FileValidation result = validate_text("evidence.json", "{\"schema_version\": ", single_threaded());
  EXPECT_FALSE(result.document.has_value());
  EXPECT_EQ(codes(result), Codes{"json.truncated"});
}

TEST(SchemaDiagnostics, BomDocumentWithoutSchemaVersionIsDiagnosed) {
  const FileValidation result = validate_text("evidence.json", "\xEF\xBB\xBF{}", single_threaded());
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "document.schema_version_missing");
}

TEST(DescribeValue, QuotesStringsAndSummarisesContainers) {
  EXPECT_EQ(describe_value(json("a\"b")), "\"a\\\"b\"");
  EXPECT_EQ(describe_value(json::object()), "{}");
  EXPECT_EQ(describe_value(json::array()), "[]");
  EXPECT_EQ(describe_value(json{{"a", 1}}), "an object with 1 key");
  EXPECT_EQ(describe_value(json::array({1, 2})), "an array of 2 items");
  EXPECT_EQ(describe_value(json(nullptr)), "null");
  EXPECT_EQ(describe_value(json(1.5)), "1.5");
}

// A schema given with --schema: validated whatever the document's schema_version says.
class CustomSchema : public ::testing::Test {
 protected:
  CompiledSchema schema =
      CompiledSchema::compile(json::parse(R"({
        "type": "object",
        "required": ["count", "mode"],
        "additionalProperties": false,
        "properties": {
          "count": {"type": "integer", "minimum": 3},
          "mode": {"enum": ["fast", "slow"]},
          "tags": {"type": "array", "maxItems": 2}
        }
      })"),
                              [](const std::string&) -> std::optional<json> { return std::nullopt; });

  FileValidation validate(std::string text) const {
    ValidationOptions options = single_threaded();
    options.schema = &schema;
    return validate_text("custom.json", std::move(text), options);
  }
};

TEST_F(CustomSchema, ValidDocumentNeedsNoSchemaVersion) {
  const FileValidation result = validate("{\"count\": 3, \"mode\": \"fast\"}");
  EXPECT_TRUE(result.valid());
  EXPECT_EQ(result.kind, "");
}

TEST_F(CustomSchema, ExplainsEachViolationAtItsPosition) {
  const FileValidation result = validate("{\n  \"count\": 1,\n  \"mode\": \"fats\",\n  \"colour\": 2\n}");
  ASSERT_EQ(codes(result), (Codes{"schema.minimum", "schema.enum", "schema.additional_property"}));
  EXPECT_EQ(result.diagnostics[0].message, "expected a number >= 3, found 1");
  EXPECT_EQ(result.diagnostics[0].position.line, 2U);
  EXPECT_EQ(result.diagnostics[0].position.column, 12U);
  EXPECT_EQ(result.diagnostics[1].message, "\"fats\" is not one of \"fast\", \"slow\"");
  EXPECT_EQ(result.diagnostics[1].hint, "did you mean \"fast\"?");
  EXPECT_EQ(result.diagnostics[1].position.line, 3U);
  EXPECT_EQ(result.diagnostics[2].message, "unknown property \"colour\" is not allowed here");
  EXPECT_EQ(result.diagnostics[2].position.line, 4U);
  EXPECT_EQ(result.diagnostics[2].position.column, 3U);
}

TEST_F(CustomSchema, MissingRequiredIsReportedAtTheRoot) {
  const FileValidation result = validate("{\"count\": 3}");
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "schema.required");
  EXPECT_EQ(result.diagnostics[0].message, "missing required property \"mode\"");
  EXPECT_EQ(result.diagnostics[0].pointer, "");
}

TEST_F(CustomSchema, MaxItemsSaysItemsInThePlural) {
  const FileValidation result = validate("{\"count\": 3, \"mode\": \"slow\", \"tags\": [1, 2, 3]}");
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].code, "schema.max_items");
  EXPECT_EQ(result.diagnostics[0].message, "expected at most 2 items, found 3");
}

TEST_F(CustomSchema, OverridesTheSchemaThatSchemaVersionNames) {
  const FileValidation result =
      validate("{\"schema_version\": \"evident/evidence/1\", \"count\": 3, \"mode\": \"fast\"}");
  EXPECT_EQ(codes(result), Codes{"schema.additional_property"});
}

}  // namespace
}  // namespace evident::io
