#pragma once
// The metrics of an evidence document as the gates see them: id suite/benchmark/metric, unit,
// direction, samples and/or value, and where each sits in its file.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/gate.h"

namespace evident {

// Every metric of a schema-valid evidence document, in file order.
std::vector<MetricSeries> metrics_of(const nlohmann::json& evidence, const std::string& source);

// How many metrics metrics_of finds, without reading them.
std::size_t metric_count(const nlohmann::json& evidence);

// For evidence whose status is "failed", what failed, from its "runs": "3 of 4 executions failed:
// #1 exited 1, #2 exited 1, #3 was killed by signal 9 (timed out)"; nothing for any other status.
// A failed run never passes a check and never makes a baseline.
std::optional<std::string> run_failure(const nlohmann::json& evidence);

}  // namespace evident
