#include "host/process_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <iterator>
#include <string_view>
#include <system_error>

#include "core/cpu_list.h"
#include "core/text.h"
#include "host/host_root.h"

extern char** environ;  // NOLINT: the process environment, as POSIX declares it

namespace evident::host {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr int max_cpu_number = 8191;      // Linux's largest NR_CPUS, and the evidence schema's limit
constexpr int sched_deadline_policy = 6;  // SCHED_DEADLINE, which glibc's headers may not name
#ifdef SYS_pidfd_open
constexpr long pidfd_open_syscall = SYS_pidfd_open;
#else
constexpr long pidfd_open_syscall = 434;  // older headers: the same number on every architecture
#endif
constexpr std::size_t max_quoted_length = 200;
// How long the members of a killed group may take to go: SIGKILL is not instant for a process in
// uninterruptible sleep. After it, the run ends anyway (a zombie the init process has not reaped
// yet is a member too).
constexpr double group_exit_seconds = 2.0;

std::string errno_name(int error) {
  const char* name = strerrorname_np(error);
  return name != nullptr ? name : "E" + std::to_string(error);
}

json unreadable(const std::string& reason) { return json{{"unreadable", reason}}; }

// User text (a command, a directory) as it goes into a message.
std::string for_message(std::string_view text) { return shorten(printable(text), max_quoted_length); }

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double seconds_of(const timeval& time) {
  return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
}

timespec timespec_of(double seconds) {
  seconds = std::clamp(seconds, 0.0, 86400.0);  // the caller waits again after a day
  const double whole = std::floor(seconds);
  timespec result{};
  result.tv_sec = static_cast<time_t>(whole);
  result.tv_nsec = std::min(static_cast<long>((seconds - whole) * 1e9), 999999999L);
  return result;
}

// A file descriptor, closed when it goes out of scope.
class Descriptor {
 public:
  Descriptor() = default;
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

// What the child reports through the close-on-exec pipe when it fails before the command runs.
enum class ChildStage : int { memory_limit = 1, working_directory = 2, exec = 3, output = 4 };
struct ChildFailure {
  ChildStage stage;
  int error;
};

// How the child's /tmp was set up, sent to the parent over the go socket before it waits for go.
// stage says which call failed (0: none).
enum class TmpStage : int { none = 0, unshare = 1, make_private = 2, mount_tmpfs = 3 };
struct TmpReport {
  bool private_mount;
  TmpStage stage;
  int error;
};

// Gives this (single-threaded, forked) process its own mount namespace with a fresh tmpfs on /tmp,
// private so that nothing of it propagates to the host.
TmpReport make_private_tmp() {
  if (::unshare(CLONE_NEWNS) != 0) return {false, TmpStage::unshare, errno};
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    return {false, TmpStage::make_private, errno};
  }
  if (::mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777") != 0) {
    return {false, TmpStage::mount_tmpfs, errno};
  }
  return {true, TmpStage::none, 0};
}

std::string tmp_problem_text(const TmpReport& report) {
  const std::string error = errno_name(report.error) + ": ";
  switch (report.stage) {
    case TmpStage::unshare:
      return error + "unshare(CLONE_NEWNS)" + (report.error == EPERM ? " needs CAP_SYS_ADMIN" : "");
    case TmpStage::make_private:
      return error + "mount(/, MS_REC | MS_PRIVATE)";
    case TmpStage::mount_tmpfs:
      return error + "mount(tmpfs, /tmp)";
    case TmpStage::none:
      break;
  }
  return "";
}

// Everything the child needs, prepared before fork: between fork and exec the child makes only
// async-signal-safe calls, since another thread may hold the allocator's lock at fork.
struct ChildPlan {
  pid_t parent_pid = 0;       // this process, recorded before fork
  int go_fd = -1;             // the child's end of the go socket: one byte means go
  int parent_go_fd = -1;      // the parent's end, which the child closes
  int failure_read_fd = -1;   // the parent's end of the failure pipe, which the child closes
  int failure_write_fd = -1;  // close-on-exec: EOF tells the parent the exec succeeded
  char* const* argv = nullptr;
  char** environment = nullptr;          // nullptr: inherit this process's
  char** private_environment = nullptr;  // with TMPDIR=/tmp, for a private /tmp
  bool private_tmp = false;
  const char* working_directory = nullptr;
  std::optional<rlim_t> memory_limit;
  int stdout_fd = -1;  // -1: inherit
  int stderr_fd = -1;
};

[[noreturn]] void child_fails(const ChildPlan& plan, ChildStage stage, int error) {
  const ChildFailure failure{stage, error};
  [[maybe_unused]] const ssize_t written = ::write(plan.failure_write_fd, &failure, sizeof failure);
  ::_exit(127);
}

[[noreturn]] void run_child(const ChildPlan& plan) {
  ::setpgid(0, 0);
  // SIGKILL when the parent dies. Had it died before this call, the child now has another parent
  // and would never get the signal: then it ends here.
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != plan.parent_pid) ::_exit(127);
  ::close(plan.parent_go_fd);
  ::close(plan.failure_read_fd);
  // The command starts with no blocked signals and the default SIGPIPE, whatever this process uses.
  sigset_t no_signals;
  sigemptyset(&no_signals);
  sigprocmask(SIG_SETMASK, &no_signals, nullptr);
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigaction(SIGPIPE, &default_action, nullptr);

  const TmpReport tmp = plan.private_tmp ? make_private_tmp() : TmpReport{false, TmpStage::none, 0};
  if (::write(plan.go_fd, &tmp, sizeof tmp) != static_cast<ssize_t>(sizeof tmp)) ::_exit(127);

  char go = 0;
  ssize_t received = 0;
  do {
    received = ::read(plan.go_fd, &go, 1);
  } while (received < 0 && errno == EINTR);
  if (received != 1) ::_exit(127);  // the parent went away without releasing the child

  if (plan.memory_limit) {
    const rlimit limit{*plan.memory_limit, *plan.memory_limit};
    if (::setrlimit(RLIMIT_AS, &limit) != 0) child_fails(plan, ChildStage::memory_limit, errno);
  }
  if ((plan.stdout_fd >= 0 && ::dup2(plan.stdout_fd, STDOUT_FILENO) < 0) ||
      (plan.stderr_fd >= 0 && ::dup2(plan.stderr_fd, STDERR_FILENO) < 0)) {
    child_fails(plan, ChildStage::output, errno);
  }
  if (plan.working_directory != nullptr && ::chdir(plan.working_directory) != 0) {
    child_fails(plan, ChildStage::working_directory, errno);
  }
  // execvp looks the command up in the PATH of the environment it is given this way.
  if (tmp.private_mount) {
    environ = plan.private_environment;
  } else if (plan.environment != nullptr) {
    environ = plan.environment;
  }
  ::execvp(plan.argv[0], plan.argv);
  child_fails(plan, ChildStage::exec, errno);
}

std::string child_failure_message(const ChildFailure& failure, const ProcessRequest& request) {
  const std::string error = errno_name(failure.error) + ": ";
  switch (failure.stage) {
    case ChildStage::memory_limit:
      return error + "setrlimit(RLIMIT_AS, " + std::to_string(request.memory_bytes.value_or(0)) + ")";
    case ChildStage::working_directory:
      return error + "chdir(" + for_message(request.working_directory) + ")";
    case ChildStage::output:
      return error + "dup2 of the output descriptors";
    case ChildStage::exec:
      break;
  }
  return error + for_message(request.argv.front());
}

// This process's environment with the request's variables set; for a name given twice, the last.
std::vector<std::string> child_environment(const ProcessRequest& request) {
  const auto overridden = [&](std::string_view name) {
    return std::any_of(request.environment.begin(), request.environment.end(),
                       [&](const auto& variable) { return variable.first == name; });
  };
  std::vector<std::string> entries;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    if (!overridden(text.substr(0, text.find('=')))) entries.emplace_back(text);
  }
  for (auto it = request.environment.begin(); it != request.environment.end(); ++it) {
    const bool set_again = std::any_of(std::next(it), request.environment.end(),
                                       [&](const auto& later) { return later.first == it->first; });
    if (!set_again) entries.push_back(it->first + "=" + it->second);
  }
  return entries;
}

// Why the request cannot be run at all, or "" when it can.
std::string request_problem(const ProcessRequest& request) {
  if (request.argv.empty()) return "EINVAL: no command to run";
  for (std::size_t i = 0; i < request.argv.size(); ++i) {
    if (request.argv[i].find('\0') != std::string::npos) {
      return "EINVAL: argument " + std::to_string(i) + " holds a NUL byte";
    }
  }
  for (const auto& [name, value] : request.environment) {
    if (name.empty() || name.find_first_of(std::string_view("=\0", 2)) != std::string::npos ||
        value.find('\0') != std::string::npos) {
      return "EINVAL: cannot set the environment variable " + quote_for_message(name);
    }
  }
  if (request.working_directory.find('\0') != std::string::npos) {
    return "EINVAL: the working directory holds a NUL byte";
  }
  if (request.timeout_seconds && !(*request.timeout_seconds > 0)) {
    return "EINVAL: a timeout of " + format_number(*request.timeout_seconds) + " seconds";
  }
  return "";
}

// --- readings of the child -------------------------------------------------------------------

std::string_view status_field(std::string_view text, std::string_view name) {
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (line.size() > name.size() && line.starts_with(name) && line[name.size()] == ':') {
      line.remove_prefix(name.size() + 1);
      const std::size_t first = line.find_first_not_of(" \t");
      return first == std::string_view::npos ? std::string_view() : line.substr(first);
    }
  }
  return {};
}

json read_affinity(const HostRoot& proc, int pid) {
  const std::string path = "/proc/" + std::to_string(pid) + "/status";
  const Reading reading = proc.read(path);
  if (!reading.value) return unreadable(reading.reason);
  const std::string_view list = status_field(*reading.value, "Cpus_allowed_list");
  if (list.empty()) return unreadable("ENODATA: no Cpus_allowed_list in " + path);
  if (const std::optional<std::vector<int>> cpus = parse_cpu_list(list)) return *cpus;
  return unreadable("EINVAL: " + path + " holds the Cpus_allowed_list " + quote_for_message(list, 40));
}

std::optional<std::string> policy_name(int policy) {
  switch (policy) {
    case SCHED_OTHER:
      return "SCHED_OTHER";
    case SCHED_FIFO:
      return "SCHED_FIFO";
    case SCHED_RR:
      return "SCHED_RR";
    case SCHED_BATCH:
      return "SCHED_BATCH";
    case SCHED_IDLE:
      return "SCHED_IDLE";
    case sched_deadline_policy:
      return "SCHED_DEADLINE";
    default:
      return std::nullopt;
  }
}

json read_scheduler(int pid) {
  const std::string call = "(" + std::to_string(pid) + ")";
  const int policy = ::sched_getscheduler(pid);
  if (policy < 0) return unreadable(errno_name(errno) + ": sched_getscheduler" + call);
  sched_param parameters{};
  if (::sched_getparam(pid, &parameters) != 0) return unreadable(errno_name(errno) + ": sched_getparam" + call);
  const std::optional<std::string> name = policy_name(policy & ~SCHED_RESET_ON_FORK);
  if (!name)
    return unreadable("EINVAL: sched_getscheduler" + call + " gave the unknown policy " + std::to_string(policy));
  return json{{"policy", *name}, {"priority", parameters.sched_priority}};
}

// The readings of a running child, merged so that a change the command makes to itself shows:
// every CPU it was seen allowed on, and the first policy that differs from the one before exec.
class ChildReadings {
 public:
  ChildReadings(const HostRoot& proc, int pid) : proc_(proc), pid_(pid) {
    affinity_ = read_affinity(proc_, pid_);
    scheduler_ = read_scheduler(pid_);
    scheduler_before_exec_ = scheduler_;
  }

  // Best effort: a reading that fails (the child is gone) leaves the earlier ones.
  void sample() {
    const json affinity = read_affinity(proc_, pid_);
    if (affinity.is_array() && affinity != affinity_) {
      if (!affinity_.is_array()) {
        affinity_ = affinity;
      } else {
        std::vector<int> seen = affinity_.get<std::vector<int>>();
        const std::vector<int> now = affinity.get<std::vector<int>>();
        std::vector<int> merged;
        std::set_union(seen.begin(), seen.end(), now.begin(), now.end(), std::back_inserter(merged));
        affinity_ = merged;
      }
    }
    if (scheduler_changed_) return;
    json scheduler = read_scheduler(pid_);
    if (scheduler.contains("policy") && scheduler != scheduler_before_exec_) {
      scheduler_ = std::move(scheduler);
      scheduler_changed_ = true;
    }
  }

  const json& affinity() const { return affinity_; }
  const json& scheduler() const { return scheduler_; }

 private:
  const HostRoot& proc_;
  int pid_;
  json affinity_, scheduler_, scheduler_before_exec_;
  bool scheduler_changed_ = false;
};

// --- pinning and policy --------------------------------------------------------------------------

// A CPU mask large enough for every CPU Linux numbers, in the layout the kernel reads.
using CpuMask = std::vector<unsigned long>;
constexpr std::size_t bits_per_word = sizeof(unsigned long) * 8;

CpuMask mask_of(const std::vector<int>& cpus) {
  CpuMask mask((static_cast<std::size_t>(max_cpu_number) + bits_per_word) / bits_per_word, 0);
  for (const int cpu : cpus) {
    const auto bit = static_cast<std::size_t>(cpu);
    mask[bit / bits_per_word] |= 1UL << (bit % bits_per_word);
  }
  return mask;
}

std::vector<int> cpus_of(const CpuMask& mask) {
  std::vector<int> cpus;
  for (std::size_t bit = 0; bit < mask.size() * bits_per_word; ++bit) {
    if (((mask[bit / bits_per_word] >> (bit % bits_per_word)) & 1UL) != 0) cpus.push_back(static_cast<int>(bit));
  }
  return cpus;
}

cpu_set_t* as_cpu_set(CpuMask& mask) { return reinterpret_cast<cpu_set_t*>(mask.data()); }

std::size_t byte_size(const CpuMask& mask) { return mask.size() * sizeof(unsigned long); }

// "CPU 7 is not online", "CPUs 7-8 are not online; CPU 1 is not allowed to this process (cpuset)".
std::string why_cpus_missing(const std::vector<int>& missing) {
  const Reading online_reading = HostRoot("/").read("/sys/devices/system/cpu/online");
  const std::optional<std::vector<int>> online =
      online_reading.value ? parse_cpu_list(*online_reading.value) : std::nullopt;
  const auto describe = [](const std::vector<int>& cpus, const std::string& what) {
    return (cpus.size() == 1 ? "CPU " : "CPUs ") + format_cpu_list(cpus) + (cpus.size() == 1 ? " is " : " are ") + what;
  };
  if (!online) return describe(missing, "not online or not allowed to this process");
  std::vector<int> offline, not_allowed;
  for (const int cpu : missing) {
    (std::binary_search(online->begin(), online->end(), cpu) ? not_allowed : offline).push_back(cpu);
  }
  std::string text;
  if (!offline.empty()) text = describe(offline, "not online");
  if (!not_allowed.empty()) {
    text += (text.empty() ? "" : "; ") + describe(not_allowed, "not allowed to this process (cpuset)");
  }
  return text;
}

// Pins the child to exactly cpus; why not, or "" when it is.
std::string pin(int pid, std::vector<int> cpus) {
  std::sort(cpus.begin(), cpus.end());
  cpus.erase(std::unique(cpus.begin(), cpus.end()), cpus.end());
  if (cpus.front() < 0 || cpus.back() > max_cpu_number) {
    const int cpu = cpus.front() < 0 ? cpus.front() : cpus.back();
    return "EINVAL: CPU " + std::to_string(cpu) + " is not a CPU number (0 to " + std::to_string(max_cpu_number) + ")";
  }
  const std::string call = "sched_setaffinity(" + format_cpu_list(cpus) + ")";
  CpuMask requested = mask_of(cpus);
  if (::sched_setaffinity(pid, byte_size(requested), as_cpu_set(requested)) != 0) {
    const int error = errno;
    if (error != EINVAL) return errno_name(error) + ": " + call;
    return "EINVAL: " + call + ": " + why_cpus_missing(cpus);
  }
  // The kernel drops offline CPUs and those outside the cpuset from a mask that keeps at least
  // one: what it granted is read back, and anything less than asked is refused.
  CpuMask granted(requested.size(), 0);
  if (::sched_getaffinity(pid, byte_size(granted), as_cpu_set(granted)) != 0) {
    return errno_name(errno) + ": sched_getaffinity(" + std::to_string(pid) + ")";
  }
  const std::vector<int> granted_cpus = cpus_of(granted);
  if (granted_cpus == cpus) return "";
  std::vector<int> missing;
  std::set_difference(cpus.begin(), cpus.end(), granted_cpus.begin(), granted_cpus.end(), std::back_inserter(missing));
  return "EINVAL: " + call + " gave " + format_cpu_list(granted_cpus) + ": " + why_cpus_missing(missing);
}

// Gives the child SCHED_FIFO; why not, or "" when it has it.
std::string make_fifo(int pid, int priority) {
  sched_param parameters{};
  parameters.sched_priority = priority;
  if (::sched_setscheduler(pid, SCHED_FIFO, &parameters) == 0) return "";
  const int error = errno;
  std::string problem = errno_name(error) + ": sched_setscheduler(SCHED_FIFO, " + std::to_string(priority) + ")";
  if (error == EINVAL) problem += ": the priority must be 1 to 99";
  // Root without a real-time budget in its cgroup gets EPERM as well.
  if (error == EPERM) problem += ::geteuid() == 0 ? " needs a real-time runtime in this cgroup" : " needs CAP_SYS_NICE";
  return problem;
}

// --- the child's life ----------------------------------------------------------------------------

// The forked child: waited for through a pidfd or by polling, killed with its group, and killed
// and reaped when it goes out of scope unreaped, so no path leaves a process behind.
class Child {
 public:
  explicit Child(pid_t pid) : pid_(pid) {}
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    if (!reaped_) {
      kill_group();
      while (::wait4(pid_, &status_, 0, &usage_) < 0 && errno == EINTR) {
      }
    }
    end_group();
  }

  void watch(detail::ExitWatch how) {
    if (how != detail::ExitWatch::pidfd) return;
    // Any failure (ENOSYS before Linux 5.3, EMFILE) leaves polling, which works everywhere.
    const long fd = ::syscall(pidfd_open_syscall, pid_, 0);
    if (fd >= 0) pidfd_.reset(static_cast<int>(fd));
  }

  void kill_group() const {
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);  // in case the group was never made
  }

  // Waits at most seconds for the child to end; true when it has. False early on EINTR, so that
  // the caller looks at the interrupted flag.
  bool wait_for_exit(double seconds) {
    if (reaped_) return true;
    if (pidfd_.get() >= 0) {
      pollfd descriptor{pidfd_.get(), POLLIN, 0};
      const timespec limit = timespec_of(seconds);
      const int ready = ::ppoll(&descriptor, 1, &limit, nullptr);
      if (ready < 0 && errno != EINTR) throw std::system_error(errno, std::generic_category(), "ppoll on a pidfd");
      return ready > 0;
    }
    const auto until = Clock::now() + std::chrono::duration<double>(std::clamp(seconds, 0.0, 86400.0));
    for (;;) {
      if (try_reap()) return true;
      const auto left = until - Clock::now();
      if (left <= Clock::duration::zero()) return false;
      const timespec pause = timespec_of(std::min(poll_pause_, std::chrono::duration<double>(left).count()));
      poll_pause_ = std::min(poll_pause_ * 2, max_poll_pause);
      if (::nanosleep(&pause, nullptr) != 0) return false;
    }
  }

  // Reaps the child, waiting for it to end.
  void reap() {
    while (!reaped_) {
      if (::wait4(pid_, &status_, 0, &usage_) == pid_) {
        reaped_ = true;
      } else if (errno != EINTR) {
        throw std::system_error(errno, std::generic_category(), "wait4 on the command");
      }
    }
  }

  int status() const { return status_; }
  const rusage& usage() const { return usage_; }

  // Once the child is reaped: kills what is left of its group (what it started in the background)
  // and waits until no member is left, reaping those that were orphaned to this process.
  void end_group() {
    if (!reaped_ || group_ended_) return;
    group_ended_ = true;
    const auto until = Clock::now() + std::chrono::duration<double>(group_exit_seconds);
    for (;;) {
      ::kill(-pid_, SIGKILL);
      while (::waitpid(-pid_, nullptr, WNOHANG) > 0) {
      }
      if (::kill(-pid_, 0) != 0 || Clock::now() >= until) return;
      const timespec pause = timespec_of(0.001);
      ::nanosleep(&pause, nullptr);
    }
  }

 private:
  bool try_reap() {
    const pid_t result = ::wait4(pid_, &status_, WNOHANG, &usage_);
    if (result < 0 && errno != EINTR) throw std::system_error(errno, std::generic_category(), "wait4 on the command");
    reaped_ = result == pid_;
    return reaped_;
  }

  static constexpr double max_poll_pause = 0.005;
  pid_t pid_;
  Descriptor pidfd_;
  double poll_pause_ = 0.00005;  // doubles up to max_poll_pause: a short command costs little
  bool reaped_ = false;
  bool group_ended_ = false;
  int status_ = 0;
  rusage usage_{};
};

// --- the keeper ----------------------------------------------------------------------------------

// What the keeper needs, prepared before its fork (it makes only async-signal-safe calls).
struct KeeperPlan {
  pid_t group = 0;
  const char* cgroup = nullptr;        // the run's cgroup directory, or nullptr
  const char* cgroup_procs = nullptr;  // its cgroup.procs
  int watch_fd = -1;                   // the read end of the keeper pipe: a byte means "done", EOF that evident died
  std::vector<int> keep;               // descriptors it keeps open, sorted: watch_fd and the held ones
};

// Closes every descriptor but those in keep (sorted).
void close_all_but(const std::vector<int>& keep) {
  unsigned int next = 0;
  for (const int fd : keep) {
    const auto kept = static_cast<unsigned int>(fd);
    if (kept > next) ::close_range(next, kept - 1, 0);
    next = kept + 1;
  }
  ::close_range(next, ~0U, 0);
}

// Kills the processes of a cgroup and removes it, for at most group_exit_seconds; only
// async-signal-safe calls, for the keeper.
void remove_cgroup(const KeeperPlan& plan) {
  timespec start{};
  ::clock_gettime(CLOCK_MONOTONIC, &start);
  for (;;) {
    if (::rmdir(plan.cgroup) == 0 || errno != EBUSY) return;
    const int fd = ::open(plan.cgroup_procs, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      char buffer[4096];
      long pid = 0;
      bool digits = false;
      for (ssize_t count = ::read(fd, buffer, sizeof buffer); count > 0; count = ::read(fd, buffer, sizeof buffer)) {
        for (ssize_t i = 0; i < count; ++i) {
          if (buffer[i] >= '0' && buffer[i] <= '9') {
            pid = pid * 10 + (buffer[i] - '0');
            digits = true;
          } else {
            if (digits && pid > 0) ::kill(static_cast<pid_t>(pid), SIGKILL);
            pid = 0;
            digits = false;
          }
        }
      }
      if (digits && pid > 0) ::kill(static_cast<pid_t>(pid), SIGKILL);
      ::close(fd);
    }
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    if (static_cast<double>(now.tv_sec - start.tv_sec) >= group_exit_seconds) return;
    const timespec pause{0, 1000000};
    ::nanosleep(&pause, nullptr);
  }
}

// Kills the group until it is gone, for at most group_exit_seconds.
void kill_group_until_gone(pid_t group) {
  timespec start{};
  ::clock_gettime(CLOCK_MONOTONIC, &start);
  for (;;) {
    if (::kill(-group, SIGKILL) != 0) return;
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    if (static_cast<double>(now.tv_sec - start.tv_sec) >= group_exit_seconds) return;
    const timespec pause{0, 1000000};
    ::nanosleep(&pause, nullptr);
  }
}

[[noreturn]] void run_keeper(const KeeperPlan& plan) {
  // It must outlive evident: the signals that end evident (a terminal's Ctrl-C reaches the whole
  // foreground group) are ignored; SIGKILL cannot be, and is not sent to it.
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE})
    sigaction(signal_number, &ignore, nullptr);
  sigset_t no_signals;
  sigemptyset(&no_signals);
  sigprocmask(SIG_SETMASK, &no_signals, nullptr);
  close_all_but(plan.keep);
  char byte = 0;
  ssize_t received = 0;
  do {
    received = ::read(plan.watch_fd, &byte, 1);
  } while (received < 0 && errno == EINTR);
  // One byte: evident ended the group itself. End of file: evident is gone, the group may not be,
  // and nobody else would remove the run's cgroup.
  if (received != 1) {
    kill_group_until_gone(plan.group);
    if (plan.cgroup != nullptr) remove_cgroup(plan);
  }
  ::_exit(0);
}

// The keeper of one child's group: forked after the child, told "done" once evident has ended the
// group itself, and reaped.
class Keeper {
 public:
  Keeper() = default;
  Keeper(const Keeper&) = delete;
  Keeper& operator=(const Keeper&) = delete;
  ~Keeper() { release(); }

  // Starts the keeper of group; an error ("EAGAIN: fork of the keeper"), or "".
  std::string start(pid_t group, const std::vector<int>& held, const std::string& cgroup) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return errno_name(errno) + ": pipe2 for the keeper";
    Descriptor watch(fds[0]);
    write_end_.reset(fds[1]);
    KeeperPlan plan;
    plan.group = group;
    if (!cgroup.empty()) {
      cgroup_procs_ = cgroup + "/cgroup.procs";
      plan.cgroup = cgroup.c_str();
      plan.cgroup_procs = cgroup_procs_.c_str();
    }
    plan.watch_fd = fds[0];
    plan.keep = held;
    plan.keep.push_back(fds[0]);
    std::sort(plan.keep.begin(), plan.keep.end());
    plan.keep.erase(std::unique(plan.keep.begin(), plan.keep.end()), plan.keep.end());
    pid_ = ::fork();
    if (pid_ < 0) {
      write_end_.reset();
      return errno_name(errno) + ": fork of the keeper";
    }
    if (pid_ == 0) run_keeper(plan);
    return "";
  }

  // The group is gone: the keeper exits without killing anything, and is reaped.
  void release() {
    if (pid_ <= 0) return;
    [[maybe_unused]] const ssize_t written = ::write(write_end_.get(), "d", 1);
    write_end_.reset();
    while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
    pid_ = 0;
  }

 private:
  pid_t pid_ = 0;
  Descriptor write_end_;
  std::string cgroup_procs_;
};

void record_ending(const Child& child, double wall_seconds, ProcessOutcome& outcome) {
  const int status = child.status();
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  const rusage& usage = child.usage();
  outcome.wall_seconds = wall_seconds;
  outcome.user_seconds = seconds_of(usage.ru_utime);
  outcome.sys_seconds = seconds_of(usage.ru_stime);
  outcome.max_rss_bytes = static_cast<std::uint64_t>(std::max(usage.ru_maxrss, 0L)) * 1024;
  outcome.voluntary_context_switches = usage.ru_nvcsw;
  outcome.involuntary_context_switches = usage.ru_nivcsw;
}

// The argument and environment arrays of execve, built before fork: the child only reads them.
class ExecArrays {
 public:
  ExecArrays(const ProcessRequest& request, bool private_tmp) {
    for (const std::string& argument : request.argv) argv_.push_back(const_cast<char*>(argument.c_str()));
    argv_.push_back(nullptr);
    if (private_tmp) {
      ProcessRequest with_tmp;
      with_tmp.environment = request.environment;
      with_tmp.environment.emplace_back("TMPDIR", "/tmp");
      private_entries_ = child_environment(with_tmp);
      for (std::string& entry : private_entries_) private_environment_.push_back(entry.data());
      private_environment_.push_back(nullptr);
    }
    if (request.environment.empty()) return;
    environment_entries_ = child_environment(request);
    for (std::string& entry : environment_entries_) environment_.push_back(entry.data());
    environment_.push_back(nullptr);
  }
  ExecArrays(const ExecArrays&) = delete;
  ExecArrays& operator=(const ExecArrays&) = delete;
  char* const* argv() const { return argv_.data(); }
  // nullptr: the child inherits this process's environment.
  char** environment() { return environment_.empty() ? nullptr : environment_.data(); }
  // With TMPDIR=/tmp; nullptr when no private /tmp is asked for.
  char** private_environment() { return private_environment_.empty() ? nullptr : private_environment_.data(); }

 private:
  std::vector<char*> argv_;
  std::vector<std::string> environment_entries_, private_entries_;
  std::vector<char*> environment_, private_environment_;
};

// The go socket (the parent releases the child with one byte) and the close-on-exec failure pipe.
struct Channels {
  Descriptor parent_go, child_go;
  Descriptor failure_read, failure_write;

  // Opens both; the error ("EMFILE: pipe2") when one cannot be made, else empty.
  std::string open() {
    int go_fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, go_fds) != 0) return errno_name(errno) + ": socketpair";
    parent_go.reset(go_fds[0]);
    child_go.reset(go_fds[1]);
    int failure_fds[2];
    if (::pipe2(failure_fds, O_CLOEXEC) != 0) return errno_name(errno) + ": pipe2";
    failure_read.reset(failure_fds[0]);
    failure_write.reset(failure_fds[1]);
    return {};
  }
};

ChildPlan child_plan(const ProcessRequest& request, const Channels& channels, ExecArrays& arrays) {
  ChildPlan plan;
  plan.parent_pid = ::getpid();
  plan.go_fd = channels.child_go.get();
  plan.parent_go_fd = channels.parent_go.get();
  plan.failure_read_fd = channels.failure_read.get();
  plan.failure_write_fd = channels.failure_write.get();
  plan.argv = arrays.argv();
  plan.environment = arrays.environment();
  plan.private_environment = arrays.private_environment();
  plan.private_tmp = plan.private_environment != nullptr;
  plan.working_directory = request.working_directory.empty() ? nullptr : request.working_directory.c_str();
  if (request.memory_bytes) plan.memory_limit = static_cast<rlim_t>(*request.memory_bytes);
  plan.stdout_fd = request.stdout_fd;
  plan.stderr_fd = request.stderr_fd;
  return plan;
}

// Reads exactly size bytes; false at an end of file or error before that.
bool read_all(int fd, void* data, std::size_t size) {
  std::size_t received = 0;
  while (received < size) {
    const ssize_t count = ::read(fd, static_cast<char*>(data) + received, size - received);
    if (count > 0) {
      received += static_cast<std::size_t>(count);
    } else if (count == 0 || errno != EINTR) {
      return false;
    }
  }
  return true;
}

// What the child wrote to the failure pipe before exec failed; nothing at EOF, when exec succeeded.
std::optional<ChildFailure> read_child_failure(int failure_read_fd) {
  ChildFailure failure{};
  if (read_all(failure_read_fd, &failure, sizeof failure)) return failure;
  return std::nullopt;
}

// The entries of the host's /tmp that an argument names: "/tmp/X" at the start of the argument or
// after a character that cannot be part of a path in a shell command ("sh -c 'bench > /tmp/X/log'").
std::vector<std::string> tmp_entries_named(std::string_view argument) {
  constexpr std::string_view before_path = " \t\n'\"=:;<>|&(){}`,";
  constexpr std::string_view after_entry = " \t\n'\"/:;<>|&(){}`,$*?[";
  std::vector<std::string> entries;
  for (std::size_t at = argument.find("/tmp/"); at != std::string_view::npos; at = argument.find("/tmp/", at + 1)) {
    if (at > 0 && before_path.find(argument[at - 1]) == std::string_view::npos) continue;
    const std::size_t end = argument.find_first_of(after_entry, at + 5);
    const std::string_view entry = argument.substr(at, end == std::string_view::npos ? end : end - at);
    if (entry.size() > 5 && entry != "/tmp/." && entry != "/tmp/..") entries.emplace_back(entry);
  }
  return entries;
}

// Why a private /tmp would hide what the command needs: an argument that names something that
// exists in the host's /tmp (a program, its input, a directory for its output), or a working
// directory below /tmp; "" when nothing does. A path below /tmp that does not exist yet is scratch
// the command makes, and belongs in its private /tmp.
std::string hidden_by_private_tmp(const ProcessRequest& request) {
  for (std::size_t i = 0; i < request.argv.size(); ++i) {
    for (const std::string& entry : tmp_entries_named(request.argv[i])) {
      struct stat status {};
      if (::lstat(entry.c_str(), &status) == 0) {
        return "argument " + std::to_string(i) + " names " + quote_for_message(entry) +
               " of the host's /tmp, which a private /tmp would hide";
      }
    }
  }
  const std::string_view directory = request.working_directory;
  if (directory == "/tmp" || directory.starts_with("/tmp/")) {
    return "the working directory is below /tmp, which a private /tmp would hide";
  }
  return "";
}

// Waits for the released child to end, sampling its readings every tick, and kills it at the
// timeout or when the run is interrupted (both recorded in outcome).
void supervise(const ProcessRequest& request, Child& child, ChildReadings& readings, Clock::time_point released,
               ProcessOutcome& outcome) {
  const auto is_interrupted = [&] { return request.interrupted != nullptr && request.interrupted->load(); };
  const double tick_seconds = std::max(std::chrono::duration<double>(request.tick_interval).count(), 0.001);
  double next_tick = tick_seconds;
  for (;;) {
    if (is_interrupted()) {
      child.kill_group();
      outcome.interrupted = true;
      return;
    }
    const double elapsed = seconds_since(released);
    if (request.timeout_seconds && elapsed >= *request.timeout_seconds) {
      if (child.wait_for_exit(0)) return;  // it ended in time, and was only seen late
      child.kill_group();
      outcome.timed_out = true;
      return;
    }
    if (elapsed >= next_tick) {
      readings.sample();
      if (request.on_tick) request.on_tick();
      next_tick = seconds_since(released) + tick_seconds;
      continue;
    }
    double wait = next_tick - elapsed;
    if (request.timeout_seconds) wait = std::min(wait, *request.timeout_seconds - elapsed);
    if (child.wait_for_exit(wait)) return;
  }
}

// Moves the waiting child into the cgroup; "" or why it could not be.
std::string join_cgroup(const std::string& cgroup, pid_t pid) {
  const std::string procs = cgroup + "/cgroup.procs";
  const Descriptor fd(::open(procs.c_str(), O_WRONLY | O_CLOEXEC));
  if (fd.get() < 0) return errno_name(errno) + ": " + procs;
  const std::string text = std::to_string(pid);
  if (::write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    return errno_name(errno) + ": writing " + text + " to " + procs;
  }
  return "";
}

// Pins the waiting child and sets its policy, which exec keeps (both problems recorded in outcome).
void prepare_child(const ProcessRequest& request, pid_t pid, ProcessOutcome& outcome) {
  if (!request.cpus.empty()) outcome.affinity_problem = pin(pid, request.cpus);
  if (outcome.affinity_problem.empty() && request.fifo_priority) {
    outcome.scheduler_problem = make_fifo(pid, *request.fifo_priority);
  }
}

}  // namespace

ProcessOutcome detail::run_process(const ProcessRequest& request, ExitWatch watch) {
  // What the command leaves in its group when it exits becomes this process's child, so that
  // ending the group can reap it; without this it would go to init, a zombie until init reaps it.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  ProcessOutcome outcome;
  outcome.start_error = request_problem(request);
  if (!outcome.start_error.empty()) return outcome;

  // Everything the child uses is built before fork.
  const std::string tmp_refusal = request.private_tmp ? hidden_by_private_tmp(request) : "";
  ExecArrays arrays(request, request.private_tmp && tmp_refusal.empty());
  Channels channels;
  outcome.start_error = channels.open();
  if (!outcome.start_error.empty()) return outcome;
  const ChildPlan plan = child_plan(request, channels, arrays);
  const pid_t pid = ::fork();
  if (pid < 0) {
    outcome.start_error = errno_name(errno) + ": fork";
    return outcome;
  }
  if (pid == 0) run_child(plan);

  outcome.pid = pid;
  channels.child_go.reset();
  channels.failure_write.reset();
  ::setpgid(pid, pid);  // the child does the same: the group exists whichever runs first
  // Destroyed in reverse order: the child and its group are ended before the keeper lets go.
  Keeper keeper;
  Child child(pid);
  outcome.start_error = keeper.start(pid, request.held_descriptors, request.cgroup);
  if (!outcome.start_error.empty()) return outcome;  // the child is killed unreleased
  TmpReport tmp{};
  if (!read_all(channels.parent_go.get(), &tmp, sizeof tmp)) {
    outcome.start_error = "ECHILD: the child ended before it could run the command";
    return outcome;
  }
  outcome.tmp = tmp.private_mount ? "private_mount" : "tmpdir";
  if (request.private_tmp && !tmp.private_mount) {
    outcome.tmp_problem = tmp_refusal.empty() ? tmp_problem_text(tmp) : tmp_refusal;
  }

  // The child waits for the go byte: pin it and set its policy, and read both back from the child itself.
  prepare_child(request, pid, outcome);
  const HostRoot proc("/");
  ChildReadings readings(proc, pid);
  outcome.affinity = readings.affinity();
  outcome.scheduler = readings.scheduler();
  if (!outcome.affinity_problem.empty()) {
    outcome.start_error = outcome.affinity_problem;
    return outcome;  // the child is killed unreleased
  }
  if (!request.cgroup.empty()) {
    outcome.start_error = join_cgroup(request.cgroup, pid);
    if (!outcome.start_error.empty()) return outcome;  // the child is killed unreleased: no run without its limit
  }
  if (request.interrupted != nullptr && request.interrupted->load()) {
    outcome.interrupted = true;
    return outcome;
  }
  child.watch(watch);
  if (request.on_start) request.on_start(pid);

  const Clock::time_point released = Clock::now();
  // MSG_NOSIGNAL: a child killed meanwhile must not raise SIGPIPE here; its status tells instead.
  ::send(channels.parent_go.get(), "g", 1, MSG_NOSIGNAL);
  channels.parent_go.reset();
  if (const std::optional<ChildFailure> failure = read_child_failure(channels.failure_read.get())) {
    outcome.start_error = child_failure_message(*failure, request);
    child.reap();
    return outcome;
  }
  supervise(request, child, readings, released, outcome);
  child.reap();
  record_ending(child, seconds_since(released), outcome);
  child.end_group();
  outcome.affinity = readings.affinity();
  outcome.scheduler = readings.scheduler();
  return outcome;
}

ProcessOutcome run_process(const ProcessRequest& request) {
  return detail::run_process(request, detail::ExitWatch::pidfd);
}

std::string private_tmp_problem() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return errno_name(errno) + ": pipe2";
  Descriptor read_end(fds[0]);
  Descriptor write_end(fds[1]);
  const pid_t pid = ::fork();
  if (pid < 0) return errno_name(errno) + ": fork";
  if (pid == 0) {
    const TmpReport report = make_private_tmp();
    ::_exit(::write(fds[1], &report, sizeof report) == static_cast<ssize_t>(sizeof report) ? 0 : 1);
  }
  write_end.reset();
  TmpReport report{};
  const bool received = read_all(read_end.get(), &report, sizeof report);
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
  if (!received) return "ECHILD: the probe ended without an answer";
  return report.private_mount ? "" : tmp_problem_text(report);
}

}  // namespace evident::host
