#include "cli/evidence_inputs.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace evident::cli {
namespace {

const char* const kBudgets = R"({"schema_version": "evident/budgets/1", "metrics": {"wall_time": {"max": 0.5}}})";

io::FileValidation validated(const std::string& path, const std::string& text) {
  return io::validate_text(path, text, io::ValidationOptions{});
}

io::CollectedFiles collected(std::vector<std::string> files, std::set<std::string> named) {
  io::CollectedFiles result;
  result.files = std::move(files);
  result.named = std::move(named);
  return result;
}

// FileValidation moves only, so no initializer list.
std::vector<io::FileValidation> validated_all(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<io::FileValidation> result;
  for (const auto& [path, text] : files) result.push_back(validated(path, text));
  return result;
}

std::vector<std::string> paths(const std::vector<io::FileValidation>& files) {
  std::vector<std::string> result;
  for (const io::FileValidation& file : files) result.push_back(file.path);
  return result;
}

TEST(LeaveOutOtherKinds, WalkedBudgetsFileIsLeftOutWithANote) {
  std::vector<io::FileValidation> files = validated_all({{"evidence/budgets.json", kBudgets}});
  const std::vector<Diagnostic> notes = leave_out_other_kinds(files, collected({"evidence/budgets.json"}, {}));
  EXPECT_TRUE(files.empty());
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].severity, Severity::note);
  EXPECT_EQ(notes[0].code, "input.not_evidence_skipped");
  EXPECT_EQ(notes[0].file, "evidence/budgets.json");
  EXPECT_EQ(notes[0].position.line, 1u);
  EXPECT_EQ(notes[0].message, "left out: a budgets file (evident/budgets/1), not evidence, found in a directory");
}

TEST(LeaveOutOtherKinds, NamedBudgetsFileStays) {
  std::vector<io::FileValidation> files = validated_all({{"budgets.json", kBudgets}});
  EXPECT_TRUE(leave_out_other_kinds(files, collected({"budgets.json"}, {"budgets.json"})).empty());
  EXPECT_EQ(paths(files), std::vector<std::string>{"budgets.json"});
}

TEST(LeaveOutOtherKinds, InvalidJsonStays) {
  std::vector<io::FileValidation> files = validated_all({{"d/broken.json", "{\"schema_version\": "}});
  EXPECT_TRUE(leave_out_other_kinds(files, collected({"d/broken.json"}, {})).empty());
  EXPECT_EQ(files.size(), 1u);
}

TEST(LeaveOutOtherKinds, UnknownSchemaVersionStays) {
  std::vector<io::FileValidation> files = validated_all({{"d/odd.json", R"({"schema_version": "evident/unknown/7"})"}});
  EXPECT_TRUE(leave_out_other_kinds(files, collected({"d/odd.json"}, {})).empty());
  EXPECT_EQ(files.size(), 1u);
}

TEST(LeaveOutOtherKinds, InvalidFileOfAnotherKindStays) {
  std::vector<io::FileValidation> files =
      validated_all({{"d/budgets.json", R"({"schema_version": "evident/budgets/1"})"}});
  EXPECT_TRUE(leave_out_other_kinds(files, collected({"d/budgets.json"}, {})).empty());
  EXPECT_EQ(files.size(), 1u);
}

TEST(LeaveOutOtherKinds, OnlyTheOtherKindIsLeftOut) {
  std::vector<io::FileValidation> files =
      validated_all({{"d/a.json", "{}"}, {"d/budgets.json", kBudgets}, {"d/z.json", "{}"}});
  EXPECT_EQ(leave_out_other_kinds(files, collected({"d/a.json", "d/budgets.json", "d/z.json"}, {})).size(), 1u);
  EXPECT_EQ(paths(files), (std::vector<std::string>{"d/a.json", "d/z.json"}));
}

}  // namespace
}  // namespace evident::cli
