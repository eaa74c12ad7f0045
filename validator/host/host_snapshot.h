#pragma once
// A snapshot of this host as evidence records it in "host": the facts the classifier judges, read
// through HostRoot so a fake tree stands in for the live one. The same snapshot serves `doctor`
// (before any run) and `capture` (before and after the runs).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "host/host_root.h"

namespace evident::host {

struct SnapshotRequest {
  // The CPUs the benchmark runs on. Empty: the reserved CPUs the host declares (isolated, else
  // isolcpus= on the kernel command line).
  std::vector<int> cpus;
  std::vector<std::string> runner_labels;  // --runner-label, in the order given
  // The environment, for the CI runner's identity (RUNNER_NAME, RUNNER_ENVIRONMENT).
  std::function<std::optional<std::string>(const std::string&)> environment;
  int own_pid = 0;  // left out of the busy processes (0: none)
  // Record the busy processes' command lines, not only their names (--record-command-lines).
  bool record_command_lines = false;
};

struct HostSnapshot {
  nlohmann::json host;      // an evidence "host" object
  std::vector<int> cpus;    // the CPUs judged (the affinity)
  std::string cpus_source;  // "--cpus", "/sys/devices/system/cpu/isolated", "isolcpus=" or "" (none)
};

// The reserved CPUs the host declares: /sys/devices/system/cpu/isolated, else isolcpus= of
// /proc/cmdline. Nothing when neither names a CPU.
std::optional<std::pair<std::vector<int>, std::string>> declared_reserved_cpus(const HostRoot& root);

HostSnapshot snapshot_host(const HostRoot& root, const SnapshotRequest& request);

// This boot of the host: /proc/sys/kernel/random/boot_id, or the unreadable object.
nlohmann::json read_boot_id(const HostRoot& root);

// The load average triplet of /proc/loadavg, or the unreadable object.
nlohmann::json read_load_average(const HostRoot& root);

// Processes running (state R) on one of cpus, from /proc/[pid]/stat, as concurrent_jobs entries:
// pid and comm, and the command line only with record_command_lines.
nlohmann::json busy_processes(const HostRoot& root, const std::vector<int>& cpus, int own_pid,
                              bool record_command_lines);

}  // namespace evident::host
