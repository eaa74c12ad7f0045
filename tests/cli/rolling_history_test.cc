#include "cli/rolling_history.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/evidence_metrics.h"

namespace evident::cli {
namespace {

namespace fs = std::filesystem;

// A history of runs from the spec example, one per captured_at given, named run-<index>.json; a
// run whose captured_at is "failed" is a failed run captured in 2025.
class History : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("evident-rolling-history-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }

  io::CollectedFiles write(const std::vector<std::string>& times) {
    std::ifstream in("fixtures/evidence/valid/spec-example.json");
    const nlohmann::json example = nlohmann::json::parse(in);
    io::CollectedFiles collected;
    for (std::size_t i = 0; i < times.size(); ++i) {
      nlohmann::json run = example;
      run["captured_at"] = times[i] == "failed" ? "2025-01-01T00:00:00Z" : times[i];
      if (times[i] == "failed") run["status"] = "failed";
      run["benchmarks"][0]["metrics"][0]["samples"] = {0.1 + 0.01 * static_cast<double>(i), 0.2};
      const std::string path = (directory_ / ("run-" + std::to_string(i) + ".json")).string();
      std::ofstream(path) << run.dump(2);
      collected.files.push_back(path);
    }
    return collected;
  }

  fs::path directory_;
};

TEST_F(History, OnlyTheNewestRunsOfTheWindowKeepTheirMetrics) {
  // Out of order on purpose; two runs tie at 12:00 (then the file name orders them).
  const io::CollectedFiles collected =
      write({"2026-01-01T05:00:00Z", "2026-01-01T01:00:00Z", "2026-01-01T12:00:00Z", "failed", "2026-01-01T03:00:00Z",
             "2026-01-01T09:00:00Z", "2026-01-01T12:00:00Z", "2026-01-01T02:00:00Z", "2026-01-01T04:00:00Z",
             "2026-01-01T11:00:00Z", "2026-01-01T00:00:00Z"});
  const RollingHistory history = read_history(collected, io::ValidationOptions{}, 2);
  ASSERT_EQ(history.runs.size(), 11U);
  std::vector<std::size_t> holding;
  for (std::size_t i = 0; i < history.runs.size(); ++i) {
    if (!history.runs[i].metrics.empty()) holding.push_back(i);
  }
  // The two newest (run-2 and run-6 at 12:00); the failed run (3), which takes no place in the
  // window and is left as it is; and the runs read since the last pruning (9 and 10): more than
  // twice the window of holders prunes them to the window.
  EXPECT_EQ(holding, (std::vector<std::size_t>{2, 3, 6, 9, 10}));
}

TEST_F(History, TheWindowRollsAsWithEveryRunsMetrics) {
  std::vector<std::string> times;
  for (int hour = 23; hour >= 0; --hour)
    times.push_back("2026-01-01T" + std::string(hour < 10 ? "0" : "") + std::to_string(hour) + ":00:00Z");
  const io::CollectedFiles collected = write(times);
  RollingOptions options;
  options.window = 3;
  const RollingResult pruned = roll(read_history(collected, io::ValidationOptions{}, 3).runs, options);
  const RollingResult whole = roll(read_history(collected, io::ValidationOptions{}, 1000).runs, options);
  ASSERT_EQ(pruned.window_runs.size(), 3U);
  EXPECT_EQ(pruned.window_runs.back().captured_at, "2026-01-01T23:00:00Z");
  ASSERT_EQ(pruned.metrics.size(), whole.metrics.size());
  for (std::size_t i = 0; i < pruned.metrics.size(); ++i) {
    EXPECT_EQ(pruned.metrics[i].id.text(), whole.metrics[i].id.text());
    EXPECT_EQ(pruned.metrics[i].runs, 3U);
    EXPECT_EQ(pruned.metrics[i].summary.n, whole.metrics[i].summary.n);
    EXPECT_EQ(pruned.metrics[i].summary.mean, whole.metrics[i].summary.mean);
  }
  EXPECT_EQ(pruned.history_runs, 24U);
}

// The runs' metrics are read from the fast path's tree: each run's metrics are those that core's
// metrics_of reads from the file's whole value, samples and all.
TEST_F(History, RunsReadInPlaceAreTheRunsOfTheWholeValue) {
  const io::CollectedFiles collected =
      write({"2026-01-01T05:00:00Z", "failed", "2026-01-01T01:00:00Z", "2026-01-01T03:00:00Z"});
  const RollingHistory history = read_history(collected, io::ValidationOptions{}, 10);
  ASSERT_EQ(history.runs.size(), 4U);
  for (const RollingRun& run : history.runs) {
    std::ifstream in(run.source);
    const std::vector<MetricSeries> whole = metrics_of(nlohmann::json::parse(in), run.source);
    ASSERT_EQ(run.metrics.size(), whole.size()) << run.source;
    ASSERT_FALSE(whole.empty());
    for (std::size_t i = 0; i < whole.size(); ++i) {
      const MetricSeries& read = run.metrics[i];
      EXPECT_EQ(read.id, whole[i].id);
      EXPECT_EQ(read.unit, whole[i].unit);
      EXPECT_EQ(read.better, whole[i].better);
      EXPECT_EQ(read.samples, whole[i].samples);
      EXPECT_EQ(read.value, whole[i].value);
      EXPECT_EQ(read.source, whole[i].source);
      EXPECT_EQ(read.pointer, whole[i].pointer);
      EXPECT_EQ(read.context.captured_at, whole[i].context.captured_at);
      EXPECT_EQ(read.context.parameters, whole[i].context.parameters);
    }
  }
  EXPECT_EQ(history.runs[0].metrics[0].samples, (std::vector<double>{0.1, 0.2}));
  EXPECT_EQ(history.runs[3].metrics[0].samples, (std::vector<double>{0.13, 0.2}));
}

}  // namespace
}  // namespace evident::cli
