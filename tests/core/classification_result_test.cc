#include "core/classification_result.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace evident {
namespace {

Diagnostic diagnostic(Severity severity, std::string file) {
  Diagnostic made;
  made.severity = severity;
  made.code = "test.code";
  made.file = std::move(file);
  made.message = "message";
  return made;
}

Verdict verdict(RunClass derived, std::optional<RunClass> claimed, bool over_claimed) {
  Verdict made;
  made.derived = derived;
  made.claimed = claimed;
  if (over_claimed) {
    RuleFinding claim;
    claim.code = "claim.over";
    made.claim_finding = claim;
  }
  return made;
}

ClassifiedFile classified(std::string path, std::optional<Verdict> found) {
  ClassifiedFile file;
  file.path = std::move(path);
  file.valid = found.has_value();
  file.verdict = std::move(found);
  return file;
}

TEST(ClassificationResult, TallyCountsEachClassOverClaimsInvalidAndRequired) {
  std::vector<ClassifiedFile> files{
      classified("isolated.json", verdict(RunClass::isolated_affinity, RunClass::isolated_affinity, false)),
      classified("over.json",
                 verdict(RunClass::functional_non_isolated, RunClass::isolated_affinity, /*over_claimed=*/true)),
      classified("honest.json", verdict(RunClass::functional_non_isolated, std::nullopt, false)),
      classified("broken.json", std::nullopt)};
  files[1].not_required = diagnostic(Severity::error, "over.json");
  // files, isolated, non_isolated, over_claimed, invalid, not_required
  EXPECT_EQ(tally(files), (ClassificationTally{4, 1, 2, 1, 1, 1}));
}

TEST(ClassificationResult, HeaderLineNamesClaimAndDerivedClassOrWhyNot) {
  EXPECT_EQ(
      header_line(classified("a.json", verdict(RunClass::functional_non_isolated, RunClass::isolated_affinity, true))),
      "a.json: claimed isolated_affinity, derived functional_non_isolated");
  EXPECT_EQ(header_line(classified("b.json", verdict(RunClass::isolated_affinity, std::nullopt, false))),
            "b.json: claimed nothing, derived isolated_affinity");
  EXPECT_EQ(header_line(classified("c.json", std::nullopt)), "c.json: not classified: invalid evidence");
  ClassifiedFile other = classified("d.json", std::nullopt);
  other.valid = true;
  EXPECT_EQ(header_line(other), "d.json: not classified: not an evidence file");
}

TEST(ClassificationResult, AClassifiedFileFailsByItsFindingsAnyOtherByItsValidation) {
  ClassificationResult result;
  result.files.push_back(classified("a.json", verdict(RunClass::isolated_affinity, std::nullopt, false)));
  // The validation diagnostics of a classified file do not count (it is valid); its findings do.
  result.files[0].diagnostics.push_back(diagnostic(Severity::error, "a.json"));
  EXPECT_EQ(exit_code_for(result), ExitCode::ok);
  result.files[0].findings.push_back(diagnostic(Severity::error, "a.json"));
  EXPECT_EQ(exit_code_for(result), ExitCode::check_failed);

  result.files[0].findings.clear();
  result.files[0].not_required = diagnostic(Severity::error, "a.json");
  EXPECT_EQ(exit_code_for(result), ExitCode::check_failed);

  ClassificationResult invalid;
  invalid.files.push_back(classified("b.json", std::nullopt));
  EXPECT_EQ(exit_code_for(invalid), ExitCode::ok);
  invalid.files[0].diagnostics.push_back(diagnostic(Severity::error, "b.json"));
  EXPECT_EQ(exit_code_for(invalid), ExitCode::check_failed);
  Diagnostic missing = diagnostic(Severity::error, "");
  missing.cannot_run = true;
  invalid.diagnostics.push_back(missing);
  EXPECT_EQ(exit_code_for(invalid), ExitCode::cannot_run);
}

}  // namespace
}  // namespace evident
