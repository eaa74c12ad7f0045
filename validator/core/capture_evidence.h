#pragma once
// The evidence `evident capture` writes, assembled from what the host layer measured: the host
// snapshot before the runs, the readings after, each run's outcome, and the classification the
// policy derives from all of it. Values in, a document out; docs/capture.md describes each field.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/policy.h"

namespace evident {

// One execution of the benchmark command.
struct CapturedRun {
  bool warmup = false;
  std::optional<int> exit_code;
  std::optional<int> signal;
  bool timed_out = false;
  double wall_seconds = 0, user_seconds = 0, sys_seconds = 0;
  std::uint64_t max_rss_bytes = 0;
  std::int64_t voluntary_context_switches = 0, involuntary_context_switches = 0;
  nlohmann::json affinity;   // the child's real Cpus_allowed_list (array), or {"unreadable": ...}
  nlohmann::json scheduler;  // the child's real policy, or {"unreadable": ...}
  std::string tmp;           // "private_mount" or "tmpdir"; empty: not recorded
  // The memory limit that applied: "cgroup_v2", "cgroup_v1" or "rlimit_as" with its bytes (as the
  // kernel holds it); empty: none.
  std::string memory_mechanism;
  std::uint64_t memory_limit_bytes = 0;
  // A cgroup's peak of the run, or why there is none (recorded {"unreadable": ...}); neither
  // without a cgroup.
  std::optional<std::uint64_t> memory_peak_bytes;
  std::string memory_peak_problem;
  bool oom_killed = false;  // the OOM killer ended a process of the run at the cgroup's limit
  bool succeeded() const { return exit_code == 0 && !signal && !timed_out && !oom_killed; }
};

struct CaptureInput {
  std::string suite = "capture";
  std::string profile;  // empty: none recorded
  std::string benchmark;
  std::vector<std::string> command;
  std::string captured_at;  // RFC 3339, when the first run started
  std::string producer_version;
  nlohmann::json host;             // the snapshot before the runs (evidence "host")
  nlohmann::json load_after;       // /proc/loadavg after the last run, or {"unreadable": ...}
  nlohmann::json concurrent_jobs;  // from sampling during the runs, or {"unreadable": ...}
  std::vector<CapturedRun> runs;   // in execution order, warm-up runs first
  nlohmann::json settings;  // what was asked for (runs, warmup, cpus, fifo, limits, cleanup), kept as an extension
};

// The evidence document: host.affinity and host.scheduler are what the benchmark process really
// had (the first measured run's readings; a disagreement between runs is kept per run), the
// metrics are wall_time, user_time, sys_time (s) and max_rss (bytes) with one sample per measured
// run that succeeded, status is "failed" when any run did not, and the claim is the class the
// policy derives: capture never claims more than its own readings support.
nlohmann::ordered_json capture_evidence(const CaptureInput& input, const Policy& policy);

}  // namespace evident
