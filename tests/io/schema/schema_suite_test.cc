// The official JSON-Schema-Test-Suite (draft-07, required tests only) run through CompiledSchema, the
// path `evident validate --schema` takes. Every test that disagrees with the suite is listed below
// with its reason, so a regression and an unexpected new pass are both noticed.
#include "io/schema/schema_validator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace evident::io {
namespace {

namespace fs = std::filesystem;

// Installed by the Debian package json-schema-test-suite.
const fs::path suite_tests_directory{"/usr/share/json-schema-test-suite/tests/draft7"};
const fs::path suite_remotes_directory{"/usr/share/json-schema-test-suite/remotes"};
constexpr std::string_view remote_base = "http://localhost:1234/";

struct KnownFailure {
  std::string_view file;   // e.g. "ref.json"
  std::string_view group;  // the group's description
  std::string_view test;   // the test's description
  std::string_view reason;
};

// Tests of the suite that evident is known to get wrong, and why. Keep in step with KNOWN_FAILURES.
// An entry reads {"ref.json", "<group description>", "<test description>", "<one-line reason>"}.
// Empty since schema_validator.cc resolves "$id"/"$ref" itself, builds in the draft-07
// meta-schema and reports `false` subschemas and "propertyNames" (valijson 1.0 alone: 396 of 423).
constexpr std::array<KnownFailure, 0> known_failures{};
constexpr std::size_t KNOWN_FAILURES = 0;
static_assert(KNOWN_FAILURES == known_failures.size());

std::optional<nlohmann::json> read_json(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

// Serves the suite's remotes the way its harness expects: http://localhost:1234/<path> is
// remotes/<path>. Anything else (the draft-07 meta-schema) is for CompiledSchema itself to know.
std::optional<nlohmann::json> suite_fetcher(const std::string& uri) {
  const std::string document_uri = uri.substr(0, uri.find('#'));
  if (!document_uri.starts_with(remote_base)) return std::nullopt;
  const fs::path relative{document_uri.substr(remote_base.size())};
  for (const auto& part : relative) {
    if (part == "..") return std::nullopt;
  }
  return read_json(suite_remotes_directory / relative);
}

std::string first_violation(const std::vector<SchemaViolation>& violations) {
  const SchemaViolation& first = violations.front();
  return (first.pointer.empty() ? std::string("(root)") : first.pointer) + ": " + first.description;
}

// Why the outcome disagrees with the suite, or nothing when it agrees.
std::optional<std::string> disagreement(const std::optional<CompiledSchema>& schema, const std::string& compile_error,
                                        const nlohmann::json& test) {
  const bool expected_valid = test.at("valid").get<bool>();
  const std::string expected = expected_valid ? "expected valid" : "expected invalid";
  if (!schema) return expected + ", but the schema did not compile (" + compile_error + ")";
  try {
    const std::vector<SchemaViolation> violations = schema->validate(test.at("data"));
    if (violations.empty() == expected_valid) return std::nullopt;
    if (expected_valid) return expected + ", got invalid (" + first_violation(violations) + ")";
    return expected + ", got valid";
  } catch (const SchemaCompileError& error) {
    return expected + ", but validation failed (" + error.what() + ")";
  }
}

const KnownFailure* find_known_failure(std::string_view file, std::string_view group, std::string_view test) {
  const auto found = std::find_if(known_failures.begin(), known_failures.end(), [&](const KnownFailure& known) {
    return known.file == file && known.group == group && known.test == test;
  });
  return found != known_failures.end() ? &*found : nullptr;
}

TEST(SchemaSuite, Draft7RequiredTestsAgreeWithTheSuite) {
  if (!fs::is_directory(suite_tests_directory)) {
    GTEST_SKIP() << suite_tests_directory.string()
                 << " not found: install the Debian package json-schema-test-suite to run the official suite";
  }
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(suite_tests_directory)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty()) << "no test files in " << suite_tests_directory.string();

  std::size_t total = 0;
  std::size_t failures = 0;
  std::vector<const KnownFailure*> failed_as_known;
  for (const fs::path& path : files) {
    const std::string file = path.filename().string();
    const std::optional<nlohmann::json> groups = read_json(path);
    ASSERT_TRUE(groups && groups->is_array()) << "cannot read " << path.string();
    for (const nlohmann::json& group : *groups) {
      const std::string group_description = group.at("description").get<std::string>();
      std::optional<CompiledSchema> schema;
      std::string compile_error;
      try {
        schema = CompiledSchema::compile(group.at("schema"), suite_fetcher);
      } catch (const SchemaCompileError& error) {
        compile_error = error.what();
      }
      for (const nlohmann::json& test : group.at("tests")) {
        ++total;
        const std::string test_description = test.at("description").get<std::string>();
        const std::optional<std::string> why = disagreement(schema, compile_error, test);
        if (!why) continue;
        ++failures;
        std::cout << "draft7/" << file << ": " << group_description << " / " << test_description << ": " << *why
                  << '\n';
        const KnownFailure* known = find_known_failure(file, group_description, test_description);
        if (known == nullptr) {
          ADD_FAILURE() << "new failure (a regression?): draft7/" << file << ": " << group_description << " / "
                        << test_description << ": " << *why;
        } else {
          failed_as_known.push_back(known);
        }
      }
    }
  }
  std::cout << "JSON-Schema-Test-Suite draft7: " << total - failures << " of " << total << " tests agree\n";

  for (const KnownFailure& known : known_failures) {
    if (std::find(failed_as_known.begin(), failed_as_known.end(), &known) == failed_as_known.end()) {
      ADD_FAILURE() << "draft7/" << known.file << ": " << known.group << " / " << known.test
                    << " now agrees with the suite (or no longer exists): remove it from known_failures";
    }
  }
  EXPECT_LE(failures, KNOWN_FAILURES);
}

// Behaviour the suite's required draft-07 tests do not pin down, or that only the CLI's way of
// fetching (files beside the schema, nothing from a network) exercises.

std::optional<CompiledSchema> compile_or_nothing(const nlohmann::json& schema, const SchemaFetcher& fetcher) {
  try {
    return CompiledSchema::compile(schema, fetcher);
  } catch (const SchemaCompileError&) {
    return std::nullopt;
  }
}

TEST(SchemaDraft7, NumberWithZeroFractionIsAnInteger) {
  const CompiledSchema schema = CompiledSchema::compile(nlohmann::json::parse(R"({"type": "integer"})"), nullptr);
  EXPECT_TRUE(schema.validate(nlohmann::json::parse("1.0")).empty());
  EXPECT_TRUE(schema.validate(nlohmann::json::parse("-0.0")).empty());
  EXPECT_FALSE(schema.validate(nlohmann::json::parse("1.5")).empty());
  EXPECT_FALSE(schema.validate(nlohmann::json::parse("1e300")).empty());  // beyond int64: never rounded
  EXPECT_FALSE(schema.validate(nlohmann::json::parse(R"("1")")).empty());
}

TEST(SchemaDraft7, FalseSchemaAndPropertyNamesAlwaysGiveAViolation) {
  const CompiledSchema never = CompiledSchema::compile(false, nullptr);
  ASSERT_EQ(never.validate(nlohmann::json::object()).size(), 1U);
  EXPECT_EQ(never.validate(nlohmann::json::object()).front().pointer, "");
  const CompiledSchema short_names =
      CompiledSchema::compile(nlohmann::json::parse(R"({"propertyNames": {"maxLength": 3}})"), nullptr);
  EXPECT_TRUE(short_names.validate(nlohmann::json::parse(R"({"abc": 1})")).empty());
  EXPECT_FALSE(short_names.validate(nlohmann::json::parse(R"({"abcd": 1})")).empty());
}

TEST(SchemaDraft7, RelativeRefsFollowTheReferringDocument) {
  std::vector<std::string> asked;
  const SchemaFetcher files = [&](const std::string& uri) -> std::optional<nlohmann::json> {
    asked.push_back(uri);
    if (uri == "sub/b.json") return nlohmann::json::parse(R"({"$ref": "c.json#/definitions/c"})");
    if (uri == "sub/c.json") return nlohmann::json::parse(R"({"definitions": {"c": {"type": "string"}}})");
    return std::nullopt;
  };
  const CompiledSchema schema = CompiledSchema::compile(nlohmann::json::parse(R"({"$ref": "sub/b.json"})"), files);
  EXPECT_EQ(asked, (std::vector<std::string>{"sub/b.json", "sub/c.json"}));
  EXPECT_TRUE(schema.validate("text").empty());
  EXPECT_FALSE(schema.validate(1).empty());
}

TEST(SchemaDraft7, SchemaWithAnAbsoluteIdStillReachesTheFileBesideIt) {
  // Like the CLI's fetcher: local files only, and a clear refusal for anything on a network.
  const SchemaFetcher files = [](const std::string& uri) -> std::optional<nlohmann::json> {
    if (uri.find("://") != std::string::npos) throw SchemaCompileError(uri + " is on a network");
    if (uri == "b.json") return nlohmann::json::parse(R"({"type": "integer"})");
    return std::nullopt;
  };
  const CompiledSchema schema = CompiledSchema::compile(
      nlohmann::json::parse(R"({"$id": "https://example.com/schemas/a.json", "items": {"$ref": "b.json"}})"), files);
  EXPECT_TRUE(schema.validate(nlohmann::json::parse("[1, 2]")).empty());
  EXPECT_FALSE(schema.validate(nlohmann::json::parse(R"([1, "2"])")).empty());
}

TEST(SchemaDraft7, MetaSchemaIsBuiltIn) {
  const CompiledSchema schema =
      CompiledSchema::compile(nlohmann::json::parse(R"({"$ref": "http://json-schema.org/draft-07/schema#"})"), nullptr);
  EXPECT_TRUE(schema.validate(nlohmann::json::parse(R"({"type": "string", "minLength": 1})")).empty());
  EXPECT_FALSE(schema.validate(nlohmann::json::parse(R"({"minLength": -1})")).empty());
}

TEST(SchemaDraft7, BrokenRefsAreRejectedOnlyWhereTheyAreUsed) {
  EXPECT_TRUE(
      compile_or_nothing(nlohmann::json::parse(R"({"definitions": {"unused": {"$ref": "#/nowhere"}}})"), nullptr));
  EXPECT_FALSE(compile_or_nothing(nlohmann::json::parse(R"({"items": {"$ref": "#/nowhere"}})"), nullptr));
  EXPECT_FALSE(compile_or_nothing(nlohmann::json::parse(R"({"items": {"$ref": "missing.json"}})"), nullptr));
}

TEST(SchemaDraft7, CircleOfRefsIsAnErrorNotACrash) {
  EXPECT_FALSE(compile_or_nothing(nlohmann::json::parse(R"({"$ref": "#"})"), nullptr));
  EXPECT_FALSE(compile_or_nothing(
      nlohmann::json::parse(
          R"({"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"})"),
      nullptr));
  // Recursion through a keyword is fine: it reaches a schema.
  EXPECT_TRUE(compile_or_nothing(nlohmann::json::parse(R"({"items": {"$ref": "#"}})"), nullptr));
}

}  // namespace
}  // namespace evident::io
