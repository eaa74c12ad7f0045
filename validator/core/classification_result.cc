#include "core/classification_result.h"

namespace evident {

ClassificationTally tally(const std::vector<ClassifiedFile>& files) {
  ClassificationTally counts;
  for (const ClassifiedFile& file : files) {
    ++counts.files;
    if (!file.verdict) {
      ++counts.invalid;
      continue;
    }
    ++(file.verdict->derived == RunClass::isolated_affinity ? counts.isolated : counts.non_isolated);
    if (verdict_fails(*file.verdict)) ++counts.over_claimed;
    if (file.not_required) ++counts.not_required;
  }
  return counts;
}

std::string header_line(const ClassifiedFile& file) {
  if (!file.verdict)
    return file.path + ": not classified: " + (file.valid ? "not an evidence file" : "invalid evidence");
  const Verdict& verdict = *file.verdict;
  return file.path + ": claimed " +
         (verdict.claimed ? std::string(run_class_name(*verdict.claimed)) : std::string("nothing")) + ", derived " +
         std::string(run_class_name(verdict.derived));
}

ExitCode exit_code_for(const ClassificationResult& result) {
  std::vector<Diagnostic> all = result.diagnostics;
  for (const ClassifiedFile& file : result.files) {
    const std::vector<Diagnostic>& failing = file.verdict ? file.findings : file.diagnostics;
    all.insert(all.end(), failing.begin(), failing.end());
    if (file.not_required) all.push_back(*file.not_required);
  }
  return exit_code_for(all);
}

}  // namespace evident
