#pragma once
// A JSON value as the fast path of the readers of numbers reads it (io/json/tree_parse): simdjson's
// On Demand parser reads a text once into this compact tree, with every check of the locating
// parser made on the way. An array whose every element is a number a double holds exactly (a run's
// or a baseline's samples, a million of them in a large file) is one list of doubles, which a
// reader can take whole. Strings and keys are views into the parser's buffer: a tree is valid
// until its thread parses again.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

namespace evident::io {

struct JsonNode {
  struct Member;
  // The lists of a tree's containers are made in its memory (JsonTree).
  using Members = std::pmr::vector<Member>;  // in the order of the text; the keys are distinct
  using Items = std::pmr::vector<JsonNode>;
  // How a number is written, which decides the type nlohmann gives it: a float; an integer with '-'
  // (-0 included), signed; any other integer, unsigned.
  enum class Written : std::uint8_t { floating, signed_integer, unsigned_integer };
  // An array of numbers: floats, and integers of at most 2^53 in magnitude, so each value is the
  // number exactly.
  struct Numbers {
    std::vector<double> values;
    std::vector<Written> written;  // of each value; empty where every one is a float

    Written written_at(std::size_t index) const { return written.empty() ? Written::floating : written[index]; }
  };
  using Value = std::variant<std::nullptr_t, bool, std::int64_t, std::uint64_t, double, std::string_view, Items,
                             Numbers, Members>;

  Value value;  // null where nothing else is given

  bool is_object() const { return std::holds_alternative<Members>(value); }
  bool is_array() const { return std::holds_alternative<Items>(value) || std::holds_alternative<Numbers>(value); }
  bool is_string() const { return std::holds_alternative<std::string_view>(value); }

  const Members* members() const { return std::get_if<Members>(&value); }
  Members* members() { return std::get_if<Members>(&value); }
  const Items* items() const { return std::get_if<Items>(&value); }
  Items* items() { return std::get_if<Items>(&value); }
  const Numbers* numbers() const { return std::get_if<Numbers>(&value); }
  // The member of an object with this key; nothing for a missing key or a node that is no object.
  const JsonNode* find(std::string_view key) const;
  JsonNode* find(std::string_view key);
  std::optional<std::string_view> string() const;
  // A number as nlohmann's get<double>() reads it (integers converted); nothing for any other node.
  std::optional<double> number() const;
  // The elements of an array or the members of an object; 0 for anything else.
  std::size_t size() const;
  // The numbers of an array, any other element left out, in a list of their count; taken where the
  // array is held as Numbers, which leaves it empty.
  std::vector<double> take_numbers();
};

struct JsonNode::Member {
  std::string_view key;
  JsonNode value;
};

// A tree with the memory its containers' lists are made in: one buffer that grows, taken in a few
// allocations however many objects and arrays a file has, and given back at once with the tree.
// The lists of numbers are the heap's, so a reader can keep them.
class JsonTree {
 public:
  // expected_bytes: about the memory the lists will take, the size of the first buffer.
  explicit JsonTree(std::size_t expected_bytes)
      : memory_(std::make_unique<std::pmr::monotonic_buffer_resource>(expected_bytes)) {}
  JsonTree(JsonTree&&) = default;
  // Assigning would move lists made in one tree's memory into another's.
  JsonTree& operator=(JsonTree&&) = delete;
  JsonTree(const JsonTree&) = delete;
  JsonTree& operator=(const JsonTree&) = delete;
  ~JsonTree() = default;

  std::pmr::memory_resource* memory() const { return memory_.get(); }
  JsonNode& root() { return root_; }
  const JsonNode& root() const { return root_; }

 private:
  std::unique_ptr<std::pmr::monotonic_buffer_resource> memory_;  // on the heap: the lists point to it
  JsonNode root_;                                                // freed before its memory
};

}  // namespace evident::io
