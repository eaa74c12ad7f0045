#include "cli/options.h"

#include <algorithm>
#include <ostream>
#include <sstream>

#include "io/diagnostic_render.h"
#include "core/cpu_list.h"
#include "io/policy_loader.h"

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

void add_file_input_options(CLI::App& app, FileInputOptions& options, const std::string& paths_help) {
  app.add_option("PATH", options.paths, paths_help)->required();
  app.add_option("--format", options.format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--jobs,-j", options.jobs, "files read in parallel (default: one per core)")
      ->check(CLI::Range(1, 1024));
  add_input_limit_options(app, options.limits);
}

io::CollectedFiles collect_json_inputs(const std::vector<std::string>& paths) {
  io::CollectedFiles collected = io::collect_input_files(paths, {".json"});
  if (collected.files.empty()) add_nothing_found(collected.diagnostics, "*.json");
  return collected;
}

void add_nothing_found(std::vector<Diagnostic>& diagnostics, std::string_view pattern) {
  if (exit_code_for(diagnostics) == ExitCode::cannot_run) return;
  Diagnostic nothing;
  nothing.code = "io.nothing_to_validate";
  nothing.message = "no " + std::string(pattern) + " files found in the paths given";
  nothing.cannot_run = true;
  diagnostics.push_back(std::move(nothing));
}

io::ValidationOptions validation_options(const InputLimitOptions& limits, unsigned jobs) {
  io::ValidationOptions options;
  options.limits = {limits.max_depth, limits.max_string_bytes};
  options.max_file_bytes = limits.max_file_bytes;
  options.jobs = jobs;
  return options;
}

Policy policy_from_option(const std::string& path, const io::ValidationOptions& options,
                          const Invocation& invocation) {
  if (path.empty()) return default_policy();
  std::vector<Diagnostic> problems;
  std::optional<Policy> policy = io::load_policy(path, options, problems);
  if (!policy) {
    for (const Diagnostic& problem : problems) invocation.err << io::render_text(problem);
    throw UsageError("cannot use " + path + " as a policy");
  }
  return *policy;
}

Diagnostic located(const Diagnostic& diagnostic, const FilesByPath& files) {
  const auto file = files.find(diagnostic.file);
  if (file == files.end() || !file->second->document || !diagnostic.pointer) return diagnostic;
  Diagnostic placed = file->second->document->diagnostic_at(*diagnostic.pointer, diagnostic.code, diagnostic.message);
  placed.severity = diagnostic.severity;
  placed.hint = diagnostic.hint;
  return placed;
}

void check_cpus_exist(const host::HostRoot& root, const std::vector<int>& cpus) {
  const host::Reading present = root.read("/sys/devices/system/cpu/present");
  if (!present.value) return;
  const std::optional<std::vector<int>> existing = parse_cpu_list(*present.value);
  if (!existing) return;
  for (int cpu : cpus) {
    if (!std::binary_search(existing->begin(), existing->end(), cpu)) {
      throw UsageError("--cpus names CPU " + std::to_string(cpu) + ", but this host has CPUs " +
                       format_cpu_list(*existing));
    }
  }
}

std::vector<int> cpus_from_option(const std::string& text) {
  const std::optional<std::vector<int>> cpus = parse_cpu_list(text);
  if (!cpus || cpus->empty()) throw UsageError("--cpus: \"" + text + "\" is not a list of CPUs such as 2,3 or 2-3");
  return *cpus;
}

}  // namespace evident::cli
