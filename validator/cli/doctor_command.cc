// evident doctor : is this host ready for isolated runs? The classifier's own rules, with the same
// thresholds, judge a snapshot of the host, so a host that passes is never downgraded at run time
// for the same reason.
#include <unistd.h>

#include <algorithm>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/output.h"
#include "core/classification.h"
#include "core/cpu_list.h"
#include "core/text.h"
#include "host/host_root.h"
#include "host/host_snapshot.h"
#include "io/output/verdict_render.h"

namespace evident::cli {
namespace {

std::string text_of(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>()
                           : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void print_finding(std::ostream& out, const char* label, const RuleFinding& finding) {
  out << label << "[" << finding.code << "]: " << finding.message;
  if (!finding.required.empty() && !finding.observed.starts_with("unreadable: ")) {
    out << " (observed " << shorten(finding.observed, 100) << ", required " << finding.required << ")";
  }
  out << " (at " << finding.pointer << ")\n";
  if (!finding.fix.empty()) out << "  fix: " << finding.fix << "\n";
}

}  // namespace

ExitCode run_doctor(const Invocation& invocation) {
  CLI::App app{
      "Say whether this host is ready for isolated benchmark runs: the classifier's rules, with the\n"
      "same thresholds, on a snapshot of the host. Exit 1 with every blocker and its fix.",
      "evident doctor"};
  std::string cpus_text;
  std::string policy_path;
  std::string root = "/";
  std::string format = "text";
  std::vector<std::string> labels;
  app.add_option("--cpus", cpus_text,
                 "the CPUs reserved for benchmarks, e.g. 2,3 or 2-3 (default: /sys/devices/system/cpu/isolated, "
                 "else isolcpus=)");
  app.add_option("--policy", policy_path, "classification policy (evident/policy/1); default: built-in");
  app.add_option("--root", root, "read /sys and /proc below this directory (a fake tree for tests)")
      ->capture_default_str();
  add_runner_label_option(app, labels);
  app.add_option("--format", format, "text, or json: the host snapshot and the verdict")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return *stop;

  const Policy policy = policy_from_option(policy_path, validation_options({}, 1));
  host::SnapshotRequest request;
  if (!cpus_text.empty()) {
    request.cpus = cpus_from_option(cpus_text);
  }
  request.runner_labels = labels;
  request.environment = invocation.environment;
  if (root == "/") request.own_pid = static_cast<int>(getpid());
  const host::HostRoot host_root(root);
  check_cpus_exist(host_root, request.cpus);
  const host::HostSnapshot snapshot = host::snapshot_host(host_root, request);
  if (snapshot.cpus.empty()) {
    throw UsageError(
        "no CPUs to judge: /sys/devices/system/cpu/isolated names none and the kernel command line has "
        "no isolcpus=; name the CPUs reserved for benchmarks with --cpus");
  }
  Verdict verdict = classify_host(snapshot.host, policy);
  // doctor reads the load average once, and it stands for both "before" and "after": one finding says it.
  const auto before_failed = [&](const RuleFinding& f) { return f.code.starts_with("load.before_"); };
  if (std::any_of(verdict.failed_rules.begin(), verdict.failed_rules.end(), before_failed)) {
    std::erase_if(verdict.failed_rules, [](const RuleFinding& f) { return f.code.starts_with("load.after_"); });
  }
  const bool ready = verdict.failed_rules.empty();

  if (format == "json") {
    nlohmann::ordered_json report;
    report["schema_version"] = "evident/doctor/1";
    report["ready"] = ready;
    report["cpus"] = snapshot.cpus;
    report["cpus_source"] = snapshot.cpus_source;
    report["policy"] = {{"name", policy.name}, {"version", policy.version}, {"sha256", policy.sha256}};
    report["blockers"] = nlohmann::ordered_json::array();
    for (const RuleFinding& finding : verdict.failed_rules) report["blockers"].push_back(io::finding_json(finding));
    report["advisories"] = nlohmann::ordered_json::array();
    for (const RuleFinding& finding : verdict.advisories) report["advisories"].push_back(io::finding_json(finding));
    report["host"] = snapshot.host;
    invocation.out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    invocation.out << "host " << text_of(snapshot.host["hostname"]) << ", CPUs " << format_cpu_list(snapshot.cpus)
                   << " (from " << snapshot.cpus_source << "), policy " << policy.name << " (sha256 " << policy.sha256
                   << ")\n";
    for (const RuleFinding& finding : verdict.failed_rules) print_finding(invocation.out, "blocker", finding);
    for (const RuleFinding& finding : verdict.advisories) print_finding(invocation.out, "advisory", finding);
    invocation.out << (ready ? "ready for isolated runs"
                             : "not ready: " + count_of(verdict.failed_rules.size(), "blocker"))
                   << ", " << count_of(verdict.advisories.size(), "advisory finding") << "\n";
  }
  return ready ? ExitCode::ok : ExitCode::check_failed;
}

}  // namespace evident::cli
