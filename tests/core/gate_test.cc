#include "core/gate.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace evident {
namespace {

MetricId id(const char* text) { return *parse_metric_id(text); }

MetricSeries series(const char* metric, std::vector<double> samples, std::optional<double> value = std::nullopt,
                    const char* unit = "ns", Better better = Better::lower) {
  MetricSeries out;
  out.id = id(metric);
  out.unit = unit;
  out.better = better;
  out.samples = std::move(samples);
  out.value = value;
  out.source = "run.json";
  out.pointer = "/benchmarks/0/metrics/0";
  return out;
}

BaselineEntry entry(const char* metric, std::vector<double> samples, std::optional<double> value = std::nullopt,
                    const char* unit = "ns", Better better = Better::lower) {
  BaselineEntry out;
  out.id = id(metric);
  out.unit = unit;
  out.better = better;
  out.samples = std::move(samples);
  out.value = value;
  return out;
}

Baseline baseline_of(std::vector<BaselineEntry> entries) {
  Baseline out;
  out.created_at = "2024-01-01T00:00:00Z";
  out.entries = std::move(entries);
  return out;
}

Tolerance relative(double fraction) { return Tolerance{std::nullopt, fraction, true, std::nullopt, std::nullopt}; }
Tolerance absolute(double amount) { return Tolerance{amount, std::nullopt, true, std::nullopt, std::nullopt}; }

GateOptions with_fallback(Tolerance tolerance) {
  GateOptions options;
  options.fallback = tolerance;
  return options;
}

// One metric, "s/b/wall_time", compared under options.
RegressionCheck check_one(const MetricSeries& current, const BaselineEntry& base, const GateOptions& options,
                          const Tolerances* tolerances = nullptr) {
  const std::vector<RegressionCheck> checks = check_regressions({current}, baseline_of({base}), tolerances, options);
  EXPECT_EQ(checks.size(), 1u);
  return checks.front();
}

constexpr const char* kWall = "s/b/wall_time";

// --- status names ---------------------------------------------------------------------------------

TEST(GateStatus, Names) {
  EXPECT_EQ(check_status_name(CheckStatus::pass), "pass");
  EXPECT_EQ(check_status_name(CheckStatus::improvement), "improvement");
  EXPECT_EQ(check_status_name(CheckStatus::regression), "regression");
  EXPECT_EQ(check_status_name(CheckStatus::missing), "missing");
  EXPECT_EQ(check_status_name(CheckStatus::new_metric), "new");
  EXPECT_EQ(check_status_name(CheckStatus::unit_mismatch), "unit_mismatch");
  EXPECT_EQ(check_status_name(CheckStatus::direction_mismatch), "direction_mismatch");
}

// --- tolerance bounds -----------------------------------------------------------------------------

TEST(GateRegression, ExactlyAtToleranceBoundPasses) {
  const RegressionCheck check =
      check_one(series(kWall, {}, 105.0), entry(kWall, {}, 100.0), with_fallback(absolute(5)));
  EXPECT_EQ(check.status, CheckStatus::pass);
  EXPECT_FALSE(check.failed);
  EXPECT_EQ(check.baseline, 100.0);
  EXPECT_EQ(check.current, 105.0);
  EXPECT_EQ(check.change_percent, 5.0);
  EXPECT_EQ(check.allowed, 5.0);
  EXPECT_EQ(check.significance, "no samples on one side");
  EXPECT_EQ(check.message,
            "s/b/wall_time: pass: baseline 100 ns, current 105 ns (+5%), allowed 5 ns, no samples on one side");
  EXPECT_EQ(check.hint, "");
  EXPECT_EQ(check.source, "run.json");
  EXPECT_EQ(check.pointer, "/benchmarks/0/metrics/0");
}

TEST(GateRegression, ExactlyAtRelativeToleranceBoundPasses) {
  const RegressionCheck check =
      check_one(series(kWall, {}, 10.0), entry(kWall, {}, 8.0), with_fallback(relative(0.25)));
  EXPECT_EQ(check.allowed, 2.0);
  EXPECT_EQ(check.status, CheckStatus::pass);
}

TEST(GateRegression, JustBeyondToleranceFails) {
  const RegressionCheck check =
      check_one(series(kWall, {}, 105.001), entry(kWall, {}, 100.0), with_fallback(absolute(5)));
  EXPECT_EQ(check.status, CheckStatus::regression);
  EXPECT_TRUE(check.failed);
  EXPECT_EQ(check.message,
            "s/b/wall_time: regression: baseline 100 ns, current 105.001 ns (+5.001%), allowed 5 ns, "
            "no samples on one side");
  EXPECT_EQ(check.hint,
            "rerun to rule out noise, or accept the change: evident baseline run.json --output <baseline> --force");
}

TEST(GateRegression, HintAcceptsTheRunItJudged) {
  GateOptions options = with_fallback(absolute(5));
  options.evidence_paths = {"a.json", "b.json"};
  options.baseline_path = "base.json";
  const RegressionCheck check = check_one(series(kWall, {}, 110.0), entry(kWall, {}, 100.0), options);
  EXPECT_EQ(check.hint,
            "rerun to rule out noise, or accept the change: evident baseline run.json --output base.json --force");
}

TEST(GateRegression, HintForASuiteWithoutRunNamesTheEvidenceGiven) {
  GateOptions options = with_fallback(absolute(5));
  options.evidence_paths = {"a.json", "b.json"};
  options.baseline_path = "base.json";
  const std::vector<RegressionCheck> checks =
      check_regressions({}, baseline_of({entry(kWall, {}, 100.0)}), nullptr, options);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].hint,
            "gate the evidence of suite \"s\" too, or drop the suite from the baseline on purpose: evident baseline "
            "a.json b.json --output base.json --force");
}

TEST(GateRegression, ImprovementPasses) {
  const RegressionCheck check =
      check_one(series(kWall, {}, 80.0), entry(kWall, {}, 100.0), with_fallback(relative(0.05)));
  EXPECT_EQ(check.status, CheckStatus::improvement);
  EXPECT_FALSE(check.failed);
  EXPECT_EQ(check.change_percent, -20.0);
  EXPECT_EQ(check.message,
            "s/b/wall_time: improvement: baseline 100 ns, current 80 ns (-20%), allowed 5 ns, no samples on one side");
}

TEST(GateRegression, RelativeAndAbsoluteTakeTheLarger) {
  const Tolerance both{8.0, 0.05, true, std::nullopt, std::nullopt};  // 8 vs 5% of 100 = 5
  RegressionCheck check = check_one(series(kWall, {}, 108.0), entry(kWall, {}, 100.0), with_fallback(both));
  EXPECT_EQ(check.allowed, 8.0);
  EXPECT_EQ(check.status, CheckStatus::pass);
  const Tolerance relative_larger{2.0, 0.25, true, std::nullopt, std::nullopt};  // 2 vs 25% of 100 = 25
  check = check_one(series(kWall, {}, 125.0), entry(kWall, {}, 100.0), with_fallback(relative_larger));
  EXPECT_EQ(check.allowed, 25.0);
  EXPECT_EQ(check.status, CheckStatus::pass);
  check = check_one(series(kWall, {}, 126.0), entry(kWall, {}, 100.0), with_fallback(relative_larger));
  EXPECT_EQ(check.status, CheckStatus::regression);
}

TEST(GateRegression, NoToleranceMeansAnyWorseningIsACandidate) {
  const RegressionCheck check = check_one(series(kWall, {}, 100.5), entry(kWall, {}, 100.0), GateOptions{});
  EXPECT_EQ(check.allowed, std::nullopt);
  EXPECT_EQ(check.status, CheckStatus::regression);
  EXPECT_EQ(check.message,
            "s/b/wall_time: regression: baseline 100 ns, current 100.5 ns (+0.5%), no tolerance: any worsening "
            "counts, no samples on one side");
  const RegressionCheck same = check_one(series(kWall, {}, 100.0), entry(kWall, {}, 100.0), GateOptions{});
  EXPECT_EQ(same.status, CheckStatus::pass);
}

TEST(GateRegression, ZeroBaselineHasNoChangePercent) {
  const RegressionCheck check = check_one(series(kWall, {}, 1.0), entry(kWall, {}, 0.0), with_fallback(absolute(1)));
  EXPECT_EQ(check.change_percent, std::nullopt);
  EXPECT_EQ(check.status, CheckStatus::pass);
  EXPECT_EQ(check.message,
            "s/b/wall_time: pass: baseline 0 ns, current 1 ns (change % undefined: baseline 0), allowed 1 ns, "
            "no samples on one side");
}

TEST(GateRegression, HigherIsBetterDirection) {
  const char* metric = "s/b/throughput";
  const GateOptions options = with_fallback(relative(0.05));
  RegressionCheck check = check_one(series(metric, {}, 90.0, "ops/s", Better::higher),
                                    entry(metric, {}, 100.0, "ops/s", Better::higher), options);
  EXPECT_EQ(check.status, CheckStatus::regression);
  EXPECT_EQ(check.change_percent, -10.0);
  check = check_one(series(metric, {}, 95.0, "ops/s", Better::higher),
                    entry(metric, {}, 100.0, "ops/s", Better::higher), options);
  EXPECT_EQ(check.status, CheckStatus::pass);
  check = check_one(series(metric, {}, 150.0, "ops/s", Better::higher),
                    entry(metric, {}, 100.0, "ops/s", Better::higher), options);
  EXPECT_EQ(check.status, CheckStatus::improvement);
  EXPECT_FALSE(check.failed);
}

// --- significance ---------------------------------------------------------------------------------

TEST(GateSignificance, ThreeVsThreeBeyondToleranceRegressesOnToleranceAlone) {
  const RegressionCheck check =
      check_one(series(kWall, {110, 111, 112}), entry(kWall, {100, 101, 102}), with_fallback(relative(0.05)));
  EXPECT_EQ(check.baseline, 101.0);
  EXPECT_EQ(check.current, 111.0);
  EXPECT_DOUBLE_EQ(*check.allowed, 5.05);
  EXPECT_EQ(check.status, CheckStatus::regression);
  EXPECT_TRUE(check.failed);
  EXPECT_DOUBLE_EQ(*check.p_value, 0.1);
  EXPECT_TRUE(check.exact_p);
  EXPECT_EQ(check.significance, "too few samples for a significance test (3 vs 3)");
  EXPECT_EQ(check.baseline_n, 3u);
  EXPECT_EQ(check.current_n, 3u);
  EXPECT_EQ(check.message,
            "s/b/wall_time: regression: baseline 101 ns, current 111 ns (+9.90099%), allowed 5.05 ns, "
            "too few samples for a significance test (3 vs 3)");
}

TEST(GateSignificance, FiveVsFiveSeparatedBeyondToleranceRegresses) {
  const RegressionCheck check = check_one(series(kWall, {110, 111, 112, 113, 114}),
                                          entry(kWall, {100, 101, 102, 103, 104}), with_fallback(relative(0.05)));
  EXPECT_EQ(check.status, CheckStatus::regression);
  EXPECT_TRUE(check.failed);
  EXPECT_DOUBLE_EQ(*check.p_value, 2.0 / 252.0);
  EXPECT_TRUE(check.exact_p);
  EXPECT_EQ(check.significance, "p=0.0079 < alpha 0.05");
  EXPECT_EQ(check.message,
            "s/b/wall_time: regression: baseline 102 ns, current 112 ns (+9.80392%), allowed 5.1 ns, "
            "p=0.0079 < alpha 0.05");
  ASSERT_TRUE(check.baseline_ci95);
  ASSERT_TRUE(check.current_ci95);
  EXPECT_LT(check.baseline_ci95->first, 102.0);
  EXPECT_GT(check.baseline_ci95->second, 102.0);
}

TEST(GateSignificance, OverlappingSamplesBeyondToleranceButNotSignificantPass) {
  // Medians 102 -> 108 (+6, allowed 5.1), but U = 10 of 25: exact p = 174 / 252.
  const RegressionCheck check = check_one(series(kWall, {95, 96, 108, 120, 121}),
                                          entry(kWall, {100, 101, 102, 103, 104}), with_fallback(relative(0.05)));
  EXPECT_EQ(check.status, CheckStatus::noise);
  EXPECT_FALSE(check.failed);
  EXPECT_DOUBLE_EQ(*check.p_value, 174.0 / 252.0);
  EXPECT_EQ(check.significance, "not significant (p=0.69)");
  EXPECT_EQ(check.message,
            "s/b/wall_time: noise: baseline 102 ns, current 108 ns (+5.88235%), allowed 5.1 ns, not significant "
            "(p=0.69); beyond tolerance but not significant: treated as noise");
}

TEST(GateSignificance, WithoutRequiredSignificanceToleranceAloneDecides) {
  const Tolerance tolerance{std::nullopt, 0.05, false, std::nullopt, std::nullopt};
  const RegressionCheck check = check_one(series(kWall, {95, 96, 108, 120, 121}),
                                          entry(kWall, {100, 101, 102, 103, 104}), with_fallback(tolerance));
  EXPECT_EQ(check.status, CheckStatus::regression);
  EXPECT_EQ(check.significance, "not significant (p=0.69)");
  EXPECT_EQ(check.message,
            "s/b/wall_time: regression: baseline 102 ns, current 108 ns (+5.88235%), allowed 5.1 ns, not significant "
            "(p=0.69) (significance not required)");
}

TEST(GateSignificance, PerMetricAlphaOverridesTheOption) {
  // At alpha 0.005, 5 vs 5 can never be significant (smallest p 0.0079): the tolerance decides.
  const Tolerance tolerance{std::nullopt, 0.05, true, 0.005, std::nullopt};
  const RegressionCheck check = check_one(series(kWall, {110, 111, 112, 113, 114}),
                                          entry(kWall, {100, 101, 102, 103, 104}), with_fallback(tolerance));
  EXPECT_EQ(check.status, CheckStatus::regression);
  EXPECT_EQ(check.significance, "too few samples for a significance test (5 vs 5)");
}

TEST(GateSignificance, ZeroVarianceOnBothSidesIsSaid) {
  const GateOptions options = with_fallback(relative(0.05));
  const RegressionCheck worse =
      check_one(series(kWall, {110, 110, 110, 110, 110}), entry(kWall, {100, 100, 100, 100, 100}), options);
  EXPECT_EQ(worse.status, CheckStatus::regression);
  EXPECT_EQ(worse.significance, "zero variance on both sides");
  EXPECT_EQ(worse.message,
            "s/b/wall_time: regression: baseline 100 ns, current 110 ns (+10%), allowed 5 ns, zero variance on both "
            "sides");
  const RegressionCheck same =
      check_one(series(kWall, {100, 100, 100, 100, 100}), entry(kWall, {100, 100, 100, 100, 100}), options);
  EXPECT_EQ(same.status, CheckStatus::pass);
  EXPECT_EQ(same.significance, "zero variance on both sides");
  EXPECT_EQ(same.p_value, 1.0);
}

TEST(GateSignificance, ValueOnOneSideSamplesOnTheOther) {
  const RegressionCheck check =
      check_one(series(kWall, {110, 111, 112}), entry(kWall, {}, 100.0), with_fallback(relative(0.05)));
  EXPECT_EQ(check.current, 111.0);
  EXPECT_EQ(check.status, CheckStatus::regression);
  EXPECT_EQ(check.significance, "no samples on one side");
  EXPECT_EQ(check.p_value, std::nullopt);
}

TEST(GateSignificance, ValueStandsForTheMetricOverItsSamples) {
  const RegressionCheck check =
      check_one(series(kWall, {1, 2, 3}, 100.0), entry(kWall, {}, 100.0), with_fallback(relative(0.05)));
  EXPECT_EQ(check.current, 100.0);
  EXPECT_EQ(check.status, CheckStatus::pass);
}

// --- missing, new, mismatches -------------------------------------------------------------------

TEST(GateRegression, MetricMissingFromARunFailsAtThatRun) {
  MetricSeries other = series("s/b/allocs", {}, 3.0);
  other.context.captured_at = "2026-11-20T10:15:00Z";
  const std::vector<RegressionCheck> checks =
      check_regressions({other}, baseline_of({entry(kWall, {}, 100.0), entry("s/b/allocs", {}, 3.0)}), nullptr,
                        with_fallback(relative(0.05)));
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[1].status, CheckStatus::missing);
  EXPECT_TRUE(checks[1].failed);
  EXPECT_EQ(checks[1].baseline, 100.0);
  EXPECT_EQ(checks[1].current, std::nullopt);
  EXPECT_EQ(checks[1].source, "run.json");
  EXPECT_EQ(checks[1].pointer, "/benchmarks");
  EXPECT_EQ(checks[1].context.captured_at, "2026-11-20T10:15:00Z");
  EXPECT_EQ(checks[1].message, "s/b/wall_time: missing: in the baseline (100 ns) but not in this run");
  EXPECT_EQ(checks[1].hint,
            "run the benchmark that produces it, or drop it from the baseline: evident baseline run.json --output "
            "<baseline> --force");
}

TEST(GateRegression, SuiteWithoutRunIsMissingOnce) {
  const std::vector<RegressionCheck> checks =
      check_regressions({}, baseline_of({entry(kWall, {}, 100.0)}), nullptr, with_fallback(relative(0.05)));
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status, CheckStatus::missing);
  EXPECT_EQ(checks[0].source, "");
  EXPECT_EQ(checks[0].message,
            "s/b/wall_time: missing: in the baseline (100 ns) but no evidence of suite \"s\" was given");
}

TEST(GateRegression, SuiteWhoseRunsFailedIsNotMissing) {
  GateOptions options = with_fallback(relative(0.05));
  options.suites_without_verdict = {"s"};
  EXPECT_TRUE(check_regressions({}, baseline_of({entry(kWall, {}, 100.0)}), nullptr, options).empty());
}

TEST(GateRegression, BaselineOfAnotherSuiteIsOneFailureWithoutAcceptHint) {
  const std::vector<RegressionCheck> checks =
      check_regressions({series("parser/b/wall_time", {}, 1.0)},
                        baseline_of({entry("engine/b/wall_time", {}, 1.0), entry("engine/c/wall_time", {}, 1.0)}),
                        nullptr, GateOptions{});
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status, CheckStatus::unrelated_baseline);
  EXPECT_TRUE(checks[0].failed);
  EXPECT_TRUE(checks[0].id.suite.empty());
  EXPECT_EQ(checks[0].message,
            "the baseline (suite \"engine\") shares no metric with the evidence (suite \"parser\"): nothing can be "
            "compared");
  EXPECT_EQ(checks[0].hint.find("--force"), std::string::npos);
}

TEST(GateRegression, EntryEnforcementIsCarried) {
  Tolerances tolerances;
  Tolerance soft = absolute(1);
  soft.enforce = Enforcement::soft;
  tolerances.rules.emplace_back(*MetricPattern::parse("wall_time"), soft);
  const std::vector<RegressionCheck> checks = check_regressions(
      {series(kWall, {}, 110.0), series("s/b/allocs", {}, 110.0)},
      baseline_of({entry("s/b/allocs", {}, 100.0), entry(kWall, {}, 100.0)}), &tolerances, with_fallback(absolute(1)));
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].enforce, std::nullopt);
  EXPECT_EQ(checks[1].enforce, Enforcement::soft);
  EXPECT_TRUE(checks[1].failed);
}

TEST(GateRegression, CurrentPrintedWithDigitsThatTellItFromTheBound) {
  const RegressionCheck check = check_one(series(kWall, {}, 100.0000001), entry(kWall, {}, 100.0), GateOptions{});
  EXPECT_EQ(check.status, CheckStatus::regression);
  EXPECT_EQ(check.message,
            "s/b/wall_time: regression: baseline 100 ns, current 100.0000001 ns (+1e-07%), no tolerance: any "
            "worsening counts, no samples on one side");
}

TEST(GateRegression, NewMetricIsReportedNotFailed) {
  const std::vector<RegressionCheck> checks =
      check_regressions({series(kWall, {}, 7.0)}, baseline_of({}), nullptr, GateOptions{});
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status, CheckStatus::new_metric);
  EXPECT_FALSE(checks[0].failed);
  EXPECT_EQ(checks[0].current, 7.0);
  EXPECT_EQ(checks[0].message, "s/b/wall_time: new: not in the baseline; current 7 ns");
}

TEST(GateRegression, UnitMismatchFails) {
  const RegressionCheck check =
      check_one(series(kWall, {}, 100.0, "ms"), entry(kWall, {}, 100.0, "ns"), with_fallback(relative(0.05)));
  EXPECT_EQ(check.status, CheckStatus::unit_mismatch);
  EXPECT_TRUE(check.failed);
  EXPECT_EQ(check.message, "s/b/wall_time: unit_mismatch: baseline unit \"ns\", evidence unit \"ms\"");
  EXPECT_FALSE(check.hint.empty());
}

TEST(GateRegression, DirectionMismatchFails) {
  const RegressionCheck check = check_one(series(kWall, {}, 100.0, "ns", Better::higher),
                                          entry(kWall, {}, 100.0, "ns", Better::lower), with_fallback(relative(0.05)));
  EXPECT_EQ(check.status, CheckStatus::direction_mismatch);
  EXPECT_TRUE(check.failed);
  EXPECT_EQ(check.message, "s/b/wall_time: direction_mismatch: baseline better=lower, evidence better=higher");
}

// --- tolerance choice, pooling, order ---------------------------------------------------------------

TEST(GateRegression, ToleranceFileRuleBeatsDefaultBeatsFallback) {
  Tolerances tolerances;
  tolerances.fallback = absolute(3);
  tolerances.rules.emplace_back(*MetricPattern::parse("wall_time"), absolute(10));
  const GateOptions options = with_fallback(absolute(1));
  const std::vector<RegressionCheck> checks =
      check_regressions({series(kWall, {}, 110.0), series("s/b/allocs", {}, 103.0)},
                        baseline_of({entry("s/b/allocs", {}, 100.0), entry(kWall, {}, 100.0)}), &tolerances, options);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].id.text(), "s/b/allocs");
  EXPECT_EQ(checks[0].allowed, 3.0);
  EXPECT_EQ(checks[0].status, CheckStatus::pass);
  EXPECT_EQ(checks[1].allowed, 10.0);
  EXPECT_EQ(checks[1].status, CheckStatus::pass);

  Tolerances rules_only;
  rules_only.rules.emplace_back(*MetricPattern::parse("wall_time"), absolute(10));
  const std::vector<RegressionCheck> fallback_checks = check_regressions(
      {series("s/b/allocs", {}, 103.0)}, baseline_of({entry("s/b/allocs", {}, 100.0)}), &rules_only, options);
  EXPECT_EQ(fallback_checks[0].allowed, 1.0);
  EXPECT_EQ(fallback_checks[0].status, CheckStatus::regression);
}

TEST(GateRegression, EachRunIsJudgedOnItsOwn) {
  // Baseline 0.1 s, an old run at 0.1 s and a new one at 0.4 s: pooled, the median would be 0.25
  // and the new run's regression could hide; judged one by one, the new run fails.
  MetricSeries old_run = series(kWall, {0.1, 0.1, 0.1}, std::nullopt, "s");
  old_run.source = "old.json";
  old_run.context.captured_at = "2026-11-19T10:00:00Z";
  MetricSeries new_run = series(kWall, {0.4, 0.4, 0.4}, std::nullopt, "s");
  new_run.source = "new.json";
  new_run.context.captured_at = "2026-11-20T10:00:00Z";
  const std::vector<RegressionCheck> checks =
      check_regressions({new_run, old_run}, baseline_of({entry(kWall, {0.1, 0.1, 0.1}, std::nullopt, "s")}), nullptr,
                        with_fallback(relative(0.05)));
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].source, "old.json");
  EXPECT_EQ(checks[0].status, CheckStatus::pass);
  EXPECT_EQ(checks[0].current_n, 3u);
  EXPECT_EQ(checks[1].source, "new.json");
  EXPECT_EQ(checks[1].status, CheckStatus::regression);
  EXPECT_EQ(checks[1].current, 0.4);
  EXPECT_EQ(checks[1].context.captured_at, "2026-11-20T10:00:00Z");
}

// A run's checks come in the order of their id text, whatever the order of the evidence and the
// baseline: "a-b/..." before "a/..." ('-' sorts before '/'), the metric the run lacks and the one the
// baseline lacks among them; of a metric listed twice, the first counts.
TEST(GateRegression, ChecksComeInTheOrderOfTheirIdText) {
  const std::vector<MetricSeries> current{series("a/b/z", {2.0}), series("a-b/x/m", {1.0}), series("a/b/a", {3.0}),
                                          series("a/b/a", {9.0}), series("a/c/new", {4.0})};
  const Baseline baseline =
      baseline_of({entry("a/b/z", {2.0}), entry("a/b/gone", {5.0}), entry("a-b/x/m", {1.0}), entry("a/b/a", {3.0})});
  const std::vector<RegressionCheck> checks =
      check_regressions(current, baseline, nullptr, with_fallback(relative(0.1)));
  ASSERT_EQ(checks.size(), 5u);
  const std::vector<std::string> ids{"a-b/x/m", "a/b/a", "a/b/gone", "a/b/z", "a/c/new"};
  const std::vector<CheckStatus> statuses{CheckStatus::pass, CheckStatus::pass, CheckStatus::missing, CheckStatus::pass,
                                          CheckStatus::new_metric};
  for (std::size_t i = 0; i < checks.size(); ++i) {
    EXPECT_EQ(checks[i].id.text(), ids[i]) << i;
    EXPECT_EQ(checks[i].status, statuses[i]) << i;
  }
  EXPECT_EQ(checks[1].current, 3.0);  // the first "a/b/a"
}

TEST(GateRegression, ComparisonsSpreadByForEachGiveTheSameChecks) {
  // Two runs; in each a regression, a pass, a metric the run lacks and one the baseline lacks. The
  // comparisons, then their verdicts, handed to for_each and done last first, come out as done one
  // after another.
  std::vector<MetricSeries> current;
  for (const char* source : {"old.json", "new.json"}) {
    const double shift = source[0] == 'n' ? 0.5 : 0.0;
    current.push_back(series("s/b/slow", {1.0 + shift, 1.1 + shift, 1.2 + shift, 1.3 + shift, 1.4 + shift}));
    current.push_back(series("s/b/steady", {2.0, 2.1, 2.2, 2.3, 2.4}));
    current.push_back(series("s/b/new", {3.0}));
    current.back().source = current[current.size() - 2].source = current[current.size() - 3].source = source;
  }
  current[0].context.captured_at = "2026-11-19T10:00:00Z";
  current[3].context.captured_at = "2026-11-20T10:00:00Z";
  const Baseline baseline = baseline_of({entry("s/b/gone", {}, 5.0), entry("s/b/slow", {1.0, 1.1, 1.2, 1.3, 1.4}),
                                         entry("s/b/steady", {2.0, 2.1, 2.2, 2.3, 2.4})});
  const GateOptions one_by_one = with_fallback(relative(0.01));
  GateOptions spread = one_by_one;
  std::size_t handed = 0;
  spread.for_each = [&](std::size_t count, const std::function<void(std::size_t)>& work) {
    handed += count;
    for (std::size_t i = count; i-- > 0;) work(i);
  };
  const std::vector<RegressionCheck> expected = check_regressions(current, baseline, nullptr, one_by_one);
  const std::vector<RegressionCheck> checks = check_regressions(current, baseline, nullptr, spread);
  EXPECT_EQ(handed, 8u);  // slow and steady, in each run, compared then judged
  ASSERT_EQ(checks.size(), 8u);
  ASSERT_EQ(expected.size(), 8u);
  for (std::size_t i = 0; i < checks.size(); ++i) {
    EXPECT_EQ(checks[i].message, expected[i].message) << i;
    EXPECT_EQ(checks[i].status, expected[i].status) << i;
    EXPECT_EQ(checks[i].source, expected[i].source) << i;
    EXPECT_EQ(checks[i].p_value, expected[i].p_value) << i;
  }
  EXPECT_EQ(checks[3].id.text(), "s/b/steady");
  EXPECT_EQ(checks[3].source, "old.json");
  EXPECT_EQ(checks[3].status, CheckStatus::pass);
  EXPECT_EQ(checks[6].id.text(), "s/b/slow");
  EXPECT_EQ(checks[6].source, "new.json");
  EXPECT_EQ(checks[6].status, CheckStatus::regression);
}

TEST(GateRegression, RunsDisagreeingOnUnitFailOnlyWhereTheUnitDiffers) {
  MetricSeries second = series(kWall, {}, 1.0, "ms");
  second.source = "run2.json";
  const std::vector<RegressionCheck> checks = check_regressions(
      {series(kWall, {}, 1.0, "ns"), second}, baseline_of({entry(kWall, {}, 1.0)}), nullptr, GateOptions{});
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].status, CheckStatus::pass);
  EXPECT_EQ(checks[1].status, CheckStatus::unit_mismatch);
  EXPECT_EQ(checks[1].source, "run2.json");
}

TEST(GateBudget, EachRunIsJudgedOnItsOwn) {
  MetricSeries second = series(kWall, {}, 9.0);
  second.source = "run2.json";
  Budgets budgets;
  budgets.rules.emplace_back(*MetricPattern::parse("wall_time"),
                             Budget{std::nullopt, 5.0, BudgetStat::median, std::nullopt, Enforcement::hard});
  const std::vector<BudgetCheck> checks = check_budgets({series(kWall, {}, 1.0), second}, budgets);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_FALSE(checks[0].failed);
  EXPECT_TRUE(checks[1].failed);
  EXPECT_EQ(checks[1].observed, 9.0);
  EXPECT_EQ(checks[1].enforce, Enforcement::hard);
}

TEST(GateBudget, ValueAndBoundNeverReadAlike) {
  Budgets budgets;
  budgets.rules.emplace_back(*MetricPattern::parse("rss"),
                             Budget{std::nullopt, 536870912.0, BudgetStat::median, std::nullopt, std::nullopt});
  budgets.rules.emplace_back(*MetricPattern::parse("share"),
                             Budget{std::nullopt, 3.0, BudgetStat::median, std::nullopt, std::nullopt});
  const std::vector<BudgetCheck> checks =
      check_budgets({series("s/b/rss", {}, 536870913.0, "bytes"), series("s/b/share", {}, 3.0000001, "%")}, budgets);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].message, "s/b/rss: value 536870913 bytes, budget \"rss\" max 536870912 bytes: over max");
  EXPECT_EQ(checks[1].message, "s/b/share: value 3.0000001 %, budget \"share\" max 3 %: over max");
}

TEST(GateRegression, ChecksAreOrderedByIdText) {
  const std::vector<RegressionCheck> checks =
      check_regressions({series("z/b/m", {}, 1.0), series("a/b/new", {}, 1.0), series("m/b/m", {}, 1.0)},
                        baseline_of({entry("b/b/gone", {}, 1.0), entry("m/b/m", {}, 1.0), entry("z/b/m", {}, 1.0)}),
                        nullptr, GateOptions{});
  std::vector<std::string> order;
  for (const RegressionCheck& check : checks)
    order.push_back(check.id.text() + " " + std::string(check_status_name(check.status)));
  // One run (run.json): its checks by id, then the baseline's suite that no run holds.
  EXPECT_EQ(order, (std::vector<std::string>{"a/b/new new", "m/b/m pass", "z/b/m pass", "b/b/gone missing"}));
}

// --- budgets ------------------------------------------------------------------------------------

Budgets budgets_of(std::vector<std::pair<const char*, Budget>> rules) {
  Budgets out;
  for (auto& [key, budget] : rules) out.rules.emplace_back(*MetricPattern::parse(key), budget);
  return out;
}

Budget max_budget(double max, BudgetStat stat = BudgetStat::median) {
  return Budget{std::nullopt, max, stat, std::nullopt, std::nullopt};
}
Budget min_budget(double min) { return Budget{min, std::nullopt, BudgetStat::median, std::nullopt, std::nullopt}; }

TEST(GateBudget, MaxIsInclusive) {
  const Budgets budgets = budgets_of({{"wall_time", max_budget(0.5)}});
  std::vector<BudgetCheck> checks = check_budgets({series(kWall, {0.4, 0.5, 0.6}, std::nullopt, "s")}, budgets);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].observed, 0.5);
  EXPECT_EQ(checks[0].stat, "median");
  EXPECT_EQ(checks[0].key, "wall_time");
  EXPECT_FALSE(checks[0].failed);
  EXPECT_FALSE(checks[0].no_budget);
  EXPECT_EQ(checks[0].message, "s/b/wall_time: median 0.5 s, budget \"wall_time\" max 0.5 s: within budget");
  checks = check_budgets({series(kWall, {0.4, 0.5001, 0.6}, std::nullopt, "s")}, budgets);
  EXPECT_TRUE(checks[0].failed);
  EXPECT_EQ(checks[0].message, "s/b/wall_time: median 0.5001 s, budget \"wall_time\" max 0.5 s: over max");
  EXPECT_FALSE(checks[0].hint.empty());
}

TEST(GateBudget, MinIsInclusive) {
  const char* metric = "engine/x/throughput";
  const Budgets budgets = budgets_of({{"engine/x/throughput", min_budget(100)}});
  std::vector<BudgetCheck> checks = check_budgets({series(metric, {}, 100.0, "ops/s", Better::higher)}, budgets);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].stat, "value");
  EXPECT_EQ(checks[0].observed, 100.0);
  EXPECT_FALSE(checks[0].failed);
  checks = check_budgets({series(metric, {}, 99.9, "ops/s", Better::higher)}, budgets);
  EXPECT_TRUE(checks[0].failed);
  EXPECT_EQ(checks[0].message,
            "engine/x/throughput: value 99.9 ops/s, budget \"engine/x/throughput\" min 100 ops/s: below min");
}

TEST(GateBudget, StatP95Mean) {
  std::vector<double> samples;
  for (int i = 0; i <= 100; ++i) samples.push_back(i);
  std::vector<BudgetCheck> checks =
      check_budgets({series(kWall, samples)}, budgets_of({{"wall_time", max_budget(94, BudgetStat::p95)}}));
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].stat, "p95");
  EXPECT_DOUBLE_EQ(*checks[0].observed, 95.0);
  EXPECT_TRUE(checks[0].failed);
  checks = check_budgets({series(kWall, samples)}, budgets_of({{"wall_time", max_budget(94)}}));
  EXPECT_EQ(checks[0].observed, 50.0);
  EXPECT_FALSE(checks[0].failed);
  checks = check_budgets({series(kWall, {1, 2, 9})}, budgets_of({{"wall_time", max_budget(4, BudgetStat::mean)}}));
  EXPECT_EQ(checks[0].observed, 4.0);
  EXPECT_FALSE(checks[0].failed);
  checks = check_budgets({series(kWall, {1, 2, 9})}, budgets_of({{"wall_time", max_budget(8, BudgetStat::max)}}));
  EXPECT_EQ(checks[0].observed, 9.0);
  EXPECT_TRUE(checks[0].failed);
}

TEST(GateBudget, MetricWithoutBudgetIsReportedNotFailed) {
  const std::vector<BudgetCheck> checks = check_budgets({series("s/b/allocs", {}, 3.0), series(kWall, {}, 0.1)},
                                                        budgets_of({{"wall_time", max_budget(1)}}));
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].id.text(), "s/b/allocs");
  EXPECT_TRUE(checks[0].no_budget);
  EXPECT_FALSE(checks[0].failed);
  EXPECT_EQ(checks[0].message, "s/b/allocs: no budget");
  EXPECT_FALSE(checks[1].failed);
}

TEST(GateBudget, KeyMatchingNoMetricFails) {
  const std::vector<BudgetCheck> checks =
      check_budgets({series(kWall, {}, 0.1)}, budgets_of({{"wall_time", max_budget(1)}, {"wal_time", max_budget(1)}}));
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_FALSE(checks[0].failed);
  EXPECT_TRUE(checks[1].failed);
  EXPECT_EQ(checks[1].key, "wal_time");
  EXPECT_EQ(checks[1].observed, std::nullopt);
  EXPECT_EQ(checks[1].message, "no metric matched budget key \"wal_time\"");
}

TEST(GateBudget, BudgetUnitMustMatch) {
  Budget budget = max_budget(1);
  budget.unit = "s";
  const std::vector<BudgetCheck> checks =
      check_budgets({series(kWall, {}, 0.1, "ms")}, budgets_of({{"wall_time", budget}}));
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_TRUE(checks[0].failed);
  EXPECT_EQ(checks[0].message, "s/b/wall_time: unit \"ms\" but budget \"wall_time\" is in \"s\"");
}

}  // namespace
}  // namespace evident
