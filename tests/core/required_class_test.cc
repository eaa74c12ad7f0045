#include "core/required_class.h"

#include <gtest/gtest.h>

namespace evident {
namespace {

Verdict verdict_deriving(RunClass derived, std::vector<std::string> failed_codes) {
  Verdict verdict;
  verdict.derived = derived;
  for (std::string& code : failed_codes) {
    RuleFinding finding;
    finding.code = std::move(code);
    verdict.failed_rules.push_back(std::move(finding));
  }
  return verdict;
}

TEST(RequiredClass, NothingWhenTheRunDerivesTheRequiredClass) {
  EXPECT_FALSE(
      required_class_diagnostic(verdict_deriving(RunClass::isolated_affinity, {}), RunClass::isolated_affinity));
  EXPECT_FALSE(required_class_diagnostic(verdict_deriving(RunClass::functional_non_isolated, {"load.after_too_high"}),
                                         RunClass::functional_non_isolated));
}

TEST(RequiredClass, NamesBothClassesAndEveryFailedRule) {
  const std::optional<Diagnostic> diagnostic = required_class_diagnostic(
      verdict_deriving(RunClass::functional_non_isolated,
                       {"runner.label_missing", "governor.unreadable", "governor.unreadable"}),
      RunClass::isolated_affinity);
  ASSERT_TRUE(diagnostic);
  EXPECT_EQ(diagnostic->severity, Severity::error);
  EXPECT_EQ(diagnostic->code, "classify.required_class");
  EXPECT_EQ(diagnostic->pointer, "/classification");
  EXPECT_EQ(diagnostic->message,
            "the run derives functional_non_isolated, but isolated_affinity is required; failed rules: "
            "runner.label_missing, governor.unreadable");
  EXPECT_EQ(diagnostic->hint,
            "fix each failed rule (docs/classification.md lists what each code needs); on the benchmark host, evident "
            "doctor lists every blocker");
  EXPECT_FALSE(diagnostic->cannot_run);
}

TEST(RequiredClass, AnIsolatedRunFailsARequirementOfFunctionalNonIsolated) {
  const std::optional<Diagnostic> diagnostic =
      required_class_diagnostic(verdict_deriving(RunClass::isolated_affinity, {}), RunClass::functional_non_isolated);
  ASSERT_TRUE(diagnostic);
  EXPECT_EQ(diagnostic->message, "the run derives isolated_affinity, but functional_non_isolated is required");
  EXPECT_EQ(diagnostic->hint,
            "this run meets every rule of isolated_affinity: require isolated_affinity, or drop the requirement");
}

}  // namespace
}  // namespace evident
