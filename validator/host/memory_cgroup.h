#pragma once
// The memory limit of one capture run, enforced by the kernel's memory controller rather than by
// RLIMIT_AS: a cgroup made for the run beside evident's own (cgroup v2) or below it (cgroup v1)
// and removed after it, with the limit
// in cgroup v2's memory.max or cgroup v1's memory.limit_in_bytes. It limits memory that is really
// used, so a runtime that reserves a large address range (Go, the JVM, sanitizers) starts as usual.
// The run's peak and whether the OOM killer ended one of its processes are read from the cgroup
// before it is removed.
//
// Where the cgroups are comes from the mount table and /proc/self/cgroup below a root ("/" on the
// host, a fake tree in tests). systemd-run is not used: see docs/capture.md#memory-limit.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evident::host {

enum class CgroupVersion { v2, v1 };

// "cgroup_v2" or "cgroup_v1", as evidence records the mechanism.
std::string mechanism_name(CgroupVersion version);

// One mounted cgroup hierarchy, as /proc/self/mountinfo describes it.
struct CgroupMount {
  std::string mount_point;  // empty: not mounted
  std::string root;         // the cgroup of the hierarchy mounted there ("/" unless a subtree is)
  bool read_only = false;   // mounted "ro"
};

// This process's cgroups as the mount table (/proc/self/mountinfo) and /proc/self/cgroup say.
struct CgroupLayout {
  CgroupMount v2;              // the cgroup2 hierarchy
  CgroupMount v1_memory;       // the cgroup v1 hierarchy of the memory controller
  std::string v2_path;         // this process's cgroup in the v2 hierarchy ("0::PATH")
  std::string v1_memory_path;  // and in the v1 memory hierarchy ("N:...memory...:PATH")
};
CgroupLayout cgroup_layout(std::string_view mountinfo, std::string_view self_cgroup);

// Where the cgroups of the runs can be made, or why nowhere.
struct MemoryCgroupPlace {
  std::optional<CgroupVersion> version;
  // The parent of the runs' cgroups, below the root: v2, the parent of evident's cgroup (evident's
  // own at the root of the hierarchy); v1, evident's cgroup.
  std::filesystem::path directory;
  std::string host_directory;      // the same as the host names it, for messages
  bool enable_controller = false;  // v2 root: "+memory" still to be written to its cgroup.subtree_control
  std::string problem;             // why neither version can limit memory, when version is empty
};
// cgroup v2 when evident's v2 cgroup offers the memory controller, else cgroup v1 when the memory
// hierarchy is mounted read-write; reads root/proc/self/mountinfo and root/proc/self/cgroup, writes nothing.
MemoryCgroupPlace find_memory_cgroup(const std::filesystem::path& root);

// What the cgroup saw of a run.
struct MemoryUsage {
  std::optional<std::uint64_t> peak_bytes;  // v2 memory.peak, v1 memory.max_usage_in_bytes
  std::string peak_problem;                 // why there is no peak, e.g. the kernel has no memory.peak
  bool oom_killed = false;                  // the OOM killer ended a process of the run at the limit
};
// Reads the usage of a run's cgroup directory. A kernel without the oom_kill counter (v1 before
// Linux 4.13) counts a run killed by SIGKILL after hitting the limit (failcnt) as OOM-killed.
MemoryUsage read_memory_usage(CgroupVersion version, const std::filesystem::path& directory, bool killed_by_sigkill);

// The cgroup of one run: made with its limit, joined by the child before it runs the command,
// read once the run's process group is gone, and removed (its remaining processes killed first).
class MemoryCgroup {
 public:
  MemoryCgroup() = default;
  MemoryCgroup(const MemoryCgroup&) = delete;
  MemoryCgroup& operator=(const MemoryCgroup&) = delete;
  ~MemoryCgroup() { remove(); }

  // Makes place.directory/name with a limit of bytes; "" when it is ready, else why not (nothing
  // is left behind). Swap is limited to nothing where the kernel lets it be, so a run cannot escape
  // the limit into swap.
  std::string create(const MemoryCgroupPlace& place, std::uint64_t bytes, const std::string& name);
  const std::filesystem::path& directory() const { return directory_; }
  CgroupVersion version() const { return version_; }
  // The limit the kernel holds, read back (it rounds down to whole pages).
  std::uint64_t limit_bytes() const { return limit_bytes_; }
  // Kills what is left in the cgroup, waits until it is empty, and removes it; "" or why it
  // could not be removed. Called by the destructor too.
  std::string remove();

 private:
  std::filesystem::path directory_;
  CgroupVersion version_ = CgroupVersion::v2;
  std::uint64_t limit_bytes_ = 0;
};

// The name of the cgroup of run `index` of this process: "evident-capture-PID-INDEX".
std::string run_cgroup_name(int pid, std::size_t index);

// Removes the empty cgroups below place that an evident which is no longer running left behind
// (named as run_cgroup_name makes them); returns a message for each one that could not be removed.
std::vector<std::string> remove_leftover_cgroups(const MemoryCgroupPlace& place);

}  // namespace evident::host
