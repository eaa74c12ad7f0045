#pragma once
// Evidence from another harness's output (`evident import`): what an importer read, assembled into
// an evidence document with the claim the policy derives. Imported output rarely records runner
// labels or affinity, so it classifies as functional_non_isolated unless a host snapshot taken
// around the run (`evident doctor --format json`) is merged in. docs/import.md describes each field.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.h"
#include "core/policy.h"

namespace evident {

// What one importer made of one input file.
struct Imported {
  std::string tool;          // producer.imported_from, e.g. "google-benchmark"
  std::string tool_version;  // the harness's version when its output names it, else empty
  std::string suite;         // a suite name the output suggests (e.g. the executable), else empty
  nlohmann::ordered_json benchmarks = nlohmann::ordered_json::array();  // evidence "benchmarks", input order
  nlohmann::ordered_json host = nlohmann::ordered_json::object();       // host facts in evidence "host" terms
  nlohmann::ordered_json metadata = nlohmann::ordered_json::object();   // the tool's own context, kept verbatim
  std::string captured_at;           // RFC 3339 (UTC, "Z") when the output records it, else empty
  std::string commit;                // 40 hex digits of the code under test when recorded, else empty
  bool failed = false;               // a benchmark errored, failed or exited non-zero: status "failed"
  std::vector<Diagnostic> findings;  // warnings and notes about the input, located in it
};

struct ImportSettings {
  std::string format;                           // the importer's name, e.g. "googlebenchmark"; the extension key
  std::string suite;                            // --suite; empty: Imported::suite, else the format's name
  std::string profile;                          // --profile; empty: none recorded
  std::string captured_at;                      // --captured-at: wins over the output's own time; empty: none given
  std::string fallback_captured_at;             // when neither names one: the input's modification time (RFC 3339)
  std::string producer_version;                 // evident's version
  nlohmann::json host_snapshot;                 // "host" of `evident doctor --format json`, or null
  std::string snapshot_checked_at;              // the snapshot's checked_at; empty: it records none
  std::int64_t max_snapshot_age_seconds = 600;  // --max-snapshot-age: checked_at to captured_at, either way
};

struct ImportResult {
  nlohmann::ordered_json evidence;   // null when problems holds an error
  std::vector<Diagnostic> problems;  // errors that stop the import (e.g. the snapshot is of another host)
};

// The evidence document. Host facts: the snapshot's, where one is merged; the tool's own readings
// fill what the snapshot lacks. A snapshot is refused (problems, one per reason) when a hostname,
// CPU model, CPU count or kernel disagrees with what the tool recorded (it was taken elsewhere),
// when it records no checked_at, or when its checked_at is further than max_snapshot_age_seconds
// from the run's captured_at (it may describe the host in another state). captured_at: --captured-at, else the output's
// own time, else the input's modification time. The tool and its version go in producer.imported_from. The claim is the
// class the policy derives from all of it: import never claims more.
ImportResult imported_evidence(const Imported& imported, const ImportSettings& settings, const Policy& policy);

}  // namespace evident
