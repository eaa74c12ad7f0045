#include "core/gate.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <span>
#include <vector>

#include "core/instant.h"
#include "core/mann_whitney.h"
#include "core/multiple_testing.h"
#include "core/statistics.h"
#include "core/text.h"

namespace evident {
namespace {

// printf's "%+.6g%%".
std::string format_signed_percent(double value) {
  return (std::signbit(value) ? "" : "+") + format_significant(value, 6) + "%";
}

// Two significant digits, unless rounding would move the p-value to the other side of alpha.
std::string format_p(double p, double alpha) {
  const std::string text = format_significant(p, 2);
  double shown = 0;
  std::from_chars(text.data(), text.data() + text.size(), shown);
  return (shown < alpha) != (p < alpha) ? format_significant(p, 6) : text;
}

std::string with_unit(double value, const std::string& unit, int digits = 6) {
  const std::string number = format_number(value, digits);
  return unit.empty() ? number : number + " " + printable(unit);
}

// Items by the text of their metric id, in the order of that text: the order of the report.
template <typename Item>
using ByText = std::vector<std::pair<std::string, const Item*>>;

// Sorts items by text (mostly they come sorted), keeping the first of equal texts only.
template <typename Item>
void sort_by_text(ByText<Item>& items) {
  const auto before = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(items.begin(), items.end(), before)) std::stable_sort(items.begin(), items.end(), before);
  items.erase(std::unique(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
              items.end());
}

// The runs of the current evidence: its metrics grouped by evidence file, the runs in captured_at
// order (ties by path), each run's metrics by id text.
struct CurrentRun {
  std::string source;
  std::set<std::string> suites;  // one in real evidence: a run is one suite
  RunContext context;
  std::optional<Instant> instant;  // of context.captured_at; nothing when it is not one
  ByText<MetricSeries> metrics;
};

// Runs in captured_at order as instants, ties (and times that cannot be read, last) by path in
// natural order: core/instant.h.
bool run_before(const CurrentRun& a, const CurrentRun& b) {
  if (a.instant.has_value() != b.instant.has_value()) return a.instant.has_value();
  if (a.instant && b.instant && *a.instant != *b.instant) return *a.instant < *b.instant;
  return natural_less(a.source, b.source);
}

std::vector<CurrentRun> runs_of(const std::vector<MetricSeries>& current) {
  std::map<std::string, CurrentRun> by_source;
  for (const MetricSeries& series : current) {
    CurrentRun& run = by_source[series.source];
    if (run.metrics.empty()) {
      run.source = series.source;
      run.context = series.context;
      run.instant = parse_rfc3339(series.context.captured_at);
    }
    run.suites.insert(series.id.suite);
    run.metrics.emplace_back(series.id.text(), &series);
  }
  std::vector<CurrentRun> runs;
  runs.reserve(by_source.size());
  for (auto& [source, run] : by_source) {
    sort_by_text(run.metrics);  // ids are unique within an evidence file; should one repeat, its first counts
    runs.push_back(std::move(run));
  }
  std::stable_sort(runs.begin(), runs.end(), run_before);
  return runs;
}

// The command that accepts a run's numbers (run: its evidence file; empty: the evidence given),
// with each path quoted so that the hint pastes into a shell.
std::string accept_hint(const GateOptions& options, const std::string& run = {}) {
  std::string evidence;
  if (!run.empty()) {
    evidence = shell_quote(run);
  } else if (options.evidence_paths.empty()) {
    evidence = "<evidence>";
  } else {
    for (const std::string& path : options.evidence_paths) {
      if (!evidence.empty()) evidence += ' ';
      evidence += shell_quote(path);
    }
  }
  const std::string baseline = options.baseline_path.empty() ? "<baseline>" : shell_quote(options.baseline_path);
  return "evident baseline " + evidence + " --output " + baseline + " --force";
}

// "engine", or "engine, parser": the suites of a set, for messages.
std::string suite_list(const std::set<std::string>& suites) {
  std::string text;
  for (const std::string& suite : suites) text += (text.empty() ? "" : ", ") + quote_for_message(suite);
  return text.empty() ? "none" : text;
}

}  // namespace

std::string describe_run(const std::string& source, const RunContext& context) {
  std::string text;
  if (!source.empty()) text = "run " + printable(source);
  if (!context.captured_at.empty())
    text += (text.empty() ? "run captured " : " captured ") + printable(context.captured_at);
  if (!context.host.empty()) text += (text.empty() ? "on host " : " on host ") + printable(context.host);
  if (!context.parameters.empty()) {
    text += text.empty() ? "parameters" : ", parameters";
    for (const auto& [name, value] : context.parameters) text += " " + printable(name) + "=" + printable(value);
  }
  return text;
}

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
    case CheckStatus::noise:
      return "noise";
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
    case CheckStatus::unrelated_baseline:
      return "unrelated_baseline";
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

// What the comparison of a metric on both sides leaves for the verdict, which waits until the
// p-values of the run's metrics have been adjusted together.
struct Pending {
  double alpha = 0.05;
  bool require_significance = true;
  bool testable = false;  // the test could decide: samples on both sides, spread, enough of them
};

// Measures a metric present on both sides with matching unit and direction: values, change,
// allowed change and the raw p-value. The verdict is judge()'s.
// sorted_base and sorted_current: the samples of each side, sorted.
Pending measure(RegressionCheck& check, const BaselineEntry& entry, const MetricSeries& metric,
                std::span<const double> sorted_base, std::span<const double> sorted_current, const Tolerance* tolerance,
                const GateOptions& options) {
  const std::vector<double>& base_samples = entry.samples;
  const std::vector<double>& current_samples = metric.samples;
  check.baseline_n = base_samples.size();
  check.current_n = current_samples.size();
  check.baseline_ci95 = mean_confidence_interval(base_samples, 0.95);
  check.current_ci95 = mean_confidence_interval(current_samples, 0.95);

  const double base = *check.baseline;
  const double now = *check.current;
  if (base != 0) check.change_percent = (now - base) / std::fabs(base) * 100;
  if (tolerance) check.allowed = allowed_change(*tolerance, base);

  Pending pending;
  pending.alpha = tolerance && tolerance->alpha ? *tolerance->alpha : options.alpha;
  pending.require_significance = tolerance ? tolerance->require_significance : true;
  if (base_samples.empty() || current_samples.empty()) {
    check.significance = "no samples on one side";
    return pending;
  }
  const MannWhitneyResult test = mann_whitney_u_sorted(sorted_base, sorted_current);
  check.p_value = test.p_value;
  check.exact_p = test.exact;
  if (test.zero_variance) {
    check.significance = "zero variance on both sides";
  } else if (!can_reach_significance(base_samples.size(), current_samples.size(), pending.alpha)) {
    check.significance = "too few samples for a significance test (" + std::to_string(base_samples.size()) + " vs " +
                         std::to_string(current_samples.size()) + ")";
  } else {
    pending.testable = true;
  }
  return pending;
}

// The verdict and message of a measured metric, by its adjusted p-value when it has one.
void judge(RegressionCheck& check, const Pending& pending, const GateOptions& options) {
  const double alpha = pending.alpha;
  const bool adjusted = check.adjusted_p && check.family > 1 && options.correction != Correction::none;
  // Holm multiplies even the smallest p-value of a family of m by m: samples too few to get below
  // alpha / m can never be significant, so the tolerance alone decides, as for too few samples.
  const bool testable = pending.testable && !(adjusted && options.correction == Correction::holm &&
                                              !can_reach_significance(check.baseline_n, check.current_n,
                                                                      alpha / static_cast<double>(check.family)));
  if (pending.testable && !testable) {
    check.significance = "too few samples for a significance test over " + std::to_string(check.family) + " metrics (" +
                         std::to_string(check.baseline_n) + " vs " + std::to_string(check.current_n) +
                         ": holm-adjusted p can never fall below alpha " + format_number(alpha) + ")";
  }
  const bool decided_by_test = testable && pending.require_significance;
  bool significant = false;
  if (testable) {
    const double raw = *check.p_value;
    const double p = adjusted ? *check.adjusted_p : raw;
    significant = p < alpha;
    const std::string shown = "p=" + format_p(p, alpha);
    const std::string how = adjusted ? " " + std::string(correction_name(options.correction)) + "-adjusted over " +
                                           std::to_string(check.family) + " metrics; raw p=" + format_p(raw, alpha)
                                     : std::string();
    if (significant) {
      check.significance = shown + " < alpha " + format_number(alpha) + (adjusted ? " (" + how.substr(1) + ")" : "");
    } else {
      check.significance = "not significant (" + shown + how + ")";
    }
  }

  const double base = *check.baseline;
  const double now = *check.current;
  const double worsening = check.better == Better::lower ? now - base : base - now;
  const double bound = check.allowed.value_or(0.0);
  if (worsening < 0) {
    check.status = CheckStatus::improvement;
  } else if (worsening <= bound) {
    check.status = CheckStatus::pass;
  } else if (decided_by_test && !significant) {
    check.status = CheckStatus::noise;
  } else {
    check.status = CheckStatus::regression;
  }
  check.failed = check.status == CheckStatus::regression;

  // The worst current value the tolerance allows; the numbers are printed with the digits that tell
  // the current value from the baseline and from that limit.
  const double limit = check.better == Better::lower ? base + bound : base - bound;
  const int digits = std::max(digits_apart(now, base), digits_apart(now, limit));
  std::string line = printable(check.id.text()) + ": " + std::string(check_status_name(check.status)) + ": baseline " +
                     with_unit(base, check.unit, digits) + ", current " + with_unit(now, check.unit, digits);
  line += check.change_percent ? " (" + format_signed_percent(*check.change_percent) + ")"
                               : " (change % undefined: baseline 0)";
  line += check.allowed ? ", allowed " + with_unit(*check.allowed, check.unit) : ", no tolerance: any worsening counts";
  line += ", " + check.significance;
  if (!pending.require_significance && check.p_value) line += " (significance not required)";
  if (check.status == CheckStatus::noise) line += "; beyond tolerance but not significant: treated as noise";
  check.message = line;
  if (check.failed) check.hint = "rerun to rule out noise, or accept the change: " + accept_hint(options, check.source);
}

const Tolerance* tolerance_for(const MetricId& id, const Tolerances* tolerances, const GateOptions& options) {
  const Tolerance* tolerance = tolerances ? tolerances->for_metric(id) : nullptr;
  if (!tolerance && options.fallback) tolerance = &*options.fallback;
  return tolerance;
}

// representative() of samples already sorted.
std::optional<double> representative_of_sorted(std::span<const double> sorted, const std::optional<double>& value) {
  if (value) return value;
  if (!sorted.empty()) return median_of_sorted(sorted);
  return std::nullopt;
}

// The samples sorted into a buffer of the thread's, reused from metric to metric.
std::span<const double> sorted_in(std::vector<double>& buffer, const std::vector<double>& samples) {
  buffer.assign(samples.begin(), samples.end());
  sort_samples(buffer);
  return buffer;
}

// A check of a baseline entry, before the current side is known; sorted_samples: the entry's
// samples sorted, where they are at hand.
RegressionCheck check_of_entry(const BaselineEntry& entry, std::optional<std::span<const double>> sorted_samples = {}) {
  RegressionCheck check;
  check.id = entry.id;
  check.unit = entry.unit;
  check.better = entry.better;
  check.baseline = sorted_samples ? representative_of_sorted(*sorted_samples, entry.value)
                                  : representative(entry.samples, entry.value);
  check.baseline_n = entry.samples.size();
  return check;
}

// The check of one baseline entry against a run that lacks the metric (run null: no run of its suite).
RegressionCheck missing_check(const BaselineEntry& entry, const CurrentRun* run, const GateOptions& options) {
  RegressionCheck check = check_of_entry(entry);
  const std::string value = check.baseline ? with_unit(*check.baseline, check.unit) : "no value";
  if (run) {
    check.source = run->source;
    check.pointer = "/benchmarks";
    check.context = run->context;
    fail(check, CheckStatus::missing, "in the baseline (" + value + ") but not in this run",
         "run the benchmark that produces it, or drop it from the baseline: " + accept_hint(options, run->source));
  } else {
    fail(check, CheckStatus::missing,
         "in the baseline (" + value + ") but no evidence of suite " + quote_for_message(entry.id.suite) + " was given",
         "gate the evidence of suite " + quote_for_message(entry.id.suite) +
             " too, or drop the suite from the baseline on purpose: " + accept_hint(options));
  }
  return check;
}

// The check of a metric of a run against its baseline entry.
// pending: set when the metric was measured and waits for its verdict (judge()).
RegressionCheck metric_check(const BaselineEntry& entry, const MetricSeries& metric, const Tolerance* tolerance,
                             const GateOptions& options, std::optional<Pending>& pending) {
  // Each side sorted once, for its median and the rank test.
  thread_local std::vector<double> base_buffer;
  thread_local std::vector<double> current_buffer;
  const std::span<const double> sorted_base = sorted_in(base_buffer, entry.samples);
  const std::span<const double> sorted_current = sorted_in(current_buffer, metric.samples);
  RegressionCheck check = check_of_entry(entry, sorted_base);
  check.source = metric.source;
  check.pointer = metric.pointer;
  check.context = metric.context;
  check.current = representative_of_sorted(sorted_current, metric.value);
  check.current_n = metric.samples.size();
  if (metric.unit != entry.unit) {
    fail(check, CheckStatus::unit_mismatch,
         "baseline unit " + quote_for_message(entry.unit) + ", evidence unit " + quote_for_message(metric.unit),
         "report the baseline's unit, or accept the new unit: " + accept_hint(options, metric.source));
  } else if (metric.better != entry.better) {
    fail(check, CheckStatus::direction_mismatch,
         "baseline better=" + std::string(better_name(entry.better)) +
             ", evidence better=" + std::string(better_name(metric.better)),
         "report the baseline's direction, or accept the new one: " + accept_hint(options, metric.source));
  } else if (!check.baseline || !check.current) {
    fail(check, CheckStatus::missing,
         std::string(check.baseline ? "the evidence" : "the baseline") + " has neither samples nor a value",
         "rerun the benchmark: " + accept_hint(options, metric.source));
  } else {
    pending = measure(check, entry, metric, sorted_base, sorted_current, tolerance, options);
  }
  return check;
}

RegressionCheck new_check(const MetricSeries& metric) {
  RegressionCheck check;
  check.id = metric.id;
  check.unit = metric.unit;
  check.better = metric.better;
  check.current = representative(metric.samples, metric.value);
  check.current_n = metric.samples.size();
  check.current_ci95 = mean_confidence_interval(metric.samples, 0.95);
  check.status = CheckStatus::new_metric;
  check.source = metric.source;
  check.pointer = metric.pointer;
  check.context = metric.context;
  check.message = printable(metric.id.text()) + ": new: not in the baseline; current " +
                  (check.current ? with_unit(*check.current, check.unit) : std::string("no value"));
  return check;
}

}  // namespace

std::vector<RegressionCheck> check_regressions(const std::vector<MetricSeries>& current, const Baseline& baseline,
                                               const Tolerances* tolerances, const GateOptions& options) {
  const std::vector<CurrentRun> runs = runs_of(current);
  std::map<std::string, ByText<BaselineEntry>> entries_by_suite;
  std::set<std::string> baseline_suites, run_suites;
  for (const BaselineEntry& entry : baseline.entries) {
    entries_by_suite[entry.id.suite].emplace_back(entry.id.text(), &entry);
  }
  for (auto& [suite, entries] : entries_by_suite) {
    sort_by_text(entries);
    baseline_suites.insert(suite);
  }
  for (const CurrentRun& run : runs) run_suites.insert(run.suites.begin(), run.suites.end());
  const bool shared = std::any_of(run_suites.begin(), run_suites.end(),
                                  [&](const std::string& suite) { return baseline_suites.count(suite) != 0; });

  std::vector<RegressionCheck> out;
  // Evidence and baseline of different suites: one failure that says so. Comparing them metric by
  // metric would call every metric missing and suggest overwriting the baseline with the evidence.
  if (!shared && !baseline.entries.empty() && !current.empty()) {
    RegressionCheck check;
    check.status = CheckStatus::unrelated_baseline;
    check.failed = true;
    check.baseline_n = baseline.entries.size();
    check.current_n = current.size();
    check.message = "the baseline (suite " + suite_list(baseline_suites) +
                    ") shares no metric with the evidence (suite " + suite_list(run_suites) +
                    "): nothing can be compared";
    check.hint = "gate against the baseline of the evidence's own suite (check --baseline and the evidence paths)";
    out.push_back(std::move(check));
    return out;
  }

  const auto enforce_of = [&](const MetricId& id) -> std::optional<Enforcement> {
    const Tolerance* tolerance = tolerance_for(id, tolerances, options);
    return tolerance ? tolerance->enforce : std::nullopt;
  };
  // Each run's checks with their id text, made in the order of the entries and metrics they come
  // from and listed by that text. A metric on both sides is compared later, all of them at once
  // through options.for_each: the statistics are most of a gate's work.
  struct Comparison {
    RegressionCheck* check;
    const BaselineEntry* entry;
    const MetricSeries* metric;
    std::size_t run;
    std::optional<Pending> pending;
  };
  // A run's checks and, beside them, the id text of each.
  struct RunChecks {
    std::vector<std::string> texts;
    std::vector<RegressionCheck> checks;
    void add(const std::string& text, RegressionCheck check) {
      texts.push_back(text);
      checks.push_back(std::move(check));
    }
  };
  std::vector<RunChecks> checks_of_run(runs.size());
  std::vector<Comparison> comparisons;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const CurrentRun& run = runs[r];
    RunChecks& checks = checks_of_run[r];
    std::vector<const ByText<BaselineEntry>*> suites;
    std::size_t most = run.metrics.size();
    for (const std::string& suite_name : run.suites) {
      const auto suite = entries_by_suite.find(suite_name);
      if (suite == entries_by_suite.end()) continue;
      suites.push_back(&suite->second);
      most += suite->second.size();
    }
    checks.texts.reserve(most);
    checks.checks.reserve(most);  // the comparisons point into it
    std::vector<bool> compared(run.metrics.size(), false);
    for (const ByText<BaselineEntry>* entries : suites) {
      // Both lists are sorted by text: one walk finds each entry's metric, or that the run lacks it.
      auto metric = run.metrics.begin();
      for (const auto& [text, entry] : *entries) {
        while (metric != run.metrics.end() && metric->first < text) ++metric;
        if (metric == run.metrics.end() || metric->first != text) {
          checks.add(text, missing_check(*entry, &run, options));
          continue;
        }
        checks.add(text, RegressionCheck{});
        comparisons.push_back({&checks.checks.back(), entry, metric->second, r, std::nullopt});
        compared[static_cast<std::size_t>(metric - run.metrics.begin())] = true;
      }
    }
    for (std::size_t m = 0; m < run.metrics.size(); ++m) {
      if (!compared[m]) checks.add(run.metrics[m].first, new_check(*run.metrics[m].second));
    }
  }
  const auto compare_one = [&](std::size_t i) {
    Comparison& comparison = comparisons[i];
    *comparison.check =
        metric_check(*comparison.entry, *comparison.metric, tolerance_for(comparison.entry->id, tolerances, options),
                     options, comparison.pending);
  };
  const auto each = [&](const std::function<void(std::size_t)>& work) {
    if (options.for_each) {
      options.for_each(comparisons.size(), work);
    } else {
      for (std::size_t i = 0; i < comparisons.size(); ++i) work(i);
    }
  };
  each(compare_one);
  // The family of a run: its metrics whose test decides (samples enough on both sides, significance
  // required). Their p-values are adjusted together, then every measured metric gets its verdict.
  std::vector<std::vector<Comparison*>> family_of_run(runs.size());
  for (Comparison& comparison : comparisons) {
    if (comparison.pending && comparison.pending->testable && comparison.pending->require_significance)
      family_of_run[comparison.run].push_back(&comparison);
  }
  for (const std::vector<Comparison*>& family : family_of_run) {
    std::vector<double> raw;
    raw.reserve(family.size());
    for (const Comparison* member : family) raw.push_back(*member->check->p_value);
    const std::vector<double> adjusted = adjust_p_values(raw, options.correction);
    for (std::size_t i = 0; i < family.size(); ++i) {
      family[i]->check->adjusted_p = adjusted[i];
      family[i]->check->family = family.size();
    }
  }
  // Each verdict and its message depend on the comparison alone once its family is adjusted.
  const auto judge_one = [&](std::size_t i) {
    if (comparisons[i].pending) judge(*comparisons[i].check, *comparisons[i].pending, options);
  };
  each(judge_one);
  for (RunChecks& run : checks_of_run) {
    for (RegressionCheck& check : run.checks) check.enforce = enforce_of(check.id);
    // Mostly made in that order already: a suite's entries with the metrics they found or missed,
    // then the new metrics. A single run in that order becomes the list as it is.
    if (std::is_sorted(run.texts.begin(), run.texts.end())) {
      if (out.empty()) {
        out = std::move(run.checks);
      } else {
        out.insert(out.end(), std::make_move_iterator(run.checks.begin()), std::make_move_iterator(run.checks.end()));
      }
      continue;
    }
    std::vector<std::size_t> order(run.checks.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return run.texts[a] < run.texts[b]; });
    out.reserve(out.size() + order.size());
    for (const std::size_t i : order) out.push_back(std::move(run.checks[i]));
  }
  for (const auto& [suite, entries] : entries_by_suite) {
    if (run_suites.count(suite) != 0 || options.suites_without_verdict.count(suite) != 0) continue;
    for (const auto& [text, entry] : entries) {
      RegressionCheck check = missing_check(*entry, nullptr, options);
      check.enforce = enforce_of(check.id);
      out.push_back(std::move(check));
    }
  }
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

BudgetCheck budget_check(const MetricSeries& metric, const Budgets& budgets) {
  BudgetCheck check;
  check.id = metric.id;
  check.unit = metric.unit;
  check.source = metric.source;
  check.pointer = metric.pointer;
  check.context = metric.context;
  const std::string name = printable(metric.id.text());
  const std::optional<RuleChoice> choice = choose_rule(budgets.rules, check.id);
  if (!choice) {
    check.no_budget = true;
    check.message = name + ": no budget";
    return check;
  }
  const auto& [pattern, budget] = budgets.rules[choice->index];
  check.key = pattern.text();
  check.min = budget.min;
  check.max = budget.max;
  check.enforce = budget.enforce;
  if (!metric.samples.empty()) {
    check.stat = std::string(budget_stat_name(budget.stat));
    check.observed = statistic(budget.stat, metric.samples);
  } else if (metric.value) {
    check.stat = "value";
    check.observed = metric.value;
  }

  const std::string key = quote_for_message(check.key);
  if (budget.unit && *budget.unit != check.unit) {
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
    // Enough digits that the observed value never reads as equal to a bound it crossed.
    const int min_digits = budget.min ? digits_apart(observed, *budget.min) : 6;
    const int max_digits = budget.max ? digits_apart(observed, *budget.max) : 6;
    std::string bounds;
    if (budget.min) bounds += "min " + with_unit(*budget.min, check.unit, min_digits);
    if (budget.max) bounds += (bounds.empty() ? "max " : ", max ") + with_unit(*budget.max, check.unit, max_digits);
    check.message = name + ": " + check.stat + " " + with_unit(observed, check.unit, std::max(min_digits, max_digits)) +
                    ", budget " + key + " " + bounds + ": " +
                    (under_min  ? "below min"
                     : over_max ? "over max"
                                : "within budget");
    if (check.failed) check.hint = "fix the change that moved it, or change the budget if it was intended";
  }
  return check;
}

}  // namespace

std::vector<BudgetCheck> check_budgets(const std::vector<MetricSeries>& current, const Budgets& budgets) {
  std::vector<BudgetCheck> out;
  std::vector<bool> key_matched(budgets.rules.size(), false);
  for (const CurrentRun& run : runs_of(current)) {
    for (const auto& [text, metric] : run.metrics) {
      for (std::size_t i = 0; i < budgets.rules.size(); ++i)
        if (budgets.rules[i].first.matches(metric->id)) key_matched[i] = true;
      out.push_back(budget_check(*metric, budgets));
    }
  }

  std::vector<BudgetCheck> unmatched;
  for (std::size_t i = 0; i < budgets.rules.size(); ++i) {
    if (key_matched[i]) continue;
    BudgetCheck check;
    check.key = budgets.rules[i].first.text();
    check.min = budgets.rules[i].second.min;
    check.max = budgets.rules[i].second.max;
    check.enforce = budgets.rules[i].second.enforce;
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
