#include "cli/options.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <ctime>
#include <ostream>
#include <sstream>

#include "core/cpu_list.h"
#include "core/edit_distance.h"
#include "io/output/diagnostic_render.h"
#include "io/schema/policy_loader.h"

namespace evident::cli {

namespace {

// The first "--name" or "--name=value" before "--" that names none of app's options.
std::optional<std::string> unknown_flag(const CLI::App& app, const Invocation& invocation) {
  for (int i = 1; i < invocation.argc; ++i) {
    const std::string_view token = invocation.argv[i];
    if (token == "--") break;
    if (token.size() <= 2 || !token.starts_with("--")) continue;
    const std::string name(token.substr(0, token.find('=')));
    if (app.get_option_no_throw(name) == nullptr) return name;
  }
  return std::nullopt;
}

std::string unknown_flag_message(const CLI::App& app, const std::string& flag) {
  std::vector<std::string> known;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_lnames()) known.push_back("--" + name);
  }
  std::string message = "unknown flag '" + flag + "'";
  if (const std::optional<std::string> match = closest_match(flag, known))
    message += "; did you mean '" + *match + "'?";
  return message;
}

// CLI11 reports a bad number with its validator's range, up to the type's 300-digit maximum: say
// instead which flag, which value, and what it takes. Nothing for an error about anything else.
std::optional<std::string> number_message(const CLI::App& app, const CLI::ParseError& error) {
  const std::string what = error.what();
  std::string name;
  if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr) {
    name = what.substr(0, what.find(": "));
  } else if (constexpr std::string_view prefix = "Could not convert: "; what.starts_with(prefix)) {
    name = what.substr(prefix.size(), what.find(" = ") - prefix.size());
  }
  const CLI::Option* option = name.empty() ? nullptr : app.get_option_no_throw(name);
  if (option == nullptr || option->results().size() != 1) return std::nullopt;
  const std::string type = option->get_type_name();
  const std::string base = type.substr(0, type.find(':'));
  if (base != "FLOAT" && base != "INT" && base != "UINT") return std::nullopt;
  const bool whole = base != "FLOAT";
  std::string expected = whole ? "a whole number" : "a number";
  const bool non_negative = type.find("NONNEGATIVE") != std::string::npos;
  if (!non_negative && type.find("POSITIVE") != std::string::npos) {
    expected += " > 0";
  } else if (const std::size_t open = type.find(" in ["); !non_negative && open != std::string::npos) {
    const std::string bounds = type.substr(open + 5, type.find(']', open) - open - 5);  // "1 - 99"
    const std::size_t dash = bounds.find(" - ");
    if (dash != std::string::npos) expected += " from " + bounds.substr(0, dash) + " to " + bounds.substr(dash + 3);
  } else if (non_negative || base == "UINT") {
    expected += " >= 0";
  }
  const std::string value = option->results().front();
  double as_double = 0;
  long long as_whole = 0;
  const bool is_number =
      whole ? CLI::detail::lexical_cast(value, as_whole) : CLI::detail::lexical_cast(value, as_double);
  return option->get_name() + ": \"" + value + "\" " +
         (is_number ? "is out of range" : "is not " + std::string(whole ? "a whole number" : "a number")) +
         " (expected " + expected + ")";
}

}  // namespace

std::optional<ExitCode> parse_options(CLI::App& app, const Invocation& invocation) {
  try {
    app.parse(invocation.argc, invocation.argv);
    return std::nullopt;
  } catch (const CLI::CallForHelp&) {
    invocation.out << app.help();
    return ExitCode::ok;
  } catch (const CLI::ParseError& error) {
    // An unknown flag is named first, whatever CLI11 stumbled on because of it (an extra or a
    // missing argument).
    std::string message = error.what();
    if (const std::optional<std::string> flag = unknown_flag(app, invocation)) {
      message = unknown_flag_message(app, *flag);
    } else if (const std::optional<std::string> number = number_message(app, error)) {
      message = *number;
    }
    invocation.err << app.get_name() << ": " << message << "\nRun '" << app.get_name() << " --help' for its options.\n";
    return ExitCode::cannot_run;
  }
}

std::int64_t now_or_source_date_epoch(const Invocation& invocation) {
  const std::optional<std::string> epoch =
      invocation.environment ? invocation.environment("SOURCE_DATE_EPOCH") : std::nullopt;
  if (!epoch) return static_cast<std::int64_t>(std::time(nullptr));
  std::int64_t seconds = -1;
  const auto [end, error] = std::from_chars(epoch->data(), epoch->data() + epoch->size(), seconds);
  if (epoch->empty() || error != std::errc() || end != epoch->data() + epoch->size() || seconds < 0) {
    throw UsageError("SOURCE_DATE_EPOCH \"" + *epoch + "\" is not a number of seconds since 1970-01-01T00:00:00Z");
  }
  return seconds;
}

std::optional<std::int64_t> parse_duration(std::string_view text) {
  constexpr std::array<std::pair<char, std::int64_t>, 4> units{{{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}}};
  std::int64_t unit = 1;
  if (!text.empty()) {
    const auto found = std::find_if(units.begin(), units.end(), [&](const auto& u) { return u.first == text.back(); });
    if (found != units.end()) {
      unit = found->second;
      text.remove_suffix(1);
    }
  }
  std::int64_t count = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || count < 0 ||
      count > std::int64_t{1} << 40) {
    return std::nullopt;
  }
  return count * unit;
}

void add_record_command_lines_option(CLI::App& app, bool& record) {
  app.add_flag("--record-command-lines", record,
               "record the full command line of each other process busy on the benchmark CPUs, not only its "
               "name and pid (arguments can hold secrets: evidence is meant to be published)");
}

void add_runner_label_option(CLI::App& app, std::vector<std::string>& labels) {
  app.add_option("--runner-label", labels, "a label of this CI runner (repeat the flag for each)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->check(
          [](const std::string& label) -> std::string {
            if (label.find(',') == std::string::npos) return {};
            std::string repeated;
            std::string_view rest = label;
            while (!rest.empty()) {
              const std::size_t comma = rest.find(',');
              const std::string_view one = rest.substr(0, comma);
              if (!one.empty())
                repeated += (repeated.empty() ? "" : " ") + std::string("--runner-label ") + std::string(one);
              rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            }
            return "\"" + label + "\" holds a comma, but each flag takes one label; repeat the flag: " + repeated;
          },
          "");
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

Policy policy_from_option(const std::string& path, const io::ValidationOptions& options) {
  if (path.empty()) return default_policy();
  std::vector<Diagnostic> problems;
  std::optional<Policy> policy = io::load_policy(path, options, problems);
  if (!policy) {
    throw UsageError("cannot use " + path + " as a policy", problems);
  }
  return *policy;
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
