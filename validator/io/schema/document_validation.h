#pragma once
// Validates files end to end: read within limits, parse fail-closed, pick the schema from
// "schema_version" (or the one given), explain every violation.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/classification.h"
#include "core/diagnostic.h"
#include "core/gate.h"
#include "core/gate_files.h"
#include "core/policy.h"
#include "io/files/file_text.h"
#include "io/files/parallel.h"
#include "io/json/json_document.h"
#include "io/schema/schema_validator.h"

namespace evident::io {

struct ValidationOptions {
  JsonLimits limits;
  std::uintmax_t max_file_bytes = std::uintmax_t{16} << 20;
  unsigned jobs = default_jobs();
  const CompiledSchema* schema = nullptr;  // --schema: this schema for every file, whatever it says
  // The gate files' readers run after the schema (`validate`); off where the caller reads the file
  // with that same reader next (io/schema/kind_loader), so the work is not done twice.
  bool gate_file_rules = true;
  // Whether the caller reads each valid document's value (document->value()). Where it does not
  // (`validate`), a valid file is judged on simdjson's DOM without building its value, which is
  // then built only if something asks for it.
  bool values_read = true;
  // With a policy, each valid evidence file is classified on the worker (FileValidation::verdict).
  const Policy* claim_policy = nullptr;
  // Whether a valid evidence or baseline file is judged on the tree of simdjson's On Demand parser
  // (io/json/tree_parse) and its numbers read from it on the worker, for a caller that reads them: evidence's metrics
  // (FileValidation::metrics, with its value without "benchmarks" and its metric count), a baseline whole
  // (FileValidation::baseline). Its value with a million samples in it is never built.
  bool numbers_in_place = false;
  // Whether a valid evidence file judged on simdjson's DOM keeps only what a caller that counts its
  // metrics reads (FileValidation::besides_benchmarks, FileValidation::metric_count): its value
  // without "benchmarks", and the number of its metrics counted on the DOM. For a caller that does
  // not read the value otherwise (values_read off) and does not read its numbers.
  bool metrics_counted = false;
};

struct FileValidation {
  std::string path;
  std::string kind;                      // "evidence", ...; empty when not known
  std::optional<JsonDocument> document;  // present when the text parsed
  std::vector<Diagnostic> diagnostics;   // sorted by position
  std::optional<Verdict> verdict;        // valid evidence under ValidationOptions::claim_policy
  // Valid evidence judged on the fast path under ValidationOptions::numbers_in_place: core's
  // metrics_of() of the document, read in place (io/json/metrics_in_place). take_metrics() reads them.
  std::optional<std::vector<MetricSeries>> metrics;
  // A valid baseline judged on the fast path under ValidationOptions::numbers_in_place, read in
  // place (io/json/baseline_in_place): what baseline_from_json reads of its value, which has no
  // problem.
  std::optional<Baseline> baseline;
  // Valid evidence judged on the fast path under ValidationOptions::metrics_counted or
  // numbers_in_place: the document's value without "benchmarks", and core's metric_count() of the
  // document, counted on the DOM.
  std::optional<nlohmann::json> besides_benchmarks;
  std::optional<std::size_t> metric_count;

  bool valid() const { return document.has_value() && !has_errors(diagnostics); }
  // For reading anything but the benchmarks of a file that parsed: the value without them where
  // only that was kept, else the document's value.
  const nlohmann::json& value_besides_benchmarks() const {
    return besides_benchmarks ? *besides_benchmarks : document->value();
  }
};

// The metrics of a valid evidence file (core's metrics_of): moved out of the file where they were
// read in place, else read from its value.
std::vector<MetricSeries> take_metrics(FileValidation& file);

FileValidation validate_text(std::string path, FileText text, const ValidationOptions& options);

// A file read within the limits and validated; a file that cannot be read has only the reason.
FileValidation validate_file(const std::string& path, const ValidationOptions& options);

// How many files may wait between the workers and the calling thread: a few per worker, so one
// slow file holds back only this many behind it.
std::size_t files_in_flight(const ValidationOptions& options);

// Validates each file on options.jobs threads and passes it to judge on the same thread, so that
// what a command makes of a file (its classification, its metrics) is made in parallel too; each
// result goes to on_judged on the calling thread, in the order of files. Only a few results wait at
// any time, and a document lives only until judge returns.
template <typename Judged>
void judge_each(const std::vector<std::string>& files, const ValidationOptions& options,
                const std::function<Judged(FileValidation&&)>& judge, const std::function<void(Judged&&)>& on_judged) {
  const std::size_t window = files_in_flight(options);
  std::vector<std::optional<Judged>> slots(std::min(window, files.size()));
  parallel_ordered(
      files.size(), options.jobs, window,
      [&](std::size_t i) { slots[i % window].emplace(judge(validate_file(files[i], options))); },
      [&](std::size_t i) {
        Judged judged = std::move(*slots[i % window]);
        slots[i % window].reset();
        on_judged(std::move(judged));
      });
}

// Validates each file on options.jobs threads and hands each result to on_file on the calling
// thread, in the order of files. Only a few results per worker wait for on_file at any time, so a
// document is freed as soon as on_file is done with it and memory does not grow with the number of
// files.
void validate_each(const std::vector<std::string>& files, const ValidationOptions& options,
                   const std::function<void(FileValidation&&)>& on_file);

// validate_each, keeping every result: for the few files that a command loads whole.
std::vector<FileValidation> validate_files(const std::vector<std::string>& files, const ValidationOptions& options);

}  // namespace evident::io
