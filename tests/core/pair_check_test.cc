#include "core/pair_check.h"

#include <gtest/gtest.h>

namespace evident {
namespace {

MetricSeries series(std::string metric, std::vector<double> samples, std::optional<double> value = std::nullopt) {
  MetricSeries s;
  s.id = {"engine", "sort", std::move(metric)};
  s.unit = "s";
  s.samples = std::move(samples);
  s.value = value;
  s.source = "run.json";
  s.pointer = "/benchmarks/0/metrics/0";
  return s;
}

// A row of the summary format, each cell on line `line` at its own column.
struct Row {
  std::string suite = "engine", benchmark = "sort", metric, unit = "s", better = "lower", run, value;
  std::size_t line = 2;
  bool clean = true;

  PairRow cells() const {
    const auto at = [&](std::size_t column) { return SourcePosition{line, column}; };
    return {{suite, at(1)},  {benchmark, at(2)}, {metric, at(3)}, {unit, at(4)},
            {better, at(5)}, {run, at(6)},       {value, at(7)},  clean};
  }
};

std::vector<Diagnostic> compare(std::vector<MetricSeries> metrics, const std::vector<Row>& rows,
                                std::size_t max_errors = 100, std::size_t* matched = nullptr) {
  PairCheck check(std::move(metrics), "run.json", "run.csv", max_errors);
  for (const Row& row : rows) check.add(row.cells());
  std::vector<Diagnostic> found = check.finish(true);
  if (matched) *matched = check.rows_matched();
  return found;
}

TEST(PairCheck, ValuesAgreeByTheNumberTheyDenoteNotTheirSpelling) {
  std::size_t matched = 0;
  const std::vector<Diagnostic> found =
      compare({series("wall", {0.5, 0.1015})},
              {{.metric = "wall", .run = "0", .value = "0.50"}, {.metric = "wall", .run = "1", .value = "1.015e-1"}},
              100, &matched);
  EXPECT_TRUE(found.empty());
  EXPECT_EQ(matched, 2u);
}

TEST(PairCheck, ADifferenceInTheLastDigitIsAnError) {
  const std::vector<Diagnostic> found =
      compare({series("wall", {0.1})}, {{.metric = "wall", .run = "0", .value = "0.10000000000000002"}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code, "pair.value");
  EXPECT_EQ(found[0].message,
            "\"engine/sort/wall\" run 0: the CSV has 0.10000000000000002, run.json has 0.1 (at "
            "/benchmarks/0/metrics/0/samples/0)");
  EXPECT_EQ(found[0].file, "run.csv");
  EXPECT_EQ(found[0].position.column, 7u);
}

TEST(PairCheck, AValueOnlyMetricIsOneRowRunZero) {
  EXPECT_TRUE(compare({series("rss", {}, 1024.0)}, {{.metric = "rss", .run = "0", .value = "1024"}}).empty());
  const std::vector<Diagnostic> found =
      compare({series("rss", {}, 1024.0)}, {{.metric = "rss", .run = "1", .value = "1024"}});
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].code, "pair.extra_run");
  EXPECT_EQ(found[0].message,
            "run 1 of \"engine/sort/rss\" is not in run.json, which has a value and no samples (run 0)");
  EXPECT_EQ(found[1].code, "pair.missing_row");
  EXPECT_EQ(found[1].message, "\"engine/sort/rss\" has no row in run.csv");
  EXPECT_EQ(found[1].pointer, "/benchmarks/0/metrics/0");
}

TEST(PairCheck, MissingRunsAreGivenAsRangesAtTheFirstMissingSample) {
  const std::vector<Diagnostic> found =
      compare({series("wall", {1, 2, 3, 4, 5, 6})},
              {{.metric = "wall", .run = "0", .value = "1"}, {.metric = "wall", .run = "4", .value = "5"}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message, "\"engine/sort/wall\": runs 1-3, 5 of 6 have no row in run.csv");
  EXPECT_EQ(found[0].file, "run.json");
  EXPECT_EQ(found[0].pointer, "/benchmarks/0/metrics/0/samples/1");
}

TEST(PairCheck, AnUncleanRowCountsAsPresentButIsNotCompared) {
  // Its own Table Schema problem is reported by the CSV check; the pair adds nothing.
  EXPECT_TRUE(
      compare({series("wall", {1})}, {{.metric = "wall", .unit = "ms", .run = "0", .value = "x", .clean = false}})
          .empty());
  EXPECT_TRUE(compare({series("wall", {1})}, {{.metric = "wall", .run = "0", .value = "1"},
                                              {.metric = "nope", .run = "0", .value = "1", .clean = false}})
                  .empty());
}

TEST(PairCheck, UnitDirectionAndUnknownMetricsAtTheirCells) {
  const std::vector<Diagnostic> found =
      compare({series("wall", {1})}, {{.metric = "wall", .unit = "ms", .better = "higher", .run = "0", .value = "1"},
                                      {.suite = "other", .metric = "wall", .run = "0", .value = "1", .line = 3}});
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].code, "pair.unit");
  EXPECT_EQ(found[0].position.column, 4u);
  EXPECT_EQ(found[1].code, "pair.better");
  EXPECT_EQ(found[1].message, "\"engine/sort/wall\" run 0: better \"higher\", but run.json has \"lower\"");
  EXPECT_EQ(found[2].code, "pair.not_in_json");
  EXPECT_EQ(found[2].message, "metric \"other/sort/wall\" is not in run.json");
  EXPECT_EQ(found[2].hint, "the suite of run.json is \"engine\"");
  EXPECT_EQ(found[2].position.line, 3u);
}

TEST(PairCheck, ErrorsBeyondTheLimitAreCounted) {
  const std::vector<Diagnostic> found =
      compare({series("wall", {1, 2, 3})},
              {{.metric = "wall", .run = "0", .value = "9"}, {.metric = "wall", .run = "1", .value = "9"}}, 1);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].code, "pair.value");
  EXPECT_EQ(found[1].severity, Severity::note);
  EXPECT_EQ(found[1].message, "and 2 more disagreements not shown (--max-errors 1)");
}

TEST(PairCheck, AnIncompleteTableCallsNothingMissing) {
  PairCheck check({series("wall", {1, 2})}, "run.json", "run.csv", 100);
  EXPECT_TRUE(check.finish(false).empty());
}

}  // namespace
}  // namespace evident
