#include "io/json/samples_apart.h"

#include <simdjson.h>

#include "io/json/quick_parse.h"

namespace evident::io {
namespace {

using nlohmann::json;
namespace dom = simdjson::dom;

// The numbers of a non-empty array of numbers, as nlohmann's get<double>() reads them; nothing for
// any other value.
std::optional<std::vector<double>> numbers_of(const dom::element& element) {
  dom::array array;
  if (element.get_array().get(array) != simdjson::SUCCESS || array.begin() == array.end()) return std::nullopt;
  std::vector<double> numbers;
  numbers.reserve(array.size());  // kept for the whole command: no spare capacity
  for (const dom::element item : array) {
    double number = 0;
    if (!item.is_number() || item.get_double().get(number) != simdjson::SUCCESS) return std::nullopt;
    numbers.push_back(number);
  }
  return numbers;
}

json split(const dom::element& element, std::span<const std::string_view> path, SamplesApart& apart) {
  if (path.empty()) {
    std::optional<std::vector<double>> numbers = numbers_of(element);
    if (!numbers) return value_of(element);
    apart.samples.push_back(std::move(*numbers));
    return json::array({apart.samples.size() - 1});
  }
  const std::string_view step = path.front();
  dom::object object;
  if (element.get_object().get(object) == simdjson::SUCCESS) {
    json value = json::object();
    auto& members = value.get_ref<json::object_t&>();
    for (const dom::key_value_pair member : object) {
      members.emplace(std::string(member.key), step == "*" || member.key == step
                                                   ? split(member.value, path.subspan(1), apart)
                                                   : value_of(member.value));
    }
    return value;
  }
  dom::array array;
  if (step != "*" || element.get_array().get(array) != simdjson::SUCCESS) return value_of(element);
  json value = json::array();
  auto& items = value.get_ref<json::array_t&>();
  items.reserve(array.size());
  for (const dom::element item : array) items.push_back(split(item, path.subspan(1), apart));
  return value;
}

}  // namespace

SamplesApart samples_apart(const dom::element& root, std::span<const std::string_view> path) {
  SamplesApart apart;
  apart.value = split(root, path, apart);
  return apart;
}

}  // namespace evident::io
