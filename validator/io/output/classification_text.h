#pragma once
// The classification result as text: the diagnostics that belong to no file, for each file its
// header line and findings, then the tally and the policy.
#include <optional>
#include <string>
#include <vector>

#include "core/classification_result.h"

namespace evident::io {

// annotate: also each error and warning as a GitHub Actions workflow command.
std::string classification_text(const ClassificationResult& result, bool annotate);

// Its parts, for writing it as the files are judged: the lines of one file (its header line, then
// its findings, or the diagnostics of why it was not classified), and the closing line (the tally
// and the policy).
std::string classified_file_text(const ClassifiedFile& file, bool annotate);
std::string classification_summary_text(const ClassificationTally& tally, std::optional<RunClass> required,
                                        const std::string& policy_name, const std::string& policy_sha256);

}  // namespace evident::io
