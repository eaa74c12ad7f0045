#pragma once
// The result of `evident classify`: per file its path, validity, diagnostics and verdict, the
// diagnostics that belong to no file, and the tally. Plain values; the JSON report
// (io/output/classification_json) and the text are rendered from it.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/classification.h"
#include "core/diagnostic.h"

namespace evident {

struct ClassifiedFile {
  std::string path;
  bool valid = false;
  std::vector<Diagnostic> diagnostics;     // of its validation; classification.not_evidence for another kind
  std::optional<Verdict> verdict;          // for valid evidence
  std::vector<Diagnostic> findings;        // the verdict's findings, located at their facts
  std::optional<Diagnostic> not_required;  // with a required class: the run derives another
};

struct ClassificationTally {
  std::size_t files = 0, isolated = 0, non_isolated = 0, over_claimed = 0, invalid = 0, not_required = 0;
  friend bool operator==(const ClassificationTally&, const ClassificationTally&) = default;
};

struct ClassificationResult {
  std::string policy_name;
  std::int64_t policy_version = 1;
  std::string policy_sha256;
  std::optional<RunClass> required;
  std::vector<ClassifiedFile> files;
  std::vector<Diagnostic> diagnostics;  // belonging to no classified file
  ClassificationTally tally;
};

ClassificationTally tally(const std::vector<ClassifiedFile>& files);

// Adds one file to the counts, as tally() counts each.
void count_file(ClassificationTally& counts, const ClassifiedFile& file);

// What a file reports: a classified file whether it is of the required class and its verdict's
// findings, any other file its validation's diagnostics.
std::vector<Diagnostic> reported_diagnostics(const ClassifiedFile& file);

// "PATH: claimed C, derived D", or why the file was not classified.
std::string header_line(const ClassifiedFile& file);

// The exit code the result calls for: a classified file fails by its findings and required class,
// any other file by its validation.
ExitCode exit_code_for(const ClassificationResult& result);

// What one file makes of the exit code: a failing verdict, invalid evidence or a run that is not
// of the required class fail; the result's exit code is the worst of its files' and of its
// diagnostics'.
ExitCode exit_code_for(const ClassifiedFile& file);

}  // namespace evident
