#include "core/export_pool.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/bencher_measures.h"
#include "core/text.h"

namespace evident {
namespace {

constexpr std::array<std::string_view, 3> format_names{"bmf", "gab", "csv"};

ExportProblem error(std::string code, std::string message, std::string hint) {
  return {Severity::error, std::move(code), std::move(message), std::move(hint)};
}

std::string unit_and_direction(std::string_view unit, std::string_view better) {
  return "unit " + quote_for_message(unit) + ", " + std::string(better) + " is better";
}

}  // namespace

std::span<const std::string_view> export_format_names() { return format_names; }

std::optional<ExportFormat> export_format(std::string_view name) {
  if (name == "bmf") return ExportFormat::bmf;
  if (name == "gab") return ExportFormat::gab;
  if (name == "csv") return ExportFormat::csv;
  return std::nullopt;
}

std::optional<ExportValue> export_value(const MetricSeries& metric) {
  const std::optional<double> value = representative(metric.samples, metric.value);
  if (!value) return std::nullopt;
  ExportValue exported{*value, std::nullopt, std::nullopt, !metric.value.has_value()};
  if (!metric.samples.empty()) {
    const auto [lowest, highest] = std::minmax_element(metric.samples.begin(), metric.samples.end());
    exported.lowest = *lowest;
    exported.highest = *highest;
  }
  return exported;
}

std::optional<ExportProblem> ExportPool::add_suite(const std::string& suite, const std::string& source) {
  if (format_ != ExportFormat::csv && !suites_.empty() && !suites_.contains(suite)) {
    const auto& [first_suite, first_source] = *suites_.begin();
    const std::string format(format_names[static_cast<std::size_t>(format_)]);
    return error("export.mixed_suites",
                 "suite " + quote_for_message(suite) + ", but " + first_source + " holds suite " +
                     quote_for_message(first_suite) + ": " + format +
                     " has no place for the suite, so one export holds one suite",
                 "export each suite on its own (csv keeps the suite in a column)");
  }
  suites_.try_emplace(suite, source);
  return std::nullopt;
}

std::vector<ExportProblem> ExportPool::add(const MetricSeries& metric) {
  std::vector<ExportProblem> problems;
  if (const auto earlier = sources_.find(metric.id); earlier != sources_.end()) {
    problems.push_back(
        error("export.duplicate_metric",
              metric.id.text() + " is in " + earlier->second + " too: an export holds one measurement of each metric",
              "export one run of a suite at a time (gate and rolling compare runs)"));
    return problems;
  }
  if (!export_value(metric)) {
    problems.push_back(error("export.no_value", metric.id.text() + " has neither a value nor samples to export",
                             "record the measurement, or leave the metric out of the evidence"));
    return problems;
  }
  if (format_ == ExportFormat::bmf) check_bmf_measure(metric, problems);
  const bool refused = std::any_of(problems.begin(), problems.end(),
                                   [](const ExportProblem& problem) { return problem.severity == Severity::error; });
  if (refused) return problems;
  sources_.emplace(metric.id, metric.source);
  if (format_ == ExportFormat::bmf) measures_.try_emplace(metric.id.metric, metrics_.size());
  metrics_.push_back(metric);
  return problems;
}

// Bencher Metric Format names a measure and gives a number; Bencher knows the measure's unit, and
// the direction is its threshold's. A metric named as a measure Bencher defines must be in its unit
// and direction, one measure has one unit across benchmarks, and any other measure loses its unit
// and direction on the way (a warning, once per measure).
void ExportPool::check_bmf_measure(const MetricSeries& metric, std::vector<ExportProblem>& problems) {
  const std::string_view better = better_name(metric.better);
  const std::string& name = metric.id.metric;
  if (const BencherMeasure* known = bencher_measure(name)) {
    if (known->unit != metric.unit || known->better != better) {
      problems.push_back(error(
          "export.bmf_measure",
          "metric " + quote_for_message(name) + " has " + unit_and_direction(metric.unit, better) +
              ", but Bencher's measure " + quote_for_message(name) + " has " +
              unit_and_direction(known->unit, known->better) + ": Bencher would misread it",
          "convert the values to " + std::string(known->unit) + ", or give the metric a name Bencher does not define"));
    }
    return;
  }
  if (const auto first = measures_.find(name); first != measures_.end()) {
    const MetricSeries& earlier = metrics_[first->second];
    if (earlier.unit != metric.unit || earlier.better != metric.better) {
      problems.push_back(error("export.mixed_units",
                               "metric " + quote_for_message(name) + " has " + unit_and_direction(metric.unit, better) +
                                   ", but " + earlier.id.text() + " in " + earlier.source + " has " +
                                   unit_and_direction(earlier.unit, better_name(earlier.better)) +
                                   ": a Bencher measure has one unit and one direction",
                               "convert the values to one unit, or give the metrics different names"));
    }
    return;
  }
  problems.push_back({Severity::warning, "export.bmf_no_unit",
                      "Bencher Metric Format carries no unit or direction: measure " + quote_for_message(name) + " (" +
                          unit_and_direction(metric.unit, better) + ") reaches Bencher as a name and numbers",
                      "in Bencher, give the measure " + quote_for_message(name) + " the unit " +
                          quote_for_message(metric.unit) + ", and its threshold " +
                          (metric.better == Better::lower ? "an upper" : "a lower") + " boundary"});
}

}  // namespace evident
