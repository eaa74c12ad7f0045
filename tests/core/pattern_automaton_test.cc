#include "core/pattern_automaton.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/safe_regex.h"

namespace evident {
namespace {

bool search(std::string_view pattern, std::string_view text) {
  return PatternAutomaton::compile(pattern)->search(text);
}

void collect_patterns(const nlohmann::json& value, std::set<std::string>& patterns) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (key == "pattern" && item.is_string()) patterns.insert(item.get<std::string>());
      collect_patterns(item, patterns);
    }
  } else if (value.is_array()) {
    for (const nlohmann::json& item : value) collect_patterns(item, patterns);
  }
}

// Every "pattern" of evident's schemas, which the quick schema check matches on every file.
std::set<std::string> schema_patterns() {
  std::set<std::string> patterns;
  for (const auto& entry : std::filesystem::directory_iterator("schemas")) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    collect_patterns(nlohmann::json::parse(in), patterns);
  }
  return patterns;
}

TEST(PatternAutomaton, CompilesEveryPatternOfTheSchemas) {
  const std::set<std::string> patterns = schema_patterns();
  EXPECT_GE(patterns.size(), 17U);
  for (const std::string& pattern : patterns) EXPECT_TRUE(PatternAutomaton::compile(pattern)) << pattern;
}

TEST(PatternAutomaton, LeavesEverythingElseToStdRegex) {
  for (const char* pattern :
       {".", "a.b", "\\d+", "\\w", "\\s", "\\b", "a*?", "a+?", "a??", "a{1,2}?", "a**", "(?=a)", "(?!a)", "(a)\\1",
        "[]", "[^]", "[[:alpha:]]", "caf\xC3\xA9", "\\xC3", "[a-z-0]", "[z-a]", "a{101}", "a{2,1}", "a{,3}", "a{2",
        "(a", "a)", "]", "}", "^*", "$+", "\\n", "\\u0041", "\\", "[a", "x{4}{4}",
        // an automaton of 2^13 states, for the thirteenth byte from the end
        "(?:a|b)*a(?:a|b){12}"}) {
    EXPECT_FALSE(PatternAutomaton::compile(pattern)) << pattern;
  }
}

// Groups within groups: 32 deep are compiled, 33 are left to std::regex, and 20,000 do not
// deepen the stack.
TEST(PatternAutomaton, NestsGroupsToABound) {
  const auto nested = [](std::size_t depth) { return std::string(depth, '(') + "a" + std::string(depth, ')'); };
  EXPECT_TRUE(PatternAutomaton::compile(nested(32)));
  EXPECT_TRUE(PatternAutomaton::compile(nested(32))->search("xa"));
  EXPECT_FALSE(PatternAutomaton::compile(nested(33)));
  EXPECT_FALSE(PatternAutomaton::compile(nested(20000)));
}

TEST(PatternAutomaton, SearchesAsTheSchemasMeanIt) {
  const std::string name = "^[^\\x00-\\x20\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\x00-\\x20\\x7f])?$";
  EXPECT_TRUE(search(name, "wall time"));
  EXPECT_TRUE(search(name, "x"));
  EXPECT_TRUE(search(name, "caf\xC3\xA9"));
  EXPECT_FALSE(search(name, ""));
  EXPECT_FALSE(search(name, " wall"));
  EXPECT_FALSE(search(name, "wall "));
  EXPECT_FALSE(search(name, "wall\ttime"));
  EXPECT_FALSE(search(name, "wall\x7f"));
  const std::string digest = "^[0-9a-f]{64}$";
  EXPECT_TRUE(search(digest, std::string(64, 'a')));
  EXPECT_FALSE(search(digest, std::string(63, 'a')));
  EXPECT_FALSE(search(digest, std::string(65, 'a')));
  const std::string instant =
      "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\\.["
      "0-9]{1,9})?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$";
  EXPECT_TRUE(search(instant, "2026-12-07T03:30:00Z"));
  EXPECT_TRUE(search(instant, "2026-12-07T23:59:60.123456789+05:30"));
  EXPECT_FALSE(search(instant, "2026-13-07T03:30:00Z"));
  EXPECT_FALSE(search(instant, "2026-12-07T03:30:00.1234567890Z"));
  // Unanchored: anywhere in the text.
  const std::string dots = "(?:^|/)\\.\\.?(?:/|$)";
  EXPECT_TRUE(search(dots, ".."));
  EXPECT_TRUE(search(dots, "a/../b"));
  EXPECT_TRUE(search(dots, "a/."));
  EXPECT_FALSE(search(dots, "a/..b"));
  EXPECT_FALSE(search(dots, "a.."));
  EXPECT_TRUE(search("", ""));
  EXPECT_TRUE(search("", "anything"));
  EXPECT_TRUE(search("^$", ""));
  EXPECT_FALSE(search("^$", "a"));
  EXPECT_TRUE(search("a|^$", ""));
  EXPECT_TRUE(search("$^", ""));
  EXPECT_FALSE(search("$^", "a"));
}

// Random texts made of the characters that matter to a pattern, and of others.
std::string random_text(std::mt19937& random, const std::vector<std::string>& pieces, std::size_t longest) {
  std::string text;
  for (std::size_t n = random() % (longest + 1); n > 0; --n) text += pieces[random() % pieces.size()];
  return text;
}

const std::vector<std::string> pieces{"a",    "b",        "c",    "z",    "A",
                                      "Z",    "0",        "1",    "2",    "3",
                                      "5",    "6",        "9",    "-",    "_",
                                      ".",    "/",        "\\",   ":",    "T",
                                      "+",    " ",        "\t",   "\x7f", std::string(1, '\0'),
                                      "\x1f", "\xC3\xA9", "\xFF", "\x80", "e",
                                      "f",    "x"};

// The proof that the answers are std::regex_search's: every pattern of the schemas against random
// texts and against texts that match it with one piece changed.
TEST(PatternAutomaton, AnswersAsStdRegexSearchOnTheSchemasPatterns) {
  std::mt19937 random(17);
  std::size_t compared = 0;
  std::size_t matched = 0;
  for (const std::string& pattern : schema_patterns()) {
    const std::optional<PatternAutomaton> automaton = PatternAutomaton::compile(pattern);
    ASSERT_TRUE(automaton) << pattern;
    const std::regex regex = compile_safe_regex(pattern);
    std::vector<std::string> matching;
    for (int t = 0; t < 4000; ++t) {
      std::string text = random_text(random, pieces, t % 4 == 0 ? 70 : 12);
      if (t % 3 == 0 && !matching.empty()) {  // a match with one byte changed, dropped or doubled
        text = matching[random() % matching.size()];
        const std::size_t at = random() % text.size();
        const int edit = static_cast<int>(random() % 3);
        if (edit == 0) text[at] = pieces[random() % pieces.size()].front();
        if (edit == 1) text.erase(at, 1);
        if (edit == 2) text.insert(at, 1, text[at]);
      }
      const bool expected = std::regex_search(text, regex);
      ASSERT_EQ(automaton->search(text), expected) << pattern << " on \"" << text << "\"";
      if (expected && !text.empty()) matching.push_back(text);
      matched += expected ? 1 : 0;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 4000 * schema_patterns().size());
  EXPECT_GT(matched, compared / 20) << "too few texts match for the comparison to mean much";
}

// Random patterns of the subset: classes, escapes, groups, alternatives, anchors and counts.
std::string random_pattern(std::mt19937& random, int depth) {
  static const std::vector<std::string> atoms{"a",
                                              "b",
                                              "0",
                                              "-",
                                              "_",
                                              "/",
                                              ":",
                                              "\\.",
                                              "\\/",
                                              "\\-",
                                              "\\x00",
                                              "\\x7f",
                                              "\\\\",
                                              "[ab]",
                                              "[a-c]",
                                              "[^a]",
                                              "[^a-z0-9]",
                                              "[-a]",
                                              "[b-]",
                                              "[\\x00-\\x20\\x7f]",
                                              "[^/\\x00-\\x1f]",
                                              "[.]",
                                              "[\\]]",
                                              "[a^]",
                                              "^",
                                              "$",
                                              "T",
                                              "\\+",
                                              "\\x41"};
  static const std::vector<std::string> counts{"", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "{0}", "{2,3}"};
  std::string pattern;
  for (std::size_t n = 1 + random() % 3; n > 0; --n) {
    std::string atom;
    if (depth < 2 && random() % 4 == 0) {
      atom = std::string(random() % 2 ? "(?:" : "(") + random_pattern(random, depth + 1);
      for (std::size_t alternatives = random() % 3; alternatives > 0; --alternatives)
        atom += "|" + random_pattern(random, depth + 1);
      atom += ")";
    } else {
      atom = atoms[random() % atoms.size()];
    }
    const std::string count = counts[random() % counts.size()];
    pattern += atom + (atom == "^" || atom == "$" ? "" : count);
  }
  return pattern;
}

// What comparing an automaton with std::regex over random patterns and texts came to.
struct Compared {
  std::size_t texts = 0;
  std::size_t matched = 0;
  std::size_t too_large = 0;  // patterns whose automaton would pass its bounds (counts within counts)
};

// For each of count random patterns, its automaton (made by compile) against std::regex (asked by
// expected) on 60 random texts of letters, at most longest letters long.
template <typename Compile, typename Expected>
Compared compare_on_random_patterns(unsigned seed, int count, const std::vector<std::string>& letters,
                                    std::size_t longest, Compile compile, Expected expected) {
  std::mt19937 random(seed);
  Compared compared;
  for (int p = 0; p < count; ++p) {
    const std::string pattern = random_pattern(random, 0);
    const std::regex regex = compile_safe_regex(pattern);
    const std::optional<PatternAutomaton> automaton = compile(pattern);
    if (!automaton) {
      ++compared.too_large;
      continue;
    }
    for (int t = 0; t < 60; ++t) {
      const std::string text = random_text(random, letters, longest);
      const bool answer = expected(text, regex);
      const bool got = automaton->search(text);
      EXPECT_EQ(got, answer) << pattern << " on \"" << text << "\"";
      if (got != answer) return compared;  // the first difference is enough to read
      compared.matched += answer ? 1 : 0;
      ++compared.texts;
    }
  }
  return compared;
}

TEST(PatternAutomaton, AnswersAsStdRegexSearchOnRandomPatterns) {
  const std::vector<std::string> letters{"a", "b",    "c",        "0",   "-", "_", "/", ".",
                                         ":", "\\",   "]",        "^",   "T", "+", "A", std::string(1, '\0'),
                                         " ", "\x7f", "\xC3\xA9", "\xFF"};
  const Compared compared = compare_on_random_patterns(
      23, 1500, letters, 8, [](const std::string& pattern) { return PatternAutomaton::compile(pattern); },
      [](const std::string& text, const std::regex& regex) { return std::regex_search(text, regex); });
  EXPECT_LT(compared.too_large, 15U);
  EXPECT_EQ(compared.texts, 60 * (1500 - compared.too_large));
  EXPECT_GT(compared.matched, compared.texts / 10);
  EXPECT_LT(compared.matched, compared.texts - compared.texts / 10);
}

bool whole(std::string_view pattern, std::string_view text) {
  return PatternAutomaton::compile_whole(pattern)->search(text);
}

// A Table Schema's pattern must match the whole cell.
TEST(PatternAutomaton, MatchesTheWholeText) {
  EXPECT_TRUE(whole("[a-z]+", "engine"));
  EXPECT_FALSE(whole("[a-z]+", "engine2"));
  EXPECT_FALSE(whole("[a-z]+", "2engine"));
  EXPECT_FALSE(whole("[a-z]+", ""));
  EXPECT_TRUE(whole("", ""));
  EXPECT_FALSE(whole("", "a"));
  EXPECT_TRUE(whole("[A-Za-z0-9][A-Za-z0-9._/-]*", "wall_time/p99"));
  EXPECT_FALSE(whole("[A-Za-z0-9][A-Za-z0-9._/-]*", ".hidden"));
  EXPECT_TRUE(whole("x{1,3}y{2,}", "xxxyyyy"));
  EXPECT_FALSE(whole("x{1,3}y{2,}", "xxxxyy"));
  EXPECT_FALSE(whole("[a-z]+", "caf\xC3\xA9"));
  EXPECT_TRUE(whole("a|bc", "bc"));
  EXPECT_FALSE(whole("a|bc", "abc"));
  // A pattern that does not stand on its own is not wrapped into one that does.
  EXPECT_FALSE(PatternAutomaton::compile_whole("a)|(b"));
}

// The proof that the whole-text answers are std::regex_match's.
TEST(PatternAutomaton, AnswersAsStdRegexMatchOnRandomPatterns) {
  const std::vector<std::string> letters{"a",  "b", "c", "0", "-", "_",    "/",        ".",   ":",
                                         "\\", "^", "T", "A", " ", "\x7f", "\xC3\xA9", "\xFF"};
  const Compared compared = compare_on_random_patterns(
      15, 1000, letters, 6, [](const std::string& pattern) { return PatternAutomaton::compile_whole(pattern); },
      [](const std::string& text, const std::regex& regex) { return std::regex_match(text, regex); });
  EXPECT_GT(compared.texts, 59000U);
  EXPECT_GT(compared.matched, compared.texts / 50);
}

}  // namespace
}  // namespace evident
