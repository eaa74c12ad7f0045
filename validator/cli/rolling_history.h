#pragma once
// The history of rolling statistics, as `evident rolling` and `evident check` read it: old files
// rot, so one that is not valid evidence is skipped with a warning, never fatal; and a window that
// the history cannot fill is said.
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/rolling.h"
#include "io/files/input_files.h"
#include "io/schema/document_validation.h"
#include "io/schema/finding_locator.h"

namespace evident::cli {

struct RollingHistory {
  std::vector<RollingRun> runs;
  std::size_t skipped = 0;
  std::vector<Diagnostic> warnings;  // one rolling.skipped per file skipped; input.not_evidence_skipped notes
  io::FindingLocator evidence{io::ValidationOptions{}};  // the files of runs, to place findings at their line

  // Each finding about a history file placed at the line and column of its pointer.
  std::vector<Diagnostic> located_in_history(std::vector<Diagnostic> findings) const;
};

// A valid file of another evident kind that a directory walk found (a budgets file beside the runs)
// is left out with a note (input.not_evidence_skipped), not a warning: it is not rot. Only the runs
// that can still be among the newest `window` keep their metrics (roll() reads no other run's), so
// a long history costs its paths and times, not its numbers. With keep_values (change points), the
// older runs keep one representative value per metric, no samples.
RollingHistory read_history(const io::CollectedFiles& collected, const io::ValidationOptions& options,
                            std::size_t window, bool keep_values = false);

// rolling.short_history when the window holds fewer runs than asked for; file is where it points.
std::optional<Diagnostic> short_history_warning(const RollingResult& result, std::size_t window,
                                                const std::string& file);

// The patterns of --metric (or the configuration's "metrics"): a key that is not a valid metric key
// ends the command (exit 2), naming the reason.
std::vector<MetricPattern> metric_patterns(const std::vector<std::string>& keys);

}  // namespace evident::cli
