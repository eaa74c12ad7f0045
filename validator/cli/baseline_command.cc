// evident baseline PATH... --output FILE : write a baseline from evidence. Refreshing a baseline is
// an intentional act: when FILE exists, the diff against it comes first and --force is required.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/output.h"
#include "core/evidence_metrics.h"
#include "core/gate.h"
#include "core/gate_files.h"
#include "core/instant.h"
#include "core/sha256.h"
#include "core/text.h"
#include "io/files/atomic_file.h"
#include "io/output/diagnostic_render.h"
#include "io/schema/kind_loader.h"

namespace evident::cli {
namespace {

std::string number(const std::optional<double>& value) { return value ? format_number(*value) : "-"; }

// What stands for a baseline entry in the diff.
std::optional<double> representative(const BaselineEntry& entry) {
  return evident::representative(entry.samples, entry.value);
}

// One metric whose number differs between the existing baseline and the new one.
struct Change {
  std::string id;
  std::optional<double> before;
  std::optional<double> after;
  std::string change;  // "new", "removed", "+16.67%", or "-" when no percentage says it
};

std::vector<Change> changes_between(const Baseline& old_baseline, const Baseline& new_baseline) {
  std::map<std::string, std::pair<const BaselineEntry*, const BaselineEntry*>> rows;
  for (const BaselineEntry& entry : old_baseline.entries) rows[entry.id.text()].first = &entry;
  for (const BaselineEntry& entry : new_baseline.entries) rows[entry.id.text()].second = &entry;
  std::vector<Change> changes;
  for (const auto& [id, pair] : rows) {
    const std::optional<double> before = pair.first ? representative(*pair.first) : std::nullopt;
    const std::optional<double> after = pair.second ? representative(*pair.second) : std::nullopt;
    std::string change = "-";
    if (!pair.first) {
      change = "new";
    } else if (!pair.second) {
      change = "removed";
    } else if (before && after && *before != 0) {
      change = format_percent_change((*after - *before) / std::abs(*before) * 100);
    }
    if (before == after && pair.first && pair.second) continue;
    changes.push_back({id, before, after, change});
  }
  return changes;
}

void print_diff(std::ostream& out, const std::vector<Change>& changes) {
  out << "changes against the existing baseline:\n";
  for (const Change& change : changes) {
    out << "  " << change.id << ": " << number(change.before) << " -> " << number(change.after) << " (" << change.change
        << ")\n";
  }
  if (changes.empty()) out << "  (no metric changed)\n";
}

nlohmann::ordered_json number_json(const std::optional<double>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

// What --format json prints (evident/baseline-result/1): whether the file was written, what it
// holds, and the changes against the baseline it replaces.
nlohmann::ordered_json result_json(bool written, const std::string& output, const Baseline& baseline,
                                   const std::optional<std::vector<Change>>& changes,
                                   const std::vector<Diagnostic>& diagnostics) {
  nlohmann::ordered_json result;
  result["schema_version"] = "evident/baseline-result/1";
  result["written"] = written;
  result["output"] = output;
  result["metrics"] = baseline.entries.size();
  result["sources"] = nlohmann::ordered_json::array();
  for (const BaselineSource& source : baseline.sources) {
    result["sources"].push_back({{"path", source.path}, {"sha256", source.sha256}});
  }
  if (changes) {
    result["changes"] = nlohmann::ordered_json::array();
    for (const Change& change : *changes) {
      result["changes"].push_back({{"id", change.id},
                                   {"before", number_json(change.before)},
                                   {"after", number_json(change.after)},
                                   {"change", change.change}});
    }
  }
  result["diagnostics"] = io::diagnostics_json(diagnostics);
  return result;
}

void print_json(std::ostream& out, const nlohmann::ordered_json& document) {
  out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
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
  io::CollectedFiles collected = collect_json_inputs(input.paths);
  std::vector<Diagnostic> problems = std::move(collected.diagnostics);
  Baseline baseline;
  std::optional<Instant> newest;  // of the sources' captured_at
  std::map<std::string, BaselineEntry> entries;
  std::map<std::string, std::vector<double>> values;
  for (const io::FileValidation& file : io::validate_files(collected.files, options)) {
    problems.insert(problems.end(), file.diagnostics.begin(), file.diagnostics.end());
    if (!file.valid() || file.kind != "evidence") {
      if (file.valid()) {
        problems.push_back(file.document->diagnostic_at("/schema_version", "baseline.not_evidence",
                                                        "only evidence files (evident/evidence/1) make a baseline"));
      }
      continue;
    }
    // A failed run's numbers describe a broken benchmark: a baseline of them would pass the next
    // broken run.
    if (const std::optional<std::string> failure = run_failure(file.document->value())) {
      Diagnostic refused =
          file.document->diagnostic_at("/status", "baseline.run_failed",
                                       "the benchmark run failed (" + *failure + "): a baseline is never made of it");
      refused.hint = "fix the benchmark and run it again, then make the baseline from the new evidence";
      problems.push_back(std::move(refused));
      continue;
    }
    baseline.sources.push_back({file.path, sha256_hex(file.document->text())});
    // The baseline is as new as its newest evidence, compared as instants and written as that
    // evidence recorded it: no clock is read, so the same inputs give the same file.
    const std::string captured_at = file.document->value().value("captured_at", std::string());
    if (const std::optional<Instant> instant = parse_rfc3339(captured_at); instant && (!newest || *instant > *newest)) {
      newest = instant;
      baseline.created_at = captured_at;
    } else if (!newest) {
      baseline.created_at = std::max(baseline.created_at, captured_at);  // no source time is a real instant yet
    }
    for (const MetricSeries& metric : metrics_of(file.document->value(), file.path)) {
      const std::string id = metric.id.text();
      auto [slot, inserted] = entries.try_emplace(id, BaselineEntry{metric.id, metric.unit, metric.better, {}, {}});
      if (!inserted && (slot->second.unit != metric.unit || slot->second.better != metric.better)) {
        problems.push_back(file.document->diagnostic_at(
            metric.pointer, "baseline.inconsistent_metric",
            id + " has unit \"" + metric.unit + "\" and better \"" + std::string(better_name(metric.better)) +
                "\" here, but \"" + slot->second.unit + "\" and \"" + std::string(better_name(slot->second.better)) +
                "\" in an earlier file"));
        continue;
      }
      slot->second.samples.insert(slot->second.samples.end(), metric.samples.begin(), metric.samples.end());
      if (metric.value) values[id].push_back(*metric.value);
    }
  }
  std::erase_if(problems, [](const Diagnostic& d) { return d.severity != Severity::error; });
  const bool json = input.format == "json";
  if (!problems.empty() || entries.empty()) {
    if (json) {
      print_json(invocation.out, result_json(false, output, {}, std::nullopt, problems));
      return exit_code_for(problems) == ExitCode::cannot_run ? ExitCode::cannot_run : ExitCode::check_failed;
    }
    print_diagnostics(invocation, problems);
    if (exit_code_for(problems) == ExitCode::cannot_run) return ExitCode::cannot_run;
    invocation.out << "no baseline written: "
                   << (problems.empty() ? "the evidence holds no metric" : "fix the evidence above first") << "\n";
    return ExitCode::check_failed;
  }
  for (auto& [id, entry] : entries) {
    // Pooled samples speak for the metric; with none, the producers' values do (their median).
    if (entry.samples.empty()) {
      BaselineEntry of_values{entry.id, entry.unit, entry.better, values[id], std::nullopt};
      entry.value = representative(of_values);
    }
    baseline.entries.push_back(entry);
  }
  const std::string text = baseline_to_json(baseline).dump(2) + "\n";

  std::error_code error;
  std::optional<std::vector<Change>> changes;
  if (std::filesystem::exists(output, error)) {
    std::vector<Diagnostic> diagnostics;
    std::optional<Baseline> existing;
    if (const std::optional<io::FileValidation> file = io::load_kind(output, "baseline", options, diagnostics)) {
      std::vector<Diagnostic> reader_problems;
      existing = baseline_from_json(file->document->value(), reader_problems);
    }
    if (existing) changes = changes_between(*existing, baseline);
    if (json) {
      if (!force) print_json(invocation.out, result_json(false, output, baseline, changes, {}));
    } else if (changes) {
      print_diff(invocation.out, *changes);
    } else {
      invocation.out << output << " exists but is not a readable baseline; no diff shown\n";
    }
    if (!force) {
      throw UsageError("refusing to replace " + output + ": refreshing a baseline is intentional; pass --force");
    }
  }
  io::write_file_atomically(output, text);
  if (json) {
    print_json(invocation.out, result_json(true, output, baseline, changes, {}));
    return ExitCode::ok;
  }
  invocation.out << "wrote " << output << ": " << count_of(baseline.entries.size(), "metric") << " from "
                 << count_of(baseline.sources.size(), "evidence file") << "\n";
  return ExitCode::ok;
}

}  // namespace evident::cli
