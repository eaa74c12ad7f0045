#include "core/classification.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <utility>

#include "core/cpu_list.h"
#include "core/json_pointer.h"
#include "core/rule_catalogue.h"
#include "core/text.h"

namespace evident {
namespace {

using nlohmann::json;
using FixValues = std::vector<std::pair<std::string_view, std::string>>;

constexpr std::int64_t max_cpu_id = 8191;

std::string json_text(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// The three states of a recorded host fact (docs/evidence-format.md, "Recorded, unreadable and absent").
enum class State { absent, unreadable, recorded };

struct Fact {
  State state = State::absent;
  const json* value = nullptr;  // the recorded value
  std::string reason;           // why it is unreadable
  std::string pointer;
};

bool is_unreadable(const json& value) {
  if (!value.is_object() || value.size() != 1) return false;
  const auto reason = value.find("unreadable");
  return reason != value.end() && reason->is_string();
}

Fact fact_of(const json* parent, std::string_view key, std::string_view parent_pointer) {
  Fact fact;
  fact.pointer = append_pointer(parent_pointer, key);
  if (parent == nullptr || !parent->is_object()) return fact;
  const auto found = parent->find(key);
  if (found == parent->end()) return fact;
  if (is_unreadable(*found)) {
    fact.state = State::unreadable;
    fact.reason = found->at("unreadable").get<std::string>();
    return fact;
  }
  fact.state = State::recorded;
  fact.value = &*found;
  return fact;
}

std::string observed_text(const Fact& fact) {
  switch (fact.state) {
    case State::absent:
      return "absent";
    case State::unreadable:
      return "unreadable: " + fact.reason;
    case State::recorded:
      return json_text(*fact.value);
  }
  return "absent";
}

std::optional<std::int64_t> cpu_id(const json& value) {
  if (!value.is_number_integer()) return std::nullopt;
  if (value.is_number_unsigned()) {
    const auto id = value.get<std::uint64_t>();
    if (id > static_cast<std::uint64_t>(max_cpu_id)) return std::nullopt;
    return static_cast<std::int64_t>(id);
  }
  const auto id = value.get<std::int64_t>();
  if (id < 0 || id > max_cpu_id) return std::nullopt;
  return id;
}

using CpuSet = std::set<std::int64_t>;

// A recorded CPU list as a set, or nothing when it is not a list of CPU numbers.
std::optional<CpuSet> cpu_set(const json& value) {
  if (!value.is_array()) return std::nullopt;
  CpuSet cpus;
  for (const json& item : value) {
    const std::optional<std::int64_t> id = cpu_id(item);
    if (!id) return std::nullopt;
    cpus.insert(*id);
  }
  return cpus;
}

// "0,1" for use in commands (taskset, cpupower and the kernel accept it).
std::string cpus_argument(const CpuSet& cpus) {
  std::string text;
  for (std::int64_t cpu : cpus) {
    if (!text.empty()) text += ',';
    text += std::to_string(cpu);
  }
  return text;
}

// "[0,1]", as the evidence writes a CPU list.
std::string cpus_json(const CpuSet& cpus) { return "[" + cpus_argument(cpus) + "]"; }

// "CPU 2" or "CPUs 0, 1", for messages.
std::string cpus_phrase(const CpuSet& cpus) {
  std::string text = cpus.size() == 1 ? "CPU " : "CPUs ";
  bool first = true;
  for (std::int64_t cpu : cpus) {
    if (!first) text += ", ";
    text += std::to_string(cpu);
    first = false;
  }
  return text;
}

CpuSet difference(const CpuSet& from, const CpuSet& remove) {
  CpuSet result;
  std::set_difference(from.begin(), from.end(), remove.begin(), remove.end(), std::inserter(result, result.end()));
  return result;
}

// The CPUs of a kernel cpu-list parameter value such as "nohz,domain,2-5,8" or "0-15:2/4"; a value
// that cannot be read covers nothing, which fails the advisory closed.
CpuSet parse_kernel_cpu_list(std::string_view value) {
  const std::vector<int> cpus = parse_cpu_list(value).value_or(std::vector<int>{});
  return CpuSet(cpus.begin(), cpus.end());
}

std::string json_quoted(std::string_view text) { return json_text(json(std::string(text))); }

class Classifier {
 public:
  Classifier(const json& host, const Policy& policy) : host_(host), policy_(policy) {}

  Verdict run() {
    if (!host_.is_object()) {
      Fact host;
      host.state = State::recorded;
      host.value = &host_;
      host.pointer = "/host";
      invalid(host, "an object");
    } else {
      check_runner();
      check_affinity();
      check_cpus();
      check_load();
      check_concurrent_jobs();
      check_boost();
      check_smt();
      check_isolation();
      check_frequency_range();
      check_aslr();
    }
    verdict_.derived = verdict_.failed_rules.empty() ? RunClass::isolated_affinity : RunClass::functional_non_isolated;
    verdict_.policy_name = policy_.name;
    verdict_.policy_sha256 = policy_.sha256;
    return std::move(verdict_);
  }

 private:
  void add(std::string_view code, std::string pointer, std::string observed, std::string required, std::string message,
           const FixValues& fix_values = {}) {
    const RuleLevel level = rule_level(policy_, code);
    if (level == RuleLevel::off) return;  // the policy turned the rule off: not reported at all
    const RuleInfo* rule = find_rule(code);
    RuleFinding finding;
    finding.code = std::string(code);
    finding.blocking = level == RuleLevel::required;
    if (finding.blocking) {
      finding.severity = Severity::error;
    } else if (rule->kind == RuleKind::advisory) {
      // An advisory condition is a warning; an advisory fact that is not known is a note.
      finding.severity = rule->unknown_code.empty() ? Severity::note : Severity::warning;
    } else {
      finding.severity = Severity::warning;  // a blocking rule the policy made advisory
    }
    finding.message = std::move(message);
    finding.observed = std::move(observed);
    finding.required = std::move(required);
    finding.pointer = std::move(pointer);
    if (rule != nullptr) finding.fix = render_fix(rule->fix, fix_values);
    (finding.blocking ? verdict_.failed_rules : verdict_.advisories).push_back(std::move(finding));
  }

  void invalid(const Fact& fact, std::string_view expected) {
    add("fact.invalid", fact.pointer, observed_text(fact), std::string(expected),
        fact.pointer + " is not " + std::string(expected) + ", as the evidence schema requires");
  }

  // Missing, unreadable: the two fail-closed findings of a fact, by state.
  void absent_or_unreadable(const Fact& fact, std::string_view missing_code, std::string_view unreadable_code,
                            const std::string& required, const std::string& subject, const FixValues& fix_values = {}) {
    if (fact.state == State::absent) {
      add(missing_code, fact.pointer, "absent", required, subject + " is absent", fix_values);
    } else {
      add(unreadable_code, fact.pointer, observed_text(fact), required,
          subject + " is unreadable (" + quote_for_message(fact.reason) + ")", fix_values);
    }
  }

  // Rule 1: a self-hosted runner with the required labels.
  void check_runner() {
    if (!policy_.require_self_hosted && policy_.required_labels.empty()) return;
    const Fact runner = fact_of(&host_, "runner", "/host");
    if (runner.state != State::recorded) {
      std::string required;
      if (policy_.require_self_hosted) required = "self_hosted true";
      if (!policy_.required_labels.empty()) {
        if (!required.empty()) required += ", ";
        required += "labels containing ";
        for (std::size_t i = 0; i < policy_.required_labels.size(); ++i) {
          required += (i > 0 ? ", " : "") + json_quoted(policy_.required_labels[i]);
        }
      }
      absent_or_unreadable(runner, "runner.missing", "runner.unreadable", required, "the runner (host.runner)");
      return;
    }
    if (!runner.value->is_object()) {
      invalid(runner, "an object");
      return;
    }
    if (policy_.require_self_hosted) {
      const Fact self_hosted = fact_of(runner.value, "self_hosted", runner.pointer);
      if (self_hosted.state == State::absent || (self_hosted.value != nullptr && self_hosted.value->is_boolean())) {
        if (self_hosted.state == State::absent || !self_hosted.value->get<bool>()) {
          add("runner.not_self_hosted", self_hosted.pointer, observed_text(self_hosted), "true",
              "the run was not made on a self-hosted runner");
        }
      } else {
        invalid(self_hosted, "true or false");
      }
    }
    if (policy_.required_labels.empty()) return;
    const Fact labels = fact_of(runner.value, "labels", runner.pointer);
    std::vector<std::string> present;
    if (labels.state == State::recorded) {
      if (!labels.value->is_array()) {
        invalid(labels, "an array of strings");
        return;
      }
      for (const json& label : *labels.value) {
        if (label.is_string()) present.push_back(label.get<std::string>());
      }
    } else if (labels.state == State::unreadable) {
      invalid(labels, "an array of strings");
      return;
    }
    for (const std::string& label : policy_.required_labels) {
      if (std::find(present.begin(), present.end(), label) != present.end()) continue;
      add("runner.label_missing", labels.pointer, observed_text(labels), "contains " + json_quoted(label),
          "the runner does not have the label " + quote_for_message(label), {{"label", json_quoted(label)}});
    }
  }

  // Rule 2: an affinity that is recorded, non-empty and inside the reserved CPUs when those are recorded.
  void check_affinity() {
    const Fact affinity = fact_of(&host_, "affinity", "/host");
    const std::string required = "a non-empty CPU list";
    if (affinity.state != State::recorded) {
      absent_or_unreadable(affinity, "affinity.missing", "affinity.unreadable", required,
                           "the affinity (host.affinity)");
    } else if (const std::optional<CpuSet> cpus = cpu_set(*affinity.value); !cpus) {
      invalid(affinity, "a list of CPU numbers");
    } else if (cpus->empty()) {
      add("affinity.empty", affinity.pointer, observed_text(affinity), required, "the affinity is an empty list");
    } else {
      used_ = *cpus;
    }

    const Fact reserved = fact_of(&host_, "reserved_cpus", "/host");
    if (reserved.state == State::unreadable) {
      add("reserved.unreadable", reserved.pointer, observed_text(reserved), "a CPU list containing the affinity",
          "the reserved CPUs are unreadable (" + quote_for_message(reserved.reason) +
              "), so the affinity cannot be shown to lie inside them");
    } else if (reserved.state == State::recorded) {
      const std::optional<CpuSet> reserved_cpus = cpu_set(*reserved.value);
      if (!reserved_cpus) {
        invalid(reserved, "a list of CPU numbers");
        return;
      }
      reserved_ = *reserved_cpus;
      const CpuSet outside = difference(used_, reserved_);
      if (!outside.empty()) {
        add("affinity.outside_reserved", affinity.pointer, observed_text(affinity),
            "inside reserved_cpus " + cpus_json(reserved_),
            cpus_phrase(outside) + " of the affinity " + (outside.size() == 1 ? "is" : "are") +
                " not in reserved_cpus " + cpus_json(reserved_),
            {{"cpus", cpus_argument(outside)}});
      }
    }
  }

  // Indexes host.cpus by id (the first entry of an id counts); reports a host.cpus of the wrong shape.
  void index_cpus() {
    const Fact cpus = fact_of(&host_, "cpus", "/host");
    if (cpus.state == State::absent) return;
    if (cpus.state == State::unreadable || !cpus.value->is_array()) {
      invalid(cpus, "an array of CPU readings");
      cpus_invalid_ = true;
      return;
    }
    cpus_ = cpus.value;
    for (std::size_t i = 0; i < cpus.value->size(); ++i) {
      const json& entry = (*cpus.value)[i];
      if (!entry.is_object() || !entry.contains("id")) continue;
      if (const std::optional<std::int64_t> id = cpu_id(entry.at("id"))) cpu_index_.emplace(*id, i);
    }
  }

  const json* cpu_entry(std::int64_t cpu) const {
    const auto found = cpu_index_.find(cpu);
    return found == cpu_index_.end() ? nullptr : &(*cpus_)[found->second];
  }

  std::string cpu_pointer(std::int64_t cpu) const { return append_pointer("/host/cpus", cpu_index_.at(cpu)); }

  // Rule 3: for every CPU of the affinity, the required governor and a recorded frequency.
  void check_cpus() {
    if (used_.empty()) return;
    index_cpus();
    if (cpus_invalid_) return;
    const std::string governor_required = json_quoted(policy_.required_governor);
    for (std::int64_t cpu : used_) {
      const std::string cpu_text = std::to_string(cpu);
      const FixValues fix_values{{"cpu", cpu_text}, {"governor", policy_.required_governor}};
      const json* entry = cpu_entry(cpu);
      if (entry == nullptr) {
        add("cpu.missing", "/host/cpus", "absent", "an entry with \"id\": " + cpu_text,
            "CPU " + cpu_text + " of the affinity has no entry in host.cpus", fix_values);
        continue;
      }
      const std::string base = cpu_pointer(cpu);
      const Fact governor = fact_of(entry, "governor", base);
      if (governor.state != State::recorded) {
        absent_or_unreadable(governor, "governor.missing", "governor.unreadable", governor_required,
                             "the governor of CPU " + cpu_text, fix_values);
      } else if (!governor.value->is_string()) {
        invalid(governor, "a governor name");
      } else if (governor.value->get<std::string>() != policy_.required_governor) {
        add("governor.not_performance", governor.pointer, observed_text(governor), governor_required,
            "the governor of CPU " + cpu_text + " is " + quote_for_message(governor.value->get<std::string>()) +
                ", not " + quote_for_message(policy_.required_governor),
            fix_values);
      }
      if (!policy_.require_frequency) continue;
      const Fact frequency = fact_of(entry, "frequency_khz", base);
      if (frequency.state != State::recorded) {
        absent_or_unreadable(frequency, "frequency.missing", "frequency.unreadable", "recorded",
                             "the frequency of CPU " + cpu_text, fix_values);
      } else if (!frequency.value->is_number() || !(frequency.value->get<double>() >= 0.0)) {
        invalid(frequency, "a frequency in kHz");
      }
    }
  }

  // Rule 4: the 1-minute load average before and after, each at most the policy's bound.
  void check_load() {
    const std::string bound = json_text(json(policy_.load_avg_max));
    const FixValues fix_values{{"threshold", bound}};
    const Fact load = fact_of(&host_, "load_avg", "/host");
    if (load.state == State::absent) {
      add("load.missing", load.pointer, "absent", "before[0] <= " + bound + " and after[0] <= " + bound,
          "the load average (host.load_avg) is absent", fix_values);
      return;
    }
    if (load.state == State::unreadable || !load.value->is_object()) {
      invalid(load, "an object with before and after");
      return;
    }
    for (const std::string side : {"before", "after"}) {
      const Fact triplet = fact_of(load.value, side, load.pointer);
      const std::string required = side + "[0] <= " + bound;
      if (triplet.state != State::recorded) {
        absent_or_unreadable(triplet, "load." + side + "_missing", "load." + side + "_unreadable", required,
                             "the load average " + side + " the run", fix_values);
        continue;
      }
      if (!triplet.value->is_array() || triplet.value->empty() || !triplet.value->front().is_number()) {
        invalid(triplet, "three load averages");
        continue;
      }
      const json& one_minute = triplet.value->front();
      if (!(one_minute.get<double>() <= policy_.load_avg_max)) {
        add("load." + side + "_too_high", append_pointer(triplet.pointer, 0), json_text(one_minute), "<= " + bound,
            "the 1-minute load average " + side + " the run was " + json_text(one_minute) + ", above " + bound,
            fix_values);
      }
    }
  }

  // Rule 5: concurrent jobs recorded, and none.
  void check_concurrent_jobs() {
    if (!policy_.require_no_concurrent_jobs) return;
    const Fact jobs = fact_of(&host_, "concurrent_jobs", "/host");
    if (jobs.state != State::recorded) {
      absent_or_unreadable(jobs, "concurrent_jobs.missing", "concurrent_jobs.unreadable", "[]",
                           "the list of concurrent jobs (host.concurrent_jobs)");
      return;
    }
    if (!jobs.value->is_array()) {
      invalid(jobs, "an array of processes");
      return;
    }
    for (std::size_t i = 0; i < jobs.value->size(); ++i) {
      const json& job = (*jobs.value)[i];
      std::string pid = "?";
      std::string who = "a process";
      if (job.is_object()) {
        if (const auto found = job.find("pid"); found != job.end() && found->is_number_integer()) {
          pid = json_text(*found);
          who = "process " + pid;
        }
        // The command line when the producer recorded it, else the process's name.
        for (const char* key : {"command", "comm"}) {
          if (const auto found = job.find(key); found != job.end() && found->is_string()) {
            who += " (" + quote_for_message(found->get<std::string>(), 60) + ")";
            break;
          }
        }
      }
      add("concurrent_jobs.present", append_pointer(jobs.pointer, i), json_text(job), "none",
          who + " was busy on the benchmark CPUs during the run", {{"pid", pid}});
    }
  }

  // Advisory: turbo boost off.
  void check_boost() {
    const Fact boost = fact_of(&host_, "boost", "/host");
    const std::string required = json_quoted("disabled");
    if (boost.state == State::recorded && boost.value->is_string()) {
      const std::string value = boost.value->get<std::string>();
      if (value == "disabled") return;
      if (value == "enabled") {
        add("boost.enabled", boost.pointer, observed_text(boost), required, "turbo boost was enabled");
        return;
      }
    }
    const std::string why = boost.state == State::absent       ? "absent"
                            : boost.state == State::unreadable ? "unreadable"
                                                               : "not \"enabled\" or \"disabled\"";
    add("boost.unknown", boost.pointer, observed_text(boost), required,
        "turbo boost (host.boost) is " + why + ", so it may have been on");
  }

  bool offline(std::int64_t cpu) const {
    const json* entry = cpu_entry(cpu);
    if (entry == nullptr) return false;
    const auto online = entry->find("online");
    return online != entry->end() && online->is_boolean() && !online->get<bool>();
  }

  // Advisory: every SMT sibling of a CPU of the affinity is reserved or offline.
  void check_smt() {
    for (std::int64_t cpu : used_) {
      const json* entry = cpu_entry(cpu);
      if (entry == nullptr) continue;  // cpu.missing already blocks
      const std::string cpu_text = std::to_string(cpu);
      const Fact siblings = fact_of(entry, "smt_siblings", cpu_pointer(cpu));
      if (siblings.state != State::recorded || !cpu_set(*siblings.value)) {
        add("smt.unknown", siblings.pointer, observed_text(siblings), "recorded",
            "the SMT siblings of CPU " + cpu_text + " are " +
                (siblings.state == State::absent       ? "absent"
                 : siblings.state == State::unreadable ? "unreadable"
                                                       : "not a list of CPU numbers"),
            {{"cpu", cpu_text}});
        continue;
      }
      for (std::size_t k = 0; k < siblings.value->size(); ++k) {
        const std::int64_t sibling = *cpu_id((*siblings.value)[k]);
        if (sibling == cpu || reserved_.count(sibling) > 0 || offline(sibling)) continue;
        const std::string sibling_text = std::to_string(sibling);
        add("smt.sibling_unreserved", append_pointer(siblings.pointer, k), sibling_text, "in reserved_cpus or offline",
            "CPU " + sibling_text + ", an SMT sibling of CPU " + cpu_text +
                ", is neither reserved nor offline: other work can share its core",
            {{"cpu", cpu_text}, {"sibling", sibling_text}});
      }
    }
  }

  // Advisory: every CPU of the affinity isolated (isolcpus) and tickless (nohz_full). The kernel's
  // own list is preferred; the kernel command line is read when the list is absent or unreadable.
  void check_isolation() {
    if (used_.empty()) return;
    const Fact cmdline = fact_of(&host_, "kernel_cmdline", "/host");
    const bool cmdline_known = cmdline.state == State::recorded && cmdline.value->is_string();
    const FixValues fix_values{{"cpus", cpus_argument(used_)}};
    for (const std::string parameter : {"isolcpus", "nohz_full"}) {
      const Fact list = fact_of(&host_, parameter, "/host");
      const std::optional<CpuSet> listed = list.state == State::recorded ? cpu_set(*list.value) : std::nullopt;
      if (listed) {
        const CpuSet missing = difference(used_, *listed);
        if (missing.empty()) continue;
        // A command line that asks for them while the kernel's list lacks them: the kernel did not
        // apply it (isolcpus= whose flags leave out domain, or a kernel without NO_HZ_FULL).
        const std::optional<std::string_view> asked =
            cmdline_known ? kernel_parameter(cmdline.value->get_ref<const std::string&>(), parameter) : std::nullopt;
        const bool ignored = asked && difference(missing, parse_kernel_cpu_list(*asked)).empty();
        add("isolation.kernel_missing", list.pointer, observed_text(list), "contains " + cpus_json(used_),
            cpus_phrase(missing) + " of the affinity " + (missing.size() == 1 ? "is" : "are") + " not in host." +
                parameter +
                (ignored ? ", though the kernel command line has " + parameter + "=" + std::string(*asked) +
                               ": the running kernel did not apply it"
                         : std::string()),
            fix_values);
      } else if (cmdline_known) {
        const std::string text = cmdline.value->get<std::string>();
        const std::optional<std::string_view> value = kernel_parameter(text, parameter);
        const CpuSet missing = difference(used_, value ? parse_kernel_cpu_list(*value) : CpuSet{});
        if (missing.empty()) continue;
        add("isolation.kernel_missing", cmdline.pointer, observed_text(cmdline),
            parameter + "= covering " + cpus_json(used_),
            "the kernel command line has no " + parameter + "= covering " + cpus_phrase(missing) + " (host." +
                parameter + " is " + observed_text(list) + ")",
            fix_values);
      } else {
        add("isolation.unknown", list.pointer, observed_text(list), "recorded",
            "neither host." + parameter + " nor host.kernel_cmdline is recorded, so " + parameter + " cannot be judged",
            fix_values);
      }
    }
  }

  // Advisory: every CPU of the affinity with its frequency locked (min_khz == max_khz).
  void check_frequency_range() {
    for (std::int64_t cpu : used_) {
      const json* entry = cpu_entry(cpu);
      if (entry == nullptr) continue;
      const std::string cpu_text = std::to_string(cpu);
      const std::string base = cpu_pointer(cpu);
      const Fact minimum = fact_of(entry, "min_khz", base);
      const Fact maximum = fact_of(entry, "max_khz", base);
      const auto known = [](const Fact& fact) { return fact.state == State::recorded && fact.value->is_number(); };
      if (!known(minimum) || !known(maximum)) {
        const Fact& unknown = known(minimum) ? maximum : minimum;
        const std::string name = unknown.pointer.substr(unknown.pointer.rfind('/') + 1);
        const std::string state = unknown.state == State::absent       ? "absent"
                                  : unknown.state == State::unreadable ? "unreadable"
                                                                       : "not a frequency";
        add("frequency.range_unknown", unknown.pointer, observed_text(unknown), "recorded",
            name + " of CPU " + cpu_text + " is " + state + ", so a locked frequency cannot be shown",
            {{"cpu", cpu_text}});
        continue;
      }
      if (*minimum.value == *maximum.value) continue;
      add("frequency.range", minimum.pointer, observed_text(minimum), "== max_khz " + observed_text(maximum),
          "the frequency of CPU " + cpu_text + " was not locked: min_khz " + observed_text(minimum) + ", max_khz " +
              observed_text(maximum),
          {{"cpu", cpu_text}, {"max_khz", observed_text(maximum)}});
    }
  }

  // Advisory: address space layout randomisation off.
  void check_aslr() {
    const Fact aslr = fact_of(&host_, "aslr", "/host");
    if (aslr.state == State::recorded && aslr.value->is_number_integer()) {
      if (*aslr.value == 0) return;
      add("aslr.enabled", aslr.pointer, observed_text(aslr), "0",
          "address space layout randomisation was on (randomize_va_space " + observed_text(aslr) + ")");
      return;
    }
    add("aslr.unknown", aslr.pointer, observed_text(aslr), "0",
        std::string("address space layout randomisation (host.aslr) is ") + (aslr.state == State::absent ? "absent"
                                                                             : aslr.state == State::unreadable
                                                                                 ? "unreadable"
                                                                                 : "not 0, 1 or 2"));
  }

  const json& host_;
  const Policy& policy_;
  Verdict verdict_;
  CpuSet used_;      // the affinity, when usable
  CpuSet reserved_;  // host.reserved_cpus, when recorded
  const json* cpus_ = nullptr;
  bool cpus_invalid_ = false;
  std::map<std::int64_t, std::size_t> cpu_index_;
};

RuleFinding claim_finding(std::string_view code, Severity severity, std::string observed, RunClass derived,
                          std::string message) {
  RuleFinding finding;
  finding.code = std::string(code);
  finding.severity = severity;
  finding.blocking = severity == Severity::error;
  finding.message = std::move(message);
  finding.observed = std::move(observed);
  finding.required = json_quoted(run_class_name(derived));
  finding.pointer = "/classification";
  if (const RuleInfo* rule = find_rule(code)) finding.fix = std::string(rule->fix);
  return finding;
}

}  // namespace

std::string_view run_class_name(RunClass run_class) {
  switch (run_class) {
    case RunClass::isolated_affinity:
      return "isolated_affinity";
    case RunClass::functional_non_isolated:
      return "functional_non_isolated";
  }
  return "functional_non_isolated";
}

std::optional<RunClass> parse_run_class(std::string_view name) {
  if (name == "isolated_affinity") return RunClass::isolated_affinity;
  if (name == "functional_non_isolated") return RunClass::functional_non_isolated;
  return std::nullopt;
}

Verdict classify_host(const nlohmann::json& host, const Policy& policy) { return Classifier(host, policy).run(); }

// Reads "host" and "classification" alone: `validate`'s fast path gives it the document without its
// "benchmarks" (io/schema/document_validation).
Verdict classify_run(const nlohmann::json& evidence, const Policy& policy) {
  static const json no_host = json::object();
  const json* host = &no_host;
  const json* claim = nullptr;
  if (evidence.is_object()) {
    if (const auto found = evidence.find("host"); found != evidence.end()) host = &*found;
    if (const auto found = evidence.find("classification"); found != evidence.end()) claim = &*found;
  }
  Verdict verdict = classify_host(*host, policy);
  if (claim != nullptr && claim->is_string()) verdict.claimed = parse_run_class(claim->get<std::string>());
  verdict.claim_finding = compare_claim(claim, verdict.derived);
  return verdict;
}

std::optional<RuleFinding> compare_claim(const nlohmann::json* claim, RunClass derived) {
  const std::string derived_name(run_class_name(derived));
  if (claim == nullptr) {
    return claim_finding("classification.claim_missing", Severity::error, "absent", derived,
                         "the file makes no classification claim; its host metadata derives " + derived_name);
  }
  const std::optional<RunClass> claimed =
      claim->is_string() ? parse_run_class(claim->get<std::string>()) : std::nullopt;
  if (!claimed) {
    return claim_finding("classification.claim_unknown", Severity::error, json_text(*claim), derived,
                         "the claim " + shorten(json_text(*claim), 80) +
                             " is not a known class; the host metadata derives " + derived_name);
  }
  if (*claimed == derived) return std::nullopt;
  if (*claimed == RunClass::isolated_affinity) {
    return claim_finding("classification.over_claim", Severity::error, json_quoted("isolated_affinity"), derived,
                         "the file claims isolated_affinity, but its host metadata derives functional_non_isolated");
  }
  return claim_finding("classification.under_claim", Severity::note, json_quoted("functional_non_isolated"), derived,
                       "the file claims functional_non_isolated, but its host metadata supports isolated_affinity");
}

bool verdict_fails(const Verdict& verdict) {
  return verdict.claim_finding && verdict.claim_finding->severity == Severity::error;
}

}  // namespace evident
