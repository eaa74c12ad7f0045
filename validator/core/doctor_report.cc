#include "core/doctor_report.h"

#include <algorithm>

namespace evident {

DoctorReport doctor_report(nlohmann::json host, std::vector<int> cpus, std::string cpus_source, const Policy& policy) {
  Verdict verdict = classify_host(host, policy);
  // Among the blockers, and among the advisories when the policy made the load rules advisory.
  for (std::vector<RuleFinding>* findings : {&verdict.failed_rules, &verdict.advisories}) {
    const auto before_found = [](const RuleFinding& f) { return f.code.starts_with("load.before_"); };
    if (std::any_of(findings->begin(), findings->end(), before_found)) {
      std::erase_if(*findings, [](const RuleFinding& f) { return f.code.starts_with("load.after_"); });
    }
  }
  DoctorReport report;
  report.cpus = std::move(cpus);
  report.cpus_source = std::move(cpus_source);
  report.policy_name = policy.name;
  report.policy_version = policy.version;
  report.policy_sha256 = policy.sha256;
  report.blockers = std::move(verdict.failed_rules);
  report.advisories = std::move(verdict.advisories);
  report.host = std::move(host);
  return report;
}

}  // namespace evident
