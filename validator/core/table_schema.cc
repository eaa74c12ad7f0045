#include "core/table_schema.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <set>

#include "core/edit_distance.h"
#include "core/json_pointer.h"
#include "core/safe_regex.h"
#include "core/text.h"

namespace evident {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<std::string_view, FieldType>, 7> type_names{{
    {"string", FieldType::string},
    {"number", FieldType::number},
    {"integer", FieldType::integer},
    {"boolean", FieldType::boolean},
    {"date", FieldType::date},
    {"datetime", FieldType::datetime},
    {"duration", FieldType::duration},
}};

// Valid Table Schema that evident cannot check faithfully: refused rather than ignored.
const std::vector<std::string> unsupported_field_keys{"decimalChar", "groupChar", "bareNumber", "bareInteger"};
const std::vector<std::string> field_keys{
    "name",    "type",       "format",      "constraints",           "title", "description", "example",
    "rdfType", "trueValues", "falseValues", "evident:allowNonFinite"};
const std::vector<std::string> constraint_keys{"required",  "unique",    "minimum", "maximum",
                                               "minLength", "maxLength", "pattern", "enum"};
const std::vector<std::string> schema_keys{"fields", "missingValues", "primaryKey", "foreignKeys",
                                           "title",  "description",   "$schema",    "name"};

struct Reader {
  std::vector<Diagnostic>& problems;

  void report(std::string code, const std::string& pointer, std::string message, std::string hint = "") {
    Diagnostic diagnostic;
    diagnostic.code = std::move(code);
    diagnostic.pointer = pointer;
    diagnostic.message = std::move(message);
    diagnostic.hint = std::move(hint);
    problems.push_back(std::move(diagnostic));
  }

  void unknown_keys(const json& object, const std::string& pointer, const std::vector<std::string>& known,
                    const std::string& where) {
    for (const auto& [key, value] : object.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      const std::string at = append_pointer(pointer, key);
      if (std::find(unsupported_field_keys.begin(), unsupported_field_keys.end(), key) !=
          unsupported_field_keys.end()) {
        report("table_schema.unsupported", at, "\"" + key + "\" is not supported by evident",
               "write numbers with a \".\" and without group separators, and remove \"" + key + "\"");
        continue;
      }
      const std::optional<std::string> close = closest_match(key, known);
      report("table_schema.unknown_property", at, "unknown property " + quote_for_message(key) + " in " + where,
             did_you_mean(close));
    }
  }

  std::optional<std::string> string_at(const json& object, const std::string& key, const std::string& pointer) {
    const auto found = object.find(key);
    if (found == object.end()) return std::nullopt;
    if (!found->is_string()) {
      report("table_schema.wrong_type", append_pointer(pointer, key), "\"" + key + "\" must be a string");
      return std::nullopt;
    }
    return found->get<std::string>();
  }

  std::optional<double> number_at(const json& value, const std::string& pointer, const std::string& key) {
    if (!value.is_number()) {
      report("table_schema.wrong_type", pointer, "\"" + key + "\" must be a number");
      return std::nullopt;
    }
    return value.get<double>();
  }

  std::optional<std::size_t> length_at(const json& value, const std::string& pointer, const std::string& key) {
    if (!value.is_number_unsigned() && !(value.is_number_integer() && value.get<std::int64_t>() >= 0)) {
      report("table_schema.wrong_type", pointer, "\"" + key + "\" must be a non-negative integer");
      return std::nullopt;
    }
    return value.get<std::size_t>();
  }

  std::vector<std::string> string_list(const json& value, const std::string& pointer, const std::string& key) {
    std::vector<std::string> list;
    if (!value.is_array()) {
      report("table_schema.wrong_type", pointer, "\"" + key + "\" must be an array of strings");
      return list;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!value[i].is_string()) {
        report("table_schema.wrong_type", append_pointer(pointer, i), "\"" + key + "\" must hold only strings");
        continue;
      }
      list.push_back(value[i].get<std::string>());
    }
    return list;
  }

  // A bound of minimum/maximum in the field's own type.
  std::optional<double> bound(const TableField& field, const json& value, const std::string& pointer,
                              const std::string& key, std::string& text) {
    if (field.type == FieldType::number || field.type == FieldType::integer) {
      std::optional<double> number = number_at(value, pointer, key);
      if (number) text = format_number(*number);
      if (number && field.type == FieldType::integer && value.is_number_float()) {
        report("table_schema.wrong_type", pointer, "\"" + key + "\" of an integer field must be an integer");
        return std::nullopt;
      }
      return number;
    }
    if (field.type == FieldType::date) {
      std::optional<long> days;
      if (value.is_string()) days = parse_table_date(value.get<std::string>());
      if (!days) {
        report("table_schema.wrong_type", pointer,
               "\"" + key + "\" of a date field must be a date such as \"2026-01-31\"");
        return std::nullopt;
      }
      text = value.get<std::string>();
      return static_cast<double>(*days);
    }
    report("table_schema.constraint_mismatch", pointer,
           "\"" + key + "\" applies to number, integer and date fields, not to " +
               std::string(field_type_name(field.type)) + " fields");
    return std::nullopt;
  }

  void read_constraints(TableField& field, const json& constraints, const std::string& pointer) {
    if (!constraints.is_object()) {
      report("table_schema.wrong_type", pointer, "\"constraints\" must be an object");
      return;
    }
    unknown_keys(constraints, pointer, constraint_keys, "the constraints of field \"" + field.name + "\"");
    FieldConstraints& c = field.constraints;
    for (const char* flag : {"required", "unique"}) {
      const auto found = constraints.find(flag);
      if (found == constraints.end()) continue;
      if (!found->is_boolean()) {
        report("table_schema.wrong_type", append_pointer(pointer, flag),
               std::string("\"") + flag + "\" must be true or false");
        continue;
      }
      (std::string_view(flag) == "required" ? c.required : c.unique) = found->get<bool>();
    }
    if (const auto found = constraints.find("minimum"); found != constraints.end()) {
      c.minimum = bound(field, *found, append_pointer(pointer, "minimum"), "minimum", c.minimum_text);
    }
    if (const auto found = constraints.find("maximum"); found != constraints.end()) {
      c.maximum = bound(field, *found, append_pointer(pointer, "maximum"), "maximum", c.maximum_text);
    }
    if (c.minimum && c.maximum && *c.minimum > *c.maximum) {
      report("table_schema.constraint_mismatch", append_pointer(pointer, "minimum"),
             "\"minimum\" " + c.minimum_text + " is above \"maximum\" " + c.maximum_text + ": no value can pass");
    }
    for (const char* key : {"minLength", "maxLength"}) {
      const auto found = constraints.find(key);
      if (found == constraints.end()) continue;
      const std::string at = append_pointer(pointer, key);
      if (field.type != FieldType::string) {
        report("table_schema.constraint_mismatch", at,
               std::string("\"") + key + "\" applies to string fields, not to " +
                   std::string(field_type_name(field.type)) + " fields");
        continue;
      }
      (std::string_view(key) == "minLength" ? c.min_length : c.max_length) = length_at(*found, at, key);
    }
    if (const std::optional<std::string> pattern = string_at(constraints, "pattern", pointer)) {
      try {
        c.pattern_regex = std::make_shared<const std::regex>(compile_safe_regex(*pattern));
        c.pattern_automaton = PatternAutomaton::compile_whole(*pattern);
        c.pattern = *pattern;
      } catch (const std::regex_error& error) {
        report("table_schema.invalid_pattern", append_pointer(pointer, "pattern"),
               quote_for_message(*pattern) + " is not a regular expression: " + error.what());
      }
    }
    if (const auto found = constraints.find("enum"); found != constraints.end()) {
      const std::string at = append_pointer(pointer, "enum");
      if (!found->is_array() || found->empty()) {
        report("table_schema.wrong_type", at, "\"enum\" must be a non-empty array");
        return;
      }
      c.has_enum = true;
      const bool numeric = field.type == FieldType::number || field.type == FieldType::integer;
      for (std::size_t i = 0; i < found->size(); ++i) {
        const json& value = (*found)[i];
        if (numeric && value.is_number()) {
          c.enum_numbers.push_back(value.get<double>());
          c.enum_texts.push_back(value.dump());
        } else if (numeric && value.is_string() && parse_table_number(value.get<std::string>())) {
          c.enum_numbers.push_back(*parse_table_number(value.get<std::string>()));
          c.enum_texts.push_back(value.get<std::string>());
        } else if (!numeric && value.is_string()) {
          c.enum_texts.push_back(value.get<std::string>());
        } else {
          report("table_schema.wrong_type", append_pointer(at, i),
                 "an \"enum\" value of a " + std::string(field_type_name(field.type)) + " field must be a " +
                     (numeric ? "number" : "string"));
        }
      }
    }
  }

  std::optional<TableField> read_field(const json& value, const std::string& pointer) {
    if (!value.is_object()) {
      report("table_schema.wrong_type", pointer, "a field must be an object with a \"name\"");
      return std::nullopt;
    }
    TableField field;
    const std::optional<std::string> name = string_at(value, "name", pointer);
    if (!name) {
      if (!value.contains("name")) report("table_schema.required", pointer, "a field must have a \"name\"");
      return std::nullopt;
    }
    field.name = *name;
    if (field.name.empty())
      report("table_schema.wrong_type", append_pointer(pointer, "name"), "a field name must not be empty");
    unknown_keys(value, pointer, field_keys, "field \"" + field.name + "\"");
    if (const std::optional<std::string> type = string_at(value, "type", pointer)) {
      const auto found =
          std::find_if(type_names.begin(), type_names.end(), [&](const auto& t) { return t.first == *type; });
      if (found == type_names.end()) {
        std::vector<std::string> names;
        names.reserve(type_names.size());
        for (const auto& t : type_names) names.emplace_back(t.first);
        const std::optional<std::string> close = closest_match(*type, names);
        report("table_schema.unknown_type", append_pointer(pointer, "type"),
               "type " + quote_for_message(*type) +
                   " is not one evident supports (string, number, integer, boolean, "
                   "date, datetime, duration)",
               did_you_mean(close));
      } else {
        field.type = found->second;
      }
    }
    if (const std::optional<std::string> format = string_at(value, "format", pointer)) {
      static const std::vector<std::string> string_formats{"default", "email", "uri", "uuid"};
      const bool known = *format == "default" ||
                         (field.type == FieldType::string &&
                          std::find(string_formats.begin(), string_formats.end(), *format) != string_formats.end());
      if (!known) {
        report("table_schema.unsupported", append_pointer(pointer, "format"),
               "format " + quote_for_message(*format) + " of a " + std::string(field_type_name(field.type)) +
                   " field is not supported by evident",
               field.type == FieldType::string ? "use \"default\", \"email\", \"uri\" or \"uuid\""
                                               : "use \"default\" (ISO 8601 for dates and times)");
      } else {
        field.format = *format;
      }
    }
    if (const auto found = value.find("trueValues"); found != value.end()) {
      field.true_values = string_list(*found, append_pointer(pointer, "trueValues"), "trueValues");
    }
    if (const auto found = value.find("falseValues"); found != value.end()) {
      field.false_values = string_list(*found, append_pointer(pointer, "falseValues"), "falseValues");
    }
    if (const auto found = value.find("evident:allowNonFinite"); found != value.end()) {
      const std::string at = append_pointer(pointer, "evident:allowNonFinite");
      if (!found->is_boolean()) {
        report("table_schema.wrong_type", at, "\"evident:allowNonFinite\" must be true or false");
      } else if (field.type != FieldType::number) {
        report("table_schema.constraint_mismatch", at, "\"evident:allowNonFinite\" applies to number fields only");
      } else {
        field.allow_non_finite = found->get<bool>();
      }
    }
    if (const auto found = value.find("constraints"); found != value.end()) {
      read_constraints(field, *found, append_pointer(pointer, "constraints"));
    }
    return field;
  }
};

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_leap(long year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm).
long days_from_civil(long y, long m, long d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

long to_long(std::string_view digits) {
  long value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

bool is_time(std::string_view text) {
  // hh:mm:ss with optional fraction and optional Z or +hh:mm.
  if (text.size() < 8 || text[2] != ':' || text[5] != ':') return false;
  if (!all_digits(text.substr(0, 2)) || !all_digits(text.substr(3, 2)) || !all_digits(text.substr(6, 2))) return false;
  if (to_long(text.substr(0, 2)) > 23 || to_long(text.substr(3, 2)) > 59 || to_long(text.substr(6, 2)) > 60)
    return false;
  std::string_view rest = text.substr(8);
  if (rest.starts_with('.')) {
    std::size_t digits = 1;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits == 1) return false;
    rest = rest.substr(digits);
  }
  if (rest.empty() || rest == "Z") return true;
  return rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && all_digits(rest.substr(1, 2)) && rest[3] == ':' &&
         all_digits(rest.substr(4, 2)) && to_long(rest.substr(1, 2)) <= 23 && to_long(rest.substr(4, 2)) <= 59;
}

bool is_email(std::string_view text) {
  const std::size_t at = text.find('@');
  if (at == 0 || at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view domain = text.substr(at + 1);
  const std::size_t dot = domain.find('.');
  return dot != 0 && dot != std::string_view::npos && dot + 1 < domain.size() &&
         text.find_first_of(" \t\r\n") == std::string_view::npos;
}

bool is_uri(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon + 1 == text.size()) return false;
  const auto scheme_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
           c == '.';
  };
  return std::all_of(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(colon), scheme_char) &&
         text.find_first_of(" \t\r\n") == std::string_view::npos;
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if ((i == 8 || i == 13 || i == 18 || i == 23) ? c != '-' : !hex) return false;
  }
  return true;
}

std::string field_value(const TableField& field, std::string_view cell) {
  return "field \"" + field.name + "\": " + quote_for_message(cell);
}

}  // namespace

std::string_view field_type_name(FieldType type) {
  for (const auto& [name, value] : type_names) {
    if (value == type) return name;
  }
  return "string";
}

std::vector<std::string> TableSchema::field_names() const {
  std::vector<std::string> names;
  for (const TableField& field : fields) names.push_back(field.name);
  return names;
}

bool looks_like_table_schema(const nlohmann::json& descriptor) {
  return descriptor.is_object() && descriptor.contains("fields") && !descriptor.contains("schema_version");
}

std::optional<TableSchema> read_table_schema(const nlohmann::json& descriptor, std::vector<Diagnostic>& problems) {
  const std::size_t problems_before = problems.size();
  Reader reader{problems};
  TableSchema schema;
  if (!descriptor.is_object()) {
    reader.report("table_schema.not_an_object", "", "a Table Schema must be a JSON object with \"fields\"");
    return std::nullopt;
  }
  reader.unknown_keys(descriptor, "", schema_keys, "a Table Schema");
  if (descriptor.contains("foreignKeys")) {
    reader.report("table_schema.unsupported", "/foreignKeys", "\"foreignKeys\" is not supported by evident",
                  "check references between tables another way, and remove \"foreignKeys\"");
  }
  const auto fields = descriptor.find("fields");
  if (fields == descriptor.end()) {
    reader.report("table_schema.required", "", "a Table Schema must have \"fields\"");
  } else if (!fields->is_array() || fields->empty()) {
    reader.report("table_schema.wrong_type", "/fields", "\"fields\" must be a non-empty array of field objects");
  } else {
    std::set<std::string> names;
    for (std::size_t i = 0; i < fields->size(); ++i) {
      const std::string pointer = append_pointer("/fields", i);
      std::optional<TableField> field = reader.read_field((*fields)[i], pointer);
      if (!field) continue;
      if (!names.insert(field->name).second) {
        reader.report("table_schema.duplicate_field", append_pointer(pointer, "name"),
                      "field name \"" + field->name + "\" is used twice: a header cannot tell the columns apart");
      }
      schema.fields.push_back(std::move(*field));
    }
  }
  if (const auto found = descriptor.find("missingValues"); found != descriptor.end()) {
    schema.missing_values = reader.string_list(*found, "/missingValues", "missingValues");
  }
  if (const auto found = descriptor.find("primaryKey"); found != descriptor.end()) {
    std::vector<std::string> names;
    if (found->is_string()) {
      names.push_back(found->get<std::string>());
    } else {
      names = reader.string_list(*found, "/primaryKey", "primaryKey");
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
      const auto field = std::find_if(schema.fields.begin(), schema.fields.end(),
                                      [&](const TableField& f) { return f.name == names[i]; });
      if (field == schema.fields.end()) {
        const std::optional<std::string> close = closest_match(names[i], schema.field_names());
        reader.report(
            "table_schema.unknown_key_field", found->is_string() ? "/primaryKey" : append_pointer("/primaryKey", i),
            "primaryKey names " + quote_for_message(names[i]) + ", which is not a field", did_you_mean(close));
      } else {
        schema.primary_key.push_back(static_cast<std::size_t>(field - schema.fields.begin()));
      }
    }
  }
  if (problems.size() != problems_before) return std::nullopt;
  return schema;
}

// [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?
static bool has_number_syntax(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (i == text.size() || text[i] < '0' || text[i] > '9') return false;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  }
  return i == text.size();
}

// The value of unsigned digits with at most one '.' inside them ("12.5", not ".5" or "5."), when
// they are at most 15: the mantissa and the power of ten are then exact doubles, so their quotient
// is the correctly rounded value, which is what from_chars returns (Clinger's fast path). Most
// numbers of a table are such; the others are left to from_chars.
static bool short_decimal(std::string_view text, double& value) {
  if (text.empty() || text.size() > 16) return false;
  static constexpr std::array<double, 16> powers_of_ten{1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                        1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  std::uint64_t mantissa = 0;
  const char* const end = text.data() + text.size();
  // The digits from `from` on, up to the first other byte, returned.
  const auto read_digits = [&mantissa, end](const char* from) {
    for (; from != end; ++from) {
      const unsigned digit = static_cast<unsigned char>(*from) - unsigned{'0'};  // other bytes wrap above 9
      if (digit > 9) break;
      mantissa = mantissa * 10 + digit;
    }
    return from;
  };
  const char* const point = read_digits(text.data());
  std::size_t decimals = 0;
  if (point != end) {
    if (*point != '.' || point == text.data() || point + 1 == end || read_digits(point + 1) != end) return false;
    decimals = static_cast<std::size_t>(end - point - 1);
  }
  if (text.size() - (point != end ? 1 : 0) > 15) return false;  // the digits
  value = static_cast<double>(mantissa) / powers_of_ten[decimals];
  return true;
}

// parse_table_number and parse_table_integer, without std::optional: check_cell calls these for
// every cell, and GCC 12 returns an optional through memory a byte at a time, which the caller's
// wider read of it waits for.
static bool read_table_number(std::string_view text, double& value) {
  const std::size_t sign = !text.empty() && (text.front() == '+' || text.front() == '-') ? 1 : 0;
  if (short_decimal(text.substr(sign), value)) {
    if (text.front() == '-') value = -value;
    return true;
  }
  if (!has_number_syntax(text)) return false;
  const auto [end, error] = std::from_chars(text.data() + sign, text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return false;
  if (text.front() == '-') value = -value;
  return true;
}

static bool read_table_integer(std::string_view text, std::int64_t& value) {
  // One sign at most: "+7" and "-7", never "+-7" or "++7".
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  if (digits.empty() || digits.front() == '+' || (digits.size() < text.size() && digits.front() == '-')) return false;
  // Up to 18 digits cannot overflow: summed here, the common case; from_chars decides the rest.
  const bool negative = digits.front() == '-';
  if (const std::string_view magnitude = digits.substr(negative ? 1 : 0);
      !magnitude.empty() && magnitude.size() <= 18) {
    std::uint64_t sum = 0;
    bool only_digits = true;
    for (const char c : magnitude) {
      const unsigned digit = static_cast<unsigned char>(c) - unsigned{'0'};  // other bytes wrap above 9
      if (digit > 9) {
        only_digits = false;
        break;
      }
      sum = sum * 10 + digit;
    }
    if (only_digits) {
      value = negative ? -static_cast<std::int64_t>(sum) : static_cast<std::int64_t>(sum);
      return true;
    }
  }
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return error == std::errc() && end == digits.data() + digits.size();
}

std::optional<double> parse_table_number(std::string_view text) {
  double value = 0;
  if (!read_table_number(text, value)) return std::nullopt;
  return value;
}

std::optional<std::int64_t> parse_table_integer(std::string_view text) {
  std::int64_t value = 0;
  if (!read_table_integer(text, value)) return std::nullopt;
  return value;
}

std::optional<long> parse_table_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!all_digits(text.substr(0, 4)) || !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2))) {
    return std::nullopt;
  }
  const long year = to_long(text.substr(0, 4));
  const long month = to_long(text.substr(5, 2));
  const long day = to_long(text.substr(8, 2));
  static constexpr std::array<long, 12> days_in_month{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return std::nullopt;
  const long last = days_in_month[static_cast<std::size_t>(month - 1)] + (month == 2 && is_leap(year) ? 1 : 0);
  if (day > last) return std::nullopt;
  return days_from_civil(year, month, day);
}

bool is_table_datetime(std::string_view text) {
  return text.size() > 11 && text[10] == 'T' && parse_table_date(text.substr(0, 10)) && is_time(text.substr(11));
}

bool is_table_duration(std::string_view text) {
  // P[nY][nM][nW][nD][T[nH][nM][n[.n]S]]: at least one part, and T only before a part.
  if (text.size() < 2 || text.front() != 'P') return false;
  std::size_t i = 1;
  bool in_time = false;
  bool any = false;
  bool time_part = false;
  std::string_view order = "YMWD";
  while (i < text.size()) {
    if (text[i] == 'T') {
      if (in_time) return false;
      in_time = true;
      order = "HMS";
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    bool fraction = false;
    if (i < text.size() && text[i] == '.' && in_time) {
      fraction = true;
      ++i;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    }
    if (i == start || i == text.size()) return false;
    const std::size_t unit = order.find(text[i]);
    if (unit == std::string_view::npos || (fraction && text[i] != 'S')) return false;
    order = order.substr(unit + 1);
    any = true;
    time_part = time_part || in_time;
    ++i;
  }
  return any && (!in_time || time_part);
}

// A cell read as its field's type: the value of a number, integer or date (for minimum, maximum and
// enum), and whether it is a non-finite number ("NaN", "INF"), which no other constraint applies to.
// Plain fields, not an optional: see read_table_number.
namespace {
struct TypedCell {
  double number = 0;
  bool has_number = false;
  bool non_finite = false;
};

// What can be wrong with a cell, each with its code and message (problem_of).
enum class Problem {
  required,
  not_email,
  not_uri,
  not_uuid,
  non_finite,
  not_number,
  not_integer,
  not_boolean,
  not_date,
  not_datetime,
  not_duration,
  minimum,
  maximum,
  min_length,
  max_length,
  pattern,
  not_in_enum,
};

// The csv.type problems whose message is the value and a fixed text.
constexpr std::array<std::pair<Problem, std::string_view>, 7> type_texts{{
    {Problem::not_email, " is not an email address"},
    {Problem::not_uri, " is not a URI"},
    {Problem::not_uuid, " is not a UUID"},
    {Problem::not_boolean, " is not a boolean"},
    {Problem::not_date, " is not a date (YYYY-MM-DD)"},
    {Problem::not_datetime, " is not a datetime (YYYY-MM-DDThh:mm:ssZ)"},
    {Problem::not_duration, " is not an ISO 8601 duration (e.g. P1DT2H)"},
}};

// A problem as check_cell reports it. Only a cell with a problem gets here, so its message is made
// from the cell again (its length, whether it looks like a number) rather than carried along.
CellProblem problem_of(Problem problem, const TableField& field, std::string_view cell, bool in_primary_key) {
  const FieldConstraints& c = field.constraints;
  const std::string value = field_value(field, cell);
  for (const auto& [kind, text] : type_texts) {
    if (kind == problem) return {"csv.type", value + std::string(text)};
  }
  switch (problem) {
    case Problem::required:
      return {"csv.required", "field \"" + field.name + "\" is required" +
                                  std::string(in_primary_key && !c.required ? " (part of the primary key)" : "") +
                                  ", found a missing value " + quote_for_message(cell)};
    case Problem::non_finite:
      return {"csv.non_finite", value +
                                    " is not a finite number; a reading that failed is not evidence "
                                    "(allow it with \"evident:allowNonFinite\": true)"};
    case Problem::not_number:
      return {"csv.type",
              value + (has_number_syntax(cell) ? " is not a number within the range of a double" : " is not a number")};
    case Problem::not_integer:
      return {"csv.type", value + (all_digits(cell.substr(cell.starts_with('-') || cell.starts_with('+') ? 1 : 0))
                                       ? " is an integer that does not fit in 64 bits"
                                       : " is not an integer")};
    case Problem::minimum:
      return {"csv.minimum", value + " is below the minimum " + c.minimum_text};
    case Problem::maximum:
      return {"csv.maximum", value + " is above the maximum " + c.maximum_text};
    case Problem::min_length:
      return {"csv.min_length", value + " has " + std::to_string(code_points(cell)) +
                                    " characters, fewer than the minimum " + std::to_string(c.min_length.value_or(0))};
    case Problem::max_length:
      return {"csv.max_length", value + " has " + std::to_string(code_points(cell)) +
                                    " characters, more than the maximum " + std::to_string(c.max_length.value_or(0))};
    case Problem::pattern:
      return {"csv.pattern", value + " does not match the pattern " + quote_for_message(c.pattern)};
    case Problem::not_in_enum: {
      std::string list;
      for (const std::string& allowed : c.enum_texts)
        list += (list.empty() ? "" : ", ") + quote_for_message(allowed, 40);
      return {"csv.enum", value + " is not one of " + list};
    }
    default:  // the problems of type_texts, answered above
      break;
  }
  return {};
}

// Where the checks of a cell put what they find: each problem with its message (check_cell), or
// only that there is one (cell_passes), which makes no message: most cells pass.
struct CollectProblems {
  const TableField& field;
  std::string_view cell;
  bool in_primary_key;
  std::vector<CellProblem>& problems;
  void add(Problem problem) { problems.push_back(problem_of(problem, field, cell, in_primary_key)); }
  bool any() const { return !problems.empty(); }
};

struct DetectProblem {
  bool found = false;
  void add(Problem /*problem*/) { found = true; }
  bool any() const { return found; }
};

// Whether two texts are the same: their lengths compared first, then memcmp, which GCC inlines for a
// literal. Not ==, which calls string_view::compare out of line from a large function and so keeps a
// copy of the cell in memory, read back 16 bytes at once from two 8-byte stores: a stall per cell.
bool same_text(std::string_view text, std::string_view other) {
  return text.size() == other.size() && std::memcmp(text.data(), other.data(), text.size()) == 0;
}

bool in_texts(const std::vector<std::string>& texts, std::string_view cell) {
  return std::any_of(texts.begin(), texts.end(), [cell](const std::string& text) { return same_text(text, cell); });
}

// The format of a string field other than "default".
template <class Problems>
void check_string_format(const TableField& field, std::string_view cell, Problems& problems) {
  if (same_text(field.format, "email") && !is_email(cell)) problems.add(Problem::not_email);
  if (same_text(field.format, "uri") && !is_uri(cell)) problems.add(Problem::not_uri);
  if (same_text(field.format, "uuid") && !is_uuid(cell)) problems.add(Problem::not_uuid);
}

// The type check of a non-missing cell: a problem when it is not of the field's type.
template <class Problems>
TypedCell check_type(const TableField& field, std::string_view cell, Problems& problems) {
  TypedCell typed;
  switch (field.type) {
    case FieldType::string:
      // Lengths compared first ("default" has none of theirs): this runs for every string cell.
      if (const std::string_view format = field.format;
          same_text(format, "email") || same_text(format, "uri") || same_text(format, "uuid"))
        check_string_format(field, cell, problems);
      break;
    case FieldType::number:
      if (same_text(cell, "NaN") || same_text(cell, "INF") || same_text(cell, "-INF") || same_text(cell, "+INF")) {
        if (!field.allow_non_finite) problems.add(Problem::non_finite);
        typed.non_finite = true;
        return typed;
      }
      // Read into a local, whose address alone goes to the parser: typed stays in registers.
      if (double number = 0; read_table_number(cell, number)) {
        typed.number = number;
        typed.has_number = true;
      } else {
        problems.add(Problem::not_number);
      }
      break;
    case FieldType::integer:
      if (std::int64_t integer = 0; read_table_integer(cell, integer)) {
        typed.number = static_cast<double>(integer);
        typed.has_number = true;
      } else {
        problems.add(Problem::not_integer);
      }
      break;
    case FieldType::boolean:
      if (!in_texts(field.true_values, cell) && !in_texts(field.false_values, cell)) {
        problems.add(Problem::not_boolean);
      }
      break;
    case FieldType::date:
      if (const std::optional<long> days = parse_table_date(cell)) {
        typed.number = static_cast<double>(*days);
        typed.has_number = true;
      } else {
        problems.add(Problem::not_date);
      }
      break;
    case FieldType::datetime:
      if (!is_table_datetime(cell)) problems.add(Problem::not_datetime);
      break;
    case FieldType::duration:
      if (!is_table_duration(cell)) problems.add(Problem::not_duration);
      break;
  }
  return typed;
}

// The constraints beyond the type (minimum, maximum, lengths, pattern, enum) of a cell of the type.
template <class Problems>
void check_constraints(const TableField& field, std::string_view cell, const TypedCell& typed, Problems& problems) {
  const FieldConstraints& c = field.constraints;
  if (typed.has_number && c.minimum && typed.number < *c.minimum) problems.add(Problem::minimum);
  if (typed.has_number && c.maximum && typed.number > *c.maximum) problems.add(Problem::maximum);
  if (c.min_length && code_points(cell) < *c.min_length) problems.add(Problem::min_length);
  // A cell of no more bytes than the maximum has no more code points: most cells are not counted.
  if (c.max_length && cell.size() > *c.max_length && code_points(cell) > *c.max_length)
    problems.add(Problem::max_length);
  if (c.pattern_regex && !(c.pattern_automaton ? c.pattern_automaton->search(cell)
                                               : std::regex_match(cell.begin(), cell.end(), *c.pattern_regex))) {
    problems.add(Problem::pattern);
  }
  if (c.has_enum) {
    const bool allowed =
        (field.type == FieldType::number || field.type == FieldType::integer)
            ? std::find(c.enum_numbers.begin(), c.enum_numbers.end(), typed.number) != c.enum_numbers.end()
            : in_texts(c.enum_texts, cell);
    if (!allowed) problems.add(Problem::not_in_enum);
  }
}

// The checks of one cell, in the order check_cell reports them.
template <class Problems>
void check_cell_into(const TableField& field, std::string_view cell, bool missing, bool in_primary_key,
                     Problems& problems) {
  if (missing) {
    if (field.constraints.required || in_primary_key) problems.add(Problem::required);
    return;
  }
  const TypedCell typed = check_type(field, cell, problems);
  if (typed.non_finite || problems.any()) return;
  check_constraints(field, cell, typed, problems);
}

}  // namespace

std::vector<CellProblem> check_cell(const TableField& field, std::string_view cell, bool missing, bool in_primary_key) {
  std::vector<CellProblem> problems;
  CollectProblems collect{field, cell, in_primary_key, problems};
  check_cell_into(field, cell, missing, in_primary_key, collect);
  return problems;
}

bool cell_passes(const TableField& field, std::string_view cell, bool missing, bool in_primary_key) {
  DetectProblem detect;
  check_cell_into(field, cell, missing, in_primary_key, detect);
  return !detect.found;
}

}  // namespace evident
