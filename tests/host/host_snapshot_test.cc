#include "host/host_snapshot.h"

#include <gtest/gtest.h>

namespace evident::host {
namespace {

using nlohmann::json;

HostRoot fixture(const std::string& name) {
  return HostRoot(std::string(EVIDENT_SOURCE_DIR) + "/fixtures/hosts/" + name);
}

TEST(HostRoot, ReadsWithoutTrailingNewline) {
  EXPECT_EQ(fixture("tuned-isolated").read("/proc/sys/kernel/hostname").value, "bench-01");
}

TEST(HostRoot, SaysWhyAReadingFailedWithTheHostPath) {
  const Reading reading = fixture("vm-no-cpufreq").read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
  EXPECT_EQ(reading.value, std::nullopt);
  EXPECT_EQ(reading.reason, "ENOENT: /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
}

TEST(HostSnapshot, TunedHostTakesItsIsolatedCpus) {
  const HostSnapshot snapshot = snapshot_host(fixture("tuned-isolated"), {});
  EXPECT_EQ(snapshot.cpus, std::vector<int>({2, 6}));
  EXPECT_EQ(snapshot.cpus_source, "/sys/devices/system/cpu/isolated");
  const json& host = snapshot.host;
  EXPECT_EQ(host["affinity"], json({2, 6}));
  EXPECT_EQ(host["reserved_cpus"], json({2, 6}));
  EXPECT_EQ(host["isolcpus"], json({2, 6}));
  EXPECT_EQ(host["nohz_full"], json({2, 6}));
  EXPECT_EQ(host["boost"], "disabled");
  EXPECT_EQ(host["aslr"], 0);
  EXPECT_EQ(host["logical_cpus"], 8);
  EXPECT_EQ(host["memory_bytes"], 65843012LL * 1024);
  EXPECT_EQ(host["cpu_model"], "AMD EPYC 7B13");
  EXPECT_EQ(host["os"], "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(host["load_avg"]["before"], json({0.12, 0.20, 0.18}));
  EXPECT_EQ(host["concurrent_jobs"], json::array());
  ASSERT_EQ(host["cpus"].size(), 2U);
  EXPECT_EQ(host["cpus"][0], json({{"id", 2},
                                   {"online", true},
                                   {"scaling_driver", "acpi-cpufreq"},
                                   {"governor", "performance"},
                                   {"frequency_khz", 3000000},
                                   {"min_khz", 3000000},
                                   {"max_khz", 3000000},
                                   {"smt_siblings", {2, 6}}}));
}

TEST(HostSnapshot, CpusFlagOverridesTheDeclaredOnesAndSiblingsAreDescribed) {
  SnapshotRequest request;
  request.cpus = {3};
  const HostSnapshot snapshot = snapshot_host(fixture("tuned-isolated"), request);
  EXPECT_EQ(snapshot.cpus_source, "--cpus");
  EXPECT_EQ(snapshot.host["affinity"], json({3}));
  // --cpus chooses the CPUs examined; the reservation stays the host's own.
  EXPECT_EQ(snapshot.host["reserved_cpus"], json({2, 6}));
  ASSERT_EQ(snapshot.host["cpus"].size(), 2U);
  EXPECT_EQ(snapshot.host["cpus"][1]["id"], 7);
}

TEST(HostSnapshot, HostWithoutAReservationIsTakenAtTheCpusFlag) {
  SnapshotRequest request;
  request.cpus = {2};
  const HostSnapshot snapshot = snapshot_host(fixture("laptop-powersave"), request);
  EXPECT_EQ(snapshot.host["affinity"], json({2}));
  EXPECT_EQ(snapshot.host["reserved_cpus"], json({2}));
}

TEST(HostSnapshot, VmWithoutCpufreqRecordsUnreadableReadings) {
  SnapshotRequest request;
  request.cpus = {1};
  const json host = snapshot_host(fixture("vm-no-cpufreq"), request).host;
  EXPECT_EQ(host["cpus"][0]["governor"],
            json({{"unreadable", "ENOENT: /sys/devices/system/cpu/cpu1/cpufreq/scaling_governor"}}));
  EXPECT_EQ(host["cpus"][0]["frequency_khz"],
            json({{"unreadable", "ENOENT: /sys/devices/system/cpu/cpu1/cpufreq/scaling_cur_freq"}}));
  EXPECT_EQ(host["boost"], json({{"unreadable",
                                  "ENOENT: /sys/devices/system/cpu/cpufreq/boost; "
                                  "ENOENT: /sys/devices/system/cpu/intel_pstate/no_turbo"}}));
  EXPECT_EQ(host["isolcpus"], json::array());
}

TEST(HostSnapshot, NoDeclaredCpusLeavesAffinityAbsent) {
  const HostSnapshot snapshot = snapshot_host(fixture("laptop-powersave"), {});
  EXPECT_TRUE(snapshot.cpus.empty());
  EXPECT_FALSE(snapshot.host.contains("affinity"));
  EXPECT_EQ(snapshot.host["reserved_cpus"], json::array());
}

TEST(HostSnapshot, IntelPstateNoTurboZeroMeansBoostEnabled) {
  EXPECT_EQ(snapshot_host(fixture("laptop-powersave"), {}).host["boost"], "enabled");
}

TEST(HostSnapshot, BusyCompileOnAReservedCpuIsAConcurrentJobByName) {
  const json jobs = snapshot_host(fixture("busy-compile"), {}).host["concurrent_jobs"];
  ASSERT_EQ(jobs.size(), 1U);
  EXPECT_EQ(jobs[0], json({{"pid", 4242}, {"comm", "cc1plus"}, {"cpus", {2}}}));
}

TEST(HostSnapshot, CommandLinesOnlyOnRequest) {
  SnapshotRequest request;
  request.record_command_lines = true;
  const json jobs = snapshot_host(fixture("busy-compile"), request).host["concurrent_jobs"];
  ASSERT_EQ(jobs.size(), 1U);
  EXPECT_EQ(jobs[0], json({{"pid", 4242},
                           {"comm", "cc1plus"},
                           {"command", "/usr/lib/gcc/x86_64-linux-gnu/12/cc1plus -quiet big.cc -O2"},
                           {"cpus", {2}}}));
}

TEST(HostSnapshot, EveryThreadOfAProcessCounts) {
  SnapshotRequest request;
  request.cpus = {3};
  const json jobs = snapshot_host(fixture("laptop-powersave"), request).host["concurrent_jobs"];
  ASSERT_EQ(jobs.size(), 1U);
  EXPECT_EQ(jobs[0]["pid"], 23001);
  EXPECT_EQ(jobs[0]["cpus"], json({3}));
}

TEST(HostSnapshot, OwnProcessIsLeftOut) {
  SnapshotRequest request;
  request.own_pid = 4242;
  EXPECT_EQ(snapshot_host(fixture("busy-compile"), request).host["concurrent_jobs"], json::array());
}

TEST(HostSnapshot, RunnerIdentityFromEnvironmentAndLabels) {
  SnapshotRequest request;
  request.runner_labels = {"self-hosted", "isolated-benchmark", "self-hosted"};
  request.environment = [](const std::string& name) -> std::optional<std::string> {
    if (name == "RUNNER_NAME") return "bench-runner-7";
    return std::nullopt;
  };
  const json runner = snapshot_host(fixture("tuned-isolated"), request).host["runner"];
  EXPECT_EQ(
      runner,
      json({{"name", "bench-runner-7"}, {"self_hosted", true}, {"labels", {"self-hosted", "isolated-benchmark"}}}));
}

TEST(HostSnapshot, GithubHostedRunnerIsNotSelfHostedWhateverTheLabels) {
  SnapshotRequest request;
  request.runner_labels = {"self-hosted"};
  request.environment = [](const std::string& name) -> std::optional<std::string> {
    if (name == "RUNNER_ENVIRONMENT") return "github-hosted";
    return std::nullopt;
  };
  EXPECT_EQ(snapshot_host(fixture("tuned-isolated"), request).host["runner"]["self_hosted"], false);
}

TEST(DeclaredReservedCpus, NoneOnAHostWithoutIsolationOtherwiseTheIsolatedList) {
  EXPECT_EQ(declared_reserved_cpus(fixture("vm-no-cpufreq")), std::nullopt);
  const auto declared = declared_reserved_cpus(fixture("smt-unreserved"));
  ASSERT_TRUE(declared.has_value());
  EXPECT_EQ(declared->first, std::vector<int>({2}));
}

}  // namespace
}  // namespace evident::host
