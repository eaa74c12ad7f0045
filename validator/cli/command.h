#pragma once
// The table of commands: name, one line of help, and the function that runs it. Help listings and
// "did you mean" come from this table; each command body lives in its own file.
#include <functional>
#include <iosfwd>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.h"

namespace evident::cli {

// Reads one environment variable; the real environment in main, a controlled one in the tests.
using Environment = std::function<std::optional<std::string>(const std::string&)>;

struct Invocation {
  int argc;  // argv[0] is "evident <command>"
  const char* const* argv;
  std::ostream& out;  // results and diagnostics
  std::ostream& err;  // usage errors and tool failures
  Environment environment;
};

using CommandFunction = ExitCode (*)(const Invocation&);

struct Command {
  std::string_view name;
  std::string_view summary;
  CommandFunction run;
};

std::span<const Command> commands();

// Thrown by commands for a request they cannot carry out as asked: a flag that makes no sense, or
// an input the command cannot use (a policy, a configuration, a schema). It carries the
// diagnostics that say why, located in that input; the CLI boundary alone prints them, then the
// message, and exits 2.
class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& message, std::vector<Diagnostic> diagnostics = {})
      : std::runtime_error(message), diagnostics_(std::move(diagnostics)) {}
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// The single boundary: dispatches, catches everything, and returns the documented exit code. main
// and the in-process CLI tests both call it, with their own streams and environment.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err, const Environment& environment);

// The process's environment, for run().
std::optional<std::string> process_environment(const std::string& name);

ExitCode run_validate(const Invocation& invocation);
ExitCode run_classify(const Invocation& invocation);
ExitCode run_doctor(const Invocation& invocation);
ExitCode run_gate(const Invocation& invocation);
ExitCode run_baseline(const Invocation& invocation);
ExitCode run_rolling(const Invocation& invocation);
ExitCode run_check(const Invocation& invocation);
ExitCode run_report(const Invocation& invocation);
ExitCode run_capture(const Invocation& invocation);
ExitCode run_import(const Invocation& invocation);
ExitCode run_export(const Invocation& invocation);

}  // namespace evident::cli
