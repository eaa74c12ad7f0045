#include "io/schema/evidence_classification.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace evident::io {
namespace {

FileValidation validated(const std::string& path) {
  std::vector<FileValidation> files = validate_files({path}, ValidationOptions{});
  return std::move(files.front());
}

TEST(ClassifyFile, ValidEvidenceGetsItsVerdictAndLocatedFindings) {
  const ClassifiedFile file = classify_file(validated("fixtures/evidence/classification/governor-powersave.json"),
                                            default_policy(), RunClass::isolated_affinity);
  EXPECT_EQ(file.path, "fixtures/evidence/classification/governor-powersave.json");
  EXPECT_TRUE(file.valid);
  ASSERT_TRUE(file.verdict);
  EXPECT_EQ(file.verdict->derived, RunClass::functional_non_isolated);
  ASSERT_FALSE(file.findings.empty());
  EXPECT_GT(file.findings.front().position.line, 0U);
  ASSERT_TRUE(file.not_required);
  EXPECT_EQ(file.not_required->file, file.path);
}

TEST(ClassifyFile, AnIsolatedRunMeetsTheRequiredClass) {
  const ClassifiedFile file = classify_file(validated("fixtures/evidence/classification/isolated.json"),
                                            default_policy(), RunClass::isolated_affinity);
  ASSERT_TRUE(file.verdict);
  EXPECT_EQ(file.verdict->derived, RunClass::isolated_affinity);
  EXPECT_FALSE(file.not_required);
}

TEST(JudgeEvidence, GivesTheVerdictOfClassifyFileAndPlacesOnlyTheRequiredClassError) {
  const FileValidation evidence = validated("fixtures/evidence/classification/governor-powersave.json");
  const EvidenceVerdict judged = judge_evidence(evidence, default_policy(), RunClass::isolated_affinity);
  const ClassifiedFile classified = classify_file(evidence, default_policy(), RunClass::isolated_affinity);
  EXPECT_EQ(judged.verdict.derived, RunClass::functional_non_isolated);
  EXPECT_EQ(judged.verdict.failed_rules.size(), classified.verdict->failed_rules.size());
  EXPECT_EQ(judged.verdict.advisories.size(), classified.verdict->advisories.size());
  ASSERT_TRUE(judged.not_required);
  EXPECT_EQ(judged.not_required->code, classified.not_required->code);
  EXPECT_EQ(judged.not_required->position.line, classified.not_required->position.line);
  EXPECT_GT(judged.not_required->position.line, 0U);
  EXPECT_FALSE(judge_evidence(evidence, default_policy(), std::nullopt).not_required);
}

TEST(ClassifyFile, AnotherKindIsNotClassifiedAndFails) {
  const ClassifiedFile file = classify_file(validated("fixtures/gates/baseline.json"), default_policy(), std::nullopt);
  EXPECT_FALSE(file.verdict);
  EXPECT_FALSE(file.valid);
  ASSERT_FALSE(file.diagnostics.empty());
  EXPECT_EQ(file.diagnostics.back().code, "classification.not_evidence");
}

TEST(ClassificationResult, NamesThePolicyAndTalliesTheFiles) {
  const std::vector<FileValidation> files = validate_files(
      {"fixtures/evidence/classification/isolated.json", "fixtures/evidence/classification/governor-powersave.json"},
      ValidationOptions{});
  const Policy policy = default_policy();
  std::vector<ClassifiedFile> classified;
  for (const FileValidation& file : files) classified.push_back(classify_file(file, policy, std::nullopt));
  const ClassificationResult result = classification_result(std::move(classified), {}, policy, std::nullopt);
  EXPECT_EQ(result.policy_name, policy.name);
  EXPECT_EQ(result.policy_sha256, policy.sha256);
  EXPECT_FALSE(result.required);
  ASSERT_EQ(result.files.size(), 2U);
  EXPECT_EQ(result.tally.files, 2U);
  EXPECT_EQ(result.tally.isolated, 1U);
  EXPECT_EQ(result.tally.non_isolated, 1U);
  EXPECT_EQ(result.tally.invalid, 0U);
}

}  // namespace
}  // namespace evident::io
