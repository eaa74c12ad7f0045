#include "io/output/baseline_output.h"

#include "core/text.h"
#include "io/output/diagnostic_render.h"

namespace evident::io {
namespace {

using nlohmann::ordered_json;

std::string number(const std::optional<double>& value) { return value ? format_number(*value) : "-"; }

ordered_json number_json(const std::optional<double>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

void print_diff(std::ostream& out, const std::vector<BaselineChange>& changes) {
  out << "changes against the existing baseline:\n";
  for (const BaselineChange& change : changes) {
    out << "  " << change.id << ": " << number(change.before) << " -> " << number(change.after) << " (" << change.change
        << ")\n";
  }
  if (changes.empty()) out << "  (no metric changed)\n";
}

ordered_json changes_json(const std::vector<BaselineChange>& changes) {
  ordered_json array = ordered_json::array();
  for (const BaselineChange& change : changes) {
    array.push_back({{"id", change.id},
                     {"before", number_json(change.before)},
                     {"after", number_json(change.after)},
                     {"change", change.change}});
  }
  return array;
}

}  // namespace

ordered_json baseline_report_json(const BaselineReport& report) {
  ordered_json json;
  json["schema_version"] = "evident/baseline-result/1";
  json["written"] = report.written;
  json["output"] = report.output;
  json["metrics"] = report.baseline.entries.size();
  json["sources"] = ordered_json::array();
  for (const BaselineSource& source : report.baseline.sources) {
    json["sources"].push_back({{"path", source.path}, {"sha256", source.sha256}});
  }
  if (report.changes) json["changes"] = changes_json(*report.changes);
  json["diagnostics"] = diagnostics_json(report.problems);
  return json;
}

void render_baseline_text(std::ostream& out, const BaselineReport& report, const DiagnosticSink& diagnostics) {
  if (!report.made()) {
    diagnostics(report.problems);
    if (exit_code_for(report.problems) == ExitCode::cannot_run) return;
    out << "no baseline written: "
        << (report.problems.empty() ? "the evidence holds no metric" : "fix the evidence above first") << "\n";
    return;
  }
  if (report.changes) {
    print_diff(out, *report.changes);
  } else if (report.replaces) {
    out << report.output << " exists but is not a readable baseline; no diff shown\n";
  }
  if (report.written) {
    out << "wrote " << report.output << ": " << count_of(report.baseline.entries.size(), "metric") << " from "
        << count_of(report.baseline.sources.size(), "evidence file") << "\n";
  }
}

}  // namespace evident::io
