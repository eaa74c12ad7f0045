#include "io/json/json_node.h"

#include <algorithm>
#include <utility>

namespace evident::io {

const JsonNode* JsonNode::find(std::string_view key) const {
  const Members* object = members();
  if (object == nullptr) return nullptr;
  for (const Member& member : *object) {
    if (member.key == key) return &member.value;
  }
  return nullptr;
}

JsonNode* JsonNode::find(std::string_view key) {
  return const_cast<JsonNode*>(std::as_const(*this).find(key));  // NOLINT(cppcoreguidelines-pro-type-const-cast)
}

std::optional<std::string_view> JsonNode::string() const {
  if (const auto* text = std::get_if<std::string_view>(&value)) return *text;
  return std::nullopt;
}

std::optional<double> JsonNode::number() const {
  if (const auto* number = std::get_if<double>(&value)) return *number;
  if (const auto* number = std::get_if<std::int64_t>(&value)) return static_cast<double>(*number);
  if (const auto* number = std::get_if<std::uint64_t>(&value)) return static_cast<double>(*number);
  return std::nullopt;
}

std::size_t JsonNode::size() const {
  if (const Items* list = items()) return list->size();
  if (const Numbers* list = numbers()) return list->values.size();
  if (const Members* object = members()) return object->size();
  return 0;
}

std::vector<double> JsonNode::take_numbers() {
  if (auto* list = std::get_if<Numbers>(&value)) {
    list->written.clear();
    return std::exchange(list->values, {});
  }
  std::vector<double> numbers;
  if (const Items* list = items()) {
    numbers.reserve(static_cast<std::size_t>(
        std::count_if(list->begin(), list->end(), [](const JsonNode& item) { return item.number().has_value(); })));
    for (const JsonNode& item : *list) {
      if (const std::optional<double> number = item.number()) numbers.push_back(*number);
    }
  }
  return numbers;
}

}  // namespace evident::io
