#include "io/schema/document_validation.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace evident::io {
namespace {

namespace fs = std::filesystem;

// A directory of count small evidence-kind files, named so that their order is their index.
class ManyFiles : public ::testing::Test {
 protected:
  void make(std::size_t count) {
    directory_ = fs::temp_directory_path() / ("evident-validate-each-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
    for (std::size_t i = 0; i < count; ++i) {
      const std::string path = (directory_ / ("file-" + std::to_string(10000 + i) + ".json")).string();
      std::ofstream(path) << (i % 3 == 2
                                  ? R"({"schema_version": 1})"
                                  : R"({"schema_version": "evident/budgets/1", "metrics": {"wall_time": {"max": 1}}})");
      files_.push_back(path);
    }
  }
  void TearDown() override { fs::remove_all(directory_); }

  fs::path directory_;
  std::vector<std::string> files_;
};

TEST_F(ManyFiles, ValidateEachHandsOverEveryFileInTheOrderGiven) {
  make(500);
  ValidationOptions options;
  options.jobs = 2;
  std::vector<std::string> seen;
  std::size_t valid = 0;
  validate_each(files_, options, [&](FileValidation&& file) {
    seen.push_back(file.path);
    ASSERT_TRUE(file.document.has_value()) << file.path;
    const bool budgets = file.kind == "budgets";
    EXPECT_EQ(budgets, seen.size() % 3 != 0) << file.path;
    if (file.valid()) ++valid;
  });
  EXPECT_EQ(seen, files_);
  EXPECT_EQ(valid, 334U);  // every third file names no known schema_version
}

TEST_F(ManyFiles, ValidateEachReadsNoFurtherAheadThanItsWindow) {
  // With 2 jobs, 8 files may be in flight. While the first is handed over, the files from the
  // ninth on are deleted: none of them may have been read yet, and the first eight must have been
  // read or still be readable.
  make(100);
  ValidationOptions options;
  options.jobs = 2;
  std::vector<std::string> codes;
  validate_each(files_, options, [&](FileValidation&& file) {
    if (codes.empty()) {
      for (std::size_t i = 8; i < files_.size(); ++i) fs::remove(files_[i]);
    }
    codes.push_back(file.diagnostics.empty() ? "ok" : file.diagnostics.front().code);
  });
  ASSERT_EQ(codes.size(), 100U);
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(codes[i], i % 3 == 2 ? "document.schema_version_unknown" : "ok") << "file " << i;
  }
  for (std::size_t i = 8; i < codes.size(); ++i) EXPECT_EQ(codes[i], "io.not_found") << "file " << i;
}

TEST_F(ManyFiles, ValidateFilesKeepsEveryResultInOrder) {
  make(20);
  ValidationOptions options;
  options.jobs = 3;
  const std::vector<FileValidation> results = validate_files(files_, options);
  ASSERT_EQ(results.size(), 20U);
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(results[i].path, files_[i]);
    EXPECT_EQ(results[i].valid(), i % 3 != 2) << results[i].path;
  }
}

TEST(ValidateEach, NoFilesNoCalls) {
  int calls = 0;
  validate_each({}, ValidationOptions{}, [&](FileValidation&&) { ++calls; });
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace evident::io
