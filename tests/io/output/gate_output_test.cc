#include "io/output/gate_output.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace evident::io {
namespace {

BudgetCheck over_budget(const std::string& source) {
  BudgetCheck check;
  check.id = MetricId{"s", "b", "time"};
  check.key = "s/b/time";
  check.unit = "ms";
  check.stat = "median";
  check.observed = 12.5;
  check.max = 10.0;
  check.failed = true;
  check.message = "over";
  check.source = source;
  return check;
}

Diagnostic breach() {
  Diagnostic diagnostic;
  diagnostic.code = "gate.over_budget";
  diagnostic.message = "over";
  return diagnostic;
}

GateReport soft_budget_report(std::vector<BudgetCheck> checks) {
  GateConfig config;
  config.budgets = "budgets.json";
  config.enforce = Enforcement::soft;
  return gate_report(config, {}, std::move(checks), {}, {breach()});
}

std::string text_of(const GateReport& report, std::vector<std::string>* sunk = nullptr, unsigned jobs = 1) {
  std::ostringstream out;
  render_gate_text(
      out, report,
      [&](const std::vector<Diagnostic>& diagnostics) {
        out << "[" << diagnostics.size() << " diagnostics]\n";
        for (const Diagnostic& diagnostic : diagnostics)
          if (sunk) sunk->push_back(diagnostic.code);
      },
      jobs);
  return out.str();
}

TEST(GateText, PrintsProblemsTableBreachesAndASoftSummary) {
  std::vector<std::string> sunk;
  EXPECT_EQ(text_of(soft_budget_report({over_budget("a.json")}), &sunk),
            "[0 diagnostics]\n"
            "metric    stat    observed  min  max  verdict\n"
            "s/b/time  median  12.5      -    10   over budget\n"
            "[1 diagnostics]\n"
            "1 metric gated: 0 passed, 1 failed (soft gate: breaches reported, not enforced)\n");
  EXPECT_EQ(sunk, (std::vector<std::string>{"gate.over_budget"}));
}

TEST(GateText, NamesTheRunOfEachRowWhenTheChecksComeFromSeveralRuns) {
  EXPECT_EQ(text_of(soft_budget_report({over_budget("a.json"), over_budget("b.json")})),
            "[0 diagnostics]\n"
            "run     metric    stat    observed  min  max  verdict\n"
            "a.json  s/b/time  median  12.5      -    10   over budget\n"
            "b.json  s/b/time  median  12.5      -    10   over budget\n"
            "[1 diagnostics]\n"
            "2 metrics gated: 0 passed, 2 failed (soft gate: breaches reported, not enforced)\n");
}

// Enough rows to be made on the workers: the same text, row for row in the order of the checks.
TEST(GateText, ManyRowsMadeOnTwoThreadsReadAsOnOne) {
  std::vector<BudgetCheck> checks;
  for (int i = 0; i < 1000; ++i) {
    checks.push_back(over_budget("run-" + std::to_string(i % 7) + ".json"));
    checks.back().observed = 10.0 + i / 100.0;
  }
  const GateReport report = soft_budget_report(checks);
  const std::string text = text_of(report, nullptr, 2);
  EXPECT_EQ(text, text_of(report, nullptr, 1));
  EXPECT_NE(text.find("run-5.json  s/b/time  median  19.99     -    10   over budget\n"), std::string::npos);
  EXPECT_LT(text.find("  10.01  "), text.find("  10.02  "));
}

TEST(GateText, PrintsARegressionRow) {
  RegressionCheck check;
  check.id = MetricId{"s", "b", "time"};
  check.baseline = 10.0;
  check.current = 12.0;
  check.change_percent = 20.0;
  check.allowed = 0.5;
  check.p_value = 0.01;
  check.adjusted_p = 0.03;
  check.family = 3;
  check.status = CheckStatus::regression;
  check.failed = true;
  GateConfig config;
  config.mode = GateMode::regression;
  config.baseline = "baseline.json";
  // The table pads by bytes, so the two-byte "±" leaves its cell one column short (as before).
  EXPECT_EQ(text_of(gate_report(config, {check}, {}, {}, {})),
            "[0 diagnostics]\n"
            "metric    baseline  current  change   allowed  p     p adj  verdict\n"
            "s/b/time  10        12       +20.00%  ±0.5    0.01  0.03   regression\n"
            "[0 diagnostics]\n"
            "1 metric gated: 0 passed, 1 failed (hard gate)\n");
}

TEST(GateJson, HoldsTheModeItsFileTheChecksAndTheSummary) {
  const nlohmann::ordered_json json = gate_report_json(soft_budget_report({over_budget("a.json")}));
  EXPECT_EQ(json["schema_version"], "evident/gate/1");
  EXPECT_EQ(json["mode"], "budget");
  EXPECT_EQ(json["budgets"], "budgets.json");
  EXPECT_FALSE(json.contains("baseline"));
  EXPECT_EQ(json["checks"].size(), 1u);
  EXPECT_EQ(json["checks"][0]["max"], 10.0);
  EXPECT_EQ(json["enforce"], "soft");
  EXPECT_EQ(json["alpha"], 0.05);
  EXPECT_EQ(json["diagnostics"], nlohmann::ordered_json::array());
  EXPECT_EQ(json["summary"].dump(), R"({"metrics":1,"passed":0,"failed":1})");
  EXPECT_EQ(json["passed"], false);
  std::string keys;
  for (const auto& [key, unused] : json.items()) keys += key + " ";
  EXPECT_EQ(keys, "schema_version mode budgets checks enforce alpha diagnostics summary passed ");
}

TEST(GateJson, InRegressionModeNamesTheBaselineAndANullTolerances) {
  GateConfig config;
  config.mode = GateMode::regression;
  config.baseline = "baseline.json";
  const nlohmann::ordered_json json = gate_report_json(gate_report(config, {}, {}, {}, {}));
  std::string keys;
  for (const auto& [key, unused] : json.items()) keys += key + " ";
  EXPECT_EQ(keys, "schema_version mode baseline tolerances checks enforce alpha diagnostics summary passed ");
  EXPECT_EQ(json["tolerances"], nullptr);
  EXPECT_EQ(json["enforce"], "hard");
  EXPECT_EQ(json["passed"], true);
}

}  // namespace
}  // namespace evident::io
