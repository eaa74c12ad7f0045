#include "io/output/result_json.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace evident::io {
namespace {

TEST(ResultJson, ListsEachMetricWithItsCountAndValue) {
  CheckResult result;
  result.metrics.push_back(
      {{"engine", "matmul", "wall_time"}, "s", Better::lower, 20, 0.5, "run.json", "/benchmarks/0/metrics/0"});
  const nlohmann::ordered_json document = result_json(result);
  EXPECT_EQ(
      document["metrics"].dump(),
      R"([{"metric":"engine/matmul/wall_time","suite":"engine","benchmark":"matmul","name":"wall_time",)"
      R"("unit":"s","better":"lower","n":20,"value":0.5,"source":"run.json","pointer":"/benchmarks/0/metrics/0"}])");
  EXPECT_EQ(document["summary"]["metrics"], 1);
}

TEST(ResultJson, RefusesAResultThatCountsFilesItDoesNotList) {
  CheckResult result;
  result.unlisted.files = 1;
  EXPECT_THROW(result_json(result), std::logic_error);
  result.unlisted = {};
  result.unlisted.metrics = 3;
  EXPECT_THROW(result_json(result), std::logic_error);
}

}  // namespace
}  // namespace evident::io
