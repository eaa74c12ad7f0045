#include "io/schema/document_validation.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <pthread.h>
#include <unistd.h>

#include <simdjson.h>

#include "core/evidence_metrics.h"
#include "core/policy.h"
#include "io/files/parallel.h"
#include "io/json/quick_parse.h"
#include "io/project_files.h"
#include "io/schema/schema_registry.h"

namespace evident::io {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Everything a result says, diagnostics and the claim's verdict included, as one text to compare.
std::string describe(const FileValidation& result) {
  std::string text = result.path + " kind=" + result.kind + " valid=" + (result.valid() ? "yes" : "no") + "\n";
  for (const Diagnostic& d : result.diagnostics) {
    text += std::to_string(static_cast<int>(d.severity)) + " " + d.code + " " + d.file + ":" +
            std::to_string(d.position.line) + ":" + std::to_string(d.position.column) + " " + d.pointer.value_or("-") +
            (d.at_key ? " key" : "") + " " + d.message + " | " + d.hint + " | " + d.excerpt + " " +
            std::to_string(d.excerpt_column) + (d.cannot_run ? " cannot_run" : "") + "\n";
  }
  if (result.verdict) {
    const Verdict& verdict = *result.verdict;
    text += "derived=" + std::string(run_class_name(verdict.derived)) +
            " claimed=" + (verdict.claimed ? std::string(run_class_name(*verdict.claimed)) : "-") + "\n";
    if (verdict.claim_finding) text += "claim " + verdict.claim_finding->code + " " + verdict.claim_finding->message;
    for (const RuleFinding& finding : verdict.failed_rules) text += "\nfailed " + finding.code + " " + finding.pointer;
    for (const RuleFinding& finding : verdict.advisories) text += "\nadvisory " + finding.code + " " + finding.pointer;
  }
  return text;
}

// A file as `validate` judges it (no value read: the fast path where it can) and as every other
// command does (the value built first), with the claim classified by the built-in policy.
std::pair<std::string, std::string> both_ways(const std::string& path, const std::string& text) {
  static const Policy policy = default_policy();
  ValidationOptions full;
  full.claim_policy = &policy;
  ValidationOptions quick = full;
  quick.values_read = false;
  return {describe(validate_text(path, text, quick)), describe(validate_text(path, text, full))};
}

// The text of the valid spec example with one change, written as the corpus of the benchmark is.
std::string spec_example_with(const std::function<void(json&)>& change) {
  std::ifstream in(fs::path(EVIDENT_SOURCE_DIR) / "fixtures/evidence/valid/spec-example.json");
  json evidence = json::parse(in);
  change(evidence);
  return evidence.dump(2);
}

// Each rule of the evidence format broken in a file the fast path reads: it answers only where
// it finds nothing, and the full path explains the same as it would have.
TEST(ValidateText, TheFastPathReportsWhatTheFullPathReports) {
  const std::vector<std::pair<std::string, std::function<void(json&)>>> cases = {
      {"as it is", [](json&) {}},
      {"a benchmark twice", [](json& e) { e["benchmarks"].push_back(e["benchmarks"][0]); }},
      {"a metric twice",
       [](json& e) {
         json second = e["benchmarks"][0];
         second["name"] = "second";
         second["metrics"].push_back(second["metrics"][0]);
         e["benchmarks"].push_back(second);
       }},
      {"an impossible day", [](json& e) { e["captured_at"] = "2026-02-30T10:00:00Z"; }},
      {"a CPU twice", [](json& e) { e["host"]["affinity"].push_back(e["host"]["affinity"][0]); }},
      {"an artifact twice", [](json& e) { e["artifacts"].push_back(e["artifacts"][0]); }},
      {"an over-claim", [](json& e) { e["host"]["reserved_cpus"] = json::array({3}); }},
      {"an under-claim", [](json& e) { e["classification"] = "functional_non_isolated"; }},
      {"no claim", [](json& e) { e.erase("classification"); }},
      {"a schema violation", [](json& e) { e["status"] = "fine"; }},
  };
  for (const auto& [name, change] : cases) {
    const std::string text = spec_example_with(change);
    const auto [quick, full] = both_ways("run.json", text);
    EXPECT_EQ(quick, full) << name;
  }
  // The fast path does read the valid example: its text and schema pass on the DOM.
  const std::string valid = spec_example_with([](json&) {});
  const std::optional<simdjson::dom::element> dom = parse_checked(valid, JsonLimits{});
  ASSERT_TRUE(dom.has_value());
  EXPECT_TRUE(schema_for(*find_kind("evident/evidence/1")).quickly_valid_in_place(*dom));
  EXPECT_EQ(both_ways("run.json", valid).first,
            "run.json kind=evidence valid=yes\nderived=isolated_affinity claimed=isolated_affinity\n\n"
            "advisory smt.sibling_unreserved /host/cpus/0/smt_siblings/1\nadvisory aslr.unknown /host/aslr");
}

// Runs work on a new thread with a stack of stack_bytes, as a caller other than the commands'
// workers would (a fuzz target, a library user's thread).
void on_small_stack(std::size_t stack_bytes, const std::function<void()>& work) {
  pthread_attr_t attributes;
  ASSERT_EQ(pthread_attr_init(&attributes), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attributes, stack_bytes), 0);
  auto run = [](void* argument) -> void* {
    (*static_cast<const std::function<void()>*>(argument))();
    return nullptr;
  };
  pthread_t thread;
  ASSERT_EQ(pthread_create(&thread, &attributes, run, const_cast<std::function<void()>*>(&work)), 0);
  ASSERT_EQ(pthread_join(thread, nullptr), 0);
  pthread_attr_destroy(&attributes);
}

// The small stack: 64 KiB; under AddressSanitizer, whose redzones make every frame several times
// larger, 1 MiB, still an eighth of the 8 MiB that matching with recursion per character overflowed.
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t small_stack = std::size_t{1} << 20;
#else
constexpr std::size_t small_stack = std::size_t{64} << 10;
#endif

// A 65,000-character suite name reaches the schema's "pattern": matched without recursing per
// character, it is judged on a small stack (std::regex's default executor overflowed 8 MiB).
TEST(ValidateText, ALongStringIsMatchedOnASmallStack) {
  const std::string text = spec_example_with([](json& e) { e["suite"]["name"] = std::string(65000, 'a'); });
  std::string quick;
  std::string full;
  on_small_stack(small_stack, [&] { std::tie(quick, full) = both_ways("run.json", text); });
  EXPECT_EQ(quick, full);
  EXPECT_NE(full.find(" schema.max_length run.json:"), std::string::npos) << full;
  EXPECT_NE(full.find(" /suite/name "), std::string::npos) << full;
  EXPECT_EQ(full.find("schema.pattern"), std::string::npos) << full;
  // A name that breaks the pattern at its very end is still told apart.
  const std::string bad = spec_example_with([](json& e) { e["suite"]["name"] = std::string(65000, 'a') + " "; });
  on_small_stack(small_stack, [&] { full = both_ways("run.json", bad).second; });
  EXPECT_NE(full.find("schema.pattern"), std::string::npos) << full;
}

// Visits every JSON file of the project on a worker's large stack, as the commands validate
// (valijson's std::regex recurses per character); returns how many there were.
std::size_t each_project_json(const std::function<void(const std::string& path, const std::string& text)>& visit) {
  std::size_t files = 0;
  parallel_for(1, 1, [&](std::size_t) {
    for_each_project_file({"fixtures", "tests/e2e", "schemas", "evidence"},
                          [&](const fs::path& path, const std::string& text) {
                            if (path.extension() != ".json") return;
                            ++files;
                            visit(path.string(), text);
                          });
  });
  return files;
}

// Every JSON file of the project: the fast path and the full path give the same result.
TEST(ValidateText, TheFastPathAgreesWithTheFullPathOnEveryFileOfTheProject) {
  const std::size_t files = each_project_json([](const std::string& path, const std::string& text) {
    const auto [quick, full] = both_ways(path, text);
    EXPECT_EQ(quick, full) << path;
  });
  EXPECT_GT(files, 250U);
}

// A file as `check` reads it when it only counts metrics (no value read, the metrics counted on
// the DOM) and as the full path reads it: the same result, and where the fast path answered, the
// count and the value without benchmarks that the full path's value gives. Returns whether the
// fast path answered.
bool counted_agrees(const std::string& path, const std::string& text) {
  static const Policy policy = default_policy();
  ValidationOptions full;
  full.claim_policy = &policy;
  ValidationOptions counted = full;
  counted.values_read = false;
  counted.metrics_counted = true;
  const FileValidation quick = validate_text(path, text, counted);
  const FileValidation whole = validate_text(path, text, full);
  EXPECT_EQ(describe(quick), describe(whole)) << path;
  EXPECT_EQ(quick.metric_count.has_value(), quick.besides_benchmarks.has_value()) << path;
  if (!quick.metric_count) return false;
  EXPECT_TRUE(whole.valid()) << path;
  EXPECT_EQ(*quick.metric_count, metric_count(whole.document->value())) << path;
  json rest = whole.document->value();
  rest.erase("benchmarks");
  EXPECT_EQ(*quick.besides_benchmarks, rest) << path;
  EXPECT_EQ(&quick.value_besides_benchmarks(), &*quick.besides_benchmarks) << path;
  return true;
}

TEST(ValidateText, MetricsCountedOnTheDomAreTheMetricsOfTheValue) {
  // The example's one benchmark with its two metrics, then with a second benchmark of three.
  EXPECT_TRUE(counted_agrees("run.json", spec_example_with([](json&) {})));
  const std::string more = spec_example_with([](json& e) {
    json second = e["benchmarks"][0];
    second["name"] = "second";
    second["metrics"].push_back(second["metrics"][0]);
    second["metrics"].back()["name"] = "third";
    e["benchmarks"].push_back(second);
  });
  EXPECT_TRUE(counted_agrees("run.json", more));
  const FileValidation counted = [&] {
    ValidationOptions options;
    options.values_read = false;
    options.metrics_counted = true;
    return validate_text("run.json", more, options);
  }();
  ASSERT_TRUE(counted.metric_count.has_value());
  EXPECT_EQ(*counted.metric_count, 5U);
  // What the fast path cannot pass goes the whole way, and counts nothing on the DOM.
  EXPECT_FALSE(counted_agrees("run.json", spec_example_with([](json& e) { e["status"] = "fine"; })));
  EXPECT_FALSE(
      counted_agrees("run.json", spec_example_with([](json& e) { e["benchmarks"].push_back(e["benchmarks"][0]); })));
  EXPECT_FALSE(counted_agrees("run.json", "{\"schema_version\": \"evident/evidence/1\", \"suite\": 1"));
  // Every JSON file of the project.
  std::size_t counted_files = 0;
  const std::size_t files = each_project_json([&](const std::string& path, const std::string& text) {
    if (counted_agrees(path, text)) ++counted_files;
  });
  EXPECT_GT(files, 250U);
  EXPECT_GT(counted_files, 20U);
}

// A file of a mebibyte or more is mapped rather than read (io/files/file_text.h). Judged from its
// mapping it gets what its text gets, valid or not, on each path: the full one, the one without
// values, and the gate's with numbers in place.
TEST(ValidateFile, AMappedFileIsJudgedAsItsText) {
  const fs::path path = fs::temp_directory_path() / ("evident-mapped-" + std::to_string(::getpid()) + ".json");
  const auto many_samples = [](json& evidence) {
    json& samples = evidence["benchmarks"][0]["metrics"][0]["samples"];
    for (int i = 0; i < 100000; ++i) samples.push_back(1.25 + i % 7);
  };
  const std::string valid = spec_example_with(many_samples);
  const std::string wrong_sample = spec_example_with([&](json& evidence) {
    many_samples(evidence);
    evidence["benchmarks"][0]["metrics"][0]["samples"][90000] = "fast";
  });
  std::string duplicate_key = valid;
  duplicate_key.insert(valid.rfind('}'), R"(, "status": "passed")");
  ASSERT_GE(valid.size(), std::size_t{1} << 20);
  static const Policy policy = default_policy();
  ValidationOptions full;
  full.claim_policy = &policy;
  ValidationOptions without_values = full;
  without_values.values_read = false;
  ValidationOptions in_place = full;
  in_place.numbers_in_place = true;
  for (const std::string* text : std::vector<const std::string*>{&valid, &wrong_sample, &duplicate_key}) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << *text;
    for (const ValidationOptions* options : {&full, &without_values, &in_place}) {
      const FileValidation mapped = validate_file(path.string(), *options);
      ASSERT_TRUE(mapped.document.has_value() || text == &duplicate_key);
      if (mapped.document) {
        EXPECT_TRUE(mapped.document->shared_text()->mapped());
        EXPECT_EQ(mapped.document->text(), *text);
      }
      EXPECT_EQ(describe(mapped), describe(validate_text(path.string(), std::string(*text), *options)));
    }
  }
  const FileValidation duplicate = validate_file(path.string(), full);
  ASSERT_EQ(duplicate.diagnostics.size(), 1U);
  EXPECT_EQ(duplicate.diagnostics[0].code, "json.duplicate_key");
  fs::remove(path);
}

// A directory of count small evidence-kind files, named so that their order is their index.
class ManyFiles : public ::testing::Test {
 protected:
  void make(std::size_t count) {
    directory_ = fs::temp_directory_path() / ("evident-validate-each-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
    for (std::size_t i = 0; i < count; ++i) {
      const std::string path = (directory_ / ("file-" + std::to_string(10000 + i) + ".json")).string();
      std::ofstream(path) << (i % 3 == 2
                                  ? R"({"schema_version": 1})"
                                  : R"({"schema_version": "evident/budgets/1", "metrics": {"wall_time": {"max": 1}}})");
      files_.push_back(path);
    }
  }
  void TearDown() override { fs::remove_all(directory_); }

  fs::path directory_;
  std::vector<std::string> files_;
};

TEST_F(ManyFiles, ValidateEachHandsOverEveryFileInTheOrderGiven) {
  make(500);
  ValidationOptions options;
  options.jobs = 2;
  std::vector<std::string> seen;
  std::size_t valid = 0;
  validate_each(files_, options, [&](FileValidation&& file) {
    seen.push_back(file.path);
    ASSERT_TRUE(file.document.has_value()) << file.path;
    const bool budgets = file.kind == "budgets";
    EXPECT_EQ(budgets, seen.size() % 3 != 0) << file.path;
    if (file.valid()) ++valid;
  });
  EXPECT_EQ(seen, files_);
  EXPECT_EQ(valid, 334U);  // every third file names no known schema_version
}

TEST_F(ManyFiles, ValidateEachReadsNoFurtherAheadThanItsWindow) {
  // With 2 jobs, 8 files may be in flight. While the first is handed over, the files from the
  // ninth on are deleted: none of them may have been read yet, and the first eight must have been
  // read or still be readable.
  make(100);
  ValidationOptions options;
  options.jobs = 2;
  std::vector<std::string> codes;
  validate_each(files_, options, [&](FileValidation&& file) {
    if (codes.empty()) {
      for (std::size_t i = 8; i < files_.size(); ++i) fs::remove(files_[i]);
    }
    codes.push_back(file.diagnostics.empty() ? "ok" : file.diagnostics.front().code);
  });
  ASSERT_EQ(codes.size(), 100U);
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(codes[i], i % 3 == 2 ? "document.schema_version_unknown" : "ok") << "file " << i;
  }
  for (std::size_t i = 8; i < codes.size(); ++i) EXPECT_EQ(codes[i], "io.not_found") << "file " << i;
}

TEST_F(ManyFiles, ValidateFilesKeepsEveryResultInOrder) {
  make(20);
  ValidationOptions options;
  options.jobs = 3;
  const std::vector<FileValidation> results = validate_files(files_, options);
  ASSERT_EQ(results.size(), 20U);
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(results[i].path, files_[i]);
    EXPECT_EQ(results[i].valid(), i % 3 != 2) << results[i].path;
  }
}

TEST(ValidateEach, NoFilesNoCalls) {
  int calls = 0;
  validate_each({}, ValidationOptions{}, [&](FileValidation&&) { ++calls; });
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace evident::io
