#include "core/gate_changes.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace evident {
namespace {

using nlohmann::json;

std::vector<std::string> messages(const std::vector<GateChange>& changes) {
  std::vector<std::string> lines;
  for (const GateChange& change : changes) lines.push_back(change.message);
  return lines;
}

ChangeDirection only(GatePart part, const char* before, const char* after) {
  const std::vector<GateChange> changes = document_changes(part, json::parse(before), json::parse(after));
  EXPECT_EQ(changes.size(), 1U) << before << " -> " << after;
  return changes.empty() ? ChangeDirection::neutral : changes.front().direction;
}

BaselineEntry entry(const char* id, const char* unit, Better better, std::vector<double> samples,
                    std::optional<double> value = std::nullopt) {
  return {*parse_metric_id(id), unit, better, std::move(samples), value};
}

TEST(GateChanges, BaselineValuesAreJudgedByWhichWayIsBetter) {
  Baseline before, after;
  before.entries = {entry("engine/matmul-f32/wall_time", "s", Better::lower, {0.101, 0.102, 0.1}),
                    entry("engine/matmul-f32/throughput", "ops/s", Better::higher, {}, 100.0),
                    entry("engine/sort/wall_time", "s", Better::lower, {}, 2.0),
                    entry("engine/sort/allocs", "count", Better::lower, {1, 2, 3})};
  after.entries = {entry("engine/matmul-f32/wall_time", "s", Better::lower, {}, 0.150),
                   entry("engine/matmul-f32/throughput", "ops/s", Better::higher, {}, 120.0),
                   entry("engine/sort/allocs", "count", Better::lower, {3, 2, 1}),
                   entry("engine/zip/wall_time", "ms", Better::lower, {}, 4.0)};
  const std::vector<GateChange> changes = baseline_changes(before, after);
  EXPECT_EQ(messages(changes), (std::vector<std::string>{
                                   "baseline engine/matmul-f32/throughput 100 ops/s -> 120 ops/s (+20.0%, tighter)",
                                   "baseline engine/matmul-f32/wall_time 0.101 s -> 0.15 s (+48.5%, looser)",
                                   "baseline engine/sort/wall_time 2 s -> none (looser)",
                                   "baseline engine/zip/wall_time none -> 4 ms (tighter)",
                               }));  // sort/allocs: the same median, nothing the gate compares moved
  EXPECT_NEAR(*changes[1].percent, 48.5148514851, 1e-9);
  EXPECT_FALSE(changes[2].percent);
}

TEST(GateChanges, ABaselineUnitOrDirectionChangeIsNotJudged) {
  Baseline before, after;
  before.entries = {entry("a/b/c", "s", Better::lower, {}, 1.0), entry("a/b/d", "s", Better::lower, {}, 1.0)};
  after.entries = {entry("a/b/c", "ms", Better::lower, {}, 1000.0), entry("a/b/d", "s", Better::higher, {}, 1.0)};
  EXPECT_EQ(messages(baseline_changes(before, after)),
            (std::vector<std::string>{"baseline a/b/c 1 s -> 1000 ms (not judged)",
                                      "baseline a/b/d better lower -> higher (not judged)"}));
}

TEST(GateChanges, TolerancesLoosenWhenTheyAllowMore) {
  const GatePart t = GatePart::tolerances;
  EXPECT_EQ(only(t, R"({"metrics": {"x": {"absolute": 1}}})", R"({"metrics": {"x": {"absolute": 5}}})"),
            ChangeDirection::looser);
  EXPECT_EQ(only(t, R"({"default": {"relative": 0.1}})", R"({"default": {"relative": 0.05}})"),
            ChangeDirection::tighter);
  EXPECT_EQ(only(t, R"({"default": {"relative": 0.1}})", R"({"default": {"relative": 0.1, "absolute": 1}})"),
            ChangeDirection::looser);  // an absent part allows nothing (allowed_change)
  EXPECT_EQ(
      only(t, R"({"default": {"relative": 0.1, "alpha": 0.05}})", R"({"default": {"relative": 0.1, "alpha": 0.01}})"),
      ChangeDirection::looser);  // harder to call significant
  EXPECT_EQ(only(t, R"({"default": {"relative": 0.1, "alpha": 0.05}})", R"({"default": {"relative": 0.1}})"),
            ChangeDirection::unjudged);  // falls back to the gate's --alpha
  EXPECT_EQ(
      only(t, R"({"default": {"relative": 0.1, "require_significance": false}})", R"({"default": {"relative": 0.1}})"),
      ChangeDirection::looser);  // absent means true: a change must also be significant
  EXPECT_EQ(only(t, R"({"default": {"relative": 0.1, "enforce": "hard"}})",
                 R"({"default": {"relative": 0.1, "enforce": "soft"}})"),
            ChangeDirection::looser);
  EXPECT_EQ(only(t, R"({"metrics": {}})", R"({"metrics": {"x": {"absolute": 5}}})"), ChangeDirection::unjudged);
  const std::vector<GateChange> changes =
      document_changes(t, json::parse(R"({"metrics": {"allocs_per_op": {"absolute": 1}}})"),
                       json::parse(R"({"metrics": {"allocs_per_op": {"absolute": 5}}})"));
  EXPECT_EQ(changes.front().message, "tolerance allocs_per_op absolute 1 -> 5 (looser)");
  EXPECT_EQ(changes.front().subject, "allocs_per_op");
  EXPECT_EQ(changes.front().field, "absolute");
}

TEST(GateChanges, BudgetsLoosenWhenTheirBoundsWiden) {
  const GatePart b = GatePart::budgets;
  EXPECT_EQ(only(b, R"({"metrics": {"x": {"max": 1}}})", R"({"metrics": {"x": {"max": 2}}})"), ChangeDirection::looser);
  EXPECT_EQ(only(b, R"({"metrics": {"x": {"min": 1}}})", R"({"metrics": {"x": {"min": 2}}})"),
            ChangeDirection::tighter);
  EXPECT_EQ(only(b, R"({"metrics": {"x": {"min": 1, "max": 3}}})", R"({"metrics": {"x": {"max": 3}}})"),
            ChangeDirection::looser);
  EXPECT_EQ(only(b, R"({"metrics": {"x": {"max": 3}}})", R"({"metrics": {"x": {"max": 3, "max_cv": 2}}})"),
            ChangeDirection::tighter);
  EXPECT_EQ(only(b, R"({"metrics": {"x": {"max": 3}, "y": {"max": 1}}})", R"({"metrics": {"x": {"max": 3}}})"),
            ChangeDirection::looser);  // a budget dropped
  EXPECT_EQ(only(b, R"({"metrics": {"x": {"max": 3, "stat": "p95"}}})",
                 R"({"metrics": {"x": {"max": 3, "stat": "median"}}})"),
            ChangeDirection::unjudged);
}

TEST(GateChanges, PolicyAndConfiguration) {
  const GatePart p = GatePart::policy;
  EXPECT_EQ(only(p, R"({"load_avg_max": 1.0})", R"({"load_avg_max": 2.0})"), ChangeDirection::looser);
  EXPECT_EQ(only(p, R"({"require_self_hosted": true})", R"({"require_self_hosted": false})"), ChangeDirection::looser);
  EXPECT_EQ(only(p, R"({"required_labels": ["a", "b"]})", R"({"required_labels": ["a"]})"), ChangeDirection::looser);
  EXPECT_EQ(only(p, R"({"required_labels": ["a"]})", R"({"required_labels": ["a", "b"]})"), ChangeDirection::tighter);
  EXPECT_EQ(only(p, R"({"required_labels": ["a"]})", R"({"required_labels": ["b"]})"), ChangeDirection::looser);
  EXPECT_EQ(only(p, R"({"required_governor": "performance"})", R"({"required_governor": "schedutil"})"),
            ChangeDirection::unjudged);
  EXPECT_EQ(only(p, R"({"description": "a"})", R"({"description": "b"})"), ChangeDirection::neutral);
  EXPECT_EQ(document_changes(p, json::parse(R"({"load_avg_max": 1.0})"), json::parse(R"({"load_avg_max": 2.0})"))
                .front()
                .message,
            "policy load_avg_max 1.0 -> 2.0 (looser)");
}

TEST(GateChanges, APolicyRuleLevelLoosensWhenItGoesDown) {
  const GatePart p = GatePart::policy;
  // No "rules" at all sets no level: a blocking code is required, an advisory code advisory.
  EXPECT_EQ(only(p, R"({})", R"({"rules": {"governor.not_performance": "advisory"}})"), ChangeDirection::looser);
  EXPECT_EQ(only(p, R"({"rules": {"governor.not_performance": "advisory"}})", R"({})"), ChangeDirection::tighter);
  EXPECT_EQ(only(p, R"({"rules": {"governor.not_performance": "advisory"}})",
                 R"({"rules": {"governor.not_performance": "off"}})"),
            ChangeDirection::looser);
  EXPECT_EQ(only(p, R"({"rules": {}})", R"({"rules": {"boost.enabled": "required"}})"), ChangeDirection::tighter);
  EXPECT_EQ(only(p, R"({"rules": {}})", R"({"rules": {"boost.enabled": "off"}})"), ChangeDirection::looser);
  EXPECT_EQ(only(p, R"({})", R"({"rules": {"boost.enabled": "advisory"}})"), ChangeDirection::neutral);
  // Unset means what it means beside required_advisories: there, an advisory is required.
  EXPECT_EQ(only(p, R"({"required_advisories": ["boost.enabled"]})",
                 R"({"required_advisories": ["boost.enabled"], "rules": {"boost.unknown": "advisory"}})"),
            ChangeDirection::looser);
  EXPECT_EQ(only(p, R"({"required_advisories": ["boost.enabled"]})",
                 R"({"required_advisories": ["boost.enabled"], "rules": {"boost.enabled": "required"}})"),
            ChangeDirection::neutral);
  EXPECT_EQ(document_changes(p, json::parse(R"({})"), json::parse(R"({"rules": {"load.before_too_high": "off"}})"))
                .front()
                .message,
            "policy rules load.before_too_high none -> \"off\" (looser)");

  const GatePart c = GatePart::config;
  EXPECT_EQ(only(c, R"({"gate": {"relative": 0.05}})", R"({"gate": {"relative": 0.1}})"), ChangeDirection::looser);
  EXPECT_EQ(only(c, R"({"gate": {"mode": "budget"}})", R"({})"), ChangeDirection::looser);
  EXPECT_EQ(only(c, R"({"rolling": {"max_cv": 1}})", R"({"rolling": {}})"), ChangeDirection::looser);
  EXPECT_EQ(only(c, R"({"gate_changes": "separate"})", R"({})"), ChangeDirection::looser);
  EXPECT_EQ(only(c, R"({"reports": {"html": "a.html"}})", R"({"reports": {"html": "b.html"}})"),
            ChangeDirection::neutral);
  EXPECT_EQ(only(c, R"({"evidence": ["a/*.json"]})", R"({"evidence": ["b/*.json"]})"), ChangeDirection::unjudged);
  const std::vector<GateChange> changes =
      document_changes(c, json::parse(R"({"profiles": {"pr": {"gate": {"enforce": "hard"}}}})"),
                       json::parse(R"({"profiles": {"pr": {"gate": {"enforce": "soft"}}}})"));
  EXPECT_EQ(changes.front().message, "config profiles.pr.gate enforce \"hard\" -> \"soft\" (looser)");
}

TEST(GateChanges, AFileThatIsNewOrGoneIsOneChangeNotJudged) {
  const std::vector<GateChange> changes =
      document_changes(GatePart::budgets, json(nullptr), json::parse(R"({"metrics": {"x": {"max": 1}}})"));
  ASSERT_EQ(changes.size(), 1U);
  EXPECT_EQ(changes.front().direction, ChangeDirection::unjudged);
  EXPECT_EQ(changes.front().message, R"(budget file none -> {"metrics":{"x":{"max":1}}} (not judged))");
  EXPECT_TRUE(document_changes(GatePart::policy, json::parse(R"({"schema_version": "a"})"),
                               json::parse(R"({"schema_version": "b"})"))
                  .empty());
  EXPECT_TRUE(may_loosen(changes.front()));
}

}  // namespace
}  // namespace evident
