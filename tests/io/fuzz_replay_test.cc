// Replays every input that is hostile by design (fixtures/hostile) or once broke a fuzz target
// (fixtures/fuzz) through the whole validation path of one file: no crash, and each is either
// valid or explained by at least one error.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "io/import/importer.h"
#include "io/schema/csv_validation.h"
#include "io/schema/document_validation.h"

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

// The CSV reader's corpus (fixtures/fuzz-csv) and every CSV fixture, against the schema of evident's
// CSV summary, each also read one byte at a time: no crash, the same diagnostics whatever the chunk
// size, and every diagnostic but the empty file's (and the count of the unreported) at a line.
TEST(FuzzReplay, EveryCsvInputIsExplainedWithoutCrashing) {
  std::vector<fs::path> inputs = inputs_in(fs::path(EVIDENT_SOURCE_DIR) / "fixtures/fuzz-csv");
  const std::vector<fs::path> fixtures = inputs_in(fs::path(EVIDENT_SOURCE_DIR) / "fixtures/csv");
  inputs.insert(inputs.end(), fixtures.begin(), fixtures.end());
  ASSERT_GE(inputs.size(), 20U);
  std::vector<Diagnostic> problems;
  const std::optional<TableSchema> schema = read_table_schema(
      nlohmann::json::parse(contents(fs::path(EVIDENT_SOURCE_DIR) / "schemas/evidence-summary.table.json")), problems);
  ASSERT_TRUE(schema);
  CsvOptions byte_by_byte;
  byte_by_byte.chunk_bytes = 1;
  for (const fs::path& input : inputs) {
    std::istringstream whole(contents(input));
    std::istringstream bytes(contents(input));
    const CsvValidation result = validate_csv(input.filename().string(), whole, *schema, {});
    const CsvValidation slow = validate_csv(input.filename().string(), bytes, *schema, byte_by_byte);
    ASSERT_EQ(result.diagnostics.size(), slow.diagnostics.size()) << input;
    for (std::size_t i = 0; i < result.diagnostics.size(); ++i) {
      const Diagnostic& d = result.diagnostics[i];
      EXPECT_EQ(d.code, slow.diagnostics[i].code) << input;
      EXPECT_EQ(d.position.line, slow.diagnostics[i].position.line) << input;
      EXPECT_EQ(d.position.column, slow.diagnostics[i].position.column) << input;
      EXPECT_TRUE(d.position.line > 0 || d.code == "csv.empty" || d.code == "csv.too_many_errors")
          << input << " " << d.code;
    }
  }
}

// Every importer on every input of the import fuzz target's corpus (fixtures/fuzz-import) and every
// importer fixture, real or broken, in every format: no crash; refused input is explained by an
// error at a line, and accepted input has none.
TEST(FuzzReplay, EveryImportInputIsExplainedWithoutCrashing) {
  std::vector<fs::path> inputs = inputs_in(fs::path(EVIDENT_SOURCE_DIR) / "fixtures/fuzz-import");
  for (const char* folder : {"googlebenchmark", "hyperfine", "gotest", "pytest-benchmark", "broken", "benchmarkjs",
                             "vitest", "tinybench", "bmf", "github-action-benchmark", "jmh", "benchmarkdotnet",
                             "catch2-console", "criterion-json/criterion/fib 20/new"}) {
    const std::vector<fs::path> fixtures = inputs_in(fs::path(EVIDENT_SOURCE_DIR) / "fixtures/import" / folder);
    inputs.insert(inputs.end(), fixtures.begin(), fixtures.end());
  }
  ASSERT_GE(inputs.size(), 30U);
  for (const fs::path& input : inputs) {
    std::size_t accepted_by = 0;
    for (const Importer& importer : importers()) {
      const ImportSource source{input.filename().string(), contents(input), {}};
      std::vector<Diagnostic> problems;
      const std::optional<Imported> imported = importer.import(source, problems);
      // gab-smaller and gab-bigger read the same files and differ only in the direction they give.
      if (imported && importer.format != "gab-bigger") ++accepted_by;
      EXPECT_EQ(imported.has_value(), !has_errors(problems)) << input << " " << importer.format;
      for (const Diagnostic& problem : problems) {
        EXPECT_TRUE(problem.severity != Severity::error || problem.position.line > 0)
            << input << " " << importer.format << " " << problem.code;
      }
    }
    EXPECT_LE(accepted_by, 1U) << input << ": more than one format accepts it";
  }
}

}  // namespace
}  // namespace evident::io
