#pragma once
// Runs one benchmark command as `capture` measures it: directly (no shell), pinned and scheduled
// as asked, under wall-time and address-space limits, and reports how it really ran. The pinning
// and the policy are applied to the child before it executes the command, and read back from the
// child's own /proc/PID files, so the record shows what the kernel granted, not what was asked.
//
// The command never outlives its run: it is its own process group, which is killed when the run
// ends however it ends (exit, timeout, interrupt), and waited for until no member is left. The
// child gets SIGKILL when the thread that started it dies (PR_SET_PDEATHSIG); a keeper process,
// forked beside it, kills the group when this process dies (SIGKILL included) and holds
// held_descriptors (the CPU locks) until the group is gone. The death signal follows the thread
// that forked, so run_process is called from a thread that lives as long as the process (main).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace evident::host {

struct ProcessRequest {
  std::vector<std::string> argv;              // run directly (execvp: PATH lookup, no shell); must be non-empty
  std::vector<int> cpus;                      // pin with sched_setaffinity; empty: inherit
  std::optional<int> fifo_priority;           // SCHED_FIFO with this priority (1..99)
  std::optional<double> timeout_seconds;      // wall-time limit: SIGKILL the child's process group
  std::optional<std::uint64_t> memory_bytes;  // RLIMIT_AS (soft and hard)
  // A cgroup directory (as the host names it) the child joins, written to its cgroup.procs by
  // this process before the child is released: what the command and its descendants use is
  // charged to it. Should this process die, the keeper kills what is left in it and removes it.
  std::string cgroup;
  std::string working_directory;  // empty: inherit; relative argv[0] is found from here
  // Set (override) in the child, e.g. {"TMPDIR", dir}. A PATH given here is the one the command is
  // looked up in.
  std::vector<std::pair<std::string, std::string>> environment;
  // The child's standard output and error go to these descriptors (dup2 before exec); -1: inherit.
  // The caller owns them and reads what the command wrote once run_process returns.
  int stdout_fd = -1;
  int stderr_fd = -1;
  // Called with the child's pid, which is also its process group, just before the child is
  // released to run the command (e.g. to leave the group out of the busy processes sampled).
  std::function<void(int)> on_start;
  std::chrono::milliseconds tick_interval{100};
  std::function<void()> on_tick;  // called about every tick_interval while the child runs
  // Run the command in its own mount namespace with a fresh tmpfs on /tmp (and TMPDIR=/tmp), which
  // vanishes with the last process of the namespace; where that cannot be done (no CAP_SYS_ADMIN,
  // or an argument names a path below /tmp, which the mount would hide), as environment says.
  bool private_tmp = false;
  // Descriptors the keeper holds open until the command's process group is gone, also when this
  // process is killed: the CPU locks, so the next capture cannot start beside a leftover.
  std::vector<int> held_descriptors;
  // When it becomes true (a signal handler sets it), the child's group is killed and run_process
  // returns. Checked at least once per tick; a signal delivered to the waiting thread is seen at once.
  const std::atomic<bool>* interrupted = nullptr;
};

struct ProcessOutcome {
  int pid = 0;
  std::optional<int> exit_code;  // exited normally
  std::optional<int> signal;     // killed by this signal
  bool timed_out = false;
  bool interrupted = false;
  // Non-empty when the command could not be started, e.g. "ENOENT: ./bench"; then there is no
  // exit_code or signal.
  std::string start_error;
  // wall: from the release of the child to its reaping (CLOCK_MONOTONIC); user and sys from the
  // rusage of wait4, which includes the descendants the command waited for.
  double wall_seconds = 0, user_seconds = 0, sys_seconds = 0;
  // ru_maxrss * 1024. Linux counts the child's memory before exec too: a copy of the anonymous
  // memory of this process at fork.
  std::uint64_t max_rss_bytes = 0;
  std::int64_t voluntary_context_switches = 0, involuntary_context_switches = 0;
  // Cpus_allowed_list of /proc/PID/status as a JSON array of ints, or {"unreadable": "..."}.
  // Read before exec and once per tick; a command that widens its own affinity is recorded with
  // every CPU it was seen allowed on (the union of the readings).
  nlohmann::json affinity;
  // {"policy": "SCHED_FIFO", "priority": 1} as sched_getscheduler and sched_getparam report it for
  // the child, or {"unreadable": "..."}. Read before exec and once per tick; the first reading that
  // differs from the one before exec is the one kept.
  nlohmann::json scheduler;
  // Why SCHED_FIFO could not be set, e.g. "EPERM: sched_setscheduler(SCHED_FIFO, 1) needs
  // CAP_SYS_NICE". Recorded, not fatal: the run goes on with the inherited policy.
  std::string scheduler_problem;
  // Why the pinning could not be made exactly as asked, e.g. "EINVAL: sched_setaffinity(7): CPU 7
  // is not online". Then the command is not run (start_error says the same): an unpinned run must
  // never pass as pinned.
  std::string affinity_problem;
  // "private_mount" when the command had its own /tmp, else "tmpdir" (with why in tmp_problem
  // when a private /tmp was asked for, e.g. "EPERM: unshare(CLONE_NEWNS)").
  std::string tmp = "tmpdir";
  std::string tmp_problem;
};

// Whether this process can give a command a private /tmp: a forked probe tries the mount
// namespace and the tmpfs of ProcessRequest::private_tmp. "" when it can, else why not.
std::string private_tmp_problem();

ProcessOutcome run_process(const ProcessRequest& request);

namespace detail {
// How the end of the child is awaited: a pidfd and poll (Linux 5.3 and later), or, where
// pidfd_open is missing, short sleeps and waitpid(WNOHANG). run_process picks the first and falls
// back to the second; tests force the second.
enum class ExitWatch { pidfd, polling };
ProcessOutcome run_process(const ProcessRequest& request, ExitWatch watch);
}  // namespace detail

}  // namespace evident::host
