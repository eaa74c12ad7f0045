#include "core/rolling_report.h"

namespace evident {

std::vector<Diagnostic> rolling_errors(const RollingResult& result, Enforcement enforce) {
  const Severity severity = enforce == Enforcement::hard ? Severity::error : Severity::warning;
  std::vector<Diagnostic> errors;
  for (const RollingMetric& metric : result.metrics) {
    if (metric.mixed) errors.push_back(mixed_metric_diagnostic(metric, severity));
    if (metric.shifted_worse()) errors.push_back(change_point_diagnostic(metric, severity));
  }
  for (const std::string& pattern : result.unmatched_patterns)
    errors.push_back(unmatched_pattern_diagnostic(pattern, severity));
  return errors;
}

}  // namespace evident
