#pragma once
// The classification result as the JSON report "evident/classification/1"
// (schemas/classification.schema.json).
#include <nlohmann/json.hpp>

#include "core/classification_result.h"

namespace evident::io {

nlohmann::ordered_json classification_json(const ClassificationResult& result);

}  // namespace evident::io
