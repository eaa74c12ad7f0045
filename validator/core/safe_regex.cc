#include "core/safe_regex.h"

namespace evident {

std::regex compile_safe_regex(const std::string& pattern) {
  return std::regex(pattern, std::regex::ECMAScript | std::regex_constants::__polynomial);
}

}  // namespace evident
