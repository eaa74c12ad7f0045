#include "core/gate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "core/mann_whitney.h"
#include "core/statistics.h"
#include "core/text.h"

namespace evident {
namespace {

std::string format_signed_percent(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%+.6g%%", value);
  return text;
}

// Two significant digits, unless rounding would move the p-value to the other side of alpha.
std::string format_p(double p, double alpha) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2g", p);
  const double shown = std::strtod(text, nullptr);
  if ((shown < alpha) != (p < alpha)) std::snprintf(text, sizeof text, "%.6g", p);
  return text;
}

std::string with_unit(double value, const std::string& unit) {
  return unit.empty() ? format_number(value) : format_number(value) + " " + printable(unit);
}

// The current evidence of one metric id, its occurrences pooled.
struct PooledMetric {
  MetricSeries series;  // unit, better, source, pointer of the first occurrence; samples pooled
  std::vector<double> values;
  bool unit_disagrees = false;
  bool direction_disagrees = false;
  std::size_t occurrences = 0;
};

std::map<std::string, PooledMetric> pool(const std::vector<MetricSeries>& current) {
  std::map<std::string, PooledMetric> pooled;
  for (const MetricSeries& series : current) {
    auto [it, inserted] = pooled.try_emplace(series.id.text());
    PooledMetric& metric = it->second;
    ++metric.occurrences;
    if (inserted) {
      metric.series = series;
    } else {
      metric.series.samples.insert(metric.series.samples.end(), series.samples.begin(), series.samples.end());
      if (series.unit != metric.series.unit) metric.unit_disagrees = true;
      if (series.better != metric.series.better) metric.direction_disagrees = true;
    }
    if (series.value) metric.values.push_back(*series.value);
  }
  // Several occurrences: their values summarise different sample sets, so none of them stands for
  // the pool; the pooled samples (or, without samples, the median of the values) do.
  for (auto& [text, metric] : pooled)
    if (metric.occurrences > 1) metric.series.value.reset();
  return pooled;
}

std::string accept_hint(const GateOptions& options) {
  std::string evidence;
  if (options.evidence_paths.empty()) {
    evidence = "<evidence>";
  } else {
    for (const std::string& path : options.evidence_paths) {
      if (!evidence.empty()) evidence += ' ';
      evidence += printable(path);
    }
  }
  const std::string baseline = options.baseline_path.empty() ? "<baseline>" : printable(options.baseline_path);
  return "evident baseline " + evidence + " --output " + baseline + " --force";
}

}  // namespace

std::optional<double> representative(const std::vector<double>& samples, const std::optional<double>& value) {
  if (value) return value;
  if (!samples.empty()) return median(samples);
  return std::nullopt;
}

std::string_view check_status_name(CheckStatus status) {
  switch (status) {
    case CheckStatus::pass:
      return "pass";
    case CheckStatus::improvement:
      return "improvement";
    case CheckStatus::regression:
      return "regression";
    case CheckStatus::missing:
      return "missing";
    case CheckStatus::new_metric:
      return "new";
    case CheckStatus::unit_mismatch:
      return "unit_mismatch";
    case CheckStatus::direction_mismatch:
      return "direction_mismatch";
  }
  return "?";
}

namespace {

void fail(RegressionCheck& check, CheckStatus status, const std::string& detail, const std::string& hint) {
  check.status = status;
  check.failed = true;
  check.message = printable(check.id.text()) + ": " + std::string(check_status_name(status)) + ": " + detail;
  check.hint = hint;
}

// Compares a metric present on both sides with matching unit and direction.
void compare(RegressionCheck& check, const BaselineEntry& entry, const PooledMetric& metric, const Tolerance* tolerance,
             const GateOptions& options) {
  const std::vector<double>& base_samples = entry.samples;
  const std::vector<double>& current_samples = metric.series.samples;
  check.baseline_n = base_samples.size();
  check.current_n = current_samples.size();
  check.baseline_ci95 = mean_confidence_interval(base_samples, 0.95);
  check.current_ci95 = mean_confidence_interval(current_samples, 0.95);

  const double base = *check.baseline;
  const double now = *check.current;
  if (base != 0) check.change_percent = (now - base) / std::fabs(base) * 100;
  if (tolerance) check.allowed = allowed_change(*tolerance, base);

  const double alpha = tolerance && tolerance->alpha ? *tolerance->alpha : options.alpha;
  const bool require_significance = tolerance ? tolerance->require_significance : true;

  // What the significance test can say. decided_by_test: the test, not the tolerance alone, decides.
  bool decided_by_test = false;
  bool significant = false;
  if (base_samples.empty() || current_samples.empty()) {
    check.significance = "no samples on one side";
  } else {
    const MannWhitneyResult test = mann_whitney_u(base_samples, current_samples);
    check.p_value = test.p_value;
    check.exact_p = test.exact;
    significant = test.p_value < alpha;
    if (test.zero_variance) {
      check.significance = "zero variance on both sides";
    } else if (!can_reach_significance(base_samples.size(), current_samples.size(), alpha)) {
      check.significance = "too few samples for a significance test (" + std::to_string(base_samples.size()) + " vs " +
                           std::to_string(current_samples.size()) + ")";
    } else {
      decided_by_test = require_significance;
      check.significance = significant ? "p=" + format_p(test.p_value, alpha) + " < alpha " + format_number(alpha)
                                       : "not significant (p=" + format_p(test.p_value, alpha) + ")";
    }
  }

  const double worsening = check.better == Better::lower ? now - base : base - now;
  const double bound = check.allowed.value_or(0.0);
  bool regression = false;
  bool noise = false;
  if (worsening < 0) {
    check.status = CheckStatus::improvement;
  } else if (worsening <= bound) {
    check.status = CheckStatus::pass;
  } else if (decided_by_test && !significant) {
    check.status = CheckStatus::pass;
    noise = true;
  } else {
    check.status = CheckStatus::regression;
    regression = true;
  }
  check.failed = regression;

  std::string line = printable(check.id.text()) + ": " + std::string(check_status_name(check.status)) + ": baseline " +
                     with_unit(base, check.unit) + ", current " + with_unit(now, check.unit);
  line += check.change_percent ? " (" + format_signed_percent(*check.change_percent) + ")"
                               : " (change % undefined: baseline 0)";
  line += check.allowed ? ", allowed " + with_unit(*check.allowed, check.unit) : ", no tolerance: any worsening counts";
  line += ", " + check.significance;
  if (!require_significance && check.p_value) line += " (significance not required)";
  if (noise) line += "; beyond tolerance but not significant: treated as noise";
  check.message = line;
  if (regression) check.hint = "rerun to rule out noise, or accept the change: " + accept_hint(options);
}

}  // namespace

std::vector<RegressionCheck> check_regressions(const std::vector<MetricSeries>& current, const Baseline& baseline,
                                               const Tolerances* tolerances, const GateOptions& options) {
  const std::map<std::string, PooledMetric> pooled = pool(current);
  std::map<std::string, const BaselineEntry*> base_entries;
  for (const BaselineEntry& entry : baseline.entries) base_entries.emplace(entry.id.text(), &entry);

  std::map<std::string, RegressionCheck> checks;
  for (const auto& [text, entry] : base_entries) {
    RegressionCheck check;
    check.id = entry->id;
    check.unit = entry->unit;
    check.better = entry->better;
    check.baseline = representative(entry->samples, entry->value);
    check.baseline_n = entry->samples.size();
    const auto found = pooled.find(text);
    if (found == pooled.end()) {
      const std::string value = check.baseline ? with_unit(*check.baseline, check.unit) : "no value";
      fail(check, CheckStatus::missing, "in the baseline (" + value + ") but not in the evidence",
           "run the benchmark that produces it, or drop it from the baseline: " + accept_hint(options));
    } else {
      const PooledMetric& metric = found->second;
      check.source = metric.series.source;
      check.pointer = metric.series.pointer;
      check.current = representative(metric.series.samples, metric.series.value);
      if (!check.current && !metric.values.empty()) check.current = median(metric.values);
      check.current_n = metric.series.samples.size();
      if (metric.unit_disagrees) {
        fail(check, CheckStatus::unit_mismatch, "the evidence files disagree on its unit",
             "make every evidence file report the same unit");
      } else if (metric.direction_disagrees) {
        fail(check, CheckStatus::direction_mismatch, "the evidence files disagree on its direction (better)",
             "make every evidence file report the same direction");
      } else if (metric.series.unit != entry->unit) {
        fail(check, CheckStatus::unit_mismatch,
             "baseline unit " + quote_for_message(entry->unit) + ", evidence unit " +
                 quote_for_message(metric.series.unit),
             "report the baseline's unit, or accept the new unit: " + accept_hint(options));
      } else if (metric.series.better != entry->better) {
        fail(check, CheckStatus::direction_mismatch,
             "baseline better=" + std::string(better_name(entry->better)) +
                 ", evidence better=" + std::string(better_name(metric.series.better)),
             "report the baseline's direction, or accept the new one: " + accept_hint(options));
      } else if (!check.baseline || !check.current) {
        fail(check, CheckStatus::missing,
             std::string(check.baseline ? "the evidence" : "the baseline") + " has neither samples nor a value",
             "rerun the benchmark: " + accept_hint(options));
      } else {
        const Tolerance* tolerance = tolerances ? tolerances->for_metric(check.id) : nullptr;
        if (!tolerance && options.fallback) tolerance = &*options.fallback;
        compare(check, *entry, metric, tolerance, options);
      }
    }
    checks.emplace(text, std::move(check));
  }

  for (const auto& [text, metric] : pooled) {
    if (base_entries.count(text) != 0) continue;
    RegressionCheck check;
    check.id = metric.series.id;
    check.unit = metric.series.unit;
    check.better = metric.series.better;
    check.current = representative(metric.series.samples, metric.series.value);
    if (!check.current && !metric.values.empty()) check.current = median(metric.values);
    check.current_n = metric.series.samples.size();
    check.current_ci95 = mean_confidence_interval(metric.series.samples, 0.95);
    check.status = CheckStatus::new_metric;
    check.source = metric.series.source;
    check.pointer = metric.series.pointer;
    check.message = printable(text) + ": new: not in the baseline; current " +
                    (check.current ? with_unit(*check.current, check.unit) : std::string("no value"));
    checks.emplace(text, std::move(check));
  }

  std::vector<RegressionCheck> out;
  out.reserve(checks.size());
  for (auto& [text, check] : checks) out.push_back(std::move(check));
  return out;
}

namespace {

double statistic(BudgetStat stat, const std::vector<double>& samples) {
  switch (stat) {
    case BudgetStat::mean:
      return summarise(samples).mean;
    case BudgetStat::median:
      return median(samples);
    case BudgetStat::max:
      return *std::max_element(samples.begin(), samples.end());
    case BudgetStat::p95:
      return quantile(samples, 0.95);
  }
  return median(samples);
}

}  // namespace

std::vector<BudgetCheck> check_budgets(const std::vector<MetricSeries>& current, const Budgets& budgets) {
  const std::map<std::string, PooledMetric> pooled = pool(current);
  std::vector<BudgetCheck> out;
  std::vector<bool> key_matched(budgets.rules.size(), false);

  for (const auto& [text, metric] : pooled) {
    for (std::size_t i = 0; i < budgets.rules.size(); ++i)
      if (budgets.rules[i].first.matches(metric.series.id)) key_matched[i] = true;

    BudgetCheck check;
    check.id = metric.series.id;
    check.unit = metric.series.unit;
    check.source = metric.series.source;
    check.pointer = metric.series.pointer;
    const std::string name = printable(text);
    const std::optional<RuleChoice> choice = choose_rule(budgets.rules, check.id);
    if (!choice) {
      check.no_budget = true;
      check.message = name + ": no budget";
      out.push_back(std::move(check));
      continue;
    }
    const auto& [pattern, budget] = budgets.rules[choice->index];
    check.key = pattern.text();
    check.min = budget.min;
    check.max = budget.max;
    const std::vector<double>& samples = metric.series.samples;
    if (!samples.empty()) {
      check.stat = std::string(budget_stat_name(budget.stat));
      check.observed = statistic(budget.stat, samples);
    } else if (!metric.values.empty()) {
      check.stat = "value";
      check.observed = metric.values.size() == 1 ? metric.values.front() : median(metric.values);
    }

    const std::string key = quote_for_message(check.key);
    if (metric.unit_disagrees) {
      check.failed = true;
      check.message = name + ": the evidence files disagree on its unit (budget " + key + ")";
      check.hint = "make every evidence file report the same unit";
    } else if (budget.unit && *budget.unit != check.unit) {
      check.failed = true;
      check.message = name + ": unit " + quote_for_message(check.unit) + " but budget " + key + " is in " +
                      quote_for_message(*budget.unit);
      check.hint = "report the metric in the budget's unit, or change the budget";
    } else if (!check.observed) {
      check.failed = true;
      check.message = name + ": neither samples nor a value to compare with budget " + key;
      check.hint = "rerun the benchmark";
    } else {
      const double observed = *check.observed;
      const bool under_min = budget.min && observed < *budget.min;
      const bool over_max = budget.max && observed > *budget.max;
      check.failed = under_min || over_max;
      std::string bounds;
      if (budget.min) bounds += "min " + with_unit(*budget.min, check.unit);
      if (budget.max) bounds += (bounds.empty() ? "max " : ", max ") + with_unit(*budget.max, check.unit);
      check.message = name + ": " + check.stat + " " + with_unit(observed, check.unit) + ", budget " + key + " " +
                      bounds + ": " +
                      (under_min  ? "below min"
                       : over_max ? "over max"
                                  : "within budget");
      if (check.failed) check.hint = "fix the change that moved it, or change the budget if it was intended";
    }
    out.push_back(std::move(check));
  }

  std::vector<BudgetCheck> unmatched;
  for (std::size_t i = 0; i < budgets.rules.size(); ++i) {
    if (key_matched[i]) continue;
    BudgetCheck check;
    check.key = budgets.rules[i].first.text();
    check.min = budgets.rules[i].second.min;
    check.max = budgets.rules[i].second.max;
    check.failed = true;
    check.message = "no metric matched budget key " + quote_for_message(check.key);
    check.hint = "check the key's spelling, or remove it from the budgets file";
    unmatched.push_back(std::move(check));
  }
  std::sort(unmatched.begin(), unmatched.end(),
            [](const BudgetCheck& a, const BudgetCheck& b) { return a.key < b.key; });
  for (BudgetCheck& check : unmatched) out.push_back(std::move(check));
  return out;
}

}  // namespace evident
