#include "core/safe_regex.h"

#include <algorithm>
#include <cstddef>

namespace evident {
namespace {

// How deep the groups of a pattern nest: "(" not escaped and not in brackets.
std::size_t group_depth(const std::string& pattern) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_brackets = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (in_brackets) {
      in_brackets = c != ']';
    } else if (c == '[') {
      in_brackets = true;
    } else if (c == '(') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ')' && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

class TooDeep : public std::regex_error {
 public:
  explicit TooDeep(std::size_t depth)
      : std::regex_error(std::regex_constants::error_complexity),
        message_("its groups nest " + std::to_string(depth) + " deep, more than the " +
                 std::to_string(max_group_depth) + " evident compiles") {}
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string message_;
};

}  // namespace

std::regex compile_safe_regex(const std::string& pattern) {
  if (const std::size_t depth = group_depth(pattern); depth > max_group_depth) throw TooDeep(depth);
  return std::regex(pattern, std::regex::ECMAScript | std::regex_constants::__polynomial);
}

}  // namespace evident
