// The baseline read from the fast path's tree against baseline_from_json on the same text: the same
// baseline, or nothing where the reader reports a problem.
#include "io/json/baseline_in_place.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/json/tree_parse.h"

namespace evident::io {
namespace {

std::optional<Baseline> in_place(const std::string& text) {
  std::optional<JsonTree> tree = parse_tree(text, JsonLimits{});
  EXPECT_TRUE(tree.has_value()) << text;
  return tree ? baseline_in_place(tree->root()) : std::nullopt;
}

std::string baseline_text(const std::string& sources, const std::string& metrics) {
  return R"({"schema_version": "evident/baseline/1", "created_at": "2026-12-07T10:00:00Z", "sources": )" + sources +
         R"(, "metrics": )" + metrics + "}";
}

TEST(BaselineInPlace, ReadsWhatBaselineFromJsonReads) {
  const std::string text =
      baseline_text(R"([{"path": "runs/a.json", "sha256": "ab"}, {"path": "b", "sha256": "cd"}])",
                    R"({"s/b/z": {"unit": "s", "better": "lower", "samples": [3, 1.5, 18446744073709551615]},
                                             "s/b/a": {"unit": "ops", "better": "higher", "value": 7},
                                             "s/a/m": {"unit": "", "better": "lower", "samples": [], "value": -0.25}})");
  const std::optional<Baseline> read = in_place(text);
  ASSERT_TRUE(read.has_value());
  std::vector<Diagnostic> problems;
  const std::optional<Baseline> whole = baseline_from_json(nlohmann::json::parse(text), problems);
  ASSERT_TRUE(whole.has_value());
  EXPECT_EQ(read->created_at, "2026-12-07T10:00:00Z");
  ASSERT_EQ(read->sources.size(), 2U);
  EXPECT_EQ(read->sources[0].path, "runs/a.json");
  EXPECT_EQ(read->sources[1].sha256, "cd");
  ASSERT_EQ(read->entries.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {  // in the order of the ids, not of the text
    EXPECT_EQ(read->entries[i].id, whole->entries[i].id) << i;
    EXPECT_EQ(read->entries[i].unit, whole->entries[i].unit) << i;
    EXPECT_EQ(read->entries[i].better, whole->entries[i].better) << i;
    EXPECT_EQ(read->entries[i].samples, whole->entries[i].samples) << i;
    EXPECT_EQ(read->entries[i].value, whole->entries[i].value) << i;
  }
  EXPECT_EQ(read->entries[0].id.text(), "s/a/m");
  EXPECT_EQ(read->entries[1].better, Better::higher);
  EXPECT_EQ(read->entries[1].value, 7.0);
  EXPECT_EQ(read->entries[2].samples, (std::vector<double>{3.0, 1.5, 18446744073709551615.0}));
}

TEST(BaselineInPlace, NothingWhereBaselineFromJsonReportsAProblem) {
  const std::string entry = R"({"unit": "s", "better": "lower", "value": 1})";
  // A key that is no metric id, and a source listed twice: baseline_from_json explains them.
  for (const std::string& text : {baseline_text("[]", R"({"s/b": )" + entry + "}"),
                                  baseline_text(R"([{"path": "a", "sha256": "1"}, {"path": "a", "sha256": "2"}])",
                                                R"({"s/b/m": )" + entry + "}")}) {
    EXPECT_FALSE(in_place(text).has_value()) << text;
    std::vector<Diagnostic> problems;
    baseline_from_json(nlohmann::json::parse(text), problems);
    EXPECT_EQ(problems.size(), 1U) << text;
  }
}

TEST(BaselineInPlace, NothingForADocumentTheSchemaWouldRefuse) {
  EXPECT_FALSE(in_place("[]").has_value());
  EXPECT_FALSE(in_place(R"({"created_at": "x", "sources": []})").has_value());
  EXPECT_FALSE(in_place(baseline_text("[]", R"({"s/b/m": {"unit": "s", "better": "lower", "samples": ["1"]}})")));
  EXPECT_FALSE(in_place(baseline_text("[]", R"({"s/b/m": {"unit": 1, "better": "lower", "value": 1}})")));
  EXPECT_FALSE(in_place(baseline_text("[{}]", "{}")));
}

}  // namespace
}  // namespace evident::io
