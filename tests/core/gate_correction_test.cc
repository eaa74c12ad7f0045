// The gate's correction for many metrics: the p-values of one run adjusted together (core/gate.h,
// core/multiple_testing.h), by hand and over simulated runs of unchanged metrics.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "core/gate.h"

namespace evident {
namespace {

MetricId metric_id(const std::string& text) { return *parse_metric_id(text); }

MetricSeries current_of(const std::string& id, std::vector<double> samples) {
  MetricSeries out;
  out.id = metric_id(id);
  out.unit = "ns";
  out.samples = std::move(samples);
  out.source = "run.json";
  out.pointer = "/benchmarks/0/metrics/0";
  return out;
}

BaselineEntry entry_of(const std::string& id, std::vector<double> samples) {
  BaselineEntry out;
  out.id = metric_id(id);
  out.unit = "ns";
  out.samples = std::move(samples);
  return out;
}

Baseline baseline_of(std::vector<BaselineEntry> entries) {
  return Baseline{"2024-01-01T00:00:00Z", {}, std::move(entries)};
}

GateOptions with(Correction correction) {
  GateOptions options;
  options.correction = correction;
  return options;
}

std::string name_of(std::size_t i) {
  char text[32];
  std::snprintf(text, sizeof text, "sim/b/m%03zu", i);
  return text;
}

// Seven metrics, each 6 samples against 6 larger ones but for two pairs (U = 2): every raw p-value is
// 2 x 4 / C(12, 6) = 8 / 924 = 0.0087 (exact distribution: one ordering each for U = 0 and U = 1, two for U = 2).
struct SevenSeparated {
  std::vector<MetricSeries> current;
  Baseline baseline;
  SevenSeparated() {
    std::vector<BaselineEntry> entries;
    for (std::size_t i = 0; i < 7; ++i) {
      current.push_back(current_of(name_of(i), {13.5, 16, 17, 18, 19, 20}));
      entries.push_back(entry_of(name_of(i), {10, 11, 12, 13, 14, 15}));
    }
    baseline = baseline_of(std::move(entries));
  }
};

TEST(GateCorrection, HolmAdjustsARunsPValuesTogether) {
  const SevenSeparated run;
  const std::vector<RegressionCheck> checks =
      check_regressions(run.current, run.baseline, nullptr, with(Correction::holm));
  ASSERT_EQ(checks.size(), 7u);
  const double raw = 8.0 / 924.0;
  for (const RegressionCheck& check : checks) {
    EXPECT_NEAR(*check.p_value, raw, 1e-15);
    // All equal: Holm's step-down gives each 7 x p = 0.0606, above alpha 0.05.
    EXPECT_NEAR(*check.adjusted_p, 7 * raw, 1e-15);
    EXPECT_EQ(check.family, 7u);
    EXPECT_EQ(check.status, CheckStatus::noise);
    EXPECT_FALSE(check.failed);
    EXPECT_EQ(check.significance, "not significant (p=0.061 holm-adjusted over 7 metrics; raw p=0.0087)");
  }
  EXPECT_EQ(checks[0].message,
            "sim/b/m000: noise: baseline 12.5 ns, current 17.5 ns (+40%), no tolerance: any worsening counts, not "
            "significant (p=0.061 holm-adjusted over 7 metrics; raw p=0.0087); beyond tolerance but not significant: "
            "treated as noise");
}

TEST(GateCorrection, BenjaminiHochbergAndNoneKeepEqualPValues) {
  const SevenSeparated run;
  for (Correction correction : {Correction::bh, Correction::none}) {
    const std::vector<RegressionCheck> checks = check_regressions(run.current, run.baseline, nullptr, with(correction));
    for (const RegressionCheck& check : checks) {
      // BH: 7 x p / 7 = p for every rank.
      EXPECT_NEAR(*check.adjusted_p, 8.0 / 924.0, 1e-15);
      EXPECT_EQ(check.status, CheckStatus::regression);
    }
  }
  const RegressionCheck bh = check_regressions(run.current, run.baseline, nullptr, with(Correction::bh)).front();
  EXPECT_EQ(bh.significance, "p=0.0087 < alpha 0.05 (bh-adjusted over 7 metrics; raw p=0.0087)");
  const RegressionCheck none = check_regressions(run.current, run.baseline, nullptr, with(Correction::none)).front();
  EXPECT_EQ(none.significance, "p=0.0087 < alpha 0.05");
}

TEST(GateCorrection, OnlyMetricsWhoseTestDecidesAreAdjusted) {
  // Three of one run: one separated 5 vs 5, one of 3 vs 3 (no test can reach alpha), one whose
  // tolerance does not require significance. Only the first is in the family, alone: unadjusted.
  std::vector<MetricSeries> current = {current_of("s/b/a", {20, 21, 22, 23, 24}), current_of("s/b/b", {20, 21, 22}),
                                       current_of("s/b/c", {20, 21, 22, 23, 24})};
  const Baseline baseline = baseline_of({entry_of("s/b/a", {10, 11, 12, 13, 14}), entry_of("s/b/b", {10, 11, 12}),
                                         entry_of("s/b/c", {10, 11, 12, 13, 14})});
  Tolerances tolerances;
  tolerances.rules.emplace_back(*MetricPattern::parse("s/b/c"),
                                Tolerance{std::nullopt, 0.01, false, std::nullopt, std::nullopt});
  const std::vector<RegressionCheck> checks = check_regressions(current, baseline, &tolerances, with(Correction::holm));
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0].family, 1u);
  EXPECT_DOUBLE_EQ(*checks[0].adjusted_p, 2.0 / 252.0);
  EXPECT_EQ(checks[0].significance, "p=0.0079 < alpha 0.05");
  EXPECT_FALSE(checks[1].adjusted_p);
  EXPECT_EQ(checks[1].family, 0u);
  EXPECT_FALSE(checks[2].adjusted_p);
  EXPECT_EQ(checks[2].status, CheckStatus::regression);
}

TEST(GateCorrection, EachRunIsItsOwnFamily) {
  // The same seven metrics in two runs: each run's family has 7 members, not 14.
  const SevenSeparated run;
  std::vector<MetricSeries> current = run.current;
  for (const MetricSeries& metric : run.current) {
    MetricSeries other = metric;
    other.source = "other.json";
    current.push_back(other);
  }
  for (const RegressionCheck& check : check_regressions(current, run.baseline, nullptr, with(Correction::holm)))
    EXPECT_EQ(check.family, 7u);
}

TEST(GateCorrection, SamplesTooFewForTheAdjustedLevelLeaveTheVerdictToTheTolerance) {
  // Two metrics of 4 vs 4: the smallest raw p is 2 / C(8, 4) = 0.0286, which Holm doubles to 0.057
  // at best: no outcome could be significant, so the tolerance decides (fail closed), as for 3 vs 3.
  std::vector<MetricSeries> current = {current_of("s/b/a", {20, 21, 22, 23}), current_of("s/b/b", {20, 21, 22, 23})};
  const Baseline baseline = baseline_of({entry_of("s/b/a", {10, 11, 12, 13}), entry_of("s/b/b", {10, 11, 12, 13})});
  for (const RegressionCheck& check : check_regressions(current, baseline, nullptr, with(Correction::holm))) {
    EXPECT_EQ(check.family, 2u);
    EXPECT_EQ(check.status, CheckStatus::regression);
    EXPECT_EQ(check.significance,
              "too few samples for a significance test over 2 metrics (4 vs 4: holm-adjusted p can never fall below "
              "alpha 0.05)");
  }
  // BH can leave the largest p-value of the family as it is: the test still decides.
  for (const RegressionCheck& check : check_regressions(current, baseline, nullptr, with(Correction::bh))) {
    EXPECT_EQ(check.status, CheckStatus::regression);
    EXPECT_EQ(check.significance, "p=0.029 < alpha 0.05 (bh-adjusted over 2 metrics; raw p=0.029)");
  }
}

// --- simulation -------------------------------------------------------------------------------------
// Runs of 200 unchanged metrics: 10 baseline and 10 current samples of each drawn from one normal
// distribution, by a generator whose output the C++ standard fixes (std::mt19937_64) and a
// Box-Muller transform written here (std::normal_distribution differs between libraries), so every
// seed gives the same numbers everywhere.

class Normal {
 public:
  explicit Normal(std::uint64_t seed) : bits_(seed) {}
  double next() {
    const double u1 = 1.0 - static_cast<double>(bits_() >> 11) * 0x1.0p-53;  // (0, 1]
    const double u2 = static_cast<double>(bits_() >> 11) * 0x1.0p-53;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
  }

 private:
  std::mt19937_64 bits_;
};

constexpr std::size_t kMetrics = 200;
constexpr std::size_t kSeeds = 100;

struct SimulatedRun {
  std::vector<MetricSeries> current;
  Baseline baseline;
};

// shift: added to the current samples of metric 0 (0: all unchanged).
SimulatedRun simulate(std::uint64_t seed, double shift) {
  Normal normal(seed);
  SimulatedRun run;
  std::vector<BaselineEntry> entries;
  for (std::size_t m = 0; m < kMetrics; ++m) {
    std::vector<double> before, after;
    for (int i = 0; i < 10; ++i) before.push_back(100 + normal.next());
    for (int i = 0; i < 10; ++i) after.push_back(100 + normal.next() + (m == 0 ? shift : 0.0));
    entries.push_back(entry_of(name_of(m), std::move(before)));
    run.current.push_back(current_of(name_of(m), std::move(after)));
  }
  run.baseline = baseline_of(std::move(entries));
  return run;
}

std::vector<std::string> failed_metrics(const SimulatedRun& run, Correction correction) {
  std::vector<std::string> failed;
  for (const RegressionCheck& check : check_regressions(run.current, run.baseline, nullptr, with(correction)))
    if (check.failed) failed.push_back(check.id.text());
  return failed;
}

TEST(GateCorrectionSimulation, UnchangedMetricsRaiseFalseAlarmsOnlyWithoutCorrection) {
  std::size_t runs_flagged_raw = 0, runs_flagged_holm = 0, runs_flagged_bh = 0, alarms_raw = 0;
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    const SimulatedRun run = simulate(seed, 0);
    const std::size_t raw = failed_metrics(run, Correction::none).size();
    alarms_raw += raw;
    if (raw > 0) ++runs_flagged_raw;
    if (!failed_metrics(run, Correction::holm).empty()) ++runs_flagged_holm;
    if (!failed_metrics(run, Correction::bh).empty()) ++runs_flagged_bh;
  }
  // Uncorrected, a one-sided false alarm has a chance of about alpha / 2 per metric: about 5 of 200
  // metrics a run, and nearly every run has one.
  EXPECT_GE(runs_flagged_raw, 90u);
  EXPECT_GE(alarms_raw, 300u);
  EXPECT_LE(alarms_raw, 700u);
  // Holm keeps the chance of any false alarm in a run at most alpha (5 of 100 runs); so does BH
  // when, as here, every metric is unchanged.
  EXPECT_LE(runs_flagged_holm, 5u);
  EXPECT_LE(runs_flagged_bh, 5u);
}

TEST(GateCorrectionSimulation, ATrueRegressionAmongThemStillFails) {
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    const SimulatedRun run = simulate(seed, 8);  // metric 0 worsened by 8 standard deviations
    for (Correction correction : {Correction::holm, Correction::bh}) {
      const std::vector<std::string> failed = failed_metrics(run, correction);
      ASSERT_FALSE(failed.empty()) << "seed " << seed;
      EXPECT_EQ(failed.front(), "sim/b/m000") << "seed " << seed;
    }
  }
}

}  // namespace
}  // namespace evident
