#include "io/schema/finding_locator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace evident::io {
namespace {

namespace fs = std::filesystem;

class FindingLocatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("evident-finding-locator-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
    path_ = (directory_ / "run.json").string();
    write("{\n  \"schema_version\": \"evident/budgets/1\",\n  \"metrics\": {\"wall_time\": {\"max\": 1}}\n}\n");
  }
  void TearDown() override { fs::remove_all(directory_); }

  void write(const std::string& text) const { std::ofstream(path_, std::ios::trunc) << text; }

  // The file judged, as a command that streams its files does: the locator keeps its text while
  // kept_bytes last, else only its path and the hash of its text.
  FindingLocator judged(std::size_t kept_bytes = FindingLocator::default_kept_bytes) const {
    FindingLocator locator{ValidationOptions{}, kept_bytes};
    locator.add(validate_files({path_}, ValidationOptions{}).front());
    return locator;
  }

  Diagnostic finding(std::string file) const {
    Diagnostic about;
    about.file = std::move(file);
    about.pointer = "/metrics/wall_time";
    about.code = "gate.budget";
    about.message = "over budget";
    about.severity = Severity::warning;
    about.hint = "look";
    return about;
  }

  fs::path directory_;
  std::string path_;
};

TEST_F(FindingLocatorTest, PlacesAFindingAtItsPointerKeepingSeverityAndHint) {
  const std::vector<Diagnostic> placed = judged().located({finding(path_)});
  ASSERT_EQ(placed.size(), 1U);
  EXPECT_EQ(placed[0].position.line, 3U);
  EXPECT_EQ(placed[0].position.column, 28U);
  EXPECT_EQ(placed[0].severity, Severity::warning);
  EXPECT_EQ(placed[0].hint, "look");
  EXPECT_EQ(placed[0].message, "over budget");
}

TEST_F(FindingLocatorTest, AFileChangedSinceItWasJudgedPlacesNothing) {
  const FindingLocator locator = judged(0);  // nothing kept: the file is read again
  write("{\"schema_version\": \"evident/budgets/1\", \"metrics\": {\"wall_time\": {\"max\": 2}}}\n");
  const std::vector<Diagnostic> placed = locator.located({finding(path_)});
  ASSERT_EQ(placed.size(), 1U);
  EXPECT_EQ(placed[0].position.line, 0U);
  EXPECT_EQ(placed[0].pointer, "/metrics/wall_time");
}

TEST_F(FindingLocatorTest, AKeptTextPlacesInTheTextJudgedWithoutReadingTheFile) {
  const FindingLocator locator = judged();
  fs::remove(path_);
  const std::vector<Diagnostic> placed = locator.located({finding(path_)});
  ASSERT_EQ(placed.size(), 1U);
  EXPECT_EQ(placed[0].position.line, 3U);
  EXPECT_EQ(placed[0].position.column, 28U);
  EXPECT_EQ(placed[0].excerpt, "  \"metrics\": {\"wall_time\": {\"max\": 1}}");
}

TEST_F(FindingLocatorTest, TextsAreKeptWhileTheBudgetLasts) {
  const std::size_t size = fs::file_size(path_);
  FindingLocator locator{ValidationOptions{}, size + size / 2};
  std::vector<FileValidation> files = validate_files({path_}, ValidationOptions{});
  const FileValidation& file = files.front();
  const std::optional<FindingLocator::Entry> first = locator.entry_of(file);
  const std::optional<FindingLocator::Entry> second = locator.entry_of(file);
  ASSERT_TRUE(first && second);
  EXPECT_TRUE(first->text);
  EXPECT_EQ(first->text_hash, 0U);
  EXPECT_FALSE(second->text);  // half its size is left
  EXPECT_EQ(second->text_hash, std::hash<std::string>{}(std::string(file.document->text())));
}

TEST_F(FindingLocatorTest, AFindingAboutAnotherFileIsLeftAsItIs) {
  const std::vector<Diagnostic> placed = judged().located({finding("other.json")});
  ASSERT_EQ(placed.size(), 1U);
  EXPECT_EQ(placed[0].position.line, 0U);
  EXPECT_EQ(placed[0].file, "other.json");
}

}  // namespace
}  // namespace evident::io
