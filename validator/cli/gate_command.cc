// evident gate PATH... : hold the numbers of evidence to budgets, or to a baseline with tolerances.
#include <exception>
#include <optional>
#include <ostream>
#include <utility>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/evidence_inputs.h"
#include "cli/gate_pipeline.h"
#include "cli/options.h"
#include "cli/output.h"
#include "core/check_config.h"
#include "core/check_result.h"
#include "core/gate_report.h"
#include "io/files/parallel.h"
#include "io/output/gate_output.h"

namespace evident::cli {
namespace {

// The gate as the flags give it; a combination that belongs to no mode is a UsageError.
struct GateRequest {
  FileInputOptions input;
  GateConfig gate;
};

std::optional<ExitCode> parse_gate_options(const Invocation& invocation, GateRequest& request) {
  CLI::App app{
      "Hold the numbers of evidence to budgets (--budgets), or to a baseline with tolerances (--baseline,\n"
      "--tolerances). A regression needs a change beyond tolerance that is also significant.",
      "evident gate"};
  GateConfig& gate = request.gate;
  std::string enforce = "hard";
  std::string correction;
  add_file_input_options(app, request.input, "evidence files or directories");
  app.add_option("--budgets", gate.budgets, "budget mode: absolute bounds per metric (evident/budgets/1)");
  app.add_option("--baseline", gate.baseline, "regression mode: the baseline to compare with (evident/baseline/1)");
  app.add_option("--tolerances", gate.tolerances, "regression mode: allowed changes per metric (evident/tolerances/1)");
  app.add_option("--relative", gate.relative,
                 "allowed relative change (0.05 = 5%) for metrics the tolerances file does not name")
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--absolute", gate.absolute, "allowed absolute change for metrics the tolerances file does not name")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--enforce", enforce, "hard: a breach fails (exit 1); soft: breaches are reported, exit 0")
      ->check(CLI::IsMember({"soft", "hard"}))
      ->capture_default_str();
  app.add_option("--alpha", gate.alpha, "significance level of the Mann-Whitney U test")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--correction", correction,
                 "regression mode: adjust the p-values of a run's metrics together: holm (default: the chance of any "
                 "false alarm stays at most alpha), bh (Benjamini-Hochberg: the expected share of false alarms), or "
                 "none; overrides the tolerances file's \"correction\"")
      ->check(CLI::IsMember({"holm", "bh", "none"}));
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return stop;
  if (!correction.empty()) gate.correction = parse_correction(correction);
  if (gate.budgets.empty() == gate.baseline.empty()) {
    throw UsageError("give exactly one of --budgets FILE (budget mode) and --baseline FILE (regression mode)");
  }
  if (!gate.budgets.empty() && (!gate.tolerances.empty() || gate.relative || gate.absolute || gate.correction)) {
    throw UsageError("--tolerances, --relative, --absolute and --correction belong to regression mode (--baseline)");
  }
  if (gate.alpha <= 0.0 || gate.alpha >= 1.0) throw UsageError("--alpha must lie strictly between 0 and 1");
  gate.mode = gate.baseline.empty() ? GateMode::budget : GateMode::regression;
  gate.enforce = parse_enforcement(enforce).value_or(Enforcement::hard);
  return std::nullopt;
}

// The runs of the valid evidence files among the inputs, and the problems of the rest (errors
// only, after the notes of the files of other kinds left out). Each document is let go once read;
// the breaches found later are placed by reading their files again.
struct GateInputs {
  GatedEvidence runs;
  io::FindingLocator locator;
  std::vector<Diagnostic> problems;
};

GateInputs read_gate_inputs(const FileInputOptions& input, io::ValidationOptions options) {
  options.numbers_in_place = true;  // the samples go straight into the metrics
  io::CollectedFiles collected = collect_json_inputs(input.paths);
  GateInputs inputs{{}, io::FindingLocator(options), std::move(collected.diagnostics)};
  std::vector<Diagnostic> left_out;
  std::size_t kept = 0;
  GatedEvidenceBuilder runs;
  io::validate_each(collected.files, options, [&](io::FileValidation&& file) {
    if (std::optional<Diagnostic> note = left_out_as_other_kind(file, collected)) {
      left_out.push_back(std::move(*note));
      return;
    }
    ++kept;
    inputs.locator.add(file);
    for (const Diagnostic& diagnostic : file.diagnostics) {
      if (diagnostic.severity == Severity::error) inputs.problems.push_back(diagnostic);
    }
    if (!file.valid()) return;
    if (file.kind != "evidence") {
      inputs.problems.push_back(file.document->diagnostic_at("/schema_version", "gate.not_evidence",
                                                             "only evidence files (evident/evidence/1) can be gated"));
      return;
    }
    runs.add(file);
  });
  if (kept == 0) add_nothing_found(inputs.problems, "evidence");
  std::erase_if(inputs.problems, [](const Diagnostic& d) { return d.severity != Severity::error; });
  inputs.problems.insert(inputs.problems.begin(), left_out.begin(), left_out.end());
  inputs.runs = std::move(runs).finish();
  return inputs;
}

// The evidence and the gate files, read at once on two workers (one after the other with --jobs 1).
// Whichever cannot be used stops the command as it would read alone: the evidence's failure first.
std::pair<GateInputs, GateFiles> read_gate(const GateRequest& request, const io::ValidationOptions& options) {
  std::optional<GateInputs> inputs;
  std::optional<GateFiles> files;
  std::exception_ptr failures[2];
  io::parallel_for(2, options.jobs, [&](std::size_t part) {
    try {
      if (part == 0) {
        inputs = read_gate_inputs(request.input, options);
      } else {
        files = load_gate_files(request.gate, options);
      }
    } catch (...) {
      failures[part] = std::current_exception();
    }
  });
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  return {std::move(*inputs), std::move(*files)};
}

// Judges the runs of the evidence under the gate.
GateReport judge(const GateConfig& gate, const GateInputs& inputs, const GateFiles& files, unsigned jobs) {
  std::vector<Diagnostic> problems = inputs.problems;
  const GatedEvidence& runs = inputs.runs;
  for (const Failure& failed : runs.failed_runs) problems.push_back(failed.diagnostic);
  problems.insert(problems.end(), runs.warnings.begin(), runs.warnings.end());
  GateOutcome outcome = run_gate_checks(gate, files, runs, inputs.locator, {}, jobs);
  problems.insert(problems.end(), outcome.warnings.begin(), outcome.warnings.end());
  std::vector<Diagnostic> breaches;
  breaches.reserve(outcome.breaches.size());
  for (Failure& breach : outcome.breaches) breaches.push_back(std::move(breach.diagnostic));
  GateConfig applied = gate;
  if (gate.mode == GateMode::regression) applied.correction = outcome.correction;
  return gate_report(applied, std::move(outcome.regression_checks), std::move(outcome.budget_checks),
                     std::move(problems), std::move(breaches));
}

}  // namespace

ExitCode run_gate(const Invocation& invocation) {
  GateRequest request;
  if (const std::optional<ExitCode> stop = parse_gate_options(invocation, request)) return *stop;
  const io::ValidationOptions options = validation_options(request.input.limits, request.input.jobs);
  auto [inputs, files] = read_gate(request, options);
  const GateReport report = judge(request.gate, inputs, files, options.jobs);
  // The report holds all that is printed: the runs' samples, the baseline and the kept texts are
  // freed on a thread aside meanwhile.
  const io::WorkAside freed = io::destroy_aside(options.jobs, std::move(inputs), std::move(files));
  if (request.input.format == "json") {
    annotate_beside_json(invocation, report.all_diagnostics());
    invocation.out << io::gate_report_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                   << "\n";
  } else {
    io::render_gate_text(
        invocation.out, report,
        [&](const std::vector<Diagnostic>& diagnostics) { print_diagnostics(invocation, diagnostics, options.jobs); },
        options.jobs);
  }
  return report.exit_code();
}

}  // namespace evident::cli
