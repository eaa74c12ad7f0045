#pragma once
// Turns valijson's violations into diagnostics a person can act on: a stable code per keyword,
// the offending value, what was expected there, every unknown key with a "did you mean", and
// without valijson's "failed to validate item #1" wrappers.
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.h"
#include "io/json/json_document.h"
#include "io/schema/schema_validator.h"

namespace evident::io {

std::vector<Diagnostic> explain_violations(const std::vector<SchemaViolation>& violations, const nlohmann::json& schema,
                                           const JsonDocument& document);

// A short rendering of a JSON value for messages: strings quoted, containers summarised.
std::string describe_value(const nlohmann::json& value);

}  // namespace evident::io
