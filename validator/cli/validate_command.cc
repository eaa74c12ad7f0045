// evident validate PATH... : schema-validate evidence and every other evident file kind.
#include <filesystem>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/options.h"
#include "io/diagnostic_render.h"
#include "io/document_validation.h"
#include "io/input_files.h"
#include "io/schema_validator.h"

namespace evident::cli {
namespace {

namespace fs = std::filesystem;

// Resolves the "$ref"s of a user's schema: files relative to the schema's own directory. Nothing is
// fetched from a network.
io::SchemaFetcher local_fetcher(const fs::path& schema_directory, const io::JsonLimits& limits,
                                std::uintmax_t max_file_bytes) {
  return [=](const std::string& uri) -> std::optional<nlohmann::json> {
    std::string path = uri.substr(0, uri.find('#'));
    if (path.starts_with("file://")) path = path.substr(7);
    if (path.find("://") != std::string::npos) {
      throw io::SchemaCompileError("$ref \"" + uri +
                                   "\" is on a network, and evident never fetches from one; save that schema "
                                   "next to this one and refer to it by a relative path");
    }
    const fs::path resolved = fs::path(path).is_absolute() ? fs::path(path) : schema_directory / path;
    std::vector<Diagnostic> problems;
    std::optional<std::string> text = io::read_text_file(resolved.string(), max_file_bytes, problems);
    std::optional<io::JsonDocument> document;
    if (text) document = io::parse_json_document(resolved.string(), std::move(*text), limits, problems);
    if (!document) {
      const std::string reason = problems.empty() ? "unreadable" : problems.front().message;
      throw io::SchemaCompileError("$ref \"" + uri + "\" names " + resolved.lexically_normal().string() + ": " + reason);
    }
    return document->value();
  };
}

nlohmann::ordered_json diagnostic_json(const Diagnostic& diagnostic) {
  nlohmann::ordered_json entry;
  entry["severity"] = severity_name(diagnostic.severity);
  entry["code"] = diagnostic.code;
  entry["message"] = diagnostic.message;
  if (!diagnostic.file.empty()) entry["file"] = diagnostic.file;
  if (diagnostic.position.line > 0) {
    entry["line"] = diagnostic.position.line;
    entry["column"] = diagnostic.position.column;
  }
  if (diagnostic.pointer) entry["pointer"] = *diagnostic.pointer;
  if (!diagnostic.hint.empty()) entry["hint"] = diagnostic.hint;
  return entry;
}

struct Summary {
  std::size_t files = 0;
  std::size_t with_errors = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
};

Summary summarise(const std::vector<io::FileValidation>& results, const std::vector<Diagnostic>& general) {
  Summary summary;
  summary.files = results.size();
  const auto count = [&](const std::vector<Diagnostic>& diagnostics) {
    for (const Diagnostic& diagnostic : diagnostics) {
      if (diagnostic.severity == Severity::error) ++summary.errors;
      if (diagnostic.severity == Severity::warning) ++summary.warnings;
    }
  };
  count(general);
  for (const io::FileValidation& result : results) {
    count(result.diagnostics);
    if (has_errors(result.diagnostics)) ++summary.with_errors;
  }
  return summary;
}

void print_json(std::ostream& out, const std::vector<io::FileValidation>& results,
                const std::vector<Diagnostic>& general, const Summary& summary) {
  nlohmann::ordered_json report;
  report["schema_version"] = "evident/validation/1";
  report["files"] = nlohmann::ordered_json::array();
  for (const io::FileValidation& result : results) {
    nlohmann::ordered_json file;
    file["path"] = result.path;
    file["kind"] = result.kind.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(result.kind);
    file["valid"] = result.valid();
    file["diagnostics"] = nlohmann::ordered_json::array();
    for (const Diagnostic& diagnostic : result.diagnostics) file["diagnostics"].push_back(diagnostic_json(diagnostic));
    report["files"].push_back(std::move(file));
  }
  report["diagnostics"] = nlohmann::ordered_json::array();
  for (const Diagnostic& diagnostic : general) report["diagnostics"].push_back(diagnostic_json(diagnostic));
  report["summary"] = {{"files", summary.files},
                       {"with_errors", summary.with_errors},
                       {"errors", summary.errors},
                       {"warnings", summary.warnings}};
  out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void print_text(const Invocation& invocation, const std::vector<io::FileValidation>& results,
                const std::vector<Diagnostic>& general, const Summary& summary) {
  const bool annotate = invocation.environment("GITHUB_ACTIONS") == std::optional<std::string>("true");
  const auto print = [&](const Diagnostic& diagnostic) {
    invocation.out << io::render_text(diagnostic);
    if (annotate && diagnostic.severity != Severity::note) invocation.out << io::render_workflow_command(diagnostic);
  };
  for (const Diagnostic& diagnostic : general) print(diagnostic);
  for (const io::FileValidation& result : results) {
    for (const Diagnostic& diagnostic : result.diagnostics) print(diagnostic);
  }
  invocation.out << summary.files << (summary.files == 1 ? " file" : " files") << " checked, " << summary.with_errors
                 << " with errors";
  if (summary.warnings > 0) invocation.out << ", " << summary.warnings << (summary.warnings == 1 ? " warning" : " warnings");
  invocation.out << "\n";
}

}  // namespace

ExitCode run_validate(const Invocation& invocation) {
  CLI::App app{"Validate evidence and every other evident file against its schema. The schema is chosen from\n"
               "each file's \"schema_version\"; directories are searched recursively for *.json files.",
               "evident validate"};
  std::vector<std::string> paths;
  std::string schema_path;
  std::string format = "text";
  InputLimitOptions limits;
  unsigned jobs = io::default_jobs();
  app.add_option("PATH", paths, "files or directories to validate")->required();
  app.add_option("--schema", schema_path, "validate every file against this JSON Schema (draft-07) instead");
  app.add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  app.add_option("--jobs,-j", jobs, "files validated in parallel (default: one per core)")->check(CLI::Range(1, 1024));
  add_input_limit_options(app, limits);
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return *stop;

  io::ValidationOptions options;
  options.limits = {limits.max_depth, limits.max_string_bytes};
  options.max_file_bytes = limits.max_file_bytes;
  options.jobs = jobs;

  std::optional<io::CompiledSchema> schema;
  if (!schema_path.empty()) {
    std::vector<Diagnostic> problems;
    std::optional<std::string> text = io::read_text_file(schema_path, limits.max_file_bytes, problems);
    std::optional<io::JsonDocument> document;
    if (text) document = io::parse_json_document(schema_path, std::move(*text), options.limits, problems);
    if (!document) {
      for (const Diagnostic& problem : problems) invocation.err << io::render_text(problem);
      throw UsageError("cannot use " + schema_path + " as a schema");
    }
    try {
      schema = io::CompiledSchema::compile(
          document->value(), local_fetcher(fs::path(schema_path).parent_path(), options.limits, limits.max_file_bytes));
    } catch (const io::SchemaCompileError& error) {
      throw UsageError(schema_path + " is not a usable JSON Schema: " + error.what());
    }
    options.schema = &*schema;
  }

  io::CollectedFiles collected = io::collect_input_files(paths, {".json"});
  std::vector<io::FileValidation> results;
  try {
    results = io::validate_files(collected.files, options);
  } catch (const io::SchemaCompileError& error) {
    throw UsageError(schema_path + " is not a usable JSON Schema: " + error.what());
  }
  std::vector<Diagnostic>& general = collected.diagnostics;
  if (collected.files.empty() && exit_code_for(general) != ExitCode::cannot_run) {
    Diagnostic nothing;
    nothing.code = "io.nothing_to_validate";
    nothing.message = "no *.json files found in the paths given";
    nothing.cannot_run = true;
    general.push_back(std::move(nothing));
  }
  const Summary summary = summarise(results, general);
  if (format == "json") {
    print_json(invocation.out, results, general, summary);
  } else {
    print_text(invocation, results, general, summary);
  }
  std::vector<Diagnostic> all = general;
  for (const io::FileValidation& result : results) all.insert(all.end(), result.diagnostics.begin(), result.diagnostics.end());
  return exit_code_for(all);
}

}  // namespace evident::cli
