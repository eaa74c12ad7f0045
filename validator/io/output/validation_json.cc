#include "io/output/validation_json.h"

#include "io/output/diagnostic_render.h"

namespace evident::io {

nlohmann::ordered_json checked_file_json(const CheckedFile& checked) {
  nlohmann::ordered_json file;
  file["path"] = checked.path;
  file["kind"] = checked.kind.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(checked.kind);
  file["valid"] = checked.valid;
  file["diagnostics"] = diagnostics_json(checked.diagnostics);
  return file;
}

nlohmann::ordered_json validation_json(const ValidationResult& result) {
  nlohmann::ordered_json report;
  report["schema_version"] = "evident/validation/1";
  report["files"] = nlohmann::ordered_json::array();
  for (const CheckedFile& checked : result.files) report["files"].push_back(checked_file_json(checked));
  report["diagnostics"] = diagnostics_json(result.diagnostics);
  const ValidationSummary& summary = result.summary;
  report["summary"] = {{"files", summary.files},
                       {"with_errors", summary.with_errors},
                       {"errors", summary.errors},
                       {"warnings", summary.warnings}};
  return report;
}

}  // namespace evident::io
