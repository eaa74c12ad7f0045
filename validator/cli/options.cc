#include "cli/options.h"

#include <ostream>
#include <sstream>

namespace evident::cli {

std::optional<ExitCode> parse_options(CLI::App& app, const Invocation& invocation) {
  try {
    app.parse(invocation.argc, invocation.argv);
    return std::nullopt;
  } catch (const CLI::CallForHelp&) {
    invocation.out << app.help();
    return ExitCode::ok;
  } catch (const CLI::ParseError& error) {
    invocation.err << app.get_name() << ": " << error.what() << "\nRun '" << app.get_name()
                   << " --help' for its options.\n";
    return ExitCode::cannot_run;
  }
}

void add_input_limit_options(CLI::App& app, InputLimitOptions& limits) {
  app.add_option("--max-file-size", limits.max_file_bytes, "largest file read, in bytes")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--max-depth", limits.max_depth, "deepest nesting of JSON arrays and objects")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  app.add_option("--max-string-length", limits.max_string_bytes, "longest JSON string or key, in bytes")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 28));
}

}  // namespace evident::cli
