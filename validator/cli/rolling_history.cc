#include "cli/rolling_history.h"

#include <algorithm>

#include "cli/command.h"
#include "cli/evidence_inputs.h"
#include "cli/options.h"
#include "cli/output.h"
#include "core/evidence_metrics.h"
#include "core/instant.h"

namespace evident::cli {

namespace {

// Keeps the metrics of the newest `window` of the runs that hold them (by the order of the window,
// core/instant's order_runs) and frees the rest, or with values_only keeps of the rest only each
// metric's representative value (change points read no more): that order is total, so the newest
// runs of the whole history are always among those kept.
class WindowCandidates {
 public:
  WindowCandidates(std::size_t window, bool values_only) : window_(window), values_only_(values_only) {}

  // A run just added to runs; failed and untimed runs take no place in the window and are left as
  // they are.
  void add(std::vector<RollingRun>& runs) {
    const RollingRun& run = runs.back();
    const std::optional<Instant> instant = parse_rfc3339(run.captured_at);
    if (run.failed || !instant) return;
    holders_.push_back(runs.size() - 1);
    times_.push_back({run.source, *instant});
    if (holders_.size() > 2 * window_) prune(runs);
  }

 private:
  void prune(std::vector<RollingRun>& runs) {
    const RunOrder order = order_runs(times_);
    const std::size_t first = order.order.size() - window_;
    std::vector<std::size_t> holders;
    std::vector<TimedPath> times;
    for (std::size_t i = 0; i < order.order.size(); ++i) {
      const std::size_t at = order.order[i];
      if (i < first) {
        let_go(runs[holders_[at]].metrics);
      } else {
        holders.push_back(holders_[at]);
        times.push_back(times_[at]);
      }
    }
    holders_ = std::move(holders);
    times_ = std::move(times);
  }

  void let_go(std::vector<MetricSeries>& metrics) const {
    if (!values_only_) {
      std::vector<MetricSeries>().swap(metrics);
      return;
    }
    for (MetricSeries& series : metrics) {
      series.value = representative(series.samples, series.value);
      std::vector<double>().swap(series.samples);
    }
  }

  std::size_t window_;
  bool values_only_;
  std::vector<std::size_t> holders_;  // indices of runs that hold metrics
  std::vector<TimedPath> times_;      // their order keys
};

}  // namespace

RollingHistory read_history(const io::CollectedFiles& collected, const io::ValidationOptions& options,
                            std::size_t window, bool keep_values) {
  RollingHistory history;
  WindowCandidates candidates(std::max<std::size_t>(window, 1), keep_values);
  history.evidence = io::FindingLocator(options);
  std::vector<Diagnostic> skipped;  // after the notes of files left out, as they were
  // Valid evidence is judged on the fast path's tree and its metrics are read from it.
  io::ValidationOptions in_place = options;
  in_place.numbers_in_place = true;
  io::validate_each(collected.files, in_place, [&](io::FileValidation&& file) {
    if (std::optional<Diagnostic> note = left_out_as_other_kind(file, collected)) {
      history.warnings.push_back(std::move(*note));
      return;
    }
    if (!file.valid() || file.kind != "evidence") {
      ++history.skipped;
      Diagnostic warning;
      warning.severity = Severity::warning;
      warning.code = "rolling.skipped";
      warning.file = file.path;
      const auto first_error = std::find_if(file.diagnostics.begin(), file.diagnostics.end(),
                                            [](const Diagnostic& d) { return d.severity == Severity::error; });
      warning.message =
          "skipped: " + (first_error != file.diagnostics.end() ? first_error->code + ": " + first_error->message
                                                               : std::string("not an evidence file"));
      skipped.push_back(std::move(warning));
      return;
    }
    const nlohmann::json& evidence = file.value_besides_benchmarks();
    std::string commit;
    if (const auto suite = evidence.find("suite"); suite != evidence.end() && suite->is_object()) {
      commit = suite->value("commit", "");
    }
    std::vector<MetricSeries> metrics = io::take_metrics(file);
    history.runs.push_back({file.path, evidence.value("captured_at", ""), std::move(metrics),
                            evidence.value("status", "") == "failed", std::move(commit)});
    candidates.add(history.runs);
    history.evidence.add(file);
  });
  history.warnings.insert(history.warnings.end(), skipped.begin(), skipped.end());
  return history;
}

std::vector<Diagnostic> RollingHistory::located_in_history(std::vector<Diagnostic> findings) const {
  return evidence.located(std::move(findings));
}

std::optional<Diagnostic> short_history_warning(const RollingResult& result, std::size_t window,
                                                const std::string& file) {
  if (result.window_runs.size() >= window) return std::nullopt;
  Diagnostic warning;
  warning.severity = Severity::warning;
  warning.code = "rolling.short_history";
  warning.file = file;
  warning.message = "only " + count_of(result.window_runs.size(), "run") +
                    " in the history, fewer than the window of " + std::to_string(window) +
                    ": the statistics rest on less evidence than asked for";
  return warning;
}

std::vector<MetricPattern> metric_patterns(const std::vector<std::string>& keys) {
  std::vector<MetricPattern> patterns;
  for (const std::string& key : keys) {
    std::string error;
    std::optional<MetricPattern> pattern = MetricPattern::parse(key, &error);
    if (!pattern) throw UsageError("the metric pattern \"" + key + "\" cannot be used: " + error);
    patterns.push_back(std::move(*pattern));
  }
  return patterns;
}

}  // namespace evident::cli
