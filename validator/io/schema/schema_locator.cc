#include "io/schema/schema_locator.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>

#include "core/json_pointer.h"
#include "core/text.h"

namespace evident::io {
namespace {

using nlohmann::json;

constexpr std::size_t max_ref_hops = 16;
constexpr std::size_t max_candidates = 256;

// Adds schema and, recursively, the branches of its combinators.
void expand(const json& root, const json* schema, std::vector<const json*>& out, std::set<const json*>& seen) {
  schema = resolve_local_refs(root, schema);
  if (schema == nullptr || !schema->is_object() || out.size() >= max_candidates) return;
  if (!seen.insert(schema).second) return;
  out.push_back(schema);
  for (const char* keyword : {"allOf", "anyOf", "oneOf"}) {
    const auto branches = schema->find(keyword);
    if (branches == schema->end() || !branches->is_array()) continue;
    for (const json& branch : *branches) expand(root, &branch, out, seen);
  }
  for (const char* keyword : {"then", "else"}) {
    const auto branch = schema->find(keyword);
    if (branch != schema->end()) expand(root, &*branch, out, seen);
  }
}

const json* member(const json& schema, const char* keyword) {
  const auto found = schema.find(keyword);
  return found == schema.end() ? nullptr : &*found;
}

std::string type_names(const json& type) {
  if (type.is_string()) return type.get<std::string>();
  std::string names;
  if (type.is_array()) {
    for (const json& name : type) {
      if (!names.empty()) names += " or ";
      names += name.is_string() ? name.get<std::string>() : name.dump();
    }
  }
  return names;
}

// The array index a pointer token names, or nothing when it is not a plain decimal index.
std::optional<std::size_t> parse_index(const std::string& token) {
  if (token.empty() || token.size() > 18 || token.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(std::stoull(token));
}

}  // namespace

const json* resolve_local_refs(const json& root, const json* schema) {
  for (std::size_t hop = 0; hop < max_ref_hops && schema != nullptr && schema->is_object(); ++hop) {
    const auto ref = schema->find("$ref");
    if (ref == schema->end() || !ref->is_string()) return schema;
    const std::string& target = ref->get_ref<const std::string&>();
    if (!target.starts_with("#")) return nullptr;
    try {
      const json::json_pointer pointer(target.substr(1));
      schema = root.contains(pointer) ? &root.at(pointer) : nullptr;
    } catch (const json::exception&) {
      return nullptr;
    }
  }
  return schema;
}

std::vector<const json*> subschemas_at(const json& schema, const json& document, std::string_view pointer) {
  std::vector<const json*> current;
  std::set<const json*> seen;
  expand(schema, &schema, current, seen);
  const json* node = &document;
  for (const std::string& token : split_pointer(pointer)) {
    std::vector<const json*> next;
    std::set<const json*> next_seen;
    for (const json* candidate : current) {
      if (node->is_object()) {
        const json* properties = member(*candidate, "properties");
        if (properties && properties->is_object() && properties->contains(token)) {
          expand(schema, &properties->at(token), next, next_seen);
        } else if (const json* additional = member(*candidate, "additionalProperties"); additional) {
          expand(schema, additional, next, next_seen);
        }
      } else if (node->is_array()) {
        const json* items = member(*candidate, "items");
        if (items && items->is_object()) {
          expand(schema, items, next, next_seen);
        } else if (items && items->is_array()) {
          const std::optional<std::size_t> index = parse_index(token);
          if (index && *index < items->size()) {
            expand(schema, &(*items)[*index], next, next_seen);
          } else if (const json* additional = member(*candidate, "additionalItems"); additional) {
            expand(schema, additional, next, next_seen);
          }
        }
      }
    }
    current = std::move(next);
    if (node->is_object() && node->contains(token)) {
      node = &node->at(token);
    } else if (const std::optional<std::size_t> index = parse_index(token);
               node->is_array() && index && *index < node->size()) {
      node = &(*node)[*index];
    } else {
      break;
    }
  }
  return current;
}

std::string describe_schema(const json& root, const json& schema) {
  const json* resolved = resolve_local_refs(root, &schema);
  if (resolved == nullptr || !resolved->is_object()) return "any value";
  if (const json* constant = member(*resolved, "const")) return "exactly " + shorten(constant->dump(), 60);
  std::string description;
  if (const json* type = member(*resolved, "type")) description = type_names(*type);
  if (const json* values = member(*resolved, "enum"); values && values->is_array()) {
    std::string listed;
    std::size_t shown = 0;
    for (const json& value : *values) {
      if (shown++ == 8) {
        listed += ", ...";
        break;
      }
      if (!listed.empty()) listed += ", ";
      listed += shorten(value.dump(), 40);
    }
    description += (description.empty() ? "one of " : ", one of ") + listed;
  }
  const json* required = member(*resolved, "required");
  if ((description == "object" || description.empty()) && required && required->is_array() && !required->empty()) {
    std::string keys;
    for (const json& key : *required) {
      if (!keys.empty()) keys += ", ";
      keys += key.is_string() ? "\"" + key.get<std::string>() + "\": ..." : key.dump();
    }
    description = "{" + keys + "}";
  }
  if (description.empty()) {
    for (const char* keyword : {"anyOf", "oneOf"}) {
      const json* branches = member(*resolved, keyword);
      if (!branches || !branches->is_array()) continue;
      for (const json& branch : *branches) {
        if (!description.empty()) description += " or ";
        description += describe_schema(root, branch);
      }
    }
  }
  return description.empty() ? "any value" : description;
}

}  // namespace evident::io
