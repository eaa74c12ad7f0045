// `evident capture` through its command function, against real child processes: the refusal to
// overwrite, the lock, pinning read back by the child itself, failures kept in the evidence, the
// cleanup that runs also on failure, and evidence that validate and classify accept. Host facts
// come from a fake tree (--root) so the classification does not depend on the machine.
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/command_runner.h"
#include "host/cpu_lock.h"

namespace evident::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using test_support::CliRun;
using test_support::read_file;
using test_support::run_command;

class CaptureCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("evident-capture-test-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_ / "locks");
  }
  void TearDown() override { fs::remove_all(directory_); }

  // capture on CPU 0 with the facts of the fake VM tree, locks in the test's directory.
  CliRun capture(std::vector<std::string> options, const std::vector<std::string>& command,
                 const std::map<std::string, std::string>& environment = {}) {
    std::vector<std::string> arguments{"--root",     "fixtures/hosts/vm-no-cpufreq",  "--cpus",   "0",
                                       "--lock-dir", (directory_ / "locks").string(), "--output", output().string()};
    arguments.insert(arguments.end(), options.begin(), options.end());
    arguments.push_back("--");
    arguments.insert(arguments.end(), command.begin(), command.end());
    return run_command("capture", arguments, environment);
  }
  fs::path output() const { return directory_ / "evidence.json"; }
  // A fake root for EVIDENT_TEST_CGROUP_ROOT: the process's mount table and cgroups, and one file
  // of the cgroup hierarchy (a host path) with its text.
  fs::path cgroup_root(const std::string& mountinfo, const std::string& self_cgroup, const std::string& file,
                       const std::string& text) const {
    const fs::path root = directory_ / "cgroup-root";
    const fs::path file_path = root / fs::path(file).relative_path();
    fs::create_directories(root / "proc/self");
    fs::create_directories(file_path.parent_path());
    std::ofstream(root / "proc/self/mountinfo") << mountinfo;
    std::ofstream(root / "proc/self/cgroup") << self_cgroup;
    std::ofstream(file_path) << text;
    return root;
  }
  json evidence() const { return json::parse(read_file(output())); }

  fs::path directory_;
};

TEST_F(CaptureCommand, WritesEvidenceThatValidateAndClassifyAccept) {
  const CliRun run = capture({"--runs", "3", "--warmup", "1", "--suite", "engine", "--benchmark", "noop"}, {"true"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json document = evidence();
  EXPECT_EQ(document["schema_version"], "evident/evidence/1");
  EXPECT_EQ(document["status"], "passed");
  EXPECT_EQ(document["command"], json::array({"true"}));
  EXPECT_EQ(document["suite"]["name"], "engine");
  EXPECT_EQ(document["runs"].size(), 4U);
  EXPECT_EQ(document["runs"][0]["warmup"], true);
  EXPECT_FALSE(document["runs"][1].contains("warmup"));
  EXPECT_EQ(document["runs"][3]["index"], 3);
  EXPECT_EQ(document["runs"][3]["exit_code"], 0);
  EXPECT_EQ(document["runs"][3]["affinity"], json::array({0}));
  const json& metrics = document["benchmarks"][0]["metrics"];
  EXPECT_EQ(document["benchmarks"][0]["name"], "noop");
  EXPECT_EQ(metrics[0]["name"], "wall_time");
  EXPECT_EQ(metrics[0]["unit"], "s");
  EXPECT_EQ(metrics[0]["samples"].size(), 3U);
  EXPECT_EQ(metrics[3]["name"], "max_rss");
  EXPECT_EQ(metrics[3]["unit"], "bytes");
  EXPECT_EQ(document["host"]["affinity"], json::array({0}));
  // The fake VM has no cpufreq: honest evidence of a functional, not an isolated, run.
  EXPECT_EQ(document["classification"], "functional_non_isolated");
  EXPECT_NE(run.out.find("classified functional_non_isolated"), std::string::npos);
  EXPECT_NE(run.out.find("because governor.unreadable"), std::string::npos);
  EXPECT_EQ(run_command("validate", {output().string()}).exit_code, 0);
  EXPECT_EQ(run_command("classify", {output().string()}).exit_code, 0);
}

TEST_F(CaptureCommand, TheChildReadsItsOwnPinning) {
  const fs::path seen = directory_ / "seen";
  const CliRun run = capture({"--runs", "1", "--warmup", "0"},
                             {"/bin/sh", "-c", "grep Cpus_allowed_list /proc/self/status > " + seen.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(read_file(seen), "Cpus_allowed_list:\t0\n");
}

TEST_F(CaptureCommand, RefusesToReplaceAFileBeforeRunningAnything) {
  std::ofstream(output()) << "{}";
  const fs::path marker = directory_ / "ran";
  const CliRun run = capture({"--runs", "1"}, {"/bin/sh", "-c", "touch " + marker.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "evident: " + output().string() + " exists; pass --force to replace it\n");
  EXPECT_FALSE(fs::exists(marker));
  EXPECT_EQ(read_file(output()), "{}");
  EXPECT_EQ(capture({"--runs", "1", "--warmup", "0", "--force"}, {"true"}).exit_code, 0);
  EXPECT_EQ(evidence()["status"], "passed");
}

TEST_F(CaptureCommand, AFailedRunStopsTheSequenceAndIsKept) {
  const CliRun run = capture({"--runs", "5", "--warmup", "0"}, {"/bin/sh", "-c", "exit 3"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("run 1 of 5: exit status 3"), std::string::npos);
  const json document = evidence();
  EXPECT_EQ(document["status"], "failed");
  ASSERT_EQ(document["runs"].size(), 1U);
  EXPECT_EQ(document["runs"][0]["exit_code"], 3);
  EXPECT_EQ(document["benchmarks"], json::array());
  EXPECT_EQ(run_command("validate", {output().string()}).exit_code, 0);
}

TEST_F(CaptureCommand, KeepGoingRunsEveryRun) {
  const CliRun run = capture({"--runs", "3", "--warmup", "0", "--keep-going"}, {"/bin/sh", "-c", "exit 1"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(evidence()["runs"].size(), 3U);
}

TEST_F(CaptureCommand, ATimeoutAndASignalAreRecorded) {
  EXPECT_EQ(capture({"--runs", "1", "--warmup", "0", "--timeout", "0.2"}, {"sleep", "5"}).exit_code, 1);
  const json timed_out = evidence()["runs"][0];
  EXPECT_EQ(timed_out["timed_out"], true);
  EXPECT_EQ(timed_out["signal"], 9);
  EXPECT_EQ(capture({"--runs", "1", "--warmup", "0", "--force"}, {"/bin/sh", "-c", "kill -TERM $$"}).exit_code, 1);
  EXPECT_EQ(evidence()["runs"][0]["signal"], 15);
}

TEST_F(CaptureCommand, TheCleanupRunsAlsoAfterAFailure) {
  const fs::path marker = directory_ / "cleaned";
  const CliRun run = capture({"--runs", "2", "--warmup", "0", "--cleanup", "pwd > " + marker.string()}, {"false"});
  EXPECT_EQ(run.exit_code, 1);
  const std::string where = read_file(marker);
  EXPECT_NE(where.find("evident-capture-"), std::string::npos) << where;
  EXPECT_FALSE(fs::exists(where.substr(0, where.size() - 1))) << "the private directory is removed";
  EXPECT_EQ(evidence()["extensions"]["evident.capture"]["cleanup"]["exit_code"], 0);
}

TEST_F(CaptureCommand, AMissingCommandWritesNothing) {
  const CliRun run = capture({"--runs", "1"}, {"no-such-benchmark-command"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "evident: cannot run \"no-such-benchmark-command\": ENOENT: no-such-benchmark-command\n");
  EXPECT_FALSE(fs::exists(output()));
}

TEST_F(CaptureCommand, ACpuHeldByAnotherCaptureFailsWithNoWait) {
  const host::LockResult held = host::lock_cpus((directory_ / "locks").string(), {0}, false, {});
  ASSERT_TRUE(held.locks) << held.problem;
  const CliRun run = capture({"--runs", "1", "--no-wait"}, {"true"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "evident: CPU 0 is in use by another capture (" + (directory_ / "locks").string() +
                         "/evident-cpu-0.lock)\n");
  EXPECT_FALSE(fs::exists(output()));
}

TEST_F(CaptureCommand, UnknownCpusAndSmtSiblingsAreRefused) {
  EXPECT_EQ(run_command("capture", {"--root", "fixtures/hosts/vm-no-cpufreq", "--cpus", "5", "--output",
                                    output().string(), "--", "true"})
                .err,
            "evident: --cpus names CPU 5, but this host has CPUs 0-1\n");
  const CliRun smt =
      run_command("capture", {"--root", "fixtures/hosts/smt-unreserved", "--cpus", "1,5", "--output", output().string(),
                              "--lock-dir", (directory_ / "locks").string(), "--", "true"});
  EXPECT_EQ(smt.exit_code, 2);
  EXPECT_NE(smt.err.find("are SMT siblings of one core"), std::string::npos) << smt.err;
}

TEST_F(CaptureCommand, NamesTheEvidenceCannotHoldAreRefusedBeforeRunning) {
  const CliRun run = capture({"--suite", "engine/v2"}, {"true"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err,
            "evident: --suite \"engine/v2\": a name is 1 to 200 characters, without '/', control characters or "
            "spaces at either end\n");
  EXPECT_FALSE(fs::exists(output()));
}

TEST_F(CaptureCommand, ACaptureQueuesBehindAnotherOnTheSameCpu) {
  std::optional<host::LockResult> held = host::lock_cpus((directory_ / "locks").string(), {0}, false, {});
  ASSERT_TRUE(held->locks) << held->problem;
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    held.reset();
  });
  const CliRun run = capture({"--runs", "1", "--warmup", "0"}, {"true"});
  release.join();
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "evident: waiting for CPU 0, in use by another capture\n");
  EXPECT_TRUE(fs::exists(output()));
}

TEST_F(CaptureCommand, AnInterruptionKillsTheRunAndWritesNothing) {
  std::thread interrupt([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ::kill(::getpid(), SIGINT);  // the capture's handler is installed for its whole run of 5 s
  });
  const auto started = std::chrono::steady_clock::now();
  const CliRun run = capture({"--runs", "1", "--warmup", "0"}, {"sleep", "5"});
  interrupt.join();
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "evident: interrupted; nothing written\n");
  EXPECT_FALSE(fs::exists(output()));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4));
  for (const fs::directory_entry& entry : fs::directory_iterator(directory_)) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("evidence.json")) << entry.path();
  }
}

TEST_F(CaptureCommand, RefusesMemoryWhereNoCgroupCanLimitIt) {
  // A fake host whose cgroup v2 has no memory controller and that mounts no v1 memory hierarchy.
  const fs::path root = cgroup_root("30 24 0:26 / /sys/fs/cgroup rw,relatime - cgroup2 cgroup2 rw\n", "0::/\n",
                                    "/sys/fs/cgroup/cgroup.controllers", "cpu io\n");
  const CliRun run = capture({"--memory", "64M"}, {"true"}, {{"EVIDENT_TEST_CGROUP_ROOT", root.string()}});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(
      run.err,
      "evident: --memory: no cgroup can limit the memory of the runs here (cgroup v2: the memory controller is not "
      "available in /sys/fs/cgroup (cgroup.controllers: \"cpu io\"); cgroup v1: no hierarchy of the memory "
      "controller is mounted); nothing was run. --memory-rlimit limits the address space instead (RLIMIT_AS), "
      "which runtimes that reserve large ranges (Go, the JVM) may not start under\n");
  EXPECT_FALSE(fs::exists(output()));
}

TEST_F(CaptureCommand, StopsWhenTheCgroupOfARunCannotBeMade) {
  // A fake v1 memory hierarchy: the new directory gets no memory.limit_in_bytes from a kernel.
  const fs::path root =
      cgroup_root("35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n", "4:memory:/jobs\n",
                  "/sys/fs/cgroup/memory/jobs/memory.limit_in_bytes", "9223372036854771712\n");
  const CliRun run = capture({"--memory", "64M"}, {"true"}, {{"EVIDENT_TEST_CGROUP_ROOT", root.string()}});
  EXPECT_EQ(run.exit_code, 2);
  const std::string name = "evident-capture-" + std::to_string(::getpid()) + "-0";
  EXPECT_EQ(run.err,
            "evident: cannot run \"true\": --memory: the cgroup of run 1 cannot be made: ENOENT: "
            "/sys/fs/cgroup/memory/jobs/" +
                name + "/memory.limit_in_bytes\n");
  EXPECT_FALSE(fs::exists(root / "sys/fs/cgroup/memory/jobs" / name));
  EXPECT_FALSE(fs::exists(output()));
}

TEST_F(CaptureCommand, RecordsTheAddressSpaceLimitOfMemoryRlimit) {
  const CliRun run = capture({"--runs", "1", "--warmup", "0", "--memory-rlimit", "1G"}, {"true"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json document = evidence();
  EXPECT_EQ(document["runs"][0]["memory_limit"], json({{"mechanism", "rlimit_as"}, {"bytes", 1073741824}}));
  EXPECT_FALSE(document["runs"][0].contains("memory_peak_bytes"));
  EXPECT_EQ(document["extensions"]["evident.capture"]["memory_rlimit_bytes"], 1073741824);
}

TEST_F(CaptureCommand, TakesSizesWithUnitsAndRefusesOthers) {
  CliRun run = capture({"--memory-rlimit", "lots"}, {"true"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--memory-rlimit"), std::string::npos) << run.err;
  run = capture({"--memory-rlimit", "0"}, {"true"});
  EXPECT_EQ(run.exit_code, 2);
  run = capture({"--memory", "64M", "--memory-rlimit", "64M"}, {"true"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--memory excludes --memory-rlimit"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace evident::cli
