#include "io/json/location_scan.h"

#include <array>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json_pointer.h"

namespace evident::io {
namespace {

// A table of the bytes given, for a loop that tests one byte with one load.
constexpr std::array<bool, 256> byte_table(std::string_view bytes) {
  std::array<bool, 256> table{};
  for (const char byte : bytes) table[static_cast<unsigned char>(byte)] = true;
  return table;
}

constexpr std::array<bool, 256> white_space = byte_table(" \t\n\r");
// What ends a scalar that is not a string: white space or the structure around it.
constexpr std::array<bool, 256> scalar_end = byte_table(",]} \t\n\r");
// What a skipped container is walked by: its strings and its nesting.
constexpr std::array<bool, 256> structure = byte_table("\"{}[]");

bool in(const std::array<bool, 256>& table, char byte) { return table[static_cast<unsigned char>(byte)]; }

class Scanner {
 public:
  // wanted: the pointers to find, or null for every value.
  Scanner(std::string_view text, const std::set<std::string>* wanted) : text_(text), wanted_(wanted) {}

  ValueLocations scan() {
    skip_space();
    locations_.values[""] = {at_, std::string::npos};
    value("");
    return std::move(locations_);
  }

 private:
  void skip_space() {
    while (at_ < text_.size() && in(white_space, text_[at_])) ++at_;
  }

  // Whether the value of pointer is wanted or holds one that is.
  bool wanted(const std::string& pointer) const {
    if (!wanted_ || wanted_->count(pointer) != 0) return true;
    const std::string prefix = pointer + '/';
    const auto next = wanted_->lower_bound(prefix);
    return next != wanted_->end() && next->compare(0, prefix.size(), prefix) == 0;
  }

  // Moves past the value at at_, recording nothing.
  void skip_value() {
    if (text_[at_] != '{' && text_[at_] != '[') {
      value("");  // a scalar: nothing recorded
      return;
    }
    std::size_t depth = 0;
    do {
      while (!in(structure, text_[at_])) ++at_;  // the container ends with one of them
      if (text_[at_] == '"') {
        skip_string();
        continue;
      }
      if (text_[at_] == '{' || text_[at_] == '[') ++depth;
      if (text_[at_] == '}' || text_[at_] == ']') --depth;
      ++at_;
    } while (depth > 0);
  }

  // The value at at_, whose pointer is pointer (its own location is recorded by the caller).
  void value(const std::string& pointer) {
    if (text_[at_] == '{') {
      object(pointer);
    } else if (text_[at_] == '[') {
      array(pointer);
    } else if (text_[at_] == '"') {
      skip_string();
    } else {
      while (at_ < text_.size() && !in(scalar_end, text_[at_])) ++at_;
    }
  }

  // Moves past the string at at_ and returns its text between the quotes, still escaped.
  std::string_view skip_string() {
    const std::size_t start = ++at_;
    while (text_[at_] != '"') at_ += text_[at_] == '\\' ? std::size_t{2} : std::size_t{1};
    return text_.substr(start, at_++ - start);
  }

  void object(const std::string& pointer) {
    ++at_;
    skip_space();
    if (text_[at_] == '}') {
      ++at_;
      return;
    }
    while (true) {
      const std::size_t key_offset = at_;
      const std::string_view raw = skip_string();
      // Keys are short and seldom escaped; an escaped one is decoded by nlohmann, as it was parsed.
      const std::string key = raw.find('\\') == std::string_view::npos
                                  ? std::string(raw)
                                  : nlohmann::json::parse(text_.substr(key_offset, raw.size() + 2)).get<std::string>();
      skip_space();
      ++at_;  // ':'
      skip_space();
      std::string member = append_pointer(pointer, key);
      if (wanted(member)) {
        locations_.values[member] = {at_, key_offset};
        value(member);
      } else {
        skip_value();
      }
      skip_space();
      if (text_[at_++] == '}') return;
      skip_space();
    }
  }

  void array(const std::string& pointer) {
    ++at_;
    skip_space();
    if (text_[at_] == ']') {
      ++at_;
      return;
    }
    std::vector<std::size_t> offsets;
    while (true) {
      offsets.push_back(at_);
      if (text_[at_] == '{' || text_[at_] == '[') {
        std::string element = append_pointer(pointer, offsets.size() - 1);
        if (wanted(element)) {
          locations_.values[element] = {at_, std::string::npos};
          value(element);
        } else {
          skip_value();
        }
      } else {
        value(pointer);
      }
      skip_space();
      if (text_[at_++] == ']') break;
      skip_space();
    }
    locations_.array_elements[pointer] = std::move(offsets);
  }

  std::string_view text_;
  const std::set<std::string>* wanted_;
  std::size_t at_ = 0;
  ValueLocations locations_;
};

}  // namespace

ValueLocations scan_locations(std::string_view text) { return Scanner(text, nullptr).scan(); }

ValueLocations scan_locations(std::string_view text, const std::set<std::string>& pointers) {
  return Scanner(text, &pointers).scan();
}

}  // namespace evident::io
