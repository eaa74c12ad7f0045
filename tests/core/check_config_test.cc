#include "core/check_config.h"

#include <gtest/gtest.h>

namespace evident {
namespace {

using nlohmann::json;

const json example = json::parse(R"({
  "schema_version": "evident/config/1",
  "evidence": ["evidence/**/*.json"],
  "policy": "evidence/policy.json",
  "gate": {"mode": "regression", "baseline": "evidence/baseline.json", "tolerances": "evidence/tolerances.json"},
  "rolling": {"history": "evidence/history", "window": 5, "max_cv": 1.0, "enforce": "soft"},
  "reports": {"markdown": "out/report.md", "junit": "out/junit.xml"},
  "profiles": {
    "nightly": {"gate": {"mode": "budget", "budgets": "evidence/budgets.json", "enforce": "soft"}, "rolling": null},
    "pr": {"evidence": ["evidence/pr/*.json"]}
  }
})");

TEST(CheckConfig, ReadsEveryPartWithDefaults) {
  std::vector<Diagnostic> problems;
  const std::optional<CheckConfig> config = check_config_from_json(example, "", problems);
  ASSERT_TRUE(config);
  EXPECT_TRUE(problems.empty());
  EXPECT_FALSE(config->profile);
  EXPECT_EQ(config->evidence, std::vector<std::string>{"evidence/**/*.json"});
  EXPECT_EQ(config->policy, "evidence/policy.json");
  ASSERT_TRUE(config->gate);
  EXPECT_EQ(config->gate->mode, GateMode::regression);
  EXPECT_EQ(config->gate->baseline, "evidence/baseline.json");
  EXPECT_EQ(config->gate->enforce, Enforcement::hard);
  EXPECT_EQ(config->gate->alpha, 0.05);
  ASSERT_TRUE(config->rolling);
  EXPECT_EQ(config->rolling->window, 5U);
  EXPECT_EQ(config->rolling->max_cv, 1.0);
  EXPECT_EQ(config->rolling->enforce, Enforcement::soft);
  EXPECT_EQ(config->rolling->budgets, "");
  EXPECT_TRUE(config->rolling->metrics.empty());
  EXPECT_EQ(config->reports.markdown, "out/report.md");
  EXPECT_EQ(config->reports.html, "");
  EXPECT_EQ(config->reports.junit, "out/junit.xml");
}

TEST(CheckConfig, AProfileReplacesThePartsItNamesAndNullRemovesOne) {
  std::vector<Diagnostic> problems;
  const std::optional<CheckConfig> config = check_config_from_json(example, "nightly", problems);
  ASSERT_TRUE(config);
  EXPECT_EQ(config->profile, "nightly");
  EXPECT_EQ(config->evidence, std::vector<std::string>{"evidence/**/*.json"});
  ASSERT_TRUE(config->gate);
  EXPECT_EQ(config->gate->mode, GateMode::budget);
  EXPECT_EQ(config->gate->budgets, "evidence/budgets.json");
  EXPECT_EQ(config->gate->baseline, "");
  EXPECT_EQ(config->gate->enforce, Enforcement::soft);
  EXPECT_FALSE(config->rolling);
  EXPECT_EQ(config->reports.markdown, "out/report.md");

  const std::optional<CheckConfig> pr = check_config_from_json(example, "pr", problems);
  ASSERT_TRUE(pr);
  EXPECT_EQ(pr->evidence, std::vector<std::string>{"evidence/pr/*.json"});
  EXPECT_EQ(pr->gate->mode, GateMode::regression);
}

TEST(CheckConfig, AnUnknownProfileSuggestsTheClosest) {
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(check_config_from_json(example, "nigthly", problems));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].code, "config.unknown_profile");
  EXPECT_EQ(problems[0].message, "the configuration has no profile \"nigthly\"");
  EXPECT_EQ(problems[0].hint, "did you mean \"nightly\"?");
  EXPECT_EQ(problems[0].pointer, "/profiles");
  EXPECT_TRUE(problems[0].cannot_run);

  problems.clear();
  EXPECT_FALSE(check_config_from_json(json::parse(R"({"evidence": ["a/*.json"]})"), "pr", problems));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].pointer, "");
  EXPECT_EQ(problems[0].hint, "add \"profiles\": {\"pr\": {...}} or drop --profile");
}

TEST(CheckConfig, AGateNeedsItsFileAndOnlyItsOwnOptions) {
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(check_config_from_json(
      json::parse(R"({"evidence": ["a/*.json"], "gate": {"mode": "budget", "baseline": "b.json", "relative": 0.1}})"),
      "", problems));
  ASSERT_EQ(problems.size(), 3U);
  EXPECT_EQ(problems[0].code + " " + *problems[0].pointer, "config.gate_file_missing /gate");
  EXPECT_EQ(problems[1].code + " " + *problems[1].pointer, "config.gate_option_mode /gate/baseline");
  EXPECT_EQ(problems[2].code + " " + *problems[2].pointer, "config.gate_option_mode /gate/relative");
  EXPECT_EQ(problems[1].message, "\"baseline\" belongs to a regression gate, not a budget gate");

  problems.clear();
  EXPECT_FALSE(check_config_from_json(
      json::parse(R"({"evidence": ["a/*.json"], "profiles": {"x": {"gate": {"mode": "regression"}}}})"), "x",
      problems));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].code + " " + *problems[0].pointer, "config.gate_file_missing /profiles/x/gate");
}

// The change-point parameters of a configuration whose "rolling" part is the given JSON members.
std::optional<ChangePointOptions> change_points_of(const std::string& members) {
  std::vector<Diagnostic> problems;
  const std::optional<CheckConfig> config = check_config_from_json(
      json::parse(R"({"evidence": ["a/*.json"], "rolling": {"history": "h")" + members + "}}"), "", problems);
  EXPECT_TRUE(problems.empty());
  return config && config->rolling ? change_point_options(*config->rolling) : std::nullopt;
}

TEST(CheckConfig, ChangePointsAndTheirParameters) {
  const std::optional<ChangePointOptions> defaults = change_points_of(R"(, "change_points": true)");
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->max_p, 0.001);
  EXPECT_EQ(defaults->min_change, 0.0);
  EXPECT_EQ(defaults->window, 50U);
  const std::optional<ChangePointOptions> options =
      change_points_of(R"(, "change_points": true, "max_p": 0.01, "min_change": 5, "cp_window": 20)");
  ASSERT_TRUE(options);
  EXPECT_EQ(options->max_p, 0.01);
  EXPECT_EQ(options->min_change, 5.0);
  EXPECT_EQ(options->window, 20U);
  EXPECT_FALSE(change_points_of(""));

  std::vector<Diagnostic> problems;
  EXPECT_FALSE(check_config_from_json(
      json::parse(R"({"evidence": ["a/*.json"], "rolling": {"history": "h", "change_points": false, "max_p": 0.01}})"),
      "", problems));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].code + " " + *problems[0].pointer, "config.change_points_off /rolling/max_p");
  EXPECT_EQ(problems[0].message, "\"max_p\" is a parameter of change points, but \"change_points\" is not true");
}

TEST(CheckConfig, RequireClassAtTheTopAndPerProfile) {
  const json document = json::parse(R"({
    "evidence": ["a/*.json"],
    "require_class": "isolated_affinity",
    "profiles": {"smoke": {"require_class": null}, "functional": {"require_class": "functional_non_isolated"}, "pr": {}}
  })");
  std::vector<Diagnostic> problems;
  EXPECT_EQ(check_config_from_json(document, "", problems)->require_class, RunClass::isolated_affinity);
  EXPECT_EQ(check_config_from_json(document, "pr", problems)->require_class, RunClass::isolated_affinity);
  EXPECT_EQ(check_config_from_json(document, "smoke", problems)->require_class, std::nullopt);
  EXPECT_EQ(check_config_from_json(document, "functional", problems)->require_class, RunClass::functional_non_isolated);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(check_config_from_json(example, "", problems)->require_class, std::nullopt);
}

TEST(CheckConfig, AProfileMayNotRemoveTheEvidence) {
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(check_config_from_json(json::parse(R"({"evidence": ["a/*.json"], "profiles": {"x": {"evidence": []}}})"),
                                      "x", problems));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].code, "config.evidence_missing");
}

TEST(CheckConfig, ReadsRollingBudgetsAndMetricPatterns) {
  std::vector<Diagnostic> problems;
  const std::optional<CheckConfig> config = check_config_from_json(json::parse(R"({
    "schema_version": "evident/config/1", "evidence": ["e/*.json"],
    "rolling": {"history": "h", "budgets": "rolling-budgets.json", "metrics": ["wall_time", "engine/*/allocs"]}})"),
                                                                   "", problems);
  ASSERT_TRUE(config && config->rolling);
  EXPECT_EQ(config->rolling->budgets, "rolling-budgets.json");
  EXPECT_EQ(config->rolling->metrics, (std::vector<std::string>{"wall_time", "engine/*/allocs"}));
}

}  // namespace
}  // namespace evident
