#pragma once
// The three files the gates read: a baseline ("evident/baseline/1"), tolerances
// ("evident/tolerances/1") and budgets ("evident/budgets/1"); schemas in schemas/, formats and
// matching rules in docs/gate-files.md.
//
// Precondition of the readers: the document is valid against its kind's schema (io/schema/
// kind_loader.h validates every file before a reader sees it). The schema is the one statement of
// types, required members, ranges, enums and unknown members, so the readers do not check them
// again; they report only what a schema cannot say (codes "tolerances.bad_key", "budgets.bad_key",
// "budgets.min_above_max", "baseline.duplicate_source", with the JSON pointer; file and position
// are left for the caller) and return nothing when there is any.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.h"
#include "core/metric_pattern.h"
#include "core/multiple_testing.h"

namespace evident {

inline constexpr std::string_view baseline_schema_version = "evident/baseline/1";
inline constexpr std::string_view tolerances_schema_version = "evident/tolerances/1";
inline constexpr std::string_view budgets_schema_version = "evident/budgets/1";

// Which direction of a metric is an improvement, as the evidence's "better" says.
enum class Better { lower, higher };
std::string_view better_name(Better better);

// How a breach counts: hard fails the run (exit 1), soft is reported as a warning.
enum class Enforcement { soft, hard };
std::string_view enforcement_name(Enforcement enforcement);
// "soft" or "hard"; nothing for any other text.
std::optional<Enforcement> parse_enforcement(std::string_view text);

// How far a metric may move from its baseline before it is a regression. At least one of absolute
// and relative is set.
struct Tolerance {
  std::optional<double> absolute;  // in the metric's unit, >= 0
  std::optional<double> relative;  // a fraction of |baseline|, >= 0 (0.05 is 5%)
  // With samples on both sides, a change beyond tolerance is a regression only when it is also
  // significant (p < alpha). False: the tolerance alone decides.
  bool require_significance = true;
  std::optional<double> alpha;  // in (0, 1); unset means the gate's --alpha (default 0.05)
  // The entry's "enforce": overrides the gate's enforcement for the metrics this entry selects, so
  // one metric can graduate to hard while the rest stay soft. Unset: the gate's.
  std::optional<Enforcement> enforce;
};

// The largest change from baseline_value that still passes (the bound is inclusive): the larger of
// absolute and relative * |baseline_value|; an unset part counts as 0.
double allowed_change(const Tolerance& tolerance, double baseline_value);

struct Tolerances {
  std::optional<Tolerance> fallback;                       // the file's "default"; unset when the file has none
  std::vector<std::pair<MetricPattern, Tolerance>> rules;  // the "metrics" keys, in file order
  std::optional<Correction> correction;                    // the file's "correction"; unset: the gate's

  // The most specific rule for id (metric_pattern.h), else the fallback, else nullptr: the gate then
  // uses its --relative/--absolute flags or reports that no tolerance applies, never a guess.
  const Tolerance* for_metric(const MetricId& id) const;
};

// The statistic of a sampled metric that a budget compares. A metric with only a value is compared
// by its value.
enum class BudgetStat { mean, median, max, p95 };
std::string_view budget_stat_name(BudgetStat stat);

// Inclusive bounds on a metric: the statistic passes when min <= statistic <= max. At least one of
// min and max is set, and min <= max when both are.
struct Budget {
  std::optional<double> min;
  std::optional<double> max;
  BudgetStat stat = BudgetStat::median;
  std::optional<std::string> unit;     // when set, the metric's unit must be exactly this
  std::optional<Enforcement> enforce;  // as Tolerance::enforce
  // For `evident rolling` only: the metric graduates when its CV% over the window is below this.
  // The gate ignores it.
  std::optional<double> max_cv = std::nullopt;
};

struct Budgets {
  std::vector<std::pair<MetricPattern, Budget>> rules;  // the "metrics" keys, in file order

  // The most specific rule for id, or nullptr when none matches (the metric has no budget).
  const Budget* for_metric(const MetricId& id) const;
};

// One evidence file a baseline was made from.
struct BaselineSource {
  std::string path;    // as the baseline's author named it
  std::string sha256;  // of the file's exact bytes, 64 lowercase hexadecimal digits
};

struct BaselineEntry {
  MetricId id;
  std::string unit;
  Better better = Better::lower;
  std::vector<double> samples;  // may be empty when value is set
  std::optional<double> value;  // at least one of samples and value is present
};

struct Baseline {
  std::string created_at;               // RFC 3339, as in the file
  std::vector<BaselineSource> sources;  // in file order
  std::vector<BaselineEntry> entries;   // sorted by id

  const BaselineEntry* find(const MetricId& id) const;
};

// Reports each key that is not a metric pattern (metric_pattern.h), at the key.
std::optional<Tolerances> tolerances_from_json(const nlohmann::json& document, std::vector<Diagnostic>& diagnostics);
// Reports each key that is not a metric pattern, at the key, and each budget whose min is above its
// max.
std::optional<Budgets> budgets_from_json(const nlohmann::json& document, std::vector<Diagnostic>& diagnostics);
// Reports each metric id with a name longer than 200 characters, at the key, and each source path
// listed twice.
std::optional<Baseline> baseline_from_json(const nlohmann::json& document, std::vector<Diagnostic>& diagnostics);

// Puts a baseline's entries in the order of their ids (Baseline::entries). A file's keys come in the
// order of their text, which is the ids' order unless a name holds a byte that sorts before "/":
// mostly there is nothing to sort.
void sort_by_id(std::vector<BaselineEntry>& entries);

// The "evident/baseline/1" document of baseline, which baseline_from_json() reads back unchanged.
nlohmann::json baseline_to_json(const Baseline& baseline);

}  // namespace evident
