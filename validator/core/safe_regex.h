#pragma once
// Regular expressions for patterns that are matched against input: a schema's "pattern", a Table
// Schema constraint. libstdc++'s default std::regex executor backtracks depth-first and recurses
// once per character it consumes, so a long string (65,000 characters) overflows even an 8 MiB
// stack. These are compiled for its breadth-first executor instead (the __polynomial flag), which
// keeps the set of live states per character and recurses at most as deep as the pattern is long:
// safe on any thread's stack, whatever the input. Matching is the same ECMAScript semantics for
// the question asked (does it match); back-references, which the breadth-first executor cannot
// follow, are refused as std::regex_error.
//
// Compiling recurses once per group within a group: a pattern of 20,000 nested groups (40 KB, within
// a Table Schema's string limit) overflowed an 8 MiB stack. A pattern whose groups nest deeper than
// max_group_depth is refused as std::regex_error, whose what() says so.
#include <cstddef>
#include <regex>
#include <string>

namespace evident {

inline constexpr std::size_t max_group_depth = 256;

std::regex compile_safe_regex(const std::string& pattern);

}  // namespace evident
