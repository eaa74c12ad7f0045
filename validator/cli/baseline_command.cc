// evident baseline PATH... --output FILE : write a baseline from evidence. Refreshing a baseline is
// an intentional act: when FILE exists, the diff against it comes first and --force is required.
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/output.h"
#include "core/baseline_report.h"
#include "core/evidence_metrics.h"
#include "core/gate_files.h"
#include "core/sha256.h"
#include "io/files/atomic_file.h"
#include "io/output/baseline_output.h"
#include "io/schema/kind_loader.h"

namespace evident::cli {
namespace {

// One validated file, with what the pool takes of it read on the worker that validated it: its run's
// failure, the hash of its text and its metrics (their samples moved out of the file).
struct ReadEvidence {
  io::FileValidation file;
  std::optional<std::string> failure;  // the run failed: why
  std::string sha256;
  std::vector<MetricSeries> metrics;
};

ReadEvidence read_evidence(io::FileValidation&& file) {
  ReadEvidence read{std::move(file), std::nullopt, {}, {}};
  const io::FileValidation& evidence = read.file;
  if (!evidence.valid() || evidence.kind != "evidence") return read;
  const nlohmann::json& value = evidence.value_besides_benchmarks();
  read.failure = run_failure(value);
  if (read.failure) return read;
  read.sha256 = sha256_hex(evidence.document->text());
  read.metrics = io::take_metrics(read.file);
  return read;
}

// Adds one validated file's run to the pool, or says why it cannot be part of a baseline.
void add_evidence_file(const ReadEvidence& read, BaselinePool& pool, std::vector<Diagnostic>& problems) {
  const io::FileValidation& file = read.file;
  problems.insert(problems.end(), file.diagnostics.begin(), file.diagnostics.end());
  if (!file.valid()) return;
  if (file.kind != "evidence") {
    problems.push_back(file.document->diagnostic_at("/schema_version", "baseline.not_evidence",
                                                    "only evidence files (evident/evidence/1) make a baseline"));
    return;
  }
  // A failed run's numbers describe a broken benchmark: a baseline of them would pass the next
  // broken run.
  if (read.failure) {
    Diagnostic refused = file.document->diagnostic_at(
        "/status", "baseline.run_failed",
        "the benchmark run failed (" + *read.failure + "): a baseline is never made of it");
    refused.hint = "fix the benchmark and run it again, then make the baseline from the new evidence";
    problems.push_back(std::move(refused));
    return;
  }
  pool.add_source(file.path, read.sha256, file.value_besides_benchmarks().value("captured_at", std::string()));
  for (const MetricSeries& metric : read.metrics) {
    if (const std::optional<std::string> conflict = pool.add_metric(metric)) {
      problems.push_back(file.document->diagnostic_at(metric.pointer, "baseline.inconsistent_metric", *conflict));
    }
  }
}

// The baseline the evidence makes; with errors in the evidence (or no metric), none.
BaselineReport make_baseline(const FileInputOptions& input, const std::string& output,
                             const io::ValidationOptions& options) {
  BaselineReport report;
  report.output = output;
  io::CollectedFiles collected = collect_json_inputs(input.paths);
  report.problems = std::move(collected.diagnostics);
  BaselinePool pool;
  // Valid evidence is judged on the fast path's tree and its metrics are read from it: the samples go
  // straight into the metrics pooled, and the rest of each file's value is built without the
  // benchmarks. Each file is hashed and read on the worker that validated it; the pool takes them
  // in order.
  io::ValidationOptions in_place = options;
  in_place.numbers_in_place = true;
  io::judge_each<ReadEvidence>(collected.files, in_place, read_evidence,
                               [&](ReadEvidence&& read) { add_evidence_file(read, pool, report.problems); });
  std::erase_if(report.problems, [](const Diagnostic& d) { return d.severity != Severity::error; });
  if (report.problems.empty() && pool.has_metrics()) report.baseline = pool.baseline();
  return report;
}

// When the output exists: the changes against it, if it is a readable baseline.
void compare_with_existing(BaselineReport& report, const io::ValidationOptions& options) {
  std::error_code error;
  if (!std::filesystem::exists(report.output, error)) return;
  report.replaces = true;
  std::vector<Diagnostic> diagnostics;
  if (const std::optional<io::FileValidation> file = io::load_kind(report.output, "baseline", options, diagnostics)) {
    std::vector<Diagnostic> reader_problems;
    if (const std::optional<Baseline> existing = baseline_from_json(file->document->value(), reader_problems)) {
      report.changes = changes_between(*existing, report.baseline);
    }
  }
}

}  // namespace

ExitCode run_baseline(const Invocation& invocation) {
  CLI::App app{
      "Write a baseline (evident/baseline/1) from evidence: each metric's samples pooled across the files.\n"
      "When the output exists, its diff is printed first and --force is needed to replace it.",
      "evident baseline"};
  FileInputOptions input;
  std::string output;
  bool force = false;
  add_file_input_options(app, input, "evidence files or directories");
  app.add_option("--output,-o", output, "the baseline file to write")->required();
  app.add_flag("--force", force, "replace an existing baseline");
  app.get_option("--format")->description("text, or json: what was written (evident/baseline-result/1)");
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return *stop;

  const io::ValidationOptions options = validation_options(input.limits, input.jobs);
  BaselineReport report = make_baseline(input, output, options);
  const auto print = [&] {
    if (input.format == "json") {
      annotate_beside_json(invocation, report.problems);
      invocation.out << io::baseline_report_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                     << "\n";
    } else {
      io::render_baseline_text(invocation.out, report, [&](const std::vector<Diagnostic>& problems) {
        print_diagnostics(invocation, problems);
      });
    }
  };
  if (!report.made()) {
    print();
    return exit_code_for(report.problems) == ExitCode::cannot_run ? ExitCode::cannot_run : ExitCode::check_failed;
  }
  compare_with_existing(report, options);
  if (report.replaces && !force) {
    print();
    throw UsageError("refusing to replace " + output + ": refreshing a baseline is intentional; pass --force");
  }
  io::write_file_atomically(output, baseline_to_json(report.baseline).dump(2) + "\n");
  report.written = true;
  print();
  return ExitCode::ok;
}

}  // namespace evident::cli
