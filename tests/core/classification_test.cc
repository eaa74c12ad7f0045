#include "core/classification.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "core/rule_catalogue.h"

namespace evident {
namespace {

using nlohmann::json;

std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(EVIDENT_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

json load_json(const std::string& relative) { return json::parse(read_source_file(relative)); }

// The example of the specification: every rule holds.
json isolated_evidence() { return load_json("fixtures/evidence/valid/spec-example.json"); }

void set(json& document, const std::string& pointer, json value) {
  document[json::json_pointer(pointer)] = std::move(value);
}

void erase(json& document, const std::string& pointer) {
  const json::json_pointer path(pointer);
  document[path.parent_pointer()].erase(path.back());
}

json unreadable(const std::string& reason) { return json{{"unreadable", reason}}; }

std::vector<std::string> codes(const std::vector<RuleFinding>& findings) {
  std::vector<std::string> result;
  for (const RuleFinding& finding : findings) result.push_back(finding.code);
  return result;
}

std::vector<std::string> pointers(const std::vector<RuleFinding>& findings) {
  std::vector<std::string> result;
  for (const RuleFinding& finding : findings) result.push_back(finding.pointer);
  return result;
}

using Codes = std::vector<std::string>;

// The one finding of a verdict's failed rules (a copy: verdicts are often temporaries), asserting
// there is exactly one.
RuleFinding only_failure(const Verdict& verdict) {
  EXPECT_EQ(verdict.failed_rules.size(), 1U) << ::testing::PrintToString(codes(verdict.failed_rules));
  return verdict.failed_rules.empty() ? RuleFinding{} : verdict.failed_rules.front();
}

void expect_finding(const RuleFinding& finding, const std::string& code, const std::string& pointer,
                    const std::string& observed, const std::string& required) {
  EXPECT_EQ(finding.code, code);
  EXPECT_EQ(finding.pointer, pointer) << code;
  EXPECT_EQ(finding.observed, observed) << code;
  EXPECT_EQ(finding.required, required) << code;
}

void expect_blocking(const RuleFinding& finding) {
  EXPECT_TRUE(finding.blocking) << finding.code;
  EXPECT_EQ(finding.severity, Severity::error) << finding.code;
}

Verdict classify(const json& evidence) { return classify_run(evidence, default_policy()); }

// --- The two fixtures named by the issue -------------------------------------------------------

TEST(ClassificationFixtures, SpecExampleDerivesIsolatedAffinity) {
  const Verdict verdict = classify(isolated_evidence());
  EXPECT_EQ(verdict.derived, RunClass::isolated_affinity);
  EXPECT_EQ(verdict.claimed, RunClass::isolated_affinity);
  EXPECT_TRUE(verdict.failed_rules.empty()) << ::testing::PrintToString(codes(verdict.failed_rules));
  EXPECT_FALSE(verdict.claim_finding);
  EXPECT_FALSE(verdict_fails(verdict));
  EXPECT_EQ(verdict.policy_name, "default");
  EXPECT_EQ(verdict.policy_sha256, default_policy().sha256);
  // CPU 10 shares CPU 2's core and is neither reserved nor recorded offline; ASLR is not recorded.
  EXPECT_EQ(codes(verdict.advisories), (Codes{"smt.sibling_unreserved", "aslr.unknown"}));
  const RuleFinding& smt = verdict.advisories[0];
  expect_finding(smt, "smt.sibling_unreserved", "/host/cpus/0/smt_siblings/1", "10", "in reserved_cpus or offline");
  EXPECT_EQ(smt.severity, Severity::warning);
  EXPECT_FALSE(smt.blocking);
  EXPECT_EQ(smt.message,
            "CPU 10, an SMT sibling of CPU 2, is neither reserved nor offline: other work can share its core");
  EXPECT_EQ(smt.fix, "reserve CPU 10 as well, or take it offline: echo 0 > /sys/devices/system/cpu/cpu10/online");
  expect_finding(verdict.advisories[1], "aslr.unknown", "/host/aslr", "absent", "0");
  EXPECT_EQ(verdict.advisories[1].severity, Severity::note);
}

TEST(ClassificationFixtures, VmWithoutCpufreqDerivesFunctionalNonIsolated) {
  const Verdict verdict = classify(load_json("fixtures/evidence/valid/vm-without-cpufreq.json"));
  EXPECT_EQ(verdict.derived, RunClass::functional_non_isolated);
  EXPECT_EQ(verdict.claimed, RunClass::functional_non_isolated);
  EXPECT_FALSE(verdict.claim_finding);
  EXPECT_FALSE(verdict_fails(verdict));
  EXPECT_EQ(codes(verdict.failed_rules),
            (Codes{"runner.not_self_hosted", "runner.label_missing", "runner.label_missing",
                   "affinity.outside_reserved", "governor.unreadable", "frequency.unreadable", "governor.unreadable",
                   "frequency.unreadable", "load.after_unreadable", "concurrent_jobs.unreadable"}));
  EXPECT_EQ(pointers(verdict.failed_rules),
            (Codes{"/host/runner/self_hosted", "/host/runner/labels", "/host/runner/labels", "/host/affinity",
                   "/host/cpus/0/governor", "/host/cpus/0/frequency_khz", "/host/cpus/1/governor",
                   "/host/cpus/1/frequency_khz", "/host/load_avg/after", "/host/concurrent_jobs"}));
  for (const RuleFinding& finding : verdict.failed_rules) expect_blocking(finding);

  const RuleFinding& governor = verdict.failed_rules[4];
  expect_finding(governor, "governor.unreadable", "/host/cpus/0/governor",
                 "unreadable: ENOENT: /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "\"performance\"");
  EXPECT_EQ(governor.message,
            "the governor of CPU 0 is unreadable (\"ENOENT: /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor\")");
  EXPECT_EQ(
      governor.fix,
      "run on a host whose cpufreq governor of CPU 0 is readable, then: cpupower -c 0 frequency-set -g performance");
  expect_finding(verdict.failed_rules[1], "runner.label_missing", "/host/runner/labels", "[\"ubuntu-latest\"]",
                 "contains \"self-hosted\"");
  expect_finding(verdict.failed_rules[2], "runner.label_missing", "/host/runner/labels", "[\"ubuntu-latest\"]",
                 "contains \"isolated-benchmark\"");
  expect_finding(verdict.failed_rules[3], "affinity.outside_reserved", "/host/affinity", "[0,1]",
                 "inside reserved_cpus []");
  EXPECT_EQ(verdict.failed_rules[3].message, "CPUs 0, 1 of the affinity are not in reserved_cpus []");
  expect_finding(verdict.failed_rules[8], "load.after_unreadable", "/host/load_avg/after",
                 "unreadable: EIO: /proc/loadavg", "after[0] <= 1.0");
  expect_finding(verdict.failed_rules[9], "concurrent_jobs.unreadable", "/host/concurrent_jobs",
                 "unreadable: EACCES: /proc/1234/stat", "[]");

  EXPECT_EQ(codes(verdict.advisories),
            (Codes{"boost.unknown", "smt.sibling_unreserved", "smt.unknown", "isolation.kernel_missing",
                   "isolation.kernel_missing", "frequency.range_unknown", "frequency.range_unknown", "aslr.enabled"}));
  EXPECT_EQ(pointers(verdict.advisories),
            (Codes{"/host/boost", "/host/cpus/0/smt_siblings/1", "/host/cpus/1/smt_siblings", "/host/isolcpus",
                   "/host/kernel_cmdline", "/host/cpus/0/min_khz", "/host/cpus/1/min_khz", "/host/aslr"}));
  expect_finding(verdict.advisories[3], "isolation.kernel_missing", "/host/isolcpus", "[]", "contains [0,1]");
  EXPECT_EQ(verdict.advisories[4].required, "nohz_full= covering [0,1]");
  EXPECT_EQ(verdict.advisories[4].message,
            "the kernel command line has no nohz_full= covering CPUs 0, 1 (host.nohz_full is unreadable: ENOENT: "
            "/sys/devices/system/cpu/nohz_full)");
  EXPECT_EQ(verdict.advisories[4].fix,
            "add isolcpus=0,1 nohz_full=0,1 to the kernel command line (isolcpus= without flags, or with domain "
            "among them) and reboot; /sys/devices/system/cpu/isolated and nohz_full show what the kernel applied");
  expect_finding(verdict.advisories[7], "aslr.enabled", "/host/aslr", "2", "0");
}

TEST(ClassificationFixtures, MinimalEvidenceFailsEveryRuleClosed) {
  const Verdict verdict = classify(load_json("fixtures/evidence/valid/minimal.json"));
  EXPECT_EQ(verdict.derived, RunClass::functional_non_isolated);
  EXPECT_EQ(codes(verdict.failed_rules),
            (Codes{"runner.missing", "affinity.missing", "load.missing", "concurrent_jobs.missing"}));
  expect_finding(verdict.failed_rules[0], "runner.missing", "/host/runner", "absent",
                 "self_hosted true, labels containing \"self-hosted\", \"isolated-benchmark\"");
  expect_finding(verdict.failed_rules[1], "affinity.missing", "/host/affinity", "absent", "a non-empty CPU list");
  expect_finding(verdict.failed_rules[2], "load.missing", "/host/load_avg", "absent",
                 "before[0] <= 1.0 and after[0] <= 1.0");
  expect_finding(verdict.failed_rules[3], "concurrent_jobs.missing", "/host/concurrent_jobs", "absent", "[]");
  EXPECT_EQ(codes(verdict.advisories), (Codes{"boost.unknown", "aslr.unknown"}));
}

// --- Rule 1: runner -------------------------------------------------------------------------------

TEST(ClassificationRunner, AbsentAndUnreadableHaveDifferentCodes) {
  json evidence = isolated_evidence();
  erase(evidence, "/host/runner");
  expect_finding(only_failure(classify(evidence)), "runner.missing", "/host/runner", "absent",
                 "self_hosted true, labels containing \"self-hosted\", \"isolated-benchmark\"");
  set(evidence, "/host/runner", unreadable("RUNNER_NAME not set"));
  const RuleFinding finding = only_failure(classify(evidence));
  expect_finding(finding, "runner.unreadable", "/host/runner", "unreadable: RUNNER_NAME not set",
                 "self_hosted true, labels containing \"self-hosted\", \"isolated-benchmark\"");
  expect_blocking(finding);
}

TEST(ClassificationRunner, NotSelfHosted) {
  json evidence = isolated_evidence();
  set(evidence, "/host/runner/self_hosted", false);
  const RuleFinding finding = only_failure(classify(evidence));
  expect_finding(finding, "runner.not_self_hosted", "/host/runner/self_hosted", "false", "true");
  expect_blocking(finding);
}

TEST(ClassificationRunner, OneFindingPerMissingLabel) {
  json evidence = isolated_evidence();
  set(evidence, "/host/runner/labels", json::array({"linux", "isolated-benchmark"}));
  const RuleFinding finding = only_failure(classify(evidence));
  expect_finding(finding, "runner.label_missing", "/host/runner/labels", "[\"linux\",\"isolated-benchmark\"]",
                 "contains \"self-hosted\"");
  EXPECT_EQ(finding.message, "the runner does not have the label \"self-hosted\"");
  EXPECT_EQ(
      finding.fix,
      "add the label \"self-hosted\" to the runner (./config.sh --labels \"self-hosted\") and target it in runs-on");

  set(evidence, "/host/runner/labels", json::array());
  const Verdict verdict = classify(evidence);
  EXPECT_EQ(codes(verdict.failed_rules), (Codes{"runner.label_missing", "runner.label_missing"}));
  EXPECT_EQ(verdict.failed_rules[0].required, "contains \"self-hosted\"");
  EXPECT_EQ(verdict.failed_rules[1].required, "contains \"isolated-benchmark\"");
  EXPECT_EQ(verdict.failed_rules[1].observed, "[]");
}

TEST(ClassificationRunner, PolicyLabelsAreTheOnesChecked) {
  json evidence = isolated_evidence();
  Policy policy = default_policy();
  policy.required_labels = {"bench-lab"};
  const RuleFinding finding = only_failure(classify_run(evidence, policy));
  EXPECT_EQ(finding.required, "contains \"bench-lab\"");
  policy.required_labels.clear();
  policy.require_self_hosted = false;
  erase(evidence, "/host/runner");
  EXPECT_TRUE(classify_run(evidence, policy).failed_rules.empty());  // nothing is required of the runner
}

TEST(ClassificationRunner, WrongShapeFailsClosedAsInvalid) {
  json evidence = isolated_evidence();
  set(evidence, "/host/runner/self_hosted", "yes");
  expect_finding(only_failure(classify(evidence)), "fact.invalid", "/host/runner/self_hosted", "\"yes\"",
                 "true or false");
}

// --- Rule 2: affinity ---------------------------------------------------------------------------

TEST(ClassificationAffinity, AbsentUnreadableAndEmpty) {
  json evidence = isolated_evidence();
  erase(evidence, "/host/affinity");
  expect_finding(only_failure(classify(evidence)), "affinity.missing", "/host/affinity", "absent",
                 "a non-empty CPU list");
  set(evidence, "/host/affinity", unreadable("EACCES: /proc/42/status"));
  expect_finding(only_failure(classify(evidence)), "affinity.unreadable", "/host/affinity",
                 "unreadable: EACCES: /proc/42/status", "a non-empty CPU list");
  set(evidence, "/host/affinity", json::array());
  expect_finding(only_failure(classify(evidence)), "affinity.empty", "/host/affinity", "[]", "a non-empty CPU list");
}

TEST(ClassificationAffinity, ReservedCpusAbsentMeansNoReservationToCheck) {
  json evidence = isolated_evidence();
  erase(evidence, "/host/reserved_cpus");
  EXPECT_TRUE(classify(evidence).failed_rules.empty());
}

TEST(ClassificationAffinity, ReservedCpusUnreadableFailsClosed) {
  json evidence = isolated_evidence();
  set(evidence, "/host/reserved_cpus", unreadable("ENOENT: /sys/devices/system/cpu/isolated"));
  const RuleFinding finding = only_failure(classify(evidence));
  expect_finding(finding, "reserved.unreadable", "/host/reserved_cpus",
                 "unreadable: ENOENT: /sys/devices/system/cpu/isolated", "a CPU list containing the affinity");
  expect_blocking(finding);
}

TEST(ClassificationAffinity, OutsideReserved) {
  json evidence = isolated_evidence();
  set(evidence, "/host/affinity", json::array({2, 3}));
  json cpu3 = evidence["host"]["cpus"][0];
  cpu3["id"] = 3;
  cpu3["smt_siblings"] = json::array({3, 11});
  evidence["host"]["cpus"].push_back(cpu3);
  const RuleFinding finding = only_failure(classify(evidence));
  expect_finding(finding, "affinity.outside_reserved", "/host/affinity", "[2,3]", "inside reserved_cpus [2]");
  EXPECT_EQ(finding.message, "CPU 3 of the affinity is not in reserved_cpus [2]");
  EXPECT_EQ(
      finding.fix,
      "pin only to reserved CPUs (evident capture --cpus LIST), or reserve CPUs 3 as well (isolcpus=3 on the kernel "
      "command line)");
}

TEST(ClassificationAffinity, EmptyReservationHoldsNoAffinity) {
  json evidence = isolated_evidence();
  set(evidence, "/host/reserved_cpus", json::array());
  expect_finding(only_failure(classify(evidence)), "affinity.outside_reserved", "/host/affinity", "[2]",
                 "inside reserved_cpus []");
}

TEST(ClassificationAffinity, NotACpuListIsInvalid) {
  json evidence = isolated_evidence();
  set(evidence, "/host/affinity", "2");
  expect_finding(only_failure(classify(evidence)), "fact.invalid", "/host/affinity", "\"2\"", "a list of CPU numbers");
}

// --- Rule 3: every CPU of the affinity ----------------------------------------------------------

TEST(ClassificationCpus, MissingEntry) {
  json evidence = isolated_evidence();
  set(evidence, "/host/cpus/0/id", 5);
  const RuleFinding finding = only_failure(classify(evidence));
  expect_finding(finding, "cpu.missing", "/host/cpus", "absent", "an entry with \"id\": 2");
  EXPECT_EQ(finding.message, "CPU 2 of the affinity has no entry in host.cpus");
  erase(evidence, "/host/cpus");
  expect_finding(only_failure(classify(evidence)), "cpu.missing", "/host/cpus", "absent", "an entry with \"id\": 2");
}

TEST(ClassificationCpus, GovernorAbsentUnreadableAndWrong) {
  json evidence = isolated_evidence();
  erase(evidence, "/host/cpus/0/governor");
  expect_finding(only_failure(classify(evidence)), "governor.missing", "/host/cpus/0/governor", "absent",
                 "\"performance\"");
  set(evidence, "/host/cpus/0/governor", unreadable("ENOENT: /sys/devices/system/cpu/cpu2/cpufreq/scaling_governor"));
  expect_finding(only_failure(classify(evidence)), "governor.unreadable", "/host/cpus/0/governor",
                 "unreadable: ENOENT: /sys/devices/system/cpu/cpu2/cpufreq/scaling_governor", "\"performance\"");
  set(evidence, "/host/cpus/0/governor", "powersave");
  const RuleFinding finding = only_failure(classify(evidence));
  expect_finding(finding, "governor.not_performance", "/host/cpus/0/governor", "\"powersave\"", "\"performance\"");
  EXPECT_EQ(finding.message, "the governor of CPU 2 is \"powersave\", not \"performance\"");
  EXPECT_EQ(finding.fix, "cpupower -c 2 frequency-set -g performance");
  expect_blocking(finding);
}

TEST(ClassificationCpus, FrequencyAbsentAndUnreadable) {
  json evidence = isolated_evidence();
  erase(evidence, "/host/cpus/0/frequency_khz");
  expect_finding(only_failure(classify(evidence)), "frequency.missing", "/host/cpus/0/frequency_khz", "absent",
                 "recorded");
  set(evidence, "/host/cpus/0/frequency_khz", unreadable("ENOENT: scaling_cur_freq"));
  expect_finding(only_failure(classify(evidence)), "frequency.unreadable", "/host/cpus/0/frequency_khz",
                 "unreadable: ENOENT: scaling_cur_freq", "recorded");
  Policy policy = default_policy();
  policy.require_frequency = false;
  EXPECT_TRUE(classify_run(evidence, policy).failed_rules.empty());
}

TEST(ClassificationCpus, FindingsFollowRuleThenAscendingCpuOrder) {
  json evidence = isolated_evidence();
  set(evidence, "/host/affinity", json::array({7, 3}));
  set(evidence, "/host/reserved_cpus", json::array({3, 7}));
  json cpu7 = evidence["host"]["cpus"][0];
  cpu7["id"] = 7;
  cpu7["governor"] = "schedutil";
  erase(cpu7, "/frequency_khz");
  json cpu3 = cpu7;
  cpu3["id"] = 3;
  set(evidence, "/host/cpus", json::array({cpu7, cpu3}));
  set(evidence, "/host/load_avg/after/0", 3.5);
  const Verdict verdict = classify(evidence);
  EXPECT_EQ(codes(verdict.failed_rules),
            (Codes{"governor.not_performance", "frequency.missing", "governor.not_performance", "frequency.missing",
                   "load.after_too_high"}));
  EXPECT_EQ(pointers(verdict.failed_rules),
            (Codes{"/host/cpus/1/governor", "/host/cpus/1/frequency_khz", "/host/cpus/0/governor",
                   "/host/cpus/0/frequency_khz", "/host/load_avg/after/0"}));
}

TEST(ClassificationCpus, OtherRequiredGovernor) {
  json evidence = isolated_evidence();
  Policy policy = default_policy();
  policy.required_governor = "userspace";
  const RuleFinding finding = only_failure(classify_run(evidence, policy));
  expect_finding(finding, "governor.not_performance", "/host/cpus/0/governor", "\"performance\"", "\"userspace\"");
  EXPECT_EQ(finding.fix, "cpupower -c 2 frequency-set -g userspace");
}

// --- Rule 4: load average -----------------------------------------------------------------------

TEST(ClassificationLoad, BoundIsInclusive) {
  json evidence = isolated_evidence();
  set(evidence, "/host/load_avg/before/0", 1.0);
  set(evidence, "/host/load_avg/after/0", 1.0);
  EXPECT_TRUE(classify(evidence).failed_rules.empty());
  set(evidence, "/host/load_avg/before/0", 1.01);
  const RuleFinding finding = only_failure(classify(evidence));
  expect_finding(finding, "load.before_too_high", "/host/load_avg/before/0", "1.01", "<= 1.0");
  EXPECT_EQ(finding.message, "the 1-minute load average before the run was 1.01, above 1.0");
  EXPECT_EQ(finding.fix, "stop other work and wait until the 1-minute load average is at most 1.0 before starting");
  expect_blocking(finding);
  set(evidence, "/host/load_avg/before/0", 1.0);
  set(evidence, "/host/load_avg/after/0", 1.01);
  expect_finding(only_failure(classify(evidence)), "load.after_too_high", "/host/load_avg/after/0", "1.01", "<= 1.0");
}

TEST(ClassificationLoad, IntegerLoadIsANumberToo) {
  json evidence = isolated_evidence();
  set(evidence, "/host/load_avg/before/0", 1);
  EXPECT_TRUE(classify(evidence).failed_rules.empty());
  set(evidence, "/host/load_avg/before/0", 2);
  expect_finding(only_failure(classify(evidence)), "load.before_too_high", "/host/load_avg/before/0", "2", "<= 1.0");
}

TEST(ClassificationLoad, OnlyTheOneMinuteAverageCounts) {
  json evidence = isolated_evidence();
  set(evidence, "/host/load_avg/before", json::array({0.5, 9.0, 9.0}));
  EXPECT_TRUE(classify(evidence).failed_rules.empty());
}

TEST(ClassificationLoad, AbsentAndUnreadableBeforeAndAfter) {
  json evidence = isolated_evidence();
  erase(evidence, "/host/load_avg/before");
  expect_finding(only_failure(classify(evidence)), "load.before_missing", "/host/load_avg/before", "absent",
                 "before[0] <= 1.0");
  set(evidence, "/host/load_avg/before", unreadable("EIO: /proc/loadavg"));
  expect_finding(only_failure(classify(evidence)), "load.before_unreadable", "/host/load_avg/before",
                 "unreadable: EIO: /proc/loadavg", "before[0] <= 1.0");
  evidence = isolated_evidence();
  erase(evidence, "/host/load_avg/after");
  expect_finding(only_failure(classify(evidence)), "load.after_missing", "/host/load_avg/after", "absent",
                 "after[0] <= 1.0");
  set(evidence, "/host/load_avg/after", unreadable("EIO: /proc/loadavg"));
  expect_finding(only_failure(classify(evidence)), "load.after_unreadable", "/host/load_avg/after",
                 "unreadable: EIO: /proc/loadavg", "after[0] <= 1.0");
  erase(evidence, "/host/load_avg");
  expect_finding(only_failure(classify(evidence)), "load.missing", "/host/load_avg", "absent",
                 "before[0] <= 1.0 and after[0] <= 1.0");
}

TEST(ClassificationLoad, PolicyBoundIsUsed) {
  const std::optional<Policy> lenient = policy_from_json(load_json("fixtures/policies/lenient-load.json"));
  json evidence = isolated_evidence();
  set(evidence, "/host/load_avg/before/0", 2.0);
  const Verdict verdict = classify_run(evidence, *lenient);
  EXPECT_TRUE(verdict.failed_rules.empty());
  EXPECT_EQ(verdict.policy_name, "lenient-load");
  EXPECT_EQ(verdict.policy_sha256, lenient->sha256);
  set(evidence, "/host/load_avg/before/0", 2.01);
  expect_finding(only_failure(classify_run(evidence, *lenient)), "load.before_too_high", "/host/load_avg/before/0",
                 "2.01", "<= 2.0");
}

// --- Rule 5: concurrent jobs --------------------------------------------------------------------

TEST(ClassificationConcurrentJobs, AbsentUnreadableAndPresent) {
  json evidence = isolated_evidence();
  erase(evidence, "/host/concurrent_jobs");
  expect_finding(only_failure(classify(evidence)), "concurrent_jobs.missing", "/host/concurrent_jobs", "absent", "[]");
  set(evidence, "/host/concurrent_jobs", unreadable("EACCES: /proc/1234/stat"));
  expect_finding(only_failure(classify(evidence)), "concurrent_jobs.unreadable", "/host/concurrent_jobs",
                 "unreadable: EACCES: /proc/1234/stat", "[]");
  set(evidence, "/host/concurrent_jobs",
      json::array(
          {json{{"pid", 4242}, {"command", "make -j8"}, {"cpu_share", 0.5}}, json{{"pid", 7}, {"command", "cc1"}}}));
  const Verdict verdict = classify(evidence);
  ASSERT_EQ(codes(verdict.failed_rules), (Codes{"concurrent_jobs.present", "concurrent_jobs.present"}));
  expect_finding(verdict.failed_rules[0], "concurrent_jobs.present", "/host/concurrent_jobs/0",
                 "{\"command\":\"make -j8\",\"cpu_share\":0.5,\"pid\":4242}", "none");
  EXPECT_EQ(verdict.failed_rules[0].message,
            "process 4242 (\"make -j8\") was busy on the benchmark CPUs during the run");
  EXPECT_EQ(verdict.failed_rules[0].fix,
            "stop process 4242 or keep it off the benchmark CPUs (isolcpus=, cpusets) and capture again");
  EXPECT_EQ(verdict.failed_rules[1].pointer, "/host/concurrent_jobs/1");
}

TEST(ClassificationConcurrentJobs, PolicyMayWaiveTheRule) {
  json evidence = isolated_evidence();
  erase(evidence, "/host/concurrent_jobs");
  Policy policy = default_policy();
  policy.require_no_concurrent_jobs = false;
  EXPECT_TRUE(classify_run(evidence, policy).failed_rules.empty());
}

// --- Several failures at once --------------------------------------------------------------------

TEST(ClassificationSeveral, EveryFailureIsReportedInRuleOrder) {
  json evidence = isolated_evidence();
  erase(evidence, "/host/runner");
  set(evidence, "/host/reserved_cpus", unreadable("EIO"));
  set(evidence, "/host/cpus/0/governor", "powersave");
  set(evidence, "/host/cpus/0/frequency_khz", unreadable("ENOENT"));
  set(evidence, "/host/load_avg/before/0", 1.5);
  set(evidence, "/host/load_avg/after/0", 2.5);
  set(evidence, "/host/concurrent_jobs", json::array({json{{"pid", 9}, {"command", "x"}}}));
  const Verdict verdict = classify(evidence);
  EXPECT_EQ(verdict.derived, RunClass::functional_non_isolated);
  EXPECT_EQ(codes(verdict.failed_rules),
            (Codes{"runner.missing", "reserved.unreadable", "governor.not_performance", "frequency.unreadable",
                   "load.before_too_high", "load.after_too_high", "concurrent_jobs.present"}));
}

TEST(ClassificationSeveral, SameInputSameVerdict) {
  const json evidence = load_json("fixtures/evidence/valid/vm-without-cpufreq.json");
  const Verdict first = classify(evidence);
  const Verdict second = classify(evidence);
  EXPECT_EQ(codes(first.failed_rules), codes(second.failed_rules));
  EXPECT_EQ(pointers(first.advisories), pointers(second.advisories));
}

// --- The claim ----------------------------------------------------------------------------------

TEST(ClassificationClaim, OverClaimIsAnError) {
  json evidence = isolated_evidence();
  set(evidence, "/host/cpus/0/governor", "powersave");
  const Verdict verdict = classify(evidence);
  EXPECT_EQ(verdict.derived, RunClass::functional_non_isolated);
  EXPECT_EQ(verdict.claimed, RunClass::isolated_affinity);
  ASSERT_TRUE(verdict.claim_finding);
  expect_finding(*verdict.claim_finding, "classification.over_claim", "/classification", "\"isolated_affinity\"",
                 "\"functional_non_isolated\"");
  EXPECT_EQ(verdict.claim_finding->severity, Severity::error);
  EXPECT_EQ(verdict.claim_finding->message,
            "the file claims isolated_affinity, but its host metadata derives functional_non_isolated");
  EXPECT_TRUE(verdict_fails(verdict));
}

TEST(ClassificationClaim, UnderClaimIsANote) {
  json evidence = isolated_evidence();
  set(evidence, "/classification", "functional_non_isolated");
  const Verdict verdict = classify(evidence);
  EXPECT_EQ(verdict.derived, RunClass::isolated_affinity);
  ASSERT_TRUE(verdict.claim_finding);
  expect_finding(*verdict.claim_finding, "classification.under_claim", "/classification", "\"functional_non_isolated\"",
                 "\"isolated_affinity\"");
  EXPECT_EQ(verdict.claim_finding->severity, Severity::note);
  EXPECT_FALSE(verdict.claim_finding->blocking);
  EXPECT_FALSE(verdict_fails(verdict));
}

TEST(ClassificationClaim, MatchingFunctionalClaimIsFine) {
  json evidence = isolated_evidence();
  set(evidence, "/classification", "functional_non_isolated");
  erase(evidence, "/host/affinity");
  const Verdict verdict = classify(evidence);
  EXPECT_FALSE(verdict.claim_finding);
  EXPECT_FALSE(verdict_fails(verdict));
}

TEST(ClassificationClaim, MissingOrUnknownClaimIsAnError) {
  json evidence = isolated_evidence();
  erase(evidence, "/classification");
  Verdict verdict = classify(evidence);
  EXPECT_FALSE(verdict.claimed);
  ASSERT_TRUE(verdict.claim_finding);
  expect_finding(*verdict.claim_finding, "classification.claim_missing", "/classification", "absent",
                 "\"isolated_affinity\"");
  EXPECT_TRUE(verdict_fails(verdict));
  set(evidence, "/classification", "isolated");
  verdict = classify(evidence);
  ASSERT_TRUE(verdict.claim_finding);
  expect_finding(*verdict.claim_finding, "classification.claim_unknown", "/classification", "\"isolated\"",
                 "\"isolated_affinity\"");
  set(evidence, "/classification", 1);
  verdict = classify(evidence);
  ASSERT_TRUE(verdict.claim_finding);
  EXPECT_EQ(verdict.claim_finding->code, "classification.claim_unknown");
  EXPECT_EQ(verdict.claim_finding->observed, "1");
}

TEST(ClassificationClaim, RunClassNames) {
  EXPECT_EQ(run_class_name(RunClass::isolated_affinity), "isolated_affinity");
  EXPECT_EQ(run_class_name(RunClass::functional_non_isolated), "functional_non_isolated");
  EXPECT_EQ(parse_run_class("isolated_affinity"), RunClass::isolated_affinity);
  EXPECT_EQ(parse_run_class("functional_non_isolated"), RunClass::functional_non_isolated);
  EXPECT_EQ(parse_run_class("Isolated_affinity"), std::nullopt);
  EXPECT_EQ(parse_run_class(""), std::nullopt);
}

// --- Advisories ---------------------------------------------------------------------------------

TEST(ClassificationAdvisory, BoostEnabledAndUnknown) {
  json evidence = isolated_evidence();
  set(evidence, "/host/boost", "enabled");
  Verdict verdict = classify(evidence);
  EXPECT_TRUE(verdict.failed_rules.empty());
  ASSERT_EQ(codes(verdict.advisories), (Codes{"boost.enabled", "smt.sibling_unreserved", "aslr.unknown"}));
  expect_finding(verdict.advisories[0], "boost.enabled", "/host/boost", "\"enabled\"", "\"disabled\"");
  EXPECT_EQ(verdict.advisories[0].severity, Severity::warning);
  EXPECT_EQ(verdict.advisories[0].fix,
            "echo 0 > /sys/devices/system/cpu/cpufreq/boost (intel_pstate: echo 1 > "
            "/sys/devices/system/cpu/intel_pstate/no_turbo)");
  erase(evidence, "/host/boost");
  verdict = classify(evidence);
  expect_finding(verdict.advisories[0], "boost.unknown", "/host/boost", "absent", "\"disabled\"");
  EXPECT_EQ(verdict.advisories[0].severity, Severity::note);
  set(evidence, "/host/boost", unreadable("ENOENT: /sys/devices/system/cpu/cpufreq/boost"));
  verdict = classify(evidence);
  expect_finding(verdict.advisories[0], "boost.unknown", "/host/boost",
                 "unreadable: ENOENT: /sys/devices/system/cpu/cpufreq/boost", "\"disabled\"");
}

TEST(ClassificationAdvisory, SmtSiblingReservedOrOfflineIsFine) {
  json evidence = isolated_evidence();
  set(evidence, "/host/reserved_cpus", json::array({2, 10}));
  EXPECT_EQ(codes(classify(evidence).advisories), (Codes{"aslr.unknown"}));
  evidence = isolated_evidence();
  evidence["host"]["cpus"].push_back(json{{"id", 10}, {"online", false}});
  EXPECT_EQ(codes(classify(evidence).advisories), (Codes{"aslr.unknown"}));
  set(evidence, "/host/cpus/1/online", unreadable("EACCES"));  // not known to be offline
  EXPECT_EQ(codes(classify(evidence).advisories), (Codes{"smt.sibling_unreserved", "aslr.unknown"}));
  set(evidence, "/host/cpus/0/smt_siblings", json::array({2}));  // SMT off
  EXPECT_EQ(codes(classify(evidence).advisories), (Codes{"aslr.unknown"}));
}

TEST(ClassificationAdvisory, SmtSiblingsUnknown) {
  json evidence = isolated_evidence();
  set(evidence, "/host/cpus/0/smt_siblings", unreadable("ENOENT: thread_siblings_list"));
  const Verdict verdict = classify(evidence);
  ASSERT_EQ(codes(verdict.advisories), (Codes{"smt.unknown", "aslr.unknown"}));
  expect_finding(verdict.advisories[0], "smt.unknown", "/host/cpus/0/smt_siblings",
                 "unreadable: ENOENT: thread_siblings_list", "recorded");
}

TEST(ClassificationAdvisory, IsolationFromTheKernelLists) {
  json evidence = isolated_evidence();
  set(evidence, "/host/kernel_cmdline", "quiet");
  set(evidence, "/host/isolcpus", json::array({2, 3}));
  set(evidence, "/host/nohz_full", json::array({2}));
  EXPECT_EQ(codes(classify(evidence).advisories), (Codes{"smt.sibling_unreserved", "aslr.unknown"}));
  set(evidence, "/host/nohz_full", json::array({3}));
  const Verdict verdict = classify(evidence);
  ASSERT_EQ(codes(verdict.advisories), (Codes{"smt.sibling_unreserved", "isolation.kernel_missing", "aslr.unknown"}));
  expect_finding(verdict.advisories[1], "isolation.kernel_missing", "/host/nohz_full", "[3]", "contains [2]");
  EXPECT_EQ(verdict.advisories[1].message, "CPU 2 of the affinity is not in host.nohz_full");
  EXPECT_EQ(verdict.advisories[1].fix,
            "add isolcpus=2 nohz_full=2 to the kernel command line (isolcpus= without flags, or with domain among "
            "them) and reboot; /sys/devices/system/cpu/isolated and nohz_full show what the kernel applied");
}

TEST(ClassificationAdvisory, IsolationAskedOnTheCommandLineButNotApplied) {
  json evidence = isolated_evidence();
  // isolcpus= with flags that leave out domain: the kernel's list of isolated CPUs stays empty.
  set(evidence, "/host/kernel_cmdline", "ro isolcpus=managed_irq,2 nohz_full=2-3");
  set(evidence, "/host/isolcpus", json::array());
  set(evidence, "/host/nohz_full", json::array({3}));
  const Verdict verdict = classify(evidence);
  ASSERT_EQ(codes(verdict.advisories),
            (Codes{"smt.sibling_unreserved", "isolation.kernel_missing", "isolation.kernel_missing", "aslr.unknown"}));
  expect_finding(verdict.advisories[1], "isolation.kernel_missing", "/host/isolcpus", "[]", "contains [2]");
  EXPECT_EQ(verdict.advisories[1].message,
            "CPU 2 of the affinity is not in host.isolcpus, though the kernel command line has "
            "isolcpus=managed_irq,2: the running kernel did not apply it");
  EXPECT_EQ(verdict.advisories[2].message,
            "CPU 2 of the affinity is not in host.nohz_full, though the kernel command line has nohz_full=2-3: the "
            "running kernel did not apply it");
  // A command line that does not cover the CPU says nothing more.
  set(evidence, "/host/kernel_cmdline", "ro isolcpus=5");
  EXPECT_EQ(classify(evidence).advisories[1].message, "CPU 2 of the affinity is not in host.isolcpus");
}

TEST(ClassificationAdvisory, IsolationFromTheKernelCommandLine) {
  json evidence = isolated_evidence();
  set(evidence, "/host/kernel_cmdline", "ro quiet");
  Verdict verdict = classify(evidence);
  ASSERT_EQ(codes(verdict.advisories),
            (Codes{"smt.sibling_unreserved", "isolation.kernel_missing", "isolation.kernel_missing", "aslr.unknown"}));
  expect_finding(verdict.advisories[1], "isolation.kernel_missing", "/host/kernel_cmdline", "\"ro quiet\"",
                 "isolcpus= covering [2]");
  EXPECT_EQ(verdict.advisories[1].message,
            "the kernel command line has no isolcpus= covering CPU 2 (host.isolcpus is absent)");
  expect_finding(verdict.advisories[2], "isolation.kernel_missing", "/host/kernel_cmdline", "\"ro quiet\"",
                 "nohz_full= covering [2]");

  // Flags, ranges and groups as the kernel reads them; the last parameter wins.
  set(evidence, "/host/kernel_cmdline", "isolcpus=domain,managed_irq,1-3 nohz_full=0-7:1/2");
  EXPECT_EQ(codes(classify(evidence).advisories), (Codes{"smt.sibling_unreserved", "aslr.unknown"}));
  set(evidence, "/host/kernel_cmdline", "isolcpus=2 nohz_full=0-7:1/4");
  EXPECT_EQ(codes(classify(evidence).advisories),
            (Codes{"smt.sibling_unreserved", "isolation.kernel_missing", "aslr.unknown"}));
  set(evidence, "/host/kernel_cmdline", "isolcpus=2 nohz_full=2 isolcpus=3");
  verdict = classify(evidence);
  ASSERT_EQ(codes(verdict.advisories), (Codes{"smt.sibling_unreserved", "isolation.kernel_missing", "aslr.unknown"}));
  EXPECT_EQ(verdict.advisories[1].required, "isolcpus= covering [2]");
}

TEST(ClassificationAdvisory, IsolationUnknown) {
  json evidence = isolated_evidence();
  erase(evidence, "/host/kernel_cmdline");
  set(evidence, "/host/nohz_full", unreadable("ENOENT: /sys/devices/system/cpu/nohz_full"));
  const Verdict verdict = classify(evidence);
  ASSERT_EQ(codes(verdict.advisories),
            (Codes{"smt.sibling_unreserved", "isolation.unknown", "isolation.unknown", "aslr.unknown"}));
  expect_finding(verdict.advisories[1], "isolation.unknown", "/host/isolcpus", "absent", "recorded");
  expect_finding(verdict.advisories[2], "isolation.unknown", "/host/nohz_full",
                 "unreadable: ENOENT: /sys/devices/system/cpu/nohz_full", "recorded");
  EXPECT_EQ(verdict.advisories[1].severity, Severity::note);
}

TEST(ClassificationAdvisory, FrequencyRange) {
  json evidence = isolated_evidence();
  set(evidence, "/host/cpus/0/min_khz", 800000);
  Verdict verdict = classify(evidence);
  ASSERT_EQ(codes(verdict.advisories), (Codes{"smt.sibling_unreserved", "frequency.range", "aslr.unknown"}));
  expect_finding(verdict.advisories[1], "frequency.range", "/host/cpus/0/min_khz", "800000", "== max_khz 3000000");
  EXPECT_EQ(verdict.advisories[1].fix, "lock the frequency: cpupower -c 2 frequency-set -d 3000000 -u 3000000");
  erase(evidence, "/host/cpus/0/max_khz");
  verdict = classify(evidence);
  ASSERT_EQ(codes(verdict.advisories), (Codes{"smt.sibling_unreserved", "frequency.range_unknown", "aslr.unknown"}));
  expect_finding(verdict.advisories[1], "frequency.range_unknown", "/host/cpus/0/max_khz", "absent", "recorded");
  EXPECT_EQ(verdict.advisories[1].message, "max_khz of CPU 2 is absent, so a locked frequency cannot be shown");
}

TEST(ClassificationAdvisory, Aslr) {
  json evidence = isolated_evidence();
  set(evidence, "/host/aslr", 0);
  EXPECT_EQ(codes(classify(evidence).advisories), (Codes{"smt.sibling_unreserved"}));
  set(evidence, "/host/aslr", 1);
  expect_finding(classify(evidence).advisories[1], "aslr.enabled", "/host/aslr", "1", "0");
  set(evidence, "/host/aslr", unreadable("EACCES"));
  expect_finding(classify(evidence).advisories[1], "aslr.unknown", "/host/aslr", "unreadable: EACCES", "0");
}

TEST(ClassificationAdvisory, NeverChangesTheClassByDefault) {
  json evidence = isolated_evidence();
  set(evidence, "/host/boost", "enabled");
  set(evidence, "/host/aslr", 2);
  set(evidence, "/host/kernel_cmdline", "quiet");
  set(evidence, "/host/cpus/0/min_khz", 400000);
  const Verdict verdict = classify(evidence);
  EXPECT_EQ(verdict.derived, RunClass::isolated_affinity);
  EXPECT_TRUE(verdict.failed_rules.empty());
  EXPECT_EQ(verdict.advisories.size(), 6U);
}

// --- Policies that require advisories -----------------------------------------------------------

Policy strict_policy() { return policy_from_json(load_json("fixtures/policies/strict.json")); }

TEST(ClassificationPolicy, RequiredAdvisoryBecomesABlockingError) {
  const Policy strict = strict_policy();
  const Verdict verdict = classify_run(isolated_evidence(), strict);
  EXPECT_EQ(verdict.derived, RunClass::functional_non_isolated);
  const RuleFinding finding = only_failure(verdict);
  expect_finding(finding, "smt.sibling_unreserved", "/host/cpus/0/smt_siblings/1", "10", "in reserved_cpus or offline");
  expect_blocking(finding);
  EXPECT_EQ(codes(verdict.advisories), (Codes{"aslr.unknown"}));  // not required: stays a note
  EXPECT_EQ(verdict.policy_name, "strict");
  ASSERT_TRUE(verdict.claim_finding);
  EXPECT_EQ(verdict.claim_finding->code, "classification.over_claim");
}

TEST(ClassificationPolicy, StrictPolicyPassesATunedHost) {
  json evidence = isolated_evidence();
  evidence["host"]["cpus"].push_back(json{{"id", 10}, {"online", false}});
  const Verdict verdict = classify_run(evidence, strict_policy());
  EXPECT_EQ(verdict.derived, RunClass::isolated_affinity);
  EXPECT_EQ(codes(verdict.advisories), (Codes{"aslr.unknown"}));
}

TEST(ClassificationPolicy, RequiredConditionFailsClosedOnAnUnknownFact) {
  json evidence = isolated_evidence();
  evidence["host"]["cpus"].push_back(json{{"id", 10}, {"online", false}});
  erase(evidence, "/host/boost");
  const RuleFinding finding = only_failure(classify_run(evidence, strict_policy()));
  expect_finding(finding, "boost.unknown", "/host/boost", "absent", "\"disabled\"");
  expect_blocking(finding);
}

TEST(ClassificationPolicy, EveryRequiredAdvisoryIsReported) {
  json evidence = isolated_evidence();
  set(evidence, "/host/boost", "enabled");
  set(evidence, "/host/kernel_cmdline", "quiet");
  set(evidence, "/host/cpus/0/min_khz", 400000);
  Policy policy = strict_policy();
  policy.required_advisories.push_back("aslr.enabled");
  const Verdict verdict = classify_run(evidence, policy);
  EXPECT_EQ(codes(verdict.failed_rules), (Codes{"boost.enabled", "smt.sibling_unreserved", "isolation.kernel_missing",
                                                "isolation.kernel_missing", "frequency.range", "aslr.unknown"}));
  EXPECT_TRUE(verdict.advisories.empty());
}

// --- Rule levels -------------------------------------------------------------------------------

Policy policy_with(std::vector<RuleSetting> rules) {
  Policy policy = default_policy();
  policy.rules = std::move(rules);
  return policy;
}

TEST(ClassificationLevels, AnAdvisoryGovernorIsAWarningAndTheRunStaysIsolated) {
  json evidence = isolated_evidence();
  set(evidence, "/host/cpus/0/governor", "powersave");
  EXPECT_EQ(codes(classify(evidence).failed_rules), (Codes{"governor.not_performance"}));
  const Verdict verdict = classify_run(evidence, policy_with({{"governor.not_performance", RuleLevel::advisory}}));
  EXPECT_EQ(verdict.derived, RunClass::isolated_affinity);
  EXPECT_FALSE(verdict.claim_finding);
  EXPECT_TRUE(verdict.failed_rules.empty());
  EXPECT_EQ(codes(verdict.advisories), (Codes{"governor.not_performance", "smt.sibling_unreserved", "aslr.unknown"}));
  const RuleFinding& governor = verdict.advisories[0];
  expect_finding(governor, "governor.not_performance", "/host/cpus/0/governor", "\"powersave\"", "\"performance\"");
  EXPECT_EQ(governor.severity, Severity::warning);
  EXPECT_FALSE(governor.blocking);
  EXPECT_EQ(governor.fix, "cpupower -c 2 frequency-set -g performance");
}

TEST(ClassificationLevels, AnOffRuleIsNotReported) {
  json evidence = isolated_evidence();
  set(evidence, "/host/cpus/0/governor", "powersave");
  const Verdict verdict = classify_run(
      evidence, policy_with({{"governor.not_performance", RuleLevel::off}, {"aslr.unknown", RuleLevel::off}}));
  EXPECT_EQ(verdict.derived, RunClass::isolated_affinity);
  EXPECT_TRUE(verdict.failed_rules.empty());
  EXPECT_EQ(codes(verdict.advisories), (Codes{"smt.sibling_unreserved"}));
}

TEST(ClassificationLevels, RelaxingTheGovernorsValueStillFailsClosedOnAnUnknownGovernor) {
  const Policy relaxed = policy_with({{"governor.not_performance", RuleLevel::off}});
  json evidence = isolated_evidence();
  set(evidence, "/host/cpus/0/governor", unreadable("EACCES"));
  expect_blocking(only_failure(classify_run(evidence, relaxed)));
  EXPECT_EQ(only_failure(classify_run(evidence, relaxed)).code, "governor.unreadable");
  erase(evidence, "/host/cpus/0/governor");
  EXPECT_EQ(only_failure(classify_run(evidence, relaxed)).code, "governor.missing");
  EXPECT_EQ(classify_run(evidence, relaxed).derived, RunClass::functional_non_isolated);
  // Only when that rule is relaxed by name does the unknown governor pass, as a warning.
  const Verdict named = classify_run(
      evidence, policy_with({{"governor.not_performance", RuleLevel::off}, {"governor.missing", RuleLevel::advisory}}));
  EXPECT_EQ(named.derived, RunClass::isolated_affinity);
  EXPECT_EQ(named.advisories.front().code, "governor.missing");
  EXPECT_EQ(named.advisories.front().severity, Severity::warning);
}

TEST(ClassificationLevels, AnAdvisoryMadeRequiredByRulesBlocksWithItsUnknownCode) {
  const json evidence = isolated_evidence();  // host.aslr is not recorded
  const Verdict verdict = classify_run(evidence, policy_with({{"aslr.enabled", RuleLevel::required}}));
  EXPECT_EQ(codes(verdict.failed_rules), (Codes{"aslr.unknown"}));
  EXPECT_EQ(verdict.derived, RunClass::functional_non_isolated);
}

TEST(ClassificationLevels, FactInvalidCannotBeTurnedOff) {
  json evidence = isolated_evidence();
  set(evidence, "/host/affinity", "2");
  const Verdict verdict = classify_run(evidence, policy_with({{"fact.invalid", RuleLevel::off}}));
  EXPECT_EQ(only_failure(verdict).code, "fact.invalid");
}

// --- Shapes the schema forbids still fail closed ------------------------------------------------

TEST(ClassificationDefence, HostOfTheWrongShape) {
  json evidence = isolated_evidence();
  set(evidence, "/host", json::array());
  const Verdict verdict = classify(evidence);
  expect_finding(only_failure(verdict), "fact.invalid", "/host", "[]", "an object");
  EXPECT_EQ(verdict.derived, RunClass::functional_non_isolated);
  EXPECT_EQ(classify(json::array()).derived, RunClass::functional_non_isolated);
}

TEST(ClassificationDefence, CpusAndLoadOfTheWrongShape) {
  json evidence = isolated_evidence();
  set(evidence, "/host/cpus", json::object());
  set(evidence, "/host/load_avg/after", json::array());
  const Verdict verdict = classify(evidence);
  EXPECT_EQ(codes(verdict.failed_rules), (Codes{"fact.invalid", "fact.invalid"}));
  EXPECT_EQ(pointers(verdict.failed_rules), (Codes{"/host/cpus", "/host/load_avg/after"}));
}

TEST(ClassificationDefence, ClassifyHostJudgesASnapshot) {
  const json host = isolated_evidence()["host"];
  const Verdict verdict = classify_host(host, default_policy());
  EXPECT_EQ(verdict.derived, RunClass::isolated_affinity);
  EXPECT_FALSE(verdict.claimed);
  EXPECT_FALSE(verdict.claim_finding);
  EXPECT_EQ(verdict.advisories[0].pointer, "/host/cpus/0/smt_siblings/1");
}

// --- The rule catalogue -------------------------------------------------------------------------

TEST(ClassificationCatalogue, CodesAreUniqueAndComplete) {
  std::set<std::string_view> seen;
  for (const RuleInfo& rule : rule_catalogue()) {
    EXPECT_TRUE(seen.insert(rule.code).second) << rule.code;
    EXPECT_FALSE(rule.description.empty()) << rule.code;
    EXPECT_FALSE(rule.fix.empty()) << rule.code;
    EXPECT_FALSE(rule.rule.empty()) << rule.code;
    if (!rule.unknown_code.empty()) {
      const RuleInfo* unknown = find_rule(rule.unknown_code);
      ASSERT_NE(unknown, nullptr) << rule.code;
      EXPECT_EQ(unknown->kind, RuleKind::advisory) << rule.code;
      EXPECT_EQ(unknown->rule, rule.rule) << rule.code;
    }
  }
  EXPECT_EQ(find_rule("governor.unreadable")->kind, RuleKind::blocking);
  EXPECT_EQ(find_rule("no.such.code"), nullptr);
  EXPECT_EQ(rule_codes(RuleKind::advisory).size(), 10U);
  EXPECT_EQ(rule_codes(RuleKind::claim).size(), 4U);
}

TEST(ClassificationCatalogue, EveryCodeIsDocumented) {
  const std::string docs = read_source_file("docs/classification.md");
  for (const RuleInfo& rule : rule_catalogue()) {
    EXPECT_NE(docs.find("`" + std::string(rule.code) + "`"), std::string::npos) << rule.code;
  }
  EXPECT_NE(docs.find(default_policy().sha256), std::string::npos) << "docs quote the built-in digest";
}

TEST(ClassificationCatalogue, RenderFixFillsPlaceholders) {
  EXPECT_EQ(render_fix("cpupower -c {cpu} frequency-set -g {governor}", {{"cpu", "2"}, {"governor", "performance"}}),
            "cpupower -c 2 frequency-set -g performance");
  EXPECT_EQ(render_fix("keep {unknown} and {cpu", {{"cpu", "2"}}), "keep {unknown} and {cpu");
  EXPECT_EQ(render_fix("", {}), "");
}

}  // namespace
}  // namespace evident
