#pragma once
// The Table Schema patterns most schemas use, matched without std::regex, which takes hundreds of
// nanoseconds per cell: a sequence of ASCII character classes ("[A-Za-z0-9._-]" or one literal
// character), each with a count (none, ?, *, +, {n}, {n,}, {n,m}), such as
// "[A-Za-z0-9][A-Za-z0-9._-]*". Whether a whole text matches such a pattern does not depend on how a
// matcher searches, so the answer is std::regex_match's; a test compares the two on random patterns
// and texts. Any other pattern is not compiled here, and std::regex matches it.
#include <array>
#include <bitset>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace evident {

class SimplePattern {
 public:
  // The pattern, if it is one of these (ECMAScript syntax, as Table Schema's pattern).
  static std::optional<SimplePattern> compile(std::string_view pattern);

  // Whether the whole of text matches.
  bool matches(std::string_view text) const;

 private:
  enum class Count : std::uint8_t { one, optional, any };  // one of the class, or none, or any number
  struct Item {
    std::bitset<128> bytes;  // the ASCII bytes of the class
    Count count = Count::one;
  };
  std::vector<Item> items_;  // {n,m} written out as n items of one and m - n optional ones
};

}  // namespace evident
