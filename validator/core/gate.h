#pragma once
// The two gates of `evident gate`: regressions against a baseline with tolerances, and budgets.
// Values in, values out: the CLI extracts the metrics of the evidence, reads the gate files and
// renders the checks. Formulas and file formats in docs/statistics.md and docs/gate-files.md.
//
// Decisions the issue leaves open, taken here:
//   - A metric's representative value is its `value`, else the median of its samples.
//   - The same metric id more than once in the evidence (several evidence files): the samples are
//     pooled in input order; unit, direction, source and pointer are those of the first
//     occurrence. A single occurrence keeps its value; several drop theirs (each summarises only
//     its own samples), so the pooled median stands for the metric, or, without samples,
//     the median of their values. Occurrences that disagree on unit or
//     direction fail as unit_mismatch / direction_mismatch ("the evidence files disagree").
//   - Tolerance: the tolerances file's most specific rule, else its "default", else
//     GateOptions::fallback (--relative/--absolute), else none. With none, the bound is 0: any
//     worsening is a regression candidate, and the message says "no tolerance".
//   - Status order for a metric in both: unit mismatch, then direction mismatch, then the values.
//     A change in the good direction is an improvement whatever its size; no change is a pass.
//     A worsening <= allowed passes (inclusive bound); beyond it the candidate is a regression when
//     the test cannot decide (no samples on one side, zero variance on both sides, too few samples,
//     or require_significance false), else only when p < alpha.
//   - A baseline entry or a current metric with neither samples nor value counts as missing.
//   - Budgets: a key of the budgets file that matches no metric of the evidence fails
//     (fail-closed: a misspelt key must not pass silently). A key "matches" when its pattern
//     matches some current metric, even when a more specific key wins for that metric.
//   - Numbers in messages use up to 6 significant digits (%.6g); p-values 2 (more when rounding
//     would put them on the other side of alpha).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/gate_files.h"
#include "core/metric_pattern.h"

namespace evident {

// One metric of the current evidence, as the CLI extracts it.
struct MetricSeries {
  MetricId id;
  std::string unit;
  Better better = Better::lower;
  std::vector<double> samples;
  std::optional<double> value;  // the producer's summary; when absent, the median of samples stands for the metric
  std::string source;           // evidence file path
  std::string pointer;          // JSON pointer of the metric in that file, e.g. /benchmarks/0/metrics/1
};

// The value that stands for a metric: the producer's value, else the median of the samples;
// nothing when there is neither.
std::optional<double> representative(const std::vector<double>& samples, const std::optional<double>& value);

enum class CheckStatus { pass, improvement, regression, missing, new_metric, unit_mismatch, direction_mismatch };

// "pass", "improvement", "regression", "missing", "new", "unit_mismatch", "direction_mismatch".
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
  // "p=0.0079 < alpha 0.05", "not significant (p=0.31)", "too few samples for a significance test
  // (3 vs 3)", "zero variance on both sides", "no samples on one side"; empty when no comparison.
  std::string significance;
  std::optional<std::pair<double, double>> baseline_ci95;
  std::optional<std::pair<double, double>> current_ci95;
  std::size_t baseline_n = 0;  // sample counts
  std::size_t current_n = 0;
  CheckStatus status = CheckStatus::pass;
  bool failed = false;  // regression, missing, unit/direction mismatch
  std::string message;  // one line naming the metric, baseline, current, change, allowed, p, verdict
  std::string hint;     // for failures: what to do next
  std::string source;   // of the current metric; empty for a missing one
  std::string pointer;
};

struct GateOptions {
  double alpha = 0.05;
  // From --relative/--absolute: used when the tolerances file has neither a rule nor a "default" for a
  // metric, and as the only tolerance when there is no file.
  std::optional<Tolerance> fallback;
  // For the hints only: the paths to put in "evident baseline ... --output ... --force". Empty: the
  // placeholders <evidence> and <baseline>.
  std::vector<std::string> evidence_paths;
  std::string baseline_path;
};

// One check per metric of the baseline or of current, ordered by id text.
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
  bool no_budget = false;  // a current metric that no budget key selects: reported, not failed
};

// One check per metric of current (pooled as above), ordered by id text, then one failed check per
// budget key that matched no metric, ordered by key.
std::vector<BudgetCheck> check_budgets(const std::vector<MetricSeries>& current, const Budgets& budgets);

}  // namespace evident
