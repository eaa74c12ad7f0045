// Samples read apart from simdjson's DOM against the readers of the whole value: the gate reads an
// evidence file's metrics and a baseline's entries either way, and both must give the same numbers.
#include "io/json/samples_apart.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <simdjson.h>

#include "core/evidence_metrics.h"
#include "core/gate_files.h"
#include "io/json/quick_parse.h"
#include "io/project_files.h"
#include "io/schema/document_validation.h"

namespace evident::io {
namespace {

using nlohmann::json;

SamplesApart apart_of(const std::string& text, std::span<const std::string_view> path) {
  const std::optional<simdjson::dom::element> root = parse_checked(text, JsonLimits{});
  EXPECT_TRUE(root.has_value()) << text;
  return root ? samples_apart(*root, path) : SamplesApart{};
}

TEST(SamplesApart, EachSamplesArrayOnThePathStandsAsItsIndex) {
  const SamplesApart apart = apart_of(
      R"({"benchmarks": [{"name": "a", "parameters": {"samples": [1, 2]}, "metrics": [
            {"name": "x", "samples": [1.5, 2, -3, 1e300]}, {"name": "y", "samples": []},
            {"name": "z", "samples": ["a", 1]}, {"name": "w", "value": 4}, {"name": "v", "samples": [7]}]}],
          "samples": [9]})",
      evidence_samples_path);
  EXPECT_EQ(apart.value.dump(), R"({"benchmarks":[{"metrics":[{"name":"x","samples":[0]},{"name":"y","samples":[]},)"
                                R"({"name":"z","samples":["a",1]},{"name":"w","value":4},{"name":"v","samples":[1]}],)"
                                R"("name":"a","parameters":{"samples":[1,2]}}],"samples":[9]})");
  ASSERT_EQ(apart.samples.size(), 2U);
  EXPECT_EQ(apart.samples[0], (std::vector<double>{1.5, 2.0, -3.0, 1e300}));
  EXPECT_EQ(apart.samples[1], (std::vector<double>{7.0}));
}

TEST(SamplesApart, PutBackMovesEachIndexsSamplesIntoItsItem) {
  std::vector<std::vector<double>> samples{{1, 2}, {3}};
  std::vector<BaselineEntry> entries(3);
  entries[0].samples = {1};
  entries[2].samples = {0};
  put_samples_back(entries, samples);
  EXPECT_EQ(entries[0].samples, (std::vector<double>{3}));
  EXPECT_TRUE(entries[1].samples.empty());
  EXPECT_EQ(entries[2].samples, (std::vector<double>{1, 2}));
  entries[1].samples = {5};
  EXPECT_THROW(put_samples_back(entries, samples), std::logic_error);
}

void expect_same_metrics(const std::vector<MetricSeries>& apart, const std::vector<MetricSeries>& whole,
                         const std::string& file) {
  ASSERT_EQ(apart.size(), whole.size()) << file;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    EXPECT_EQ(apart[i].id.text(), whole[i].id.text()) << file;
    EXPECT_EQ(apart[i].unit, whole[i].unit) << file;
    EXPECT_EQ(apart[i].better, whole[i].better) << file;
    EXPECT_EQ(apart[i].samples, whole[i].samples) << file << " " << whole[i].pointer;
    EXPECT_EQ(apart[i].value, whole[i].value) << file;
    EXPECT_EQ(apart[i].pointer, whole[i].pointer) << file;
    EXPECT_EQ(apart[i].context.captured_at, whole[i].context.captured_at) << file;
    EXPECT_EQ(apart[i].context.host, whole[i].context.host) << file;
    EXPECT_EQ(apart[i].context.parameters, whole[i].context.parameters) << file;
  }
}

void expect_same_baseline(const Baseline& apart, const Baseline& whole, const std::string& file) {
  EXPECT_EQ(apart.created_at, whole.created_at) << file;
  ASSERT_EQ(apart.sources.size(), whole.sources.size()) << file;
  for (std::size_t i = 0; i < whole.sources.size(); ++i) {
    EXPECT_EQ(apart.sources[i].path, whole.sources[i].path) << file;
    EXPECT_EQ(apart.sources[i].sha256, whole.sources[i].sha256) << file;
  }
  ASSERT_EQ(apart.entries.size(), whole.entries.size()) << file;
  for (std::size_t i = 0; i < whole.entries.size(); ++i) {
    EXPECT_EQ(apart.entries[i].id.text(), whole.entries[i].id.text()) << file;
    EXPECT_EQ(apart.entries[i].unit, whole.entries[i].unit) << file;
    EXPECT_EQ(apart.entries[i].better, whole.entries[i].better) << file;
    EXPECT_EQ(apart.entries[i].samples, whole.entries[i].samples) << file;
    EXPECT_EQ(apart.entries[i].value, whole.entries[i].value) << file;
  }
}

// Every JSON file of the project validated both ways: the same kind and diagnostics, and where the
// samples were read apart, the same metrics and baseline entries as the readers of the whole value
// find, every number bit for bit.
TEST(SamplesApart, ReadersAgreeWithTheWholeValueOnEveryFileOfTheProject) {
  ValidationOptions whole;
  whole.jobs = 1;
  ValidationOptions apart = whole;
  apart.samples_apart = true;
  std::size_t evidence = 0;
  std::size_t baselines = 0;
  for_each_project_file(
      {"fixtures", "tests", "evidence"}, [&](const std::filesystem::path& path, const std::string& text) {
        if (path.extension() != ".json") return;
        const std::string file = path.string();
        FileValidation read_whole = validate_text(file, text, whole);
        FileValidation read_apart = validate_text(file, text, apart);
        EXPECT_EQ(read_apart.kind, read_whole.kind) << file;
        ASSERT_EQ(read_apart.diagnostics.size(), read_whole.diagnostics.size()) << file;
        for (std::size_t i = 0; i < read_whole.diagnostics.size(); ++i) {
          EXPECT_EQ(read_apart.diagnostics[i].code, read_whole.diagnostics[i].code) << file;
          EXPECT_EQ(read_apart.diagnostics[i].message, read_whole.diagnostics[i].message) << file;
        }
        if (read_apart.apart) {
          ASSERT_TRUE(read_apart.valid()) << file;
          ASSERT_EQ(read_apart.kind, "evidence") << file;
          ++evidence;
          std::vector<MetricSeries> metrics = metrics_of(read_apart.apart->value, file);
          put_samples_back(metrics, read_apart.apart->samples);
          expect_same_metrics(metrics, metrics_of(read_whole.document->value(), file), file);
        }
        if (read_whole.kind == "baseline" && read_whole.valid()) {
          // Read in place only where baseline_from_json finds no problem (a text the fast path does
          // not parse, such as one with a 0, is read whole), and then the same.
          std::vector<Diagnostic> problems;
          const std::optional<Baseline> from_whole = baseline_from_json(read_whole.document->value(), problems);
          if (!read_apart.baseline) return;
          ASSERT_TRUE(from_whole && problems.empty()) << file;
          ++baselines;
          expect_same_baseline(*read_apart.baseline, *from_whole, file);
        }
      });
  // The fixtures' and golden cases' valid evidence (71 files) and baselines (5): the comparison
  // above ran on each of them.
  EXPECT_GE(evidence, 71U);
  EXPECT_GE(baselines, 5U);
}

}  // namespace
}  // namespace evident::io
