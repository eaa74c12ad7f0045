#pragma once
// Finds the parts of a schema that govern one place in a document, so that a violation can say
// what was expected there (the allowed keys, types, values, or forms).
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace evident::io {

// The subschemas that apply at pointer in document: reached through properties, items,
// additionalProperties/additionalItems, local "$ref"s and the branches of allOf/anyOf/oneOf.
// Remote refs are not followed. Boolean schemas are skipped.
std::vector<const nlohmann::json*> subschemas_at(const nlohmann::json& schema, const nlohmann::json& document,
                                                 std::string_view pointer);

// Follows local "$ref"s from schema (at most a few hops) to the schema they name.
const nlohmann::json* resolve_local_refs(const nlohmann::json& root, const nlohmann::json* schema);

// A short human description of what a subschema accepts, e.g. `string, one of "performance"` or
// `{"unreadable": "<reason>"}`.
std::string describe_schema(const nlohmann::json& root, const nlohmann::json& schema);

}  // namespace evident::io
