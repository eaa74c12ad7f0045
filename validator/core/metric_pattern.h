#pragma once
// Metric ids ("suite/benchmark/metric") and the keys that select them in tolerance and budget files
// ("wall_time", "engine/*/wall_time", "engine/matmul-*/wall_time"). Pure matching; the rules are in
// docs/gate-files.md.
#include <algorithm>
#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace evident {

// A metric's full id. Each part is a name of the evidence schema: no '/', so the text is unambiguous.
struct MetricId {
  std::string suite;
  std::string benchmark;
  std::string metric;

  std::string text() const;  // "suite/benchmark/metric"
  friend bool operator==(const MetricId&, const MetricId&) = default;
  friend auto operator<=>(const MetricId&, const MetricId&) = default;
};

// The id "suite/benchmark/metric": exactly three non-empty parts. Nothing for any other text.
std::optional<MetricId> parse_metric_id(std::string_view text);

// Specificity of a key, compared lexicographically: a larger value is more specific.
//   1. a full-id key (three segments) beats a metric-name key (one segment);
//   2. then fewer '*' beats more;
//   3. then more literal characters (Unicode code points other than '*') beats fewer.
// Two different keys can have equal specificity ("engine/*/wall_time" and "*/matmul/wall_time");
// most_specific() then breaks the tie by key text and says so.
struct Specificity {
  bool full_id = false;
  int negated_wildcards = 0;  // minus the number of '*', so that larger is more specific
  std::size_t literal_characters = 0;
  friend auto operator<=>(const Specificity&, const Specificity&) = default;
};

// A key of a tolerance or budget file. One segment matches the metric name of any suite and
// benchmark; three segments match suite, benchmark and metric. In a segment, '*' matches any run of
// characters, empty included, and never crosses a '/'. There is no escape: a '*' in a key is always
// a wildcard (it still matches a literal '*' in a name).
class MetricPattern {
 public:
  // The pattern of key, or nothing with the reason in *error: the key must have 1 or 3 segments,
  // none empty, none with a control character or a space at either end, none longer than 200
  // characters, and no "**" (it means the same as "*" but would count twice).
  static std::optional<MetricPattern> parse(std::string_view key, std::string* error = nullptr);

  bool matches(const MetricId& id) const;
  const std::string& text() const { return text_; }
  bool is_full_id() const { return segments_.size() == 3; }
  Specificity specificity() const;

 private:
  std::string text_;
  std::vector<std::string> segments_;  // 1 or 3
};

// Glob match of one segment: '*' matches any run of characters (empty included). Exposed for tests.
bool segment_matches(std::string_view pattern, std::string_view name);

// The outcome of choosing among keyed rules for one id.
struct RuleChoice {
  std::size_t index = 0;               // of the winning rule
  std::vector<std::string> tied_keys;  // other matching keys with the winner's specificity, sorted
};

// The rule whose key matches id and is most specific (Specificity above); among equally specific
// matching keys, the one whose text sorts first (byte order) wins and the others are listed in
// tied_keys so the caller can warn. Nothing when no key matches.
template <class T>
std::optional<RuleChoice> choose_rule(const std::vector<std::pair<MetricPattern, T>>& rules, const MetricId& id) {
  std::optional<RuleChoice> choice;
  std::vector<std::size_t> equals;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const MetricPattern& pattern = rules[i].first;
    if (!pattern.matches(id)) continue;
    if (!choice) {
      choice = RuleChoice{i, {}};
      continue;
    }
    const MetricPattern& best = rules[choice->index].first;
    const auto order = pattern.specificity() <=> best.specificity();
    if (std::is_gt(order)) {
      choice->index = i;
      equals.clear();
    } else if (std::is_eq(order)) {
      if (pattern.text() < best.text()) {
        equals.push_back(choice->index);
        choice->index = i;
      } else {
        equals.push_back(i);
      }
    }
  }
  if (choice) {
    for (const std::size_t i : equals) choice->tied_keys.push_back(rules[i].first.text());
    std::sort(choice->tied_keys.begin(), choice->tied_keys.end());
  }
  return choice;
}

// The value of the rule choose_rule() picks, or nullptr when no key matches id.
template <class T>
const T* most_specific(const std::vector<std::pair<MetricPattern, T>>& rules, const MetricId& id) {
  const std::optional<RuleChoice> choice = choose_rule(rules, id);
  return choice ? &rules[choice->index].second : nullptr;
}

}  // namespace evident
