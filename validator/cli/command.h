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

#include "core/diagnostic.h"

namespace evident::cli {

struct Invocation {
  int argc;  // argv[0] is "evident <command>"
  const char* const* argv;
  std::ostream& out;  // results and diagnostics
  std::ostream& err;  // usage errors and tool failures
  std::function<std::optional<std::string>(const std::string&)> environment;
};

using CommandFunction = ExitCode (*)(const Invocation&);

struct Command {
  std::string_view name;
  std::string_view summary;
  CommandFunction run;
};

std::span<const Command> commands();

// Thrown by commands for a request they cannot carry out as asked; the CLI boundary prints it
// and exits 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The single boundary: dispatches, catches everything, and returns the documented exit code.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

// Runs one command of the table and turns whatever it throws into its exit code and a line on
// invocation.err: a UsageError or a file that cannot be written is 2, anything else 3. run() and
// the in-process CLI tests both go through it.
int run_command(const Command& command, const Invocation& invocation);

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

}  // namespace evident::cli
