#include "io/files/input_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace evident::io {
namespace {

namespace fs = std::filesystem;

using Files = std::vector<std::string>;

// A fresh directory per test under the system's temporary directory, removed afterwards.
class InputFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    base_ = fs::temp_directory_path() / ("evident-input-files-" + std::to_string(::getpid()) + "-" + test->name());
    fs::remove_all(base_);
    fs::create_directories(base_ / "tree");
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(base_, ignored);
  }

  std::string tree() const { return (base_ / "tree").string(); }
  std::string in_tree(const std::string& relative) const { return (base_ / "tree" / relative).string(); }

  void write(const fs::path& path, const std::string& content = "{}") {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
  }

  fs::path base_;
};

TEST_F(InputFilesTest, CollectsMatchingFilesRecursivelyInSortedOrder) {
  write(in_tree("b.json"));
  write(in_tree("a.json"));
  write(in_tree("sub/c.json"));
  write(in_tree("sub/deeper/d.json"));
  const CollectedFiles collected = collect_input_files({tree()}, {".json"});
  EXPECT_EQ(collected.files,
            (Files{in_tree("a.json"), in_tree("b.json"), in_tree("sub/c.json"), in_tree("sub/deeper/d.json")}));
  EXPECT_EQ(collected.diagnostics.size(), 0U);
}

TEST_F(InputFilesTest, RemembersWhichFilesWereNamedRatherThanWalked) {
  write(in_tree("a.json"));
  write(in_tree("sub/b.json"));
  const CollectedFiles collected = collect_input_files({tree(), in_tree("sub/./b.json")}, {".json"});
  EXPECT_EQ(collected.files, (Files{in_tree("a.json"), in_tree("sub/b.json")}));
  EXPECT_FALSE(collected.was_named(in_tree("a.json")));
  EXPECT_TRUE(collected.was_named(in_tree("sub/b.json")));  // named and walked: named wins
}

TEST_F(InputFilesTest, SkipsFilesWithOtherExtensions) {
  write(in_tree("a.json"));
  write(in_tree("notes.txt"));
  write(in_tree("upper.JSON"));
  write(in_tree("json"));
  EXPECT_EQ(collect_input_files({tree()}, {".json"}).files, Files{in_tree("a.json")});
}

TEST_F(InputFilesTest, AcceptsAnyOfSeveralExtensions) {
  write(in_tree("a.json"));
  write(in_tree("b.evidence"));
  write(in_tree("c.txt"));
  EXPECT_EQ(collect_input_files({tree()}, {".json", ".evidence"}).files,
            (Files{in_tree("a.json"), in_tree("b.evidence")}));
}

TEST_F(InputFilesTest, SkipsHiddenFilesAndDirectories) {
  write(in_tree("a.json"));
  write(in_tree(".hidden.json"));
  write(in_tree(".git/objects.json"));
  write(in_tree("sub/.cache/x.json"));
  EXPECT_EQ(collect_input_files({tree()}, {".json"}).files, Files{in_tree("a.json")});
}

TEST_F(InputFilesTest, TakesNamedFileWhateverItsNameOrExtension) {
  write(in_tree(".hidden.txt"));
  EXPECT_EQ(collect_input_files({in_tree(".hidden.txt")}, {".json"}).files, Files{in_tree(".hidden.txt")});
}

TEST_F(InputFilesTest, ListsFileNamedTwiceOnce) {
  write(in_tree("a.json"));
  write(in_tree("b.json"));
  const CollectedFiles collected = collect_input_files({in_tree("b.json"), tree(), in_tree("a.json")}, {".json"});
  EXPECT_EQ(collected.files, (Files{in_tree("a.json"), in_tree("b.json")}));
}

TEST_F(InputFilesTest, ListsFileNamedInAnotherSpellingOnce) {
  write(in_tree("a.json"));
  const CollectedFiles collected = collect_input_files({tree() + "/./a.json", tree()}, {".json"});
  EXPECT_EQ(collected.files.size(), 1U);
}

TEST_F(InputFilesTest, FollowsSymlinkToFileInsideTree) {
  write(in_tree("a.json"));
  fs::create_symlink("a.json", in_tree("link-in.json"));
  const CollectedFiles collected = collect_input_files({tree()}, {".json"});
  EXPECT_EQ(collected.files, (Files{in_tree("a.json"), in_tree("link-in.json")}));
  EXPECT_EQ(collected.diagnostics.size(), 0U);
}

TEST_F(InputFilesTest, DoesNotWalkSymlinkedDirectoryInsideTreeTwice) {
  write(in_tree("sub/c.json"));
  fs::create_directory_symlink("sub", in_tree("link-dir"));
  const CollectedFiles collected = collect_input_files({tree()}, {".json"});
  EXPECT_EQ(collected.files, Files{in_tree("sub/c.json")});
  EXPECT_EQ(collected.diagnostics.size(), 0U);
}

TEST_F(InputFilesTest, WarnsAboutSymlinkLeadingOutsideTree) {
  write(in_tree("a.json"));
  write(base_ / "outside.json");
  fs::create_symlink(base_ / "outside.json", in_tree("link-out.json"));
  const CollectedFiles collected = collect_input_files({tree()}, {".json"});
  EXPECT_EQ(collected.files, Files{in_tree("a.json")});
  ASSERT_EQ(collected.diagnostics.size(), 1U);
  EXPECT_EQ(collected.diagnostics[0].code, "io.symlink_outside");
  EXPECT_EQ(collected.diagnostics[0].severity, Severity::warning);
  EXPECT_EQ(collected.diagnostics[0].message, "symbolic link leads outside " + tree() + "; not followed");
  EXPECT_EQ(collected.diagnostics[0].file, in_tree("link-out.json"));
  EXPECT_FALSE(collected.diagnostics[0].cannot_run);
}

TEST_F(InputFilesTest, SiblingDirectoryWithSamePrefixIsOutside) {
  write(base_ / "tree-other" / "x.json");
  fs::create_symlink(base_ / "tree-other" / "x.json", in_tree("link.json"));
  const CollectedFiles collected = collect_input_files({tree()}, {".json"});
  EXPECT_EQ(collected.files, Files{});
  ASSERT_EQ(collected.diagnostics.size(), 1U);
  EXPECT_EQ(collected.diagnostics[0].code, "io.symlink_outside");
}

TEST_F(InputFilesTest, WarnsAboutSymlinkedDirectoryLeadingOutsideTree) {
  write(base_ / "elsewhere" / "x.json");
  fs::create_directory_symlink(base_ / "elsewhere", in_tree("link-dir"));
  const CollectedFiles collected = collect_input_files({tree()}, {".json"});
  EXPECT_EQ(collected.files, Files{});
  ASSERT_EQ(collected.diagnostics.size(), 1U);
  EXPECT_EQ(collected.diagnostics[0].code, "io.symlink_outside");
  EXPECT_EQ(collected.diagnostics[0].file, in_tree("link-dir"));
}

TEST_F(InputFilesTest, DanglingSymlinkIsWarnedNotFollowed) {
  fs::create_symlink(base_ / "gone.json", in_tree("dangling.json"));
  const CollectedFiles collected = collect_input_files({tree()}, {".json"});
  EXPECT_EQ(collected.files, Files{});
  ASSERT_EQ(collected.diagnostics.size(), 1U);
  EXPECT_EQ(collected.diagnostics[0].code, "io.symlink_broken");
  EXPECT_EQ(collected.diagnostics[0].severity, Severity::warning);
}

TEST_F(InputFilesTest, SymlinkWarningAloneDoesNotFailTheRun) {
  write(base_ / "outside.json");
  fs::create_symlink(base_ / "outside.json", in_tree("link-out.json"));
  EXPECT_EQ(exit_code_for(collect_input_files({tree()}, {".json"}).diagnostics), ExitCode::ok);
}

TEST_F(InputFilesTest, MissingPathIsNotFoundAndCannotRun) {
  const std::string missing = in_tree("missing.json");
  const CollectedFiles collected = collect_input_files({missing}, {".json"});
  EXPECT_EQ(collected.files, Files{});
  ASSERT_EQ(collected.diagnostics.size(), 1U);
  EXPECT_EQ(collected.diagnostics[0].code, "io.not_found");
  EXPECT_EQ(collected.diagnostics[0].message, "no such file or directory");
  EXPECT_EQ(collected.diagnostics[0].file, missing);
  EXPECT_EQ(collected.diagnostics[0].severity, Severity::error);
  EXPECT_TRUE(collected.diagnostics[0].cannot_run);
  EXPECT_EQ(exit_code_for(collected.diagnostics), ExitCode::cannot_run);
}

TEST_F(InputFilesTest, MissingPathDoesNotStopOtherPaths) {
  write(in_tree("a.json"));
  const CollectedFiles collected = collect_input_files({in_tree("missing"), tree()}, {".json"});
  EXPECT_EQ(collected.files, Files{in_tree("a.json")});
  EXPECT_EQ(collected.diagnostics.size(), 1U);
}

TEST_F(InputFilesTest, EmptyDirectoryGivesNoFilesAndNoDiagnostics) {
  const CollectedFiles collected = collect_input_files({tree()}, {".json"});
  EXPECT_EQ(collected.files, Files{});
  EXPECT_EQ(collected.diagnostics.size(), 0U);
}

TEST_F(InputFilesTest, ReadsWholeFileIncludingNulBytes) {
  const std::string content("{\"a\": 1}\n\0\xFF", 11);
  write(in_tree("a.json"), content);
  std::vector<Diagnostic> diagnostics;
  EXPECT_EQ(read_text_file(in_tree("a.json"), 1024, diagnostics), content);
  EXPECT_EQ(diagnostics.size(), 0U);
}

// The JSON fast path reads up to 64 bytes past the end of a text; a text read with that much room
// after it is parsed where it is, one without it is copied first (io/json/quick_parse.h).
TEST_F(InputFilesTest, LeavesRoomForTheParsersPaddingAfterTheText) {
  const std::string content(100000, ' ');
  write(in_tree("a.json"), content);
  std::vector<Diagnostic> diagnostics;
  const std::optional<std::string> text = read_text_file(in_tree("a.json"), 1 << 20, diagnostics);
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(text->size(), content.size());
  EXPECT_GE(text->capacity(), content.size() + 64);
}

TEST_F(InputFilesTest, AFileOfAMebibyteOrMoreIsMappedASmallerOneRead) {
  const std::string large(std::size_t{1} << 20, ' ');
  const std::string small((std::size_t{1} << 20) - 1, ' ');
  write(in_tree("large.json"), large);
  write(in_tree("small.json"), small);
  std::vector<Diagnostic> diagnostics;
  const std::optional<FileText> mapped = read_file_text(in_tree("large.json"), 2 << 20, diagnostics);
  const std::optional<FileText> read = read_file_text(in_tree("small.json"), 2 << 20, diagnostics);
  ASSERT_TRUE(mapped.has_value() && read.has_value());
  EXPECT_TRUE(mapped->mapped());
  EXPECT_EQ(mapped->view(), large);
  EXPECT_FALSE(read->mapped());
  EXPECT_TRUE(read->padded());
  EXPECT_EQ(read->view(), small);
  EXPECT_TRUE(diagnostics.empty());
}

TEST_F(InputFilesTest, AFileTooLargeToReadIsNotMappedEither) {
  write(in_tree("large.json"), std::string(std::size_t{2} << 20, ' '));
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(read_file_text(in_tree("large.json"), 1 << 20, diagnostics).has_value());
  ASSERT_EQ(diagnostics.size(), 1U);
  EXPECT_EQ(diagnostics[0].code, "io.too_large");
  EXPECT_EQ(diagnostics[0].message, "file is 2.0 MiB, larger than the limit of 1.0 MiB (--max-file-size)");
  EXPECT_FALSE(read_file_text(in_tree("missing.json"), 1 << 20, diagnostics).has_value());
  ASSERT_EQ(diagnostics.size(), 2U);
  EXPECT_EQ(diagnostics[1].code, "io.not_found");
}

TEST_F(InputFilesTest, ReadsEmptyFile) {
  write(in_tree("empty.json"), "");
  std::vector<Diagnostic> diagnostics;
  EXPECT_EQ(read_text_file(in_tree("empty.json"), 1024, diagnostics), "");
}

TEST_F(InputFilesTest, ReadsFileExactlyAtLimit) {
  write(in_tree("a.json"), "12345");
  std::vector<Diagnostic> diagnostics;
  EXPECT_EQ(read_text_file(in_tree("a.json"), 5, diagnostics), "12345");
  EXPECT_EQ(diagnostics.size(), 0U);
}

TEST_F(InputFilesTest, RefusesFileOneByteOverLimit) {
  write(in_tree("a.json"), "123456");
  std::vector<Diagnostic> diagnostics;
  EXPECT_EQ(read_text_file(in_tree("a.json"), 5, diagnostics), std::nullopt);
  ASSERT_EQ(diagnostics.size(), 1U);
  EXPECT_EQ(diagnostics[0].message, "file is 6 bytes, larger than the limit of 5 bytes (--max-file-size)");
}

TEST_F(InputFilesTest, RefusesSparseGibibyteFileWithDefaultLimit) {
  const std::string path = in_tree("huge.json");
  write(path, "");
  fs::resize_file(path, std::uintmax_t{1} << 30);  // sparse: no disk is used
  std::vector<Diagnostic> diagnostics;
  EXPECT_EQ(read_text_file(path, std::uintmax_t{16} << 20, diagnostics), std::nullopt);
  ASSERT_EQ(diagnostics.size(), 1U);
  EXPECT_EQ(diagnostics[0].code, "io.too_large");
  EXPECT_EQ(diagnostics[0].message, "file is 1.0 GiB, larger than the limit of 16.0 MiB (--max-file-size)");
  EXPECT_EQ(diagnostics[0].file, path);
  EXPECT_EQ(diagnostics[0].severity, Severity::error);
  EXPECT_FALSE(diagnostics[0].cannot_run);
}

TEST_F(InputFilesTest, DirectoryIsNotAFile) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_EQ(read_text_file(tree(), 1024, diagnostics), std::nullopt);
  ASSERT_EQ(diagnostics.size(), 1U);
  EXPECT_EQ(diagnostics[0].code, "io.not_a_file");
  EXPECT_EQ(diagnostics[0].message, "not a regular file");
  EXPECT_EQ(diagnostics[0].file, tree());
  EXPECT_FALSE(diagnostics[0].cannot_run);
}

TEST_F(InputFilesTest, ReadingMissingFileIsNotFoundAndCannotRun) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_EQ(read_text_file(in_tree("missing.json"), 1024, diagnostics), std::nullopt);
  ASSERT_EQ(diagnostics.size(), 1U);
  EXPECT_EQ(diagnostics[0].code, "io.not_found");
  EXPECT_TRUE(diagnostics[0].cannot_run);
}

TEST_F(InputFilesTest, ReadsThroughSymlinkToFile) {
  write(in_tree("a.json"), "[1]");
  fs::create_symlink("a.json", in_tree("link.json"));
  std::vector<Diagnostic> diagnostics;
  EXPECT_EQ(read_text_file(in_tree("link.json"), 1024, diagnostics), "[1]");
}

TEST(FormatBytes, SmallSizesInBytes) {
  EXPECT_EQ(format_bytes(0), "0 bytes");
  EXPECT_EQ(format_bytes(1023), "1023 bytes");
}

TEST(FormatBytes, KibibytesWithOneDecimal) {
  EXPECT_EQ(format_bytes(1024), "1.0 KiB");
  EXPECT_EQ(format_bytes(1536), "1.5 KiB");
}

TEST(FormatBytes, MebibytesGibibytesTebibytes) {
  EXPECT_EQ(format_bytes(std::uintmax_t{16} << 20), "16.0 MiB");
  EXPECT_EQ(format_bytes(std::uintmax_t{3} << 29), "1.5 GiB");
  EXPECT_EQ(format_bytes(std::uintmax_t{1} << 30), "1.0 GiB");
  EXPECT_EQ(format_bytes(std::uintmax_t{1} << 40), "1.0 TiB");
}

TEST(FormatBytes, StaysInTebibytesBeyondThem) { EXPECT_EQ(format_bytes(std::uintmax_t{1} << 50), "1024.0 TiB"); }

TEST(FormatBytes, LargestSizeFits) { EXPECT_EQ(format_bytes(UINTMAX_MAX), "16777216.0 TiB"); }

TEST(ExpandGlobs, MatchesBelowTheBaseAndShowsPathsFromTheWorkingDirectory) {
  const CollectedFiles found = expand_globs("fixtures/check/regressed", {"evidence/*.json"}, {"evidence/b*.json"});
  EXPECT_EQ(found.files, (std::vector<std::string>{"fixtures/check/regressed/evidence/engine-run.json",
                                                   "fixtures/check/regressed/evidence/hostile.json",
                                                   "fixtures/check/regressed/evidence/tolerances.json"}));
  EXPECT_TRUE(found.diagnostics.empty());
}

TEST(ExpandGlobs, DoubleStarDescendsAndALiteralNamesOneFile) {
  const CollectedFiles found = expand_globs("fixtures/check", {"regressed/**/run-?.json", "passing/budgets.json"}, {});
  EXPECT_EQ(found.files, (std::vector<std::string>{"fixtures/check/passing/budgets.json",
                                                   "fixtures/check/regressed/evidence/history/run-1.json",
                                                   "fixtures/check/regressed/evidence/history/run-2.json",
                                                   "fixtures/check/regressed/evidence/history/run-3.json"}));
}

TEST(ExpandGlobs, APatternThatMatchesNothingIsAWarning) {
  const CollectedFiles found = expand_globs("fixtures/check/passing", {"evidence/*.json", "missing/**/*.json"}, {});
  EXPECT_EQ(found.files, std::vector<std::string>{"fixtures/check/passing/evidence/engine-run.json"});
  ASSERT_EQ(found.diagnostics.size(), 1U);
  EXPECT_EQ(found.diagnostics[0].code, "io.glob_empty");
  EXPECT_EQ(found.diagnostics[0].severity, Severity::warning);
  EXPECT_EQ(found.diagnostics[0].message,
            "the pattern \"missing/**/*.json\" matches no file below fixtures/check/passing");
}

}  // namespace
}  // namespace evident::io
