#include "io/json/tree_parse.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <simdjson.h>

namespace evident::io {
namespace {

using nlohmann::json;
namespace od = simdjson::ondemand;

constexpr std::int64_t largest_exact_integer = std::int64_t{1} << 53;  // a double holds every integer up to it

// One of an array's numbers as the scalar node it was written as.
JsonNode::Value number_at(const JsonNode::Numbers& numbers, std::size_t index) {
  const double value = numbers.values[index];
  switch (numbers.written_at(index)) {
    case JsonNode::Written::signed_integer:
      return static_cast<std::int64_t>(value);
    case JsonNode::Written::unsigned_integer:
      return static_cast<std::uint64_t>(value);
    case JsonNode::Written::floating:
      break;
  }
  return value;
}

// Reads a text into a tree, checking what the locating parser checks; stops (false) where that
// parser would report something or simdjson refuses the text. depth counts the containers open
// around a value, as the locating parser does.
class TreeBuilder {
 public:
  // The numbers of the array being read at each depth, and the keys of the object being checked:
  // kept by the thread from one text to the next. A deque, so a deeper array growing it leaves the
  // lists of those around it where they are.
  struct Scratch {
    std::deque<JsonNode::Numbers> numbers;
    std::vector<std::string_view> keys;
  };

  TreeBuilder(const JsonLimits& limits, std::pmr::memory_resource* memory, Scratch& scratch)
      : limits_(limits), memory_(memory), scratch_(scratch) {}

  bool read_document(od::document& document, JsonNode& out) {
    if (!read(document, 0, out)) return false;
    // Nothing may follow the value: the iterator is past the last token only where it has read
    // everything (3.0.1 has no public at_end()).
    const char* position = nullptr;
    return document.current_location().get(position) == simdjson::OUT_OF_BOUNDS;
  }

 private:
  // Source: the document (its root) or a value in it, which simdjson reads with the same calls.
  template <typename Source>
  bool read(Source& source, std::size_t depth, JsonNode& out) {
    od::json_type type{};
    if (source.type().get(type) != simdjson::SUCCESS) return false;
    switch (type) {
      case od::json_type::object: {
        od::object object;
        return source.get_object().get(object) == simdjson::SUCCESS && read_object(object, depth, out);
      }
      case od::json_type::array: {
        od::array array;
        return source.get_array().get(array) == simdjson::SUCCESS && read_array(array, depth, out);
      }
      case od::json_type::number: {
        od::number number;
        if (source.get_number().get(number) != simdjson::SUCCESS) return false;
        out.value = scalar_number(number, [&] { return source.is_negative(); });
        return true;
      }
      case od::json_type::string: {
        std::string_view text;
        if (source.get_string().get(text) != simdjson::SUCCESS || text.size() > limits_.max_string_bytes) return false;
        out.value = text;
        return true;
      }
      case od::json_type::boolean: {
        bool truth = false;
        if (source.get_bool().get(truth) != simdjson::SUCCESS) return false;
        out.value = truth;
        return true;
      }
      case od::json_type::null: {
        bool null = false;
        if (source.is_null().get(null) != simdjson::SUCCESS || !null) return false;
        out.value = nullptr;
        return true;
      }
    }
    return false;
  }

  // A number as nlohmann reads it: a float; an integer written with '-' signed (-0 too, which
  // simdjson gives as the int64 0); any other integer unsigned. negative() tells whether the number
  // is written with '-', asked only of a 0.
  template <typename Negative>
  static JsonNode::Value scalar_number(od::number number, Negative negative) {
    switch (number.get_number_type()) {
      case od::number_type::floating_point_number:
        return number.get_double();
      case od::number_type::unsigned_integer:
        return number.get_uint64();
      case od::number_type::signed_integer:
        break;
    }
    const std::int64_t integer = number.get_int64();
    if (integer < 0 || (integer == 0 && negative())) return integer;
    return static_cast<std::uint64_t>(integer);
  }

  // Appends a number to an array of numbers where a double holds it exactly; false otherwise.
  static bool append_number(od::number number, od::value& source, JsonNode::Numbers& numbers) {
    JsonNode::Written written = JsonNode::Written::floating;
    double value = 0;
    switch (number.get_number_type()) {
      case od::number_type::floating_point_number:
        value = number.get_double();
        break;
      case od::number_type::signed_integer: {
        const std::int64_t integer = number.get_int64();
        if (integer > largest_exact_integer || integer < -largest_exact_integer) return false;
        const bool negative = integer < 0 || (integer == 0 && source.is_negative());
        written = negative ? JsonNode::Written::signed_integer : JsonNode::Written::unsigned_integer;
        value = static_cast<double>(integer);
        break;
      }
      case od::number_type::unsigned_integer:
        return false;  // beyond int64, and so beyond 2^53
    }
    if (written != JsonNode::Written::floating || !numbers.written.empty()) {
      numbers.written.resize(numbers.values.size(), JsonNode::Written::floating);  // the floats before
      numbers.written.push_back(written);
    }
    numbers.values.push_back(value);
    return true;
  }

  // The numbers read so far become items: the array holds something else too.
  static void to_items(JsonNode::Numbers& numbers, JsonNode::Items& items) {
    items.reserve(numbers.values.size() + 1);
    for (std::size_t i = 0; i < numbers.values.size(); ++i) items.push_back(JsonNode{number_at(numbers, i)});
    numbers.values.clear();
    numbers.written.clear();
  }

  bool read_array(od::array array, std::size_t depth, JsonNode& out) {
    if (depth >= limits_.max_depth) return false;
    // The numbers are gathered in a list the thread keeps for this depth, then copied at their count:
    // a list that grew by doubling would keep up to half again as much, for as long as the samples
    // live.
    if (scratch_.numbers.size() <= depth) scratch_.numbers.resize(depth + 1);
    JsonNode::Numbers& numbers = scratch_.numbers[depth];
    numbers.values.clear();
    numbers.written.clear();
    JsonNode::Items items(memory_);
    bool only_numbers = true;
    for (auto element : array) {
      od::value item;
      if (element.get(item) != simdjson::SUCCESS) return false;
      if (only_numbers) {
        od::json_type type{};
        if (item.type().get(type) != simdjson::SUCCESS) return false;
        if (type == od::json_type::number) {
          od::number number;
          if (item.get_number().get(number) != simdjson::SUCCESS) return false;
          if (append_number(number, item, numbers)) continue;
          only_numbers = false;
          to_items(numbers, items);
          items.push_back(JsonNode{scalar_number(number, [&] { return item.is_negative(); })});
          continue;
        }
        only_numbers = false;
        to_items(numbers, items);
      }
      items.emplace_back();
      if (!read(item, depth + 1, items.back())) return false;
    }
    if (only_numbers) {
      out.value = JsonNode::Numbers{std::vector<double>(numbers.values.begin(), numbers.values.end()),
                                    std::vector<JsonNode::Written>(numbers.written.begin(), numbers.written.end())};
    } else {
      out.value = std::move(items);
    }
    return true;
  }

  bool read_object(od::object object, std::size_t depth, JsonNode& out) {
    if (depth >= limits_.max_depth) return false;
    JsonNode::Members members(memory_);
    for (auto field : object) {
      od::field member;
      std::string_view key;
      if (std::move(field).get(member) != simdjson::SUCCESS || member.unescaped_key().get(key) != simdjson::SUCCESS ||
          key.size() > limits_.max_string_bytes) {
        return false;
      }
      members.push_back({key, JsonNode{}});
      if (!read(member.value(), depth + 1, members.back().value)) return false;
    }
    // A duplicate key: the locating parser names both. Most objects have a handful of members:
    // their keys are sorted in a reused list.
    std::vector<std::string_view>& keys = scratch_.keys;
    keys.clear();
    for (const JsonNode::Member& member : members) keys.push_back(member.key);
    std::sort(keys.begin(), keys.end());
    if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) return false;
    out.value = std::move(members);
    return true;
  }

  const JsonLimits& limits_;
  std::pmr::memory_resource* memory_;
  Scratch& scratch_;
};

std::optional<JsonTree> read_tree(std::string_view text, bool padded, const JsonLimits& limits) {
  // One parser per thread: it keeps its buffers from one document to the next.
  thread_local od::parser parser;
  thread_local TreeBuilder::Scratch scratch;
  std::optional<simdjson::padded_string> copy;
  if (!padded) copy.emplace(text);
  const simdjson::padded_string_view input =
      copy ? simdjson::padded_string_view(*copy)
           : simdjson::padded_string_view(text.data(), text.size(), text.size() + kParserPadding);
  od::document document;
  if (parser.iterate(input).get(document) != simdjson::SUCCESS) return std::nullopt;
  // The lists of objects and arrays take about a quarter of the text's size, numbers apart.
  JsonTree tree(text.size() / 4 + 1024);
  if (!TreeBuilder(limits, tree.memory(), scratch).read_document(document, tree.root())) return std::nullopt;
  return tree;
}

void build_value(const JsonNode& node, json& out);

struct ValueBuilder {
  json& out;
  void operator()(std::nullptr_t) const { out = nullptr; }
  void operator()(bool truth) const { out = truth; }
  void operator()(std::int64_t number) const { out = number; }
  void operator()(std::uint64_t number) const { out = number; }
  void operator()(double number) const { out = number; }
  void operator()(std::string_view text) const { out = std::string(text); }
  void operator()(const JsonNode::Items& items) const {
    out = json::array();
    auto& array = out.get_ref<json::array_t&>();
    array.resize(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) build_value(items[i], array[i]);
  }
  void operator()(const JsonNode::Numbers& numbers) const {
    out = json::array();
    auto& array = out.get_ref<json::array_t&>();
    array.reserve(numbers.values.size());
    for (std::size_t i = 0; i < numbers.values.size(); ++i) {
      array.push_back(number_value(numbers, i));
    }
  }
  void operator()(const JsonNode::Members& members) const {
    out = json::object();
    auto& object = out.get_ref<json::object_t&>();
    for (const JsonNode::Member& member : members) build_value(member.value, object[std::string(member.key)]);
  }
};

void build_value(const JsonNode& node, json& out) { std::visit(ValueBuilder{out}, node.value); }

}  // namespace

std::optional<JsonTree> parse_tree(const FileText& text, const JsonLimits& limits) {
  return read_tree(text.view(), text.padded(), limits);
}

json value_of(const JsonNode& node) {
  json value;
  build_value(node, value);
  return value;
}

json number_value(const JsonNode::Numbers& numbers, std::size_t index) {
  json value;
  build_value(JsonNode{number_at(numbers, index)}, value);
  return value;
}

}  // namespace evident::io
