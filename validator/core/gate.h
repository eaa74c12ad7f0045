#pragma once
// The two gates of `evident gate`: regressions against a baseline with tolerances, and budgets.
// Values in, values out: the CLI extracts the metrics of the evidence, reads the gate files and
// renders the checks. Formulas and file formats in docs/statistics.md and docs/gate-files.md.
//
// Decisions, documented in docs/gates.md:
//   - A run is one evidence file (MetricSeries::source). Each run is judged on its own: the
//     metrics of several files are never pooled, so an old run left beside a new one cannot hide
//     the new one's regression. Runs are taken in captured_at order (ties by path); the checks of
//     a run follow its metrics' id order.
//   - A metric's representative value is its `value`, else the median of its samples.
//   - Regression mode: a run is compared with the baseline entries of its own suite. Baseline
//     entries of a suite that no run holds are "missing" once, without a run, unless
//     GateOptions::suites_without_verdict names the suite (its runs failed: that is reported
//     already). A baseline that shares no metric with any run is one "unrelated_baseline" check
//     naming both sides' suites, not one "missing" per metric.
//   - Tolerance: the tolerances file's most specific rule, else its "default", else
//     GateOptions::fallback (--relative/--absolute), else none. With none, the bound is 0: any
//     worsening is a regression candidate, and the message says "no tolerance".
//   - Status order for a metric in both: unit mismatch, then direction mismatch, then the values.
//     A change in the good direction is an improvement whatever its size; no change is a pass.
//     A worsening <= allowed passes (inclusive bound); beyond it the candidate is a regression when
//     the test cannot decide (no samples on one side, zero variance on both sides, too few samples,
//     or require_significance false), else when p < alpha, and "noise" (not failed) otherwise.
//   - Many metrics, one error rate: the p-values of a run's metrics whose test decides (samples
//     enough on both sides, significance required) are adjusted together (GateOptions::correction,
//     Holm by default) and each adjusted p-value is held to the metric's alpha.
//   - A baseline entry or a current metric with neither samples nor value counts as missing.
//   - Budgets: a key of the budgets file that matches no metric of any run fails (fail-closed: a
//     misspelt key must not pass silently). A key "matches" when its pattern matches some current
//     metric, even when a more specific key wins for that metric.
//   - Numbers in messages use six significant digits, more where six would print a value and the
//     bound it crossed alike (core/text.h digits_apart); p-values 2 (more when rounding would put
//     them on the other side of alpha).
//   - Every check carries the enforcement of the entry that selected it ("enforce" in the
//     tolerances or budgets file), unset when the entry says nothing.
#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/gate_files.h"
#include "core/metric_pattern.h"
#include "core/multiple_testing.h"

namespace evident {

// Where a number came from, for failure lines that stand on their own: the run (evidence file and
// its captured_at), the host, and the benchmark's recorded parameters.
struct RunContext {
  std::string captured_at;  // as written in the evidence
  std::string host;         // host.hostname; empty when not recorded
  // The benchmark's, in name order: strings as written, numbers and booleans as JSON.
  std::vector<std::pair<std::string, std::string>> parameters;
};

// "run fixtures/a.json captured 2026-11-20T10:15:00Z on host bench-01, parameters size=1024
// dtype=f32": what is known of the run of source.
std::string describe_run(const std::string& source, const RunContext& context);

// One metric of the current evidence, as the CLI extracts it.
struct MetricSeries {
  MetricId id;
  std::string unit;
  Better better = Better::lower;
  std::vector<double> samples;
  std::optional<double> value;  // the producer's summary; when absent, the median of samples stands for the metric
  std::string source;           // evidence file path: the run
  std::string pointer;          // JSON pointer of the metric in that file, e.g. /benchmarks/0/metrics/1
  RunContext context;
};

// The value that stands for a metric: the producer's value, else the median of the samples;
// nothing when there is neither.
std::optional<double> representative(const std::vector<double>& samples, const std::optional<double>& value);

enum class CheckStatus {
  pass,
  improvement,
  noise,  // beyond tolerance but not significant: not failed, and not shown as a plain pass
  regression,
  missing,
  new_metric,
  unit_mismatch,
  direction_mismatch,
  unrelated_baseline,  // the baseline shares no metric with the evidence
};

// "pass", "improvement", "noise", "regression", "missing", "new", "unit_mismatch",
// "direction_mismatch", "unrelated_baseline".
std::string_view check_status_name(CheckStatus status);

struct RegressionCheck {
  MetricId id;
  std::string unit;
  Better better = Better::lower;
  std::optional<double> baseline;  // representative values (value, else median of samples)
  std::optional<double> current;
  std::optional<double> change_percent;  // (current - baseline) / |baseline| * 100; nothing when baseline == 0
  std::optional<double> allowed;  // allowed absolute change from allowed_change(); nothing when no tolerance applies
  std::optional<double> p_value;  // two-sided Mann-Whitney; nothing without samples on both sides
  bool exact_p = false;
  // p_value adjusted together with the p-values of the other metrics of the run whose test decides
  // (GateOptions::correction); the verdict uses it. Unset for a metric outside that family.
  std::optional<double> adjusted_p;
  std::size_t family = 0;  // how many p-values were adjusted together; 0 outside the family
  // "p=0.0079 < alpha 0.05", "not significant (p=0.31)", with an adjusted p-value "p=0.016 < alpha
  // 0.05 (holm-adjusted over 3 metrics; raw p=0.0079)", "too few samples for a significance test
  // (3 vs 3)", "zero variance on both sides", "no samples on one side"; empty when no comparison.
  std::string significance;
  std::optional<std::pair<double, double>> baseline_ci95;
  std::optional<std::pair<double, double>> current_ci95;
  std::size_t baseline_n = 0;  // sample counts
  std::size_t current_n = 0;
  CheckStatus status = CheckStatus::pass;
  bool failed = false;  // regression, missing, unit/direction mismatch, unrelated baseline
  std::string message;  // one line naming the metric, baseline, current, change, allowed, p, verdict
  std::string hint;     // for failures: what to do next
  std::string source;   // the run (evidence file); empty for a check that belongs to no run
  std::string pointer;  // of the metric in that file; /benchmarks for a metric the run lacks
  RunContext context;
  std::optional<Enforcement> enforce;  // of the tolerances entry that selected the metric
};

struct GateOptions {
  double alpha = 0.05;
  // How the p-values of one run's metrics are adjusted together before they are held to alpha.
  Correction correction = Correction::holm;
  // From --relative/--absolute: used when the tolerances file has neither a rule nor a "default" for a
  // metric, and as the only tolerance when there is no file.
  std::optional<Tolerance> fallback;
  // For the hints only: the paths to put in "evident baseline ... --output ... --force". Empty: the
  // placeholders <evidence> and <baseline>.
  std::vector<std::string> evidence_paths;
  std::string baseline_path;
  // Suites whose every run failed and was left out: their baseline entries are not "missing".
  std::set<std::string> suites_without_verdict;
  // Calls work(i) for every i in [0, count), in any order and on any thread: how the comparisons
  // of metrics, each independent of the others, are spread over cores. Unset: one after another.
  // The checks come out the same either way.
  std::function<void(std::size_t count, const std::function<void(std::size_t)>& work)> for_each;
};

// One check per run and metric of that run or of the baseline's entries for its suite, runs in
// order, then the baseline's entries of suites no run holds, by id text.
std::vector<RegressionCheck> check_regressions(const std::vector<MetricSeries>& current, const Baseline& baseline,
                                               const Tolerances* tolerances, const GateOptions& options);

struct BudgetCheck {
  MetricId id;      // empty for a budget key that matched no metric
  std::string key;  // the budget key that applied (or that matched nothing); empty with no_budget
  std::string unit;
  std::string stat;  // "mean", "median", "max", "p95", or "value" for a metric with only a value
  std::optional<double> observed;
  std::optional<double> min;
  std::optional<double> max;
  bool failed = false;
  std::string message;
  std::string hint;
  std::string source;
  std::string pointer;
  RunContext context;
  bool no_budget = false;              // a current metric that no budget key selects: reported, not failed
  std::optional<Enforcement> enforce;  // of the budget entry that applied
};

// One check per run and metric, runs in order and metrics by id text, then one failed check per
// budget key that matched no metric, ordered by key.
std::vector<BudgetCheck> check_budgets(const std::vector<MetricSeries>& current, const Budgets& budgets);

}  // namespace evident
