#pragma once
// A schema's "pattern" as a deterministic automaton. std::regex compiles each pattern of a schema in
// tens of microseconds and matches a ten-byte name in about fifteen thousand instructions; the
// patterns of evident's schemas (names, metric keys, digests, timestamps) are regular, so they are
// compiled here into a table of states by bytes, which answers in one look-up per byte of the text.
//
// The subset: literal ASCII characters and escaped punctuation, \xHH, classes ([a-z], [^...], with
// ranges and escapes), groups ((...) and (?:...)), alternation (|), counts (?, *, +, {n}, {n,},
// {n,m}) and the anchors ^ and $ anywhere. Whether a text matches somewhere does not depend on how a
// matcher searches, so the answer is std::regex_search's with ECMAScript syntax; tests compare the two
// on every pattern of the schemas and on random patterns and texts. Anything else (., \d, \b, lazy
// counts, lookahead, back-references, bytes beyond ASCII in the pattern, groups more than 32 deep,
// a pattern whose automaton would pass 4,096 states or take more than a few milliseconds to build)
// is not compiled here, and std::regex matches it.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace evident {

class PatternAutomaton {
 public:
  // The pattern's automaton, if the pattern is of the subset.
  static std::optional<PatternAutomaton> compile(std::string_view pattern);

  // The automaton of the pattern as a whole text must match it (std::regex_match's question, as a
  // Table Schema asks it of a cell): that of ^(?:pattern)$, if the pattern is of the subset.
  static std::optional<PatternAutomaton> compile_whole(std::string_view pattern);

  // Whether the pattern matches anywhere in text (std::regex_search's question).
  bool search(std::string_view text) const;

 private:
  std::array<std::uint16_t, 256> class_of_{};  // each byte's class: the bytes no class of the pattern tells apart
  // next_[class * states + state], class by class: the byte's row is found while the look-up before
  // it is under way, so each byte waits for one load, not a multiplication and a load. A state where
  // a match has ended, whatever follows, keeps to itself.
  std::vector<std::uint16_t> next_;
  std::vector<std::uint8_t> found_at_end_;  // found_at_end_[state]: the text matches if it ends here

  friend class PatternAutomatonBuilder;
};

}  // namespace evident
