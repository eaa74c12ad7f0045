#pragma once
// The validation result as the JSON report "evident/validation/1" (schemas/validation.schema.json).
#include <nlohmann/json.hpp>

#include "core/validation_result.h"

namespace evident::io {

nlohmann::ordered_json validation_json(const ValidationResult& result);

// One element of the report's "files".
nlohmann::ordered_json checked_file_json(const CheckedFile& checked);

}  // namespace evident::io
