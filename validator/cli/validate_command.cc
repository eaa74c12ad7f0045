// evident validate PATH... : schema-validate evidence and every other evident file kind.
#include <algorithm>
#include <filesystem>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/output.h"
#include "core/classification.h"
#include "core/evidence_metrics.h"
#include "core/pair_check.h"
#include "core/table_schema.h"
#include "io/files/input_files.h"
#include "io/output/diagnostic_render.h"
#include "io/output/verdict_render.h"
#include "io/schema/csv_validation.h"
#include "io/schema/document_validation.h"
#include "io/schema/kind_loader.h"
#include "io/schema/schema_registry.h"
#include "io/schema/schema_validator.h"
#include "io/schema/table_schema_loader.h"

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
      throw io::SchemaCompileError("$ref \"" + uri + "\" names " + resolved.lexically_normal().string() + ": " +
                                   reason);
    }
    return document->value();
  };
}

// One checked file of either kind, as the reports show it.
struct CheckedFile {
  std::string path;
  std::string kind;  // empty when not known
  bool valid = false;
  std::vector<Diagnostic> diagnostics;
};

CheckedFile checked(io::FileValidation&& result) {
  const bool valid = result.valid();
  return {std::move(result.path), std::move(result.kind), valid, std::move(result.diagnostics)};
}

CheckedFile checked(io::CsvValidation&& result, std::vector<Diagnostic> descriptor_problems = {}) {
  std::vector<Diagnostic> diagnostics = std::move(descriptor_problems);
  diagnostics.insert(diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());
  const bool valid = !has_errors(diagnostics);
  return {std::move(result.path), "table", valid, std::move(diagnostics)};
}

struct Summary {
  std::size_t files = 0;
  std::size_t with_errors = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
};

Summary summarise(const std::vector<CheckedFile>& results, const std::vector<Diagnostic>& general) {
  Summary summary;
  summary.files = results.size();
  const auto count = [&](const std::vector<Diagnostic>& diagnostics) {
    for (const Diagnostic& diagnostic : diagnostics) {
      if (diagnostic.severity == Severity::error) ++summary.errors;
      if (diagnostic.severity == Severity::warning) ++summary.warnings;
    }
  };
  count(general);
  for (const CheckedFile& result : results) {
    count(result.diagnostics);
    if (has_errors(result.diagnostics)) ++summary.with_errors;
  }
  return summary;
}

void print_json(std::ostream& out, const std::vector<CheckedFile>& results, const std::vector<Diagnostic>& general,
                const Summary& summary) {
  nlohmann::ordered_json report;
  report["schema_version"] = "evident/validation/1";
  report["files"] = nlohmann::ordered_json::array();
  for (const CheckedFile& result : results) {
    nlohmann::ordered_json file;
    file["path"] = result.path;
    file["kind"] = result.kind.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(result.kind);
    file["valid"] = result.valid;
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

void print_text(const Invocation& invocation, const std::vector<CheckedFile>& results,
                const std::vector<Diagnostic>& general, const Summary& summary) {
  print_diagnostics(invocation, general);
  for (const CheckedFile& result : results) print_diagnostics(invocation, result.diagnostics);
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

bool named_explicitly(const std::string& file, const std::vector<std::string>& paths) {
  return std::any_of(paths.begin(), paths.end(),
                     [&](const std::string& path) { return fs::path(path).lexically_normal().string() == file; });
}

// A CSV file checked against its sibling DATA.schema.json. A descriptor that cannot be used is a
// problem of the kind "could not do what was asked" (exit 2), as an unusable --schema is.
CheckedFile check_paired_csv(const std::string& csv, const std::string& schema_path,
                             const io::ValidationOptions& options, const io::CsvOptions& csv_options) {
  std::vector<Diagnostic> problems;
  const std::optional<TableSchema> schema = io::load_table_schema(schema_path, options, problems);
  if (!schema) {
    for (Diagnostic& problem : problems) problem.cannot_run = true;
    CheckedFile file{csv, "table", false, std::move(problems)};
    Diagnostic unusable;
    unusable.code = "csv.schema_unusable";
    unusable.file = csv;
    unusable.message = "not checked: its Table Schema " + schema_path + " cannot be used";
    unusable.cannot_run = true;
    file.diagnostics.push_back(std::move(unusable));
    return file;
  }
  return checked(io::validate_csv_file(csv, *schema, csv_options));
}

ExitCode finish(const Invocation& invocation, std::vector<CheckedFile>& files, std::vector<Diagnostic>& general,
                const std::string& format) {
  std::stable_sort(files.begin(), files.end(),
                   [](const CheckedFile& a, const CheckedFile& b) { return a.path < b.path; });
  const Summary summary = summarise(files, general);
  if (format == "json") {
    print_json(invocation.out, files, general, summary);
  } else {
    print_text(invocation, files, general, summary);
  }
  std::vector<Diagnostic> all = general;
  for (const CheckedFile& file : files) all.insert(all.end(), file.diagnostics.begin(), file.diagnostics.end());
  return exit_code_for(all);
}

// The CSV of --pair: its own Table Schema (--schema, else DATA.schema.json beside it), else the one
// evident ships for its CSV summary.
std::optional<TableSchema> pair_table_schema(const std::string& csv, const std::optional<TableSchema>& named,
                                             const io::ValidationOptions& options, std::vector<Diagnostic>& problems) {
  if (named) return named;
  const std::string sibling = io::sibling_schema(csv);
  std::error_code error;
  if (fs::is_regular_file(sibling, error)) return io::load_table_schema(sibling, options, problems);
  const std::optional<nlohmann::json> shipped = io::embedded_schema("evidence-summary.table.json");
  std::optional<io::JsonDocument> document =
      io::parse_json_document("schemas/evidence-summary.table.json", shipped->dump(), options.limits, problems);
  return document ? io::table_schema_from(*document, problems) : std::nullopt;
}

ExitCode run_pair(const Invocation& invocation, const std::string& json_path, const std::string& csv_path,
                  const std::optional<TableSchema>& named_schema, const io::ValidationOptions& options,
                  io::CsvOptions csv_options, const Policy& policy, const std::string& format) {
  std::vector<Diagnostic> general;
  std::vector<Diagnostic> schema_problems;
  const std::optional<TableSchema> schema = pair_table_schema(csv_path, named_schema, options, schema_problems);
  if (!schema) {
    throw UsageError("cannot use the Table Schema of " + csv_path, schema_problems);
  }
  struct Columns {
    std::size_t suite, benchmark, metric, unit, better, run, value;
  };
  const std::vector<std::string> names = schema->field_names();
  const auto column = [&](const char* name) {
    const auto found = std::find(names.begin(), names.end(), name);
    if (found == names.end()) {
      throw UsageError(std::string("the Table Schema of ") + csv_path + " has no field \"" + name +
                       "\"; --pair reads the columns of evident's CSV summary (suite, benchmark, metric, unit, better, "
                       "run, value; schemas/evidence-summary.table.json)");
    }
    return static_cast<std::size_t>(found - names.begin());
  };
  const Columns columns{column("suite"),  column("benchmark"), column("metric"), column("unit"),
                        column("better"), column("run"),       column("value")};

  std::vector<io::FileValidation> results = io::validate_files({json_path}, options);
  io::FileValidation& evidence = results.front();
  if (evidence.valid() && evidence.kind != "evidence") {
    throw UsageError(json_path + " is a " + evidence.kind + " file; --pair compares a CSV with evidence");
  }
  add_claim_findings(results, policy);

  std::optional<PairCheck> pair;
  if (evidence.valid())
    pair.emplace(metrics_of(evidence.document->value(), json_path), json_path, csv_path, csv_options.max_errors);
  if (pair) {
    csv_options.on_row = [&](const io::CsvRow& row) {
      if (row.cells.size() < names.size()) return;  // a ragged row, reported already
      const auto cell = [&](std::size_t i) { return PairCell{row.cells[i].text, row.cells[i].start}; };
      pair->add({cell(columns.suite), cell(columns.benchmark), cell(columns.metric), cell(columns.unit),
                 cell(columns.better), cell(columns.run), cell(columns.value), row.clean});
    };
  }
  CheckedFile table = checked(io::validate_csv_file(csv_path, *schema, csv_options));
  CheckedFile json{evidence.path, evidence.kind, evidence.valid(),
                   evidence.diagnostics};  // the document stays, to locate

  Diagnostic outcome;
  outcome.severity = Severity::note;
  outcome.code = "pair.compared";
  outcome.file = csv_path;
  // A table that could not be read to its end says nothing about the rows after the break.
  const bool csv_complete = std::none_of(table.diagnostics.begin(), table.diagnostics.end(), [](const Diagnostic& d) {
    return d.cannot_run || d.code.starts_with("io.") || d.code == "csv.syntax" || d.code == "csv.unterminated_quote" ||
           d.code == "csv.cell_too_long";
  });
  if (pair) {
    for (Diagnostic& diagnostic : pair->finish(csv_complete)) {
      if (diagnostic.file == json_path && diagnostic.pointer) {
        json.diagnostics.push_back(
            evidence.document->diagnostic_at(*diagnostic.pointer, diagnostic.code, diagnostic.message));
      } else {
        table.diagnostics.push_back(std::move(diagnostic));
      }
    }
    outcome.message = count_of(pair->rows_matched(), "row") + (pair->rows_matched() == 1 ? " agrees" : " agree") +
                      " with " + json_path + (csv_complete ? "" : "; the table could not be read to its end");
  } else {
    outcome.message = "not compared: " + json_path + " is not valid evidence";
  }
  general.push_back(std::move(outcome));
  sort_diagnostics(json.diagnostics);
  sort_diagnostics(table.diagnostics);
  json.valid = !has_errors(json.diagnostics);
  table.valid = !has_errors(table.diagnostics);
  std::vector<CheckedFile> files;
  files.push_back(std::move(json));
  files.push_back(std::move(table));
  return finish(invocation, files, general, format);
}

}  // namespace

ExitCode run_validate(const Invocation& invocation) {
  CLI::App app{
      "Validate evidence and every other evident file against its schema. The schema is chosen from\n"
      "each file's \"schema_version\"; directories are searched recursively for *.json files, and for\n"
      "*.csv files, each checked against the Table Schema DATA.schema.json beside it. With\n"
      "--pair RUN.json RUN.csv, a CSV summary is cross-checked against the evidence of the same run.",
      "evident validate"};
  FileInputOptions input;
  std::string schema_path;
  std::string policy_path;
  add_file_input_options(app, input, "files or directories to validate");
  app.add_option("--schema", schema_path,
                 "validate every file against this JSON Schema (draft-07) instead, or every CSV file against this "
                 "Table Schema");
  std::size_t max_errors = 100;
  app.add_option("--max-errors", max_errors, "errors reported per CSV file; the rest are counted")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
  app.add_option("--policy", policy_path, "classification policy for the over-claim check (default: built-in)");
  std::vector<std::string> pair;
  app.add_option("--pair", pair,
                 "cross-check a CSV summary against the JSON evidence of the same run: the same metrics, units, "
                 "directions and values")
      ->expected(2)
      ->type_name("FILE");
  app.get_option("PATH")->required(false);
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return *stop;
  if (pair.empty() && input.paths.empty()) {
    throw UsageError("name the files or directories to validate, or compare two with --pair RUN.json RUN.csv");
  }
  if (!pair.empty() && !input.paths.empty()) {
    throw UsageError("--pair compares its two files alone; validate other paths in a separate run");
  }

  io::ValidationOptions options = validation_options(input.limits, input.jobs);
  const Policy policy = policy_from_option(policy_path, options);

  std::optional<io::CompiledSchema> schema;
  std::optional<TableSchema> table_schema;  // --schema named a Table Schema: the inputs are CSV
  io::CsvOptions csv_options;
  csv_options.max_errors = max_errors;
  csv_options.max_cell_bytes = input.limits.max_string_bytes;
  if (!schema_path.empty()) {
    std::vector<Diagnostic> problems;
    std::optional<std::string> text = io::read_text_file(schema_path, input.limits.max_file_bytes, problems);
    std::optional<io::JsonDocument> document;
    if (text) document = io::parse_json_document(schema_path, std::move(*text), options.limits, problems);
    if (!document) {
      throw UsageError("cannot use " + schema_path + " as a schema", problems);
    }
    if (looks_like_table_schema(document->value())) {
      std::vector<Diagnostic> diagnostics;
      table_schema = io::table_schema_from(*document, diagnostics);
      if (!table_schema) {
        throw UsageError("cannot use " + schema_path + " as a Table Schema", diagnostics);
      }
    }
    if (!table_schema) {
      try {
        schema = io::CompiledSchema::compile(
            document->value(),
            local_fetcher(fs::path(schema_path).parent_path(), options.limits, input.limits.max_file_bytes));
      } catch (const io::SchemaCompileError& error) {
        throw UsageError(schema_path + " is not a usable JSON Schema: " + error.what());
      }
    }
    if (schema) options.schema = &*schema;
  }

  if (!pair.empty()) {
    if (schema) throw UsageError("--pair takes a Table Schema for the CSV with --schema, not a JSON Schema");
    return run_pair(invocation, pair[0], pair[1], table_schema, options, csv_options, policy, input.format);
  }

  if (table_schema) {
    io::CollectedFiles collected = io::collect_input_files(input.paths, {".csv"});
    if (collected.files.empty()) add_nothing_found(collected.diagnostics, "*.csv");
    std::vector<CheckedFile> files;
    for (const std::string& file : collected.files)
      files.push_back(checked(io::validate_csv_file(file, *table_schema, csv_options)));
    return finish(invocation, files, collected.diagnostics, input.format);
  }

  // Without --schema, a directory's *.csv files are checked against their DATA.schema.json; with a
  // JSON Schema, only JSON is validated, as before.
  io::CollectedFiles collected =
      options.schema ? collect_json_inputs(input.paths) : io::collect_input_files(input.paths, {".json", ".csv"});
  std::vector<std::string> json_files;
  std::vector<std::pair<std::string, std::string>> tables;  // DATA.csv, DATA.schema.json
  for (const std::string& file : collected.files) {
    if (!options.schema && file.ends_with(".csv")) tables.emplace_back(file, io::sibling_schema(file));
  }
  for (const std::string& file : collected.files) {
    const bool is_table_schema =
        std::any_of(tables.begin(), tables.end(), [&](const auto& t) { return t.second == file; });
    if ((options.schema || !file.ends_with(".csv")) && !is_table_schema) json_files.push_back(file);
  }
  std::vector<Diagnostic>& general = collected.diagnostics;
  if (!options.schema && json_files.empty() && tables.empty()) add_nothing_found(general, "*.json");
  std::vector<io::FileValidation> results;
  try {
    results = io::validate_files(json_files, options);
  } catch (const io::SchemaCompileError& error) {
    throw UsageError(schema_path + " is not a usable JSON Schema: " + error.what());
  }
  if (!options.schema) add_claim_findings(results, policy);
  std::vector<CheckedFile> files;
  for (io::FileValidation& result : results) files.push_back(checked(std::move(result)));
  for (const auto& [csv, schema_file] : tables) {
    std::error_code error;
    if (fs::is_regular_file(schema_file, error)) {
      files.push_back(check_paired_csv(csv, schema_file, options, csv_options));
      continue;
    }
    Diagnostic unpaired;
    unpaired.code = "csv.no_schema";
    unpaired.file = csv;
    unpaired.message = "no Table Schema for this table: name one with --schema, or put " +
                       fs::path(schema_file).filename().string() + " beside it";
    if (named_explicitly(csv, input.paths)) {
      unpaired.cannot_run = true;
    } else {
      unpaired.severity = Severity::warning;
      unpaired.message += "; not checked";
    }
    general.push_back(std::move(unpaired));
  }
  return finish(invocation, files, general, input.format);
}

}  // namespace evident::cli
