#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/import/import_test_support.h"
#include "io/import/importer.h"

namespace evident::io {
namespace {

using namespace test_support;
using nlohmann::json;
namespace fs = std::filesystem;

const std::string tree = "fixtures/import/criterion-json/criterion";

fs::path source_path(const std::string& relative) { return fs::path(EVIDENT_SOURCE_DIR) / relative; }

Imports import_directory(const std::string& directory) {
  Imports result;
  result.imported = import_criterion_directory(directory, JsonLimits{}, std::uintmax_t{16} << 20, result.problems);
  return result;
}

// A copy of the fixture tree in a fresh temporary directory, to break.
class CriterionTree {
 public:
  CriterionTree() {
    root_ = fs::temp_directory_path() /
            ("evident-criterion-json-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::copy(source_path(tree), root_, fs::copy_options::recursive);
  }
  ~CriterionTree() { fs::remove_all(root_); }
  CriterionTree(const CriterionTree&) = delete;
  CriterionTree& operator=(const CriterionTree&) = delete;

  std::string path() const { return root_.string(); }
  std::string file(const std::string& relative) const { return (root_ / relative).string(); }
  void write(const std::string& relative, const std::string& text) const {
    std::ofstream(root_ / relative, std::ios::binary) << text;
  }

 private:
  fs::path root_;
};

void expect_benchmark_matches(const nlohmann::ordered_json& benchmark, const nlohmann::ordered_json& kept,
                              const std::string& directory) {
  const json sample = json::parse(read_fixture(directory + "/new/sample.json"));
  const json estimates = json::parse(read_fixture(directory + "/new/estimates.json"));
  const json info = json::parse(read_fixture(directory + "/new/benchmark.json"));
  std::vector<double> expected;
  for (std::size_t i = 0; i < sample["times"].size(); ++i) {
    expected.push_back(sample["times"][i].get<double>() / sample["iters"][i].get<double>());
  }
  const auto& time = metric_named(benchmark, "time");
  EXPECT_EQ(time["samples"].get<std::vector<double>>(), expected);
  EXPECT_EQ(time["value"].get<double>(), estimates["slope"]["point_estimate"].get<double>());
  EXPECT_EQ(json::parse(kept["sample"].dump()), sample);
  EXPECT_EQ(json::parse(kept["estimates"].dump()), estimates);
  EXPECT_EQ(json::parse(kept["benchmark"].dump()), info);
}

TEST(ImportCriterionJson, EveryNumberOfTheTree) {
  const Imports run = import_directory(source_path(tree).string());
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  const Imported& imported = *run.imported;
  expect_valid_evidence(imported);
  EXPECT_EQ(imported.tool, "criterion");
  EXPECT_FALSE(imported.failed);
  EXPECT_EQ(names_of(imported.benchmarks), (std::vector<std::string>{"copy:4096", "fib 20"}));
  expect_benchmark_matches(imported.benchmarks[0], imported.metadata["benchmarks"][0], tree + "/copy/4096");
  expect_benchmark_matches(imported.benchmarks[1], imported.metadata["benchmarks"][1], tree + "/fib 20");
  // copy/4096 moves 4096 bytes per iteration: the throughput of each sample and of the estimate.
  const auto& thrpt = metric_named(imported.benchmarks[0], "thrpt");
  const auto& time = metric_named(imported.benchmarks[0], "time");
  EXPECT_EQ(thrpt["unit"], "B/s");
  EXPECT_EQ(thrpt["better"], "higher");
  EXPECT_EQ(thrpt["value"].get<double>(), 4096 * 1e9 / time["value"].get<double>());
  ASSERT_EQ(thrpt["samples"].size(), 10U);
  EXPECT_EQ(thrpt["samples"][0].get<double>(), 4096 * 1e9 / time["samples"][0].get<double>());
  EXPECT_EQ(imported.benchmarks[1]["metrics"].size(), 1U);
}

TEST(ImportCriterionJson, OneSampleFileReadsTheFilesBesideIt) {
  const std::string path = source_path(tree + "/fib 20/new/sample.json").string();
  const Imports run = run_import("criterion-json", path, read_fixture(tree + "/fib 20/new/sample.json"));
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  EXPECT_EQ(names_of(run.imported->benchmarks), (std::vector<std::string>{"fib 20"}));
  expect_benchmark_matches(run.imported->benchmarks[0], run.imported->metadata["benchmarks"][0], tree + "/fib 20");
}

TEST(ImportCriterionJson, DetectsTheSampleFileOnly) {
  for (const std::string directory : {"/copy/4096/new/", "/fib 20/new/"}) {
    const std::string sample = read_fixture(tree + directory + "sample.json");
    EXPECT_TRUE(detect_criterion_json(sample));
    EXPECT_EQ(find_importer("criterion-json")->detect, detect_criterion_json);
    for (const char* other : {"benchmark.json", "estimates.json"}) {
      const std::string text = read_fixture(tree + directory + other);
      for (const Importer& importer : importers()) EXPECT_FALSE(importer.detect(text)) << importer.format << other;
    }
    for (const Importer& importer : importers()) {
      if (importer.format != "criterion-json") {
        EXPECT_FALSE(importer.detect(sample)) << importer.format;
      }
    }
  }
  const DetectedFixtures detected = expect_detects_only_its_fixtures("criterion-json");
  EXPECT_EQ(detected.own, 0U);  // its fixture is a tree, checked above
  EXPECT_GT(detected.other_formats, 10U);
}

TEST(ImportCriterionJson, NoResultsInTheDirectory) {
  const CriterionTree broken;
  fs::remove_all(broken.file("copy"));
  fs::rename(broken.file("fib 20/new"), broken.file("fib 20/base"));
  const Imports run = import_directory(broken.path());
  EXPECT_FALSE(run.imported.has_value());
  ASSERT_EQ(run.problems.size(), 1U);
  EXPECT_EQ(run.problems[0].code, "import.not_format");
  EXPECT_EQ(run.problems[0].message,
            "no Criterion.rs results under this directory: Criterion writes target/criterion/<id>/new/sample.json for "
            "each benchmark");
}

TEST(ImportCriterionJson, HostileFiles) {
  const auto first_problem = [](const CriterionTree& broken) {
    const Imports run = import_directory(broken.path());
    EXPECT_FALSE(run.imported.has_value());
    return run.problems.empty() ? Diagnostic{} : run.problems[0];
  };
  {
    const CriterionTree broken;
    fs::remove(broken.file("fib 20/new/estimates.json"));
    const Diagnostic problem = first_problem(broken);
    EXPECT_EQ(problem.code, "import.missing");
    EXPECT_TRUE(problem.message.starts_with("Criterion.rs writes estimates.json beside sample.json, and "))
        << problem.message;
    EXPECT_EQ(problem.file, broken.file("fib 20/new/sample.json"));
  }
  {
    const CriterionTree broken;
    broken.write("fib 20/new/sample.json", R"({"sampling_mode":"Linear","iters":[1.0,2.0],"times":[5.0]})");
    const Diagnostic problem = first_problem(broken);
    EXPECT_EQ(problem.code, "import.mismatch");
    EXPECT_EQ(problem.message,
              "sample.json has 2 iteration counts and 1 times; Criterion writes one of each per sample, at least one");
  }
  {
    const CriterionTree broken;
    broken.write("fib 20/new/sample.json", R"({"sampling_mode":"Linear","iters":[1.0,0.0],"times":[5.0,6.0]})");
    const Diagnostic problem = first_problem(broken);
    EXPECT_EQ(problem.code, "import.value");
    EXPECT_EQ(problem.message, "an iteration count of sample.json is 0.0, expected a number of at least 1");
    EXPECT_EQ(problem.pointer, "/iters/1");
    EXPECT_EQ(problem.position.line, 1U);
    EXPECT_EQ(problem.position.column, 40U);
  }
  {
    const CriterionTree broken;
    broken.write("fib 20/new/sample.json", R"({"sampling_mode":"Linear","iters":[1.0],"times":[-5.0]})");
    EXPECT_EQ(first_problem(broken).message,
              "a time of sample.json is -5.0, expected a finite number of nanoseconds, not negative");
  }
  {
    const CriterionTree broken;
    broken.write("copy/4096/new/benchmark.json", R"({"full_id":"copy/4096","throughput":{"Bits":4096}})");
    const Diagnostic problem = first_problem(broken);
    EXPECT_EQ(problem.code, "import.type");
    EXPECT_EQ(problem.message,
              "the throughput of benchmark.json is {\"Bits\":4096}, expected {\"Bytes\": N} or {\"Elements\": N} with "
              "N a whole number");
  }
  {
    const CriterionTree broken;
    broken.write("copy/4096/new/benchmark.json", R"({"full_id":"fib 20","throughput":null})");
    const Diagnostic problem = first_problem(broken);
    EXPECT_EQ(problem.code, "import.duplicate_name");
    EXPECT_EQ(problem.message, "the benchmark \"fib 20\" appears twice");
  }
  {
    const CriterionTree broken;
    broken.write("fib 20/new/estimates.json", R"({"mean":{"point_estimate":"fast"},"slope":null})");
    const Diagnostic problem = first_problem(broken);
    EXPECT_EQ(problem.code, "import.type");
    EXPECT_EQ(problem.message, "\"point_estimate\" of the mean of estimates.json is a string, expected a number");
  }
  {
    const CriterionTree broken;
    broken.write("fib 20/new/sample.json", R"({"iters":[1.0],"times":[)");
    const Diagnostic problem = first_problem(broken);
    EXPECT_EQ(problem.code, "json.truncated");
    EXPECT_EQ(problem.file, broken.file("fib 20/new/sample.json"));
  }
}

TEST(ImportCriterionJson, SampleFileWithoutItsNeighbours) {
  const Imports run = run_import("criterion-json", "in.json", R"({"iters":[1.0],"times":[5.0]})");
  EXPECT_FALSE(run.imported.has_value());
  ASSERT_EQ(run.problems.size(), 2U);
  EXPECT_EQ(run.problems[0].code, "import.missing");
  expect_error(run_import("criterion-json", "in.json", "[1]"), "import.not_format",
               "not Criterion.rs's sample.json: the top level is an array, expected an object", 1, 1);
  expect_error(run_import("criterion-json", "in.json", ""), "import.empty",
               "the file is empty; expected Criterion.rs's sample.json", 1, 1);
}

}  // namespace
}  // namespace evident::io
