// Replays every input that is hostile by design (fixtures/hostile) or once broke a fuzz target
// (fixtures/fuzz) through the whole validation path of one file: no crash, and each is either
// valid or explained by at least one error.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "io/document_validation.h"

namespace evident::io {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs_in(const fs::path& directory) {
  std::vector<fs::path> inputs;
  if (!fs::is_directory(directory)) return inputs;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory)) {
    if (entry.is_regular_file() && entry.path().filename() != "README.md") inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

std::string contents(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

TEST(FuzzReplay, EveryHostileInputIsExplainedWithoutCrashing) {
  std::vector<fs::path> inputs = inputs_in(fs::path(EVIDENT_SOURCE_DIR) / "fixtures/hostile");
  const std::vector<fs::path> found = inputs_in(fs::path(EVIDENT_SOURCE_DIR) / "fixtures/fuzz");
  inputs.insert(inputs.end(), found.begin(), found.end());
  ASSERT_GE(inputs.size(), 18U);
  ValidationOptions options;
  options.jobs = 1;
  for (const fs::path& input : inputs) {
    const FileValidation result = validate_text(input.filename().string(), contents(input), options);
    EXPECT_TRUE(result.valid() || has_errors(result.diagnostics)) << input;
  }
}

}  // namespace
}  // namespace evident::io
