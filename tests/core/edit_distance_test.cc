#include "core/edit_distance.h"

#include <gtest/gtest.h>

namespace evident {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsSubstitutions) {
  EXPECT_EQ(edit_distance("", ""), 0U);
  EXPECT_EQ(edit_distance("governor", "governor"), 0U);
  EXPECT_EQ(edit_distance("govenor", "governor"), 1U);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
  EXPECT_EQ(edit_distance("", "abc"), 3U);
}

TEST(EditDistance, CountsTranspositionAsOneEdit) { EXPECT_EQ(edit_distance("gvoernor", "governor"), 1U); }

TEST(ClosestMatch, SuggestsPlausibleMisspelling) {
  EXPECT_EQ(closest_match("govenor", {"frequency_khz", "governor", "id"}), "governor");
  EXPECT_EQ(closest_match("validat", {"validate", "classify"}), "validate");
}

TEST(ClosestMatch, RejectsDistantWords) {
  EXPECT_EQ(closest_match("xyz", {"governor", "frequency_khz"}), std::nullopt);
  EXPECT_EQ(closest_match("ab", {"cd"}), std::nullopt);
}

TEST(ClosestMatch, IgnoresExactMatch) { EXPECT_EQ(closest_match("id", {"id"}), std::nullopt); }

}  // namespace
}  // namespace evident

namespace evident {
namespace {

TEST(ClosestMatch, GivesNoSuggestionForVeryShortWords) {
  EXPECT_EQ(closest_match("x", {"y", "id"}), std::nullopt);
  EXPECT_EQ(closest_match("ix", {"id"}), std::nullopt);
}

TEST(DidYouMean, QuotesTheClosestCandidateAsMessagesDo) {
  EXPECT_EQ(did_you_mean("integr", {"string", "integer"}), "did you mean \"integer\"?");
  EXPECT_EQ(did_you_mean("zzzzzz", {"string", "integer"}), "");
  EXPECT_EQ(did_you_mean(std::optional<std::string>("a\"b")), "did you mean \"a\\\"b\"?");
  EXPECT_EQ(did_you_mean(std::nullopt), "");
}

}  // namespace
}  // namespace evident
