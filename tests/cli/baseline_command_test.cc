// evident baseline writes through the real CLI: a new file, the same bytes for the same inputs, a
// refusal to replace without --force, and a replacement with it.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/command_runner.h"

namespace evident::cli {
namespace {

namespace fs = std::filesystem;

int run_cli(const std::vector<std::string>& arguments, std::string* out = nullptr) {
  const test_support::CliRun run =
      test_support::run_command(arguments.front(), {arguments.begin() + 1, arguments.end()});
  if (out) *out = run.out;
  return run.exit_code;
}

std::string contents(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

class BaselineCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("evident-baseline-test-" + std::to_string(::getpid()));
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }
  fs::path directory_;
};

TEST_F(BaselineCommand, WritesADeterministicBaselineThatValidates) {
  const std::string output = (directory_ / "baseline.json").string();
  std::string out;
  EXPECT_EQ(run_cli({"baseline", "fixtures/evidence/valid/spec-example.json", "--output", output}, &out), 0);
  EXPECT_EQ(out, "wrote " + output + ": 2 metrics from 1 evidence file\n");
  const std::string first = contents(output);
  EXPECT_NE(first.find("\"created_at\": \"2026-11-20T10:15:00Z\""), std::string::npos);
  EXPECT_EQ(run_cli({"validate", output}), 0);
  EXPECT_EQ(run_cli({"baseline", "fixtures/evidence/valid/spec-example.json", "--output", output, "--force"}), 0);
  EXPECT_EQ(contents(output), first);
}

TEST_F(BaselineCommand, RefusesToReplaceWithoutForceAndShowsTheDiff) {
  const std::string output = (directory_ / "baseline.json").string();
  ASSERT_EQ(run_cli({"baseline", "fixtures/evidence/valid/spec-example.json", "--output", output}), 0);
  const std::string before = contents(output);
  std::string out;
  EXPECT_EQ(run_cli({"baseline", "fixtures/gates/evidence-regressed.json", "--output", output}, &out), 2);
  EXPECT_EQ(out,
            "changes against the existing baseline:\n"
            "  engine/matmul-f32/allocs_per_op: 12 -> 14 (+16.67%)\n"
            "  engine/matmul-f32/wall_time: 0.101 -> 0.12 (+18.81%)\n");
  EXPECT_EQ(contents(output), before);
  EXPECT_EQ(run_cli({"baseline", "fixtures/gates/evidence-regressed.json", "--output", output, "--force"}), 0);
  EXPECT_NE(contents(output), before);
  EXPECT_EQ(run_cli({"gate", "--baseline", output, "--relative", "0", "fixtures/gates/evidence-regressed.json"}), 0);
}

TEST_F(BaselineCommand, FormatJsonSaysWhatWasWrittenAndValidates) {
  const std::string output = (directory_ / "baseline.json").string();
  std::string out;
  ASSERT_EQ(
      run_cli({"baseline", "fixtures/evidence/valid/spec-example.json", "--output", output, "--format", "json"}, &out),
      0);
  const nlohmann::json first = nlohmann::json::parse(out);
  EXPECT_EQ(first["written"], true);
  EXPECT_EQ(first["metrics"], 2);
  EXPECT_EQ(first["sources"].size(), 1U);
  EXPECT_FALSE(first.contains("changes"));
  ASSERT_EQ(
      run_cli({"baseline", "fixtures/gates/evidence-regressed.json", "--output", output, "--force", "--format", "json"},
              &out),
      0);
  const nlohmann::json replaced = nlohmann::json::parse(out);
  EXPECT_EQ(replaced["changes"].size(), 2U);
  EXPECT_EQ(replaced["changes"][0]["change"], "+16.67%");
  const fs::path report = directory_ / "result.json";
  std::ofstream(report) << out;
  EXPECT_EQ(run_cli({"validate", report.string()}), 0);
}

TEST_F(BaselineCommand, PoolsSamplesAcrossFiles) {
  const std::string output = (directory_ / "baseline.json").string();
  ASSERT_EQ(run_cli({"baseline", "fixtures/evidence/valid/spec-example.json", "fixtures/gates/evidence-regressed.json",
                     "--output", output}),
            0);
  const std::string text = contents(output);
  EXPECT_NE(text.find("0.101"), std::string::npos);
  EXPECT_NE(text.find("0.121"), std::string::npos);
}

TEST_F(BaselineCommand, CreatedAtIsTheNewestInstantWrittenAsRecorded) {
  // 12:00:00+05:00 is 07:00Z: the newest run is 09:00:00.5Z, although "12:00..." sorts last as text.
  const std::string output = (directory_ / "baseline.json").string();
  ASSERT_EQ(run_cli({"baseline", "fixtures/rolling/offsets/plus5.json", "fixtures/rolling/offsets/half.json",
                     "fixtures/rolling/offsets/utc.json", "--output", output}),
            0);
  EXPECT_NE(contents(output).find("\"created_at\": \"2026-11-20T09:00:00.5Z\""), std::string::npos);
}

}  // namespace
}  // namespace evident::cli
