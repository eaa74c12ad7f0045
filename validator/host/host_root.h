#pragma once
// Reads the files of /sys and /proc below a configurable root, so that tests and `doctor --root`
// judge a fake tree exactly as they would the live host. A reading that fails says why, in the form
// evidence records: "ENOENT: /sys/devices/system/cpu/cpu2/cpufreq/scaling_governor" (the path as
// seen on the host, whatever the root).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace evident::host {

struct Reading {
  std::optional<std::string> value;  // the file's text, without its trailing newline
  std::string reason;                // why there is no value
};

class HostRoot {
 public:
  explicit HostRoot(std::filesystem::path root) : root_(std::move(root)) {}

  // path is absolute as on the host, e.g. "/proc/loadavg".
  Reading read(const std::string& path) const;
  bool exists(const std::string& path) const;
  // Names of the entries of a directory, sorted; empty when it cannot be listed.
  std::vector<std::string> list(const std::string& path) const;

 private:
  std::filesystem::path resolve(const std::string& path) const;
  std::filesystem::path root_;
};

}  // namespace evident::host
