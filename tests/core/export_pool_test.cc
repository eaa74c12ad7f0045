#include "core/export_pool.h"

#include <gtest/gtest.h>

namespace evident {
namespace {

MetricSeries series(const std::string& suite, const std::string& benchmark, const std::string& name,
                    const std::string& unit, Better better, std::vector<double> samples,
                    std::optional<double> value = {}) {
  MetricSeries metric;
  metric.id = MetricId{suite, benchmark, name};
  metric.unit = unit;
  metric.better = better;
  metric.samples = std::move(samples);
  metric.value = value;
  metric.source = "run.json";
  return metric;
}

std::vector<std::string> codes(const std::vector<ExportProblem>& problems) {
  std::vector<std::string> result;
  for (const ExportProblem& problem : problems) result.push_back(problem.code);
  return result;
}

TEST(ExportFormat, KnowsItsThreeFormatsByName) {
  EXPECT_EQ(export_format("bmf"), ExportFormat::bmf);
  EXPECT_EQ(export_format("gab"), ExportFormat::gab);
  EXPECT_EQ(export_format("csv"), ExportFormat::csv);
  EXPECT_EQ(export_format("BMF"), std::nullopt);
  EXPECT_EQ(export_format_names().size(), 3u);
}

TEST(ExportValue, IsTheValueElseTheMedianWithTheLowestAndHighestSample) {
  const std::optional<ExportValue> given = export_value(series("s", "b", "m", "s", Better::lower, {3, 1, 2}, 9.5));
  ASSERT_TRUE(given);
  EXPECT_EQ(given->value, 9.5);
  EXPECT_FALSE(given->from_samples);
  EXPECT_EQ(given->lowest, 1.0);
  EXPECT_EQ(given->highest, 3.0);
  const std::optional<ExportValue> median = export_value(series("s", "b", "m", "s", Better::lower, {4, 1, 2, 3}));
  ASSERT_TRUE(median);
  EXPECT_EQ(median->value, 2.5);
  EXPECT_TRUE(median->from_samples);
  const std::optional<ExportValue> only = export_value(series("s", "b", "m", "s", Better::lower, {}, 7.0));
  ASSERT_TRUE(only);
  EXPECT_EQ(only->lowest, std::nullopt);
  EXPECT_EQ(export_value(series("s", "b", "m", "s", Better::lower, {})), std::nullopt);
}

TEST(ExportPool, RefusesAMetricInTwoFilesNamingTheFirst) {
  ExportPool pool(ExportFormat::csv);
  EXPECT_TRUE(pool.add(series("s", "b", "m", "s", Better::lower, {}, 1.0)).empty());
  MetricSeries again = series("s", "b", "m", "s", Better::lower, {}, 2.0);
  again.source = "later.json";
  const std::vector<ExportProblem> problems = pool.add(again);
  ASSERT_EQ(codes(problems), std::vector<std::string>{"export.duplicate_metric"});
  EXPECT_EQ(problems[0].message, "s/b/m is in run.json too: an export holds one measurement of each metric");
  EXPECT_EQ(pool.metrics().size(), 1u);
}

TEST(ExportPool, RefusesAMetricWithoutANumber) {
  ExportPool pool(ExportFormat::gab);
  EXPECT_EQ(codes(pool.add(series("s", "b", "m", "s", Better::lower, {}))),
            std::vector<std::string>{"export.no_value"});
  EXPECT_TRUE(pool.metrics().empty());
}

TEST(ExportPool, HoldsOneSuiteForBmfAndGabButAnyForCsv) {
  ExportPool gab(ExportFormat::gab);
  EXPECT_EQ(gab.add_suite("engine", "a.json"), std::nullopt);
  EXPECT_EQ(gab.add_suite("engine", "b.json"), std::nullopt);
  const std::optional<ExportProblem> mixed = gab.add_suite("render", "c.json");
  ASSERT_TRUE(mixed);
  EXPECT_EQ(mixed->code, "export.mixed_suites");
  EXPECT_EQ(mixed->message,
            "suite \"render\", but a.json holds suite \"engine\": gab has no place for the suite, so one export "
            "holds one suite");
  ExportPool csv(ExportFormat::csv);
  EXPECT_EQ(csv.add_suite("engine", "a.json"), std::nullopt);
  EXPECT_EQ(csv.add_suite("render", "c.json"), std::nullopt);
  EXPECT_EQ(csv.suite_count(), 2u);
}

TEST(ExportPool, HoldsBencherMeasuresToBenchersUnitAndDirection) {
  ExportPool pool(ExportFormat::bmf);
  EXPECT_TRUE(pool.add(series("s", "a", "latency", "ns", Better::lower, {}, 1.0)).empty());
  EXPECT_TRUE(pool.add(series("s", "a", "throughput", "ops/s", Better::higher, {}, 1.0)).empty());
  const std::vector<ExportProblem> ms = pool.add(series("s", "b", "latency", "ms", Better::lower, {}, 1.0));
  ASSERT_EQ(codes(ms), std::vector<std::string>{"export.bmf_measure"});
  EXPECT_EQ(ms[0].message,
            "metric \"latency\" has unit \"ms\", lower is better, but Bencher's measure \"latency\" has unit \"ns\", "
            "lower is better: Bencher would misread it");
  EXPECT_EQ(codes(pool.add(series("s", "b", "throughput", "ops/s", Better::lower, {}, 1.0))),
            std::vector<std::string>{"export.bmf_measure"});
  EXPECT_EQ(pool.metrics().size(), 2u);
}

TEST(ExportPool, WarnsOncePerOtherMeasureAndRefusesItInASecondUnitOrDirection) {
  ExportPool pool(ExportFormat::bmf);
  const std::vector<ExportProblem> first = pool.add(series("s", "a", "wall_time", "s", Better::lower, {}, 1.0));
  ASSERT_EQ(codes(first), std::vector<std::string>{"export.bmf_no_unit"});
  EXPECT_EQ(first[0].severity, Severity::warning);
  EXPECT_EQ(first[0].hint,
            "in Bencher, give the measure \"wall_time\" the unit \"s\", and its threshold an upper boundary");
  EXPECT_TRUE(pool.add(series("s", "b", "wall_time", "s", Better::lower, {}, 2.0)).empty());
  EXPECT_EQ(codes(pool.add(series("s", "c", "wall_time", "ms", Better::lower, {}, 3.0))),
            std::vector<std::string>{"export.mixed_units"});
  EXPECT_EQ(codes(pool.add(series("s", "d", "wall_time", "s", Better::higher, {}, 3.0))),
            std::vector<std::string>{"export.mixed_units"});
  const std::vector<ExportProblem> higher = pool.add(series("s", "a", "speed", "MB/s", Better::higher, {}, 1.0));
  ASSERT_EQ(higher.size(), 1u);
  EXPECT_EQ(higher[0].hint,
            "in Bencher, give the measure \"speed\" the unit \"MB/s\", and its threshold a lower boundary");
  EXPECT_EQ(pool.metrics().size(), 3u);
}

TEST(ExportPool, AcceptsMixedUnitsAcrossBenchmarksForGabAndCsv) {
  for (const ExportFormat format : {ExportFormat::gab, ExportFormat::csv}) {
    ExportPool pool(format);
    EXPECT_TRUE(pool.add(series("s", "a", "wall_time", "s", Better::lower, {}, 1.0)).empty());
    EXPECT_TRUE(pool.add(series("s", "b", "wall_time", "ms", Better::higher, {}, 1.0)).empty());
  }
}

}  // namespace
}  // namespace evident
