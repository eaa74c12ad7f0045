#include "core/validation_result.h"

#include <algorithm>
#include <set>

namespace evident {

void add_to_summary(ValidationSummary& summary, const std::vector<Diagnostic>& general) {
  for (const Diagnostic& diagnostic : general) {
    if (diagnostic.severity == Severity::error) ++summary.errors;
    if (diagnostic.severity == Severity::warning) ++summary.warnings;
  }
}

void add_to_summary(ValidationSummary& summary, const CheckedFile& file) {
  ++summary.files;
  add_to_summary(summary, file.diagnostics);
  if (has_errors(file.diagnostics)) ++summary.with_errors;
}

ValidationSummary summarise(const std::vector<CheckedFile>& files, const std::vector<Diagnostic>& general) {
  ValidationSummary summary;
  add_to_summary(summary, general);
  for (const CheckedFile& file : files) add_to_summary(summary, file);
  return summary;
}

ValidationResult validation_result(std::vector<CheckedFile> files, std::vector<Diagnostic> general) {
  std::stable_sort(files.begin(), files.end(),
                   [](const CheckedFile& a, const CheckedFile& b) { return a.path < b.path; });
  ValidationResult result{std::move(files), std::move(general), {}};
  result.summary = summarise(result.files, result.diagnostics);
  return result;
}

ExitCode exit_code_for(const ValidationResult& result) {
  std::vector<Diagnostic> all = result.diagnostics;
  for (const CheckedFile& file : result.files) all.insert(all.end(), file.diagnostics.begin(), file.diagnostics.end());
  return exit_code_for(all);
}

InputPartition partition_inputs(std::vector<std::string> files,
                                const std::function<std::string(const std::string&)>& schema_of) {
  InputPartition partition;
  std::set<std::string> descriptors;
  for (const std::string& file : files) {
    if (!file.ends_with(".csv")) continue;
    partition.tables.push_back({file, schema_of(file)});
    descriptors.insert(partition.tables.back().schema);
  }
  for (std::string& file : files) {
    if (file.ends_with(".csv") || descriptors.count(file) != 0) continue;
    (file.ends_with(".json") ? partition.json : partition.others).push_back(std::move(file));
  }
  return partition;
}

}  // namespace evident
