#include "core/simple_pattern.h"

#include <random>
#include <regex>
#include <string>

#include <gtest/gtest.h>

namespace evident {
namespace {

bool matches(std::string_view pattern, std::string_view text) { return SimplePattern::compile(pattern)->matches(text); }

TEST(SimplePattern, CompilesClassesWithCounts) {
  for (const char* pattern : {"", "[a-z]+", "[A-Za-z0-9][A-Za-z0-9._-]*", "[-a]?", "[a-]{2}", "x{1,3}y{2,}",
                              "v[0-9]+[.][0-9]+", "a-b/c:d@e, f"}) {
    EXPECT_TRUE(SimplePattern::compile(pattern)) << pattern;
  }
}

TEST(SimplePattern, LeavesEverythingElseToStdRegex) {
  for (const char* pattern : {".*", "a|b", "(ab)+", "[^a]", "\\d+", "[a-z]+?", "a**", "[]a]", "[a-z-0]", "a{,3}", "[a",
                              "a{2", "^a$", "[.-a]", "a{40}", "[a-z]{20}[a-z]{20}[a-z]{20}[a-z]{20}"}) {
    EXPECT_FALSE(SimplePattern::compile(pattern)) << pattern;
  }
}

TEST(SimplePattern, MatchesTheWholeText) {
  EXPECT_TRUE(matches("[a-z]+", "engine"));
  EXPECT_FALSE(matches("[a-z]+", "engine2"));
  EXPECT_FALSE(matches("[a-z]+", ""));
  EXPECT_TRUE(matches("", ""));
  EXPECT_FALSE(matches("", "a"));
  EXPECT_TRUE(matches("[A-Za-z0-9][A-Za-z0-9._/-]*", "wall_time/p99"));
  EXPECT_FALSE(matches("[A-Za-z0-9][A-Za-z0-9._/-]*", ".hidden"));
  EXPECT_TRUE(matches("x{1,3}y{2,}", "xxxyyyy"));
  EXPECT_FALSE(matches("x{1,3}y{2,}", "xxxxyy"));
  EXPECT_FALSE(matches("[a-z]+", "caf\xC3\xA9"));
}

// The proof that the answers are std::regex_match's: random patterns of the simple kind against
// random texts of their characters, others and bytes beyond ASCII.
TEST(SimplePattern, AnswersAsStdRegexMatch) {
  std::mt19937 random(15);
  const std::vector<std::string> classes{"a", "b", "-", "[ab]", "[a-c]", "[0-9a]", "[-b]", "[._a-]", "[A-Za-z0-9]"};
  const std::vector<std::string> counts{"", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "{0}"};
  const std::vector<std::string> letters{"a", "b", "c", "-", ".", "_", "0", "9", "Z", "\xC3\xA9", "\xFF", " "};
  std::size_t compared = 0;
  for (int p = 0; p < 300; ++p) {
    std::string pattern;
    for (std::size_t n = random() % 4; n > 0; --n) {
      pattern += classes[random() % classes.size()] + counts[random() % counts.size()];
    }
    const std::optional<SimplePattern> simple = SimplePattern::compile(pattern);
    ASSERT_TRUE(simple) << pattern;
    const std::regex regex(pattern, std::regex::ECMAScript);
    for (int t = 0; t < 100; ++t) {
      std::string text;
      for (std::size_t n = random() % 6; n > 0; --n) text += letters[random() % letters.size()];
      EXPECT_EQ(simple->matches(text), std::regex_match(text, regex)) << pattern << " on " << text;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 30000U);
}

}  // namespace
}  // namespace evident
