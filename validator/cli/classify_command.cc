// evident classify PATH... : re-derive each run's class from its recorded host metadata.
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/evidence_inputs.h"
#include "cli/options.h"
#include "cli/output.h"
#include "core/classification.h"
#include "core/required_class.h"
#include "io/files/input_files.h"
#include "io/output/diagnostic_render.h"
#include "io/output/verdict_render.h"
#include "io/schema/document_validation.h"

namespace evident::cli {
namespace {

struct Classified {
  io::FileValidation validation;
  std::optional<Verdict> verdict;          // for valid evidence
  std::optional<Diagnostic> not_required;  // with --require: the run derives another class
};

struct Tally {
  std::size_t files = 0, isolated = 0, non_isolated = 0, over_claimed = 0, invalid = 0, not_required = 0;
};

// With --require: the error of a run that derives another class, located at its claim.
std::optional<Diagnostic> required_class_error(const Classified& file, RunClass required) {
  const std::optional<Diagnostic> missed = required_class_diagnostic(*file.verdict, required);
  if (!missed) return std::nullopt;
  Diagnostic placed = file.validation.document->diagnostic_at(*missed->pointer, missed->code, missed->message);
  placed.severity = missed->severity;
  placed.hint = missed->hint;
  return placed;
}

std::string header_line(const Classified& file) {
  if (!file.verdict)
    return file.validation.path +
           ": not classified: " + (file.validation.valid() ? "not an evidence file" : "invalid evidence");
  const Verdict& verdict = *file.verdict;
  return file.validation.path + ": claimed " +
         (verdict.claimed ? std::string(run_class_name(*verdict.claimed)) : std::string("nothing")) + ", derived " +
         std::string(run_class_name(verdict.derived));
}

void print_text(const Invocation& invocation, const std::vector<Classified>& files,
                const std::vector<Diagnostic>& general, const Tally& tally, const Policy& policy,
                std::optional<RunClass> required) {
  print_diagnostics(invocation, general);
  for (const Classified& file : files) {
    invocation.out << header_line(file) << "\n";
    if (file.verdict) {
      if (file.not_required) print_diagnostics(invocation, {*file.not_required});
      print_diagnostics(invocation,
                        io::verdict_diagnostics(*file.verdict, &*file.validation.document, file.validation.path));
    } else {
      print_diagnostics(invocation, file.validation.diagnostics);
    }
  }
  invocation.out << count_of(tally.files, "file") << " classified: " << tally.isolated << " isolated_affinity, "
                 << tally.non_isolated << " functional_non_isolated, " << tally.over_claimed << " over-claimed, "
                 << tally.invalid << " invalid";
  if (required) invocation.out << ", " << tally.not_required << " not " << run_class_name(*required) << " as required";
  invocation.out << "; policy " << policy.name << " (sha256 " << policy.sha256 << ")\n";
}

void print_json(std::ostream& out, const std::vector<Classified>& files, const std::vector<Diagnostic>& general,
                const Tally& tally, const Policy& policy, std::optional<RunClass> required) {
  nlohmann::ordered_json report;
  report["schema_version"] = "evident/classification/1";
  report["policy"] = {{"name", policy.name}, {"version", policy.version}, {"sha256", policy.sha256}};
  if (required) report["require_class"] = run_class_name(*required);
  report["files"] = nlohmann::ordered_json::array();
  for (const Classified& file : files) {
    nlohmann::ordered_json entry;
    entry["path"] = file.validation.path;
    entry["valid"] = file.validation.valid();
    entry["diagnostics"] = io::diagnostics_json(file.validation.diagnostics);
    entry["verdict"] = file.verdict ? io::verdict_json(*file.verdict) : nlohmann::ordered_json(nullptr);
    if (required) {
      entry["required_class"] =
          file.not_required ? io::diagnostic_json(*file.not_required) : nlohmann::ordered_json(nullptr);
    }
    report["files"].push_back(std::move(entry));
  }
  report["diagnostics"] = io::diagnostics_json(general);
  report["summary"] = {{"files", tally.files},
                       {"isolated_affinity", tally.isolated},
                       {"functional_non_isolated", tally.non_isolated},
                       {"over_claimed", tally.over_claimed},
                       {"invalid", tally.invalid}};
  if (required) report["summary"]["not_required_class"] = tally.not_required;
  out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace

ExitCode run_classify(const Invocation& invocation) {
  CLI::App app{
      "Re-derive from the recorded host metadata alone whether each run was isolated_affinity or\n"
      "functional_non_isolated, and compare it with the file's claim. An over-claim fails.",
      "evident classify"};
  FileInputOptions input;
  std::string policy_path;
  std::string require;
  add_file_input_options(app, input, "evidence files or directories");
  app.add_option("--policy", policy_path, "classification policy (evident/policy/1); default: built-in");
  app.add_option("--require", require, "fail (exit 1) unless every run derives this class")
      ->check(CLI::IsMember({"isolated_affinity", "functional_non_isolated"}));
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return *stop;
  const std::optional<RunClass> required = parse_run_class(require);

  const io::ValidationOptions options = validation_options(input.limits, input.jobs);
  const Policy policy = policy_from_option(policy_path, options);
  io::CollectedFiles collected = collect_json_inputs(input.paths);
  std::vector<Diagnostic>& general = collected.diagnostics;
  std::vector<io::FileValidation> validations = io::validate_files(collected.files, options);
  const std::vector<Diagnostic> left_out = leave_out_other_kinds(validations, collected);
  general.insert(general.end(), left_out.begin(), left_out.end());
  if (validations.empty()) add_nothing_found(general, "evidence");

  std::vector<Classified> files;
  Tally tally;
  std::vector<Diagnostic> all = general;
  for (io::FileValidation& validation : validations) {
    Classified file{std::move(validation), std::nullopt, std::nullopt};
    ++tally.files;
    if (file.validation.valid() && file.validation.kind == "evidence") {
      file.verdict = classify_run(file.validation.document->value(), policy);
      ++(file.verdict->derived == RunClass::isolated_affinity ? tally.isolated : tally.non_isolated);
      if (verdict_fails(*file.verdict)) ++tally.over_claimed;
      const std::vector<Diagnostic> findings = io::verdict_diagnostics(*file.verdict, nullptr, file.validation.path);
      all.insert(all.end(), findings.begin(), findings.end());
      if (required) file.not_required = required_class_error(file, *required);
      if (file.not_required) {
        ++tally.not_required;
        all.push_back(*file.not_required);
      }
    } else {
      ++tally.invalid;
      all.insert(all.end(), file.validation.diagnostics.begin(), file.validation.diagnostics.end());
      if (file.validation.valid()) {  // valid, but not evidence: nothing to classify is a failed check
        Diagnostic not_evidence =
            file.validation.document->diagnostic_at("/schema_version", "classification.not_evidence",
                                                    "only evidence files (evident/evidence/1) can be classified");
        file.validation.diagnostics.push_back(not_evidence);
        all.push_back(std::move(not_evidence));
      }
    }
    files.push_back(std::move(file));
  }
  if (input.format == "json") {
    print_json(invocation.out, files, general, tally, policy, required);
  } else {
    print_text(invocation, files, general, tally, policy, required);
  }
  return exit_code_for(all);
}

}  // namespace evident::cli
