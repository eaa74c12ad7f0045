#include "core/rule_catalogue.h"

#include <array>

namespace evident {
namespace {

constexpr RuleKind blocking = RuleKind::blocking;
constexpr RuleKind advisory = RuleKind::advisory;
constexpr RuleKind claim = RuleKind::claim;

// clang-format off
constexpr std::array<RuleInfo, 40> catalogue{{
    // Rule 1: the runner.
    {"runner.missing", blocking, "runner", "/host/runner",
     "host.runner is absent: nothing shows the run was made on a self-hosted benchmark runner",
     "record the runner: evident capture takes it from RUNNER_NAME and --runner-label", ""},
    {"runner.unreadable", blocking, "runner", "/host/runner",
     "host.runner is unreadable: the producer could not determine the runner",
     "make the runner's identity available to the producer (RUNNER_NAME, --runner-label) and capture again", ""},
    {"runner.not_self_hosted", blocking, "runner", "/host/runner/self_hosted",
     "the runner is not self-hosted: a shared hosted runner is never isolated",
     "run on a self-hosted runner the project controls, e.g. runs-on: [self-hosted, isolated-benchmark]", ""},
    {"runner.label_missing", blocking, "runner", "/host/runner/labels",
     "a label the policy requires is not among the runner's labels (one finding per missing label)",
     "add the label {label} to the runner (./config.sh --labels {label}) and target it in runs-on", ""},
    // Rule 2: the affinity.
    {"affinity.missing", blocking, "affinity", "/host/affinity",
     "host.affinity is absent: nothing shows the benchmark was pinned",
     "pin the benchmark and record its affinity: evident capture --cpus LIST -- CMD (like taskset -c LIST chrt -f 1 CMD)", ""},
    {"affinity.unreadable", blocking, "affinity", "/host/affinity",
     "host.affinity is unreadable: the producer could not read the process's CPU affinity",
     "make /proc/PID/status readable to the producer and capture again", ""},
    {"affinity.empty", blocking, "affinity", "/host/affinity",
     "host.affinity is an empty list",
     "pin the benchmark to at least one reserved CPU: evident capture --cpus LIST -- CMD", ""},
    {"reserved.unreadable", blocking, "affinity", "/host/reserved_cpus",
     "host.reserved_cpus is unreadable, so the affinity cannot be shown to lie inside the reservation",
     "make the reservation readable (/sys/devices/system/cpu/isolated, or pass --cpus) and capture again", ""},
    {"affinity.outside_reserved", blocking, "affinity", "/host/affinity",
     "the affinity holds CPUs that are not in host.reserved_cpus",
     "pin only to reserved CPUs (evident capture --cpus LIST), or reserve CPUs {cpus} as well (isolcpus={cpus} on the kernel command line)", ""},
    // Rule 3: every CPU of the affinity.
    {"cpu.missing", blocking, "cpus", "/host/cpus",
     "a CPU of the affinity has no entry in host.cpus, so its governor and frequency are unknown",
     "record the readings of CPU {cpu} (/sys/devices/system/cpu/cpu{cpu}/cpufreq): evident capture does", ""},
    {"governor.missing", blocking, "cpus", "/host/cpus/N/governor",
     "the governor of a CPU of the affinity is absent",
     "record /sys/devices/system/cpu/cpu{cpu}/cpufreq/scaling_governor: evident capture does", ""},
    {"governor.unreadable", blocking, "cpus", "/host/cpus/N/governor",
     "the governor of a CPU of the affinity is unreadable (typical of a virtual machine without cpufreq)",
     "run on a host whose cpufreq governor of CPU {cpu} is readable, then: cpupower -c {cpu} frequency-set -g {governor}", ""},
    {"governor.not_performance", blocking, "cpus", "/host/cpus/N/governor",
     "the governor of a CPU of the affinity is not the one the policy requires (performance by default)",
     "cpupower -c {cpu} frequency-set -g {governor}", ""},
    {"frequency.missing", blocking, "cpus", "/host/cpus/N/frequency_khz",
     "the current frequency of a CPU of the affinity is absent",
     "record /sys/devices/system/cpu/cpu{cpu}/cpufreq/scaling_cur_freq: evident capture does", ""},
    {"frequency.unreadable", blocking, "cpus", "/host/cpus/N/frequency_khz",
     "the current frequency of a CPU of the affinity is unreadable (typical of a virtual machine without cpufreq)",
     "run on a host whose cpufreq frequency of CPU {cpu} is readable", ""},
    // Rule 4: the load average.
    {"load.missing", blocking, "load", "/host/load_avg",
     "host.load_avg is absent: nothing shows the host was quiet",
     "record /proc/loadavg before and after the runs: evident capture does", ""},
    {"load.before_missing", blocking, "load", "/host/load_avg/before",
     "host.load_avg.before is absent",
     "record /proc/loadavg just before the first run", ""},
    {"load.before_unreadable", blocking, "load", "/host/load_avg/before",
     "host.load_avg.before is unreadable",
     "make /proc/loadavg readable to the producer and capture again", ""},
    {"load.before_too_high", blocking, "load", "/host/load_avg/before/0",
     "the 1-minute load average before the run is above the policy's bound (inclusive, 1.0 by default)",
     "stop other work and wait until the 1-minute load average is at most {threshold} before starting", ""},
    {"load.after_missing", blocking, "load", "/host/load_avg/after",
     "host.load_avg.after is absent",
     "record /proc/loadavg just after the last run", ""},
    {"load.after_unreadable", blocking, "load", "/host/load_avg/after",
     "host.load_avg.after is unreadable",
     "make /proc/loadavg readable to the producer and capture again", ""},
    {"load.after_too_high", blocking, "load", "/host/load_avg/after/0",
     "the 1-minute load average after the run is above the policy's bound (inclusive, 1.0 by default)",
     "keep other work off the host during the run, so that the 1-minute load average stays at most {threshold}", ""},
    // Rule 5: concurrent jobs.
    {"concurrent_jobs.missing", blocking, "concurrent_jobs", "/host/concurrent_jobs",
     "host.concurrent_jobs is absent: nothing shows the benchmark CPUs were free ([] would)",
     "record the processes busy on the benchmark CPUs: evident capture does, writing [] when there are none", ""},
    {"concurrent_jobs.unreadable", blocking, "concurrent_jobs", "/host/concurrent_jobs",
     "host.concurrent_jobs is unreadable: the producer could not inspect the other processes",
     "let the producer read /proc/*/stat (run it with the needed permission) and capture again", ""},
    {"concurrent_jobs.present", blocking, "concurrent_jobs", "/host/concurrent_jobs/N",
     "another process was busy on the benchmark CPUs during the run (one finding per process)",
     "stop process {pid} or keep it off the benchmark CPUs (isolcpus=, cpusets) and capture again", ""},
    // Any rule: a fact whose value the evidence schema does not allow.
    {"fact.invalid", blocking, "evidence", "(the fact's pointer)",
     "a fact a rule needs does not have the shape the evidence schema requires (the file is invalid)",
     "run evident validate on the file and fix what it reports", ""},
    // Advisories: reported, blocking only when the policy requires them.
    {"boost.enabled", advisory, "boost", "/host/boost",
     "turbo boost was enabled: the frequency depends on temperature and load",
     "echo 0 > /sys/devices/system/cpu/cpufreq/boost (intel_pstate: echo 1 > /sys/devices/system/cpu/intel_pstate/no_turbo)",
     "boost.unknown"},
    {"boost.unknown", advisory, "boost", "/host/boost",
     "host.boost is absent or unreadable, so turbo boost may have been on",
     "record host.boost from /sys/devices/system/cpu/cpufreq/boost or intel_pstate/no_turbo", ""},
    {"smt.sibling_unreserved", advisory, "smt", "/host/cpus/N/smt_siblings/K",
     "an SMT sibling of a CPU of the affinity is neither reserved nor offline: other work can share the core",
     "reserve CPU {sibling} as well, or take it offline: echo 0 > /sys/devices/system/cpu/cpu{sibling}/online",
     "smt.unknown"},
    {"smt.unknown", advisory, "smt", "/host/cpus/N/smt_siblings",
     "the SMT siblings of a CPU of the affinity are absent or unreadable",
     "record /sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list", ""},
    {"isolation.kernel_missing", advisory, "isolation", "/host/isolcpus, /host/nohz_full or /host/kernel_cmdline",
     "a CPU of the affinity is not isolated by the kernel (isolcpus=) or not tickless (nohz_full=); one finding for each",
     "add isolcpus={cpus} nohz_full={cpus} to the kernel command line (isolcpus= without flags, or with domain among "
     "them) and reboot; /sys/devices/system/cpu/isolated and nohz_full show what the kernel applied",
     "isolation.unknown"},
    {"isolation.unknown", advisory, "isolation", "/host/isolcpus, /host/nohz_full or /host/kernel_cmdline",
     "neither the kernel's list nor the kernel command line is recorded, so isolation cannot be judged",
     "record host.isolcpus and host.nohz_full (/sys/devices/system/cpu/isolated, nohz_full) or host.kernel_cmdline", ""},
    {"frequency.range", advisory, "frequency_range", "/host/cpus/N/min_khz",
     "the frequency of a CPU of the affinity was not locked: min_khz differs from max_khz",
     "lock the frequency: cpupower -c {cpu} frequency-set -d {max_khz} -u {max_khz}", "frequency.range_unknown"},
    {"frequency.range_unknown", advisory, "frequency_range", "/host/cpus/N/min_khz or max_khz",
     "min_khz or max_khz of a CPU of the affinity is absent or unreadable",
     "record scaling_min_freq and scaling_max_freq of CPU {cpu}", ""},
    {"aslr.enabled", advisory, "aslr", "/host/aslr",
     "address space layout randomisation was on: it adds run-to-run variance",
     "echo 0 > /proc/sys/kernel/randomize_va_space, or run the benchmark under setarch -R", "aslr.unknown"},
    {"aslr.unknown", advisory, "aslr", "/host/aslr",
     "host.aslr is absent or unreadable",
     "record host.aslr from /proc/sys/kernel/randomize_va_space", ""},
    // The claim.
    {"classification.over_claim", claim, "classification", "/classification",
     "the file claims isolated_affinity but its host metadata derives functional_non_isolated",
     "claim functional_non_isolated, or fix every failed rule and capture again", ""},
    {"classification.under_claim", claim, "classification", "/classification",
     "the file claims functional_non_isolated although its host metadata derives isolated_affinity",
     "claim isolated_affinity if that was intended", ""},
    {"classification.claim_missing", claim, "classification", "/classification",
     "the file has no classification claim (the evidence schema requires one)",
     "add \"classification\" and run evident validate on the file", ""},
    {"classification.claim_unknown", claim, "classification", "/classification",
     "the classification claim is not a known class",
     "claim isolated_affinity or functional_non_isolated", ""},
}};
// clang-format on

}  // namespace

std::string_view rule_kind_name(RuleKind kind) {
  switch (kind) {
    case RuleKind::blocking:
      return "blocking";
    case RuleKind::advisory:
      return "advisory";
    case RuleKind::claim:
      return "claim";
  }
  return "blocking";
}

std::span<const RuleInfo> rule_catalogue() { return catalogue; }

const RuleInfo* find_rule(std::string_view code) {
  for (const RuleInfo& rule : catalogue) {
    if (rule.code == code) return &rule;
  }
  return nullptr;
}

std::vector<std::string> rule_codes(RuleKind kind) {
  std::vector<std::string> codes;
  for (const RuleInfo& rule : catalogue) {
    if (rule.kind == kind) codes.emplace_back(rule.code);
  }
  return codes;
}

std::string render_fix(std::string_view fix_template,
                       const std::vector<std::pair<std::string_view, std::string>>& values) {
  std::string text;
  std::size_t i = 0;
  while (i < fix_template.size()) {
    bool replaced = false;
    if (fix_template[i] == '{') {
      for (const auto& [name, value] : values) {
        if (fix_template.substr(i + 1, name.size()) == name && i + 1 + name.size() < fix_template.size() &&
            fix_template[i + 1 + name.size()] == '}') {
          text += value;
          i += name.size() + 2;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) text += fix_template[i++];
  }
  return text;
}

}  // namespace evident
