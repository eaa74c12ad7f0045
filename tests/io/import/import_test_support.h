#pragma once
// What the importer tests (tests/io/import/import_<format>_test.cc) share: a fixture read from the source
// tree, an importer run on a text, its output checked as evidence, and its diagnostics compared.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/import/importer.h"
#include "io/schema/document_validation.h"

namespace evident::io::test_support {

// A fixture by its path from the repository root.
inline std::string read_fixture(const std::string& relative) {
  std::ifstream in(std::filesystem::path(EVIDENT_SOURCE_DIR) / relative, std::ios::binary);
  EXPECT_TRUE(in.good()) << relative;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// What one importer run gave.
struct Imports {
  std::optional<Imported> imported;
  std::vector<Diagnostic> problems;
};

// The importer of format on text, as the file path.
inline Imports run_import(std::string_view format, std::string path, std::string text) {
  const Importer* importer = find_importer(format);
  EXPECT_NE(importer, nullptr) << format;
  Imports result;
  if (importer == nullptr) return result;
  const ImportSource source{std::move(path), std::move(text), JsonLimits{}};
  result.imported = importer->import(source, result.problems);
  return result;
}

inline Imports run_import_fixture(std::string_view format, const std::string& relative) {
  return run_import(format, relative, read_fixture(relative));
}

// One line per diagnostic, for failure messages.
inline std::string diagnostics_text(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) {
    text += d.code + " " + std::to_string(d.position.line) + ":" + std::to_string(d.position.column) + " " +
            d.pointer.value_or("") + ": " + d.message + "\n";
  }
  return text;
}

// The benchmarks (and host) in a minimal evidence document, which must validate without a diagnostic.
inline void expect_valid_evidence(const Imported& imported) {
  const nlohmann::ordered_json document{{"schema_version", "evident/evidence/1"},
                                        {"suite", {{"name", "s"}}},
                                        {"classification", "functional_non_isolated"},
                                        {"status", "passed"},
                                        {"captured_at", "2026-01-01T00:00:00Z"},
                                        {"host", imported.host},
                                        {"benchmarks", imported.benchmarks}};
  const FileValidation validation = validate_text("x.json", document.dump(), ValidationOptions{});
  EXPECT_TRUE(validation.valid()) << diagnostics_text(validation.diagnostics);
  EXPECT_TRUE(validation.diagnostics.empty()) << diagnostics_text(validation.diagnostics);
}

// One diagnostic, field by field.
inline void expect_diagnostic(const Diagnostic& diagnostic, Severity severity, const std::string& code,
                              const std::string& message, std::size_t line, std::size_t column) {
  EXPECT_EQ(diagnostic.severity, severity) << diagnostic.code;
  EXPECT_EQ(diagnostic.code, code);
  EXPECT_EQ(diagnostic.message, message);
  EXPECT_EQ(diagnostic.position.line, line) << diagnostic.code;
  EXPECT_EQ(diagnostic.position.column, column) << diagnostic.code;
}

// The one error an input must stop with.
inline void expect_error(const Imports& imports, const std::string& code, const std::string& message, std::size_t line,
                         std::size_t column) {
  EXPECT_FALSE(imports.imported.has_value());
  ASSERT_EQ(imports.problems.size(), 1U) << diagnostics_text(imports.problems);
  expect_diagnostic(imports.problems[0], Severity::error, code, message, line, column);
}

// The "name" of every item of array, in order.
inline std::vector<std::string> names_of(const nlohmann::ordered_json& array) {
  std::vector<std::string> names;
  for (const nlohmann::ordered_json& item : array) names.push_back(item["name"].get<std::string>());
  return names;
}

inline const nlohmann::ordered_json& metric_named(const nlohmann::ordered_json& benchmark, const std::string& name) {
  for (const nlohmann::ordered_json& metric : benchmark["metrics"]) {
    if (metric["name"] == name) return metric;
  }
  ADD_FAILURE() << "no metric " << name << " in " << benchmark["name"];
  static const nlohmann::ordered_json none = nlohmann::ordered_json::object();
  return none;
}

// The result lines of go test -bench text read independently of the importers: TAB-separated
// fields, then a value and a unit in each, the value read with strtod.
struct GoResultLine {
  std::size_t line = 0;  // 0-based line of the text
  std::string printed;
  std::uint64_t iterations = 0;
  std::vector<std::pair<std::string, double>> values;  // unit, value
};

inline std::vector<GoResultLine> go_result_lines(const std::string& text) {
  std::vector<GoResultLine> lines;
  std::istringstream in(text);
  std::size_t index = 0;
  for (std::string line; std::getline(in, line); ++index) {
    if (line.rfind("Benchmark", 0) != 0 || line.find('\t') == std::string::npos) continue;
    std::vector<std::string> fields;
    std::istringstream split(line);
    for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
    GoResultLine parsed;
    parsed.line = index;
    parsed.printed = fields[0].substr(0, fields[0].find(' '));
    parsed.iterations = std::stoull(fields[1]);
    for (std::size_t i = 2; i < fields.size(); ++i) {
      std::istringstream pair(fields[i]);
      std::string value, unit;
      pair >> value >> unit;
      parsed.values.emplace_back(unit, std::strtod(value.c_str(), nullptr));
    }
    lines.push_back(parsed);
  }
  return lines;
}

// Runs format's detect() on every file of fixtures/import/ but broken/: true exactly on those of its
// own folder (fixtures/import/<format>/). Counts its own files and the other importers' files.
struct DetectedFixtures {
  std::size_t own = 0;
  std::size_t other_formats = 0;
};
inline DetectedFixtures expect_detects_only_its_fixtures(std::string_view format) {
  DetectedFixtures counts;
  const Importer* importer = find_importer(format);
  EXPECT_NE(importer, nullptr) << format;
  if (importer == nullptr) return counts;
  namespace fs = std::filesystem;
  for (const auto& folder : fs::directory_iterator(fs::path(EVIDENT_SOURCE_DIR) / "fixtures/import")) {
    const std::string name = folder.path().filename().string();
    if (!folder.is_directory() || name == "broken") continue;
    const bool own = name == format;
    const bool other_format = !own && find_importer(name) != nullptr;
    for (const auto& file : fs::directory_iterator(folder.path())) {
      if (!file.is_regular_file()) continue;  // criterion-json/criterion/: a tree, tested on its own
      const std::string relative = fs::relative(file.path(), EVIDENT_SOURCE_DIR).string();
      const std::string text = read_fixture(relative);
      EXPECT_FALSE(text.empty()) << relative;
      EXPECT_EQ(importer->detect(text), own) << relative;
      if (own) ++counts.own;
      if (other_format) ++counts.other_formats;
    }
  }
  return counts;
}

}  // namespace evident::io::test_support
