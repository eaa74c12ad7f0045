// evident capture -- CMD... : run a benchmark pinned to reserved CPUs, repeatedly, and write
// evidence of it: the host before and after, every run's outcome, what was busy on the CPUs, and
// the class the policy derives from those readings.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <ostream>
#include <set>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/version.h"
#include "core/capture_evidence.h"
#include "core/classification.h"
#include "core/cpu_list.h"
#include "core/statistics.h"
#include "core/text.h"
#include "host/busy_sampler.h"
#include "host/cpu_lock.h"
#include "host/host_snapshot.h"
#include "host/memory_cgroup.h"
#include "host/process_runner.h"
#include "io/files/atomic_file.h"
#include "io/output/verdict_render.h"

namespace evident::cli {
namespace {

namespace fs = std::filesystem;

std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int) { interrupted.store(true); }

// SIGINT, SIGTERM and SIGHUP end the capture cleanly: the child is killed, the temporary
// directory removed, and nothing is written. No SA_RESTART, so a wait for a lock is interrupted too.
class InterruptGuard {
 public:
  InterruptGuard() {
    interrupted.store(false);
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    for (std::size_t i = 0; i < signals_.size(); ++i) sigaction(signals_[i], &action, &previous_[i]);
  }
  ~InterruptGuard() {
    for (std::size_t i = 0; i < signals_.size(); ++i) sigaction(signals_[i], &previous_[i], nullptr);
  }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  std::array<int, 3> signals_{SIGINT, SIGTERM, SIGHUP};
  std::array<struct sigaction, 3> previous_{};
};

struct CaptureOptions {
  std::string cpus_text;
  std::optional<int> fifo;
  std::size_t runs = 10;
  std::size_t warmup = 1;
  std::optional<double> timeout;
  std::optional<std::uint64_t> memory;         // a cgroup's limit
  std::optional<std::uint64_t> memory_rlimit;  // RLIMIT_AS
  std::string cleanup;
  std::vector<std::string> labels;
  std::string suite = "capture";
  std::string benchmark;
  std::string profile;
  std::string output;
  std::string policy_path;
  std::string root = "/";
  std::string lock_dir = "/run/lock";
  bool force = false, keep_going = false, allow_smt = false, no_wait = false;
  bool record_command_lines = false;
  std::vector<std::string> command;
};

// A private temporary directory for the runs, removed however the capture ends.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/evident-capture-XXXXXX";
    if (!::mkdtemp(pattern.data())) throw UsageError("cannot create a temporary directory below " + pattern);
    path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Two requested CPUs on one core share its execution units: the runs would disturb each other.
void check_smt_siblings(const host::HostRoot& root, const std::vector<int>& cpus) {
  const std::set<int> requested(cpus.begin(), cpus.end());
  for (int cpu : cpus) {
    const host::Reading siblings =
        root.read("/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/thread_siblings_list");
    if (!siblings.value) continue;
    const std::optional<std::vector<int>> list = parse_cpu_list(*siblings.value);
    if (!list) continue;
    for (int sibling : *list) {
      if (sibling != cpu && requested.count(sibling)) {
        throw UsageError("CPUs " + std::to_string(cpu) + " and " + std::to_string(sibling) +
                         " are SMT siblings of one core; pick one CPU per core, or pass --allow-smt");
      }
    }
  }
}

// A suite or benchmark name as the evidence format allows it (the id separator '/' excluded), so a
// capture never ends in a file that fails validation.
void check_name(const std::string& option, const std::string& name) {
  if (name.empty() || name.size() > 200 || name.find('/') != std::string::npos || has_control_character(name) ||
      name.front() == ' ' || name.back() == ' ') {
    throw UsageError(option + " " + quote_for_message(name) +
                     ": a name is 1 to 200 characters, without '/', control characters or spaces at either end");
  }
}

host::ProcessRequest process_request(const CaptureOptions& options, const std::vector<int>& cpus,
                                     const std::string& temporary, const Invocation& invocation) {
  host::ProcessRequest request;
  // A private /tmp where this process may make one; the tests force the fallback to see it.
  request.private_tmp = invocation.environment("EVIDENT_TEST_NO_PRIVATE_TMP").value_or("").empty();
  request.argv = options.command;
  request.cpus = cpus;
  request.fifo_priority = options.fifo;
  request.timeout_seconds = options.timeout;
  request.memory_bytes = options.memory_rlimit;
  request.environment = {{"TMPDIR", temporary}};
  request.interrupted = &interrupted;
  return request;
}

CapturedRun captured(const host::ProcessOutcome& outcome, bool warmup, const CaptureOptions& options) {
  CapturedRun run;
  if (options.memory_rlimit) {
    run.memory_mechanism = "rlimit_as";
    run.memory_limit_bytes = *options.memory_rlimit;
  }
  run.warmup = warmup;
  run.exit_code = outcome.exit_code;
  run.signal = outcome.signal;
  run.timed_out = outcome.timed_out;
  run.wall_seconds = outcome.wall_seconds;
  run.user_seconds = outcome.user_seconds;
  run.sys_seconds = outcome.sys_seconds;
  run.max_rss_bytes = outcome.max_rss_bytes;
  run.voluntary_context_switches = outcome.voluntary_context_switches;
  run.involuntary_context_switches = outcome.involuntary_context_switches;
  run.affinity = outcome.affinity;
  run.scheduler = outcome.scheduler;
  run.tmp = outcome.tmp;
  return run;
}

std::string outcome_text(const host::ProcessOutcome& outcome, const CapturedRun& run) {
  if (outcome.timed_out) return "timed out";
  if (run.oom_killed) {
    return "killed by the OOM killer at the memory limit (" + run.memory_mechanism + ", " +
           std::to_string(run.memory_limit_bytes) + " bytes; peak " +
           (run.memory_peak_bytes ? std::to_string(*run.memory_peak_bytes) + " bytes" : "unreadable") +
           "): capture.oom_killed";
  }
  if (outcome.signal) return "killed by signal " + std::to_string(*outcome.signal);
  if (outcome.exit_code && *outcome.exit_code != 0) return "exit status " + std::to_string(*outcome.exit_code);
  return "ok";
}

// The cleanup command, through /bin/sh as the user wrote it, in the runs' temporary directory.
nlohmann::json run_cleanup(const CaptureOptions& options, const std::string& temporary) {
  host::ProcessRequest request;
  request.argv = {"/bin/sh", "-c", options.cleanup};
  request.working_directory = temporary;
  request.environment = {{"TMPDIR", temporary}};
  request.timeout_seconds = options.timeout;
  const host::ProcessOutcome outcome = host::run_process(request);
  nlohmann::json result{{"command", options.cleanup}};
  if (outcome.exit_code) result["exit_code"] = *outcome.exit_code;
  if (outcome.signal) result["signal"] = *outcome.signal;
  if (!outcome.start_error.empty()) result["error"] = outcome.start_error;
  return result;
}

class Progress {
 public:
  Progress(std::ostream& err, std::size_t total) : err_(err), total_(total), terminal_(::isatty(STDERR_FILENO) == 1) {}
  void update(std::size_t done, bool warmup, double last_seconds, double elapsed) {
    if (!terminal_) return;
    const double eta = done > 0 ? elapsed / static_cast<double>(done) * static_cast<double>(total_ - done) : 0.0;
    err_ << "\r\033[Krun " << done << "/" << total_ << (warmup ? " (warm-up)" : "") << ", last "
         << format_number(last_seconds) << " s, ETA " << format_number(std::ceil(eta)) << " s" << std::flush;
  }
  // Before any other output, so nothing is printed onto the progress line.
  void clear() {
    if (terminal_) err_ << "\r\033[K" << std::flush;
  }
  ~Progress() { clear(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

 private:
  std::ostream& err_;
  std::size_t total_;
  bool terminal_;
};

void add_capture_options(CLI::App& app, CaptureOptions& options) {
  app.add_option("--cpus", options.cpus_text,
                 "pin to these CPUs, e.g. 2 or 2,3 (default: /sys/devices/system/cpu/isolated, else isolcpus=)");
  app.add_option("--fifo", options.fifo, "run under SCHED_FIFO with this priority (like chrt -f PRIO)")
      ->check(CLI::Range(1, 99));
  app.add_option("--runs", options.runs, "measured runs")->check(CLI::Range(1, 100000))->capture_default_str();
  app.add_option("--warmup", options.warmup, "warm-up runs before them, not measured")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  app.add_option("--timeout", options.timeout, "wall-time limit of one run, in seconds")->check(CLI::PositiveNumber);
  // At most 2^53 - 1, as evidence holds integers.
  const auto size = [](CLI::Option* option) {
    return option->type_name("SIZE")
        ->transform(CLI::AsSizeValue(false).description(""))
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{9007199254740991}).description(""));
  };
  CLI::Option* memory = size(app.add_option(
      "--memory", options.memory,
      "memory limit of one run, e.g. 512M or 8G: a cgroup (v2 memory.max, else v1 memory.limit_in_bytes) made for "
      "the run; refused where none can be made"));
  size(app.add_option("--memory-rlimit", options.memory_rlimit,
                      "address-space limit of one run instead (RLIMIT_AS, like ulimit -v), e.g. 8G; counts reserved "
                      "ranges, so Go and the JVM need far more than they use"))
      ->excludes(memory);
  app.add_option("--cleanup", options.cleanup,
                 "shell command run after the runs, also when they failed, in their temporary directory");
  add_runner_label_option(app, options.labels);
  app.add_option("--suite", options.suite, "suite name of the evidence")->capture_default_str();
  app.add_option("--benchmark", options.benchmark, "benchmark name (default: the command's file name)");
  app.add_option("--profile", options.profile, "profile recorded with the suite, e.g. pr or nightly");
  app.add_option("--output,-o", options.output, "the evidence file to write")->required();
  app.add_flag("--force", options.force, "replace the output file when it exists");
  app.add_flag("--keep-going", options.keep_going, "go on after a run fails (the evidence still says failed)");
  app.add_flag("--allow-smt", options.allow_smt, "allow CPUs that are SMT siblings of one core");
  app.add_option("--lock-dir", options.lock_dir, "directory of the per-CPU locks")->capture_default_str();
  app.add_flag("--no-wait", options.no_wait, "fail when another capture holds one of the CPUs, instead of waiting");
  app.add_option("--policy", options.policy_path, "classification policy (evident/policy/1); default: built-in");
  app.add_option("--root", options.root, "read /sys and /proc facts below this directory (a fake tree for tests)")
      ->capture_default_str();
  add_record_command_lines_option(app, options.record_command_lines);
  app.add_option("CMD", options.command, "the benchmark command and its arguments, after --")->required();
}

// Refuse before anything runs: an existing file is only replaced on purpose.
void check_output(const CaptureOptions& options) {
  std::error_code status;
  if (fs::is_directory(options.output, status)) {
    throw UsageError("--output " + options.output + " is a directory; name the evidence file to write, e.g. " +
                     (fs::path(options.output) / "evidence.json").string());
  }
  if (!options.force && fs::exists(options.output, status)) {
    throw UsageError(options.output + " exists; pass --force to replace it");
  }
  const fs::path output_directory = fs::path(options.output).parent_path();
  if (!output_directory.empty() && !fs::is_directory(output_directory, status)) {
    throw UsageError("--output " + options.output + ": the directory " + output_directory.string() +
                     " does not exist; create it first, nothing was run");
  }
}

// What to record of the host, with the CPUs to pin to: --cpus, else those the host declares reserved.
host::SnapshotRequest snapshot_request_of(const CaptureOptions& options, const host::HostRoot& root,
                                          const Invocation& invocation) {
  host::SnapshotRequest request;
  if (!options.cpus_text.empty()) request.cpus = cpus_from_option(options.cpus_text);
  check_cpus_exist(root, request.cpus);
  request.runner_labels = options.labels;
  request.environment = invocation.environment;
  request.own_pid = static_cast<int>(::getpid());
  request.record_command_lines = options.record_command_lines;
  if (request.cpus.empty()) {
    if (auto declared = host::declared_reserved_cpus(root)) request.cpus = declared->first;
  }
  if (request.cpus.empty()) {
    throw UsageError(
        "no CPUs to pin to: /sys/devices/system/cpu/isolated names none and the kernel command line has "
        "no isolcpus=; name the CPUs reserved for benchmarks with --cpus");
  }
  return request;
}

CaptureInput capture_input(const CaptureOptions& options, const host::HostRoot& root,
                           const host::SnapshotRequest& snapshot_request) {
  CaptureInput input;
  input.suite = options.suite;
  input.profile = options.profile;
  input.benchmark = options.benchmark;
  input.command = options.command;
  input.producer_version = std::string(version);
  input.captured_at = rfc3339_utc(std::time(nullptr));
  input.host = host::snapshot_host(root, snapshot_request).host;
  return input;
}

// What the runs loop learnt besides the runs themselves.
struct RunsResult {
  bool failed = false;
  std::string scheduler_problem;  // the first run's reason SCHED_FIFO was not granted
  std::string tmp_problem;        // the first run's reason it had no private /tmp
  std::string memory_mechanism;   // "cgroup_v2" or "cgroup_v1" under --memory
};

// Where --memory makes the cgroups of the runs; refuses, before anything runs, when no cgroup can
// limit memory here, rather than run unlimited. EVIDENT_TEST_CGROUP_ROOT puts a fake tree in
// place of the host's /proc and cgroup hierarchies.
host::MemoryCgroupPlace memory_place(const CaptureOptions& options, const Invocation& invocation) {
  if (!options.memory) return {};
  const std::string root = invocation.environment("EVIDENT_TEST_CGROUP_ROOT").value_or("/");
  host::MemoryCgroupPlace place = host::find_memory_cgroup(root.empty() ? "/" : root);
  if (!place.version) {
    throw UsageError("--memory: no cgroup can limit the memory of the runs here (" + place.problem +
                     "); nothing was run. --memory-rlimit limits the address space instead (RLIMIT_AS), which "
                     "runtimes that reserve large ranges (Go, the JVM) may not start under");
  }
  for (const std::string& problem : host::remove_leftover_cgroups(place)) {
    invocation.err << "evident: note: " << problem << "\n";
  }
  return place;
}

// One run, in a cgroup of its own under --memory: its limit, peak and OOM kill recorded.
CapturedRun run_once(const CaptureOptions& options, host::ProcessRequest& request, const host::MemoryCgroupPlace& place,
                     std::size_t index, bool warmup, host::ProcessOutcome& outcome) {
  host::MemoryCgroup cgroup;
  if (options.memory) {
    const std::string problem =
        cgroup.create(place, *options.memory, host::run_cgroup_name(static_cast<int>(::getpid()), index));
    if (!problem.empty()) {  // as a command that cannot start: --cleanup runs, nothing is written
      outcome.start_error = "--memory: the cgroup of run " + std::to_string(index + 1) + " cannot be made: " + problem;
      return captured(outcome, warmup, options);
    }
    request.cgroup = cgroup.directory().string();
  }
  outcome = host::run_process(request);
  CapturedRun run = captured(outcome, warmup, options);
  if (options.memory) {
    const bool sigkill = outcome.signal == SIGKILL && !outcome.timed_out && !outcome.interrupted;
    const host::MemoryUsage usage = host::read_memory_usage(cgroup.version(), cgroup.directory(), sigkill);
    run.memory_mechanism = host::mechanism_name(cgroup.version());
    run.memory_limit_bytes = cgroup.limit_bytes();
    run.memory_peak_bytes = usage.peak_bytes;
    run.memory_peak_problem = usage.peak_problem;
    run.oom_killed = usage.oom_killed && outcome.start_error.empty();
    request.cgroup.clear();
    const std::string removal = cgroup.remove();
    if (!removal.empty())
      throw UsageError("--memory: cannot remove the cgroup of run " + std::to_string(index + 1) + ": " + removal);
  }
  return run;
}

// The warm-up and measured runs, each appended to input.runs, with the sampler reading the CPUs
// in between; stops at the first failed run unless --keep-going.
RunsResult run_all(const CaptureOptions& options, const Invocation& invocation, host::ProcessRequest& request,
                   const host::MemoryCgroupPlace& place, host::BusySampler& sampler, const std::string& temporary,
                   CaptureInput& input) {
  const std::size_t total = options.warmup + options.runs;
  Progress progress(invocation.err, total);
  const auto started = std::chrono::steady_clock::now();
  RunsResult result;
  auto last_sample = std::chrono::steady_clock::now();
  request.on_tick = [&] {
    sampler.sample();
    last_sample = std::chrono::steady_clock::now();
  };
  for (std::size_t i = 0; i < total; ++i) {
    const bool warmup = i < options.warmup;
    // Short runs never reach a tick of their own: keep the cadence across them.
    if (std::chrono::steady_clock::now() - last_sample >= request.tick_interval) request.on_tick();
    host::ProcessOutcome outcome;
    CapturedRun run = run_once(options, request, place, i, warmup, outcome);
    if (outcome.interrupted || interrupted.load()) throw UsageError("interrupted; nothing written");
    if (!outcome.start_error.empty()) {
      if (!options.cleanup.empty()) run_cleanup(options, temporary);
      throw UsageError("cannot run " + quote_for_message(options.command.front()) + ": " + outcome.start_error);
    }
    if (result.scheduler_problem.empty()) result.scheduler_problem = outcome.scheduler_problem;
    if (result.tmp_problem.empty()) result.tmp_problem = outcome.tmp_problem;
    input.runs.push_back(std::move(run));
    progress.update(i + 1, warmup, outcome.wall_seconds,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    if (!input.runs.back().succeeded()) {
      result.failed = true;
      progress.clear();
      invocation.err << "evident: run " << i + 1 << " of " << total << ": " << outcome_text(outcome, input.runs.back())
                     << "\n";
      if (!options.keep_going) break;
    }
  }
  if (place.version) result.memory_mechanism = host::mechanism_name(*place.version);
  if (!request.private_tmp) result.tmp_problem = "EVIDENT_TEST_NO_PRIVATE_TMP is set";
  // The on_tick closure refers to this function's locals.
  request.on_tick = nullptr;
  return result;
}

// How the capture was made, for the evidence; runs --cleanup and records its outcome.
nlohmann::json capture_settings(const CaptureOptions& options, const std::vector<int>& cpus,
                                const host::BusySampler& sampler, const RunsResult& runs,
                                const std::string& temporary) {
  nlohmann::json settings{{"runs", options.runs},         {"warmup", options.warmup}, {"cpus", cpus},
                          {"lock_dir", options.lock_dir}, {"busy_threshold", 0.01},   {"samples", sampler.samples()}};
  if (options.fifo) settings["fifo_priority"] = *options.fifo;
  if (!runs.scheduler_problem.empty()) settings["scheduler_problem"] = runs.scheduler_problem;
  if (!runs.tmp_problem.empty()) settings["tmp_problem"] = runs.tmp_problem;
  if (options.timeout) settings["timeout_s"] = *options.timeout;
  if (options.memory) {
    settings["memory_bytes"] = *options.memory;
    settings["memory_mechanism"] = runs.memory_mechanism;
  }
  if (options.memory_rlimit) settings["memory_rlimit_bytes"] = *options.memory_rlimit;
  if (!options.cleanup.empty()) settings["cleanup"] = run_cleanup(options, temporary);
  return settings;
}

void print_summary(std::ostream& out, const CaptureOptions& options, const std::vector<int>& cpus,
                   const CaptureInput& input, const RunsResult& runs, const Verdict& verdict, const Policy& policy) {
  std::vector<double> walls;
  for (const CapturedRun& run : input.runs) {
    if (!run.warmup && run.succeeded()) walls.push_back(run.wall_seconds);
  }
  out << options.output << ": " << count_of(input.runs.size(), "run") << " (" << options.warmup << " warm-up) on CPU"
      << (cpus.size() == 1 ? " " : "s ") << format_cpu_list(cpus) << ", " << (runs.failed ? "failed" : "passed");
  if (!walls.empty()) {
    const Summary summary = summarise(walls);
    out << "; wall time median " << format_number(summary.median) << " s";
    if (summary.cv_percent) out << ", CV " << format_number(*summary.cv_percent) << "%";
  }
  out << "\nclassified " << run_class_name(verdict.derived) << " (policy " << policy.name << ")\n";
  if (!runs.scheduler_problem.empty()) out << "note: SCHED_FIFO was not granted: " << runs.scheduler_problem << "\n";
  if (!runs.tmp_problem.empty()) out << "note: no private /tmp, TMPDIR instead: " << runs.tmp_problem << "\n";
  for (const RuleFinding& finding : verdict.failed_rules) {
    out << "  because " << finding.code << ": " << finding.message << "\n";
  }
}

}  // namespace

ExitCode run_capture(const Invocation& invocation) {
  CLI::App app{
      "Run CMD pinned to the reserved CPUs, --warmup times and then --runs times, and write evidence:\n"
      "the host before and after, every run's outcome, other work seen on the CPUs, and the class\n"
      "the policy derives. CMD runs directly, without a shell.",
      "evident capture"};
  CaptureOptions options;
  add_capture_options(app, options);
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return *stop;

  check_output(options);
  const Policy policy = policy_from_option(options.policy_path, validation_options({}, 1));
  const host::HostRoot root(options.root);
  const host::SnapshotRequest snapshot_request = snapshot_request_of(options, root, invocation);
  const std::vector<int>& cpus = snapshot_request.cpus;
  if (!options.allow_smt) check_smt_siblings(root, cpus);
  if (options.benchmark.empty()) options.benchmark = fs::path(options.command.front()).filename().string();
  check_name("--suite", options.suite);
  check_name("--benchmark", options.benchmark);
  const host::MemoryCgroupPlace place = memory_place(options, invocation);

  const InterruptGuard guard;
  const host::LockResult locks = host::lock_cpus(options.lock_dir, cpus, !options.no_wait, [&](int cpu) {
    invocation.err << "evident: waiting for CPU " << cpu << ", in use by another capture\n";
  });
  if (!locks.locks)
    throw UsageError(interrupted.load() ? "interrupted while waiting for the CPUs; nothing written" : locks.problem);

  const TemporaryDirectory temporary;
  CaptureInput input = capture_input(options, root, snapshot_request);
  host::BusySampler sampler(root, cpus, 0.01);
  sampler.exclude_pid(::getpid());
  sampler.record_command_lines(options.record_command_lines);
  sampler.sample();
  host::ProcessRequest request = process_request(options, cpus, temporary.path(), invocation);
  request.held_descriptors = locks.locks->descriptors();
  request.on_start = [&](int pid) { sampler.exclude_process_group(pid); };
  const auto started = std::chrono::steady_clock::now();
  const RunsResult runs = run_all(options, invocation, request, place, sampler, temporary.path(), input);
  sampler.sample();
  input.load_after = host::read_load_average(root);
  input.concurrent_jobs =
      sampler.concurrent_jobs(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  input.settings = capture_settings(options, cpus, sampler, runs, temporary.path());

  if (interrupted.load()) throw UsageError("interrupted; nothing written");
  const nlohmann::ordered_json evidence = capture_evidence(input, policy);
  io::write_file_atomically(options.output,
                            evidence.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  const Verdict verdict = classify_run(nlohmann::json(evidence), policy);
  print_summary(invocation.out, options, cpus, input, runs, verdict, policy);
  return runs.failed ? ExitCode::check_failed : ExitCode::ok;
}

}  // namespace evident::cli
