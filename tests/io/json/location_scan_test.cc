// The scan that locates a fast-parsed document against the locating parser: the same location for
// every value, key offsets included.
#include "io/json/location_scan.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "io/json/quick_parse.h"
#include "io/json/source_text.h"
#include "io/project_files.h"

namespace evident::io {
namespace {

namespace fs = std::filesystem;

// "same", "different", or "not for the scan" when the fast path does not accept text.
std::string compare(const std::string& text) {
  if (!parse_quickly(text, {})) return "not for the scan";
  std::vector<Diagnostic> diagnostics;
  // parse_json_document_written_as always takes the locating parser.
  const std::optional<JsonDocument> located = parse_json_document_written_as("t.json", text, text, {}, diagnostics);
  if (!located) return "different";
  const ValueLocations& expected = located->locations();
  const ValueLocations scanned = scan_locations(text);
  if (expected.array_elements != scanned.array_elements || expected.values.size() != scanned.values.size()) {
    return "different";
  }
  for (const auto& [pointer, location] : expected.values) {
    const auto found = scanned.values.find(pointer);
    if (found == scanned.values.end() || found->second.value_offset != location.value_offset ||
        found->second.key_offset != location.key_offset) {
      return "different";
    }
  }
  return "same";
}

TEST(LocationScan, FindsWhatTheLocatingParserFinds) {
  EXPECT_EQ(compare(R"( {"a" : [1, {"b": [true, null, "x\"y"]}, [ ]], "c\u0041": {}, "": -1.5e3 } )"), "same");
  EXPECT_EQ(compare("[\n  1,\n  2\n]\n"), "same");
  EXPECT_EQ(compare(R"("just a string")"), "same");
  EXPECT_EQ(compare(R"({"a~b/c": {"\ud83d\ude00": [[[]]]}})"), "same");
}

TEST(LocationScan, ScalarsInArraysAreFoundByIndex) {
  const ValueLocations locations = scan_locations(R"({"samples": [10, 20, {"x": 1}]})");
  EXPECT_EQ(locations.find("/samples/0")->value_offset, 13U);
  EXPECT_EQ(locations.find("/samples/1")->value_offset, 17U);
  EXPECT_EQ(locations.find("/samples/2")->value_offset, 21U);
  EXPECT_EQ(locations.find("/samples/2/x")->key_offset, 22U);
  EXPECT_FALSE(locations.find("/samples/3"));
  EXPECT_FALSE(locations.find("/samples/01"));
  EXPECT_FALSE(locations.find("/samples/+1"));
}

// "same" when the scan for a few pointers places each of them (and a pointer below each, which falls
// back to it) where the whole scan does, "not for the scan" as compare().
std::string compare_wanted(const std::string& text) {
  if (!parse_quickly(text, {})) return "not for the scan";
  const ValueLocations all = scan_locations(text);
  std::set<std::string> pointers;
  std::size_t i = 0;
  for (const auto& [pointer, location] : all.values) {
    if (i++ % 3 == 0) pointers.insert(pointer);
  }
  for (const auto& [array, offsets] : all.array_elements)
    pointers.insert(array + "/" + std::to_string(offsets.size() / 2));
  pointers.insert("/no/such/member");
  const ValueLocations some = scan_locations(text, pointers);
  const SourceText source(text);
  for (const std::string& pointer : pointers) {
    for (const std::string& asked : {pointer, pointer + "/0/deeper"}) {
      const Diagnostic expected = diagnostic_in(source, all, "t.json", asked, "code", "message");
      const Diagnostic found = diagnostic_in(source, some, "t.json", asked, "code", "message");
      if (expected.position.line != found.position.line || expected.position.column != found.position.column ||
          expected.excerpt != found.excerpt || expected.excerpt_column != found.excerpt_column) {
        return "different at " + asked;
      }
    }
  }
  return some.values.size() <= all.values.size() ? "same" : "more";
}

TEST(LocationScan, ForSomePointersFindsWhatTheWholeScanFinds) {
  EXPECT_EQ(compare_wanted(R"( {"a" : [1, {"b": [true, null, "x\"y"]}, [ ]], "c\u0041": {}, "": -1.5e3 } )"), "same");
  // Keys that a pointer spells escaped ("~1" for '/', "~0" for '~'), one of them escaped in the text too.
  EXPECT_EQ(compare_wanted(R"({"a/b": {"t~x": [1, {"c": 2}]}, "a": {"b": {"d": 3}}, "e\/f": [{"g": []}]})"), "same");
  const std::string slashed = R"({"a": {"b": {"d": 3}}, "a/b": {"t~x": {"c": 2}}})";
  EXPECT_EQ(scan_locations(slashed, {"/a~1b/t~0x"}).find("/a~1b/t~0x")->value_offset, slashed.find("{\"c\""));
  EXPECT_FALSE(scan_locations(slashed, {"/a~1b/t~0x"}).find("/a/b"));
  // The skipped metric holds a string with brackets and an escaped quote in it.
  const std::string text =
      R"({"benchmarks": [{"metrics": [{"note": "m\"}]", "samples": [1, 2]}, {"name": "x", "samples": [3]}]}]})";
  const ValueLocations some = scan_locations(text, {"/benchmarks/0/metrics/1"});
  EXPECT_EQ(some.find("/benchmarks/0/metrics/1")->value_offset, text.find("{\"name\""));
  EXPECT_TRUE(some.find("/benchmarks/0/metrics"));
  // The skipped metric: found by its offset in the array that holds a wanted one, nothing inside it.
  EXPECT_EQ(some.find("/benchmarks/0/metrics/0")->value_offset, text.find("{\"note\""));
  EXPECT_EQ(some.values.count("/benchmarks/0/metrics/0"), 0U);
  EXPECT_FALSE(some.find("/benchmarks/0/metrics/0/note"));
  EXPECT_FALSE(some.find("/benchmarks/0/metrics/1/name"));
  EXPECT_EQ(some.array_elements.count("/benchmarks/0/metrics/0/samples"), 0U);
  EXPECT_EQ(some.array_elements.count("/benchmarks/0/metrics/1/samples"), 0U);
  EXPECT_EQ(some.array_elements.at("/benchmarks/0/metrics").size(), 2U);
}

TEST(LocationScan, ForSomePointersAgreesOnEveryFileOfTheProject) {
  std::size_t scanned = 0;
  for_each_project_file(
      {"fixtures", "tests", "schemas", "evidence"}, [&](const fs::path& path, const std::string& text) {
        if (path.extension() != ".json") return;
        const std::string result = compare_wanted(text);
        EXPECT_TRUE(result == "same" || result == "not for the scan") << path.string() << ": " << result;
        if (result == "same") ++scanned;
      });
  EXPECT_GT(scanned, 150U);
}

TEST(LocationScan, AgreesWithTheLocatingParserOnEveryFileOfTheProject) {
  std::size_t scanned = 0;
  for_each_project_file({"fixtures", "tests", "schemas", "evidence"},
                        [&](const fs::path& path, const std::string& text) {
                          if (path.extension() != ".json") return;
                          const std::string result = compare(text);
                          EXPECT_NE(result, "different") << path.string();
                          if (result == "same") ++scanned;
                        });
  EXPECT_GT(scanned, 150U);
}

}  // namespace
}  // namespace evident::io
