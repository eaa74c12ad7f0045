#pragma once
// The Table Schema patterns most schemas use, matched without std::regex, which takes hundreds of
// nanoseconds per cell: a sequence of ASCII character classes ("[A-Za-z0-9._-]" or one literal
// character), each with a count (none, ?, *, +, {n}, {n,}, {n,m}), such as
// "[A-Za-z0-9][A-Za-z0-9._-]*". Whether a whole text matches such a pattern does not depend on how a
// matcher searches, so the answer is std::regex_match's; a test compares the two on random patterns
// and texts. Any other pattern is not compiled here, and std::regex matches it.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace evident {

class SimplePattern {
 public:
  // The pattern, if it is one of these (ECMAScript syntax, as Table Schema's pattern).
  static std::optional<SimplePattern> compile(std::string_view pattern);

  // Whether the whole of text matches.
  bool matches(std::string_view text) const;

 private:
  // The pattern as items, {n,m} written out as n items of one and m - n optional ones, each one of
  // its class (or none, or any number). A set of items is a 64-bit mask: bit i is "before item i",
  // bit size_ "at the end". consumes_[byte]: the items whose class holds byte.
  std::array<std::uint64_t, 128> consumes_{};
  std::uint64_t repeats_ = 0;    // items of any number: reading one stays before the item
  std::uint64_t skippable_ = 0;  // items that may be none: before one is also before the next
  std::size_t size_ = 0;

  std::uint64_t closure(std::uint64_t states) const;
};

}  // namespace evident
