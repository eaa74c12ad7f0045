#include "cli/evidence_inputs.h"

#include <gtest/gtest.h>

#include <optional>
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

TEST(LeftOutAsOtherKind, WalkedBudgetsFileIsLeftOutWithANote) {
  const std::optional<Diagnostic> note =
      left_out_as_other_kind(validated("evidence/budgets.json", kBudgets), collected({"evidence/budgets.json"}, {}));
  ASSERT_TRUE(note.has_value());
  EXPECT_EQ(note->severity, Severity::note);
  EXPECT_EQ(note->code, "input.not_evidence_skipped");
  EXPECT_EQ(note->file, "evidence/budgets.json");
  EXPECT_EQ(note->position.line, 1u);
  EXPECT_EQ(note->message, "left out: a budgets file (evident/budgets/1), not evidence, found in a directory");
}

TEST(LeftOutAsOtherKind, NamedBudgetsFileStays) {
  EXPECT_FALSE(
      left_out_as_other_kind(validated("budgets.json", kBudgets), collected({"budgets.json"}, {"budgets.json"})));
}

TEST(LeftOutAsOtherKind, InvalidJsonStays) {
  EXPECT_FALSE(
      left_out_as_other_kind(validated("d/broken.json", "{\"schema_version\": "), collected({"d/broken.json"}, {})));
}

TEST(LeftOutAsOtherKind, UnknownSchemaVersionStays) {
  EXPECT_FALSE(left_out_as_other_kind(validated("d/odd.json", R"({"schema_version": "evident/unknown/7"})"),
                                      collected({"d/odd.json"}, {})));
}

TEST(LeftOutAsOtherKind, InvalidFileOfAnotherKindStays) {
  EXPECT_FALSE(left_out_as_other_kind(validated("d/budgets.json", R"({"schema_version": "evident/budgets/1"})"),
                                      collected({"d/budgets.json"}, {})));
}

TEST(LeftOutAsOtherKind, EvidenceStays) {
  std::vector<io::FileValidation> files = io::validate_files({"fixtures/evidence/valid/spec-example.json"}, {});
  const io::FileValidation& evidence = files.front();
  ASSERT_TRUE(evidence.valid());
  EXPECT_FALSE(left_out_as_other_kind(evidence, collected({"fixtures/evidence/valid/spec-example.json"}, {})));
}

}  // namespace
}  // namespace evident::cli
