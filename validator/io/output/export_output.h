#pragma once
// The documents of `evident export`: the metrics of an ExportPool (core/export_pool.h) written in
// Bencher Metric Format, github-action-benchmark custom JSON or evident's CSV summary. Metrics keep
// the order they were added in; the same metrics give the same bytes.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/gate.h"

namespace evident::io {

// {"BENCHMARK": {"METRIC": {"value": N, "lower_value": N, "upper_value": N}}}: value as in
// export_value, the bounds the lowest and highest sample when there are samples.
std::string bmf_document(std::span<const MetricSeries> metrics);

// The file name of github-action-benchmark's tool for a direction: customSmallerIsBetter.json or
// customBiggerIsBetter.json.
std::string_view gab_file_name(Better better);

// [{"name", "unit", "value", "extra"?}] of the metrics whose better is `better`; nothing when none is.
// The name is "BENCHMARK/METRIC", or "BENCHMARK" alone for a metric named "value" (what
// `import gab-smaller` and `gab-bigger` make of an entry).
std::optional<std::string> gab_document(std::span<const MetricSeries> metrics, Better better);

// evident's CSV summary (schemas/evidence-summary.table.json): one row per sample (run 0, 1, ...),
// one row (run 0) for a metric with only a value. `validate --pair` reads it back against the evidence.
std::string summary_csv(std::span<const MetricSeries> metrics, bool with_header = true);

// How many rows summary_csv gives a metric.
std::size_t summary_rows(const MetricSeries& metric);

}  // namespace evident::io
