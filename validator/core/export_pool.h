#pragma once
// `evident export FORMAT EVIDENCE...`: the metrics of valid evidence gathered for another tool's
// format, with what that format cannot carry said before anything is written. Values in, values
// out: the CLI validates the files, hands each metric here and locates the problems in its file;
// io/output/export_output renders the pool. docs/export.md has the rules.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/gate.h"

namespace evident {

enum class ExportFormat {
  bmf,  // Bencher Metric Format: {"BENCHMARK": {"METRIC": {"value": N, "lower_value": N, "upper_value": N}}}
  gab,  // github-action-benchmark custom JSON, one array per direction
  csv,  // evident's CSV summary (schemas/evidence-summary.table.json), one row per measurement
};

// The names of the formats, in the order the docs list them.
std::span<const std::string_view> export_format_names();
std::optional<ExportFormat> export_format(std::string_view name);

// What the export cannot do as asked with one metric or file: an error stops it (nothing is
// written), a warning is printed and the export goes on.
struct ExportProblem {
  Severity severity = Severity::error;
  std::string code;
  std::string message;
  std::string hint;
};

// The number that stands for a metric in bmf and gab: its value, else the median of its samples;
// with the lowest and highest sample when it has samples.
struct ExportValue {
  double value = 0;
  std::optional<double> lowest, highest;
  bool from_samples = false;  // the median of the samples, not the producer's value
};
std::optional<ExportValue> export_value(const MetricSeries& metric);

class ExportPool {
 public:
  explicit ExportPool(ExportFormat format) : format_(format) {}

  // The suite of the next file (from source); an error when the format has no place for a suite
  // and an earlier file holds another.
  std::optional<ExportProblem> add_suite(const std::string& suite, const std::string& source);

  // Adds a metric of the current file; what it raises (with an error it is not added).
  std::vector<ExportProblem> add(const MetricSeries& metric);

  const std::vector<MetricSeries>& metrics() const { return metrics_; }
  std::size_t suite_count() const { return suites_.size(); }

 private:
  void check_bmf_measure(const MetricSeries& metric, std::vector<ExportProblem>& problems);

  ExportFormat format_;
  std::vector<MetricSeries> metrics_;
  std::map<MetricId, std::string> sources_;      // where each metric came from
  std::map<std::string, std::string> suites_;    // suite -> the first file that holds it
  std::map<std::string, std::size_t> measures_;  // bmf: metric name -> the index of its first metric
};

}  // namespace evident
