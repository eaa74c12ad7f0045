#pragma once
// `evident validate --pair RUN.json RUN.csv`: a CSV summary (one row per measurement, the columns
// of schemas/evidence-summary.table.json) cross-checked against the JSON evidence of the same run.
// Both must hold the same metrics with the same unit, direction and values. A metric with samples
// is one row per sample (run 0, 1, ...); a metric with only a value is one row, run 0. Values are
// compared as the numbers they denote (0.5 and 0.50 agree; 0.5 and 0.5000001 do not).
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/gate.h"

namespace evident {

// The cells of one CSV row that the check reads, with where each starts.
struct PairCell {
  std::string_view text;
  SourcePosition at;
};
struct PairRow {
  PairCell suite, benchmark, metric, unit, better, run, value;
  bool clean = true;  // the row passed its Table Schema; otherwise only its key is used
};

class PairCheck {
 public:
  // metrics: every metric of the JSON evidence (core/evidence_metrics.h), pointers into json_path.
  PairCheck(std::vector<MetricSeries> metrics, std::string json_path, std::string csv_path, std::size_t max_errors);

  void add(const PairRow& row);

  // Every disagreement: rows of the CSV the JSON does not have (at the row), values, units and
  // directions that differ (at the cell), then measurements of the JSON with no row (with the JSON
  // pointer of the metric; the caller locates them). Errors beyond max_errors are counted in a note.
  // csv_complete false (the CSV could not be read to its end): no measurement is called missing.
  std::vector<Diagnostic> finish(bool csv_complete);

  std::size_t rows_matched() const { return matched_; }

 private:
  void error(const SourcePosition& at, std::string code, std::string message, std::string hint = "");

  std::vector<MetricSeries> metrics_;
  std::string json_path_, csv_path_;
  std::size_t max_errors_;
  std::map<MetricId, std::size_t> index_;
  std::vector<std::vector<bool>> seen_;  // per metric, per run
  std::vector<Diagnostic> diagnostics_;
  std::size_t errors_ = 0, unreported_ = 0, matched_ = 0;
};

}  // namespace evident
