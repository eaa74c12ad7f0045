#include "core/policy.h"

#include <gtest/gtest.h>

#include <algorithm>
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

Policy load_fixture(const std::string& name) {
  const std::string bytes = read_source_file("fixtures/policies/" + name);
  return policy_from_file(bytes, json::parse(bytes));
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
  const Policy policy = load_fixture("default.json");
  EXPECT_EQ(canonical_policy_json(policy), canonical_policy_json(default_policy()));
  EXPECT_EQ(policy.sha256, built_in_digest);
}

TEST(PolicyFromFile, DigestIsOfTheExactBytes) {
  const std::string bytes = read_source_file("fixtures/policies/lenient-load.json");
  const Policy from_file = policy_from_file(bytes, json::parse(bytes));
  EXPECT_EQ(from_file.sha256, sha256_hex(bytes));
  // The same document with other whitespace is another file, with another digest.
  const std::string reformatted = json::parse(bytes).dump();
  EXPECT_NE(policy_from_file(reformatted, json::parse(reformatted)).sha256, from_file.sha256);
  // Without the bytes, the canonical text names it.
  const Policy from_json = policy_from_json(json::parse(bytes));
  EXPECT_EQ(from_json.sha256, sha256_hex(canonical_policy_json(from_json)));
}

TEST(PolicyFromFile, LenientLoadRaisesOnlyTheBound) {
  const Policy policy = load_fixture("lenient-load.json");
  EXPECT_EQ(policy.name, "lenient-load");
  EXPECT_EQ(policy.load_avg_max, 2.0);
  EXPECT_EQ(policy.required_labels, default_policy().required_labels);
  EXPECT_TRUE(policy.required_advisories.empty());
}

TEST(PolicyFromFile, StrictRequiresAdvisories) {
  const Policy policy = load_fixture("strict.json");
  EXPECT_EQ(policy.required_advisories, (std::vector<std::string>{"boost.enabled", "smt.sibling_unreserved",
                                                                  "isolation.kernel_missing", "frequency.range"}));
  EXPECT_TRUE(policy_requires(policy, "boost.enabled"));
  EXPECT_TRUE(policy_requires(policy, "boost.unknown"));  // fail closed: an unknown boost may be on
  EXPECT_TRUE(policy_requires(policy, "smt.unknown"));
  EXPECT_TRUE(policy_requires(policy, "isolation.unknown"));
  EXPECT_TRUE(policy_requires(policy, "frequency.range_unknown"));
  EXPECT_FALSE(policy_requires(policy, "aslr.enabled"));
  EXPECT_FALSE(policy_requires(policy, "aslr.unknown"));
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
  EXPECT_EQ(policy_from_json(document).required_advisories,
            (std::vector<std::string>{"boost.enabled", "smt.sibling_unreserved", "isolation.kernel_missing",
                                      "frequency.range"}));
}

TEST(RuleLevels, TheBuiltInPolicyKeepsEveryLevelOfTheCatalogue) {
  const Policy policy = default_policy();
  EXPECT_TRUE(policy.rules.empty());
  for (const RuleInfo& rule : rule_catalogue()) {
    EXPECT_EQ(rule_level(policy, rule.code),
              rule.kind == RuleKind::advisory ? RuleLevel::advisory : RuleLevel::required)
        << rule.code;
  }
  EXPECT_EQ(rule_level(policy, "no.such_code"), RuleLevel::required);
}

TEST(RuleLevels, PowersaveWarnsRelaxesOnlyTheGovernorsValue) {
  const Policy policy = load_fixture("powersave-warns.json");
  EXPECT_EQ(policy.rules, (std::vector<RuleSetting>{{"governor.not_performance", RuleLevel::advisory}}));
  EXPECT_EQ(rule_level(policy, "governor.not_performance"), RuleLevel::advisory);
  EXPECT_EQ(rule_level(policy, "governor.missing"), RuleLevel::required);
  EXPECT_EQ(rule_level(policy, "governor.unreadable"), RuleLevel::required);
  EXPECT_EQ(rule_level(load_fixture("governor-off.json"), "governor.not_performance"), RuleLevel::off);
}

TEST(RuleLevels, ARequiredConditionRequiresItsUnknownCodeUnlessThatIsSetToo) {
  Policy policy = default_policy();
  policy.rules = {{"boost.enabled", RuleLevel::required}};
  EXPECT_EQ(rule_level(policy, "boost.unknown"), RuleLevel::required);  // fail closed
  policy.rules.push_back({"boost.unknown", RuleLevel::advisory});
  EXPECT_EQ(rule_level(policy, "boost.unknown"), RuleLevel::advisory);  // relaxed by name
  policy.rules = {{"boost.enabled", RuleLevel::off}};
  EXPECT_EQ(rule_level(policy, "boost.unknown"), RuleLevel::advisory);
  policy = load_fixture("strict.json");
  EXPECT_EQ(rule_level(policy, "boost.enabled"), RuleLevel::required);
  EXPECT_EQ(rule_level(policy, "boost.unknown"), RuleLevel::required);
  EXPECT_EQ(rule_level(policy, "aslr.enabled"), RuleLevel::advisory);
}

TEST(RuleLevels, FactInvalidAndTheClaimCannotBeRelaxed) {
  Policy policy = default_policy();
  policy.rules = {{"fact.invalid", RuleLevel::off}, {"classification.over_claim", RuleLevel::off}};
  EXPECT_FALSE(rule_level_settable("fact.invalid"));
  EXPECT_FALSE(rule_level_settable("classification.over_claim"));
  EXPECT_TRUE(rule_level_settable("governor.unreadable"));
  EXPECT_EQ(rule_level(policy, "fact.invalid"), RuleLevel::required);
  EXPECT_EQ(rule_level(policy, "classification.over_claim"), RuleLevel::required);
}

TEST(RuleLevels, AreReadInCatalogueOrderAndWrittenOnOneLine) {
  json document = json::parse(read_source_file("fixtures/policies/default.json"));
  document["rules"] = {
      {"aslr.enabled", "off"}, {"governor.not_performance", "advisory"}, {"boost.enabled", "required"}};
  const Policy policy = policy_from_json(document);
  EXPECT_EQ(policy.rules, (std::vector<RuleSetting>{{"governor.not_performance", RuleLevel::advisory},
                                                    {"boost.enabled", RuleLevel::required},
                                                    {"aslr.enabled", RuleLevel::off}}));
  const std::string text = canonical_policy_json(policy);
  EXPECT_NE(text.find("  \"required_advisories\": [],\n  \"rules\": {\"governor.not_performance\": \"advisory\", "
                      "\"boost.enabled\": \"required\", \"aslr.enabled\": \"off\"}\n}\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(policy_from_json(json::parse(text)).rules, policy.rules);
  EXPECT_NE(policy.sha256, built_in_digest);
}

TEST(RuleLevels, ALevelThatContradictsRequiredAdvisoriesIsAProblemAtItsPointer) {
  const json document = json::parse(read_source_file("fixtures/policies/invalid-level-conflict.json"));
  const std::vector<Diagnostic> problems = policy_problems(document);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].code, "policy.level_conflict");
  EXPECT_EQ(problems[0].pointer, "/rules/boost.enabled");
  EXPECT_EQ(problems[0].message,
            "the level \"off\" of \"boost.enabled\" contradicts required_advisories, which lists it as required");
  json agreeing = document;
  agreeing["rules"]["boost.enabled"] = "required";
  EXPECT_TRUE(policy_problems(agreeing).empty());
  EXPECT_TRUE(policy_problems(json::parse(read_source_file("fixtures/policies/strict.json"))).empty());
}

TEST(PolicyFromJson, IntegerBoundBecomesANumber) {
  json document = json::parse(read_source_file("fixtures/policies/default.json"));
  document["load_avg_max"] = 2;
  const Policy policy = policy_from_json(document);
  EXPECT_EQ(policy.load_avg_max, 2.0);
  EXPECT_NE(canonical_policy_json(policy).find("\"load_avg_max\": 2.0,"), std::string::npos);
}

TEST(PolicyFromJson, ReadsEveryMember) {
  const Policy policy = policy_from_json(json::parse(R"({"schema_version": "evident/policy/1", "name": "custom",
      "version": 3, "description": "for tests", "require_self_hosted": false, "required_labels": ["gpu"],
      "required_governor": "schedutil", "require_frequency": false, "load_avg_max": 0.5,
      "require_no_concurrent_jobs": false, "required_advisories": ["aslr.enabled"]})"));
  EXPECT_EQ(policy.name, "custom");
  EXPECT_EQ(policy.version, 3);
  EXPECT_EQ(policy.description, "for tests");
  EXPECT_FALSE(policy.require_self_hosted);
  EXPECT_EQ(policy.required_labels, (std::vector<std::string>{"gpu"}));
  EXPECT_EQ(policy.required_governor, "schedutil");
  EXPECT_FALSE(policy.require_frequency);
  EXPECT_EQ(policy.load_avg_max, 0.5);
  EXPECT_FALSE(policy.require_no_concurrent_jobs);
  EXPECT_EQ(policy.required_advisories, (std::vector<std::string>{"aslr.enabled"}));
}

// The schema is the one statement of what a policy may hold; the reader trusts it.
class PolicySchema : public ::testing::Test {
 protected:
  static io::CompiledSchema compile() {
    return io::CompiledSchema::compile(json::parse(read_source_file("schemas/policy.schema.json")),
                                       [](const std::string&) { return std::optional<json>(); });
  }
};

TEST_F(PolicySchema, AcceptsTheValidFixtures) {
  const io::CompiledSchema schema = compile();
  for (const char* name : {"default.json", "strict.json", "lenient-load.json", "powersave-warns.json",
                           "governor-off.json", "invalid-level-conflict.json"}) {
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
  EXPECT_EQ(schema["required"].size() + 2, schema["properties"].size());  // all but description and rules
}

TEST_F(PolicySchema, RulesNameEverySettableCodeWithTheThreeLevels) {
  const json schema = json::parse(read_source_file("schemas/policy.schema.json"));
  const json& rules = schema["properties"]["rules"];
  EXPECT_EQ(rules["additionalProperties"], false);
  std::vector<std::string> settable;
  for (const RuleInfo& rule : rule_catalogue()) {
    if (rule_level_settable(rule.code)) settable.emplace_back(rule.code);
  }
  std::vector<std::string> listed;
  for (const auto& [code, property] : rules["properties"].items()) {
    listed.push_back(code);
    EXPECT_EQ(property["enum"], json::parse(R"(["required", "advisory", "off"])")) << code;
  }
  std::sort(settable.begin(), settable.end());
  EXPECT_EQ(listed, settable);  // nlohmann's object keeps its keys sorted
  EXPECT_EQ(settable.size(), 35U);
}

TEST_F(PolicySchema, RejectsAnUnknownRuleCodeAndABadLevel) {
  const io::CompiledSchema schema = compile();
  for (const char* name : {"invalid-unknown-rule.json", "invalid-bad-level.json"}) {
    EXPECT_FALSE(schema.validate(json::parse(read_source_file(std::string("fixtures/policies/") + name))).empty())
        << name;
  }
  json document = json::parse(read_source_file("fixtures/policies/default.json"));
  document["rules"] = {{"fact.invalid", "off"}};
  EXPECT_FALSE(schema.validate(document).empty());
  document["rules"] = {{"classification.over_claim", "off"}};
  EXPECT_FALSE(schema.validate(document).empty());
}

}  // namespace
}  // namespace evident
