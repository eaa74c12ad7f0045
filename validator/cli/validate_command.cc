// evident validate PATH... : schema-validate evidence and every other evident file kind.
#include <filesystem>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/output.h"
#include "core/classification.h"
#include "io/verdict_render.h"
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
    file["diagnostics"] = io::diagnostics_json(result.diagnostics);
    report["files"].push_back(std::move(file));
  }
  report["diagnostics"] = io::diagnostics_json(general);
  report["summary"] = {{"files", summary.files},
                       {"with_errors", summary.with_errors},
                       {"errors", summary.errors},
                       {"warnings", summary.warnings}};
  out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void print_text(const Invocation& invocation, const std::vector<io::FileValidation>& results,
                const std::vector<Diagnostic>& general, const Summary& summary) {
  print_diagnostics(invocation, general);
  for (const io::FileValidation& result : results) print_diagnostics(invocation, result.diagnostics);
  invocation.out << count_of(summary.files, "file") << " checked, " << summary.with_errors << " with errors";
  if (summary.warnings > 0) invocation.out << ", " << count_of(summary.warnings, "warning");
  invocation.out << "\n";
}

// A PR check catches an over-claim without extra flags: every valid evidence file is classified,
// and a claim its metadata does not support fails with the rules that failed, at their facts.
void add_claim_findings(std::vector<io::FileValidation>& results, const Policy& policy) {
  for (io::FileValidation& result : results) {
    if (!result.valid() || result.kind != "evidence") continue;
    const Verdict verdict = classify_run(result.document->value(), policy);
    if (!verdict.claim_finding) continue;
    // The claim finding (first), and for a failing claim the rules behind it; advisories and the
    // reasons behind an honest claim are for `evident classify`.
    std::vector<Diagnostic> findings = io::verdict_diagnostics(verdict, &*result.document, result.path);
    const Diagnostic claim = findings.front();
    std::erase_if(findings, [](const Diagnostic& d) { return d.severity != Severity::error; });
    if (claim.severity != Severity::error) findings.insert(findings.begin(), claim);
    result.diagnostics.insert(result.diagnostics.end(), findings.begin(), findings.end());
    sort_diagnostics(result.diagnostics);
  }
}

}  // namespace

ExitCode run_validate(const Invocation& invocation) {
  CLI::App app{"Validate evidence and every other evident file against its schema. The schema is chosen from\n"
               "each file's \"schema_version\"; directories are searched recursively for *.json files.",
               "evident validate"};
  FileInputOptions input;
  std::string schema_path;
  std::string policy_path;
  add_file_input_options(app, input, "files or directories to validate");
  app.add_option("--schema", schema_path, "validate every file against this JSON Schema (draft-07) instead");
  app.add_option("--policy", policy_path, "classification policy for the over-claim check (default: built-in)");
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return *stop;

  io::ValidationOptions options = validation_options(input.limits, input.jobs);
  const Policy policy = policy_from_option(policy_path, options, invocation);

  std::optional<io::CompiledSchema> schema;
  if (!schema_path.empty()) {
    std::vector<Diagnostic> problems;
    std::optional<std::string> text = io::read_text_file(schema_path, input.limits.max_file_bytes, problems);
    std::optional<io::JsonDocument> document;
    if (text) document = io::parse_json_document(schema_path, std::move(*text), options.limits, problems);
    if (!document) {
      for (const Diagnostic& problem : problems) invocation.err << io::render_text(problem);
      throw UsageError("cannot use " + schema_path + " as a schema");
    }
    try {
      schema = io::CompiledSchema::compile(
          document->value(), local_fetcher(fs::path(schema_path).parent_path(), options.limits, input.limits.max_file_bytes));
    } catch (const io::SchemaCompileError& error) {
      throw UsageError(schema_path + " is not a usable JSON Schema: " + error.what());
    }
    options.schema = &*schema;
  }

  io::CollectedFiles collected = collect_json_inputs(input.paths);
  std::vector<io::FileValidation> results;
  try {
    results = io::validate_files(collected.files, options);
  } catch (const io::SchemaCompileError& error) {
    throw UsageError(schema_path + " is not a usable JSON Schema: " + error.what());
  }
  if (!options.schema) add_claim_findings(results, policy);
  std::vector<Diagnostic>& general = collected.diagnostics;
  const Summary summary = summarise(results, general);
  if (input.format == "json") {
    print_json(invocation.out, results, general, summary);
  } else {
    print_text(invocation, results, general, summary);
  }
  std::vector<Diagnostic> all = general;
  for (const io::FileValidation& result : results) all.insert(all.end(), result.diagnostics.begin(), result.diagnostics.end());
  return exit_code_for(all);
}

}  // namespace evident::cli
