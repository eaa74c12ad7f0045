#pragma once
// Runs a short helper command (such as git) through the process runner and keeps what it printed:
// its standard output and error are written to anonymous in-memory files, read back once it ends.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace evident::host {

struct CommandOutput {
  std::optional<int> exit_code;  // exited normally with this status
  std::string start_error;       // non-empty when the command could not run, e.g. "ENOENT: git"
  std::string out;               // standard output, whole
  std::string err;               // standard error, whole
  bool succeeded() const { return start_error.empty() && exit_code == 0; }
};

// argv run directly (PATH lookup, no shell) in working_directory (empty: this process's), with the
// environment variables given set, and killed after timeout_seconds.
CommandOutput run_for_output(const std::vector<std::string>& argv, const std::string& working_directory,
                             const std::vector<std::pair<std::string, std::string>>& environment = {},
                             double timeout_seconds = 120);

}  // namespace evident::host
