#include "io/output/classification_json.h"

#include <gtest/gtest.h>

#include <sstream>
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

// The report written file by file, with the diagnostics of no file given at the end.
std::string written(const ClassificationResult& result) {
  std::ostringstream out;
  ClassificationJsonWriter writer(out, result.policy_name, result.policy_version, result.policy_sha256,
                                  result.required);
  for (const ClassifiedFile& file : result.files) writer.add(file);
  writer.finish(result.diagnostics, result.tally);
  return out.str();
}

std::string dumped(const ClassificationResult& result) {
  return classification_json(result).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

TEST(ClassificationJsonWriter, WritesTheBytesOfTheWholeReport) {
  const ClassificationResult plain = sample(std::nullopt);
  EXPECT_EQ(written(plain), dumped(plain));
  EXPECT_TRUE(
      written(plain).starts_with("{\n"
                                 "  \"schema_version\": \"evident/classification/1\",\n"
                                 "  \"policy\": {\n"
                                 "    \"name\": \"default\",\n"
                                 "    \"version\": 3,\n"
                                 "    \"sha256\": \"aaaa"))
      << written(plain);
  ClassificationResult required = sample(RunClass::isolated_affinity);
  Diagnostic nothing;
  nothing.code = "input.nothing_found";
  nothing.message = "no evidence\nfound \xff";  // a line break and invalid UTF-8, escaped and replaced alike
  required.diagnostics = {nothing, nothing};
  EXPECT_EQ(written(required), dumped(required));
  // No file: an empty list, as the whole report prints it.
  required.files.clear();
  required.tally = tally(required.files);
  EXPECT_EQ(written(required), dumped(required));
  EXPECT_NE(written(required).find("  \"files\": [],\n  \"diagnostics\": [\n    {\n"), std::string::npos)
      << written(required);
}

TEST(ClassificationJsonWriter, WritesRealVerdictsAsTheWholeReport) {
  const std::vector<FileValidation> files =
      validate_files({"fixtures/evidence/classification/several-failures.json", "fixtures/gates/baseline.json",
                      "fixtures/evidence/classification/governor-powersave.json"},
                     ValidationOptions{});
  std::vector<ClassifiedFile> classified;
  for (const FileValidation& file : files) classified.push_back(classify_file(file, default_policy(), std::nullopt));
  const ClassificationResult result = classification_result(std::move(classified), {}, default_policy(), std::nullopt);
  EXPECT_EQ(written(result), dumped(result));
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
