#include "host/proc_stat.h"

#include <algorithm>
#include <charconv>
#include <sstream>

#include "core/text.h"

namespace evident::host {

constexpr std::size_t max_command_length = 4096;

std::vector<std::string> stat_fields_after_name(const std::string& stat) {
  std::vector<std::string> fields;
  const std::size_t close = stat.rfind(')');
  if (close == std::string::npos) return fields;
  std::istringstream rest(stat.substr(close + 1));
  for (std::string field; rest >> field;) fields.push_back(field);
  return fields;
}

std::string command_of(const HostRoot& root, const std::string& pid, const std::string& stat) {
  const Reading cmdline = root.read("/proc/" + pid + "/cmdline");
  if (cmdline.value && !cmdline.value->empty()) {
    std::string command = *cmdline.value;
    std::replace(command.begin(), command.end(), '\0', ' ');
    return shorten(sanitize_utf8(command), max_command_length - 3);
  }
  // Kernel threads have no command line: their name, bracketed as ps shows it.
  return "[" + process_name(stat) + "]";
}

std::string process_name(const std::string& stat) {
  const std::size_t open = stat.find('(');
  const std::size_t close = stat.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) return "?";
  return sanitize_utf8(stat.substr(open + 1, close - open - 1));
}

ProcessIdentity identify_process(const HostRoot& root, const std::string& pid, bool with_command_line) {
  const std::string stat = root.read("/proc/" + pid + "/stat").value.value_or("");
  ProcessIdentity identity{process_name(stat), std::nullopt};
  if (with_command_line) identity.command = command_of(root, pid, stat);
  return identity;
}

std::optional<long long> parse_integer(std::string_view text) {
  long long value = 0;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace evident::host
