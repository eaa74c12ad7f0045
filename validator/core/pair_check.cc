#include "core/pair_check.h"

#include <charconv>
#include <cmath>

#include "core/edit_distance.h"
#include "core/text.h"

namespace evident {
namespace {

// The measurements a metric stands for in the CSV: its samples, or its value alone as run 0.
std::vector<double> expected_rows(const MetricSeries& metric) {
  if (!metric.samples.empty()) return metric.samples;
  if (metric.value) return {*metric.value};
  return {};
}

std::string exact(double value) {
  char text[64];
  const auto [end, error] = std::to_chars(text, text + sizeof text, value);
  return error == std::errc() ? std::string(text, end) : format_number(value);
}

std::optional<double> number(std::string_view text) {
  double value = 0;
  const std::string_view digits = !text.empty() && text.front() == '+' ? text.substr(1) : text;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::size_t> run_number(std::string_view text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "0-4", "1, 3, 5-7": run numbers as ranges.
std::string ranges(const std::vector<std::size_t>& runs) {
  std::string text;
  for (std::size_t i = 0; i < runs.size();) {
    std::size_t j = i;
    while (j + 1 < runs.size() && runs[j + 1] == runs[j] + 1) ++j;
    text += (text.empty() ? "" : ", ") + std::to_string(runs[i]) + (j > i ? "-" + std::to_string(runs[j]) : "");
    i = j + 1;
  }
  return text;
}

}  // namespace

PairCheck::PairCheck(std::vector<MetricSeries> metrics, std::string json_path, std::string csv_path,
                     std::size_t max_errors)
    : metrics_(std::move(metrics)),
      json_path_(std::move(json_path)),
      csv_path_(std::move(csv_path)),
      max_errors_(max_errors) {
  for (std::size_t i = 0; i < metrics_.size(); ++i) {
    index_.emplace(metrics_[i].id, i);
    seen_.emplace_back(expected_rows(metrics_[i]).size(), false);
  }
}

void PairCheck::error(const SourcePosition& at, std::string code, std::string message, std::string hint) {
  if (errors_ >= max_errors_) {
    ++unreported_;
    return;
  }
  ++errors_;
  Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.message = std::move(message);
  diagnostic.file = csv_path_;
  diagnostic.position = at;
  diagnostic.hint = std::move(hint);
  diagnostics_.push_back(std::move(diagnostic));
}

void PairCheck::add(const PairRow& row) {
  const MetricId id{std::string(row.suite.text), std::string(row.benchmark.text), std::string(row.metric.text)};
  const auto found = index_.find(id);
  const std::optional<std::size_t> run = run_number(row.run.text);
  if (found == index_.end()) {
    if (!row.clean) return;  // its own problem is reported already
    std::vector<std::string> ids;
    for (const MetricSeries& metric : metrics_) ids.push_back(metric.id.text());
    const std::optional<std::string> close = closest_match(id.text(), ids);
    std::string hint = did_you_mean(close);
    if (hint.empty() && !metrics_.empty() && id.suite != metrics_.front().id.suite) {
      hint = "the suite of " + json_path_ + " is \"" + metrics_.front().id.suite + "\"";
    }
    error(row.suite.at, "pair.not_in_json", "metric " + quote_for_message(id.text()) + " is not in " + json_path_,
          std::move(hint));
    return;
  }
  const std::size_t m = found->second;
  const MetricSeries& metric = metrics_[m];
  if (run && *run < seen_[m].size()) seen_[m][*run] = true;
  if (!row.clean || !run) return;
  const std::vector<double> expected = expected_rows(metric);
  const std::string name = quote_for_message(id.text());
  if (*run >= expected.size()) {
    error(row.run.at, "pair.extra_run",
          "run " + std::to_string(*run) + " of " + name + " is not in " + json_path_ + ", which has " +
              (metric.samples.empty() ? std::string("a value and no samples (run 0)")
                                      : std::to_string(expected.size()) + " samples (runs 0-" +
                                            std::to_string(expected.size() - 1) + ")"));
    return;
  }
  bool agrees = true;
  if (row.unit.text != metric.unit) {
    agrees = false;
    error(row.unit.at, "pair.unit",
          name + " run " + std::to_string(*run) + ": unit " + quote_for_message(row.unit.text) + ", but " + json_path_ +
              " has \"" + metric.unit + "\"");
  }
  const std::string_view better = metric.better == Better::lower ? "lower" : "higher";
  if (row.better.text != better) {
    agrees = false;
    error(row.better.at, "pair.better",
          name + " run " + std::to_string(*run) + ": better " + quote_for_message(row.better.text) + ", but " +
              json_path_ + " has \"" + std::string(better) + "\"");
  }
  const std::optional<double> value = number(row.value.text);
  if (value && *value != expected[*run]) {
    agrees = false;
    const std::string where =
        metric.samples.empty() ? metric.pointer + "/value" : metric.pointer + "/samples/" + std::to_string(*run);
    error(row.value.at, "pair.value",
          name + " run " + std::to_string(*run) + ": the CSV has " + std::string(row.value.text) + ", " + json_path_ +
              " has " + exact(expected[*run]) + " (at " + where + ")");
  }
  if (agrees) ++matched_;
}

std::vector<Diagnostic> PairCheck::finish(bool csv_complete) {
  for (std::size_t m = 0; csv_complete && m < metrics_.size(); ++m) {
    std::vector<std::size_t> missing;
    for (std::size_t run = 0; run < seen_[m].size(); ++run) {
      if (!seen_[m][run]) missing.push_back(run);
    }
    if (missing.empty()) continue;
    const MetricSeries& metric = metrics_[m];
    if (errors_ >= max_errors_) {
      ++unreported_;
      continue;
    }
    ++errors_;
    Diagnostic diagnostic;
    diagnostic.code = "pair.missing_row";
    diagnostic.file = json_path_;
    diagnostic.pointer = missing.size() == seen_[m].size() ? metric.pointer
                         : metric.samples.empty()          ? metric.pointer + "/value"
                                                  : metric.pointer + "/samples/" + std::to_string(missing.front());
    const std::string name = quote_for_message(metric.id.text());
    if (missing.size() == seen_[m].size()) {
      diagnostic.message = name + " has no row in " + csv_path_;
    } else {
      diagnostic.message = name + ": " + (missing.size() == 1 ? "run " : "runs ") + ranges(missing) + " of " +
                           std::to_string(seen_[m].size()) + (missing.size() == 1 ? " has" : " have") + " no row in " +
                           csv_path_;
    }
    diagnostics_.push_back(std::move(diagnostic));
  }
  if (unreported_ > 0) {
    Diagnostic more;
    more.severity = Severity::note;
    more.code = "pair.too_many_errors";
    more.file = csv_path_;
    more.message = "and " + std::to_string(unreported_) +
                   (unreported_ == 1 ? " more disagreement" : " more disagreements") + " not shown (--max-errors " +
                   std::to_string(max_errors_) + ")";
    diagnostics_.push_back(std::move(more));
  }
  return std::move(diagnostics_);
}

}  // namespace evident
