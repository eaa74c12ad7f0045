#pragma once
// The metrics of an evidence document as the gates see them: id suite/benchmark/metric, unit,
// direction, samples and/or value, and where each sits in its file.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/gate.h"

namespace evident {

// Every metric of a schema-valid evidence document, in file order.
std::vector<MetricSeries> metrics_of(const nlohmann::json& evidence, const std::string& source);

}  // namespace evident
