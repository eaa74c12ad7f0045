#pragma once
// "Did you mean" for misspelt keys, flags and commands.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evident {

// Levenshtein distance, counting an adjacent transposition as one edit.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to word, if it is close enough to be a plausible misspelling
// (at most one edit per three characters, at least one; words shorter than three characters get no
// suggestion). Ties go to the earliest candidate.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// The hint `did you mean "x"?` for the closest candidate, quoted as messages quote names
// (quote_for_message), or "" when none is close. The command line's own hints quote flags and
// commands as typed ('--profile'), so they do not use it.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);
std::string did_you_mean(const std::optional<std::string>& suggestion);

}  // namespace evident
