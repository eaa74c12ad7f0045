#include "io/files/artifact_check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/sha256.h"

namespace evident::io {
namespace {

namespace fs = std::filesystem;

// A repository in a scratch directory: .git, evidence/, results/, and a file outside it.
class ArtifactCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_ = fs::temp_directory_path() / ("evident-artifact-check-" + std::to_string(::getpid()));
    fs::remove_all(scratch_);
    repo_ = scratch_ / "repo";
    fs::create_directories(repo_ / ".git");
    fs::create_directories(repo_ / "evidence" / "nested");
    fs::create_directories(repo_ / "results");
    write(repo_ / "results" / "abc.txt", "abc");
    write(scratch_ / "secret.txt", "abc");
  }
  void TearDown() override { fs::remove_all(scratch_); }

  static void write(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  }

  // The diagnostics of an evidence document whose artifacts are the JSON array given.
  std::vector<Diagnostic> verify(const std::string& artifacts) const {
    const std::string text = "{\"schema_version\": \"evident/evidence/1\",\n\"artifacts\": " + artifacts + "}\n";
    std::vector<Diagnostic> problems;
    std::optional<JsonDocument> document = parse_json_document("run.json", text, JsonLimits{}, problems);
    EXPECT_TRUE(document.has_value());
    return verify_artifacts(*document, repo_.string());
  }

  fs::path scratch_;
  fs::path repo_;
};

const char* const kAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";  // FIPS 180-2, B.1

TEST_F(ArtifactCheckTest, MatchingFilePasses) {
  EXPECT_TRUE(verify(std::string("[{\"path\": \"results/abc.txt\", \"sha256\": \"") + kAbc + "\", \"size_bytes\": 3}]")
                  .empty());
}

TEST_F(ArtifactCheckTest, EachFailureAtItsEntry) {
  const std::string other(64, '0');
  const std::vector<Diagnostic> found = verify(
      "[{\"path\": \"results/abc.txt\", \"sha256\": \"" + other + "\", \"size_bytes\": 4},\n" +
      "{\"path\": \"results/none.txt\", \"sha256\": \"" + other + "\"},\n" + "{\"path\": \"results\", \"sha256\": \"" +
      other + "\"},\n" + "{\"path\": \"../secret.txt\", \"sha256\": \"" + kAbc + "\"}]");
  ASSERT_EQ(found.size(), 5u);
  EXPECT_EQ(found[0].code, "artifact.size_mismatch");
  EXPECT_EQ(*found[0].pointer, "/artifacts/0/size_bytes");
  EXPECT_EQ(found[1].code, "artifact.sha256_mismatch");
  EXPECT_EQ(*found[1].pointer, "/artifacts/0/sha256");
  EXPECT_EQ(found[1].position.line, 2u);
  EXPECT_NE(found[1].message.find(std::string("has SHA-256 ") + kAbc + ", the evidence says " + other),
            std::string::npos);
  EXPECT_EQ(found[2].code, "artifact.missing");
  EXPECT_EQ(*found[2].pointer, "/artifacts/1");
  EXPECT_EQ(found[2].position.line, 3u);
  EXPECT_EQ(found[3].code, "artifact.not_a_file");
  EXPECT_EQ(found[4].code, "artifact.outside_root");
  EXPECT_EQ(*found[4].pointer, "/artifacts/3");
}

TEST_F(ArtifactCheckTest, SymbolicLinksAreFollowedOnlyInsideTheRoot) {
  fs::create_symlink("../../secret.txt", repo_ / "results" / "out.txt");
  fs::create_directory_symlink("../..", repo_ / "results" / "up");
  fs::create_symlink("abc.txt", repo_ / "results" / "in.txt");
  const std::vector<Diagnostic> found = verify(std::string("[{\"path\": \"results/out.txt\", \"sha256\": \"") + kAbc +
                                               "\"},\n{\"path\": \"results/up/secret.txt\", \"sha256\": \"" + kAbc +
                                               "\"},\n{\"path\": \"results/in.txt\", \"sha256\": \"" + kAbc + "\"}]");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].code, "artifact.outside_root");
  EXPECT_EQ(*found[0].pointer, "/artifacts/0");
  EXPECT_EQ(found[1].code, "artifact.outside_root");
  EXPECT_EQ(*found[1].pointer, "/artifacts/1");
}

TEST_F(ArtifactCheckTest, LargeFilesAreHashedInBlocks) {
  // Three blocks and a piece: the streamed digest must equal the one of the whole text at once.
  const std::string big(3 * (std::size_t{1} << 20) + 5, 'x');
  write(repo_ / "results" / "big.bin", big);
  const std::string digest = sha256_hex(big);
  EXPECT_TRUE(verify("[{\"path\": \"results/big.bin\", \"sha256\": \"" + digest +
                     "\", \"size_bytes\": " + std::to_string(big.size()) + "}]")
                  .empty());
}

TEST_F(ArtifactCheckTest, RepositoryRootIsTheNearestDirectoryWithGit) {
  write(repo_ / "evidence" / "nested" / "run.json", "{}");
  EXPECT_TRUE(fs::equivalent(repository_root_of((repo_ / "evidence" / "nested" / "run.json").string()), repo_));
  write(scratch_ / "loose.json", "{}");
  // No .git above the scratch directory (the temporary directory is outside any repository): ".".
  const bool outside_any_repository = !fs::exists(fs::temp_directory_path() / ".git");
  EXPECT_TRUE(!outside_any_repository || repository_root_of((scratch_ / "loose.json").string()) == ".");
}

}  // namespace
}  // namespace evident::io
