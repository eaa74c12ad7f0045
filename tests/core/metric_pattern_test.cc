#include "core/metric_pattern.h"

#include <gtest/gtest.h>

namespace evident {
namespace {

MetricId id(const char* text) { return *parse_metric_id(text); }

MetricPattern pattern(const char* key) {
  std::optional<MetricPattern> parsed = MetricPattern::parse(key);
  EXPECT_TRUE(parsed.has_value()) << key;
  return parsed.value_or(*MetricPattern::parse("unused"));
}

std::string parse_error(const char* key) {
  std::string error;
  EXPECT_FALSE(MetricPattern::parse(key, &error).has_value()) << key;
  return error;
}

// The rules of the tolerance example in the issue, plus a more specific exact key.
std::vector<std::pair<MetricPattern, std::string>> rules(std::initializer_list<const char*> keys) {
  std::vector<std::pair<MetricPattern, std::string>> out;
  for (const char* key : keys) out.emplace_back(pattern(key), key);
  return out;
}

std::string winner(const std::vector<std::pair<MetricPattern, std::string>>& keyed, const char* metric_id) {
  const std::string* found = most_specific(keyed, id(metric_id));
  return found != nullptr ? *found : "(none)";
}

TEST(MetricId, ParsesThreeParts) {
  const std::optional<MetricId> parsed = parse_metric_id("engine/matmul-f32/wall_time");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->suite, "engine");
  EXPECT_EQ(parsed->benchmark, "matmul-f32");
  EXPECT_EQ(parsed->metric, "wall_time");
  EXPECT_EQ(parsed->text(), "engine/matmul-f32/wall_time");
}

TEST(MetricId, RejectsAnythingButThreeValidParts) {
  EXPECT_FALSE(parse_metric_id("wall_time").has_value());
  EXPECT_FALSE(parse_metric_id("engine/wall_time").has_value());
  EXPECT_FALSE(parse_metric_id("a/b/c/d").has_value());
  EXPECT_FALSE(parse_metric_id("a//c").has_value());
  EXPECT_FALSE(parse_metric_id("/b/c").has_value());
  EXPECT_FALSE(parse_metric_id("a/b/").has_value());
  EXPECT_FALSE(parse_metric_id("a/ b/c").has_value());
  EXPECT_FALSE(parse_metric_id("a/b\t/c").has_value());
  EXPECT_FALSE(parse_metric_id("").has_value());
  EXPECT_FALSE(parse_metric_id("a/" + std::string(201, 'x') + "/c").has_value());
  EXPECT_TRUE(parse_metric_id("a/" + std::string(200, 'x') + "/c").has_value());
  EXPECT_TRUE(parse_metric_id("a/b c/d").has_value());  // an inner space is allowed, as in names
}

TEST(MetricId, OrdersBySuiteThenBenchmarkThenMetric) {
  EXPECT_LT(id("a/z/z"), id("b/a/a"));
  EXPECT_LT(id("a/a/z"), id("a/b/a"));
  EXPECT_LT(id("a/a/a"), id("a/a/b"));
  EXPECT_EQ(id("a/b/c"), id("a/b/c"));
}

TEST(MetricPatternParse, AcceptsOneOrThreeSegments) {
  EXPECT_TRUE(MetricPattern::parse("wall_time").has_value());
  EXPECT_TRUE(MetricPattern::parse("alloc*").has_value());
  EXPECT_TRUE(MetricPattern::parse("*").has_value());
  EXPECT_TRUE(MetricPattern::parse("engine/*/wall_time").has_value());
  EXPECT_TRUE(MetricPattern::parse("engine/matmul-*/wall_time").has_value());
  EXPECT_TRUE(MetricPattern::parse("*/*/*").has_value());
  EXPECT_TRUE(MetricPattern::parse("*a*b*/x/y").has_value());
}

TEST(MetricPatternParse, SaysWhyAKeyIsRejected) {
  EXPECT_EQ(parse_error("engine/wall_time"),
            "has 2 segments; a key is a metric name (no '/') or a full id suite/benchmark/metric");
  EXPECT_EQ(parse_error("a/b/c/d"),
            "has 4 segments; a key is a metric name (no '/') or a full id suite/benchmark/metric");
  EXPECT_EQ(parse_error("engine//wall_time"), "has an empty segment");
  EXPECT_EQ(parse_error(""), "has an empty segment");
  EXPECT_EQ(parse_error("/b/c"), "has an empty segment");
  EXPECT_EQ(parse_error("a/b/ c"), "has a segment with a space at either end");
  EXPECT_EQ(parse_error("a\nb"), "has a control character");
  EXPECT_EQ(parse_error("engine/**/wall_time"), "has \"**\"; write a single '*'");
  EXPECT_EQ(parse_error(std::string(201, 'x').c_str()), "has a segment longer than 200 characters");
}

TEST(SegmentMatches, StarMatchesAnyRunIncludingNone) {
  EXPECT_TRUE(segment_matches("*", ""));
  EXPECT_TRUE(segment_matches("*", "matmul-f32"));
  EXPECT_TRUE(segment_matches("matmul-*", "matmul-f32"));
  EXPECT_TRUE(segment_matches("matmul-*", "matmul-"));
  EXPECT_FALSE(segment_matches("matmul-*", "matmul"));
  EXPECT_TRUE(segment_matches("*-f32", "matmul-f32"));
  EXPECT_FALSE(segment_matches("*-f32", "matmul-f64"));
  EXPECT_TRUE(segment_matches("m*-*32", "matmul-f32"));
  EXPECT_TRUE(segment_matches("*a*a*", "banana"));
  EXPECT_FALSE(segment_matches("*a*a*a*a*", "banana"));
  EXPECT_TRUE(segment_matches("wall_time", "wall_time"));
  EXPECT_FALSE(segment_matches("wall_time", "wall_times"));
  EXPECT_FALSE(segment_matches("wall_time", "Wall_time"));  // case matters
  EXPECT_TRUE(segment_matches("a*", "a*"));                 // a literal '*' in a name is matched by '*'
}

TEST(MetricPatternMatches, OneSegmentMatchesTheMetricNameAnywhere) {
  EXPECT_TRUE(pattern("wall_time").matches(id("engine/matmul-f32/wall_time")));
  EXPECT_TRUE(pattern("wall_time").matches(id("other/x/wall_time")));
  EXPECT_FALSE(pattern("wall_time").matches(id("wall_time/wall_time/cpu_time")));
  EXPECT_TRUE(pattern("alloc*").matches(id("engine/matmul-f32/allocs_per_op")));
}

TEST(MetricPatternMatches, ThreeSegmentsMatchSegmentBySegment) {
  EXPECT_TRUE(pattern("engine/*/wall_time").matches(id("engine/matmul-f32/wall_time")));
  EXPECT_FALSE(pattern("engine/*/wall_time").matches(id("engine2/matmul-f32/wall_time")));
  EXPECT_FALSE(pattern("engine/*/wall_time").matches(id("engine/matmul-f32/cpu_time")));
  EXPECT_TRUE(pattern("engine/matmul-*/wall_time").matches(id("engine/matmul-f64/wall_time")));
  EXPECT_FALSE(pattern("engine/matmul-*/wall_time").matches(id("engine/conv-f32/wall_time")));
  EXPECT_TRUE(pattern("*/*/*").matches(id("a/b/c")));
}

TEST(MetricPatternSpecificity, FullIdBeatsNameThenFewerStarsThenMoreLiterals) {
  EXPECT_GT(pattern("*/*/*").specificity(), pattern("wall_time").specificity());
  EXPECT_GT(pattern("engine/matmul-f32/wall_time").specificity(), pattern("engine/matmul-*/wall_time").specificity());
  EXPECT_GT(pattern("engine/matmul-*/wall_time").specificity(), pattern("engine/*/wall_time").specificity());
  EXPECT_GT(pattern("engine/*/wall_time").specificity(), pattern("*/*/wall_time").specificity());
  EXPECT_GT(pattern("wall_time").specificity(), pattern("wall_*").specificity());
  EXPECT_GT(pattern("wall_*").specificity(), pattern("w*").specificity());
  const Specificity exact = pattern("engine/matmul-f32/wall_time").specificity();
  EXPECT_TRUE(exact.full_id);
  EXPECT_EQ(exact.negated_wildcards, 0);
  EXPECT_EQ(exact.literal_characters, 25U);
  const Specificity wild = pattern("engine/matmul-*/wall_time").specificity();
  EXPECT_EQ(wild.negated_wildcards, -1);
  EXPECT_EQ(wild.literal_characters, 22U);
}

TEST(MostSpecific, TheIssueExample) {
  const auto keyed = rules({"allocs_per_op", "engine/*/wall_time", "wall_time", "engine/matmul-f32/wall_time"});
  EXPECT_EQ(winner(keyed, "engine/matmul-f32/wall_time"), "engine/matmul-f32/wall_time");
  EXPECT_EQ(winner(keyed, "engine/conv/wall_time"), "engine/*/wall_time");
  EXPECT_EQ(winner(keyed, "other/conv/wall_time"), "wall_time");
  EXPECT_EQ(winner(keyed, "engine/matmul-f32/allocs_per_op"), "allocs_per_op");
  EXPECT_EQ(winner(keyed, "engine/matmul-f32/throughput"), "(none)");
}

TEST(MostSpecific, FileOrderDoesNotMatter) {
  const auto forward =
      rules({"wall_time", "engine/*/wall_time", "engine/matmul-*/wall_time", "engine/matmul-f32/wall_time"});
  const auto backward =
      rules({"engine/matmul-f32/wall_time", "engine/matmul-*/wall_time", "engine/*/wall_time", "wall_time"});
  for (const char* metric_id :
       {"engine/matmul-f32/wall_time", "engine/matmul-f64/wall_time", "engine/conv/wall_time", "x/y/wall_time"}) {
    EXPECT_EQ(winner(forward, metric_id), winner(backward, metric_id)) << metric_id;
  }
  EXPECT_EQ(winner(forward, "engine/matmul-f64/wall_time"), "engine/matmul-*/wall_time");
}

TEST(MostSpecific, AMetricNameKeyNeverBeatsAFullIdKey) {
  // "wall_time" has more literal characters than "*/*/*" but only one segment.
  EXPECT_EQ(winner(rules({"wall_time", "*/*/*"}), "engine/x/wall_time"), "*/*/*");
}

TEST(ChooseRule, EqualSpecificityPicksTheFirstKeyTextAndReportsTheTie) {
  const auto keyed = rules({"*/matmul/wall_time", "engine/*/wall_time", "engine/matmul/*"});
  // */matmul/wall_time and engine/*/wall_time: 1 star, 15 literals each; engine/matmul/*: 1 star, 12.
  const std::optional<RuleChoice> choice = choose_rule(keyed, id("engine/matmul/wall_time"));
  ASSERT_TRUE(choice.has_value());
  EXPECT_EQ(keyed[choice->index].second, "*/matmul/wall_time");  // '*' sorts before 'e'
  EXPECT_EQ(choice->tied_keys, (std::vector<std::string>{"engine/*/wall_time"}));
}

TEST(ChooseRule, NoTieWhenOneKeyIsMoreSpecific) {
  const auto keyed = rules({"engine/*/wall_time", "*/*/wall_time", "wall_time"});
  const std::optional<RuleChoice> choice = choose_rule(keyed, id("engine/matmul/wall_time"));
  ASSERT_TRUE(choice.has_value());
  EXPECT_EQ(choice->index, 0U);
  EXPECT_TRUE(choice->tied_keys.empty());
  EXPECT_FALSE(choose_rule(keyed, id("engine/matmul/cpu_time")).has_value());
}

TEST(ChooseRule, ThreeWayTieListsBothLosers) {
  const auto keyed = rules({"c/*/x", "a/*/x", "b/*/x"});
  // Each of the first three names a different suite, so at most one matches.
  const auto ties = rules({"*/b/x", "a/*/x", "a/b/*"});
  const std::optional<RuleChoice> choice = choose_rule(ties, id("a/b/x"));
  ASSERT_TRUE(choice.has_value());
  EXPECT_EQ(ties[choice->index].second, "*/b/x");
  EXPECT_EQ(choice->tied_keys, (std::vector<std::string>{"a/*/x", "a/b/*"}));
  EXPECT_EQ(winner(keyed, "b/q/x"), "b/*/x");
}

}  // namespace
}  // namespace evident
