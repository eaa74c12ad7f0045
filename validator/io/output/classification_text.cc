#include "io/output/classification_text.h"

#include "core/text.h"
#include "io/output/diagnostic_text.h"

namespace evident::io {

std::string classified_file_text(const ClassifiedFile& file, bool annotate) {
  return header_line(file) + "\n" + diagnostics_text(reported_diagnostics(file), annotate);
}

std::string classification_summary_text(const ClassificationTally& tally, std::optional<RunClass> required,
                                        const std::string& policy_name, const std::string& policy_sha256) {
  std::string text = count_of(tally.files, "file") + " classified: " + std::to_string(tally.isolated) +
                     " isolated_affinity, " + std::to_string(tally.non_isolated) + " functional_non_isolated, " +
                     std::to_string(tally.over_claimed) + " over-claimed, " + std::to_string(tally.invalid) +
                     " invalid";
  if (required) {
    text +=
        ", " + std::to_string(tally.not_required) + " not " + std::string(run_class_name(*required)) + " as required";
  }
  return text + "; policy " + policy_name + " (sha256 " + policy_sha256 + ")\n";
}

std::string classification_text(const ClassificationResult& result, bool annotate) {
  std::string text = diagnostics_text(result.diagnostics, annotate);
  for (const ClassifiedFile& file : result.files) text += classified_file_text(file, annotate);
  return text + classification_summary_text(result.tally, result.required, result.policy_name, result.policy_sha256);
}

}  // namespace evident::io
