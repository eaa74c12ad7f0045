#pragma once
// Path patterns of evident.json: `*` and `?` match within one path segment (never a '/'), `**` as a
// whole segment matches any number of directories (also none). No character classes; every other
// character matches itself. As in a shell, a wildcard does not match a leading '.' of a segment.
#include <string>
#include <string_view>

namespace evident {

// True when the relative path (segments separated by '/') matches the pattern.
bool glob_match(std::string_view pattern, std::string_view path);

// The leading segments of the pattern that hold no wildcard: the directory to search from
// ("evidence/runs" for "evidence/runs/**/*.json"); the whole pattern when it has no wildcard.
std::string glob_literal_prefix(std::string_view pattern);

bool has_wildcard(std::string_view pattern);

// One name against one pattern without '/': '*' matches any run of characters, '?' one character
// when question_mark is set (metric keys have no '?'). Iterative with one backtrack point: linear
// in practice, O(n*m) at worst, whatever the pattern.
bool wildcard_match(std::string_view pattern, std::string_view name, bool question_mark);

}  // namespace evident
