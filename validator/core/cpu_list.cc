#include "core/cpu_list.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace evident {
namespace {

constexpr int max_cpu = 8191;

std::optional<int> parse_cpu(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0 || value > max_cpu) return std::nullopt;
  return value;
}

std::string_view trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

std::optional<std::vector<int>> parse_cpu_list(std::string_view text) {
  text = trim(text);
  std::vector<int> cpus;
  if (text.empty() || text == "(null)") return cpus;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = trim(text.substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) continue;
    if (std::isalpha(static_cast<unsigned char>(item.front()))) continue;  // isolcpus= flags
    int used = 1, group = 1;
    if (const std::size_t colon = item.find(':'); colon != std::string_view::npos) {
      const std::string_view stride = item.substr(colon + 1);
      const std::size_t slash = stride.find('/');
      if (slash == std::string_view::npos) return std::nullopt;
      const std::optional<int> used_count = parse_cpu(stride.substr(0, slash));
      const std::optional<int> group_size = parse_cpu(stride.substr(slash + 1));
      if (!used_count || !group_size || *group_size == 0) return std::nullopt;
      used = *used_count;
      group = *group_size;
      item = item.substr(0, colon);
    }
    const std::size_t dash = item.find('-');
    const std::optional<int> first = parse_cpu(item.substr(0, dash));
    const std::optional<int> last = dash == std::string_view::npos ? first : parse_cpu(item.substr(dash + 1));
    if (!first || !last || *first > *last) return std::nullopt;
    for (int cpu = *first; cpu <= *last; ++cpu) {
      if ((cpu - *first) % group < used) cpus.push_back(cpu);
    }
  }
  std::sort(cpus.begin(), cpus.end());
  cpus.erase(std::unique(cpus.begin(), cpus.end()), cpus.end());
  return cpus;
}

std::optional<std::string_view> kernel_parameter(std::string_view cmdline, std::string_view name) {
  std::optional<std::string_view> value;
  std::size_t i = 0;
  while (i < cmdline.size()) {
    while (i < cmdline.size() && std::isspace(static_cast<unsigned char>(cmdline[i]))) ++i;
    const std::size_t start = i;
    while (i < cmdline.size() && !std::isspace(static_cast<unsigned char>(cmdline[i]))) ++i;
    const std::string_view token = cmdline.substr(start, i - start);
    if (token.size() > name.size() && token.starts_with(name) && token[name.size()] == '=') {
      value = token.substr(name.size() + 1);
    }
  }
  return value;
}

std::string format_cpu_list(const std::vector<int>& cpus) {
  std::string text;
  for (std::size_t i = 0; i < cpus.size();) {
    std::size_t j = i;
    while (j + 1 < cpus.size() && cpus[j + 1] == cpus[j] + 1) ++j;
    if (!text.empty()) text += ',';
    text += std::to_string(cpus[i]);
    if (j > i) text += "-" + std::to_string(cpus[j]);
    i = j + 1;
  }
  return text;
}

}  // namespace evident
