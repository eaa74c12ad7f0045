#include "io/json/quick_parse.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

namespace evident::io {
namespace {

using nlohmann::json;
namespace dom = simdjson::dom;

// Whether text writes the number -0 (a "-0" that no digit, '.' or exponent continues), or might:
// the bytes are looked for anywhere, in strings too, so a string holding "-0," answers yes.
bool may_write_negative_zero(std::string_view text) {
  for (std::size_t at = text.find("-0"); at != std::string_view::npos; at = text.find("-0", at + 2)) {
    const char next = at + 2 < text.size() ? text[at + 2] : ' ';
    if ((next < '0' || next > '9') && next != '.' && next != 'e' && next != 'E') return true;
  }
  return false;
}

// Checks what the locating parser checks, and with a value to fill builds the value it would
// build; stops (false) where that parser would report something. depth counts the containers open
// around element, as the locating parser does. text: what was parsed, which tells the integer 0
// from -0 (simdjson gives both as the int64 0); empty for a DOM that was checked already.
class Converter {
 public:
  Converter(const JsonLimits& limits, std::string_view text) : limits_(limits), text_(text) {}

  // out: where the value goes, or nullptr to check only.
  bool convert(dom::element element, json* out, std::size_t depth) {
    switch (element.type()) {
      case dom::element_type::ARRAY:
        return convert_array(element.get_array().value_unsafe(), out, depth);
      case dom::element_type::OBJECT:
        return convert_object(element.get_object().value_unsafe(), out, depth);
      default:
        break;
    }
    if (!scalar_accepted(element)) return false;
    if (out != nullptr) *out = scalar_value(element);
    return true;
  }

  // Whether a scalar is one the locating parser reads as it is.
  bool scalar_accepted(const dom::element& element) const {
    switch (element.type()) {
      case dom::element_type::INT64:
        // nlohmann reads a literal without '-' as unsigned, and "-0" as the signed 0; simdjson gives
        // both zeros as the int64 0. So a 0 is "0" only where the text writes no -0 (looked for
        // once, at the first 0: the integer 0 is common, as an exit code or an index, and -0 rare);
        // otherwise the locating parser reads it.
        if (element.get_int64().value_unsafe() != 0) return true;
        if (!negative_zero_) negative_zero_ = may_write_negative_zero(text_);
        return !*negative_zero_;
      case dom::element_type::STRING:
        return element.get_string().value_unsafe().size() <= limits_.max_string_bytes;
      default:
        return true;
    }
  }

  static json scalar_value(dom::element element) {
    switch (element.type()) {
      case dom::element_type::INT64: {
        const std::int64_t value = element.get_int64().value_unsafe();
        if (value >= 0) return static_cast<std::uint64_t>(value);  // a 0 accepted is "0"
        return value;
      }
      case dom::element_type::UINT64:
        return element.get_uint64().value_unsafe();
      case dom::element_type::DOUBLE:
        return element.get_double().value_unsafe();
      case dom::element_type::STRING:
        return std::string(element.get_string().value_unsafe());
      case dom::element_type::BOOL:
        return element.get_bool().value_unsafe();
      default:
        return nullptr;
    }
  }

 private:
  bool convert_array(dom::array array, json* out, std::size_t depth) {
    if (depth >= limits_.max_depth) return false;
    if (out != nullptr) {
      *out = json::array();
      // The element count is on simdjson's tape (capped at 2^24 - 1, enough for a hint): one
      // allocation of the right size instead of a doubling vector, which would keep up to half again
      // as much.
      out->get_ref<json::array_t&>().reserve(array.size());
    }
    for (dom::element item : array) {
      if (out == nullptr) {
        // A scalar is checked here, without a call per element: most arrays hold only numbers.
        const dom::element_type type = item.type();
        const bool accepted = type == dom::element_type::ARRAY || type == dom::element_type::OBJECT
                                  ? convert(item, nullptr, depth + 1)
                                  : scalar_accepted(item);
        if (!accepted) return false;
        continue;
      }
      json converted;
      if (!convert(item, &converted, depth + 1)) return false;
      out->push_back(std::move(converted));
    }
    return true;
  }

  bool convert_object(dom::object object, json* out, std::size_t depth) {
    if (depth >= limits_.max_depth) return false;
    if (out == nullptr) return check_object(object, depth);
    *out = json::object();
    auto& members = out->get_ref<json::object_t&>();
    for (dom::key_value_pair member : object) {
      if (member.key.size() > limits_.max_string_bytes) return false;
      const auto [slot, inserted] = members.try_emplace(std::string(member.key));
      if (!inserted) return false;  // a duplicate key: the locating parser names both
      if (!convert(member.value, &slot->second, depth + 1)) return false;
    }
    return true;
  }

  // The members of an object checked without building it: duplicate keys are found among the
  // keys in a reused list, sorted, as most objects have a handful of members.
  bool check_object(dom::object object, std::size_t depth) {
    const std::size_t first = keys_.size();
    for (dom::key_value_pair member : object) {
      if (member.key.size() > limits_.max_string_bytes) return false;
      keys_.push_back(member.key);
    }
    const auto begin = keys_.begin() + static_cast<std::ptrdiff_t>(first);
    std::sort(begin, keys_.end());
    const bool duplicate = std::adjacent_find(begin, keys_.end()) != keys_.end();
    keys_.resize(first);
    if (duplicate) return false;  // the locating parser names both
    for (dom::key_value_pair member : object) {
      if (!convert(member.value, nullptr, depth + 1)) return false;
    }
    return true;
  }

  const JsonLimits& limits_;
  std::string_view text_;
  mutable std::optional<bool> negative_zero_;  // whether text_ may write -0, once looked for
  std::vector<std::string_view> keys_;         // of the objects being checked, innermost last
};

static_assert(simdjson::SIMDJSON_PADDING == kParserPadding, "the padding quick_parse.h and FileText promise");

dom::parser& thread_parser(const JsonLimits& limits, bool& usable) {
  // One parser per thread: it keeps its buffers from one document to the next.
  thread_local dom::parser parser;
  // simdjson's own limit is one level deeper than ours, so the converter is the one to stop; a text
  // deeper still is refused by simdjson without building anything.
  usable = parser.max_depth() == limits.max_depth + 1 || parser.allocate(0, limits.max_depth + 1) == simdjson::SUCCESS;
  return parser;
}

// The DOM of text, or nothing where simdjson refuses it; copied first unless padded.
std::optional<dom::element> parse_dom(std::string_view text, bool padded, const JsonLimits& limits) {
  bool usable = false;
  dom::parser& parser = thread_parser(limits, usable);
  dom::element root;
  if (!usable || parser.parse(text.data(), text.size(), !padded).get(root) != simdjson::SUCCESS) return std::nullopt;
  return root;
}

std::optional<dom::element> checked(std::optional<dom::element> root, std::string_view text, const JsonLimits& limits) {
  if (!root || !Converter(limits, text).convert(*root, nullptr, 0)) return std::nullopt;
  return root;
}

std::optional<json> converted(const std::optional<dom::element>& root, std::string_view text,
                              const JsonLimits& limits) {
  json value;
  if (!root || !Converter(limits, text).convert(*root, &value, 0)) return std::nullopt;
  return value;
}

}  // namespace

std::optional<dom::element> parse_checked(const FileText& text, const JsonLimits& limits) {
  return checked(parse_dom(text.view(), text.padded(), limits), text.view(), limits);
}

json value_of(const dom::element& element) {
  json value;
  Converter(JsonLimits{SIZE_MAX, SIZE_MAX}, {}).convert(element, &value, 0);  // checked: a 0 is "0"
  return value;
}

std::optional<double> number_in_place(const dom::element& element) {
  switch (element.type()) {
    case dom::element_type::DOUBLE:
      return element.get_double().value_unsafe();
    case dom::element_type::INT64:
      return static_cast<double>(element.get_int64().value_unsafe());
    case dom::element_type::UINT64:
      return static_cast<double>(element.get_uint64().value_unsafe());
    default:
      return std::nullopt;
  }
}

std::optional<json> parse_quickly(const FileText& text, const JsonLimits& limits) {
  return converted(parse_dom(text.view(), text.padded(), limits), text.view(), limits);
}

}  // namespace evident::io
