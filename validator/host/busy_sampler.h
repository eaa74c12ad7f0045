#pragma once
// Which other processes used the benchmark CPUs while a capture ran: every thread of /proc is
// looked at on each sample; CPU time a thread gains while it sits on a benchmark CPU is charged to
// its process. A sampling estimate, documented in docs/capture.md: a thread that ran on a
// benchmark CPU only between two samples goes unseen.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "host/host_root.h"
#include "host/proc_stat.h"

namespace evident::host {

class BusySampler {
 public:
  // threshold: the smallest cpu_share reported (0.01: 1% of the benchmark CPUs' time).
  BusySampler(HostRoot root, std::vector<int> cpus, double threshold);

  // Never charged: evident itself, and the benchmark (its process group).
  void exclude_pid(long long pid) { excluded_pids_.insert(pid); }
  void exclude_process_group(long long pgid) { excluded_groups_.insert(pgid); }
  // Record command lines beside the names (--record-command-lines); off by default.
  void record_command_lines(bool record) { record_command_lines_ = record; }

  void sample();

  // concurrent_jobs entries, by pid: every process whose share of the time of the benchmark CPUs it
  // was seen on, over wall_seconds (the sampled span), reached the threshold, or that was seen running (state R) on one
  // at a sample. Kernel threads are not jobs: the per-CPU ones run everywhere by design.
  nlohmann::json concurrent_jobs(double wall_seconds) const;

  std::size_t samples() const { return samples_; }

 private:
  struct Job {
    long long ticks = 0;  // CPU time charged, in clock ticks
    bool seen_running = false;
    std::set<int> cpus;
    std::optional<ProcessIdentity> identity;
  };
  HostRoot root_;
  std::set<int> cpus_;
  double threshold_;
  bool record_command_lines_ = false;
  std::set<long long> excluded_pids_;
  std::set<long long> excluded_groups_;
  std::map<long long, long long> last_ticks_;  // by thread id
  std::map<long long, Job> jobs_;              // by process id
  std::size_t samples_ = 0;
};

}  // namespace evident::host
