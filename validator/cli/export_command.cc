// evident export FORMAT EVIDENCE... [-o FILE|DIR] : evidence sent on to another tool, in Bencher
// Metric Format, github-action-benchmark custom JSON (one file per direction) or evident's CSV
// summary. The evidence is validated first; an invalid or failed run is refused, and anything the
// format cannot carry is said before anything is written.
#include <algorithm>
#include <filesystem>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/evidence_inputs.h"
#include "cli/options.h"
#include "cli/output.h"
#include "core/edit_distance.h"
#include "core/evidence_metrics.h"
#include "core/export_pool.h"
#include "io/files/atomic_file.h"
#include "io/output/export_output.h"
#include "io/schema/csv_validation.h"
#include "io/schema/table_schema_loader.h"

namespace evident::cli {
namespace {

namespace fs = std::filesystem;

// evident's CSV summary Table Schema, shipped in the binary: it always loads.
TableSchema shipped_summary_schema(const io::ValidationOptions& validation) {
  std::vector<Diagnostic> problems;
  std::optional<TableSchema> schema = io::shipped_summary_table_schema(validation.limits, problems);
  if (!schema) throw std::logic_error("the shipped CSV summary Table Schema does not load");
  return std::move(*schema);
}

struct ExportOptions {
  std::string format;
  std::vector<std::string> paths;
  std::string output;
  bool force = false;
  unsigned jobs = io::default_jobs();
  InputLimitOptions limits;
};

std::string format_list() {
  std::string list;
  for (const std::string_view name : export_format_names()) list += (list.empty() ? "" : ", ") + std::string(name);
  return list;
}

ExportFormat format_of(const std::string& name) {
  if (const std::optional<ExportFormat> format = export_format(name)) return *format;
  std::string message = "unknown format \"" + name + "\"; the formats are " + format_list();
  const std::vector<std::string> candidates(export_format_names().begin(), export_format_names().end());
  if (const std::optional<std::string> close = closest_match(name, candidates)) {
    message += " (" + did_you_mean(close) + ")";
  }
  throw UsageError(message);
}

// The files the export writes: -o for bmf and csv (none: stdout), one per direction in the
// directory -o for gab. A file that exists is replaced only with --force.
std::vector<std::string> gab_outputs(const std::string& directory) {
  return {(fs::path(directory) / io::gab_file_name(Better::lower)).string(),
          (fs::path(directory) / io::gab_file_name(Better::higher)).string()};
}

void check_outputs(const ExportOptions& options, ExportFormat format) {
  std::error_code error;
  if (format == ExportFormat::gab) {
    if (options.output.empty()) {
      throw UsageError(
          "gab writes one file per direction (customSmallerIsBetter.json, customBiggerIsBetter.json): "
          "name their directory with -o DIR");
    }
    if (!fs::is_directory(options.output, error)) {
      throw UsageError("-o " + options.output + ": gab writes into a directory, and there is none of that name");
    }
    for (const std::string& file : gab_outputs(options.output)) {
      if (!options.force && fs::exists(file, error)) throw UsageError(file + " exists; pass --force to replace it");
    }
    return;
  }
  if (options.output.empty()) return;
  if (fs::is_directory(options.output, error)) {
    throw UsageError("-o " + options.output + " is a directory; " + options.format + " writes one file: name it");
  }
  if (!options.force && fs::exists(options.output, error)) {
    throw UsageError(options.output + " exists; pass --force to replace it");
  }
  const fs::path directory = fs::path(options.output).parent_path();
  if (!directory.empty() && !fs::is_directory(directory, error)) {
    throw UsageError("the directory of " + options.output + " does not exist");
  }
}

// The rows of a file's metrics checked against the CSV summary's Table Schema while its document is
// in hand: a cell the table cannot hold (a suite or metric name outside its pattern, a unit over 32
// characters) is reported once, at the suite or the metric it came from.
void check_summary_rows(const io::FileValidation& file, const std::vector<MetricSeries>& metrics,
                        const TableSchema& schema, std::vector<Diagnostic>& problems) {
  std::istringstream rows(io::summary_csv(metrics));
  const io::CsvValidation checked = io::validate_csv("<csv>", rows, schema, {});
  std::set<std::pair<std::string, std::string>> reported;  // pointer, message
  for (const Diagnostic& cell : checked.diagnostics) {
    if (cell.severity != Severity::error) continue;
    std::size_t line = 2;  // the header is line 1
    for (const MetricSeries& metric : metrics) {
      const std::size_t rows_of = io::summary_rows(metric);
      line += rows_of;
      if (cell.position.line >= line) continue;
      const bool suite = cell.message.starts_with("field \"suite\"");
      const std::string pointer = suite ? "/suite/name" : metric.pointer;
      if (!reported.emplace(pointer, cell.message).second) break;
      Diagnostic refused =
          file.document->diagnostic_at(pointer, "export.csv_cell",
                                       std::string(suite ? "the suite" : "the metric " + metric.id.text()) +
                                           " cannot be written in evident's CSV summary: " + cell.message);
      refused.hint = "schemas/evidence-summary.table.json says what each column holds";
      problems.push_back(std::move(refused));
      break;
    }
  }
}

struct ExportRun {
  ExportPool pool;
  std::size_t files = 0;
  std::vector<Diagnostic> diagnostics;
};

// One validated file into the pool, or the reasons it cannot be exported.
void add_evidence_file(const io::FileValidation& file, const io::CollectedFiles& collected,
                       const std::optional<TableSchema>& table, ExportRun& run) {
  std::vector<Diagnostic>& problems = run.diagnostics;
  if (std::optional<Diagnostic> note = left_out_as_other_kind(file, collected)) {
    problems.push_back(std::move(*note));
    return;
  }
  problems.insert(problems.end(), file.diagnostics.begin(), file.diagnostics.end());
  if (!file.valid()) return;
  if (file.kind != "evidence") {
    problems.push_back(file.document->diagnostic_at(
        "/schema_version", "export.not_evidence",
        "this is " + (file.kind.empty() ? std::string("not an evident file") : "a " + file.kind + " file") +
            "; only evidence (evident/evidence/1) is exported"));
    return;
  }
  const nlohmann::json& evidence = file.document->value();
  if (const std::optional<std::string> failure = run_failure(evidence)) {
    Diagnostic refused = file.document->diagnostic_at(
        "/status", "export.run_failed",
        "the benchmark run failed (" + *failure + "): its numbers are not sent on as measurements");
    refused.hint = "fix the benchmark and run it again, then export the new evidence";
    problems.push_back(std::move(refused));
    return;
  }
  const auto locate = [&](const ExportProblem& problem, const std::string& pointer) {
    Diagnostic located = file.document->diagnostic_at(pointer, problem.code, problem.message);
    located.severity = problem.severity;
    located.hint = problem.hint;
    problems.push_back(std::move(located));
  };
  if (const std::optional<ExportProblem> mixed =
          run.pool.add_suite(evidence["suite"]["name"].get<std::string>(), file.path)) {
    locate(*mixed, "/suite/name");
    return;
  }
  ++run.files;
  const std::vector<MetricSeries> metrics = metrics_of(evidence, file.path);
  if (table) check_summary_rows(file, metrics, *table, problems);
  for (const MetricSeries& metric : metrics) {
    for (const ExportProblem& problem : run.pool.add(metric)) locate(problem, metric.pointer);
  }
}

std::string files_text(const ExportRun& run) {
  return count_of(run.files, "evidence file") + " (" + count_of(run.pool.suite_count(), "suite") + ")";
}

// Writes the documents; the closing lines go to messages.
void write_export(const ExportOptions& options, ExportFormat format, const ExportRun& run, const Invocation& invocation,
                  std::ostream& messages) {
  const std::vector<MetricSeries>& metrics = run.pool.metrics();
  if (format == ExportFormat::gab) {
    const std::vector<std::string> files = gab_outputs(options.output);
    for (const Better better : {Better::lower, Better::higher}) {
      const std::string& file = files[better == Better::lower ? 0 : 1];
      const std::optional<std::string> document = io::gab_document(metrics, better);
      std::error_code error;
      if (!document) {
        // A file left from an earlier export would be sent on as if it were this evidence's.
        if (fs::remove(file, error))
          messages << file << ": removed, no metric of this evidence is " << better_name(better) << " is better\n";
        continue;
      }
      io::write_file_atomically(file, *document);
      const auto entries = static_cast<std::size_t>(
          std::count_if(metrics.begin(), metrics.end(), [&](const MetricSeries& m) { return m.better == better; }));
      messages << file << ": " << count_of(entries, "metric") << " (" << better_name(better) << " is better) from "
               << files_text(run) << "\n";
    }
    return;
  }
  const std::string document = format == ExportFormat::bmf ? io::bmf_document(metrics) : io::summary_csv(metrics);
  if (options.output.empty()) {
    invocation.out << document;
  } else {
    io::write_file_atomically(options.output, document);
  }
  std::size_t rows = 0;
  for (const MetricSeries& metric : metrics) rows += io::summary_rows(metric);
  messages << (options.output.empty() ? std::string("<stdout>") : options.output) << ": "
           << count_of(metrics.size(), "metric");
  if (format == ExportFormat::csv) messages << " in " << count_of(rows, "row");
  messages << " from " << files_text(run) << " (" << options.format << ")\n";
}

}  // namespace

ExitCode run_export(const Invocation& invocation) {
  CLI::App app{
      "Write evidence in another tool's format, keeping each metric's name, unit and direction:\n"
      "bmf (Bencher Metric Format), gab (github-action-benchmark custom JSON, one file per direction\n"
      "in the directory -o) or csv (evident's CSV summary). The evidence is validated first; an invalid\n"
      "or failed run is refused. Without -o the document is printed, and everything else goes to stderr.",
      "evident export"};
  ExportOptions options;
  app.add_option("FORMAT", options.format, "bmf, gab or csv")->required();
  app.add_option("EVIDENCE", options.paths, "evidence files or directories")->required();
  app.add_option("--output,-o", options.output,
                 "the file to write (bmf, csv; default: print it), or the directory of the two files of gab");
  app.add_flag("--force", options.force, "replace output files that exist");
  app.add_option("--jobs,-j", options.jobs, "files read in parallel (default: one per core)")
      ->check(CLI::Range(1, 1024));
  add_input_limit_options(app, options.limits);
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return *stop;

  const ExportFormat format = format_of(options.format);
  check_outputs(options, format);
  const bool to_stdout = options.output.empty();
  // With the document on stdout, everything else goes to stderr, so the output stays one document.
  const Invocation messages{invocation.argc, invocation.argv, to_stdout ? invocation.err : invocation.out,
                            invocation.err, invocation.environment};
  const io::ValidationOptions validation = validation_options(options.limits, options.jobs);
  const std::optional<TableSchema> table =
      format == ExportFormat::csv ? std::optional<TableSchema>(shipped_summary_schema(validation)) : std::nullopt;

  io::CollectedFiles collected = collect_json_inputs(options.paths);
  ExportRun run{ExportPool(format), 0, std::move(collected.diagnostics)};
  io::validate_each(collected.files, validation,
                    [&](io::FileValidation&& file) { add_evidence_file(file, collected, table, run); });
  if (!has_errors(run.diagnostics) && run.pool.metrics().empty()) {
    Diagnostic nothing;
    nothing.code = "export.no_evidence";
    nothing.message = "no evidence among the inputs: nothing to export";
    nothing.cannot_run = true;
    run.diagnostics.push_back(std::move(nothing));
  }
  print_diagnostics(messages, run.diagnostics);
  if (has_errors(run.diagnostics)) return exit_code_for(run.diagnostics);
  write_export(options, format, run, invocation, messages.out);
  return ExitCode::ok;
}

}  // namespace evident::cli
