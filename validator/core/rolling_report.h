#pragma once
// The verdict of `evident rolling`: the rolling statistics of a history under the bounds asked
// for, with the files it skipped and every finding. Computed once; the text and JSON renderers
// (io/output) only print it.
#include <cstddef>
#include <vector>

#include "core/check_config.h"
#include "core/diagnostic.h"
#include "core/rolling.h"

namespace evident {

struct RollingReport {
  RollingConfig config;           // window, bounds, budgets file, metric patterns, enforcement
  RollingResult result;           // the window and its metrics
  std::size_t skipped_files = 0;  // not valid evidence, or without a real captured_at instant
  std::vector<Diagnostic> notes;  // every finding, in the order the text prints them

  std::size_t failed_metrics() const { return result.failed_metrics(); }
  bool passed() const { return failed_metrics() == 0; }
  // A metric that is not OK fails the command only under hard enforcement.
  bool enforced_failure() const { return !passed() && config.enforce == Enforcement::hard; }
};

// Each metric whose window mixes units or directions, each metric whose newest change point is a
// shift to worse inside the window, and each metric pattern that matched nothing: errors under hard
// enforcement, warnings under soft.
std::vector<Diagnostic> rolling_errors(const RollingResult& result, Enforcement enforce);

}  // namespace evident
