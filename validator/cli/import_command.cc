// evident import FORMAT FILE : evidence from the output of another benchmark harness.
#include <ctime>
#include <filesystem>
#include <ostream>
#include <regex>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/version.h"
#include "core/classification.h"
#include "core/edit_distance.h"
#include "core/imported_evidence.h"
#include "core/text.h"
#include "io/files/atomic_file.h"
#include "io/files/input_files.h"
#include "io/import/importer.h"
#include "io/output/diagnostic_render.h"
#include "io/schema/document_validation.h"

namespace evident::cli {
namespace {

namespace fs = std::filesystem;

struct ImportOptions {
  std::string format;
  std::string file;
  std::string output;
  std::string suite;
  std::string profile;
  std::string merge_host;
  std::string captured_at;
  std::string max_snapshot_age = "10m";
  std::string policy;
  bool force = false;
  InputLimitOptions limits;
};

std::vector<std::string> format_names() {
  std::vector<std::string> names;
  for (const io::Importer& importer : io::importers()) names.emplace_back(importer.format);
  return names;
}

std::string format_list(bool with_auto = true) {
  std::string list;
  for (const std::string& name : format_names()) list += (list.empty() ? "" : ", ") + name;
  return with_auto ? list + ", auto" : list;
}

const io::Importer& importer_for(const std::string& format) {
  if (const io::Importer* importer = io::find_importer(format)) return *importer;
  std::string message = "unknown format \"" + format + "\"; the formats are " + format_list();
  std::vector<std::string> candidates = format_names();
  candidates.emplace_back("auto");
  std::optional<std::string> close = closest_match(format, candidates);
  for (const std::string& candidate : candidates) {
    if (!close && !format.empty() && candidate.starts_with(format)) close = candidate;  // "googlebench"
  }
  if (close) message += " (" + did_you_mean(close) + ")";
  throw UsageError(message);
}

// The formats other than the one tried whose output text looks like, for a hint.
std::string looks_like(std::string_view text, const io::Importer& tried) {
  for (const io::Importer& importer : io::importers()) {
    if (&importer != &tried && importer.detect(text)) return std::string(importer.format);
  }
  return "";
}

// When the input was written, for output that records no time of its own.
std::string modification_time(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return rfc3339_utc(std::time(nullptr));
  return rfc3339_utc(status.st_mtime);
}

void check_captured_at(const std::string& text) {
  static const std::regex rfc3339(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");
  if (!std::regex_match(text, rfc3339)) {
    throw UsageError("--captured-at \"" + text + "\" is not an RFC 3339 time such as 2026-11-23T09:30:00Z");
  }
}

// The "host" of an `evident doctor --format json` snapshot, validated like any evident file.
std::optional<io::FileValidation> load_snapshot(const ImportOptions& options, const io::ValidationOptions& validation) {
  if (options.merge_host.empty()) return std::nullopt;
  std::vector<io::FileValidation> loaded = io::validate_files({options.merge_host}, validation);
  io::FileValidation& snapshot = loaded.front();
  if (!snapshot.valid()) {
    throw UsageError("cannot use " + options.merge_host + " as a host snapshot", snapshot.diagnostics);
  }
  if (snapshot.kind != "doctor report") {
    throw UsageError(options.merge_host + " is not a doctor report (" +
                     (snapshot.kind.empty() ? std::string("not an evident file") : "it holds " + snapshot.kind) +
                     "); --merge-host takes the output of `evident doctor --format json`");
  }
  return std::move(snapshot);
}

std::string reasons_of(const Verdict& verdict) {
  std::vector<std::string> codes;
  for (const RuleFinding& finding : verdict.failed_rules) {
    if (std::find(codes.begin(), codes.end(), finding.code) == codes.end()) codes.push_back(finding.code);
  }
  std::string text;
  for (std::size_t i = 0; i < codes.size() && i < 5; ++i) text += (i == 0 ? "" : ", ") + codes[i];
  if (codes.size() > 5) text += " and " + std::to_string(codes.size() - 5) + " more";
  return text;
}

std::size_t metric_count(const nlohmann::ordered_json& benchmarks) {
  std::size_t count = 0;
  for (const auto& benchmark : benchmarks) count += benchmark["metrics"].size();
  return count;
}

void add_import_options(CLI::App& app, ImportOptions& options) {
  app.add_option("FORMAT", options.format, "the harness's format, or auto to detect it from the content")->required();
  app.add_option("FILE", options.file,
                 "the harness's output file (for criterion, also a directory: Criterion.rs's target/criterion)")
      ->required();
  app.add_option("--output,-o", options.output, "the evidence file to write (default: print it)");
  app.add_flag("--force", options.force, "replace the output file when it exists");
  app.add_option("--suite", options.suite, "the suite name (default: what the output suggests, else FORMAT)");
  app.add_option("--profile", options.profile, "the profile to record, e.g. pr or nightly");
  app.add_option("--merge-host", options.merge_host,
                 "a host snapshot from `evident doctor --format json`, taken on the benchmark host around the run");
  app.add_option("--max-snapshot-age", options.max_snapshot_age,
                 "how far the --merge-host snapshot's checked_at may be from the run's captured_at, e.g. 600, 90s, "
                 "10m, 2h")
      ->capture_default_str();
  app.add_option("--captured-at", options.captured_at,
                 "when the run was made, RFC 3339 (default: the output's own time, else FILE's modification time)");
  app.add_option("--policy", options.policy, "classification policy (evident/policy/1); default: built-in");
  add_input_limit_options(app, options.limits);
}

// Refuses option values the evidence cannot hold, and an output file that would be replaced by accident.
void check_import_options(const ImportOptions& options) {
  if (!options.captured_at.empty()) check_captured_at(options.captured_at);
  if (!parse_duration(options.max_snapshot_age)) {
    throw UsageError("--max-snapshot-age \"" + options.max_snapshot_age +
                     "\" is not a duration: a whole number of seconds, or one with s, m, h or d (600, 10m, 2h)");
  }
  const char* name_pattern = R"([^/\x00-\x20\x7f](?:[^/\x00-\x1f\x7f]*[^/\x00-\x20\x7f])?)";
  if (!options.suite.empty() &&
      (options.suite.size() > 200 || !std::regex_match(options.suite, std::regex(name_pattern)))) {
    throw UsageError("--suite \"" + options.suite +
                     "\" cannot be a suite name: 1 to 200 characters, no '/', no control "
                     "characters, no space at either end");
  }
  if (!options.profile.empty() &&
      (options.profile.size() > 64 || !std::regex_match(options.profile, std::regex("[A-Za-z0-9][A-Za-z0-9._-]*")))) {
    throw UsageError("--profile \"" + options.profile +
                     "\" cannot be a profile: a letter or digit, then letters, digits, "
                     "'.', '_' or '-', at most 64");
  }
  if (options.output.empty()) return;
  std::error_code error;
  if (!options.force && fs::exists(options.output, error)) {
    throw UsageError(options.output + " exists; pass --force to replace it");
  }
  const fs::path output_directory = fs::path(options.output).parent_path();
  if (!output_directory.empty() && !fs::is_directory(output_directory, error)) {
    throw UsageError("the directory of " + options.output + " does not exist");
  }
}

// The first importer whose detect() accepts text, with a note saying so in notes; nothing when none
// does, with the error in notes.
const io::Importer* detected_importer(const std::string& text, const std::string& file,
                                      std::vector<Diagnostic>& notes) {
  for (const io::Importer& candidate : io::importers()) {
    if (!candidate.detect(text)) continue;
    Diagnostic detected;
    detected.severity = Severity::note;
    detected.code = "import.detected";
    detected.file = file;
    detected.message = "detected " + std::string(candidate.format) + " output";
    notes.push_back(std::move(detected));
    return &candidate;
  }
  Diagnostic unknown;
  unknown.code = "import.unknown_format";
  unknown.file = file;
  unknown.message = "not the output of any format evident imports (" + format_list(false) + ")";
  unknown.hint = "name the format: evident import FORMAT " + shell_quote(file);
  if (io::looks_like_gab(text)) {
    unknown.message =
        "this looks like github-action-benchmark custom JSON, which does not record whether smaller or "
        "bigger values are better, so auto does not choose";
    unknown.hint = "say which: evident import gab-smaller " + shell_quote(file) + " (customSmallerIsBetter), or " +
                   "evident import gab-bigger " + shell_quote(file) + " (customBiggerIsBetter)";
  }
  notes.push_back(std::move(unknown));
  return nullptr;
}

// The importer of a directory: only Criterion.rs's JSON files come as one (target/criterion); with
// `auto` (importer null), a note says so.
const io::Importer* criterion_directory_importer(const io::Importer* importer, const std::string& directory,
                                                 std::vector<Diagnostic>& notes) {
  if (importer != nullptr && importer->format != "criterion" && importer->format != "criterion-json") {
    throw UsageError(directory + " is a directory; " + std::string(importer->format) +
                     " reads a file (only criterion reads a directory: Criterion.rs's target/criterion)");
  }
  if (importer == nullptr) {
    Diagnostic detected;
    detected.severity = Severity::note;
    detected.code = "import.detected";
    detected.file = directory;
    detected.message = "a directory: reading it as criterion-json (Criterion.rs's target/criterion)";
    notes.push_back(std::move(detected));
  }
  return io::find_importer("criterion-json");
}

// What importer reads from source; nothing when it cannot be imported, with the problems appended
// to diagnostics (and a hint when the input looks like another format).
std::optional<Imported> import_source(const io::Importer& importer, const io::ImportSource& source,
                                      std::vector<Diagnostic>& diagnostics) {
  std::vector<Diagnostic> problems;
  std::optional<Imported> imported = importer.import(source, problems);
  if (imported && !has_errors(problems)) return imported;
  const std::string other = looks_like(source.text, importer);
  if (!other.empty() && !problems.empty()) {
    problems.front().hint =
        "this looks like " + other + " output: evident import " + other + " " + shell_quote(source.path);
  } else if (!problems.empty() && !importer.format.starts_with("gab-") && io::looks_like_gab(source.text)) {
    problems.front().hint = "this looks like github-action-benchmark custom JSON: evident import gab-smaller " +
                            shell_quote(source.path) + " (or gab-bigger, when bigger values are better)";
  }
  diagnostics.insert(diagnostics.end(), problems.begin(), problems.end());
  return std::nullopt;
}

ImportSettings import_settings(const ImportOptions& options, const io::Importer& importer,
                               const std::optional<io::FileValidation>& snapshot) {
  ImportSettings settings;
  settings.format = std::string(importer.format);
  settings.suite = options.suite;
  settings.profile = options.profile;
  settings.captured_at = options.captured_at;
  settings.fallback_captured_at = modification_time(options.file);
  settings.producer_version = std::string(version);
  if (snapshot) {
    const nlohmann::json& report = snapshot->document->value();
    settings.host_snapshot = report.at("host");
    if (const auto checked_at = report.find("checked_at"); checked_at != report.end() && checked_at->is_string()) {
      settings.snapshot_checked_at = checked_at->get<std::string>();
    }
    settings.max_snapshot_age_seconds = parse_duration(options.max_snapshot_age).value_or(600);
  }
  return settings;
}

// What is written must be evidence every other command accepts; anything else is refused here,
// with the reason, rather than left for the pull request to find. False with the errors in findings.
bool check_recordable(const ImportOptions& options, const std::string& document,
                      const io::ValidationOptions& validation, std::vector<Diagnostic>& findings) {
  const std::string shown_as = options.output.empty() ? "<imported evidence>" : options.output;
  io::FileValidation check = io::validate_text(shown_as, document, validation);
  if (check.valid()) return true;
  for (Diagnostic& diagnostic : check.diagnostics) {
    if (diagnostic.severity == Severity::error)
      diagnostic.hint = "the output of " + options.file + " cannot be recorded as evidence as it is";
  }
  findings.insert(findings.end(), check.diagnostics.begin(), check.diagnostics.end());
  return false;
}

// Neither --captured-at nor the output named a time, so captured_at is the input's modification
// time: after an artifact download or a checkout that is when the file arrived, not when the run was
// made, and every file of the download has the same one. Said, so the order of runs is not trusted
// blindly.
Diagnostic time_from_mtime(const ImportOptions& options, const std::string& captured_at) {
  Diagnostic warning;
  warning.severity = Severity::warning;
  warning.code = "import.time_from_mtime";
  warning.file = options.file;
  warning.message = "captured_at is " + captured_at + ", the file's modification time: neither --captured-at nor " +
                    "the output names when the run was made, and a downloaded or checked-out file has the time " +
                    "it arrived";
  warning.hint =
      "pass the run's time: --captured-at \"$(date -u +%FT%TZ)\" where the benchmark runs, or the CI "
      "run's start time";
  return warning;
}

void print_import_summary(std::ostream& out, const ImportOptions& options, const io::Importer& importer,
                          const nlohmann::ordered_json& evidence, const Verdict& verdict) {
  out << (options.output.empty() ? "<stdout>" : options.output) << ": "
      << count_of(evidence["benchmarks"].size(), "benchmark") << ", "
      << count_of(metric_count(evidence["benchmarks"]), "metric") << " from " << options.file << " (" << importer.format
      << "), status " << evidence["status"].get<std::string>() << ", " << run_class_name(verdict.derived);
  if (verdict.derived == RunClass::functional_non_isolated) out << " (" << reasons_of(verdict) << ")";
  out << "\n";
}

}  // namespace

ExitCode run_import(const Invocation& invocation) {
  CLI::App app{
      "Turn the output of another benchmark harness into evidence, so validate, classify, gate,\n"
      "rolling and reports work on it unchanged. FORMAT is one of " +
          format_list() +
          ".\n"
          "Without --output the evidence is printed, and diagnostics go to stderr.",
      "evident import"};
  ImportOptions options;
  add_import_options(app, options);
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return *stop;

  const bool to_stdout = options.output.empty();
  // With the evidence on stdout, everything else goes to stderr, so the output stays one document.
  const Invocation messages{invocation.argc, invocation.argv, to_stdout ? invocation.err : invocation.out,
                            invocation.err, invocation.environment};
  const io::Importer* importer = options.format == "auto" ? nullptr : &importer_for(options.format);
  check_import_options(options);
  const io::ValidationOptions validation = validation_options(options.limits, 1);
  const Policy policy = policy_from_option(options.policy, validation);
  const std::optional<io::FileValidation> snapshot = load_snapshot(options, validation);

  std::vector<Diagnostic> notes;
  std::optional<Imported> imported;
  std::error_code directory_error;
  if (fs::is_directory(options.file, directory_error)) {
    importer = criterion_directory_importer(importer, options.file, notes);
    imported = io::import_criterion_directory(options.file, validation.limits, options.limits.max_file_bytes, notes);
  } else {
    std::vector<Diagnostic> read_problems;
    std::optional<std::string> text = io::read_text_file(options.file, options.limits.max_file_bytes, read_problems);
    if (!text) {
      print_diagnostics(messages, read_problems);
      return exit_code_for(read_problems);
    }
    if (!importer) importer = detected_importer(*text, options.file, notes);
    if (!importer) {
      print_diagnostics(messages, notes);
      return ExitCode::check_failed;
    }
    // `criterion` names both of Criterion.rs's outputs: the console's and a sample.json.
    if (importer->format == "criterion" && io::detect_criterion_json(*text)) {
      importer = io::find_importer("criterion-json");
    }
    const io::ImportSource source{options.file, std::move(*text), validation.limits};
    imported = import_source(*importer, source, notes);
  }
  if (!imported) {
    print_diagnostics(messages, notes);
    return ExitCode::check_failed;
  }

  ImportResult result = imported_evidence(*imported, import_settings(options, *importer, snapshot), policy);
  std::vector<Diagnostic> findings = notes;
  findings.insert(findings.end(), imported->findings.begin(), imported->findings.end());
  if (options.captured_at.empty() && imported->captured_at.empty()) {
    findings.push_back(time_from_mtime(options, result.evidence["captured_at"].get<std::string>()));
  }
  for (Diagnostic& problem : result.problems) {
    Diagnostic located = snapshot->document->diagnostic_at(*problem.pointer, problem.code, problem.message);
    located.hint = problem.hint;
    findings.push_back(std::move(located));
  }
  if (!result.problems.empty()) {
    print_diagnostics(messages, findings);
    return ExitCode::check_failed;
  }
  const std::string document = result.evidence.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (!check_recordable(options, document, validation, findings)) {
    print_diagnostics(messages, findings);
    return ExitCode::check_failed;
  }

  print_diagnostics(messages, findings);
  if (to_stdout) {
    invocation.out << document;
  } else {
    io::write_file_atomically(options.output, document);
  }
  const Verdict verdict = classify_run(nlohmann::json::parse(document), policy);
  print_import_summary(messages.out, options, *importer, result.evidence, verdict);
  return result.evidence["status"] == "failed" ? ExitCode::check_failed : ExitCode::ok;
}

}  // namespace evident::cli
