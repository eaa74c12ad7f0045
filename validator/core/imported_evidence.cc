#include "core/imported_evidence.h"

#include <optional>
#include <utility>

#include "core/classification.h"
#include "core/instant.h"

namespace evident {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

Diagnostic host_conflict(const std::string& key, const json& snapshot, const json& recorded) {
  Diagnostic problem;
  problem.code = "import.host_mismatch";
  problem.pointer = "/host/" + key;
  problem.message = "the snapshot's " + key + " is " + snapshot.dump() + ", but the imported output recorded " +
                    recorded.dump() + ": the snapshot was taken on another host";
  problem.hint = "take the snapshot with `evident doctor --format json` on the machine that ran the benchmark";
  return problem;
}

// Text with its runs of white space made one space and none at either end: tools print the CPU
// model with the padding /proc/cpuinfo or CPUID leave in it.
std::string squeezed(const std::string& text) {
  std::string result;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\t';
    if (space && (result.empty() || result.back() == ' ')) continue;
    result += space ? ' ' : c;
  }
  if (!result.empty() && result.back() == ' ') result.pop_back();
  return result;
}

// Whether two readings of one fact disagree. A reading the snapshot could not make ({"unreadable"})
// contradicts nothing.
bool contradicts(const std::string& key, const json& snapshot, const json& recorded) {
  if (snapshot.is_string() && recorded.is_string()) {
    const auto& a = snapshot.get_ref<const std::string&>();
    const auto& b = recorded.get_ref<const std::string&>();
    return key == "cpu_model" ? squeezed(a) != squeezed(b) : a != b;
  }
  if (snapshot.is_number_integer() && recorded.is_number_integer()) {
    return snapshot.get<std::int64_t>() != recorded.get<std::int64_t>();
  }
  return false;
}

// "3h 12m 5s" for a number of seconds.
std::string duration_text(std::int64_t seconds) {
  std::string text;
  for (const auto& [unit, name] : {std::pair<std::int64_t, const char*>{86400, "d"}, {3600, "h"}, {60, "m"}}) {
    if (seconds >= unit) {
      text += (text.empty() ? "" : " ") + std::to_string(seconds / unit) + name;
      seconds %= unit;
    }
  }
  if (seconds > 0 || text.empty()) text += (text.empty() ? "" : " ") + std::to_string(seconds) + "s";
  return text;
}

// The snapshot's age against the run: none recorded, or too far from captured_at.
std::optional<Diagnostic> snapshot_age_problem(const ImportSettings& settings, const std::string& captured_at) {
  Diagnostic problem;
  if (settings.snapshot_checked_at.empty()) {
    problem.code = "import.snapshot_undated";
    problem.pointer = "";
    problem.message =
        "the snapshot records no checked_at (doctor did not record it before), so nothing shows it was "
        "taken around the run";
    problem.hint = "re-run `evident doctor --format json` on the benchmark host just before or after the run";
    return problem;
  }
  const std::optional<Instant> checked = parse_rfc3339(settings.snapshot_checked_at);
  const std::optional<Instant> captured = parse_rfc3339(captured_at);
  if (!checked || !captured) return std::nullopt;  // the schema holds both to RFC 3339
  const std::int64_t apart = checked->seconds > captured->seconds ? checked->seconds - captured->seconds
                                                                  : captured->seconds - checked->seconds;
  if (apart <= settings.max_snapshot_age_seconds) return std::nullopt;
  problem.code = "import.snapshot_stale";
  problem.pointer = "/checked_at";
  problem.message = "the snapshot was checked at " + settings.snapshot_checked_at + ", " + duration_text(apart) +
                    (checked->seconds > captured->seconds ? " after" : " before") + " the run's captured_at " +
                    captured_at + "; at most " + duration_text(settings.max_snapshot_age_seconds) +
                    " (--max-snapshot-age) is accepted";
  problem.hint =
      "take the snapshot with `evident doctor --format json` just before or after the run, or pass "
      "--max-snapshot-age when the host is known not to have changed";
  return problem;
}

}  // namespace

ImportResult imported_evidence(const Imported& imported, const ImportSettings& settings, const Policy& policy) {
  ImportResult result;

  const std::string captured_at = !settings.captured_at.empty()   ? settings.captured_at
                                  : !imported.captured_at.empty() ? imported.captured_at
                                                                  : settings.fallback_captured_at;

  // The snapshot is read by evident from the kernel; the tool's readings only fill its gaps. A
  // fact the tool read itself that disagrees means the two describe different machines (or the
  // machine changed); a snapshot of no known time, or of another time, may not describe the run.
  ordered_json host = ordered_json::object();
  if (settings.host_snapshot.is_object()) {
    for (const char* key : {"hostname", "cpu_model", "logical_cpus", "kernel"}) {
      const auto snapshot = settings.host_snapshot.find(key);
      const auto recorded = imported.host.find(key);
      if (snapshot != settings.host_snapshot.end() && recorded != imported.host.end() &&
          contradicts(key, *snapshot, json(*recorded))) {
        result.problems.push_back(host_conflict(key, *snapshot, json(*recorded)));
      }
    }
    if (std::optional<Diagnostic> age = snapshot_age_problem(settings, captured_at)) {
      result.problems.push_back(std::move(*age));
    }
    if (!result.problems.empty()) return result;
    for (const auto& [key, value] : settings.host_snapshot.items()) host[key] = value;
  }
  for (const auto& [key, value] : imported.host.items()) {
    if (!host.contains(key)) host[key] = value;
  }

  ordered_json evidence;
  evidence["schema_version"] = "evident/evidence/1";
  ordered_json suite{{"name", !settings.suite.empty()   ? settings.suite
                              : !imported.suite.empty() ? imported.suite
                                                        : settings.format}};
  if (!settings.profile.empty()) suite["profile"] = settings.profile;
  if (!imported.commit.empty()) suite["commit"] = imported.commit;
  evidence["suite"] = suite;
  evidence["classification"] = "functional_non_isolated";  // replaced below by the derived class
  evidence["status"] = imported.failed ? "failed" : "passed";
  evidence["captured_at"] = captured_at;
  ordered_json producer{{"name", "evident import"}};
  if (!settings.producer_version.empty()) producer["version"] = settings.producer_version;
  producer["imported_from"] =
      imported.tool_version.empty() ? imported.tool : imported.tool + " " + imported.tool_version;
  evidence["producer"] = producer;
  evidence["host"] = host;
  evidence["benchmarks"] = imported.benchmarks;
  if (!imported.metadata.empty()) evidence["extensions"] = {{settings.format, imported.metadata}};

  // The claim is what the recorded host supports, judged by the same classifier as `evident classify`.
  const Verdict verdict = classify_run(json(evidence), policy);
  evidence["classification"] = run_class_name(verdict.derived);
  result.evidence = std::move(evidence);
  return result;
}

}  // namespace evident
