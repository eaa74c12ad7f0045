#include "io/output/classification_json.h"

#include "io/output/diagnostic_render.h"
#include "io/output/verdict_render.h"

namespace evident::io {
namespace {

nlohmann::ordered_json file_json(const ClassifiedFile& file, bool with_required) {
  nlohmann::ordered_json entry;
  entry["path"] = file.path;
  entry["valid"] = file.valid;
  entry["diagnostics"] = diagnostics_json(file.diagnostics);
  entry["verdict"] = file.verdict ? verdict_json(*file.verdict) : nlohmann::ordered_json(nullptr);
  if (with_required) {
    entry["required_class"] = file.not_required ? diagnostic_json(*file.not_required) : nlohmann::ordered_json(nullptr);
  }
  return entry;
}

}  // namespace

nlohmann::ordered_json classification_json(const ClassificationResult& result) {
  nlohmann::ordered_json report;
  report["schema_version"] = "evident/classification/1";
  report["policy"] = {
      {"name", result.policy_name}, {"version", result.policy_version}, {"sha256", result.policy_sha256}};
  if (result.required) report["require_class"] = run_class_name(*result.required);
  report["files"] = nlohmann::ordered_json::array();
  for (const ClassifiedFile& file : result.files)
    report["files"].push_back(file_json(file, result.required.has_value()));
  report["diagnostics"] = diagnostics_json(result.diagnostics);
  const ClassificationTally& tally = result.tally;
  report["summary"] = {{"files", tally.files},
                       {"isolated_affinity", tally.isolated},
                       {"functional_non_isolated", tally.non_isolated},
                       {"over_claimed", tally.over_claimed},
                       {"invalid", tally.invalid}};
  if (result.required) report["summary"]["not_required_class"] = tally.not_required;
  return report;
}

}  // namespace evident::io
