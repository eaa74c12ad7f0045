#include "io/json/quick_parse.h"

#include <cstdint>
#include <string>

#include <simdjson.h>

namespace evident::io {
namespace {

using nlohmann::json;
namespace dom = simdjson::dom;

// Builds the value the locating parser would build, or stops (false) where that parser would report
// something. depth counts the containers open around element, as the locating parser does.
class Converter {
 public:
  explicit Converter(const JsonLimits& limits) : limits_(limits) {}

  bool convert(dom::element element, json& out, std::size_t depth) {
    switch (element.type()) {
      case dom::element_type::ARRAY:
        return convert_array(element.get_array().value_unsafe(), out, depth);
      case dom::element_type::OBJECT:
        return convert_object(element.get_object().value_unsafe(), out, depth);
      case dom::element_type::INT64: {
        // nlohmann reads a literal without '-' as unsigned; simdjson gives int64 where it fits. A
        // negative zero ("-0") is signed in nlohmann and cannot be told from "0" here: rejected.
        const std::int64_t value = element.get_int64().value_unsafe();
        if (value > 0) {
          out = static_cast<std::uint64_t>(value);
        } else if (value < 0) {
          out = value;
        } else {
          return false;
        }
        return true;
      }
      case dom::element_type::UINT64:
        out = element.get_uint64().value_unsafe();
        return true;
      case dom::element_type::DOUBLE:
        out = element.get_double().value_unsafe();
        return true;
      case dom::element_type::STRING: {
        const std::string_view text = element.get_string().value_unsafe();
        if (text.size() > limits_.max_string_bytes) return false;
        out = std::string(text);
        return true;
      }
      case dom::element_type::BOOL:
        out = element.get_bool().value_unsafe();
        return true;
      case dom::element_type::NULL_VALUE:
        out = nullptr;
        return true;
    }
    return false;
  }

 private:
  bool convert_array(dom::array array, json& out, std::size_t depth) {
    if (depth >= limits_.max_depth) return false;
    out = json::array();
    // The element count is on simdjson's tape (capped at 2^24 - 1, enough for a hint): one allocation
    // of the right size instead of a doubling vector, which would keep up to half again as much.
    out.get_ref<json::array_t&>().reserve(array.size());
    for (dom::element item : array) {
      json converted;
      if (!convert(item, converted, depth + 1)) return false;
      out.push_back(std::move(converted));
    }
    return true;
  }

  bool convert_object(dom::object object, json& out, std::size_t depth) {
    if (depth >= limits_.max_depth) return false;
    out = json::object();
    auto& members = out.get_ref<json::object_t&>();
    for (dom::key_value_pair member : object) {
      if (member.key.size() > limits_.max_string_bytes) return false;
      const auto [slot, inserted] = members.try_emplace(std::string(member.key));
      if (!inserted) return false;  // a duplicate key: the locating parser names both
      if (!convert(member.value, slot->second, depth + 1)) return false;
    }
    return true;
  }

  const JsonLimits& limits_;
};

static_assert(simdjson::SIMDJSON_PADDING == 64, "the padding quick_parse.h and read_text_file promise");

}  // namespace

std::optional<json> parse_quickly(const std::string& text, const JsonLimits& limits) {
  // One parser per thread: it keeps its buffers from one document to the next.
  thread_local dom::parser parser;
  // simdjson's own limit is one level deeper than ours, so the converter is the one to stop; a text
  // deeper still is refused by simdjson without building anything.
  if (parser.max_depth() != limits.max_depth + 1 && parser.allocate(0, limits.max_depth + 1) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  dom::element root;
  if (parser.parse(text).get(root) != simdjson::SUCCESS) return std::nullopt;  // copied unless padded
  json value;
  if (!Converter(limits).convert(root, value, 0)) return std::nullopt;
  return value;
}

}  // namespace evident::io
