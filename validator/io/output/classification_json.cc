#include "io/output/classification_json.h"

#include <cstddef>
#include <string_view>

#include "io/output/diagnostic_render.h"
#include "io/output/verdict_render.h"

namespace evident::io {
namespace {

nlohmann::ordered_json head_json(const std::string& policy_name, std::int64_t policy_version,
                                 const std::string& policy_sha256, std::optional<RunClass> required) {
  nlohmann::ordered_json report;
  report["schema_version"] = "evident/classification/1";
  report["policy"] = {{"name", policy_name}, {"version", policy_version}, {"sha256", policy_sha256}};
  if (required) report["require_class"] = run_class_name(*required);
  return report;
}

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

// The members after the files.
void add_tail(nlohmann::ordered_json& report, const std::vector<Diagnostic>& diagnostics,
              const ClassificationTally& tally, bool with_required) {
  report["diagnostics"] = diagnostics_json(diagnostics);
  report["summary"] = {{"files", tally.files},
                       {"isolated_affinity", tally.isolated},
                       {"functional_non_isolated", tally.non_isolated},
                       {"over_claimed", tally.over_claimed},
                       {"invalid", tally.invalid}};
  if (with_required) report["summary"]["not_required_class"] = tally.not_required;
}

// A value as `--format json` prints it: an indent of 2, invalid UTF-8 replaced.
std::string dumped(const nlohmann::ordered_json& value) {
  return value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

nlohmann::ordered_json classification_json(const ClassificationResult& result) {
  nlohmann::ordered_json report =
      head_json(result.policy_name, result.policy_version, result.policy_sha256, result.required);
  report["files"] = nlohmann::ordered_json::array();
  for (const ClassifiedFile& file : result.files)
    report["files"].push_back(file_json(file, result.required.has_value()));
  add_tail(report, result.diagnostics, result.tally, result.required.has_value());
  return report;
}

ClassificationJsonWriter::ClassificationJsonWriter(std::ostream& out, const std::string& policy_name,
                                                   std::int64_t policy_version, const std::string& policy_sha256,
                                                   std::optional<RunClass> required)
    : out_(out), with_required_(required.has_value()) {
  // The head's members, without the brace that closes them: "{\n  ...\n}".
  const std::string head = dumped(head_json(policy_name, policy_version, policy_sha256, required));
  out_ << std::string_view(head).substr(0, head.size() - 2) << ",\n  \"files\": [";
}

void ClassificationJsonWriter::add(const ClassifiedFile& file) {
  // An element of "files" stands two levels deep: each of its lines indented by four more spaces.
  const std::string entry = dumped(file_json(file, with_required_));
  out_ << (any_file_ ? ",\n    " : "\n    ");
  std::size_t start = 0;
  for (std::size_t end = entry.find('\n'); end != std::string::npos; end = entry.find('\n', start)) {
    out_ << std::string_view(entry).substr(start, end + 1 - start) << "    ";
    start = end + 1;
  }
  out_ << std::string_view(entry).substr(start);
  any_file_ = true;
}

void ClassificationJsonWriter::finish(const std::vector<Diagnostic>& diagnostics, const ClassificationTally& tally) {
  out_ << (any_file_ ? "\n  ]" : "]");
  // The tail's members, without the brace that opens them: "{\n  ...\n}".
  nlohmann::ordered_json tail;
  add_tail(tail, diagnostics, tally, with_required_);
  const std::string members = dumped(tail);
  out_ << ",\n" << std::string_view(members).substr(2) << "\n";
}

}  // namespace evident::io
