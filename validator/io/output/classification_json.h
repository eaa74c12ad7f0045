#pragma once
// The classification result as the JSON report "evident/classification/1"
// (schemas/classification.schema.json), whole or written as the files come.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/classification_result.h"

namespace evident::io {

nlohmann::ordered_json classification_json(const ClassificationResult& result);

// The same report written file by file, so that no file's verdict is kept: the bytes are those of
// classification_json() dumped with an indent of 2 (as `--format json` prints a result) for the same
// files in the same order, with the diagnostics and counts given at the end.
class ClassificationJsonWriter {
 public:
  ClassificationJsonWriter(std::ostream& out, const std::string& policy_name, std::int64_t policy_version,
                           const std::string& policy_sha256, std::optional<RunClass> required);
  void add(const ClassifiedFile& file);
  void finish(const std::vector<Diagnostic>& diagnostics, const ClassificationTally& tally);

 private:
  std::ostream& out_;
  bool with_required_;
  bool any_file_ = false;
};

}  // namespace evident::io
