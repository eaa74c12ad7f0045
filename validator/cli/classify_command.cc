// evident classify PATH... : re-derive each run's class from its recorded host metadata.
#include <algorithm>
#include <optional>
#include <ostream>
#include <vector>

#include "cli/command.h"
#include "cli/evidence_inputs.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/report_output.h"
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

  if (input.format == "json") {
    // The JSON result is one document: every file's verdict is kept for it.
    std::vector<ClassifiedFile> files;
    io::judge_each<Judged>(collected.files, options, judge, [&](Judged&& judged) {
      if (judged.left_out) {
        general.push_back(std::move(*judged.left_out));
      } else {
        files.push_back(std::move(*judged.file));
      }
    });
    if (files.empty()) add_nothing_found(general, "evidence");
    const ClassificationResult result =
        io::classification_result(std::move(files), std::move(general), policy, required);
    annotate_beside_json(invocation, io::classification_diagnostics(result));
    invocation.out << result_text(io::classification_json(result));
    return exit_code_for(result);
  }

  // The text is written as the files are judged, in their order, and only the counts are kept, so
  // memory does not grow with the number of files. A file of another kind is named where it comes.
  const bool annotate = annotate_for_github(invocation);
  invocation.out << io::diagnostics_text(general, annotate);
  ExitCode code = exit_code_for(general);
  ClassificationTally tally;
  io::judge_each<Judged>(collected.files, options, judge, [&](Judged&& judged) {
    if (judged.left_out) {
      invocation.out << io::diagnostics_text({*judged.left_out}, annotate);
      code = std::max(code, exit_code_for({*judged.left_out}));
    } else {
      invocation.out << io::classified_file_text(*judged.file, annotate);
      count_file(tally, *judged.file);
      code = std::max(code, exit_code_for(*judged.file));
    }
  });
  if (tally.files == 0) {
    std::vector<Diagnostic> nothing;
    add_nothing_found(nothing, "evidence");
    invocation.out << io::diagnostics_text(nothing, annotate);
    code = std::max(code, exit_code_for(nothing));
  }
  invocation.out << io::classification_summary_text(tally, required, policy.name, policy.sha256);
  return code;
}

}  // namespace evident::cli
