#include "io/files/file_text.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <utility>

namespace evident::io {
namespace {

namespace fs = std::filesystem;

// A file of its own per test, open for reading, removed afterwards.
class FileTextTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (descriptor_ >= 0) ::close(descriptor_);
    std::error_code ignored;
    fs::remove(path_, ignored);
  }

  int open_with(const std::string& content) {
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() / ("evident-file-text-" + std::to_string(::getpid()) + "-" + test->name());
    std::ofstream(path_, std::ios::binary) << content;
    if (descriptor_ >= 0) ::close(descriptor_);
    descriptor_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    return descriptor_;
  }

 private:
  fs::path path_;
  int descriptor_ = -1;
};

// Whether the kParserPadding bytes after text's end can be read and are all zero.
bool zeros_after(const FileText& text) {
  const char* end = text.view().data() + text.size();
  for (std::size_t i = 0; i < kParserPadding; ++i) {
    if (end[i] != '\0') return false;
  }
  return true;
}

TEST_F(FileTextTest, AMappedFileHasItsBytesAndZerosAfterThemWhereverItEndsInItsPage) {
  // Short, one byte short of a page, a page exactly (the padding then lies in a page of its own),
  // within the padding of the next page, and several pages.
  for (const std::size_t size :
       {std::size_t{1}, std::size_t{4095}, std::size_t{4096}, std::size_t{8192 - 10}, std::size_t{3 * 4096 + 17}}) {
    std::string content(size, 'x');
    content.front() = '[';
    const std::optional<FileText> text = FileText::map(open_with(content), size);
    ASSERT_TRUE(text.has_value()) << size;
    EXPECT_TRUE(text->mapped());
    EXPECT_TRUE(text->padded());
    EXPECT_EQ(text->view(), content) << size;
    EXPECT_TRUE(zeros_after(*text)) << size;
  }
}

TEST_F(FileTextTest, NothingIsMappedOfAnEmptyFileOrOfNoFile) {
  EXPECT_FALSE(FileText::map(open_with(""), 0).has_value());
  EXPECT_FALSE(FileText::map(-1, 100).has_value());
}

TEST_F(FileTextTest, AMovedMappingGoesWithItsBytes) {
  std::optional<FileText> mapped = FileText::map(open_with("{\"a\": 1}"), 8);
  ASSERT_TRUE(mapped.has_value());
  FileText moved(std::move(*mapped));
  EXPECT_EQ(moved.view(), "{\"a\": 1}");
  EXPECT_FALSE(mapped->mapped());
  EXPECT_EQ(mapped->view(), "");
  FileText assigned("[]");
  assigned = std::move(moved);
  EXPECT_TRUE(assigned.mapped());
  EXPECT_EQ(assigned.view(), "{\"a\": 1}");
  EXPECT_EQ(std::move(assigned).string(), "{\"a\": 1}");  // a copy of the mapped bytes
}

TEST_F(FileTextTest, AStringIsPaddedOnlyWhereItsCapacityLeavesRoom) {
  std::string roomy;
  roomy.reserve(3 + kParserPadding);
  roomy = "[1]";
  const FileText padded(std::move(roomy));
  EXPECT_TRUE(padded.padded());
  EXPECT_FALSE(padded.mapped());
  EXPECT_EQ(padded.view(), "[1]");
  const FileText tight(std::string(100, ' '));
  EXPECT_FALSE(tight.padded());
  EXPECT_EQ(FileText(std::string("[1]")).size(), 3U);
}

}  // namespace
}  // namespace evident::io
