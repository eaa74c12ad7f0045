#include "host/busy_sampler.h"

#include <unistd.h>
#include <cmath>

#include <algorithm>

#include "host/proc_stat.h"

namespace evident::host {
namespace {

constexpr long long kernel_thread_flag = 0x00200000;  // PF_KTHREAD in field 9 of /proc/[pid]/stat

}  // namespace

BusySampler::BusySampler(HostRoot root, std::vector<int> cpus, double threshold)
    : root_(std::move(root)), cpus_(cpus.begin(), cpus.end()), threshold_(threshold) {}

void BusySampler::sample() {
  ++samples_;
  for (const std::string& pid_name : root_.list("/proc")) {
    const std::optional<long long> pid = parse_integer(pid_name);
    if (!pid || *pid <= 0 || excluded_pids_.count(*pid)) continue;
    for (const std::string& tid_name : root_.list("/proc/" + pid_name + "/task")) {
      const std::optional<long long> tid = parse_integer(tid_name);
      const Reading stat = root_.read("/proc/" + pid_name + "/task/" + tid_name + "/stat");
      if (!tid || !stat.value) continue;  // the thread ended while we looked
      const std::vector<std::string> fields = stat_fields_after_name(*stat.value);
      // Fields of proc(5), counted from 1: 3 state, 5 pgrp, 9 flags, 14 utime, 15 stime, 39 processor.
      if (fields.size() < 37) continue;
      const std::optional<long long> group = parse_integer(fields[2]);
      const std::optional<long long> flags = parse_integer(fields[6]);
      const std::optional<long long> utime = parse_integer(fields[11]);
      const std::optional<long long> stime = parse_integer(fields[12]);
      const std::optional<long long> processor = parse_integer(fields[36]);
      if (!group || !flags || !utime || !stime || !processor) continue;
      if ((*flags & kernel_thread_flag) != 0 || excluded_groups_.count(*group)) continue;
      const long long ticks = *utime + *stime;
      const auto last = last_ticks_.find(*tid);
      const long long gained = last == last_ticks_.end() ? 0 : std::max(0LL, ticks - last->second);
      last_ticks_[*tid] = ticks;
      const int cpu = static_cast<int>(*processor);
      if (!cpus_.count(cpu)) continue;
      const bool running = fields[0] == "R";
      if (gained == 0 && !running) continue;
      Job& job = jobs_[*pid];
      job.ticks += gained;
      job.seen_running = job.seen_running || running;
      job.cpus.insert(cpu);
      if (!job.identity) job.identity = identify_process(root_, pid_name, record_command_lines_);
    }
  }
}

nlohmann::json BusySampler::concurrent_jobs(double wall_seconds) const {
  nlohmann::json jobs = nlohmann::json::array();
  const double ticks_per_second = static_cast<double>(sysconf(_SC_CLK_TCK));
  for (const auto& [pid, job] : jobs_) {
    // As the schema defines it: CPU time on the CPUs it was seen on, over wall time times their number.
    const double available = wall_seconds * static_cast<double>(job.cpus.size());
    double share = available > 0 ? static_cast<double>(job.ticks) / ticks_per_second / available : 0.0;
    share = std::clamp(share, 0.0, 1.0);
    if (share < threshold_ && !job.seen_running) continue;
    nlohmann::json entry = {{"pid", pid},
                            {"comm", job.identity ? job.identity->comm : "?"},
                            {"cpu_share", static_cast<double>(std::llround(share * 10000.0)) / 10000.0},
                            {"cpus", std::vector<int>(job.cpus.begin(), job.cpus.end())}};
    if (job.identity && job.identity->command) entry["command"] = *job.identity->command;
    jobs.push_back(std::move(entry));
  }
  return jobs;
}

}  // namespace evident::host
