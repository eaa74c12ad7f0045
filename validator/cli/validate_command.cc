// evident validate PATH... : schema-validate evidence and every other evident file kind.
#include <algorithm>
#include <filesystem>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/output.h"
#include "core/classification.h"
#include "core/evidence_metrics.h"
#include "core/pair_check.h"
#include "core/table_schema.h"
#include "core/validation_result.h"
#include "io/files/artifact_check.h"
#include "io/files/input_files.h"
#include "io/output/validation_stream.h"
#include "io/output/verdict_render.h"
#include "io/schema/csv_validation.h"
#include "io/schema/document_validation.h"
#include "io/schema/kind_loader.h"
#include "io/schema/schema_registry.h"
#include "io/schema/schema_validator.h"
#include "io/schema/table_schema_loader.h"
#include "io/schema/validation_run.h"

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

// A PR check catches an over-claim without extra flags: every valid evidence file is classified,
// and a claim its metadata does not support fails with the rules that failed, at their facts.
void add_claim_findings(io::FileValidation& result, const Policy& policy) {
  if (!result.valid() || result.kind != "evidence") return;
  const Verdict verdict = result.verdict ? std::move(*result.verdict) : classify_run(result.document->value(), policy);
  if (!verdict.claim_finding) return;
  // The claim finding (first), and for a failing claim the rules behind it; advisories and the
  // reasons behind an honest claim are for `evident classify`.
  std::vector<Diagnostic> findings = io::verdict_diagnostics(verdict, &*result.document, result.path);
  const Diagnostic claim = findings.front();
  std::erase_if(findings, [](const Diagnostic& d) { return d.severity != Severity::error; });
  if (claim.severity != Severity::error) findings.insert(findings.begin(), claim);
  result.diagnostics.insert(result.diagnostics.end(), findings.begin(), findings.end());
  sort_diagnostics(result.diagnostics);
}

bool named_explicitly(const std::string& file, const std::vector<std::string>& paths) {
  return std::any_of(paths.begin(), paths.end(),
                     [&](const std::string& path) { return fs::path(path).lexically_normal().string() == file; });
}

// A table's outcome as `validate` reports it. A descriptor that cannot be used is a problem of the
// kind "could not do what was asked" (exit 2), as an unusable --schema is; a table without one is a
// warning when a directory walk found it, and exit 2 when it was named.
Diagnostic unpaired_table(const TableInput& table, const std::vector<std::string>& paths) {
  Diagnostic unpaired;
  unpaired.code = "csv.no_schema";
  unpaired.file = table.csv;
  unpaired.message = "no Table Schema for this table: name one with --schema, or put " +
                     fs::path(table.schema).filename().string() + " beside it";
  if (named_explicitly(table.csv, paths)) {
    unpaired.cannot_run = true;
  } else {
    unpaired.severity = Severity::warning;
    unpaired.message += "; not checked";
  }
  return unpaired;
}

// A table with a descriptor, as a checked file.
CheckedFile table_outcome(io::TableCheck&& check, const std::vector<std::string>& paths) {
  const std::string& csv = check.input.csv;
  if (check.status == io::TableStatus::checked) return std::move(check.file);
  if (check.status == io::TableStatus::no_schema) {  // its descriptor went away since the walk
    return CheckedFile{csv, "table", false, {unpaired_table(check.input, paths)}};
  }
  for (Diagnostic& problem : check.problems) problem.cannot_run = true;
  CheckedFile file{csv, "table", false, std::move(check.problems)};
  Diagnostic unusable;
  unusable.code = "csv.schema_unusable";
  unusable.file = csv;
  unusable.message = "not checked: its Table Schema " + check.input.schema + " cannot be used";
  unusable.cannot_run = true;
  file.diagnostics.push_back(std::move(unusable));
  return file;
}

io::ValidationStream::Format stream_format(const std::string& format) {
  return format == "json" ? io::ValidationStream::Format::json : io::ValidationStream::Format::text;
}

ExitCode finish(const Invocation& invocation, std::vector<CheckedFile> files, std::vector<Diagnostic> general,
                const std::string& format) {
  std::stable_sort(files.begin(), files.end(),
                   [](const CheckedFile& a, const CheckedFile& b) { return a.path < b.path; });
  io::ValidationStream stream(invocation.out, stream_format(format), annotate_for_github(invocation),
                              std::move(general));
  for (const CheckedFile& file : files) stream.add(file);
  const ExitCode exit_code = stream.finish();
  invocation.err << stream.workflow_commands();
  return exit_code;
}

// The CSV of --pair: its own Table Schema (--schema, else DATA.schema.json beside it), else the one
// evident ships for its CSV summary.
std::optional<TableSchema> pair_table_schema(const std::string& csv, const std::optional<TableSchema>& named,
                                             const io::ValidationOptions& options, std::vector<Diagnostic>& problems) {
  if (named) return named;
  const std::string sibling = io::sibling_schema(csv);
  std::error_code error;
  if (fs::is_regular_file(sibling, error)) return io::load_table_schema(sibling, options, problems);
  return io::shipped_summary_table_schema(options.limits, problems);
}

// The columns --pair reads, by their index in the Table Schema of the CSV.
struct PairColumns {
  std::size_t suite, benchmark, metric, unit, better, run, value, count;
};

PairColumns pair_columns(const TableSchema& schema, const std::string& csv_path) {
  const std::vector<std::string> names = schema.field_names();
  const auto column = [&](const char* name) {
    const auto found = std::find(names.begin(), names.end(), name);
    if (found == names.end()) {
      throw UsageError(std::string("the Table Schema of ") + csv_path + " has no field \"" + name +
                       "\"; --pair reads the columns of evident's CSV summary (suite, benchmark, metric, unit, better, "
                       "run, value; schemas/evidence-summary.table.json)");
    }
    return static_cast<std::size_t>(found - names.begin());
  };
  return {column("suite"),  column("benchmark"), column("metric"), column("unit"),
          column("better"), column("run"),       column("value"),  names.size()};
}

// A table that could not be read to its end says nothing about the rows after the break.
bool read_to_end(const CheckedFile& table) {
  return std::none_of(table.diagnostics.begin(), table.diagnostics.end(), [](const Diagnostic& d) {
    return d.cannot_run || d.code.starts_with("io.") || d.code == "csv.syntax" || d.code == "csv.unterminated_quote" ||
           d.code == "csv.cell_too_long";
  });
}

// The comparison's findings, each in the file it is about (located in the evidence when it has a
// pointer there), and the note that says how much agreed.
Diagnostic add_pair_findings(PairCheck& pair, const io::FileValidation& evidence, CheckedFile& json,
                             CheckedFile& table) {
  const bool csv_complete = read_to_end(table);
  for (Diagnostic& diagnostic : pair.finish(csv_complete)) {
    if (diagnostic.file == evidence.path && diagnostic.pointer) {
      json.diagnostics.push_back(
          evidence.document->diagnostic_at(*diagnostic.pointer, diagnostic.code, diagnostic.message));
    } else {
      table.diagnostics.push_back(std::move(diagnostic));
    }
  }
  Diagnostic outcome;
  outcome.severity = Severity::note;
  outcome.code = "pair.compared";
  outcome.file = table.path;
  outcome.message = count_of(pair.rows_matched(), "row") + (pair.rows_matched() == 1 ? " agrees" : " agree") +
                    " with " + evidence.path + (csv_complete ? "" : "; the table could not be read to its end");
  return outcome;
}

ExitCode run_pair(const Invocation& invocation, const std::string& json_path, const std::string& csv_path,
                  const std::optional<TableSchema>& named_schema, const io::ValidationOptions& options,
                  io::CsvOptions csv_options, const Policy& policy, const std::string& format) {
  std::vector<Diagnostic> schema_problems;
  const std::optional<TableSchema> schema = pair_table_schema(csv_path, named_schema, options, schema_problems);
  if (!schema) throw UsageError("cannot use the Table Schema of " + csv_path, schema_problems);
  const PairColumns columns = pair_columns(*schema, csv_path);

  std::vector<io::FileValidation> results = io::validate_files({json_path}, options);
  io::FileValidation& evidence = results.front();
  if (evidence.valid() && evidence.kind != "evidence") {
    throw UsageError(json_path + " is a " + evidence.kind + " file; --pair compares a CSV with evidence");
  }
  add_claim_findings(evidence, policy);

  std::optional<PairCheck> pair;
  if (evidence.valid())
    pair.emplace(metrics_of(evidence.document->value(), json_path), json_path, csv_path, csv_options.max_errors);
  if (pair) {
    csv_options.on_row = [&](const io::CsvRow& row) {
      if (row.cells.size() < columns.count) return;  // a ragged row, reported already
      const auto cell = [&](std::size_t i) { return PairCell{row.cells[i].text, row.cells[i].start}; };
      pair->add({cell(columns.suite), cell(columns.benchmark), cell(columns.metric), cell(columns.unit),
                 cell(columns.better), cell(columns.run), cell(columns.value), row.clean});
    };
  }
  CheckedFile table = io::checked_table(io::validate_csv_file(csv_path, *schema, csv_options));
  CheckedFile json = io::checked_file(evidence);  // the document stays, to locate

  Diagnostic outcome;
  if (pair) {
    outcome = add_pair_findings(*pair, evidence, json, table);
  } else {
    outcome.severity = Severity::note;
    outcome.code = "pair.compared";
    outcome.file = csv_path;
    outcome.message = "not compared: " + json_path + " is not valid evidence";
  }
  sort_diagnostics(json.diagnostics);
  sort_diagnostics(table.diagnostics);
  json.valid = !has_errors(json.diagnostics);
  table.valid = !has_errors(table.diagnostics);
  std::vector<CheckedFile> files;
  files.push_back(std::move(json));
  files.push_back(std::move(table));
  return finish(invocation, std::move(files), {std::move(outcome)}, format);
}

struct ValidateOptions {
  FileInputOptions input;
  std::string schema_path;
  std::string policy_path;
  std::size_t max_errors = 100;
  std::vector<std::string> pair;
  bool verify_artifacts = false;
  std::string artifact_root;  // empty: each evidence file's repository root
};

// --verify-artifacts: the artifacts of a valid evidence file, hashed and held to its digests.
void add_artifact_findings(io::FileValidation& result, const ValidateOptions& options) {
  if (!options.verify_artifacts || !result.valid() || result.kind != "evidence") return;
  const std::string root = options.artifact_root.empty() ? io::repository_root_of(result.path) : options.artifact_root;
  std::vector<Diagnostic> findings = io::verify_artifacts(*result.document, root);
  if (findings.empty()) return;
  result.diagnostics.insert(result.diagnostics.end(), findings.begin(), findings.end());
  sort_diagnostics(result.diagnostics);
}

// --schema: a Table Schema (the inputs are CSV) or a JSON Schema for every document.
struct NamedSchema {
  std::optional<io::CompiledSchema> json;
  std::optional<TableSchema> table;
};

NamedSchema load_named_schema(const ValidateOptions& options, const io::ValidationOptions& validation) {
  NamedSchema named;
  if (options.schema_path.empty()) return named;
  const std::string& path = options.schema_path;
  std::vector<Diagnostic> problems;
  std::optional<std::string> text = io::read_text_file(path, options.input.limits.max_file_bytes, problems);
  std::optional<io::JsonDocument> document;
  if (text) document = io::parse_json_document(path, std::move(*text), validation.limits, problems);
  if (!document) throw UsageError("cannot use " + path + " as a schema", problems);
  if (looks_like_table_schema(document->value())) {
    std::vector<Diagnostic> diagnostics;
    named.table = io::table_schema_from(*document, diagnostics);
    if (!named.table) throw UsageError("cannot use " + path + " as a Table Schema", diagnostics);
    return named;
  }
  try {
    named.json = io::CompiledSchema::compile(
        document->value(),
        local_fetcher(fs::path(path).parent_path(), validation.limits, options.input.limits.max_file_bytes));
  } catch (const io::SchemaCompileError& error) {
    throw UsageError(path + " is not a usable JSON Schema: " + error.what());
  }
  return named;
}

// Every CSV file of the paths against the one Table Schema --schema named.
ExitCode run_table_schema(const Invocation& invocation, const ValidateOptions& options, const TableSchema& schema,
                          const io::CsvOptions& csv_options) {
  io::CollectedFiles collected = io::collect_input_files(options.input.paths, {".csv"});
  if (collected.files.empty()) add_nothing_found(collected.diagnostics, "*.csv");
  std::stable_sort(collected.files.begin(), collected.files.end());
  io::ValidationStream stream(invocation.out, stream_format(options.input.format), annotate_for_github(invocation),
                              std::move(collected.diagnostics));
  for (const std::string& file : collected.files)
    stream.add(io::checked_table(io::validate_csv_file(file, schema, csv_options)));
  const ExitCode exit_code = stream.finish();
  invocation.err << stream.workflow_commands();
  return exit_code;
}

// Without --schema, each document against the schema its "schema_version" names and each table
// against its DATA.schema.json; with a JSON Schema, only JSON is validated, as before. The report
// lists files by path, a document before a table of the same path, after the diagnostics of no file;
// the inputs are checked in that order and each file is written and let go as soon as it is judged.
ExitCode run_documents(const Invocation& invocation, const ValidateOptions& options, io::ValidationOptions validation,
                       const io::CsvOptions& csv_options, const Policy& policy) {
  const bool own_schemas = validation.schema == nullptr;
  // Only the diagnostics and the claim's verdict are reported: a valid file's value need not be built.
  validation.values_read = false;
  if (own_schemas) validation.claim_policy = &policy;
  io::CollectedFiles collected = own_schemas ? io::collect_input_files(options.input.paths, {".json", ".csv"})
                                             : collect_json_inputs(options.input.paths);
  InputPartition inputs;
  if (own_schemas) {
    inputs = partition_inputs(std::move(collected.files), io::sibling_schema);
    // A file named on the command line is validated as JSON, whatever its name.
    inputs.json.insert(inputs.json.end(), inputs.others.begin(), inputs.others.end());
  } else {
    inputs.json = std::move(collected.files);
  }
  std::vector<Diagnostic>& general = collected.diagnostics;
  if (own_schemas && inputs.json.empty() && inputs.tables.empty()) add_nothing_found(general, "*.json");
  const auto by_path = [](const std::string& a, const std::string& b) { return a < b; };
  std::stable_sort(inputs.json.begin(), inputs.json.end(), by_path);
  std::stable_sort(inputs.tables.begin(), inputs.tables.end(),
                   [&](const TableInput& a, const TableInput& b) { return by_path(a.csv, b.csv); });
  // A table without a descriptor is a diagnostic of no file, which comes before every file.
  std::vector<TableInput> tables;
  for (const TableInput& table : inputs.tables) {
    std::error_code error;
    if (fs::is_regular_file(table.schema, error)) {
      tables.push_back(table);
    } else {
      general.push_back(unpaired_table(table, options.input.paths));
    }
  }

  // A user's schema can turn out unusable at any document (a "pattern" that is no regular
  // expression), which ends the command with nothing on stdout: its report is held until the end.
  std::ostringstream held;
  std::ostream& out = own_schemas ? invocation.out : held;
  io::ValidationStream stream(out, stream_format(options.input.format), annotate_for_github(invocation),
                              std::move(general));
  io::TableChecker checker(validation, csv_options);
  auto next_table = tables.begin();
  const auto add_tables_before = [&](const std::string* path) {
    for (; next_table != tables.end() && (path == nullptr || next_table->csv < *path); ++next_table)
      stream.add(table_outcome(checker.check(*next_table), options.input.paths));
  };
  try {
    io::validate_each(inputs.json, validation, [&](io::FileValidation&& result) {
      add_tables_before(&result.path);
      if (own_schemas) add_claim_findings(result, policy);
      if (own_schemas) add_artifact_findings(result, options);
      stream.add(io::checked_file(result));
    });
  } catch (const io::SchemaCompileError& error) {
    throw UsageError(options.schema_path + " is not a usable JSON Schema: " + error.what());
  }
  add_tables_before(nullptr);
  const ExitCode exit_code = stream.finish();
  invocation.out << held.str();
  invocation.err << stream.workflow_commands();
  return exit_code;
}

void add_validate_options(CLI::App& app, ValidateOptions& options) {
  add_file_input_options(app, options.input, "files or directories to validate");
  app.add_option("--schema", options.schema_path,
                 "validate every file against this JSON Schema (draft-07) instead, or every CSV file against this "
                 "Table Schema");
  app.add_option("--max-errors", options.max_errors, "errors reported per CSV file; the rest are counted")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
  app.add_option("--policy", options.policy_path, "classification policy for the over-claim check (default: built-in)");
  app.add_option("--pair", options.pair,
                 "cross-check a CSV summary against the JSON evidence of the same run: the same metrics, units, "
                 "directions and values")
      ->expected(2)
      ->type_name("FILE");
  app.add_flag("--verify-artifacts", options.verify_artifacts,
               "hash every file a valid evidence file names in \"artifacts\" and report a missing file or a SHA-256 "
               "that differs");
  app.add_option("--artifact-root", options.artifact_root,
                 "with --verify-artifacts: the directory artifact paths are relative to (default: the repository "
                 "root, the nearest directory above each evidence file that holds .git, else the current directory)");
  app.get_option("PATH")->required(false);
}

}  // namespace

ExitCode run_validate(const Invocation& invocation) {
  CLI::App app{
      "Validate evidence and every other evident file against its schema. The schema is chosen from\n"
      "each file's \"schema_version\"; directories are searched recursively for *.json files, and for\n"
      "*.csv files, each checked against the Table Schema DATA.schema.json beside it. With\n"
      "--pair RUN.json RUN.csv, a CSV summary is cross-checked against the evidence of the same run.",
      "evident validate"};
  ValidateOptions options;
  add_validate_options(app, options);
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return *stop;
  if (options.pair.empty() && options.input.paths.empty()) {
    throw UsageError("name the files or directories to validate, or compare two with --pair RUN.json RUN.csv");
  }
  if (!options.pair.empty() && !options.input.paths.empty()) {
    throw UsageError("--pair compares its two files alone; validate other paths in a separate run");
  }

  if (!options.artifact_root.empty() && !options.verify_artifacts) {
    throw UsageError("--artifact-root belongs to --verify-artifacts");
  }
  if (options.verify_artifacts && (!options.pair.empty() || !options.schema_path.empty())) {
    throw UsageError(
        "--verify-artifacts checks evidence files validated by their own schema: not with --pair or --schema");
  }
  io::ValidationOptions validation = validation_options(options.input.limits, options.input.jobs);
  const Policy policy = policy_from_option(options.policy_path, validation);
  io::CsvOptions csv_options;
  csv_options.max_errors = options.max_errors;
  csv_options.max_cell_bytes = options.input.limits.max_string_bytes;
  const NamedSchema named = load_named_schema(options, validation);
  if (named.json) validation.schema = &*named.json;

  if (!options.pair.empty()) {
    if (named.json) throw UsageError("--pair takes a Table Schema for the CSV with --schema, not a JSON Schema");
    return run_pair(invocation, options.pair[0], options.pair[1], named.table, validation, csv_options, policy,
                    options.input.format);
  }
  if (named.table) return run_table_schema(invocation, options, *named.table, csv_options);
  return run_documents(invocation, options, validation, csv_options, policy);
}

}  // namespace evident::cli
