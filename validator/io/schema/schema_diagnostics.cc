#include "io/schema/schema_diagnostics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <regex>
#include <set>
#include <string_view>

#include "core/edit_distance.h"
#include "core/json_pointer.h"
#include "core/safe_regex.h"
#include "core/text.h"
#include "io/json/source_text.h"
#include "io/schema/schema_locator.h"

namespace evident::io {
namespace {

using nlohmann::json;

struct Keyword {
  std::string_view prefix;  // valijson's description starts with it
  std::string_view code;    // "" marks a wrapper that only repeats a child's failure
};

// valijson reports no keyword, only text; the prefixes below are its fixed messages.
constexpr std::array<Keyword, 36> keywords{{
    {"Value type not permitted", "schema.type"},
    {"Missing required property", "schema.required"},
    {"Object contains a property that could not be validated", "schema.additional_property"},
    {"Failed to match against any enum values", "schema.enum"},
    {"Failed to match expected value set by 'const'", "schema.const"},
    {"Failed to match regex specified by 'pattern'", "schema.pattern"},
    {"String should be no fewer than", "schema.min_length"},
    {"String should be no more than", "schema.max_length"},
    {"Array should contain no fewer than", "schema.min_items"},
    {"Array should contain no more than", "schema.max_items"},
    {"Array contains more items than allowed", "schema.additional_items"},
    {"Object should have no fewer than", "schema.min_properties"},
    {"Object should have no more than", "schema.max_properties"},
    {"Expected number greater than or equal to", "schema.minimum"},
    {"Expected number greater than", "schema.exclusive_minimum"},
    {"Expected number less than or equal to", "schema.maximum"},
    {"Expected number less than", "schema.exclusive_maximum"},
    {"Value should be a multiple of", "schema.multiple_of"},
    {"Value could not be converted", "schema.multiple_of"},
    {"Elements at indexes", "schema.unique_items"},
    {"String should be a valid", "schema.format"},
    {"Target should not validate", "schema.not"},
    {"Target value and comparison value are not equal", "schema.const"},
    {"Failed to validate against any schemas allowed by anyOf", "schema.any_of"},
    {"Failed to validate against any child schemas allowed by oneOf", "schema.one_of"},
    {"Failed to validate against exactly one child schema", "schema.one_of_ambiguous"},
    {"Missing dependency", "schema.dependencies"},
    {"Failed to any values against subschema in 'contains'", "schema.contains"},
    {"Failed to validate against a conditional schema", "schema.if_then_else"},
    {"Failed to validate item #", ""},
    {"Cannot validate item #", ""},
    {"Failed to validate against schema associated with property name", ""},
    {"Failed to validate against schema associated with pattern", ""},
    {"Failed to validate against child schema #", ""},
    {"Failed to validate against additional properties schema", ""},
    {"Failed to validate against dependent schema", ""},
}};

std::string_view code_for(std::string_view description) {
  for (const Keyword& keyword : keywords) {
    if (description.starts_with(keyword.prefix)) return keyword.code;
  }
  return "schema.violation";
}

const json* value_at(const json& document, const std::string& pointer) {
  try {
    const json::json_pointer parsed(pointer);
    return document.contains(parsed) ? &document.at(parsed) : nullptr;
  } catch (const json::exception&) {
    return nullptr;
  }
}

std::string json_type_name(const json& value) {
  if (value.is_number_integer()) return "integer";
  if (value.is_number()) return "number";
  return value.type_name();
}

// The name a valijson message ends with in single quotes: "Missing required property 'x'." or
// "... using 'properties' or 'additionalProperties' constraints: 'x'." (only the last one is the name).
std::string quoted_name(std::string_view description) {
  const std::size_t close = description.rfind('\'');
  if (close == std::string_view::npos || close == 0) return "";
  constexpr std::string_view marker = "constraints: '";
  const std::size_t after_marker = description.rfind(marker, close);
  const std::size_t open =
      after_marker != std::string_view::npos ? after_marker + marker.size() - 1 : description.find('\'');
  if (open >= close) return "";
  return std::string(description.substr(open + 1, close - open - 1));
}

// Whether a key matches one of the patternProperties of a schema (ECMAScript search, as JSON
// Schema defines it); an invalid pattern matches nothing.
bool matches_pattern_property(const json& schema, const std::string& key) {
  const auto patterns = schema.find("patternProperties");
  if (patterns == schema.end() || !patterns->is_object()) return false;
  for (const auto& [pattern, unused] : patterns->items()) {
    try {
      if (std::regex_search(key, compile_safe_regex(pattern))) return true;
    } catch (const std::regex_error&) {
      continue;
    }
  }
  return false;
}

template <typename Visit>
void for_each_keyword(const std::vector<const json*>& schemas, const char* keyword, Visit visit) {
  for (const json* schema : schemas) {
    const auto found = schema->find(keyword);
    if (found != schema->end()) visit(*found);
  }
}

// Keywords that set a limit: the message names the limit from the schema and what was found.
struct Bound {
  std::string_view code;
  const char* keyword;
  const char* relation;
  const char* counts;  // what is counted ("items"), or "" for a number compared as it is
};

constexpr std::array<Bound, 10> bounds{{
    {"schema.min_length", "minLength", "at least", "characters"},
    {"schema.max_length", "maxLength", "at most", "characters"},
    {"schema.min_items", "minItems", "at least", "items"},
    {"schema.max_items", "maxItems", "at most", "items"},
    {"schema.min_properties", "minProperties", "at least", "keys"},
    {"schema.max_properties", "maxProperties", "at most", "keys"},
    {"schema.minimum", "minimum", "a number >=", ""},
    {"schema.exclusive_minimum", "exclusiveMinimum", "a number >", ""},
    {"schema.maximum", "maximum", "a number <=", ""},
    {"schema.exclusive_maximum", "exclusiveMaximum", "a number <", ""},
}};

const Bound* find_bound(std::string_view code) {
  for (const Bound& bound : bounds) {
    if (bound.code == code) return &bound;
  }
  return nullptr;
}

// valijson prints limits as "1000.000000"; where the schema could not be consulted (a remote
// "$ref"), the number is taken from its text and printed in the shortest form.
std::string last_number_in(const std::string& description) {
  const std::size_t end = description.find_last_of("0123456789");
  if (end == std::string::npos) return "";
  const std::size_t begin = description.find_last_not_of("0123456789.-", end);
  const std::string digits = description.substr(begin == std::string::npos ? 0 : begin + 1, end - begin);
  try {
    const double number = std::stod(digits);
    if (std::floor(number) == number && std::fabs(number) < 1e15) return std::to_string(static_cast<long long>(number));
    return json(number).dump();
  } catch (const std::exception&) {
    return "";
  }
}

// Whether a "type" keyword admits value (an integer is also a number).
bool type_admits(const json& type, const json& value) {
  const auto admits = [&](const json& name) {
    if (!name.is_string()) return false;
    const std::string& t = name.get_ref<const std::string&>();
    return t == json_type_name(value) || (t == "number" && value.is_number());
  };
  if (type.is_array()) return std::any_of(type.begin(), type.end(), admits);
  return admits(type);
}

class Explainer {
 public:
  Explainer(const json& schema, const JsonDocument& document) : schema_(schema), document_(document) {}

  void explain(const SchemaViolation& violation) {
    std::string code(code_for(violation.description));
    if (code.empty()) code = "schema.violation";
    const json* value = value_at(document_.value(), violation.pointer);
    const std::string found = value ? describe_value(*value) : "nothing";
    const auto here = [&] { return subschemas_at(schema_, document_.value(), violation.pointer); };

    if (code == "schema.additional_property") {
      explain_unknown_keys(violation, value);
    } else if (code == "schema.required") {
      const std::string name = quoted_name(violation.description);
      std::string hint;
      if (value != nullptr && value->is_object()) {
        // Only a key the schema does not define can be a misspelling of the missing one.
        std::vector<std::string> defined;
        for_each_keyword(here(), "properties", [&](const json& properties) {
          if (properties.is_object()) {
            for (const auto& [key, unused] : properties.items()) defined.push_back(key);
          }
        });
        std::vector<std::string> present;
        for (const auto& [key, unused] : value->items()) {
          if (std::find(defined.begin(), defined.end(), key) == defined.end()) present.push_back(key);
        }
        if (const std::optional<std::string> typo = closest_match(name, present)) {
          hint = "is " + quote_for_message(*typo) + " a misspelling of it?";
        }
      }
      add(violation.pointer, code, "missing required property " + quote_for_message(name), hint, false);
    } else if (code == "schema.type") {
      std::string expected;
      for_each_keyword(here(), "type", [&](const json& type) {
        if (expected.empty()) expected = describe_schema(schema_, json{{"type", type}});
      });
      add(violation.pointer, code,
          "expected " + (expected.empty() ? std::string("another type") : expected) + ", found " +
              (value ? json_type_name(*value) + " " + found : found),
          "", false);
    } else if (code == "schema.enum") {
      std::string allowed;
      for_each_keyword(here(), "enum", [&](const json& values) {
        if (allowed.empty()) allowed = describe_schema(schema_, json{{"enum", values}});
      });
      std::string hint;
      if (value && value->is_string()) hint = suggest_enum(value->get<std::string>(), here());
      add(violation.pointer, code, found + " is not " + (allowed.empty() ? "an allowed value" : allowed), hint, false);
    } else if (code == "schema.const") {
      std::string expected;
      for_each_keyword(here(), "const", [&](const json& constant) {
        if (expected.empty()) expected = shorten(constant.dump(), 60);
      });
      add(violation.pointer, code, "expected " + (expected.empty() ? "another value" : expected) + ", found " + found,
          "", false);
    } else if (code == "schema.pattern") {
      std::string pattern;
      for_each_keyword(here(), "pattern", [&](const json& p) {
        if (pattern.empty() && p.is_string()) pattern = p.get<std::string>();
      });
      // A long regex helps nobody; the schema's description of the field says what is wanted.
      const std::string hint = pattern_hint(here());
      const bool show_pattern = !pattern.empty() && (hint.empty() || pattern.size() <= 40);
      add(violation.pointer, code,
          found + " does not have the required form" +
              (show_pattern ? " (pattern " + quote_for_message(pattern, 200) + ")" : std::string()),
          hint, false);
    } else if (const Bound* bound = find_bound(code)) {
      explain_bound(violation.pointer, code, *bound, value, found, here(), violation.description);
    } else if (code == "schema.not") {
      add(violation.pointer, code, found + " is ruled out by a \"not\" rule of the schema", not_hint(value, here()),
          false);
    } else if (code == "schema.any_of" || code == "schema.one_of") {
      explain_alternatives(violation, code, found, value, here());
    } else {
      std::string message = violation.description;
      if (!message.empty() && message.back() == '.') message.pop_back();
      if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
      add(violation.pointer, code, message + "; found " + found, "", false);
    }
  }

  std::vector<Diagnostic> take() { return std::move(diagnostics_); }

 private:
  void add(const std::string& pointer, const std::string& code, const std::string& message, const std::string& hint,
           bool at_key) {
    Diagnostic diagnostic = document_.diagnostic_at(pointer, code, message, at_key);
    diagnostic.hint = hint;
    if (seen_.insert({pointer, code, message}).second) diagnostics_.push_back(std::move(diagnostic));
  }

  // valijson names only the first unknown key of an object; evident names all of them.
  void explain_unknown_keys(const SchemaViolation& violation, const json* object) {
    std::vector<const json*> schemas = subschemas_at(schema_, document_.value(), violation.pointer);
    std::vector<std::string> allowed;
    for (const json* schema : schemas) {
      const auto properties = schema->find("properties");
      if (properties == schema->end() || !properties->is_object()) continue;
      for (const auto& [name, unused] : properties->items()) allowed.push_back(name);
    }
    std::vector<std::string> unknown;
    if (!schemas.empty() && object != nullptr && object->is_object()) {
      for (const auto& [name, unused] : object->items()) {
        const bool by_pattern = std::any_of(schemas.begin(), schemas.end(), [&, &key = name](const json* schema) {
          return matches_pattern_property(*schema, key);
        });
        if (!by_pattern && std::find(allowed.begin(), allowed.end(), name) == allowed.end()) unknown.push_back(name);
      }
    }
    if (unknown.empty()) unknown.push_back(quoted_name(violation.description));
    std::vector<std::string> missing;
    for (const std::string& name : allowed) {
      if (object == nullptr || !object->is_object() || !object->contains(name)) missing.push_back(name);
    }
    for (const std::string& name : unknown) {
      // Only keys the object lacks are plausible: suggesting one it has would mislead.
      const std::optional<std::string> suggestion = closest_match(name, missing);
      add(append_pointer(violation.pointer, name), "schema.additional_property",
          "unknown property " + quote_for_message(name) + " is not allowed here", did_you_mean(suggestion), true);
    }
  }

  void explain_alternatives(const SchemaViolation& violation, const std::string& code, const std::string& found,
                            const json* value, const std::vector<const json*>& schemas) {
    const char* keyword = code == "schema.any_of" ? "anyOf" : "oneOf";
    std::vector<const json*> branches;
    for_each_keyword(schemas, keyword, [&](const json& list) {
      if (!branches.empty() || !list.is_array()) return;
      for (const json& branch : list) branches.push_back(resolve_local_refs(schema_, &branch));
    });
    std::size_t admitting = 0;
    for (const json* branch : branches) {
      const bool admits = branch == nullptr || !branch->is_object() || !branch->contains("type") ||
                          (value != nullptr && type_admits(branch->at("type"), *value));
      if (admits) ++admitting;
    }
    const auto at_same_place = [&](const Diagnostic& d) { return d.pointer == violation.pointer; };
    if (admitting == 1) {
      // The value's type picks the form the author meant (an object for {"unreadable": ...}, a
      // number for a reading): the other forms' "wrong type" complaints are noise, and that
      // form's own complaints say what is wrong.
      std::erase_if(diagnostics_, [&](const Diagnostic& d) { return at_same_place(d) && d.code == "schema.type"; });
      return;
    }
    // No form, or several, fit the value's type: one message listing the forms says it best.
    std::erase_if(diagnostics_, [&](const Diagnostic& d) {
      return at_same_place(d) && d.code != "schema.any_of" && d.code != "schema.one_of";
    });
    std::string forms;
    for (const json* branch : branches) {
      if (!forms.empty()) forms += "; or ";
      forms += branch == nullptr ? "any value" : describe_schema(schema_, *branch);
    }
    add(violation.pointer, code,
        found + " matches none of the allowed forms" + (forms.empty() ? std::string() : ": " + forms), "", false);
  }

  std::string suggest_enum(const std::string& value, const std::vector<const json*>& schemas) const {
    std::vector<std::string> candidates;
    for_each_keyword(schemas, "enum", [&](const json& values) {
      for (const json& candidate : values) {
        if (candidate.is_string()) candidates.push_back(candidate.get<std::string>());
      }
    });
    const std::optional<std::string> suggestion = closest_match(value, candidates);
    return did_you_mean(suggestion);
  }

  // A schema may explain its pattern in prose; that is more use to a person than the regex.
  std::string pattern_hint(const std::vector<const json*>& schemas) const {
    std::string hint;
    for (const json* schema : schemas) {
      const auto description = schema->find("description");
      if (hint.empty() && schema->contains("pattern") && description != schema->end() && description->is_string()) {
        hint = shorten(description->get<std::string>(), 300);
      }
    }
    for_each_keyword(schemas, "description", [&](const json& description) {
      if (hint.empty() && description.is_string()) hint = shorten(description.get<std::string>(), 300);
    });
    return hint;
  }

  // The description beside the "not" that rejected value. Where several apply, a "not" whose
  // pattern matches the string is the one that fired.
  std::string not_hint(const json* value, const std::vector<const json*>& schemas) const {
    std::string first;
    for (const json* schema : schemas) {
      const auto description = schema->find("description");
      const auto negated = schema->find("not");
      if (negated == schema->end() || description == schema->end() || !description->is_string()) continue;
      std::string text = shorten(description->get<std::string>(), 300);
      if (first.empty()) first = text;
      const json* rule = resolve_local_refs(schema_, &*negated);
      if (rule == nullptr || !rule->is_object() || !value || !value->is_string()) continue;
      const auto pattern = rule->find("pattern");
      if (pattern == rule->end() || !pattern->is_string()) continue;
      try {
        if (std::regex_search(value->get_ref<const std::string&>(), compile_safe_regex(pattern->get<std::string>())))
          return text;
      } catch (const std::regex_error&) {
        continue;
      }
    }
    return first;
  }

  void explain_bound(const std::string& pointer, const std::string& code, const Bound& bound, const json* value,
                     const std::string& found, const std::vector<const json*>& schemas,
                     const std::string& description) {
    std::string limit;
    for_each_keyword(schemas, bound.keyword, [&](const json& number) {
      if (limit.empty() && number.is_number()) limit = number.dump();
    });
    if (limit.empty()) limit = last_number_in(description);
    std::string actual = found;
    if (value != nullptr && bound.counts[0] != '\0') {
      const std::size_t size =
          value->is_string() ? count_code_points(value->get_ref<const std::string&>()) : value->size();
      actual = std::to_string(size) + (value->is_string() ? ": " + found : "");
    }
    std::string counted = bound.counts;
    if (limit == "1" && !counted.empty()) counted.pop_back();  // "1 item", not "1 items"
    add(pointer, code,
        "expected " + std::string(bound.relation) + " " + (limit.empty() ? "the limit" : limit) +
            (counted.empty() ? std::string() : " " + counted) + ", found " + actual,
        "", false);
  }

  const json& schema_;
  const JsonDocument& document_;
  std::vector<Diagnostic> diagnostics_;
  std::set<std::tuple<std::string, std::string, std::string>> seen_;
};

}  // namespace

std::string describe_value(const json& value) {
  switch (value.type()) {
    case json::value_t::string:
      return quote_for_message(value.get_ref<const std::string&>());
    case json::value_t::object:
      return value.empty() ? "{}" : "an object with " + count_of(value.size(), "key");
    case json::value_t::array:
      return value.empty() ? "[]" : "an array of " + count_of(value.size(), "item");
    default:
      return shorten(value.dump(), 60);
  }
}

std::vector<Diagnostic> explain_violations(const std::vector<SchemaViolation>& violations, const json& schema,
                                           const JsonDocument& document) {
  const bool has_specific = std::any_of(violations.begin(), violations.end(),
                                        [](const SchemaViolation& v) { return !code_for(v.description).empty(); });
  Explainer explainer(schema, document);
  for (const SchemaViolation& violation : violations) {
    if (code_for(violation.description).empty() && has_specific) continue;
    explainer.explain(violation);
  }
  std::vector<Diagnostic> diagnostics = explainer.take();
  sort_diagnostics(diagnostics);
  return diagnostics;
}

}  // namespace evident::io
