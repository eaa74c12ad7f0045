#pragma once
// Renders diagnostics for people (compiler style, with the source line and a caret), for machines
// (JSON) and for GitHub Actions (workflow commands that become annotations).
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.h"

namespace evident::io {

// file:line:col: error[code]: message (at /pointer)
//    12 |   "govenor": "performance",
//       |   ^
//   hint: did you mean "governor"?
std::string render_text(const Diagnostic& diagnostic);

// {"severity", "code", "message", "file"?, "line"?, "column"?, "pointer"?, "hint"?}: the shape of
// validation.schema.json#/definitions/diagnostic, shared by every JSON report.
nlohmann::ordered_json diagnostic_json(const Diagnostic& diagnostic);
nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diagnostics);

// ::error file=F,line=L,col=C,title=evident CODE::message — escaped as GitHub requires.
std::string render_workflow_command(const Diagnostic& diagnostic);

// Escaping for a workflow command's message (%, CR, LF) and for its properties (also : and ,).
std::string escape_workflow_data(std::string_view text);
std::string escape_workflow_property(std::string_view text);

}  // namespace evident::io
