#include "core/evidence_metrics.h"

#include "core/json_pointer.h"

namespace evident {

std::vector<MetricSeries> metrics_of(const nlohmann::json& evidence, const std::string& source) {
  std::vector<MetricSeries> series;
  const auto suite = evidence.find("suite");
  const auto benchmarks = evidence.find("benchmarks");
  if (suite == evidence.end() || !suite->is_object() || !suite->contains("name") || benchmarks == evidence.end() ||
      !benchmarks->is_array()) {
    return series;
  }
  const std::string suite_name = suite->at("name").get<std::string>();
  for (std::size_t b = 0; b < benchmarks->size(); ++b) {
    const nlohmann::json& benchmark = (*benchmarks)[b];
    const auto metrics = benchmark.find("metrics");
    if (metrics == benchmark.end() || !metrics->is_array()) continue;
    for (std::size_t m = 0; m < metrics->size(); ++m) {
      const nlohmann::json& metric = (*metrics)[m];
      MetricSeries entry;
      entry.id = {suite_name, benchmark.value("name", ""), metric.value("name", "")};
      entry.unit = metric.value("unit", "");
      entry.better = metric.value("better", "lower") == "higher" ? Better::higher : Better::lower;
      if (const auto samples = metric.find("samples"); samples != metric.end() && samples->is_array()) {
        for (const nlohmann::json& sample : *samples) {
          if (sample.is_number()) entry.samples.push_back(sample.get<double>());
        }
      }
      if (const auto value = metric.find("value"); value != metric.end() && value->is_number()) {
        entry.value = value->get<double>();
      }
      entry.source = source;
      entry.pointer = append_pointer(append_pointer(append_pointer("/benchmarks", b), "metrics"), m);
      series.push_back(std::move(entry));
    }
  }
  return series;
}

}  // namespace evident
