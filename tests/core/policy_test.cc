#include "core/policy.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/rule_catalogue.h"
#include "core/sha256.h"
#include "io/schema/schema_validator.h"

namespace evident {
namespace {

using nlohmann::json;

std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(EVIDENT_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<Policy> load_fixture(const std::string& name, std::vector<Diagnostic>& diagnostics) {
  const std::string bytes = read_source_file("fixtures/policies/" + name);
  return policy_from_file(bytes, json::parse(bytes), diagnostics);
}

// The digest of the built-in policy; docs/classification.md quotes it. Changing the built-in policy
// changes it, on purpose and visibly.
constexpr std::string_view built_in_digest = "df7e0f7770e09aefc2cf9b473359d21309412f3e5d829377641e244dcbb37a9e";

TEST(PolicyDefault, IsTheRuleSetOfTheSpecification) {
  const Policy policy = default_policy();
  EXPECT_EQ(policy.name, "default");
  EXPECT_EQ(policy.version, 1);
  EXPECT_TRUE(policy.require_self_hosted);
  EXPECT_EQ(policy.required_labels, (std::vector<std::string>{"self-hosted", "isolated-benchmark"}));
  EXPECT_EQ(policy.required_governor, "performance");
  EXPECT_TRUE(policy.require_frequency);
  EXPECT_EQ(policy.load_avg_max, 1.0);
  EXPECT_TRUE(policy.require_no_concurrent_jobs);
  EXPECT_TRUE(policy.required_advisories.empty());
}

TEST(PolicyDefault, DigestIsOfTheCanonicalTextAndFixed) {
  const Policy policy = default_policy();
  EXPECT_EQ(policy.sha256, sha256_hex(canonical_policy_json(policy)));
  EXPECT_EQ(policy.sha256, built_in_digest);
}

TEST(PolicyDefault, FixtureHoldsExactlyTheCanonicalText) {
  EXPECT_EQ(read_source_file("fixtures/policies/default.json"), canonical_policy_json(default_policy()));
}

TEST(PolicyCanonical, HasAFixedLayout) {
  Policy policy = default_policy();
  policy.name = "custom";
  policy.version = 7;
  policy.description.clear();
  policy.required_labels = {"a\"b"};
  policy.load_avg_max = 0.5;
  policy.require_frequency = false;
  policy.required_advisories = {"boost.enabled", "aslr.unknown"};
  EXPECT_EQ(canonical_policy_json(policy),
            "{\n"
            "  \"schema_version\": \"evident/policy/1\",\n"
            "  \"name\": \"custom\",\n"
            "  \"version\": 7,\n"
            "  \"require_self_hosted\": true,\n"
            "  \"required_labels\": [\"a\\\"b\"],\n"
            "  \"required_governor\": \"performance\",\n"
            "  \"require_frequency\": false,\n"
            "  \"load_avg_max\": 0.5,\n"
            "  \"require_no_concurrent_jobs\": true,\n"
            "  \"required_advisories\": [\"boost.enabled\", \"aslr.unknown\"]\n"
            "}\n");
}

TEST(PolicyFromFile, DefaultFixtureEqualsTheBuiltInPolicyAndItsDigest) {
  std::vector<Diagnostic> diagnostics;
  const std::optional<Policy> policy = load_fixture("default.json", diagnostics);
  ASSERT_TRUE(policy) << diagnostics.size();
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(canonical_policy_json(*policy), canonical_policy_json(default_policy()));
  EXPECT_EQ(policy->sha256, built_in_digest);
}

TEST(PolicyFromFile, DigestIsOfTheExactBytes) {
  const std::string bytes = read_source_file("fixtures/policies/lenient-load.json");
  std::vector<Diagnostic> diagnostics;
  const std::optional<Policy> from_file = policy_from_file(bytes, json::parse(bytes), diagnostics);
  ASSERT_TRUE(from_file);
  EXPECT_EQ(from_file->sha256, sha256_hex(bytes));
  // The same document with other whitespace is another file, with another digest.
  const std::string reformatted = json::parse(bytes).dump();
  const std::optional<Policy> other = policy_from_file(reformatted, json::parse(reformatted), diagnostics);
  ASSERT_TRUE(other);
  EXPECT_NE(other->sha256, from_file->sha256);
  // Without the bytes, the canonical text names it.
  const std::optional<Policy> from_json = policy_from_json(json::parse(bytes), diagnostics);
  ASSERT_TRUE(from_json);
  EXPECT_EQ(from_json->sha256, sha256_hex(canonical_policy_json(*from_json)));
  EXPECT_TRUE(diagnostics.empty());
}

TEST(PolicyFromFile, LenientLoadRaisesOnlyTheBound) {
  std::vector<Diagnostic> diagnostics;
  const std::optional<Policy> policy = load_fixture("lenient-load.json", diagnostics);
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->name, "lenient-load");
  EXPECT_EQ(policy->load_avg_max, 2.0);
  EXPECT_EQ(policy->required_labels, default_policy().required_labels);
  EXPECT_TRUE(policy->required_advisories.empty());
}

TEST(PolicyFromFile, StrictRequiresAdvisories) {
  std::vector<Diagnostic> diagnostics;
  const std::optional<Policy> policy = load_fixture("strict.json", diagnostics);
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->required_advisories, (std::vector<std::string>{"boost.enabled", "smt.sibling_unreserved",
                                                                   "isolation.kernel_missing", "frequency.range"}));
  EXPECT_TRUE(policy_requires(*policy, "boost.enabled"));
  EXPECT_TRUE(policy_requires(*policy, "boost.unknown"));  // fail closed: an unknown boost may be on
  EXPECT_TRUE(policy_requires(*policy, "smt.unknown"));
  EXPECT_TRUE(policy_requires(*policy, "isolation.unknown"));
  EXPECT_TRUE(policy_requires(*policy, "frequency.range_unknown"));
  EXPECT_FALSE(policy_requires(*policy, "aslr.enabled"));
  EXPECT_FALSE(policy_requires(*policy, "aslr.unknown"));
}

TEST(PolicyRequires, UnknownCodeAloneRequiresOnlyThatTheFactIsKnown) {
  Policy policy = default_policy();
  policy.required_advisories = {"boost.unknown"};
  EXPECT_TRUE(policy_requires(policy, "boost.unknown"));
  EXPECT_FALSE(policy_requires(policy, "boost.enabled"));
  EXPECT_FALSE(policy_requires(default_policy(), "boost.unknown"));
}

TEST(PolicyFromJson, AdvisoriesAreKeptInCatalogueOrder) {
  json document = json::parse(read_source_file("fixtures/policies/strict.json"));
  document["required_advisories"] = {"frequency.range", "isolation.kernel_missing", "boost.enabled",
                                     "smt.sibling_unreserved"};
  std::vector<Diagnostic> diagnostics;
  const std::optional<Policy> policy = policy_from_json(document, diagnostics);
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->required_advisories, (std::vector<std::string>{"boost.enabled", "smt.sibling_unreserved",
                                                                   "isolation.kernel_missing", "frequency.range"}));
}

TEST(PolicyFromJson, IntegerBoundBecomesANumber) {
  json document = json::parse(read_source_file("fixtures/policies/default.json"));
  document["load_avg_max"] = 2;
  std::vector<Diagnostic> diagnostics;
  const std::optional<Policy> policy = policy_from_json(document, diagnostics);
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->load_avg_max, 2.0);
  EXPECT_NE(canonical_policy_json(*policy).find("\"load_avg_max\": 2.0,"), std::string::npos);
}

TEST(PolicyFromJson, ReportsEveryProblemOfTheInvalidFixture) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(load_fixture("invalid-several-problems.json", diagnostics));
  ASSERT_EQ(diagnostics.size(), 7U);
  const std::vector<std::pair<std::string, std::string>> expected{
      {"policy.member_unknown", "/requried_labels"},
      {"policy.range", "/version"},
      {"policy.type", "/require_self_hosted"},
      {"policy.duplicate", "/required_labels/1"},
      {"policy.range", "/load_avg_max"},
      {"policy.unknown_rule", "/required_advisories/0"},
      {"policy.not_advisory", "/required_advisories/1"},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(diagnostics[i].code, expected[i].first) << i;
    EXPECT_EQ(diagnostics[i].pointer, expected[i].second) << i;
    EXPECT_EQ(diagnostics[i].severity, Severity::error) << i;
  }
  EXPECT_EQ(diagnostics[0].hint, "did you mean \"required_labels\"?");
  EXPECT_EQ(diagnostics[2].message, "require_self_hosted must be true or false, not string");
  EXPECT_EQ(diagnostics[5].hint, "did you mean \"boost.enabled\"?");
  EXPECT_EQ(diagnostics[5].message, "\"boost.enable\" is not an advisory rule code");
  EXPECT_EQ(diagnostics[6].message,
            "\"governor.missing\" is a blocking code, not an advisory one; only advisory codes can be made required");
}

TEST(PolicyFromJson, RejectsANonObject) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(policy_from_json(json::array(), diagnostics));
  ASSERT_EQ(diagnostics.size(), 1U);
  EXPECT_EQ(diagnostics[0].code, "policy.type");
  EXPECT_EQ(diagnostics[0].pointer, "");
}

TEST(PolicyFromJson, ReportsEachMissingMember) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(policy_from_json(json{{"schema_version", "evident/policy/1"}}, diagnostics));
  ASSERT_EQ(diagnostics.size(), 9U);
  EXPECT_EQ(diagnostics[0].code, "policy.member_missing");
  EXPECT_EQ(diagnostics[0].message, "the policy has no \"name\"");
  EXPECT_EQ(diagnostics[8].message, "the policy has no \"required_advisories\"");
}

TEST(PolicyFromJson, RejectsAnotherSchemaVersion) {
  json document = json::parse(read_source_file("fixtures/policies/default.json"));
  document["schema_version"] = "evident/policy/2";
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(policy_from_json(document, diagnostics));
  ASSERT_EQ(diagnostics.size(), 1U);
  EXPECT_EQ(diagnostics[0].code, "policy.schema_version");
  EXPECT_EQ(diagnostics[0].message, "schema_version must be \"evident/policy/1\", not \"evident/policy/2\"");
}

TEST(PolicyFromJson, RejectsBadNamesAndGovernors) {
  json document = json::parse(read_source_file("fixtures/policies/default.json"));
  document["name"] = "-bad";
  document["required_governor"] = "";
  document["version"] = 1.5;
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(policy_from_json(document, diagnostics));
  ASSERT_EQ(diagnostics.size(), 3U);
  EXPECT_EQ(diagnostics[0].pointer, "/name");
  EXPECT_EQ(diagnostics[1].pointer, "/version");
  EXPECT_EQ(diagnostics[1].code, "policy.type");
  EXPECT_EQ(diagnostics[2].pointer, "/required_governor");
}

// The schema and the reader agree: every fixture but the invalid one validates, and the invalid one
// is rejected by both.
class PolicySchema : public ::testing::Test {
 protected:
  static io::CompiledSchema compile() {
    return io::CompiledSchema::compile(json::parse(read_source_file("schemas/policy.schema.json")),
                                       [](const std::string&) { return std::optional<json>(); });
  }
};

TEST_F(PolicySchema, AcceptsTheValidFixtures) {
  const io::CompiledSchema schema = compile();
  for (const char* name : {"default.json", "strict.json", "lenient-load.json"}) {
    EXPECT_TRUE(schema.validate(json::parse(read_source_file(std::string("fixtures/policies/") + name))).empty())
        << name;
  }
  EXPECT_TRUE(schema.validate(json::parse(canonical_policy_json(default_policy()))).empty());
}

TEST_F(PolicySchema, RejectsTheInvalidFixture) {
  const io::CompiledSchema schema = compile();
  EXPECT_FALSE(
      schema.validate(json::parse(read_source_file("fixtures/policies/invalid-several-problems.json"))).empty());
}

TEST_F(PolicySchema, ListsExactlyTheAdvisoryCodes) {
  const json schema = json::parse(read_source_file("schemas/policy.schema.json"));
  EXPECT_EQ(schema["properties"]["required_advisories"]["items"]["enum"].get<std::vector<std::string>>(),
            rule_codes(RuleKind::advisory));
}

TEST_F(PolicySchema, DescribesEveryMember) {
  const json schema = json::parse(read_source_file("schemas/policy.schema.json"));
  EXPECT_EQ(schema["additionalProperties"], false);
  for (const auto& [name, property] : schema["properties"].items()) {
    EXPECT_TRUE(property.contains("description")) << name;
  }
  EXPECT_EQ(schema["required"].size() + 1, schema["properties"].size());  // all but description
}

}  // namespace
}  // namespace evident
