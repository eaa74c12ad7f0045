// evident classify PATH... : re-derive each run's class from its recorded host metadata.
#include <algorithm>
#include <optional>
#include <ostream>
#include <vector>

#include "cli/command.h"
#include "cli/evidence_inputs.h"
#include "cli/options.h"
#include "cli/output.h"
#include "core/classification_result.h"
#include "io/files/input_files.h"
#include "io/output/classification_json.h"
#include "io/output/classification_text.h"
#include "io/output/diagnostic_text.h"
#include "io/schema/document_validation.h"
#include "io/schema/evidence_classification.h"

namespace evident::cli {

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

  io::ValidationOptions options = validation_options(input.limits, input.jobs);
  const Policy policy = policy_from_option(policy_path, options);
  // Valid evidence is judged and classified on simdjson's DOM, as `validate` judges it: its value is
  // built only where something asks for it (a file of another kind, a file with problems).
  options.values_read = false;
  options.claim_policy = &policy;
  io::CollectedFiles collected = collect_json_inputs(input.paths);
  std::vector<Diagnostic>& general = collected.diagnostics;
  // Each file is classified on the worker that validated it; its document is let go once it is
  // classified.
  struct Judged {
    std::optional<Diagnostic> left_out;  // a file of another kind found in a directory
    std::optional<ClassifiedFile> file;
  };
  const auto judge = [&](io::FileValidation&& file) {
    if (std::optional<Diagnostic> note = left_out_as_other_kind(file, collected)) return Judged{std::move(note), {}};
    return Judged{std::nullopt, io::classify_file(file, policy, required)};
  };

  // Either output is written as the files are judged, in their order, and only the counts are kept,
  // so memory does not grow with the number of files. A file of another kind is named where it comes.
  const bool annotate = annotate_for_github(invocation);
  std::optional<io::ClassificationJsonWriter> json;
  if (input.format == "json") json.emplace(invocation.out, policy.name, policy.version, policy.sha256, required);
  std::vector<Diagnostic> json_diagnostics;  // the JSON's diagnostics of no file, which come after its files
  ExitCode code = ExitCode::ok;
  ClassificationTally tally;
  // Diagnostics of no file: in the text where they come; in the JSON after the files, with their
  // annotations beside it where they come.
  const auto report = [&](const std::vector<Diagnostic>& diagnostics) {
    code = std::max(code, exit_code_for(diagnostics));
    if (!json) {
      invocation.out << io::diagnostics_text(diagnostics, annotate);
      return;
    }
    if (annotate) invocation.err << io::workflow_commands(diagnostics);
    json_diagnostics.insert(json_diagnostics.end(), diagnostics.begin(), diagnostics.end());
  };
  const auto report_file = [&](const ClassifiedFile& file) {
    count_file(tally, file);
    code = std::max(code, exit_code_for(file));
    if (!json) {
      invocation.out << io::classified_file_text(file, annotate);
      return;
    }
    json->add(file);
    if (annotate) invocation.err << io::workflow_commands(reported_diagnostics(file));
  };

  report(general);
  io::judge_each<Judged>(collected.files, options, judge, [&](Judged&& judged) {
    if (judged.left_out) {
      report({*judged.left_out});
    } else {
      report_file(*judged.file);
    }
  });
  if (tally.files == 0) {
    std::vector<Diagnostic> nothing;
    add_nothing_found(nothing, "evidence");
    report(nothing);
  }
  if (json) {
    json->finish(json_diagnostics, tally);
  } else {
    invocation.out << io::classification_summary_text(tally, required, policy.name, policy.sha256);
  }
  return code;
}

}  // namespace evident::cli
