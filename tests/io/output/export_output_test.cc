#include "io/output/export_output.h"

#include <gtest/gtest.h>

namespace evident::io {
namespace {

MetricSeries series(const std::string& benchmark, const std::string& name, const std::string& unit, Better better,
                    std::vector<double> samples, std::optional<double> value = {}) {
  MetricSeries metric;
  metric.id = MetricId{"engine", benchmark, name};
  metric.unit = unit;
  metric.better = better;
  metric.samples = std::move(samples);
  metric.value = value;
  return metric;
}

const std::vector<MetricSeries> metrics{
    series("matmul", "wall_time", "s", Better::lower, {0.101, 0.0995, 1e-7}),
    series("matmul", "throughput", "MB/s", Better::higher, {}, 8123.25),
    series("parse \"quoted\", with commas", "value", "count", Better::lower, {}, 17),
};

TEST(BmfDocument, NestsMeasuresInBenchmarksWithTheSamplesBounds) {
  EXPECT_EQ(bmf_document(metrics),
            "{\n"
            "  \"matmul\": {\n"
            "    \"wall_time\": {\n"
            "      \"value\": 0.0995,\n"
            "      \"lower_value\": 1e-07,\n"
            "      \"upper_value\": 0.101\n"
            "    },\n"
            "    \"throughput\": {\n"
            "      \"value\": 8123.25\n"
            "    }\n"
            "  },\n"
            "  \"parse \\\"quoted\\\", with commas\": {\n"
            "    \"value\": {\n"
            "      \"value\": 17.0\n"
            "    }\n"
            "  }\n"
            "}\n");
}

TEST(GabDocument, WritesOneArrayPerDirectionNamingBenchmarkAndMetric) {
  EXPECT_EQ(gab_document(metrics, Better::lower),
            "[\n"
            "  {\n"
            "    \"name\": \"matmul/wall_time\",\n"
            "    \"unit\": \"s\",\n"
            "    \"value\": 0.0995,\n"
            "    \"extra\": \"median of 3 samples, 1e-07 to 0.101\"\n"
            "  },\n"
            "  {\n"
            "    \"name\": \"parse \\\"quoted\\\", with commas\",\n"
            "    \"unit\": \"count\",\n"
            "    \"value\": 17.0\n"
            "  }\n"
            "]\n");
  EXPECT_EQ(gab_document(metrics, Better::higher),
            "[\n  {\n    \"name\": \"matmul/throughput\",\n    \"unit\": \"MB/s\",\n    \"value\": 8123.25\n  }\n]\n");
  EXPECT_EQ(gab_document({metrics.data(), 1}, Better::higher), std::nullopt);
  EXPECT_EQ(gab_file_name(Better::lower), "customSmallerIsBetter.json");
  EXPECT_EQ(gab_file_name(Better::higher), "customBiggerIsBetter.json");
}

TEST(SummaryCsv, WritesARowPerSampleQuotingAsRfc4180) {
  EXPECT_EQ(summary_csv(metrics),
            "suite,benchmark,metric,unit,better,run,value\n"
            "engine,matmul,wall_time,s,lower,0,0.101\n"
            "engine,matmul,wall_time,s,lower,1,0.0995\n"
            "engine,matmul,wall_time,s,lower,2,1e-07\n"
            "engine,matmul,throughput,MB/s,higher,0,8123.25\n"
            "engine,\"parse \"\"quoted\"\", with commas\",value,count,lower,0,17\n");
  EXPECT_EQ(summary_rows(metrics[0]), 3u);
  EXPECT_EQ(summary_rows(metrics[1]), 1u);
}

TEST(SummaryCsv, WritesEachDoubleAsTheShortestTextThatReadsBackTheSame) {
  const std::vector<MetricSeries> awkward{series("b", "m", "s", Better::lower, {0.1 + 0.2, 1e300, -2.5e-310})};
  EXPECT_EQ(summary_csv(awkward, false),
            "engine,b,m,s,lower,0,0.30000000000000004\n"
            "engine,b,m,s,lower,1,1e+300\n"
            "engine,b,m,s,lower,2,-2.5e-310\n");
}

}  // namespace
}  // namespace evident::io
