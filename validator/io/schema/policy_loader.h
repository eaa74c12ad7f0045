#pragma once
// Loads a classification policy file: read, parse fail-closed, validate against the policy schema,
// then build the Policy named by the SHA-256 of the file's bytes.
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/policy.h"
#include "io/schema/document_validation.h"

namespace evident::io {

// The policy in path, or nothing with every problem in diagnostics (located in the file).
std::optional<Policy> load_policy(const std::string& path, const ValidationOptions& options,
                                  std::vector<Diagnostic>& diagnostics);

}  // namespace evident::io
