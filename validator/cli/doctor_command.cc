// evident doctor : is this host ready for isolated runs? The classifier's own rules, with the same
// thresholds, judge a snapshot of the host, so a host that passes is never downgraded at run time
// for the same reason.
#include <unistd.h>

#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/output.h"
#include "core/doctor_report.h"
#include "core/text.h"
#include "host/host_root.h"
#include "host/host_snapshot.h"
#include "host/memory_cgroup.h"
#include "host/process_runner.h"
#include "io/output/doctor_output.h"

namespace evident::cli {

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
  bool record_command_lines = false;
  app.add_option("--cpus", cpus_text,
                 "the CPUs reserved for benchmarks, e.g. 2,3 or 2-3 (default: /sys/devices/system/cpu/isolated, "
                 "else isolcpus=)");
  app.add_option("--policy", policy_path, "classification policy (evident/policy/1); default: built-in");
  app.add_option("--root", root, "read /sys and /proc below this directory (a fake tree for tests)")
      ->capture_default_str();
  add_runner_label_option(app, labels);
  add_record_command_lines_option(app, record_command_lines);
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
  request.record_command_lines = record_command_lines;
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
  DoctorReport report = doctor_report(snapshot.host, snapshot.cpus, snapshot.cpus_source, policy);
  // What a capture here could do is a fact of this host, not of a tree below --root.
  if (root == "/") {
    report.private_tmp_probed = true;
    report.private_tmp_problem = invocation.environment("EVIDENT_TEST_NO_PRIVATE_TMP").value_or("").empty()
                                     ? host::private_tmp_problem()
                                     : "EVIDENT_TEST_NO_PRIVATE_TMP is set";
    const std::string cgroup_root = invocation.environment("EVIDENT_TEST_CGROUP_ROOT").value_or("");
    const host::MemoryCgroupPlace place = host::find_memory_cgroup(cgroup_root.empty() ? "/" : cgroup_root);
    if (place.version) {
      report.memory_mechanism = host::mechanism_name(*place.version);
      report.memory_cgroup_parent = place.host_directory;
    }
    report.memory_problem = place.problem;
  }
  report.checked_at = rfc3339_utc(now_or_source_date_epoch(invocation));
  report.boot_id = host::read_boot_id(host_root);
  if (format == "json") {
    invocation.out << io::doctor_report_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                   << "\n";
  } else {
    io::render_doctor_text(invocation.out, report);
  }
  return report.ready() ? ExitCode::ok : ExitCode::check_failed;
}

}  // namespace evident::cli
