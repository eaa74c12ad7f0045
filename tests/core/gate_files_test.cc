#include "core/gate_files.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/json_pointer.h"
#include "core/text.h"
#include "io/schema/schema_validator.h"

namespace evident {
namespace {

using nlohmann::json;

std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(EVIDENT_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

json fixture(const std::string& name) { return json::parse(read_source_file("fixtures/gates/" + name)); }

MetricId id(const char* text) { return *parse_metric_id(text); }

std::vector<std::string> codes(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& diagnostic : diagnostics)
    out.push_back(diagnostic.code + " " + diagnostic.pointer.value_or("?"));
  return out;
}

// --- allowed change -----------------------------------------------------------------------------

TEST(AllowedChange, AbsoluteOnly) {
  EXPECT_EQ(allowed_change(Tolerance{1.0, std::nullopt, true, std::nullopt, std::nullopt}, 12.0), 1.0);
  EXPECT_EQ(allowed_change(Tolerance{1.0, std::nullopt, true, std::nullopt, std::nullopt}, 0.0), 1.0);
}

TEST(AllowedChange, RelativeIsAFractionOfTheBaselineMagnitude) {
  EXPECT_DOUBLE_EQ(allowed_change(Tolerance{std::nullopt, 0.05, true, std::nullopt, std::nullopt}, 200.0), 10.0);
  EXPECT_DOUBLE_EQ(allowed_change(Tolerance{std::nullopt, 0.05, true, std::nullopt, std::nullopt}, -200.0), 10.0);
  EXPECT_EQ(allowed_change(Tolerance{std::nullopt, 0.05, true, std::nullopt, std::nullopt}, 0.0), 0.0);
}

TEST(AllowedChange, WithBothTheLargerWins) {
  const Tolerance both{0.002, 0.10, true, std::nullopt, std::nullopt};
  EXPECT_DOUBLE_EQ(allowed_change(both, 0.1), 0.01);    // relative 0.1 * 0.1 = 0.01 > 0.002
  EXPECT_DOUBLE_EQ(allowed_change(both, 0.01), 0.002);  // relative 0.001 < absolute 0.002
  EXPECT_DOUBLE_EQ(allowed_change(both, 0.02), 0.002);  // exactly equal: either
  EXPECT_EQ(allowed_change(both, 0.0), 0.002);
}

// The worked example of docs/gate-files.md; the bound is inclusive.
TEST(AllowedChange, WorkedExampleOfTheDocs) {
  const Tolerance tolerance{2.0, 0.10, true, std::nullopt, std::nullopt};
  EXPECT_EQ(allowed_change(tolerance, 200.0), 20.0);
  EXPECT_LE(220.0 - 200.0, allowed_change(tolerance, 200.0));
  EXPECT_GT(230.0 - 200.0, allowed_change(tolerance, 200.0));
  EXPECT_EQ(allowed_change(tolerance, 10.0), 2.0);
  EXPECT_LE(12.0 - 10.0, allowed_change(tolerance, 10.0));
  EXPECT_GT(12.5 - 10.0, allowed_change(tolerance, 10.0));
  EXPECT_EQ(allowed_change(tolerance, 0.0), 2.0);
}

TEST(AllowedChange, NeitherSetAllowsNothing) { EXPECT_EQ(allowed_change(Tolerance{}, 5.0), 0.0); }

// --- tolerances ---------------------------------------------------------------------------------

TEST(Tolerances, ReadsTheFixture) {
  std::vector<Diagnostic> diagnostics;
  const std::optional<Tolerances> tolerances = tolerances_from_json(fixture("tolerances.json"), diagnostics);
  ASSERT_TRUE(tolerances.has_value()) << ::testing::PrintToString(codes(diagnostics));
  EXPECT_TRUE(diagnostics.empty());
  ASSERT_TRUE(tolerances->fallback.has_value());
  EXPECT_EQ(tolerances->fallback->relative, 0.05);
  EXPECT_FALSE(tolerances->fallback->absolute.has_value());
  EXPECT_TRUE(tolerances->fallback->require_significance);
  ASSERT_EQ(tolerances->rules.size(), 4U);

  const Tolerance* exact = tolerances->for_metric(id("engine/matmul-f32/wall_time"));
  ASSERT_NE(exact, nullptr);
  EXPECT_EQ(exact->relative, 0.08);
  EXPECT_FALSE(exact->require_significance);

  const Tolerance* family = tolerances->for_metric(id("engine/matmul-f64/wall_time"));
  ASSERT_NE(family, nullptr);
  EXPECT_EQ(family->relative, 0.12);
  EXPECT_EQ(family->alpha, 0.01);

  const Tolerance* suite = tolerances->for_metric(id("engine/conv/wall_time"));
  ASSERT_NE(suite, nullptr);
  EXPECT_EQ(suite->relative, 0.10);
  EXPECT_EQ(suite->absolute, 0.002);

  const Tolerance* allocs = tolerances->for_metric(id("engine/matmul-f32/allocs_per_op"));
  ASSERT_NE(allocs, nullptr);
  EXPECT_EQ(allocs->absolute, 1.0);
  EXPECT_DOUBLE_EQ(allowed_change(*allocs, 12.0), 1.0);

  const Tolerance* other = tolerances->for_metric(id("other/x/wall_time"));
  EXPECT_EQ(other, &*tolerances->fallback);
}

TEST(Tolerances, WithoutADefaultAnUnmatchedMetricHasNone) {
  std::vector<Diagnostic> diagnostics;
  const std::optional<Tolerances> tolerances = tolerances_from_json(
      json::parse(R"({"schema_version": "evident/tolerances/1", "metrics": {"wall_time": {"relative": 0.1}}})"),
      diagnostics);
  ASSERT_TRUE(tolerances.has_value());
  EXPECT_EQ(tolerances->for_metric(id("a/b/cpu_time")), nullptr);
  EXPECT_NE(tolerances->for_metric(id("a/b/wall_time")), nullptr);
}

// A key the schema admits but that is no metric pattern is reported at the key, one per key, and the
// file is refused.
TEST(Tolerances, ReportsABadKeyAtTheKey) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(tolerances_from_json(json::parse(R"({"schema_version": "evident/tolerances/1",
      "metrics": {"engine/wall_time": {"relative": 0.1}, "wall_time": {"relative": 0.1}, "a**": {"absolute": 1}}})"),
                                    diagnostics)
                   .has_value());
  EXPECT_EQ(codes(diagnostics), (std::vector<std::string>{"tolerances.bad_key /metrics/a**",
                                                          "tolerances.bad_key /metrics/engine~1wall_time"}));
  EXPECT_EQ(diagnostics[0].message, "the key \"a**\" has \"**\"; write a single '*'");
  EXPECT_EQ(diagnostics[1].message,
            "the key \"engine/wall_time\" has 2 segments; a key is a metric name (no '/') or a full id "
            "suite/benchmark/metric");
  EXPECT_EQ(diagnostics[1].hint,
            "write a metric name such as \"wall_time\" or a full id such as \"engine/*/wall_time\"");
  EXPECT_TRUE(diagnostics[1].at_key);
  EXPECT_EQ(diagnostics[1].severity, Severity::error);
}

TEST(Tolerances, ReadsEveryMemberOfATolerance) {
  std::vector<Diagnostic> diagnostics;
  const std::optional<Tolerances> tolerances =
      tolerances_from_json(json::parse(R"({"schema_version": "evident/tolerances/1",
      "default": {"absolute": 0, "relative": 100, "require_significance": false, "alpha": 0.01}})"),
                           diagnostics);
  ASSERT_TRUE(tolerances.has_value());
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_TRUE(tolerances->rules.empty());
  EXPECT_EQ(tolerances->fallback->absolute, 0.0);
  EXPECT_EQ(tolerances->fallback->relative, 100.0);
  EXPECT_FALSE(tolerances->fallback->require_significance);
  EXPECT_EQ(tolerances->fallback->alpha, 0.01);
  EXPECT_EQ(tolerances->fallback->enforce, std::nullopt);
}

TEST(Tolerances, AnEntryMayCarryItsOwnEnforcement) {
  std::vector<Diagnostic> diagnostics;
  const std::optional<Tolerances> tolerances =
      tolerances_from_json(json::parse(R"({"schema_version": "evident/tolerances/1",
      "default": {"relative": 0.1}, "metrics": {"allocs": {"absolute": 0, "enforce": "hard"},
      "wall_time": {"relative": 0.05, "enforce": "soft"}}})"),
                           diagnostics);
  ASSERT_TRUE(tolerances.has_value());
  EXPECT_EQ(tolerances->fallback->enforce, std::nullopt);
  EXPECT_EQ(tolerances->rules[0].second.enforce, Enforcement::hard);
  EXPECT_EQ(tolerances->rules[1].second.enforce, Enforcement::soft);
}

TEST(Budgets, AnEntryMayCarryItsOwnEnforcement) {
  std::vector<Diagnostic> diagnostics;
  const std::optional<Budgets> budgets = budgets_from_json(
      json::parse(R"({"schema_version": "evident/budgets/1", "metrics": {"rss": {"max": 5, "enforce": "soft"}}})"),
      diagnostics);
  ASSERT_TRUE(budgets.has_value());
  EXPECT_EQ(budgets->rules[0].second.enforce, Enforcement::soft);
  EXPECT_EQ(enforcement_name(Enforcement::soft), "soft");
  EXPECT_EQ(enforcement_name(Enforcement::hard), "hard");
}

// --- budgets ------------------------------------------------------------------------------------

TEST(Budgets, ReadsTheFixture) {
  std::vector<Diagnostic> diagnostics;
  const std::optional<Budgets> budgets = budgets_from_json(fixture("budgets.json"), diagnostics);
  ASSERT_TRUE(budgets.has_value()) << ::testing::PrintToString(codes(diagnostics));
  ASSERT_EQ(budgets->rules.size(), 4U);

  const Budget* wall = budgets->for_metric(id("engine/matmul-f32/wall_time"));
  ASSERT_NE(wall, nullptr);
  EXPECT_EQ(wall->max, 0.11);
  EXPECT_FALSE(wall->min.has_value());
  EXPECT_EQ(wall->stat, BudgetStat::p95);
  EXPECT_EQ(wall->unit, "s");

  const Budget* other_wall = budgets->for_metric(id("engine/conv/wall_time"));
  ASSERT_NE(other_wall, nullptr);
  EXPECT_EQ(other_wall->max, 0.5);
  EXPECT_EQ(other_wall->stat, BudgetStat::median);  // the default
  EXPECT_FALSE(other_wall->unit.has_value());

  const Budget* allocs = budgets->for_metric(id("engine/matmul-f32/allocs_per_op"));
  ASSERT_NE(allocs, nullptr);
  EXPECT_EQ(allocs->min, 0.0);
  EXPECT_EQ(allocs->max, 16.0);

  EXPECT_EQ(budgets->for_metric(id("other/x/allocs_per_op")), nullptr);
  EXPECT_EQ(budgets->for_metric(id("engine/x/throughput"))->min, 100.0);
}

TEST(Budgets, ReportsABadKeyAtTheKey) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(budgets_from_json(json::parse(R"({"schema_version": "evident/budgets/1",
      "metrics": {"a/b/c/d": {"max": 1}, "engine//allocs_per_op": {"max": 16}, " wall_time": {"max": 1}}})"),
                                 diagnostics)
                   .has_value());
  EXPECT_EQ(codes(diagnostics),
            (std::vector<std::string>{"budgets.bad_key /metrics/ wall_time", "budgets.bad_key /metrics/a~1b~1c~1d",
                                      "budgets.bad_key /metrics/engine~1~1allocs_per_op"}));
  EXPECT_EQ(diagnostics[0].message, "the key \" wall_time\" has a segment with a space at either end");
  EXPECT_EQ(diagnostics[1].message,
            "the key \"a/b/c/d\" has 4 segments; a key is a metric name (no '/') or a full id "
            "suite/benchmark/metric");
  EXPECT_EQ(diagnostics[2].message, "the key \"engine//allocs_per_op\" has an empty segment");
  EXPECT_TRUE(diagnostics[2].at_key);
}

TEST(Budgets, MinAboveMaxCannotPassAndIsRefused) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(budgets_from_json(json::parse(R"({"schema_version": "evident/budgets/1",
      "metrics": {"wall_time": {"min": 2, "max": 1}}})"),
                                 diagnostics)
                   .has_value());
  ASSERT_EQ(diagnostics.size(), 1U);
  EXPECT_EQ(codes(diagnostics), (std::vector<std::string>{"budgets.min_above_max /metrics/wall_time"}));
  EXPECT_EQ(diagnostics[0].message, "min 2 is above max 1; no value could pass");
  EXPECT_FALSE(diagnostics[0].at_key);
  diagnostics.clear();
  EXPECT_TRUE(budgets_from_json(json::parse(R"({"schema_version": "evident/budgets/1",
      "metrics": {"wall_time": {"min": 1, "max": 1}}})"),
                                diagnostics)
                  .has_value());
  EXPECT_TRUE(diagnostics.empty());
}

TEST(Budgets, NamesEveryStatistic) {
  for (const BudgetStat stat : {BudgetStat::mean, BudgetStat::median, BudgetStat::max, BudgetStat::p95}) {
    std::vector<Diagnostic> diagnostics;
    const json document = {{"schema_version", "evident/budgets/1"},
                           {"metrics", {{"m", {{"max", 1}, {"stat", std::string(budget_stat_name(stat))}}}}}};
    const std::optional<Budgets> budgets = budgets_from_json(document, diagnostics);
    ASSERT_TRUE(budgets.has_value());
    EXPECT_EQ(budgets->rules[0].second.stat, stat);
  }
}

TEST(Budgets, ReadsAnOptionalCvBoundForRolling) {
  std::vector<Diagnostic> diagnostics;
  const std::optional<Budgets> budgets = budgets_from_json(json::parse(R"({"schema_version": "evident/budgets/1",
      "metrics": {"wall_time": {"max": 0.5, "max_cv": 1.5}, "allocs": {"max": 3}}})"),
                                                           diagnostics);
  ASSERT_TRUE(budgets.has_value());
  EXPECT_EQ(budgets->for_metric(id("engine/x/wall_time"))->max_cv, 1.5);
  EXPECT_FALSE(budgets->for_metric(id("engine/x/allocs"))->max_cv.has_value());
}

// --- baseline -----------------------------------------------------------------------------------

TEST(Baseline, ReadsTheFixture) {
  std::vector<Diagnostic> diagnostics;
  const std::optional<Baseline> baseline = baseline_from_json(fixture("baseline.json"), diagnostics);
  ASSERT_TRUE(baseline.has_value()) << ::testing::PrintToString(codes(diagnostics));
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(baseline->created_at, "2026-11-20T10:30:00Z");
  ASSERT_EQ(baseline->sources.size(), 1U);
  EXPECT_EQ(baseline->sources[0].path, "fixtures/evidence/valid/spec-example.json");
  EXPECT_EQ(baseline->sources[0].sha256, "b54a22829f49dbae181f44b7f327ef9fed94c25a9ae7a175324d312fb09ea799");
  ASSERT_EQ(baseline->entries.size(), 2U);

  const BaselineEntry* wall = baseline->find(id("engine/matmul-f32/wall_time"));
  ASSERT_NE(wall, nullptr);
  EXPECT_EQ(wall->unit, "s");
  EXPECT_EQ(wall->better, Better::lower);
  EXPECT_EQ(wall->samples, (std::vector<double>{0.101, 0.102, 0.1}));
  EXPECT_FALSE(wall->value.has_value());

  const BaselineEntry* allocs = baseline->find(id("engine/matmul-f32/allocs_per_op"));
  ASSERT_NE(allocs, nullptr);
  EXPECT_EQ(allocs->unit, "count");
  EXPECT_TRUE(allocs->samples.empty());
  EXPECT_EQ(allocs->value, 12.0);

  EXPECT_EQ(baseline->find(id("engine/matmul-f32/throughput")), nullptr);
}

TEST(Baseline, SourceDigestIsThatOfTheEvidenceFixture) {
  // The fixture names spec-example.json; keep them in step when either changes.
  std::vector<Diagnostic> diagnostics;
  const std::optional<Baseline> baseline = baseline_from_json(fixture("baseline.json"), diagnostics);
  ASSERT_TRUE(baseline.has_value());
  const json evidence = json::parse(read_source_file(baseline->sources[0].path));
  for (const BaselineEntry& entry : baseline->entries) {
    EXPECT_EQ(entry.id.suite, evidence["suite"]["name"]);
    EXPECT_EQ(entry.id.benchmark, evidence["benchmarks"][0]["name"]);
  }
}

// The schema asks for three segments but cannot count a segment's characters.
TEST(Baseline, ReportsAnIdWithAnOverlongNameAtTheKey) {
  std::vector<Diagnostic> diagnostics;
  json document = fixture("baseline.json");
  const std::string key = "engine/" + std::string(201, 'b') + "/wall_time";
  document["metrics"][key] = document["metrics"]["engine/matmul-f32/wall_time"];
  EXPECT_FALSE(baseline_from_json(document, diagnostics).has_value());
  EXPECT_EQ(codes(diagnostics), (std::vector<std::string>{"baseline.bad_id " + append_pointer("/metrics", key)}));
  EXPECT_EQ(diagnostics[0].message, "the key " + quote_for_message(key) + " is not a metric id suite/benchmark/metric");
  EXPECT_EQ(diagnostics[0].hint, "each of its three names is 1 to 200 characters");
  EXPECT_TRUE(diagnostics[0].at_key);
}

TEST(Baseline, RoundTripsThroughJson) {
  std::vector<Diagnostic> diagnostics;
  const std::optional<Baseline> baseline = baseline_from_json(fixture("baseline.json"), diagnostics);
  ASSERT_TRUE(baseline.has_value());
  const json written = baseline_to_json(*baseline);
  json expected = fixture("baseline.json");
  expected.erase("description");
  EXPECT_EQ(written, expected);
  const std::optional<Baseline> again = baseline_from_json(written, diagnostics);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->entries.size(), 2U);
  EXPECT_TRUE(diagnostics.empty());
}

// A key's text sorts "engine-2/..." before "engine/...", since "-" comes before "/"; the entries
// come in the order of their ids, the suite "engine" first.
TEST(Baseline, EntriesAreInTheOrderOfTheirIdsWhateverTheOrderOfTheKeys) {
  std::vector<Diagnostic> diagnostics;
  json document = fixture("baseline.json");
  document["metrics"]["engine-2/matmul-f32/wall_time"] = document["metrics"]["engine/matmul-f32/wall_time"];
  const std::optional<Baseline> baseline = baseline_from_json(document, diagnostics);
  ASSERT_TRUE(baseline.has_value());
  std::vector<std::string> ids;
  for (const BaselineEntry& entry : baseline->entries) ids.push_back(entry.id.text());
  std::vector<std::string> expected;
  const json original = fixture("baseline.json");
  for (const auto& [key, value] : original["metrics"].items()) expected.push_back(key);
  expected.push_back("engine-2/matmul-f32/wall_time");
  EXPECT_EQ(ids, expected);
}

TEST(Baseline, DuplicateSourcePathIsRefused) {
  std::vector<Diagnostic> diagnostics;
  json document = fixture("baseline.json");
  document["sources"].push_back(document["sources"][0]);
  EXPECT_FALSE(baseline_from_json(document, diagnostics).has_value());
  EXPECT_EQ(codes(diagnostics), (std::vector<std::string>{"baseline.duplicate_source /sources/1/path"}));
  EXPECT_EQ(diagnostics[0].message, "the source \"fixtures/evidence/valid/spec-example.json\" is listed twice");
}

// --- schemas -------------------------------------------------------------------------------------

io::CompiledSchema compile(const std::string& name) {
  return io::CompiledSchema::compile(json::parse(read_source_file("schemas/" + name + ".schema.json")),
                                     [](const std::string&) { return std::optional<json>(); });
}

TEST(GateSchemas, AcceptTheValidFixturesAndRejectTheInvalidOnes) {
  for (const std::string kind : {"baseline", "tolerances", "budgets"}) {
    const io::CompiledSchema schema = compile(kind);
    EXPECT_TRUE(schema.validate(fixture(kind + ".json")).empty()) << kind;
    EXPECT_FALSE(schema.validate(fixture("invalid-" + kind + ".json")).empty()) << kind;
  }
}

TEST(GateSchemas, AcceptWhatBaselineToJsonWrites) {
  std::vector<Diagnostic> diagnostics;
  const std::optional<Baseline> baseline = baseline_from_json(fixture("baseline.json"), diagnostics);
  ASSERT_TRUE(baseline.has_value());
  EXPECT_TRUE(compile("baseline").validate(baseline_to_json(*baseline)).empty());
}

TEST(GateSchemas, DescribeEveryMember) {
  for (const std::string kind : {"baseline", "tolerances", "budgets"}) {
    const json schema = json::parse(read_source_file("schemas/" + kind + ".schema.json"));
    EXPECT_EQ(schema["additionalProperties"], false) << kind;
    EXPECT_EQ(schema["properties"]["schema_version"]["const"], "evident/" + kind + "/1");
    for (const auto& [name, property] : schema["properties"].items()) {
      EXPECT_TRUE(property.contains("description")) << kind << " " << name;
    }
    for (const auto& [name, definition] : schema["definitions"].items()) {
      EXPECT_EQ(definition["additionalProperties"], false) << kind << " " << name;
      for (const auto& [member, property] : definition["properties"].items()) {
        EXPECT_TRUE(property.contains("description")) << kind << " " << name << "." << member;
      }
    }
    EXPECT_EQ(read_source_file("schemas/" + kind + ".schema.json").find("\"format\""), std::string::npos) << kind;
  }
}

}  // namespace
}  // namespace evident
