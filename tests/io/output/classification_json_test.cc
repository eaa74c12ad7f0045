#include "io/output/classification_json.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/output/classification_text.h"
#include "io/output/verdict_render.h"
#include "io/schema/evidence_classification.h"
#include "io/schema/schema_registry.h"

namespace evident::io {
namespace {

const std::string digest(64, 'a');  // the schema asks for a SHA-256 in hex

void expect_matches_schema(const nlohmann::ordered_json& report) {
  const DocumentKind* kind = find_kind(report.at("schema_version").get<std::string>());
  ASSERT_NE(kind, nullptr);
  for (const SchemaViolation& violation : schema_for(*kind).validate(nlohmann::json::parse(report.dump())))
    ADD_FAILURE() << violation.pointer << ": " << violation.description;
}

// A hand-made result: one isolated run and one file that is not evidence.
ClassificationResult sample(std::optional<RunClass> required) {
  ClassificationResult result;
  result.policy_name = "default";
  result.policy_version = 3;
  result.policy_sha256 = digest;
  result.required = required;
  ClassifiedFile isolated;
  isolated.path = "a.json";
  isolated.valid = true;
  isolated.verdict =
      Verdict{RunClass::isolated_affinity, RunClass::isolated_affinity, {}, {}, std::nullopt, "default", digest};
  ClassifiedFile broken;
  broken.path = "b.json";
  Diagnostic syntax;
  syntax.code = "json.syntax";
  syntax.file = "b.json";
  syntax.message = "not JSON";
  broken.diagnostics.push_back(syntax);
  result.files = {isolated, broken};
  result.tally = tally(result.files);
  return result;
}

TEST(ClassificationJson, WritesThePolicyEachFileAndTheSummary) {
  const nlohmann::ordered_json report = classification_json(sample(std::nullopt));
  EXPECT_EQ(report["schema_version"], "evident/classification/1");
  EXPECT_EQ(report["policy"].dump(), R"({"name":"default","version":3,"sha256":")" + digest + R"("})");
  EXPECT_FALSE(report.contains("require_class"));
  ASSERT_EQ(report["files"].size(), 2U);
  EXPECT_EQ(report["files"][0]["path"], "a.json");
  EXPECT_EQ(report["files"][0]["valid"], true);
  EXPECT_EQ(report["files"][0]["verdict"], verdict_json(*sample(std::nullopt).files[0].verdict));
  EXPECT_FALSE(report["files"][0].contains("required_class"));
  EXPECT_EQ(report["files"][1]["verdict"], nullptr);
  EXPECT_EQ(report["files"][1]["diagnostics"][0]["code"], "json.syntax");
  EXPECT_EQ(report["diagnostics"], nlohmann::ordered_json::array());
  EXPECT_EQ(report["summary"].dump(),
            R"({"files":2,"isolated_affinity":1,"functional_non_isolated":0,"over_claimed":0,"invalid":1})");
  expect_matches_schema(report);
}

TEST(ClassificationJson, WithARequiredClassSaysWhichRunsMissIt) {
  const nlohmann::ordered_json report = classification_json(sample(RunClass::isolated_affinity));
  EXPECT_EQ(report["require_class"], "isolated_affinity");
  EXPECT_EQ(report["files"][0]["required_class"], nullptr);
  EXPECT_EQ(report["summary"]["not_required_class"], 0);
  expect_matches_schema(report);
}

TEST(ClassificationJson, RealVerdictsMatchTheSchema) {
  const std::vector<FileValidation> files =
      validate_files({"fixtures/evidence/classification/several-failures.json", "fixtures/gates/baseline.json",
                      "fixtures/evidence/classification/under-claim.json"},
                     ValidationOptions{});
  std::vector<ClassifiedFile> classified;
  for (const FileValidation& file : files)
    classified.push_back(classify_file(file, default_policy(), RunClass::functional_non_isolated));
  const ClassificationResult result =
      classification_result(std::move(classified), {}, default_policy(), RunClass::functional_non_isolated);
  const nlohmann::ordered_json report = classification_json(result);
  EXPECT_EQ(report["summary"]["files"], 3);
  EXPECT_EQ(report["summary"]["invalid"], 1);
  expect_matches_schema(report);
}

TEST(ClassificationText, PrintsEachFileUnderItsHeaderThenTheTally) {
  EXPECT_EQ(classification_text(sample(std::nullopt), false),
            "a.json: claimed isolated_affinity, derived isolated_affinity\n"
            "b.json: not classified: invalid evidence\n"
            "b.json: error[json.syntax]: not JSON\n"
            "2 files classified: 1 isolated_affinity, 0 functional_non_isolated, 0 over-claimed, 1 invalid; "
            "policy default (sha256 " +
                digest + ")\n");
  const std::string required = classification_text(sample(RunClass::isolated_affinity), false);
  EXPECT_NE(required.find(", 1 invalid, 0 not isolated_affinity as required; policy default"), std::string::npos)
      << required;
}

}  // namespace
}  // namespace evident::io
