#pragma once
// The verdict of `evident baseline`: the baseline made from evidence (each metric's samples pooled
// across the runs), whether it was written, and its changes against the baseline it replaces.
// Computed once; the text and JSON renderers (io/output) only print it.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/gate.h"
#include "core/gate_files.h"
#include "core/instant.h"

namespace evident {

// One metric whose number differs between the replaced baseline and the new one.
struct BaselineChange {
  std::string id;
  std::optional<double> before;
  std::optional<double> after;
  std::string change;  // "new", "removed", "+16.67%", or "-" when no percentage says it
};

// The metrics of either baseline whose representative number differs, or that only one holds, by id.
std::vector<BaselineChange> changes_between(const Baseline& old_baseline, const Baseline& new_baseline);

// Pools the runs of evidence into a baseline, run by run.
class BaselinePool {
 public:
  // The baseline is as new as its newest source, compared as instants and kept as that source
  // recorded it: no clock is read, so the same inputs give the same file.
  void add_source(const std::string& path, const std::string& sha256, const std::string& captured_at);
  // Adds a metric of the latest source; the reason when it contradicts the unit or direction an
  // earlier source gave the same metric (then it is not added).
  std::optional<std::string> add_metric(const MetricSeries& metric);
  bool has_metrics() const { return !entries_.empty(); }
  // Pooled samples speak for a metric; with none, the producers' values do (their median).
  Baseline baseline() const;

 private:
  Baseline sources_;               // created_at and sources; no entries yet
  std::optional<Instant> newest_;  // of the sources' captured_at
  std::map<std::string, BaselineEntry> entries_;
  std::map<std::string, std::vector<double>> values_;
};

struct BaselineReport {
  std::string output;                                  // the baseline file
  Baseline baseline;                                   // made from the evidence; empty when it could not be made
  bool replaces = false;                               // the output exists already
  std::optional<std::vector<BaselineChange>> changes;  // against the output, when it is a readable baseline
  bool written = false;
  std::vector<Diagnostic> problems;  // errors in the evidence: then no baseline is made

  bool made() const { return problems.empty() && !baseline.entries.empty(); }
};

}  // namespace evident
