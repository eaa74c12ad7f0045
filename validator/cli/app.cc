#include <cstdlib>
#include <exception>
#include <ostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/version.h"
#include "core/edit_distance.h"
#include "io/files/atomic_file.h"
#include "io/output/diagnostic_render.h"

namespace evident::cli {
namespace {

void print_usage(std::ostream& stream) {
  stream << "usage: evident <command> [options]\n\ncommands:\n";
  for (const Command& command : commands()) {
    stream << "  " << command.name << std::string(12 - std::min<std::size_t>(command.name.size(), 11), ' ')
           << command.summary << "\n";
  }
  stream << "\nRun 'evident <command> --help' for the options of a command.\n"
            "Exit codes: 0 all checks passed, 1 a check failed, 2 evident could not do what was asked,\n"
            "3 internal error.\n";
}

// Runs one command of the table and turns whatever it throws into its exit code and a line on
// invocation.err: a UsageError (after the diagnostics it carries) or a file that cannot be written
// is 2, anything else 3.
int run_command(const Command& command, const Invocation& invocation) {
  try {
    return static_cast<int>(command.run(invocation));
  } catch (const UsageError& error) {
    for (const Diagnostic& diagnostic : error.diagnostics()) invocation.err << io::render_text(diagnostic);
    invocation.err << "evident: " << error.what() << "\n";
  } catch (const io::WriteError& error) {
    invocation.err << "evident: " << error.what() << "\n";
  } catch (const std::exception& error) {
    invocation.err << "evident: internal error: " << error.what()
                   << "\nPlease report this with the input that caused it.\n";
    return static_cast<int>(ExitCode::internal);
  } catch (...) {
    invocation.err << "evident: internal error of unknown kind\n";
    return static_cast<int>(ExitCode::internal);
  }
  return static_cast<int>(ExitCode::cannot_run);
}
}  // namespace

std::optional<std::string> process_environment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err, const Environment& environment) {
  try {
    if (argc < 2) {
      print_usage(err);
      return static_cast<int>(ExitCode::cannot_run);
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
      print_usage(out);
      return static_cast<int>(ExitCode::ok);
    }
    if (name == "--version") {
      out << "evident " << version << "\n";
      return static_cast<int>(ExitCode::ok);
    }
    std::vector<std::string> names;
    for (const Command& command : commands()) {
      if (command.name == name) {
        const std::string program = "evident " + name;
        std::vector<const char*> arguments{program.c_str()};
        arguments.insert(arguments.end(), argv + 2, argv + argc);
        const Invocation invocation{static_cast<int>(arguments.size()), arguments.data(), out, err, environment};
        return run_command(command, invocation);
      }
      names.emplace_back(command.name);
    }
    err << "evident: unknown command '" << name << "'";
    if (const std::optional<std::string> suggestion = closest_match(name, names)) {
      err << "; did you mean '" << *suggestion << "'?";
    }
    err << "\nRun 'evident --help' for the list of commands.\n";
    return static_cast<int>(ExitCode::cannot_run);
  } catch (const UsageError& error) {
    err << "evident: " << error.what() << "\n";
    return static_cast<int>(ExitCode::cannot_run);
  } catch (const std::exception& error) {
    err << "evident: internal error: " << error.what() << "\nPlease report this with the input that caused it.\n";
    return static_cast<int>(ExitCode::internal);
  } catch (...) {
    err << "evident: internal error of unknown kind\n";
    return static_cast<int>(ExitCode::internal);
  }
}

}  // namespace evident::cli
