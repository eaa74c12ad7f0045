#include "core/gate_files.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/json_pointer.h"
#include "core/text.h"

namespace evident {
namespace {

using nlohmann::json;

// A number for a message: whole numbers without ".0", as the user wrote them.
std::string number_text(double number) {
  if (std::fabs(number) < 1e15 && number == std::trunc(number)) return std::to_string(static_cast<long long>(number));
  return json(number).dump();
}

std::optional<double> optional_number(const json& object, const char* name) {
  const auto found = object.find(name);
  if (found == object.end()) return std::nullopt;
  return found->get<double>();
}

std::optional<Enforcement> optional_enforcement(const json& object) {
  const auto found = object.find("enforce");
  if (found == object.end()) return std::nullopt;
  return parse_enforcement(found->get_ref<const std::string&>());  // the schema allows only these two
}

Tolerance read_tolerance(const json& value) {
  Tolerance tolerance;
  tolerance.absolute = optional_number(value, "absolute");
  tolerance.relative = optional_number(value, "relative");
  tolerance.alpha = optional_number(value, "alpha");
  tolerance.require_significance = value.value("require_significance", true);
  tolerance.enforce = optional_enforcement(value);
  return tolerance;
}

BudgetStat budget_stat_of(const std::string& name) {
  for (const BudgetStat stat : {BudgetStat::mean, BudgetStat::median, BudgetStat::max, BudgetStat::p95}) {
    if (budget_stat_name(stat) == name) return stat;
  }
  return BudgetStat::median;
}

// A budget, or nothing after reporting that no value could pass it.
std::optional<Budget> read_budget(const json& value, const std::string& pointer, std::vector<Diagnostic>& diagnostics) {
  Budget budget;
  budget.min = optional_number(value, "min");
  budget.max = optional_number(value, "max");
  budget.max_cv = optional_number(value, "max_cv");
  budget.stat = budget_stat_of(value.value("stat", "median"));
  if (const auto unit = value.find("unit"); unit != value.end()) budget.unit = unit->get<std::string>();
  budget.enforce = optional_enforcement(value);
  if (budget.min && budget.max && *budget.min > *budget.max) {
    diagnostics.push_back(problem_at(
        "budgets.min_above_max", pointer,
        "min " + number_text(*budget.min) + " is above max " + number_text(*budget.max) + "; no value could pass"));
    return std::nullopt;
  }
  return budget;
}

// The rules of a "metrics" object: each key parsed as a MetricPattern (a key that does not parse is
// reported at the key, code kind + ".bad_key"), each value by read, which may report and refuse it.
template <class T, class Read>
std::vector<std::pair<MetricPattern, T>> keyed_rules(const json& metrics, std::string_view kind,
                                                     std::vector<Diagnostic>& diagnostics, Read read) {
  std::vector<std::pair<MetricPattern, T>> rules;
  for (const auto& [key, value] : metrics.items()) {
    const std::string pointer = append_pointer("/metrics", key);
    std::string error;
    std::optional<MetricPattern> pattern = MetricPattern::parse(key, &error);
    if (!pattern) {
      Diagnostic problem =
          problem_at(std::string(kind) + ".bad_key", pointer, "the key " + quote_for_message(key) + " " + error,
                     "write a metric name such as \"wall_time\" or a full id such as "
                     "\"engine/*/wall_time\"");
      problem.at_key = true;
      diagnostics.push_back(std::move(problem));
      continue;
    }
    if (std::optional<T> rule = read(value, pointer)) rules.emplace_back(std::move(*pattern), std::move(*rule));
  }
  return rules;
}

BaselineEntry read_entry(const MetricId& id, const json& value) {
  BaselineEntry entry;
  entry.id = id;
  entry.unit = value.at("unit").get<std::string>();
  entry.better = value.at("better") == "higher" ? Better::higher : Better::lower;
  if (const auto samples = value.find("samples"); samples != value.end()) {
    entry.samples = samples->get<std::vector<double>>();
  }
  entry.value = optional_number(value, "value");
  return entry;
}

// The sources in file order; a path listed twice is reported, since two digests for one file
// cannot both be right.
std::vector<BaselineSource> read_sources(const json& sources, std::vector<Diagnostic>& diagnostics) {
  std::vector<BaselineSource> read;
  std::set<std::string> paths;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    BaselineSource source{sources[i].at("path").get<std::string>(), sources[i].at("sha256").get<std::string>()};
    if (!paths.insert(source.path).second) {
      diagnostics.push_back(problem_at("baseline.duplicate_source",
                                       append_pointer(append_pointer("/sources", i), "path"),
                                       "the source " + quote_for_message(source.path) + " is listed twice"));
    }
    read.push_back(std::move(source));
  }
  return read;
}

}  // namespace

std::string_view better_name(Better better) { return better == Better::lower ? "lower" : "higher"; }

std::optional<Enforcement> parse_enforcement(std::string_view text) {
  if (text == "soft") return Enforcement::soft;
  if (text == "hard") return Enforcement::hard;
  return std::nullopt;
}

std::string_view enforcement_name(Enforcement enforcement) {
  return enforcement == Enforcement::soft ? "soft" : "hard";
}

std::string_view budget_stat_name(BudgetStat stat) {
  switch (stat) {
    case BudgetStat::mean:
      return "mean";
    case BudgetStat::median:
      return "median";
    case BudgetStat::max:
      return "max";
    case BudgetStat::p95:
      return "p95";
  }
  return "median";
}

double allowed_change(const Tolerance& tolerance, double baseline_value) {
  const double absolute = tolerance.absolute.value_or(0.0);
  const double relative = tolerance.relative.value_or(0.0) * std::fabs(baseline_value);
  return std::max(absolute, relative);
}

const Tolerance* Tolerances::for_metric(const MetricId& id) const {
  if (const Tolerance* rule = most_specific(rules, id)) return rule;
  return fallback ? &*fallback : nullptr;
}

const Budget* Budgets::for_metric(const MetricId& id) const { return most_specific(rules, id); }

const BaselineEntry* Baseline::find(const MetricId& id) const {
  const auto found =
      std::lower_bound(entries.begin(), entries.end(), id,
                       [](const BaselineEntry& entry, const MetricId& wanted) { return entry.id < wanted; });
  return found != entries.end() && found->id == id ? &*found : nullptr;
}

std::optional<Tolerances> tolerances_from_json(const json& document, std::vector<Diagnostic>& diagnostics) {
  const std::size_t before = diagnostics.size();
  Tolerances tolerances;
  if (const auto found = document.find("correction"); found != document.end() && found->is_string()) {
    tolerances.correction = parse_correction(found->get<std::string>());
  }
  if (const auto found = document.find("default"); found != document.end()) {
    tolerances.fallback = read_tolerance(*found);
  }
  if (const auto found = document.find("metrics"); found != document.end()) {
    tolerances.rules = keyed_rules<Tolerance>(
        *found, "tolerances", diagnostics,
        [](const json& value, const std::string&) { return std::optional<Tolerance>(read_tolerance(value)); });
  }
  if (diagnostics.size() != before) return std::nullopt;
  return tolerances;
}

std::optional<Budgets> budgets_from_json(const json& document, std::vector<Diagnostic>& diagnostics) {
  const std::size_t before = diagnostics.size();
  Budgets budgets;
  budgets.rules = keyed_rules<Budget>(
      document.at("metrics"), "budgets", diagnostics,
      [&](const json& value, const std::string& pointer) { return read_budget(value, pointer, diagnostics); });
  if (diagnostics.size() != before) return std::nullopt;
  return budgets;
}

std::optional<Baseline> baseline_from_json(const json& document, std::vector<Diagnostic>& diagnostics) {
  const std::size_t before = diagnostics.size();
  Baseline baseline;
  baseline.created_at = document.at("created_at").get<std::string>();
  baseline.sources = read_sources(document.at("sources"), diagnostics);
  for (const auto& [key, value] : document.at("metrics").items()) {
    // The schema's key pattern asks for three segments but cannot count a segment's characters.
    if (const std::optional<MetricId> id = parse_metric_id(key)) {
      baseline.entries.push_back(read_entry(*id, value));
    } else {
      Diagnostic problem =
          problem_at("baseline.bad_id", append_pointer("/metrics", key),
                     "the key " + quote_for_message(key) + " is not a metric id suite/benchmark/metric",
                     "each of its three names is 1 to 200 characters");
      problem.at_key = true;
      diagnostics.push_back(std::move(problem));
    }
  }
  sort_by_id(baseline.entries);
  if (diagnostics.size() != before) return std::nullopt;
  return baseline;
}

void sort_by_id(std::vector<BaselineEntry>& entries) {
  const auto by_id = [](const BaselineEntry& a, const BaselineEntry& b) { return a.id < b.id; };
  if (!std::is_sorted(entries.begin(), entries.end(), by_id)) std::sort(entries.begin(), entries.end(), by_id);
}

json baseline_to_json(const Baseline& baseline) {
  json document = json::object();
  document["schema_version"] = std::string(baseline_schema_version);
  document["created_at"] = baseline.created_at;
  json sources = json::array();
  for (const BaselineSource& source : baseline.sources)
    sources.push_back({{"path", source.path}, {"sha256", source.sha256}});
  document["sources"] = std::move(sources);
  json metrics = json::object();
  for (const BaselineEntry& entry : baseline.entries) {
    json metric = {{"unit", entry.unit}, {"better", std::string(better_name(entry.better))}};
    if (!entry.samples.empty()) metric["samples"] = entry.samples;
    if (entry.value) metric["value"] = *entry.value;
    metrics[entry.id.text()] = std::move(metric);
  }
  document["metrics"] = std::move(metrics);
  return document;
}

}  // namespace evident
