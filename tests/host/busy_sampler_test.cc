#include "host/busy_sampler.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace evident::host {
namespace {

namespace fs = std::filesystem;

// A /proc/[pid]/stat line with the fields the sampler reads: 3 state, 5 pgrp, 9 flags, 14 utime,
// 15 stime, 39 processor; every other field 0.
std::string stat_line(long long pid, const std::string& name, char state, long long group, long long flags,
                      long long utime, long long stime, int processor) {
  std::string line = std::to_string(pid) + " (" + name + ") " + state;
  for (int field = 4; field <= 52; ++field) {
    long long value = 0;
    if (field == 5) value = group;
    if (field == 9) value = flags;
    if (field == 14) value = utime;
    if (field == 15) value = stime;
    if (field == 39) value = processor;
    line += " " + std::to_string(value);
  }
  return line + "\n";
}

class BusySamplerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("evident-sampler-test-" + std::to_string(::getpid()));
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  void thread(long long pid, long long tid, const std::string& name, char state, long long group, long long flags,
              long long ticks, int processor, const std::string& cmdline = "") {
    const fs::path task = root_ / "proc" / std::to_string(pid) / "task" / std::to_string(tid);
    fs::create_directories(task);
    std::ofstream(task / "stat") << stat_line(tid, name, state, group, flags, ticks, 0, processor);
    std::ofstream(root_ / "proc" / std::to_string(pid) / "stat")
        << stat_line(pid, name, state, group, flags, ticks, 0, processor);
    std::ofstream(root_ / "proc" / std::to_string(pid) / "cmdline") << cmdline;
  }
  fs::path root_;
};

TEST_F(BusySamplerTest, ChargesCpuTimeGainedOnABenchmarkCpuAndLeavesOutTheExcluded) {
  const long long ticks_per_second = sysconf(_SC_CLK_TCK);
  thread(10, 10, "make", 'S', 10, 0, 0, 2, std::string("make\0-j8", 8));
  thread(20, 20, "bench", 'R', 20, 0, 0, 2);                // the benchmark's group
  thread(30, 30, "kworker/2:1", 'R', 0, 0x00200000, 0, 2);  // a kernel thread
  thread(40, 40, "editor", 'S', 40, 0, 0, 0);               // elsewhere
  BusySampler sampler{HostRoot(root_), {2}, 0.01};
  sampler.exclude_process_group(20);
  sampler.sample();
  // One second later make has used half a second on CPU 2; the others ran too, but do not count.
  thread(10, 10, "make", 'S', 10, 0, ticks_per_second / 2, 2, std::string("make\0-j8", 8));
  thread(20, 20, "bench", 'R', 20, 0, ticks_per_second, 2);
  thread(30, 30, "kworker/2:1", 'R', 0, 0x00200000, ticks_per_second, 2);
  thread(40, 40, "editor", 'S', 40, 0, ticks_per_second, 0);
  sampler.sample();
  EXPECT_EQ(sampler.samples(), 2U);
  EXPECT_EQ(sampler.concurrent_jobs(1.0).dump(), R"([{"comm":"make","cpu_share":0.5,"cpus":[2],"pid":10}])");
}

TEST_F(BusySamplerTest, RecordsCommandLinesOnlyOnRequest) {
  thread(10, 10, "psql", 'R', 10, 0, 0, 2, std::string("psql\0postgresql://u:secret@db/x", 31));
  BusySampler sampler{HostRoot(root_), {2}, 0.01};
  sampler.sample();
  EXPECT_EQ(sampler.concurrent_jobs(1.0).dump(), R"([{"comm":"psql","cpu_share":0.0,"cpus":[2],"pid":10}])");
  BusySampler recording{HostRoot(root_), {2}, 0.01};
  recording.record_command_lines(true);
  recording.sample();
  EXPECT_EQ(recording.concurrent_jobs(1.0).dump(),
            R"([{"comm":"psql","command":"psql postgresql://u:secret@db/x","cpu_share":0.0,"cpus":[2],"pid":10}])");
}

TEST_F(BusySamplerTest, AProcessSeenRunningIsReportedEvenBelowTheThreshold) {
  thread(50, 51, "spin", 'R', 50, 0, 0, 3);
  BusySampler sampler{HostRoot(root_), {2, 3}, 0.01};
  sampler.sample();
  EXPECT_EQ(sampler.concurrent_jobs(10.0).dump(), R"([{"comm":"spin","cpu_share":0.0,"cpus":[3],"pid":50}])");
}

TEST_F(BusySamplerTest, NothingElseOnTheCpusIsAnEmptyList) {
  thread(60, 60, "idle", 'S', 60, 0, 5, 2);
  BusySampler sampler{HostRoot(root_), {2}, 0.01};
  sampler.exclude_pid(60);
  sampler.sample();
  sampler.sample();
  EXPECT_EQ(sampler.concurrent_jobs(1.0).dump(), "[]");
}

}  // namespace
}  // namespace evident::host
