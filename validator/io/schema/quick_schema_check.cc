#include "io/schema/quick_schema_check.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <simdjson.h>

#include "core/json_pointer.h"
#include "core/pattern_automaton.h"
#include "core/safe_regex.h"
#include "io/json/quick_parse.h"
#include "io/json/source_text.h"
#include "io/json/tree_parse.h"

namespace evident::io {
namespace {

using nlohmann::json;

// A verdict that may be "unsure": an answer the fast path cannot give exactly as valijson would.
enum class Verdict { valid, invalid, unsure };

// Thrown while compiling when the schema uses something this check does not know.
struct Unsupported {};

constexpr std::size_t longest_matched_string = 8192;  // longer strings are left to valijson, unremembered

enum TypeBit : unsigned {
  type_null = 1,
  type_boolean = 2,
  type_integer = 4,
  type_number = 8,
  type_string = 16,
  type_array = 32,
  type_object = 64,
};

struct Node {
  bool always_false = false;
  int ref = -1;        // "$ref": the node it names; every other keyword is then ignored, as in valijson
  unsigned types = 0;  // 0: any type
  std::vector<json> enumerated;
  bool has_enum = false;
  std::map<std::string, int, std::less<>> properties;
  std::vector<std::string> required;
  int additional_properties = -1;  // -1: any
  int property_names = -1;
  std::optional<std::size_t> min_properties, max_properties;
  int items = -1;
  std::vector<int> item_list;  // "items" as an array
  bool items_is_list = false;
  int additional_items = -1;
  std::optional<std::size_t> min_items, max_items;
  bool unique_items = false;
  std::optional<std::size_t> min_length, max_length;
  int pattern = -1;  // index into Program::patterns
  std::optional<double> minimum, maximum, exclusive_minimum, exclusive_maximum;
  std::vector<int> all_of, any_of, one_of;
  int negated = -1;  // "not"
  // Set once compiled: "items" is a schema that holds any number and nothing else, as the samples'
  // {"type": "number"}, so an array's items are judged by their types alone (check_array).
  bool items_any_number = false;
};

// Whether node holds exactly the numbers: its type is "number" (with or without "integer"), and
// nothing else it says applies to a number.
bool holds_any_number(const Node& node) {
  return !node.always_false && node.ref < 0 &&
         (node.types == type_number || node.types == (type_number | type_integer)) && !node.has_enum && !node.minimum &&
         !node.maximum && !node.exclusive_minimum && !node.exclusive_maximum && node.all_of.empty() &&
         node.any_of.empty() && node.one_of.empty() && node.negated < 0;
}

// A double with no fraction that an int64 holds exactly.
bool is_integral_double(double number) {
  constexpr double two_to_the_63 = 9223372036854775808.0;
  return std::isfinite(number) && std::trunc(number) == number && number >= -two_to_the_63 && number < two_to_the_63;
}

bool is_integer(const json& value) {
  return value.is_number_integer() || (value.is_number_float() && is_integral_double(value.get<double>()));
}

// An unsigned integer that an int64 cannot hold: valijson reads integers as int64.
bool beyond_int64(const json& value) {
  return value.is_number_unsigned() &&
         value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
}

bool holds_float(const json& value) {
  if (value.is_number_float()) return true;
  if (value.is_structured()) {
    return std::any_of(value.begin(), value.end(), [](const json& child) { return holds_float(child); });
  }
  return false;
}

// Equality as valijson sees it for "enum" and "const" (strong types; integral floats as integers),
// for schema values without floats (compile() refuses the others).
bool same_value(const json& schema_value, const json& value) {
  if (schema_value.is_number_integer()) {
    if (!is_integer(value)) return false;
    const std::int64_t wanted = schema_value.get<std::int64_t>();
    return value.is_number_integer() ? value.get<std::int64_t>() == wanted
                                     : static_cast<std::int64_t>(value.get<double>()) == wanted;
  }
  if (schema_value.type() != value.type()) return false;
  if (schema_value.is_array()) {
    if (schema_value.size() != value.size()) return false;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!same_value(schema_value[i], value[i])) return false;
    }
    return true;
  }
  if (schema_value.is_object()) {
    if (schema_value.size() != value.size()) return false;
    for (auto member = schema_value.begin(); member != schema_value.end(); ++member) {
      const auto found = value.find(member.key());
      if (found == value.end() || !same_value(member.value(), *found)) return false;
    }
    return true;
  }
  return schema_value == value;
}

}  // namespace

bool is_integral_float(const nlohmann::json& value) {
  return value.is_number_float() && is_integral_double(value.get<double>());
}

struct QuickSchemaCheck::Program {
  std::vector<Node> nodes;
  // A "pattern": its automaton where it is of the subset core/pattern_automaton.h compiles (every
  // pattern of evident's schemas), else std::regex.
  struct Pattern {
    std::optional<PatternAutomaton> automaton;
    std::optional<std::regex> regex;
  };
  std::vector<Pattern> patterns;
  std::uint64_t id = 0;  // tells the programs apart in the per-thread memo of std::regex's matches

  // Value: a nlohmann value, a simdjson DOM element that io::parse_checked accepted, or a tree that
  // io::parse_tree made (the same value, read in place).
  template <typename Value>
  Verdict check(int index, const Value& value) const;

 private:
  bool matches(int pattern, std::string_view text) const;
  template <typename Value>
  Verdict check_object(const Node& node, const Value& value) const;
  template <typename Value>
  Verdict check_array(const Node& node, const Value& value) const;
  Verdict check_unique_items(const json& value) const;
  Verdict check_string(const Node& node, std::string_view text) const;
  Verdict check_number(const Node& node, double number) const;
  template <typename Value>
  Verdict check_combinations(const Node& node, const Value& value) const;
};

namespace {

Verdict both(Verdict a, Verdict b) {
  if (a == Verdict::invalid || b == Verdict::invalid) return Verdict::invalid;
  if (a == Verdict::unsure || b == Verdict::unsure) return Verdict::unsure;
  return Verdict::valid;
}

unsigned type_bit(const std::string& name) {
  if (name == "null") return type_null;
  if (name == "boolean") return type_boolean;
  if (name == "integer") return type_integer;
  if (name == "number") return type_number;
  if (name == "string") return type_string;
  if (name == "array") return type_array;
  if (name == "object") return type_object;
  throw Unsupported{};
}

// What the checks read of a value, the same for a nlohmann value and for a tree's node.
enum class Kind { null, boolean, integer, beyond_int64, integral_float, other_float, string, array, object };

Kind float_kind(double number) { return is_integral_double(number) ? Kind::integral_float : Kind::other_float; }

Kind kind_of(const json& value) {
  if (value.is_number_unsigned()) return beyond_int64(value) ? Kind::beyond_int64 : Kind::integer;
  if (value.is_number_integer()) return Kind::integer;
  if (value.is_number_float()) return float_kind(value.get<double>());
  if (value.is_boolean()) return Kind::boolean;
  if (value.is_string()) return Kind::string;
  if (value.is_array()) return Kind::array;
  if (value.is_object()) return Kind::object;
  return Kind::null;
}

Kind kind_of(const JsonNode& value) {
  return std::visit(
      [](const auto& held) {
        using Held = std::decay_t<decltype(held)>;
        if constexpr (std::is_same_v<Held, bool>) {
          return Kind::boolean;
        } else if constexpr (std::is_same_v<Held, std::int64_t>) {
          return Kind::integer;
        } else if constexpr (std::is_same_v<Held, std::uint64_t>) {
          return held > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) ? Kind::beyond_int64
                                                                                             : Kind::integer;
        } else if constexpr (std::is_same_v<Held, double>) {
          return float_kind(held);
        } else if constexpr (std::is_same_v<Held, std::string_view>) {
          return Kind::string;
        } else if constexpr (std::is_same_v<Held, JsonNode::Items> || std::is_same_v<Held, JsonNode::Numbers>) {
          return Kind::array;
        } else if constexpr (std::is_same_v<Held, JsonNode::Members>) {
          return Kind::object;
        } else {
          return Kind::null;
        }
      },
      value.value);
}

using Element = simdjson::dom::element;
namespace dom = simdjson::dom;

Kind kind_of(const Element& value) {
  switch (value.type()) {
    case dom::element_type::BOOL:
      return Kind::boolean;
    case dom::element_type::INT64:
      return Kind::integer;
    case dom::element_type::UINT64:
      return Kind::beyond_int64;  // simdjson gives int64 wherever it fits
    case dom::element_type::DOUBLE:
      return float_kind(value.get_double().value_unsafe());
    case dom::element_type::STRING:
      return Kind::string;
    case dom::element_type::ARRAY:
      return Kind::array;
    case dom::element_type::OBJECT:
      return Kind::object;
    default:
      return Kind::null;
  }
}

bool has_type(unsigned types, Kind kind) {
  if (types == 0) return true;
  switch (kind) {
    case Kind::null:
      return (types & type_null) != 0;
    case Kind::boolean:
      return (types & type_boolean) != 0;
    case Kind::integer:
    case Kind::beyond_int64:
    case Kind::integral_float:
      return (types & (type_integer | type_number)) != 0;
    case Kind::other_float:
      return (types & type_number) != 0;
    case Kind::string:
      return (types & type_string) != 0;
    case Kind::array:
      return (types & type_array) != 0;
    case Kind::object:
      return (types & type_object) != 0;
  }
  return false;
}

std::string_view text_of(const json& value) { return value.get_ref<const std::string&>(); }
std::string_view text_of(const Element& value) { return value.get_string().value_unsafe(); }
std::string_view text_of(const JsonNode& value) { return *value.string(); }

double number_of(const json& value) { return value.get<double>(); }
double number_of(const Element& value) {
  switch (value.type()) {
    case dom::element_type::INT64:
      return static_cast<double>(value.get_int64().value_unsafe());
    case dom::element_type::UINT64:
      return static_cast<double>(value.get_uint64().value_unsafe());
    default:
      return value.get_double().value_unsafe();
  }
}

double number_of(const JsonNode& value) { return *value.number(); }

// Copies, so that no reference outlives the simdjson_result it came from.
dom::object object_of(const Element& value) { return value.get_object().value_unsafe(); }
dom::array array_of(const Element& value) { return value.get_array().value_unsafe(); }

std::size_t size_of(const json& value) { return value.size(); }
std::size_t size_of(const Element& value) {
  return value.is_object() ? object_of(value).size() : array_of(value).size();
}
std::size_t size_of(const JsonNode& value) { return value.size(); }

bool has_member(const json& value, const std::string& name) { return value.contains(name); }
bool has_member(const Element& value, const std::string& name) {
  return object_of(value).at_key(name).error() == simdjson::SUCCESS;
}
bool has_member(const JsonNode& value, const std::string& name) { return value.find(name) != nullptr; }

// Calls visit(key, member) for each member of an object until it returns false.
template <typename Visit>
void for_each_member(const json& value, Visit visit) {
  for (auto member = value.begin(); member != value.end(); ++member) {
    if (!visit(std::string_view(member.key()), member.value())) return;
  }
}
template <typename Visit>
void for_each_member(const Element& value, Visit visit) {
  for (const dom::key_value_pair member : object_of(value)) {
    if (!visit(member.key, member.value)) return;
  }
}

template <typename Visit>
void for_each_member(const JsonNode& value, Visit visit) {
  for (const JsonNode::Member& member : *value.members()) {
    if (!visit(member.key, member.value)) return;
  }
}

// Calls visit(index, item) for each item of an array until it returns false.
template <typename Visit>
void for_each_item(const json& value, Visit visit) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!visit(i, value[i])) return;
  }
}
template <typename Visit>
void for_each_item(const Element& value, Visit visit) {
  std::size_t i = 0;
  for (const Element item : array_of(value)) {
    if (!visit(i++, item)) return;
  }
}

// An array held as numbers gives each as its nlohmann value: the schema says more of its items than
// their type (check_array judges the rest by type alone).
template <typename Visit>
void for_each_item(const JsonNode& value, Visit visit) {
  if (const JsonNode::Numbers* numbers = value.numbers()) {
    for (std::size_t i = 0; i < numbers->values.size(); ++i) {
      if (!visit(i, number_value(*numbers, i))) return;
    }
    return;
  }
  const JsonNode::Items& items = *value.items();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!visit(i, items[i])) return;
  }
}

const json& as_json(const json& value) { return value; }
json as_json(const Element& value) { return value_of(value); }
json as_json(const JsonNode& value) { return value_of(value); }

// same_value for a DOM element: strings compared in place, anything else as its nlohmann value.
bool same_value(const json& schema_value, const Element& value) {
  if (schema_value.is_string()) {
    return value.is_string() && text_of(value) == schema_value.get_ref<const std::string&>();
  }
  return same_value(schema_value, value_of(value));
}

// same_value for a tree's node: strings compared in place, anything else as its nlohmann value.
bool same_value(const json& schema_value, const JsonNode& value) {
  if (schema_value.is_string()) {
    return value.is_string() && text_of(value) == schema_value.get_ref<const std::string&>();
  }
  return same_value(schema_value, value_of(value));
}

std::size_t count(const json& value) {
  if (!value.is_number_unsigned() && !(value.is_number_integer() && value.get<std::int64_t>() >= 0)) {
    throw Unsupported{};
  }
  return value.get<std::size_t>();
}

double number(const json& value) {
  if (!value.is_number() || beyond_int64(value)) throw Unsupported{};
  return value.get<double>();
}

// Decodes what schema_validator writes into a bundle's "$ref": "#" and a JSON pointer whose
// tokens may carry %XX escapes, read as valijson reads them (trailing slashes trimmed). An escape
// that decodes to '/' or '~' would be read differently by the two, so it is left to valijson.
std::string local_pointer(const std::string& reference) {
  if (!reference.starts_with('#')) throw Unsupported{};
  std::string pointer;
  for (std::size_t i = 1; i < reference.size(); ++i) {
    if (reference[i] != '%') {
      pointer += reference[i];
      continue;
    }
    if (i + 2 >= reference.size()) throw Unsupported{};
    const std::string hex = reference.substr(i + 1, 2);
    if (hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) throw Unsupported{};
    const char decoded = static_cast<char>(std::stoi(hex, nullptr, 16));
    if (decoded == '/' || decoded == '~') throw Unsupported{};
    pointer += decoded;
    i += 2;
  }
  while (pointer.ends_with('/')) pointer.pop_back();
  return pointer;
}

class Compiler {
 public:
  Compiler(const json& root, QuickSchemaCheck::Program& program) : root_(root), program_(program) {}

  int compile(const json& schema, const std::string& pointer) {
    if (const auto known = compiled_.find(pointer); known != compiled_.end()) return known->second;
    const int index = static_cast<int>(program_.nodes.size());
    program_.nodes.emplace_back();
    compiled_.emplace(pointer, index);
    Node node;
    if (schema.is_boolean()) {
      node.always_false = !schema.get<bool>();
    } else if (schema.is_object()) {
      fill(node, schema, pointer);
    } else {
      throw Unsupported{};
    }
    program_.nodes[static_cast<std::size_t>(index)] = std::move(node);
    return index;
  }

 private:
  int sub(const json& schema, const std::string& pointer, std::string_view key) {
    const std::string at = append_pointer(pointer, std::string(key));
    return compile(schema, at);
  }

  std::vector<int> subs(const json& list, const std::string& pointer, std::string_view key) {
    if (!list.is_array() || list.empty()) throw Unsupported{};
    std::vector<int> indices;
    const std::string at = append_pointer(pointer, std::string(key));
    for (std::size_t i = 0; i < list.size(); ++i) indices.push_back(compile(list[i], append_pointer(at, i)));
    return indices;
  }

  int reference(const json& target) {
    if (!target.is_string()) throw Unsupported{};
    const std::string pointer = local_pointer(target.get<std::string>());
    const json* named = nullptr;
    try {
      named = &root_.at(json::json_pointer(pointer));
    } catch (const json::exception&) {
      throw Unsupported{};
    }
    return compile(*named, pointer);
  }

  int add_pattern(const json& pattern) {
    if (!pattern.is_string()) throw Unsupported{};
    QuickSchemaCheck::Program::Pattern compiled{PatternAutomaton::compile(pattern.get<std::string>()), std::nullopt};
    if (!compiled.automaton) {
      try {
        compiled.regex = compile_safe_regex(pattern.get<std::string>());
      } catch (const std::regex_error&) {
        throw Unsupported{};  // valijson reports it
      }
    }
    program_.patterns.push_back(std::move(compiled));
    return static_cast<int>(program_.patterns.size() - 1);
  }

  void fill(Node& node, const json& schema, const std::string& pointer) {
    static const std::set<std::string, std::less<>> ignored{"$schema",
                                                            "$id",
                                                            "$comment",
                                                            "title",
                                                            "description",
                                                            "default",
                                                            "examples",
                                                            "definitions",
                                                            "readOnly",
                                                            "writeOnly",
                                                            "$evident-bundled-documents"};
    if (const auto target = schema.find("$ref"); target != schema.end()) {
      node.ref = reference(*target);
      return;
    }
    for (auto member = schema.begin(); member != schema.end(); ++member) {
      const std::string& key = member.key();
      const json& value = member.value();
      if (ignored.count(key) != 0) continue;
      if (key == "type") {
        if (value.is_string()) {
          node.types = type_bit(value.get<std::string>());
        } else if (value.is_array()) {
          for (const json& name : value) {
            if (!name.is_string()) throw Unsupported{};
            node.types |= type_bit(name.get<std::string>());
          }
        } else {
          throw Unsupported{};
        }
      } else if (key == "enum" || key == "const") {
        if (key == "enum" && !value.is_array()) throw Unsupported{};
        const json candidates = key == "enum" ? value : json::array({value});
        if (holds_float(candidates) || node.has_enum) throw Unsupported{};
        node.enumerated.assign(candidates.begin(), candidates.end());
        node.has_enum = true;
      } else if (key == "properties") {
        if (!value.is_object()) throw Unsupported{};
        const std::string at = append_pointer(pointer, "properties");
        for (auto property = value.begin(); property != value.end(); ++property) {
          node.properties.emplace(property.key(), compile(property.value(), append_pointer(at, property.key())));
        }
      } else if (key == "required") {
        if (!value.is_array()) throw Unsupported{};
        for (const json& name : value) {
          if (!name.is_string()) throw Unsupported{};
          node.required.push_back(name.get<std::string>());
        }
      } else if (key == "additionalProperties") {
        node.additional_properties = sub(value, pointer, key);
      } else if (key == "propertyNames") {
        node.property_names = sub(value, pointer, key);
      } else if (key == "minProperties") {
        node.min_properties = count(value);
      } else if (key == "maxProperties") {
        node.max_properties = count(value);
      } else if (key == "items") {
        if (value.is_array()) {
          node.items_is_list = true;
          node.item_list = value.empty() ? std::vector<int>{} : subs(value, pointer, key);
        } else {
          node.items = sub(value, pointer, key);
        }
      } else if (key == "additionalItems") {
        node.additional_items = sub(value, pointer, key);
      } else if (key == "minItems") {
        node.min_items = count(value);
      } else if (key == "maxItems") {
        node.max_items = count(value);
      } else if (key == "uniqueItems") {
        if (!value.is_boolean()) throw Unsupported{};
        node.unique_items = value.get<bool>();
      } else if (key == "minLength") {
        node.min_length = count(value);
      } else if (key == "maxLength") {
        node.max_length = count(value);
      } else if (key == "pattern") {
        node.pattern = add_pattern(value);
      } else if (key == "minimum") {
        node.minimum = number(value);
      } else if (key == "maximum") {
        node.maximum = number(value);
      } else if (key == "exclusiveMinimum") {
        node.exclusive_minimum = number(value);
      } else if (key == "exclusiveMaximum") {
        node.exclusive_maximum = number(value);
      } else if (key == "allOf") {
        node.all_of = subs(value, pointer, key);
      } else if (key == "anyOf") {
        node.any_of = subs(value, pointer, key);
      } else if (key == "oneOf") {
        node.one_of = subs(value, pointer, key);
      } else if (key == "not") {
        node.negated = sub(value, pointer, key);
      } else if (key == "format") {
        // valijson checks only these formats; the others are annotations to it, as here.
        if (!value.is_string() || value == "date" || value == "time" || value == "date-time") throw Unsupported{};
      } else {
        throw Unsupported{};
      }
    }
  }

  const json& root_;
  QuickSchemaCheck::Program& program_;
  std::map<std::string, int> compiled_;  // pointer into the schema -> node
};

}  // namespace

template <typename Value>
Verdict QuickSchemaCheck::Program::check(int index, const Value& value) const {
  const Node* node = &nodes[static_cast<std::size_t>(index)];
  for (std::size_t hops = 0; node->ref >= 0; ++hops) {
    if (hops > nodes.size()) return Verdict::unsure;  // a loop of references
    node = &nodes[static_cast<std::size_t>(node->ref)];
  }
  if (node->always_false) return Verdict::invalid;
  const Kind kind = kind_of(value);
  if (kind == Kind::beyond_int64) return Verdict::unsure;
  if (!has_type(node->types, kind)) return Verdict::invalid;
  if (node->has_enum && std::none_of(node->enumerated.begin(), node->enumerated.end(),
                                     [&](const json& candidate) { return same_value(candidate, value); })) {
    return Verdict::invalid;
  }
  Verdict verdict = Verdict::valid;
  if (kind == Kind::object) {
    verdict = check_object(*node, value);
  } else if (kind == Kind::array) {
    verdict = check_array(*node, value);
  } else if (kind == Kind::string) {
    verdict = check_string(*node, text_of(value));
  } else if (kind == Kind::integer || kind == Kind::integral_float || kind == Kind::other_float) {
    verdict = check_number(*node, number_of(value));
  }
  if (verdict == Verdict::invalid) return verdict;
  return both(verdict, check_combinations(*node, value));
}

template <typename Value>
Verdict QuickSchemaCheck::Program::check_object(const Node& node, const Value& value) const {
  const std::size_t size = size_of(value);
  if (node.min_properties && size < *node.min_properties) return Verdict::invalid;
  if (node.max_properties && size > *node.max_properties) return Verdict::invalid;
  for (const std::string& name : node.required) {
    if (!has_member(value, name)) return Verdict::invalid;
  }
  Verdict verdict = Verdict::valid;
  for_each_member(value, [&](std::string_view key, const auto& member) {
    if (node.property_names >= 0) {
      verdict = both(verdict, check(node.property_names, json(key)));
      if (verdict == Verdict::invalid) return false;
    }
    const auto property = node.properties.find(key);
    if (property != node.properties.end()) {
      verdict = both(verdict, check(property->second, member));
    } else if (node.additional_properties >= 0) {
      verdict = both(verdict, check(node.additional_properties, member));
    }
    return verdict != Verdict::invalid;
  });
  return verdict;
}

template <typename Value>
Verdict QuickSchemaCheck::Program::check_array(const Node& node, const Value& value) const {
  const std::size_t size = size_of(value);
  if (node.min_items && size < *node.min_items) return Verdict::invalid;
  if (node.max_items && size > *node.max_items) return Verdict::invalid;
  Verdict verdict = Verdict::valid;
  if constexpr (std::is_same_v<Value, Element>) {
    if (node.items_any_number) {  // what check() says of each item, by its type alone
      for (const Element item : array_of(value)) {
        const dom::element_type type = item.type();
        if (type == dom::element_type::UINT64) {
          verdict = Verdict::unsure;  // beyond int64: kind_of's Kind::beyond_int64
        } else if (type != dom::element_type::INT64 && type != dom::element_type::DOUBLE) {
          return Verdict::invalid;
        }
      }
      if (node.unique_items && size > 1) return both(verdict, check_unique_items(as_json(value)));
      return verdict;
    }
  }
  if constexpr (std::is_same_v<Value, JsonNode>) {
    // Numbers that a double holds exactly: what check() says of each such item, by its type alone.
    if (node.items_any_number && value.numbers() != nullptr) {
      if (node.unique_items && size > 1) return check_unique_items(as_json(value));
      return verdict;
    }
  }
  for_each_item(value, [&](std::size_t i, const auto& item) {
    int schema = node.items;
    if (node.items_is_list) schema = i < node.item_list.size() ? node.item_list[i] : node.additional_items;
    if (schema >= 0) verdict = both(verdict, check(schema, item));
    return verdict != Verdict::invalid;
  });
  if (verdict == Verdict::invalid) return verdict;
  if (node.unique_items && size > 1) return both(verdict, check_unique_items(as_json(value)));
  return verdict;
}

Verdict QuickSchemaCheck::Program::check_unique_items(const json& value) const {
  // nlohmann's equality is looser than valijson's (1 == 1.0 across types): no equal pair here
  // means none there; an equal pair is a duplicate for valijson only when the types agree too.
  std::vector<const json*> items;
  for (const json& item : value) items.push_back(&item);
  std::sort(items.begin(), items.end(), [](const json* a, const json* b) { return *a < *b; });
  for (std::size_t i = 1; i < items.size(); ++i) {
    if (*items[i - 1] == *items[i]) {
      if (holds_float(*items[i - 1]) || holds_float(*items[i])) return Verdict::unsure;
      return Verdict::invalid;
    }
  }
  return Verdict::valid;
}

Verdict QuickSchemaCheck::Program::check_string(const Node& node, std::string_view text) const {
  if (node.min_length || node.max_length) {
    if (text.find('\0') != std::string_view::npos) return Verdict::unsure;  // valijson counts up to a NUL
    const std::size_t length = count_code_points(text);
    if (node.min_length && length < *node.min_length) return Verdict::invalid;
    if (node.max_length && length > *node.max_length) return Verdict::invalid;
  }
  if (node.pattern >= 0) {
    if (text.size() > longest_matched_string) return Verdict::unsure;
    if (!matches(node.pattern, text)) return Verdict::invalid;
  }
  return Verdict::valid;
}

namespace {

// Lets a map keyed by std::string be searched with a std::string_view.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

}  // namespace

// An automaton answers in a look-up per byte. std::regex is slow, and names, units and labels repeat
// from file to file: for a pattern it matches, each thread remembers the answers for the strings it
// has seen, a bounded number per pattern.
bool QuickSchemaCheck::Program::matches(int pattern, std::string_view text) const {
  const Pattern& compiled = patterns[static_cast<std::size_t>(pattern)];
  if (compiled.automaton) return compiled.automaton->search(text);
  constexpr std::size_t remembered = 4096;
  using Answers = std::unordered_map<std::string, bool, TextHash, std::equal_to<>>;
  thread_local std::map<std::pair<std::uint64_t, int>, Answers> memo;
  Answers& answers = memo[{id, pattern}];
  if (const auto known = answers.find(text); known != answers.end()) return known->second;
  const bool matched = std::regex_search(text.begin(), text.end(), *compiled.regex);
  if (answers.size() >= remembered) answers.clear();
  answers.emplace(text, matched);
  return matched;
}

Verdict QuickSchemaCheck::Program::check_number(const Node& node, double number) const {
  if (node.minimum && number < *node.minimum) return Verdict::invalid;
  if (node.maximum && number > *node.maximum) return Verdict::invalid;
  if (node.exclusive_minimum && number <= *node.exclusive_minimum) return Verdict::invalid;
  if (node.exclusive_maximum && number >= *node.exclusive_maximum) return Verdict::invalid;
  return Verdict::valid;
}

template <typename Value>
Verdict QuickSchemaCheck::Program::check_combinations(const Node& node, const Value& value) const {
  Verdict verdict = Verdict::valid;
  for (const int schema : node.all_of) {
    verdict = both(verdict, check(schema, value));
    if (verdict == Verdict::invalid) return verdict;
  }
  if (!node.any_of.empty()) {
    bool unsure = false;
    bool matched = false;
    for (const int schema : node.any_of) {
      const Verdict one = check(schema, value);
      if (one == Verdict::valid) {
        matched = true;
        break;
      }
      unsure = unsure || one == Verdict::unsure;
    }
    if (!matched) return unsure ? Verdict::unsure : Verdict::invalid;
  }
  if (!node.one_of.empty()) {
    std::size_t matched = 0;
    for (const int schema : node.one_of) {
      const Verdict one = check(schema, value);
      if (one == Verdict::unsure) return Verdict::unsure;
      if (one == Verdict::valid) ++matched;
    }
    if (matched != 1) return Verdict::invalid;
  }
  if (node.negated >= 0) {
    const Verdict inner = check(node.negated, value);
    if (inner == Verdict::unsure) return Verdict::unsure;
    if (inner == Verdict::valid) return Verdict::invalid;
  }
  return verdict;
}

QuickSchemaCheck::QuickSchemaCheck(std::shared_ptr<const Program> program) : program_(std::move(program)) {}

std::optional<QuickSchemaCheck> QuickSchemaCheck::compile(const nlohmann::json& schema) {
  static std::atomic<std::uint64_t> compiled{0};
  auto program = std::make_shared<Program>();
  program->id = ++compiled;
  try {
    Compiler(schema, *program).compile(schema, "");
  } catch (const Unsupported&) {
    return std::nullopt;
  }
  for (Node& node : program->nodes) {
    node.items_any_number = !node.items_is_list && node.items >= 0 &&
                            holds_any_number(program->nodes[static_cast<std::size_t>(node.items)]);
  }
  return QuickSchemaCheck(std::move(program));
}

bool QuickSchemaCheck::certainly_valid(const nlohmann::json& document) const {
  return program_->check(0, document) == Verdict::valid;
}

bool QuickSchemaCheck::certainly_valid_in_place(const simdjson::dom::element& document) const {
  return program_->check(0, document) == Verdict::valid;
}

bool QuickSchemaCheck::certainly_valid_in_place(const JsonNode& document) const {
  return program_->check(0, document) == Verdict::valid;
}

}  // namespace evident::io
