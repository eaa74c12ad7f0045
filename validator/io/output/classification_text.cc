#include "io/output/classification_text.h"

#include "core/text.h"
#include "io/output/diagnostic_text.h"

namespace evident::io {

std::string classification_text(const ClassificationResult& result, bool annotate) {
  std::string text = diagnostics_text(result.diagnostics, annotate);
  for (const ClassifiedFile& file : result.files) {
    text += header_line(file) + "\n";
    if (file.verdict) {
      if (file.not_required) text += diagnostics_text({*file.not_required}, annotate);
      text += diagnostics_text(file.findings, annotate);
    } else {
      text += diagnostics_text(file.diagnostics, annotate);
    }
  }
  const ClassificationTally& tally = result.tally;
  text += count_of(tally.files, "file") + " classified: " + std::to_string(tally.isolated) + " isolated_affinity, " +
          std::to_string(tally.non_isolated) + " functional_non_isolated, " + std::to_string(tally.over_claimed) +
          " over-claimed, " + std::to_string(tally.invalid) + " invalid";
  if (result.required) {
    text += ", " + std::to_string(tally.not_required) + " not " + std::string(run_class_name(*result.required)) +
            " as required";
  }
  return text + "; policy " + result.policy_name + " (sha256 " + result.policy_sha256 + ")\n";
}

std::vector<Diagnostic> classification_diagnostics(const ClassificationResult& result) {
  std::vector<Diagnostic> all = result.diagnostics;
  for (const ClassifiedFile& file : result.files) {
    if (file.verdict) {
      if (file.not_required) all.push_back(*file.not_required);
      all.insert(all.end(), file.findings.begin(), file.findings.end());
    } else {
      all.insert(all.end(), file.diagnostics.begin(), file.diagnostics.end());
    }
  }
  return all;
}

}  // namespace evident::io
