#include "core/glob.h"

#include <vector>

namespace evident {
namespace {

std::vector<std::string_view> segments_of(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) segments.push_back(path.substr(start, end - start));  // "a//b" and "./a" need no segment
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  std::erase(segments, std::string_view("."));
  return segments;
}

// One path segment: as wildcard_match, but a wildcard never matches a leading '.'.
bool segment_match(std::string_view pattern, std::string_view name) {
  if (!name.empty() && name.front() == '.' && (pattern.empty() || pattern.front() != '.')) return false;
  return wildcard_match(pattern, name, /*question_mark=*/true);
}

bool segments_match(const std::vector<std::string_view>& pattern, std::size_t p,
                    const std::vector<std::string_view>& path, std::size_t n,
                    std::vector<std::vector<signed char>>& memo) {
  signed char& known = memo[p][n];
  if (known >= 0) return known == 1;
  bool matched = false;
  if (p == pattern.size()) {
    matched = n == path.size();
  } else if (pattern[p] == "**") {
    // Zero directories, or one more (never a hidden one).
    matched = segments_match(pattern, p + 1, path, n, memo) ||
              (n < path.size() && path[n].front() != '.' && segments_match(pattern, p, path, n + 1, memo));
  } else {
    matched =
        n < path.size() && segment_match(pattern[p], path[n]) && segments_match(pattern, p + 1, path, n + 1, memo);
  }
  known = matched ? 1 : 0;
  return matched;
}

}  // namespace

bool wildcard_match(std::string_view pattern, std::string_view name, bool question_mark) {
  std::size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (p < pattern.size() && (pattern[p] == name[n] || (question_mark && pattern[p] == '?'))) {
      ++p;
      ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool has_wildcard(std::string_view pattern) { return pattern.find_first_of("*?") != std::string_view::npos; }

bool glob_match(std::string_view pattern, std::string_view path) {
  const std::vector<std::string_view> pattern_segments = segments_of(pattern);
  const std::vector<std::string_view> path_segments = segments_of(path);
  std::vector<std::vector<signed char>> memo(pattern_segments.size() + 1,
                                             std::vector<signed char>(path_segments.size() + 1, -1));
  return segments_match(pattern_segments, 0, path_segments, 0, memo);
}

std::string glob_literal_prefix(std::string_view pattern) {
  std::string prefix;
  for (const std::string_view segment : segments_of(pattern)) {
    if (has_wildcard(segment)) break;
    if (!prefix.empty()) prefix += '/';
    prefix += segment;
  }
  if (pattern.starts_with('/')) prefix.insert(0, "/");
  return prefix;
}

}  // namespace evident
