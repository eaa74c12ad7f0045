#include "core/capture_evidence.h"

#include <algorithm>

#include "core/classification.h"

namespace evident {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json run_json(const CapturedRun& run, std::size_t index) {
  ordered_json entry;
  entry["index"] = index;
  if (run.warmup) entry["warmup"] = true;
  if (run.exit_code) entry["exit_code"] = *run.exit_code;
  if (run.signal) entry["signal"] = *run.signal;
  if (run.timed_out) entry["timed_out"] = true;
  if (run.oom_killed) entry["oom_killed"] = true;
  entry["wall_time_s"] = run.wall_seconds;
  entry["user_time_s"] = run.user_seconds;
  entry["sys_time_s"] = run.sys_seconds;
  entry["max_rss_bytes"] = run.max_rss_bytes;
  if (!run.memory_mechanism.empty()) {
    entry["memory_limit"] = {{"mechanism", run.memory_mechanism}, {"bytes", run.memory_limit_bytes}};
  }
  if (run.memory_peak_bytes) {
    entry["memory_peak_bytes"] = *run.memory_peak_bytes;
  } else if (!run.memory_peak_problem.empty()) {
    entry["memory_peak_bytes"] = {{"unreadable", run.memory_peak_problem}};
  }
  entry["voluntary_context_switches"] = run.voluntary_context_switches;
  entry["involuntary_context_switches"] = run.involuntary_context_switches;
  if (!run.affinity.is_null()) entry["affinity"] = run.affinity;
  if (!run.scheduler.is_null()) entry["scheduler"] = run.scheduler;
  if (!run.tmp.empty()) entry["tmp"] = run.tmp;
  return entry;
}

ordered_json metric(const char* name, const char* unit, const std::vector<double>& samples) {
  return {{"name", name}, {"unit", unit}, {"better", "lower"}, {"samples", samples}};
}

}  // namespace

ordered_json capture_evidence(const CaptureInput& input, const Policy& policy) {
  std::vector<double> wall, user, sys, rss;
  const CapturedRun* first_measured = nullptr;
  bool all_succeeded = !input.runs.empty();
  for (const CapturedRun& run : input.runs) {
    all_succeeded = all_succeeded && run.succeeded();
    if (run.warmup) continue;
    if (!first_measured) first_measured = &run;
    if (!run.succeeded()) continue;
    wall.push_back(run.wall_seconds);
    user.push_back(run.user_seconds);
    sys.push_back(run.sys_seconds);
    rss.push_back(static_cast<double>(run.max_rss_bytes));
  }

  json host = input.host;
  if (first_measured) {
    if (!first_measured->affinity.is_null()) host["affinity"] = first_measured->affinity;
    if (!first_measured->scheduler.is_null()) host["scheduler"] = first_measured->scheduler;
  }
  if (host.contains("load_avg") && host["load_avg"].is_object()) host["load_avg"]["after"] = input.load_after;
  host["concurrent_jobs"] = input.concurrent_jobs;

  ordered_json evidence;
  evidence["schema_version"] = "evident/evidence/1";
  ordered_json suite{{"name", input.suite}};
  if (!input.profile.empty()) suite["profile"] = input.profile;
  evidence["suite"] = suite;
  evidence["classification"] = "functional_non_isolated";  // replaced below by the derived class
  evidence["status"] = all_succeeded ? "passed" : "failed";
  evidence["captured_at"] = input.captured_at;
  evidence["command"] = input.command;
  evidence["producer"] = {{"name", "evident capture"}, {"version", input.producer_version}};
  evidence["host"] = host;
  evidence["runs"] = ordered_json::array();
  for (std::size_t i = 0; i < input.runs.size(); ++i) evidence["runs"].push_back(run_json(input.runs[i], i));
  evidence["benchmarks"] = ordered_json::array();
  if (!wall.empty()) {
    evidence["benchmarks"].push_back(
        {{"name", input.benchmark},
         {"metrics", ordered_json::array({metric("wall_time", "s", wall), metric("user_time", "s", user),
                                          metric("sys_time", "s", sys), metric("max_rss", "bytes", rss)})}});
  }
  if (!input.settings.is_null()) evidence["extensions"] = {{"evident.capture", input.settings}};

  // The claim is what the readings support, judged by the same classifier as `evident classify`.
  const Verdict verdict = classify_run(json(evidence), policy);
  evidence["classification"] = run_class_name(verdict.derived);
  return evidence;
}

}  // namespace evident
