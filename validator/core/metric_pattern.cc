#include "core/metric_pattern.h"

#include "core/glob.h"
#include "core/text.h"

namespace evident {
namespace {

std::vector<std::string_view> split_segments(std::string_view text) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = text.find('/', start);
    if (slash == std::string_view::npos) {
      segments.push_back(text.substr(start));
      return segments;
    }
    segments.push_back(text.substr(start, slash - start));
    start = slash + 1;
  }
}

std::size_t code_point_count(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

// Why segment is not a valid name (as in the evidence schema), or empty when it is.
std::string segment_problem(std::string_view segment) {
  if (segment.empty()) return "has an empty segment";
  if (has_control_character(segment)) return "has a control character";
  if (segment.front() == ' ' || segment.back() == ' ') return "has a segment with a space at either end";
  if (code_point_count(segment) > 200) return "has a segment longer than 200 characters";
  return {};
}

}  // namespace

std::string MetricId::text() const { return suite + "/" + benchmark + "/" + metric; }

std::optional<MetricId> parse_metric_id(std::string_view text) {
  const std::vector<std::string_view> parts = split_segments(text);
  if (parts.size() != 3) return std::nullopt;
  for (const std::string_view part : parts) {
    if (!segment_problem(part).empty()) return std::nullopt;
  }
  return MetricId{std::string(parts[0]), std::string(parts[1]), std::string(parts[2])};
}

std::optional<MetricPattern> MetricPattern::parse(std::string_view key, std::string* error) {
  const auto fail = [&](std::string reason) -> std::optional<MetricPattern> {
    if (error != nullptr) *error = std::move(reason);
    return std::nullopt;
  };
  const std::vector<std::string_view> parts = split_segments(key);
  if (parts.size() != 1 && parts.size() != 3) {
    return fail("has " + std::to_string(parts.size()) +
                " segments; a key is a metric name (no '/') or a full id suite/benchmark/metric");
  }
  MetricPattern pattern;
  pattern.text_ = std::string(key);
  for (const std::string_view part : parts) {
    if (std::string reason = segment_problem(part); !reason.empty()) return fail(std::move(reason));
    if (part.find("**") != std::string_view::npos) return fail("has \"**\"; write a single '*'");
    pattern.segments_.emplace_back(part);
  }
  return pattern;
}

bool segment_matches(std::string_view pattern, std::string_view name) {
  return wildcard_match(pattern, name, /*question_mark=*/false);
}

bool MetricPattern::matches(const MetricId& id) const {
  if (segments_.size() == 1) return segment_matches(segments_[0], id.metric);
  return segments_.size() == 3 && segment_matches(segments_[0], id.suite) &&
         segment_matches(segments_[1], id.benchmark) && segment_matches(segments_[2], id.metric);
}

Specificity MetricPattern::specificity() const {
  Specificity specificity;
  specificity.full_id = is_full_id();
  for (const std::string& segment : segments_) {
    const auto stars = std::count(segment.begin(), segment.end(), '*');
    specificity.negated_wildcards -= static_cast<int>(stars);
    specificity.literal_characters += code_point_count(segment) - static_cast<std::size_t>(stars);
  }
  return specificity;
}

}  // namespace evident
