#pragma once
// The check result as the JSON document "evident/result/1" (schemas/result.schema.json). Every
// report is rendered from this document, so a saved result re-renders to the same bytes.
#include <nlohmann/json.hpp>

#include "core/check_result.h"

namespace evident::io {

nlohmann::ordered_json result_json(const CheckResult& result);

}  // namespace evident::io
