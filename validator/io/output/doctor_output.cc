#include "io/output/doctor_output.h"

#include "core/cpu_list.h"
#include "core/text.h"
#include "io/output/verdict_render.h"

namespace evident::io {
namespace {

using nlohmann::ordered_json;

std::string text_of(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>()
                           : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void print_finding(std::ostream& out, const char* label, const RuleFinding& finding) {
  out << label << "[" << finding.code << "]: " << finding.message;
  if (!finding.required.empty() && !finding.observed.starts_with("unreadable: ")) {
    out << " (observed " << shorten(finding.observed, 100) << ", required " << finding.required << ")";
  }
  out << " (at " << finding.pointer << ")\n";
  if (!finding.fix.empty()) out << "  fix: " << finding.fix << "\n";
}

ordered_json findings_json(const std::vector<RuleFinding>& findings) {
  ordered_json array = ordered_json::array();
  for (const RuleFinding& finding : findings) array.push_back(finding_json(finding));
  return array;
}

}  // namespace

ordered_json doctor_report_json(const DoctorReport& report) {
  ordered_json json;
  json["schema_version"] = "evident/doctor/1";
  json["ready"] = report.ready();
  json["cpus"] = report.cpus;
  json["cpus_source"] = report.cpus_source;
  json["checked_at"] = report.checked_at;
  json["boot_id"] = report.boot_id;
  json["policy"] = {{"name", report.policy_name}, {"version", report.policy_version}, {"sha256", report.policy_sha256}};
  json["blockers"] = findings_json(report.blockers);
  json["advisories"] = findings_json(report.advisories);
  json["host"] = report.host;
  if (report.private_tmp_probed) {
    json["capture"] = {{"private_tmp", report.private_tmp_problem.empty()}};
    if (!report.private_tmp_problem.empty()) json["capture"]["private_tmp_problem"] = report.private_tmp_problem;
    json["capture"]["memory_limit"] =
        report.memory_mechanism.empty() ? ordered_json() : ordered_json(report.memory_mechanism);
    if (!report.memory_cgroup_parent.empty()) json["capture"]["memory_cgroup_parent"] = report.memory_cgroup_parent;
    if (!report.memory_problem.empty()) json["capture"]["memory_limit_problem"] = report.memory_problem;
  }
  return json;
}

void render_doctor_text(std::ostream& out, const DoctorReport& report) {
  out << "host " << text_of(report.host["hostname"]) << ", CPUs " << format_cpu_list(report.cpus) << " (from "
      << report.cpus_source << "), policy " << report.policy_name << " (sha256 " << report.policy_sha256 << ")\n";
  if (report.private_tmp_probed) {
    out << (report.private_tmp_problem.empty()
                ? std::string("capture: each run gets a private /tmp (mount namespace, fresh tmpfs)")
                : "capture: no private /tmp (" + report.private_tmp_problem + "); runs get a private TMPDIR instead")
        << "\n";
    out << (report.memory_mechanism.empty() ? "capture: --memory is refused here (" + report.memory_problem +
                                                  "); --memory-rlimit limits the address space instead"
                                            : "capture: --memory limits each run with a " + report.memory_mechanism +
                                                  " cgroup below " + report.memory_cgroup_parent)
        << "\n";
  }
  for (const RuleFinding& finding : report.blockers) print_finding(out, "blocker", finding);
  for (const RuleFinding& finding : report.advisories) print_finding(out, "advisory", finding);
  out << (report.ready() ? "ready for isolated runs" : "not ready: " + count_of(report.blockers.size(), "blocker"))
      << ", " << count_of(report.advisories.size(), "advisory finding") << "\n";
}

}  // namespace evident::io
