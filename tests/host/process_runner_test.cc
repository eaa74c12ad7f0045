#include "host/process_runner.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include "core/cpu_list.h"

namespace evident::host {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// A scratch directory, removed with everything in it at the end of the test.
class ScratchDirectory {
 public:
  ScratchDirectory() {
    std::string pattern = (fs::temp_directory_path() / "evident-runner-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  ~ScratchDirectory() {
    std::error_code error;
    fs::remove_all(path_, error);
  }
  std::string path() const { return path_.string(); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

std::string read_text(const std::string& path) {
  std::ifstream stream(path);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

ProcessRequest shell(const std::string& script) {
  ProcessRequest request;
  request.argv = {"/bin/sh", "-c", script};
  return request;
}

// The CPUs this test process may run on, which its children inherit.
std::vector<int> own_cpus() {
  std::istringstream status(read_text("/proc/self/status"));
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("Cpus_allowed_list:")) return parse_cpu_list(line.substr(line.find(':') + 1)).value();
  }
  return {};
}

// Whether the process is gone: no /proc entry, or a zombie waiting for its new parent.
bool process_ended(int pid) {
  const std::string stat = read_text("/proc/" + std::to_string(pid) + "/stat");
  const std::size_t name_end = stat.rfind(')');
  return name_end == std::string::npos || stat.substr(name_end + 2, 1) == "Z";
}

TEST(ProcessRunner, ReportsTheExitCode) {
  const ProcessOutcome outcome = run_process(shell("exit 3"));
  EXPECT_EQ(outcome.start_error, "");
  EXPECT_GT(outcome.pid, 0);
  EXPECT_EQ(outcome.exit_code, 3);
  EXPECT_EQ(outcome.signal, std::nullopt);
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_FALSE(outcome.interrupted);
  EXPECT_GT(outcome.wall_seconds, 0);
}

TEST(ProcessRunner, FindsTheCommandInPath) {
  ProcessRequest request;
  request.argv = {"true"};
  const ProcessOutcome outcome = run_process(request);
  EXPECT_EQ(outcome.start_error, "");
  EXPECT_EQ(outcome.exit_code, 0);
}

TEST(ProcessRunner, ReportsTheSignalThatEndedTheCommand) {
  const ProcessOutcome outcome = run_process(shell("kill -TERM $$"));
  EXPECT_EQ(outcome.exit_code, std::nullopt);
  EXPECT_EQ(outcome.signal, 15);
  EXPECT_FALSE(outcome.timed_out);
}

TEST(ProcessRunner, TimeoutKillsTheCommand) {
  ProcessRequest request;
  request.argv = {"sleep", "5"};
  request.timeout_seconds = 0.2;
  const ProcessOutcome outcome = run_process(request);
  EXPECT_TRUE(outcome.timed_out);
  EXPECT_EQ(outcome.signal, 9);
  EXPECT_EQ(outcome.exit_code, std::nullopt);
  EXPECT_GE(outcome.wall_seconds, 0.2);
  EXPECT_LT(outcome.wall_seconds, 2);
}

TEST(ProcessRunner, TimeoutKillsTheWholeProcessGroup) {
  const ScratchDirectory scratch;
  ProcessRequest request = shell("sleep 5 & echo $! > '" + scratch.file("pid") + "'; wait");
  request.timeout_seconds = 0.3;
  const ProcessOutcome outcome = run_process(request);
  EXPECT_TRUE(outcome.timed_out);
  const int background_pid = std::stoi(read_text(scratch.file("pid")));
  for (int attempt = 0; attempt < 100 && !process_ended(background_pid); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(process_ended(background_pid));
}

TEST(ProcessRunner, ACommandThatEndsBeforeItsTimeoutIsNotTimedOut) {
  ProcessRequest request = shell("exit 0");
  request.timeout_seconds = 10;
  const ProcessOutcome outcome = run_process(request);
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_EQ(outcome.exit_code, 0);
}

TEST(ProcessRunner, MissingCommandIsAStartError) {
  ProcessRequest request;
  request.argv = {"evident-test-no-such-command"};
  const ProcessOutcome outcome = run_process(request);
  EXPECT_EQ(outcome.start_error, "ENOENT: evident-test-no-such-command");
  EXPECT_EQ(outcome.exit_code, std::nullopt);
  EXPECT_EQ(outcome.signal, std::nullopt);

  request.argv = {"./no-such-benchmark"};
  EXPECT_EQ(run_process(request).start_error, "ENOENT: ./no-such-benchmark");
}

TEST(ProcessRunner, FileWithoutExecutePermissionIsAStartError) {
  const ScratchDirectory scratch;
  std::ofstream(scratch.file("script")) << "#!/bin/sh\nexit 0\n";
  ProcessRequest request;
  request.argv = {scratch.file("script")};
  EXPECT_EQ(run_process(request).start_error, "EACCES: " + scratch.file("script"));
}

TEST(ProcessRunner, EmptyCommandIsAStartError) {
  EXPECT_EQ(run_process(ProcessRequest{}).start_error, "EINVAL: no command to run");
}

TEST(ProcessRunner, NonPositiveTimeoutIsAStartError) {
  ProcessRequest request = shell("exit 0");
  request.timeout_seconds = 0;
  EXPECT_EQ(run_process(request).start_error, "EINVAL: a timeout of 0 seconds");
}

TEST(ProcessRunner, PinsTheCommandAndReadsTheAffinityBack) {
  const ScratchDirectory scratch;
  const int cpu = own_cpus().back();
  ProcessRequest request = shell("grep Cpus_allowed_list /proc/self/status > '" + scratch.file("status") + "'");
  request.cpus = {cpu};
  const ProcessOutcome outcome = run_process(request);
  EXPECT_EQ(outcome.affinity_problem, "");
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(read_text(scratch.file("status")), "Cpus_allowed_list:\t" + std::to_string(cpu) + "\n");
  EXPECT_EQ(outcome.affinity, json::array({cpu}));
}

TEST(ProcessRunner, UnpinnedCommandInheritsTheAffinity) {
  const ProcessOutcome outcome = run_process(shell("exit 0"));
  EXPECT_EQ(outcome.affinity, json(own_cpus()));
}

TEST(ProcessRunner, OfflineCpuIsRefusedAndTheCommandNotRun) {
  const ScratchDirectory scratch;
  ProcessRequest request = shell("touch '" + scratch.file("ran") + "'");
  request.cpus = {4095};
  const ProcessOutcome outcome = run_process(request);
  EXPECT_EQ(outcome.affinity_problem, "EINVAL: sched_setaffinity(4095): CPU 4095 is not online");
  EXPECT_EQ(outcome.start_error, outcome.affinity_problem);
  EXPECT_EQ(outcome.exit_code, std::nullopt);
  EXPECT_EQ(outcome.signal, std::nullopt);
  EXPECT_FALSE(fs::exists(scratch.file("ran")));
}

TEST(ProcessRunner, PartlyOfflineCpusAreRefusedThoughTheKernelWouldPinToTheRest) {
  const ScratchDirectory scratch;
  const int cpu = own_cpus().front();
  ProcessRequest request = shell("touch '" + scratch.file("ran") + "'");
  request.cpus = {4095, cpu};
  const ProcessOutcome outcome = run_process(request);
  const std::string online = std::to_string(cpu);
  EXPECT_EQ(outcome.affinity_problem,
            "EINVAL: sched_setaffinity(" + online + ",4095) gave " + online + ": CPU 4095 is not online");
  EXPECT_EQ(outcome.start_error, outcome.affinity_problem);
  EXPECT_FALSE(fs::exists(scratch.file("ran")));
}

TEST(ProcessRunner, NegativeCpuIsRefused) {
  ProcessRequest request = shell("exit 0");
  request.cpus = {-1};
  const ProcessOutcome outcome = run_process(request);
  EXPECT_EQ(outcome.affinity_problem, "EINVAL: CPU -1 is not a CPU number (0 to 8191)");
  EXPECT_EQ(outcome.exit_code, std::nullopt);
}

TEST(ProcessRunner, RecordsACommandWideningItsOwnAffinity) {
  const std::vector<int> cpus = own_cpus();
  if (cpus.size() < 2 || ::access("/usr/bin/taskset", X_OK) != 0) GTEST_SKIP() << "needs two CPUs and taskset";
  ProcessRequest request = shell("taskset -p -c " + format_cpu_list(cpus) + " $$ > /dev/null; sleep 0.3");
  request.cpus = {cpus.front()};
  const ProcessOutcome outcome = run_process(request);
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(outcome.affinity, json(cpus));
}

// SCHED_FIFO needs a privilege this test may or may not have: either the child runs FIFO, read
// back from its own /proc/self/stat, or the problem is recorded and the command runs anyway.
TEST(ProcessRunner, FifoIsAppliedOrItsProblemRecorded) {
  const ScratchDirectory scratch;
  ProcessRequest request = shell("cat /proc/self/stat > '" + scratch.file("stat") + "'");
  request.fifo_priority = 1;
  const ProcessOutcome outcome = run_process(request);
  EXPECT_EQ(outcome.exit_code, 0);
  const std::string stat = read_text(scratch.file("stat"));
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::vector<std::string> after_name{std::istream_iterator<std::string>(fields), {}};
  ASSERT_GE(after_name.size(), 39U);
  const std::string rt_priority = after_name[37], policy = after_name[38];  // fields 40 and 41
  if (outcome.scheduler_problem.empty()) {
    EXPECT_EQ(outcome.scheduler, json({{"policy", "SCHED_FIFO"}, {"priority", 1}}));
    EXPECT_EQ(policy, "1");
    EXPECT_EQ(rt_priority, "1");
  } else {
    EXPECT_TRUE(outcome.scheduler_problem.starts_with("EPERM: sched_setscheduler(SCHED_FIFO, 1) needs "))
        << outcome.scheduler_problem;
    EXPECT_NE(outcome.scheduler["policy"], "SCHED_FIFO");
    EXPECT_NE(policy, "1");
  }
}

TEST(ProcessRunner, InvalidFifoPriorityIsRecordedAndTheCommandStillRuns) {
  ProcessRequest request = shell("exit 0");
  request.fifo_priority = 0;
  const ProcessOutcome outcome = run_process(request);
  EXPECT_EQ(outcome.scheduler_problem, "EINVAL: sched_setscheduler(SCHED_FIFO, 0): the priority must be 1 to 99");
  EXPECT_EQ(outcome.exit_code, 0);
}

TEST(ProcessRunner, RecordsTheInheritedPolicy) {
  const ProcessOutcome outcome = run_process(shell("exit 0"));
  EXPECT_EQ(outcome.scheduler, json({{"policy", "SCHED_OTHER"}, {"priority", 0}}));
  EXPECT_EQ(outcome.scheduler_problem, "");
}

TEST(ProcessRunner, SetsEnvironmentVariables) {
  const ScratchDirectory scratch;
  ProcessRequest request = shell("printf '%s|%s' \"$TMPDIR\" \"$EVIDENT_TEST_TWICE\" > '" + scratch.file("env") + "'");
  request.environment = {{"TMPDIR", scratch.path()}, {"EVIDENT_TEST_TWICE", "first"}, {"EVIDENT_TEST_TWICE", "last"}};
  EXPECT_EQ(run_process(request).exit_code, 0);
  EXPECT_EQ(read_text(scratch.file("env")), scratch.path() + "|last");
}

TEST(ProcessRunner, LooksTheCommandUpInTheGivenPath) {
  const ScratchDirectory scratch;
  std::ofstream(scratch.file("evident-test-tool")) << "#!/bin/sh\nexit 7\n";
  fs::permissions(scratch.file("evident-test-tool"), fs::perms::owner_all);
  ProcessRequest request;
  request.argv = {"evident-test-tool"};
  request.environment = {{"PATH", scratch.path() + ":/usr/bin:/bin"}};
  EXPECT_EQ(run_process(request).exit_code, 7);
}

TEST(ProcessRunner, RunsInTheWorkingDirectory) {
  const ScratchDirectory scratch;
  ProcessRequest request = shell("pwd -P > where");
  request.working_directory = scratch.path();
  EXPECT_EQ(run_process(request).exit_code, 0);
  EXPECT_EQ(read_text(scratch.file("where")), fs::canonical(scratch.path()).string() + "\n");
}

TEST(ProcessRunner, MissingWorkingDirectoryIsAStartError) {
  const ScratchDirectory scratch;
  ProcessRequest request = shell("exit 0");
  request.working_directory = scratch.file("missing");
  const ProcessOutcome outcome = run_process(request);
  EXPECT_EQ(outcome.start_error, "ENOENT: chdir(" + scratch.file("missing") + ")");
  EXPECT_EQ(outcome.exit_code, std::nullopt);
}

TEST(ProcessRunner, LimitsTheAddressSpace) {
  const ScratchDirectory scratch;
  ProcessRequest request =
      shell("ulimit -S -v > '" + scratch.file("limits") + "'; ulimit -H -v >> '" + scratch.file("limits") + "'");
  request.memory_bytes = 512ULL << 20;
  EXPECT_EQ(run_process(request).exit_code, 0);
  EXPECT_EQ(read_text(scratch.file("limits")), "524288\n524288\n");
}

TEST(ProcessRunner, InterruptionKillsTheCommand) {
  std::atomic<bool> interrupted = false;
  ProcessRequest request;
  request.argv = {"sleep", "5"};
  request.interrupted = &interrupted;
  std::thread interrupter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    interrupted = true;
  });
  const ProcessOutcome outcome = run_process(request);
  interrupter.join();
  EXPECT_TRUE(outcome.interrupted);
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_EQ(outcome.signal, 9);
  EXPECT_LT(outcome.wall_seconds, 2);
}

TEST(ProcessRunner, InterruptionBeforeTheStartRunsNothing) {
  const ScratchDirectory scratch;
  const std::atomic<bool> interrupted = true;
  ProcessRequest request = shell("touch '" + scratch.file("ran") + "'");
  request.interrupted = &interrupted;
  const ProcessOutcome outcome = run_process(request);
  EXPECT_TRUE(outcome.interrupted);
  EXPECT_EQ(outcome.exit_code, std::nullopt);
  EXPECT_EQ(outcome.signal, std::nullopt);
  EXPECT_FALSE(fs::exists(scratch.file("ran")));
}

TEST(ProcessRunner, TicksWhileTheCommandRuns) {
  int ticks = 0;
  ProcessRequest request;
  request.argv = {"sleep", "0.35"};
  request.tick_interval = std::chrono::milliseconds(100);
  request.on_tick = [&] { ++ticks; };
  EXPECT_EQ(run_process(request).exit_code, 0);
  EXPECT_GE(ticks, 2);
}

TEST(ProcessRunner, TellsThePidOfTheStartedCommandAndItsOwnGroup) {
  int started_pid = 0;
  int group = 0;
  ProcessRequest request = shell("exit 0");
  request.on_start = [&](int pid) {
    started_pid = pid;
    group = ::getpgid(pid);
  };
  const ProcessOutcome outcome = run_process(request);
  EXPECT_EQ(started_pid, outcome.pid);
  EXPECT_EQ(group, outcome.pid);
}

TEST(ProcessRunner, MeasuresResourceUsage) {
  const ProcessOutcome outcome = run_process(shell("i=0; while [ $i -lt 300000 ]; do i=$((i + 1)); done"));
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_GT(outcome.user_seconds, 0);
  EXPECT_GE(outcome.sys_seconds, 0);
  EXPECT_GT(outcome.max_rss_bytes, 0U);
  EXPECT_GE(outcome.voluntary_context_switches, 0);
  EXPECT_GE(outcome.involuntary_context_switches, 0);
}

// The fallback for kernels without pidfd_open, forced.
TEST(ProcessRunner, PollingFallbackReportsExitsAndTimeouts) {
  EXPECT_EQ(detail::run_process(shell("exit 3"), detail::ExitWatch::polling).exit_code, 3);
  ProcessRequest request;
  request.argv = {"sleep", "5"};
  request.timeout_seconds = 0.2;
  int ticks = 0;
  request.tick_interval = std::chrono::milliseconds(50);
  request.on_tick = [&] { ++ticks; };
  const ProcessOutcome outcome = detail::run_process(request, detail::ExitWatch::polling);
  EXPECT_TRUE(outcome.timed_out);
  EXPECT_EQ(outcome.signal, 9);
  EXPECT_LT(outcome.wall_seconds, 2);
  EXPECT_GE(ticks, 2);
}

TEST(ProcessRunner, WhatTheCommandLeavesInTheBackgroundEndsWithTheRun) {
  const ScratchDirectory scratch;
  const ProcessOutcome outcome = run_process(shell("sleep 30 & echo $! > '" + scratch.file("pid") + "'"));
  EXPECT_EQ(outcome.exit_code, 0);
  // Gone when run_process returns: the group is killed and waited for, and its orphan reaped.
  EXPECT_TRUE(process_ended(std::stoi(read_text(scratch.file("pid")))));
}

// A scratch directory outside /tmp, which a private /tmp would hide from the command.
// A scratch directory the private /tmp does not hide: beside the tests, or in /var/tmp when they run
// below /tmp (a clone in /tmp, as CI may make).
class OutsideTmp {
 public:
  OutsideTmp() : path_(outside_tmp() / ("evident-runner-" + std::to_string(::getpid()))) {
    fs::create_directories(path_);
  }
  OutsideTmp(const OutsideTmp&) = delete;
  OutsideTmp& operator=(const OutsideTmp&) = delete;
  ~OutsideTmp() {
    std::error_code error;
    fs::remove_all(path_, error);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  static fs::path outside_tmp() {
    const fs::path here = fs::weakly_canonical(fs::current_path());
    const fs::path tmp = fs::weakly_canonical("/tmp");
    const bool below_tmp = std::mismatch(tmp.begin(), tmp.end(), here.begin(), here.end()).first == tmp.end();
    return below_tmp ? fs::path("/var/tmp") : here;
  }
  fs::path path_;
};

TEST(ProcessRunner, PrivateTmpIsAFreshTmpfsThatVanishesAfterTheRun) {
  const OutsideTmp scratch;
  const std::string marker = "/tmp/evident-runner-leak-" + std::to_string(::getpid());
  ProcessRequest request = shell("echo \"$TMPDIR\" > '" + scratch.file("out") + "'; ls -A /tmp | wc -l >> '" +
                                 scratch.file("out") + "'; touch " + marker);
  request.environment = {{"TMPDIR", "/var/tmp"}};
  request.private_tmp = true;
  const std::string problem = private_tmp_problem();
  const ProcessOutcome outcome = run_process(request);
  EXPECT_EQ(outcome.exit_code, 0);
  if (problem.empty()) {
    EXPECT_EQ(outcome.tmp, "private_mount");
    EXPECT_EQ(outcome.tmp_problem, "");
    EXPECT_EQ(read_text(scratch.file("out")), "/tmp\n0\n");
    EXPECT_FALSE(fs::exists(marker));
  } else {
    // Without the privilege: the host's /tmp and the TMPDIR asked for, and why.
    EXPECT_EQ(outcome.tmp, "tmpdir");
    EXPECT_EQ(outcome.tmp_problem, problem);
    EXPECT_TRUE(read_text(scratch.file("out")).starts_with("/var/tmp\n"));
    EXPECT_TRUE(fs::remove(marker));
  }
}

TEST(ProcessRunner, NoPrivateTmpForACommandThatNamesWhatIsInTheHostsTmp) {
  std::string named = "/tmp/evident-runner-XXXXXX";
  ASSERT_NE(::mkdtemp(named.data()), nullptr);
  ProcessRequest request = shell("test -d " + named + "/.");
  request.private_tmp = true;
  const ProcessOutcome outcome = run_process(request);
  fs::remove(named);
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(outcome.tmp, "tmpdir");
  EXPECT_EQ(outcome.tmp_problem,
            "argument 2 names \"" + named + "\" of the host's /tmp, which a private /tmp would hide");
}

TEST(ProcessRunner, APathBelowTmpThatDoesNotExistIsTheCommandsOwn) {
  ProcessRequest request = shell("test ! -e /tmp/evident-runner-none-$$ && ls /tmp/");
  request.private_tmp = true;
  const ProcessOutcome outcome = run_process(request);
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(outcome.tmp_problem.find("argument"), std::string::npos) << outcome.tmp_problem;
}

TEST(ProcessRunner, NoPrivateTmpUnlessAsked) {
  const ProcessOutcome outcome = run_process(shell("exit 0"));
  EXPECT_EQ(outcome.tmp, "tmpdir");
  EXPECT_EQ(outcome.tmp_problem, "");
}

}  // namespace
}  // namespace evident::host
