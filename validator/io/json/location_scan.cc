#include "io/json/location_scan.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
#include <map>
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

// The pointers wanted, as a tree of their tokens (escaped, as the pointers spell them): a value is
// wanted, or holds one that is, where its path leads to a node of the tree.
struct WantedTree {
  std::map<std::string, WantedTree, std::less<>> children;

  explicit WantedTree(const std::set<std::string>& pointers) {
    for (const std::string& pointer : pointers) {
      WantedTree* node = this;
      std::size_t at = 0;
      while (at < pointer.size()) {  // each token follows a '/'
        const std::size_t end = std::min(pointer.find('/', at + 1), pointer.size());
        node = &node->children.try_emplace(pointer.substr(at + 1, end - at - 1)).first->second;
        at = end;
      }
    }
  }
  WantedTree() = default;

  const WantedTree* child(std::string_view token) const {
    const auto found = children.find(token);
    return found == children.end() ? nullptr : &found->second;
  }
};

class Scanner {
 public:
  // wanted: the pointers to find, or null for every value.
  Scanner(std::string_view text, const WantedTree* wanted) : text_(text), wanted_(wanted) {}

  ValueLocations scan() {
    skip_space();
    locations_.values[""] = {at_, std::string::npos};
    value("", wanted_);
    return std::move(locations_);
  }

 private:
  void skip_space() {
    while (at_ < text_.size() && in(white_space, text_[at_])) ++at_;
  }

  // Moves past the value at at_, recording nothing.
  void skip_value() {
    if (text_[at_] != '{' && text_[at_] != '[') {
      value("", nullptr);  // a scalar: nothing recorded
      return;
    }
    std::size_t depth = 0;
    do {
      while (!in(structure, text_[at_])) ++at_;  // the container ends with one of them
      if (text_[at_] == '"') {
        skip_string();
        continue;
      }
      if (text_[at_] == '[' && skip_flat_array()) continue;
      if (text_[at_] == '{' || text_[at_] == '[') ++depth;
      if (text_[at_] == '}' || text_[at_] == ']') --depth;
      ++at_;
    } while (depth > 0);
  }

  // Moves past the array at at_ where it holds neither a container nor a string (samples, most of a
  // file): its end is the next ']', found by memchr. Each byte is searched at most once per array
  // open around it, so a deep nest stays within the depth limit times the text.
  bool skip_flat_array() {
    const std::size_t close = text_.find(']', at_);
    if (close == std::string_view::npos) return false;
    const std::string_view inside = text_.substr(at_ + 1, close - at_ - 1);
    if (inside.find('[') != std::string_view::npos || inside.find('{') != std::string_view::npos ||
        inside.find('"') != std::string_view::npos) {
      return false;
    }
    at_ = close + 1;
    return true;
  }

  // The value at at_, whose pointer is pointer (its own location is recorded by the caller); node:
  // where pointer is in the tree of the wanted, or null where every value is.
  void value(const std::string& pointer, const WantedTree* node) {
    if (text_[at_] == '{') {
      object(pointer, node);
    } else if (text_[at_] == '[') {
      array(pointer, node);
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

  // The member or element named token of the value at pointer whose node is node, wanted or holding
  // one that is: recorded and scanned, else skipped.
  void member(const std::string& pointer, const WantedTree* node, std::string_view token, std::size_t key_offset) {
    const WantedTree* child = nullptr;
    if (wanted_ != nullptr) {
      child = node->child(token);
      if (child == nullptr) {
        skip_value();
        return;
      }
    }
    std::string path = pointer;
    path += '/';
    path += token;
    locations_.values[path] = {at_, key_offset};
    value(path, child);
  }

  void object(const std::string& pointer, const WantedTree* node) {
    ++at_;
    skip_space();
    if (text_[at_] == '}') {
      ++at_;
      return;
    }
    while (true) {
      const std::size_t key_offset = at_;
      const std::string_view raw = skip_string();
      skip_space();
      ++at_;  // ':'
      skip_space();
      // Keys are short and seldom escaped; an escaped one is decoded by nlohmann, as it was parsed.
      if (raw.find_first_of("\\~/") == std::string_view::npos) {
        member(pointer, node, raw, key_offset);
      } else {
        const std::string key =
            raw.find('\\') == std::string_view::npos
                ? std::string(raw)
                : nlohmann::json::parse(text_.substr(key_offset, raw.size() + 2)).get<std::string>();
        member(pointer, node, escape_pointer_token(key), key_offset);
      }
      skip_space();
      if (text_[at_++] == '}') return;
      skip_space();
    }
  }

  void array(const std::string& pointer, const WantedTree* node) {
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
        std::array<char, 24> digits{};
        const std::size_t index = offsets.size() - 1;
        const char* end = std::to_chars(digits.data(), digits.data() + digits.size(), index).ptr;
        member(pointer, node, std::string_view(digits.data(), static_cast<std::size_t>(end - digits.data())),
               std::string::npos);
      } else {
        value(pointer, nullptr);  // a scalar: nothing recorded
      }
      skip_space();
      if (text_[at_++] == ']') break;
      skip_space();
    }
    locations_.array_elements[pointer] = std::move(offsets);
  }

  std::string_view text_;
  const WantedTree* wanted_;
  std::size_t at_ = 0;
  ValueLocations locations_;
};

}  // namespace

ValueLocations scan_locations(std::string_view text) { return Scanner(text, nullptr).scan(); }

ValueLocations scan_locations(std::string_view text, const std::set<std::string>& pointers) {
  const WantedTree wanted(pointers);
  return Scanner(text, &wanted).scan();
}

}  // namespace evident::io
