// The memory cgroup of a capture run: the layout read from the mount table and /proc/self/cgroup,
// the mechanism chosen on fake trees (cgroup v2, v1, read-only, none), the usage read from fake
// cgroups (v2 with and without memory.peak, v1 with and without the oom_kill counter), and, where
// this host has a writable memory cgroup, a real run limited, OOM-killed and cleaned up.
#include "host/memory_cgroup.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "host/process_runner.h"

namespace evident::host {
namespace {

namespace fs = std::filesystem;

// The mount table of a host with cgroup v1 controllers and an empty cgroup2 beside them.
constexpr const char* hybrid_mountinfo =
    "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
    "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
    "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";
constexpr const char* hybrid_cgroup = "8:pids:/\n4:memory:/jobs/42\n1:cpu:/\n0::/\n";
constexpr const char* v2_mountinfo =
    "30 24 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 "
    "cgroup2 rw,nsdelegate,memory_recursiveprot\n";
constexpr const char* v2_cgroup = "0::/bench.slice/runner\n";

// A fake root: files written below it, removed with it.
class FakeRoot {
 public:
  FakeRoot() {
    std::string pattern = (fs::temp_directory_path() / "evident-cgroup-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  FakeRoot(const FakeRoot&) = delete;
  FakeRoot& operator=(const FakeRoot&) = delete;
  ~FakeRoot() {
    std::error_code error;
    fs::remove_all(path_, error);
  }
  void write(const std::string& host_path, const std::string& text) const {
    const fs::path path = path_ / fs::path(host_path).relative_path();
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }
  // The mount table and /proc/self/cgroup of the process.
  void process(const std::string& mountinfo, const std::string& self_cgroup) const {
    write("/proc/self/mountinfo", mountinfo);
    write("/proc/self/cgroup", self_cgroup);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(CgroupLayout, ReadsAHybridHost) {
  const CgroupLayout layout = cgroup_layout(hybrid_mountinfo, hybrid_cgroup);
  EXPECT_EQ(layout.v2.mount_point, "/sys/fs/cgroup/unified");
  EXPECT_EQ(layout.v1_memory.mount_point, "/sys/fs/cgroup/memory");
  EXPECT_EQ(layout.v1_memory.root, "/");
  EXPECT_FALSE(layout.v1_memory.read_only);
  EXPECT_EQ(layout.v2_path, "/");
  EXPECT_EQ(layout.v1_memory_path, "/jobs/42");
}

TEST(CgroupLayout, ReadsAPureV2HostAndEscapedReadOnlyMounts) {
  CgroupLayout layout = cgroup_layout(v2_mountinfo, v2_cgroup);
  EXPECT_EQ(layout.v2.mount_point, "/sys/fs/cgroup");
  EXPECT_TRUE(layout.v1_memory.mount_point.empty());
  EXPECT_EQ(layout.v2_path, "/bench.slice/runner");
  EXPECT_TRUE(layout.v1_memory_path.empty());
  layout = cgroup_layout("40 31 0:38 /docker/abc /my\\040cgroups ro,relatime - cgroup cgroup rw,cpuacct,memory\n",
                         "5:cpuacct,memory:/docker/abc\n");
  EXPECT_EQ(layout.v1_memory.mount_point, "/my cgroups");
  EXPECT_EQ(layout.v1_memory.root, "/docker/abc");
  EXPECT_TRUE(layout.v1_memory.read_only);
  EXPECT_EQ(layout.v1_memory_path, "/docker/abc");
}

TEST(FindMemoryCgroup, PrefersCgroupV2WithTheMemoryController) {
  const FakeRoot root;
  root.process(v2_mountinfo, v2_cgroup);
  root.write("/sys/fs/cgroup/bench.slice/runner/cgroup.controllers", "cpuset cpu io memory pids\n");
  root.write("/sys/fs/cgroup/bench.slice/runner/cgroup.subtree_control", "memory\n");
  const MemoryCgroupPlace place = find_memory_cgroup(root.path());
  ASSERT_TRUE(place.version) << place.problem;
  EXPECT_EQ(*place.version, CgroupVersion::v2);
  // Beside evident's cgroup, which holds evident and so cannot give children the controller.
  EXPECT_EQ(place.host_directory, "/sys/fs/cgroup/bench.slice");
  EXPECT_EQ(place.directory, root.path() / "sys/fs/cgroup/bench.slice");
  EXPECT_FALSE(place.enable_controller);
  EXPECT_EQ(mechanism_name(*place.version), "cgroup_v2");
}

TEST(FindMemoryCgroup, EnablesTheControllerAtTheRootWhenItIsNotYet) {
  const FakeRoot root;
  root.process(v2_mountinfo, "0::/\n");
  root.write("/sys/fs/cgroup/cgroup.controllers", "cpu memory\n");
  root.write("/sys/fs/cgroup/cgroup.subtree_control", "\n");
  MemoryCgroupPlace place = find_memory_cgroup(root.path());
  ASSERT_TRUE(place.version) << place.problem;
  EXPECT_EQ(place.host_directory, "/sys/fs/cgroup");
  EXPECT_TRUE(place.enable_controller);
  // The fake tree makes no memory.max in the new directory, as a kernel without the controller
  // would not: the cgroup is refused and nothing is left behind.
  MemoryCgroup cgroup;
  EXPECT_EQ(cgroup.create(place, 67108864, "evident-capture-1-0"),
            "ENOENT: /sys/fs/cgroup/evident-capture-1-0/memory.max");
  EXPECT_FALSE(fs::exists(place.directory / "evident-capture-1-0"));
  std::ifstream subtree(place.directory / "cgroup.subtree_control");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(subtree), {}), "+memory");
}

TEST(FindMemoryCgroup, FallsBackToCgroupV1WhenV2HasNoMemoryController) {
  const FakeRoot root;
  root.process(hybrid_mountinfo, hybrid_cgroup);
  root.write("/sys/fs/cgroup/unified/cgroup.controllers", "\n");
  root.write("/sys/fs/cgroup/memory/jobs/42/memory.limit_in_bytes", "9223372036854771712\n");
  const MemoryCgroupPlace place = find_memory_cgroup(root.path());
  ASSERT_TRUE(place.version) << place.problem;
  EXPECT_EQ(*place.version, CgroupVersion::v1);
  EXPECT_EQ(place.host_directory, "/sys/fs/cgroup/memory/jobs/42");
  EXPECT_EQ(mechanism_name(*place.version), "cgroup_v1");
}

TEST(FindMemoryCgroup, SaysWhyNeitherCanLimitMemory) {
  const FakeRoot root;
  root.write("/proc/self/mountinfo",
             "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n"
             "35 31 0:32 / /sys/fs/cgroup/memory ro,nosuid - cgroup cgroup rw,memory\n");
  root.write("/proc/self/cgroup", hybrid_cgroup);
  root.write("/sys/fs/cgroup/unified/cgroup.controllers", "cpu io\n");
  root.write("/sys/fs/cgroup/memory/jobs/42/memory.limit_in_bytes", "9223372036854771712\n");
  MemoryCgroupPlace place = find_memory_cgroup(root.path());
  EXPECT_FALSE(place.version);
  EXPECT_EQ(place.problem,
            "cgroup v2: the memory controller is not available in /sys/fs/cgroup/unified (cgroup.controllers: \"cpu "
            "io\"); cgroup v1: EROFS: /sys/fs/cgroup/memory is mounted read-only");
  MemoryCgroup cgroup;
  EXPECT_EQ(cgroup.create(place, 1024, "evident-capture-1-0"), place.problem);

  root.write("/proc/self/mountinfo", "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw\n");
  place = find_memory_cgroup(root.path());
  EXPECT_EQ(place.problem,
            "cgroup v2: no cgroup2 hierarchy is mounted; cgroup v1: no hierarchy of the memory controller is mounted");
  fs::remove(root.path() / "proc/self/cgroup");
  EXPECT_EQ(find_memory_cgroup(root.path()).problem, "ENOENT: /proc/self/cgroup");
}

TEST(FindMemoryCgroup, SaysWhenTheOwnCgroupIsOutsideTheMountedPart) {
  const FakeRoot root;
  root.process("35 31 0:32 /docker/abc /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n", "4:memory:/other\n");
  EXPECT_EQ(find_memory_cgroup(root.path()).problem,
            "cgroup v2: no cgroup2 hierarchy is mounted; cgroup v1: this process's cgroup /other is outside the "
            "part mounted at /sys/fs/cgroup/memory (/docker/abc)");
}

TEST(ReadMemoryUsage, ReadsThePeakAndTheOomKillOfCgroupV2) {
  const FakeRoot root;
  root.write("/run/memory.peak", "67108864\n");
  root.write("/run/memory.events", "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 1\n");
  MemoryUsage usage = read_memory_usage(CgroupVersion::v2, root.path() / "run", true);
  EXPECT_EQ(usage.peak_bytes, 67108864U);
  EXPECT_EQ(usage.peak_problem, "");
  EXPECT_TRUE(usage.oom_killed);
  root.write("/run/memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n");
  usage = read_memory_usage(CgroupVersion::v2, root.path() / "run", true);
  EXPECT_FALSE(usage.oom_killed);
}

TEST(ReadMemoryUsage, SaysWhenTheKernelHasNoMemoryPeak) {
  const FakeRoot root;
  root.write("/run/memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n");
  const MemoryUsage usage = read_memory_usage(CgroupVersion::v2, root.path() / "run", false);
  EXPECT_FALSE(usage.peak_bytes);
  EXPECT_EQ(usage.peak_problem,
            "ENOENT: memory.peak: this kernel does not record the peak of a cgroup (Linux 5.19 and later do)");
  EXPECT_FALSE(usage.oom_killed);
}

TEST(ReadMemoryUsage, ReadsCgroupV1WithAndWithoutTheOomKillCounter) {
  const FakeRoot root;
  root.write("/run/memory.max_usage_in_bytes", "1048576\n");
  root.write("/run/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
  MemoryUsage usage = read_memory_usage(CgroupVersion::v1, root.path() / "run", true);
  EXPECT_EQ(usage.peak_bytes, 1048576U);
  EXPECT_TRUE(usage.oom_killed);
  // Before Linux 4.13 there is no counter: a SIGKILL after the limit was hit is the OOM killer's.
  root.write("/run/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\n");
  root.write("/run/memory.failcnt", "7\n");
  EXPECT_TRUE(read_memory_usage(CgroupVersion::v1, root.path() / "run", true).oom_killed);
  EXPECT_FALSE(read_memory_usage(CgroupVersion::v1, root.path() / "run", false).oom_killed);
  root.write("/run/memory.failcnt", "0\n");
  EXPECT_FALSE(read_memory_usage(CgroupVersion::v1, root.path() / "run", true).oom_killed);
  root.write("/run/memory.max_usage_in_bytes", "lots\n");
  usage = read_memory_usage(CgroupVersion::v1, root.path() / "run", false);
  EXPECT_FALSE(usage.peak_bytes);
  EXPECT_EQ(usage.peak_problem, "EINVAL: memory.max_usage_in_bytes holds no number");
}

// The pid of a process that has ended and been reaped.
int ended_pid() {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  ::waitpid(pid, nullptr, 0);
  return static_cast<int>(pid);
}

TEST(RemoveLeftoverCgroups, RemovesThoseOfEndedCapturesAndNamesWhatItCannot) {
  const FakeRoot root;
  root.process(hybrid_mountinfo, hybrid_cgroup);
  root.write("/sys/fs/cgroup/memory/jobs/42/memory.limit_in_bytes", "9223372036854771712\n");
  const MemoryCgroupPlace place = find_memory_cgroup(root.path());
  ASSERT_TRUE(place.version) << place.problem;
  const int gone = ended_pid();
  const std::string empty = run_cgroup_name(gone, 0);
  const std::string full = run_cgroup_name(gone, 1);
  const std::string own = run_cgroup_name(static_cast<int>(::getpid()), 0);
  EXPECT_EQ(empty, "evident-capture-" + std::to_string(gone) + "-0");
  fs::create_directories(place.directory / empty);
  fs::create_directories(place.directory / own);
  fs::create_directories(place.directory / "evident-capture-other");
  root.write("/sys/fs/cgroup/memory/jobs/42/" + full + "/cgroup.procs", "4242\n");
  const std::vector<std::string> problems = remove_leftover_cgroups(place);
  EXPECT_FALSE(fs::exists(place.directory / empty));
  EXPECT_TRUE(fs::exists(place.directory / own));
  EXPECT_TRUE(fs::exists(place.directory / "evident-capture-other"));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0], "cannot remove the cgroup /sys/fs/cgroup/memory/jobs/42/" + full +
                             " left by a capture that is no longer running (ENOTEMPTY)");
}

// --- this host's own memory cgroup, where it has a writable one (as root in CI) ----------------

class RealMemoryCgroup : public ::testing::Test {
 protected:
  void SetUp() override {
    place_ = find_memory_cgroup("/");
    if (!place_.version) GTEST_SKIP() << "no writable memory cgroup on this host: " << place_.problem;
  }
  // Runs argv in a fresh cgroup limited to bytes; the outcome, with the usage read as capture does.
  ProcessOutcome run(const std::vector<std::string>& argv, std::uint64_t bytes, MemoryUsage& usage) {
    MemoryCgroup cgroup;
    const std::string problem = cgroup.create(place_, bytes, run_cgroup_name(static_cast<int>(::getpid()), 900));
    EXPECT_EQ(problem, "");
    EXPECT_EQ(cgroup.limit_bytes(), bytes);
    ProcessRequest request;
    request.argv = argv;
    request.cgroup = cgroup.directory().string();
    ProcessOutcome outcome = run_process(request);
    usage = read_memory_usage(cgroup.version(), cgroup.directory(), outcome.signal == SIGKILL);
    const fs::path directory = cgroup.directory();
    EXPECT_EQ(cgroup.remove(), "");
    EXPECT_FALSE(fs::exists(directory));
    return outcome;
  }
  MemoryCgroupPlace place_;
};

TEST_F(RealMemoryCgroup, KillsARunOverTheLimitAndRecordsThePeakOfOneWithin) {
  MemoryUsage usage;
  const std::string shell_hog = "x=a; while :; do x=$x$x; done";  // doubles a string until it is killed
  ProcessOutcome outcome = run({"/bin/sh", "-c", shell_hog}, 32 << 20, usage);
  EXPECT_EQ(outcome.signal, SIGKILL);
  EXPECT_TRUE(usage.oom_killed);
  EXPECT_LE(usage.peak_bytes.value_or(0), 32U << 20);
  EXPECT_GT(usage.peak_bytes.value_or(0), 16U << 20);

  outcome = run({"/bin/sh", "-c", "x=a; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do x=$x$x; done"},
                64 << 20, usage);
  EXPECT_EQ(outcome.exit_code, 0) << outcome.start_error;
  EXPECT_FALSE(usage.oom_killed);
  EXPECT_GT(usage.peak_bytes.value_or(0), 1U << 20);  // the shell's megabyte string at least
  EXPECT_LT(usage.peak_bytes.value_or(0), 64U << 20);
}

}  // namespace
}  // namespace evident::host
