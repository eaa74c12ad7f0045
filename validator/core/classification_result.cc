#include "core/classification_result.h"

#include <algorithm>

namespace evident {

void count_file(ClassificationTally& counts, const ClassifiedFile& file) {
  ++counts.files;
  if (!file.verdict) {
    ++counts.invalid;
    return;
  }
  ++(file.verdict->derived == RunClass::isolated_affinity ? counts.isolated : counts.non_isolated);
  if (verdict_fails(*file.verdict)) ++counts.over_claimed;
  if (file.not_required) ++counts.not_required;
}

ClassificationTally tally(const std::vector<ClassifiedFile>& files) {
  ClassificationTally counts;
  for (const ClassifiedFile& file : files) count_file(counts, file);
  return counts;
}

std::vector<Diagnostic> reported_diagnostics(const ClassifiedFile& file) {
  if (!file.verdict) return file.diagnostics;
  std::vector<Diagnostic> reported;
  if (file.not_required) reported.push_back(*file.not_required);
  reported.insert(reported.end(), file.findings.begin(), file.findings.end());
  return reported;
}

std::string header_line(const ClassifiedFile& file) {
  if (!file.verdict)
    return file.path + ": not classified: " + (file.valid ? "not an evidence file" : "invalid evidence");
  const Verdict& verdict = *file.verdict;
  return file.path + ": claimed " +
         (verdict.claimed ? std::string(run_class_name(*verdict.claimed)) : std::string("nothing")) + ", derived " +
         std::string(run_class_name(verdict.derived));
}

ExitCode exit_code_for(const ClassifiedFile& file) {
  const ExitCode own = exit_code_for(file.verdict ? file.findings : file.diagnostics);
  return file.not_required ? std::max(own, exit_code_for({*file.not_required})) : own;
}

ExitCode exit_code_for(const ClassificationResult& result) {
  ExitCode code = exit_code_for(result.diagnostics);
  for (const ClassifiedFile& file : result.files) code = std::max(code, exit_code_for(file));
  return code;
}

}  // namespace evident
