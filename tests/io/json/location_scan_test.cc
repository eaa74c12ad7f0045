// The scan that locates a fast-parsed document against the locating parser: the same location for
// every value, key offsets included.
#include "io/json/location_scan.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "io/json/quick_parse.h"
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
