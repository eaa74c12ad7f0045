#include <array>

#include "cli/command.h"

namespace evident::cli {

std::span<const Command> commands() {
  static constexpr std::array<Command, 11> table{{
      {"check", "the PR entry point: everything evident.json configures, in one pass, with reports", run_check},
      {"validate", "check evidence and other evident files against their schemas", run_validate},
      {"classify", "re-derive each run's isolation class from its host metadata", run_classify},
      {"doctor", "say whether this host is ready for isolated runs, with every blocker", run_doctor},
      {"import", "turn Google Benchmark, hyperfine, go test -bench or pytest-benchmark output into evidence",
       run_import},
      {"export", "write evidence as Bencher Metric Format, github-action-benchmark JSON or the CSV summary",
       run_export},
      {"capture", "run a benchmark pinned to reserved CPUs and write evidence of it", run_capture},
      {"gate", "hold evidence to budgets, or to a baseline with tolerances", run_gate},
      {"rolling", "statistics of each metric over the last N runs; when a soft gate may go hard", run_rolling},
      {"baseline", "write a baseline from evidence, showing its diff against the old one", run_baseline},
      {"report", "re-render a saved check result as Markdown, HTML, JUnit XML or a job summary", run_report},
  }};
  return table;
}

}  // namespace evident::cli
