#pragma once
// The verdict of `evident doctor`: the classifier's host rules, with the policy's thresholds, on a
// snapshot of the host. Computed once; the text and JSON renderers (io/output) only print it.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/classification.h"
#include "core/policy.h"

namespace evident {

struct DoctorReport {
  std::vector<int> cpus;    // the CPUs judged
  std::string cpus_source;  // "--cpus", "/sys/devices/system/cpu/isolated" or "isolcpus="
  std::string policy_name;
  std::int64_t policy_version = 1;
  std::string policy_sha256;
  std::vector<RuleFinding> blockers;    // failed rules: each keeps the host from isolated runs
  std::vector<RuleFinding> advisories;  // findings that do not block
  nlohmann::json host;                  // the snapshot, an evidence "host" object
  // Whether a capture here can give each run a private /tmp (ProcessRequest::private_tmp): probed
  // only on the host itself (not below --root); why not when it cannot. Not a rule: a run without
  // it records "tmp": "tmpdir".
  bool private_tmp_probed = false;
  std::string private_tmp_problem;
  // How `capture --memory` would limit a run here ("cgroup_v2", "cgroup_v1"), with where its
  // cgroups would be made; empty with why not. Probed with private_tmp.
  std::string memory_mechanism;
  std::string memory_cgroup_parent;
  std::string memory_problem;
  // When and on which boot of the host it was taken: with host's hostname, cpu_model and
  // logical_cpus, what `import --merge-host` checks the snapshot against.
  std::string checked_at;  // RFC 3339, UTC
  nlohmann::json boot_id;  // /proc/sys/kernel/random/boot_id, or {"unreadable": ...}

  bool ready() const { return blockers.empty(); }
};

// Judges the host snapshot under the policy. The load average is read once and stands for both
// "before" and "after", so a failed load.before_* rule is said once: its load.after_* twin is
// dropped.
DoctorReport doctor_report(nlohmann::json host, std::vector<int> cpus, std::string cpus_source, const Policy& policy);

}  // namespace evident
