#include "host/host_snapshot.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <sstream>

#include "core/cpu_list.h"
#include "core/text.h"
#include "host/proc_stat.h"

namespace evident::host {
namespace {

using nlohmann::json;

json unreadable(const std::string& reason) { return json{{"unreadable", reason}}; }

json text_or_unreadable(const HostRoot& root, const std::string& path) {
  const Reading reading = root.read(path);
  return reading.value ? json(sanitize_utf8(*reading.value)) : unreadable(reading.reason);
}

json integer_or_unreadable(const HostRoot& root, const std::string& path) {
  const Reading reading = root.read(path);
  if (!reading.value) return unreadable(reading.reason);
  if (const std::optional<long long> value = parse_integer(*reading.value)) return *value;
  return unreadable("EINVAL: " + path + " holds " + quote_for_message(*reading.value, 40) + ", not an integer");
}

json cpu_list_or_unreadable(const HostRoot& root, const std::string& path) {
  const Reading reading = root.read(path);
  if (!reading.value) return unreadable(reading.reason);
  if (const std::optional<std::vector<int>> cpus = parse_cpu_list(*reading.value)) return *cpus;
  return unreadable("EINVAL: " + path + " holds " + quote_for_message(*reading.value, 40) + ", not a CPU list");
}

// The value of one "key: value" line of a /proc text file such as cpuinfo or meminfo.
std::optional<std::string> field_of(const std::string& text, const std::string& key) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
    if (name != key) continue;
    std::string value = line.substr(colon + 1);
    const std::size_t first = value.find_first_not_of(" \t");
    return first == std::string::npos ? "" : value.substr(first);
  }
  return std::nullopt;
}

json cpu_model(const HostRoot& root) {
  const Reading reading = root.read("/proc/cpuinfo");
  if (!reading.value) return unreadable(reading.reason);
  if (const std::optional<std::string> model = field_of(*reading.value, "model name")) return sanitize_utf8(*model);
  return unreadable("ENODATA: no \"model name\" in /proc/cpuinfo");
}

json memory_bytes(const HostRoot& root) {
  const Reading reading = root.read("/proc/meminfo");
  if (!reading.value) return unreadable(reading.reason);
  const std::optional<std::string> total = field_of(*reading.value, "MemTotal");
  if (total && total->ends_with(" kB")) {
    if (const std::optional<long long> kib = parse_integer(total->substr(0, total->size() - 3))) return *kib * 1024;
  }
  return unreadable("ENODATA: no \"MemTotal\" in kB in /proc/meminfo");
}

json operating_system(const HostRoot& root) {
  const Reading reading = root.read("/etc/os-release");
  if (!reading.value) return unreadable(reading.reason);
  std::istringstream lines(*reading.value);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("PRETTY_NAME=")) continue;
    std::string value = line.substr(12);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    return sanitize_utf8(value);
  }
  return unreadable("ENODATA: no PRETTY_NAME in /etc/os-release");
}

json logical_cpus(const HostRoot& root) {
  const json present = cpu_list_or_unreadable(root, "/sys/devices/system/cpu/present");
  return present.is_array() ? json(present.size()) : present;
}

// cpufreq/boost says 1 when boost is on; intel_pstate/no_turbo says 1 when it is off.
json boost_state(const HostRoot& root) {
  const Reading boost = root.read("/sys/devices/system/cpu/cpufreq/boost");
  if (boost.value) {
    if (*boost.value == "1") return "enabled";
    if (*boost.value == "0") return "disabled";
  }
  const Reading no_turbo = root.read("/sys/devices/system/cpu/intel_pstate/no_turbo");
  if (no_turbo.value) {
    if (*no_turbo.value == "1") return "disabled";
    if (*no_turbo.value == "0") return "enabled";
  }
  return unreadable(boost.value
                        ? "EINVAL: /sys/devices/system/cpu/cpufreq/boost holds " + quote_for_message(*boost.value, 20)
                        : boost.reason + "; " + (no_turbo.value ? "EINVAL: unexpected no_turbo" : no_turbo.reason));
}

json cpu_entry(const HostRoot& root, int cpu) {
  const std::string base = "/sys/devices/system/cpu/cpu" + std::to_string(cpu);
  json entry = {{"id", cpu}};
  // cpu0 usually has no "online" file because it cannot be taken offline: it is online.
  const Reading online = root.read(base + "/online");
  if (online.value) {
    entry["online"] = *online.value == "1";
  } else if (root.exists(base)) {
    entry["online"] = true;
  } else {
    entry["online"] = unreadable(online.reason);
  }
  entry["scaling_driver"] = text_or_unreadable(root, base + "/cpufreq/scaling_driver");
  entry["governor"] = text_or_unreadable(root, base + "/cpufreq/scaling_governor");
  entry["frequency_khz"] = integer_or_unreadable(root, base + "/cpufreq/scaling_cur_freq");
  entry["min_khz"] = integer_or_unreadable(root, base + "/cpufreq/scaling_min_freq");
  entry["max_khz"] = integer_or_unreadable(root, base + "/cpufreq/scaling_max_freq");
  entry["smt_siblings"] = cpu_list_or_unreadable(root, base + "/topology/thread_siblings_list");
  return entry;
}

json runner_identity(const json& hostname, const SnapshotRequest& request) {
  const auto environment = [&](const std::string& name) {
    return request.environment ? request.environment(name) : std::nullopt;
  };
  json runner;
  if (const std::optional<std::string> name = environment("RUNNER_NAME"); name && !name->empty()) {
    runner["name"] = sanitize_utf8(*name);
  } else if (hostname.is_string()) {
    runner["name"] = hostname;
  }
  // GitHub Actions says which kind of runner this is; elsewhere the operator's label says it.
  const std::optional<std::string> kind = environment("RUNNER_ENVIRONMENT");
  const bool labelled = std::find(request.runner_labels.begin(), request.runner_labels.end(), "self-hosted") !=
                        request.runner_labels.end();
  runner["self_hosted"] = kind ? *kind == "self-hosted" : labelled;
  std::vector<std::string> labels;
  for (const std::string& label : request.runner_labels) {
    if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);
  }
  runner["labels"] = labels;
  return runner;
}

}  // namespace

json read_boot_id(const HostRoot& root) { return text_or_unreadable(root, "/proc/sys/kernel/random/boot_id"); }

json read_load_average(const HostRoot& root) {
  const Reading reading = root.read("/proc/loadavg");
  if (!reading.value) return unreadable(reading.reason);
  std::istringstream fields(*reading.value);
  json triplet = json::array();
  for (int i = 0; i < 3; ++i) {
    std::string field;
    fields >> field;
    double value = 0;
    const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (field.empty() || error != std::errc() || end != field.data() + field.size() || value < 0) {
      return unreadable("EINVAL: /proc/loadavg holds " + quote_for_message(*reading.value, 40));
    }
    triplet.push_back(value);
  }
  return triplet;
}

json busy_processes(const HostRoot& root, const std::vector<int>& cpus, int own_pid, bool record_command_lines) {
  json jobs = json::array();
  if (!root.exists("/proc")) return unreadable("ENOENT: /proc");
  const std::set<int> watched(cpus.begin(), cpus.end());
  std::vector<std::pair<long long, std::string>> pids;
  for (const std::string& name : root.list("/proc")) {
    if (const std::optional<long long> pid = parse_integer(name); pid && *pid > 0) pids.emplace_back(*pid, name);
  }
  std::sort(pids.begin(), pids.end());
  for (const auto& [pid, name] : pids) {
    if (pid == own_pid) continue;
    // Every thread counts: one busy thread of a process on a benchmark CPU disturbs it.
    std::vector<std::string> stat_paths;
    for (const std::string& task : root.list("/proc/" + name + "/task")) {
      stat_paths.push_back("/proc/" + name + "/task/" + task + "/stat");
    }
    if (stat_paths.empty()) stat_paths.push_back("/proc/" + name + "/stat");
    std::set<int> seen_on;
    for (const std::string& path : stat_paths) {
      const Reading stat = root.read(path);
      if (!stat.value) continue;  // the thread ended while we looked
      const std::vector<std::string> fields = stat_fields_after_name(*stat.value);
      // fields[0] is the state (field 3 of proc(5)); fields[36] the CPU it last ran on (field 39).
      if (fields.size() < 37 || fields[0] != "R") continue;
      const std::optional<long long> cpu = parse_integer(fields[36]);
      if (cpu && watched.count(static_cast<int>(*cpu))) seen_on.insert(static_cast<int>(*cpu));
    }
    if (seen_on.empty()) continue;
    const ProcessIdentity identity = identify_process(root, name, record_command_lines);
    json job = {{"pid", pid}, {"comm", identity.comm}, {"cpus", std::vector<int>(seen_on.begin(), seen_on.end())}};
    if (identity.command) job["command"] = *identity.command;
    jobs.push_back(std::move(job));
  }
  return jobs;
}

std::optional<std::pair<std::vector<int>, std::string>> declared_reserved_cpus(const HostRoot& root) {
  const Reading isolated = root.read("/sys/devices/system/cpu/isolated");
  if (isolated.value) {
    if (const std::optional<std::vector<int>> cpus = parse_cpu_list(*isolated.value); cpus && !cpus->empty()) {
      return std::make_pair(*cpus, std::string("/sys/devices/system/cpu/isolated"));
    }
  }
  const Reading cmdline = root.read("/proc/cmdline");
  if (!cmdline.value) return std::nullopt;
  const std::optional<std::string_view> isolcpus = kernel_parameter(*cmdline.value, "isolcpus");
  if (!isolcpus) return std::nullopt;
  const std::optional<std::vector<int>> cpus = parse_cpu_list(*isolcpus);
  if (!cpus || cpus->empty()) return std::nullopt;
  return std::make_pair(*cpus, std::string("isolcpus="));
}

HostSnapshot snapshot_host(const HostRoot& root, const SnapshotRequest& request) {
  HostSnapshot snapshot;
  const auto declared = declared_reserved_cpus(root);
  if (!request.cpus.empty()) {
    snapshot.cpus = request.cpus;
    snapshot.cpus_source = "--cpus";
  } else if (declared) {
    snapshot.cpus = declared->first;
    snapshot.cpus_source = declared->second;
  }
  json& host = snapshot.host;
  host = json::object();
  host["hostname"] = text_or_unreadable(root, "/proc/sys/kernel/hostname");
  host["os"] = operating_system(root);
  host["kernel"] = text_or_unreadable(root, "/proc/sys/kernel/osrelease");
  host["kernel_cmdline"] = text_or_unreadable(root, "/proc/cmdline");
  host["cpu_model"] = cpu_model(root);
  host["logical_cpus"] = logical_cpus(root);
  host["memory_bytes"] = memory_bytes(root);
  host["aslr"] = integer_or_unreadable(root, "/proc/sys/kernel/randomize_va_space");
  host["runner"] = runner_identity(host["hostname"], request);
  // The reservation the host declares, not merely the CPUs asked for: a sibling the kernel reserves
  // too counts as reserved, and CPUs examined outside the reservation are seen as such. Only a host
  // that declares none is taken at the word of the CPUs asked for.
  host["reserved_cpus"] = declared ? declared->first : snapshot.cpus;
  host["isolcpus"] = cpu_list_or_unreadable(root, "/sys/devices/system/cpu/isolated");
  host["nohz_full"] = cpu_list_or_unreadable(root, "/sys/devices/system/cpu/nohz_full");
  if (!snapshot.cpus.empty()) host["affinity"] = snapshot.cpus;
  // The CPUs used and their SMT siblings, so an auditor sees whether a sibling was left online.
  std::set<int> described(snapshot.cpus.begin(), snapshot.cpus.end());
  json cpus = json::array();
  for (int cpu : snapshot.cpus) {
    json entry = cpu_entry(root, cpu);
    if (entry["smt_siblings"].is_array()) {
      for (const json& sibling : entry["smt_siblings"]) described.insert(sibling.get<int>());
    }
  }
  for (int cpu : described) cpus.push_back(cpu_entry(root, cpu));
  host["cpus"] = std::move(cpus);
  host["boost"] = boost_state(root);
  const json load = read_load_average(root);
  host["load_avg"] = {{"before", load}, {"after", load}};
  host["concurrent_jobs"] = busy_processes(root, snapshot.cpus, request.own_pid, request.record_command_lines);
  return snapshot;
}

}  // namespace evident::host
