#pragma once
// The one error model of evident: every check returns diagnostics; only the CLI boundary turns
// them into text and an exit code.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evident {

enum class Severity { note, warning, error };

std::string_view severity_name(Severity severity);

// The documented exit codes, the same for every command.
enum class ExitCode : int {
  ok = 0,            // all checks passed
  check_failed = 1,  // a check failed (invalid evidence, over-claim, hard-gate breach, ...)
  cannot_run = 2,    // the tool could not do what was asked (bad flag, missing path, nothing found)
  internal = 3,      // a bug in evident
};

// 1-based line and column; 0 means "not known". Columns count Unicode code points.
struct SourcePosition {
  std::size_t line = 0;
  std::size_t column = 0;
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;     // stable, documented, e.g. "json.duplicate_key"
  std::string message;  // one sentence a person can act on
  std::string file;     // as the user named it; empty for tool-level problems
  SourcePosition position;
  std::optional<std::string> pointer;  // RFC 6901 JSON pointer of the offending value
  bool at_key = false;                 // the fault is the member's key that pointer names, not its value
  std::string hint;                    // e.g. "did you mean \"governor\"?"
  std::string excerpt;                 // the source line (possibly shortened) for display
  std::size_t excerpt_column = 0;      // 1-based caret column inside excerpt; 0 = no caret
  bool cannot_run = false;             // the tool could not do what was asked (exit 2), not a failed check
};

bool has_errors(const std::vector<Diagnostic>& diagnostics);

// An error a pure reader found in a document, located by JSON pointer only; the I/O layer that read
// the file adds the file and position.
Diagnostic problem_at(std::string code, std::string pointer, std::string message, std::string hint = {});

// The exit code a list of diagnostics calls for: 2 when anything could not be done, else 1 on any
// error, else 0. Warnings and notes never fail a run.
ExitCode exit_code_for(const std::vector<Diagnostic>& diagnostics);

// Orders diagnostics by file, line, column, then code, so output never depends on thread timing.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

}  // namespace evident
