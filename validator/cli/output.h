#pragma once
// Output shared by the commands: diagnostics as text (plus GitHub workflow commands under GitHub
// Actions) or as JSON objects.
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "core/diagnostic.h"
#include "core/text.h"  // count_of

namespace evident::cli {

// Whether text output also carries GitHub Actions annotations: under GITHUB_ACTIONS=true.
bool annotate_for_github(const Invocation& invocation);

// Text for each diagnostic; under GITHUB_ACTIONS=true each error and warning also as an annotation.
// Made on up to jobs threads where there are many.
void print_diagnostics(const Invocation& invocation, const std::vector<Diagnostic>& diagnostics, unsigned jobs = 1);

// Beside a JSON document on stdout: under GITHUB_ACTIONS=true, each error and warning as a workflow
// command on stderr (the runner reads commands from both), so annotations do not depend on the
// format while stdout stays one document.
void annotate_beside_json(const Invocation& invocation, const std::vector<Diagnostic>& diagnostics);

}  // namespace evident::cli
