#include "core/simple_pattern.h"

#include <bitset>
#include <cstddef>
#include <limits>
#include <vector>

namespace evident {
namespace {

constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();
constexpr std::size_t max_items = 63;  // states 0..63 fit one 64-bit set
constexpr std::size_t max_count = 32;

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Characters that stand for themselves, outside and inside brackets (ECMAScript).
bool is_plain(char c, bool in_brackets) {
  if (is_alnum(c)) return true;
  for (const char plain : std::string_view(in_brackets ? "._/:@, " : "_-/:@, ")) {
    if (c == plain) return true;
  }
  return false;
}

// A count's digits at pattern[i], advancing i; nothing if there are none or too many.
std::optional<std::size_t> count_at(std::string_view pattern, std::size_t& i) {
  const std::size_t start = i;
  std::size_t value = 0;
  while (i < pattern.size() && pattern[i] >= '0' && pattern[i] <= '9' && i - start < 3) {
    value = value * 10 + static_cast<std::size_t>(pattern[i] - '0');
    ++i;
  }
  if (i == start || value > max_count) return std::nullopt;
  return value;
}

}  // namespace

std::optional<SimplePattern> SimplePattern::compile(std::string_view pattern) {
  enum class Count : std::uint8_t { one, optional, any };
  struct Item {
    std::bitset<128> bytes;  // the ASCII bytes of the class
    Count count = Count::one;
  };
  std::vector<Item> items;
  std::size_t i = 0;
  while (i < pattern.size()) {
    Item item;
    if (pattern[i] == '[') {
      ++i;
      bool closed = false;
      for (bool first = true; i < pattern.size(); first = false) {
        const char c = pattern[i];
        if (c == ']' && !first) {
          closed = true;
          ++i;
          break;
        }
        const bool last = i + 1 < pattern.size() && pattern[i + 1] == ']';
        if (c == '-' && (first || last)) {  // a hyphen first or last is itself
          item.bytes.set('-');
          ++i;
        } else if (is_alnum(c) && i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
          const char to = pattern[i + 2];
          if (!is_alnum(to) || to < c) return std::nullopt;
          for (char b = c; b <= to; ++b) item.bytes.set(static_cast<unsigned char>(b));
          i += 3;
        } else if (is_plain(c, true)) {
          item.bytes.set(static_cast<unsigned char>(c));
          ++i;
        } else {
          return std::nullopt;
        }
      }
      if (!closed) return std::nullopt;
    } else if (is_plain(pattern[i], false)) {
      item.bytes.set(static_cast<unsigned char>(pattern[i]));
      ++i;
    } else {
      return std::nullopt;
    }
    std::size_t min = 1;
    std::size_t max = 1;
    if (i < pattern.size()) {
      const char c = pattern[i];
      if (c == '?' || c == '*' || c == '+') {
        min = c == '+' ? 1 : 0;
        max = c == '?' ? 1 : unbounded;
        ++i;
      } else if (c == '{') {
        ++i;
        const std::optional<std::size_t> low = count_at(pattern, i);
        if (!low) return std::nullopt;
        min = max = *low;
        if (i < pattern.size() && pattern[i] == ',') {
          ++i;
          max = unbounded;
          if (i < pattern.size() && pattern[i] != '}') {
            const std::optional<std::size_t> high = count_at(pattern, i);
            if (!high || *high < min) return std::nullopt;
            max = *high;
          }
        }
        if (i == pattern.size() || pattern[i] != '}') return std::nullopt;
        ++i;
      }
    }
    // A lazy count (+?) or a second count: left to std::regex.
    if (i < pattern.size() && std::string_view("?*+{").find(pattern[i]) != std::string_view::npos) return std::nullopt;
    for (std::size_t n = 0; n < min; ++n) items.push_back({item.bytes, Count::one});
    if (max == unbounded) {
      items.push_back({item.bytes, Count::any});
    } else {
      for (std::size_t n = min; n < max; ++n) items.push_back({item.bytes, Count::optional});
    }
    if (items.size() > max_items) return std::nullopt;
  }
  SimplePattern compiled;
  compiled.size_ = items.size();
  for (std::size_t n = 0; n < items.size(); ++n) {
    const std::uint64_t bit = std::uint64_t{1} << n;
    for (std::size_t byte = 0; byte < compiled.consumes_.size(); ++byte) {
      if (items[n].bytes[byte]) compiled.consumes_[byte] |= bit;
    }
    if (items[n].count == Count::any) compiled.repeats_ |= bit;
    if (items[n].count != Count::one) compiled.skippable_ |= bit;
  }
  return compiled;
}

// Before a skippable item is also before the next one, and so on along a run of them.
std::uint64_t SimplePattern::closure(std::uint64_t states) const {
  for (std::uint64_t before = 0; before != states;) {
    before = states;
    states |= (states & skippable_) << 1;
  }
  return states;
}

bool SimplePattern::matches(std::string_view text) const {
  std::uint64_t states = closure(1);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= consumes_.size()) return false;  // no class holds it
    const std::uint64_t read = states & consumes_[byte];
    states = closure((read & repeats_) | (read & ~repeats_) << 1);
    if (states == 0) return false;
  }
  return (states >> size_ & 1U) != 0;
}

}  // namespace evident
