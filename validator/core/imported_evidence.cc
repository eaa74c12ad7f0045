#include "core/imported_evidence.h"

#include "core/classification.h"

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

}  // namespace

ImportResult imported_evidence(const Imported& imported, const ImportSettings& settings, const Policy& policy) {
  ImportResult result;

  // The snapshot is read by evident from the kernel; the tool's readings only fill its gaps. A
  // hostname or CPU count that disagrees means the two describe different machines.
  ordered_json host = ordered_json::object();
  if (settings.host_snapshot.is_object()) {
    for (const char* key : {"hostname", "logical_cpus"}) {
      const auto snapshot = settings.host_snapshot.find(key);
      const auto recorded = imported.host.find(key);
      // Compared as JSON text: the two sides are different nlohmann types.
      if (snapshot != settings.host_snapshot.end() && recorded != imported.host.end() &&
          snapshot->dump() != recorded->dump()) {
        result.problems.push_back(host_conflict(key, *snapshot, *recorded));
      }
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
  evidence["captured_at"] = !settings.captured_at.empty()   ? settings.captured_at
                            : !imported.captured_at.empty() ? imported.captured_at
                                                            : settings.fallback_captured_at;
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
