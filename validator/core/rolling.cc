#include "core/rolling.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace evident {

RollingResult roll(std::vector<RollingRun> history, const RollingOptions& options) {
  std::sort(history.begin(), history.end(), [](const RollingRun& a, const RollingRun& b) {
    return std::tie(a.captured_at, a.source) < std::tie(b.captured_at, b.source);
  });
  RollingResult result;
  result.history_runs = history.size();
  const std::size_t first = history.size() > options.window ? history.size() - options.window : 0;
  struct Pool {
    MetricId id;
    std::string unit;
    std::size_t runs = 0;
    std::vector<double> samples;
    std::vector<double> trend;
  };
  std::map<std::string, Pool> pools;
  for (std::size_t i = first; i < history.size(); ++i) {
    result.window_sources.push_back(history[i].source);
    for (const MetricSeries& metric : history[i].metrics) {
      Pool& pool = pools[metric.id.text()];
      pool.id = metric.id;
      pool.unit = metric.unit;
      ++pool.runs;
      if (!metric.samples.empty()) {
        pool.samples.insert(pool.samples.end(), metric.samples.begin(), metric.samples.end());
      } else if (metric.value) {
        pool.samples.push_back(*metric.value);
      }
      if (const std::optional<double> point = representative(metric.samples, metric.value)) pool.trend.push_back(*point);
    }
  }
  for (auto& [id, pool] : pools) {
    RollingMetric metric;
    metric.id = pool.id;
    metric.unit = pool.unit;
    metric.runs = pool.runs;
    metric.summary = summarise(pool.samples);
    metric.trend = std::move(pool.trend);
    if (options.max_cv_percent) {
      metric.cv_ok = metric.summary.cv_percent && *metric.summary.cv_percent < *options.max_cv_percent;
    }
    if (options.max_median) metric.median_ok = metric.summary.n > 0 && metric.summary.median <= *options.max_median;
    result.metrics.push_back(std::move(metric));
  }
  return result;
}

}  // namespace evident
