#include "core/gate_files.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "core/edit_distance.h"
#include "core/json_pointer.h"
#include "core/text.h"

namespace evident {
namespace {

using nlohmann::json;

constexpr double largest = std::numeric_limits<double>::max();

std::string json_text(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// A number for a message: whole numbers without ".0", as the user wrote them.
std::string number_text(double number) {
  if (std::fabs(number) < 1e15 && number == std::trunc(number)) return std::to_string(static_cast<long long>(number));
  return json_text(json(number));
}

// Collects the problems of one gate file; every code starts with the file kind ("tolerances.").
class GateFileReader {
 public:
  GateFileReader(std::string kind, const json& document, std::vector<Diagnostic>& diagnostics)
      : kind_(std::move(kind)), document_(document), diagnostics_(diagnostics) {}

  bool failed() const { return failed_; }

  void problem(std::string_view code, std::string pointer, std::string message, std::string hint = {}) {
    Diagnostic diagnostic;
    diagnostic.severity = Severity::error;
    diagnostic.code = kind_ + "." + std::string(code);
    diagnostic.message = std::move(message);
    diagnostic.pointer = std::move(pointer);
    diagnostic.hint = std::move(hint);
    diagnostics_.push_back(std::move(diagnostic));
    failed_ = true;
  }

  void type_problem(const std::string& pointer, std::string_view expected, const json& value) {
    const std::vector<std::string> tokens = split_pointer(pointer);
    const std::string name = tokens.empty() ? "the document" : quote_for_message(tokens.back());
    problem("type", pointer, name + " must be " + std::string(expected) + ", not " + value.type_name());
  }

  // The document is an object with the right schema_version and no member outside known.
  bool check_document(std::string_view schema_version, const std::vector<std::string>& known) {
    if (!document_.is_object()) {
      type_problem("", "a JSON object", document_);
      return false;
    }
    const auto version = document_.find("schema_version");
    if (version == document_.end()) {
      problem("member_missing", "", "the document has no \"schema_version\"");
    } else if (!version->is_string() || version->get<std::string>() != schema_version) {
      problem("schema_version", "/schema_version",
              "schema_version must be \"" + std::string(schema_version) + "\", not " + json_text(*version));
    }
    check_members(document_, "", known, "document");
    return true;
  }

  void check_members(const json& object, const std::string& pointer, const std::vector<std::string>& known,
                     std::string_view what) {
    for (const auto& [key, value] : object.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string hint;
      if (const std::optional<std::string> match = closest_match(key, known)) hint = "did you mean \"" + *match + "\"?";
      problem("member_unknown", append_pointer(pointer, key),
              "unknown member " + quote_for_message(key) + " in a " + std::string(what), hint);
    }
  }

  // A finite number in [minimum, maximum]; inclusive unless said otherwise.
  std::optional<double> number(const json& value, const std::string& pointer, double minimum, double maximum,
                               bool exclusive = false) {
    if (!value.is_number()) {
      type_problem(pointer, "a number", value);
      return std::nullopt;
    }
    const double number = value.get<double>();
    const bool inside = exclusive ? number > minimum && number < maximum : number >= minimum && number <= maximum;
    if (!std::isfinite(number) || !inside) {
      const std::vector<std::string> tokens = split_pointer(pointer);
      const std::string bounds = exclusive ? "strictly between " + number_text(minimum) + " and " + number_text(maximum)
                                 : maximum == largest ? "at least " + number_text(minimum)
                                                      : "from " + number_text(minimum) + " to " + number_text(maximum);
      problem("range", pointer, tokens.back() + " must be " + bounds + ", not " + json_text(value));
      return std::nullopt;
    }
    return number;
  }

  // A single-line text of 1 to max_length characters without control characters or a space at
  // either end (units, timestamps, paths).
  std::optional<std::string> text_line(const json& value, const std::string& pointer, std::size_t max_length) {
    if (!value.is_string()) {
      type_problem(pointer, "a string", value);
      return std::nullopt;
    }
    std::string text = value.get<std::string>();
    const bool has_control = std::any_of(text.begin(), text.end(),
                                         [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\x7f'; });
    if (text.empty() || text.size() > 4 * max_length || has_control || text.front() == ' ' || text.back() == ' ') {
      problem("range", pointer,
              "must be 1 to " + std::to_string(max_length) +
                  " characters without control characters or a space at either end, not " + quote_for_message(text));
      return std::nullopt;
    }
    return text;
  }

  // The keyed rules of a "metrics" object: each key parsed as a MetricPattern, each value by read.
  template <class T, class Read>
  std::vector<std::pair<MetricPattern, T>> keyed_rules(const json& metrics, const std::string& pointer, Read read) {
    std::vector<std::pair<MetricPattern, T>> rules;
    if (!metrics.is_object()) {
      type_problem(pointer, "an object keyed by metric name or id", metrics);
      return rules;
    }
    for (const auto& [key, value] : metrics.items()) {
      const std::string rule_pointer = append_pointer(pointer, key);
      std::string error;
      std::optional<MetricPattern> pattern = MetricPattern::parse(key, &error);
      if (!pattern) {
        problem("bad_key", rule_pointer, "the key " + quote_for_message(key) + " " + error,
                "write a metric name such as \"wall_time\" or a full id such as \"engine/*/wall_time\"");
        continue;
      }
      if (std::optional<T> rule = read(value, rule_pointer)) rules.emplace_back(std::move(*pattern), std::move(*rule));
    }
    return rules;
  }

  const json& document() const { return document_; }

 private:
  std::string kind_;
  const json& document_;
  std::vector<Diagnostic>& diagnostics_;
  bool failed_ = false;
};

// An entry's optional "enforce": "soft" or "hard". False when it is there but neither.
bool read_enforcement(GateFileReader& reader, const json& value, const std::string& pointer,
                      std::optional<Enforcement>& enforce) {
  const auto found = value.find("enforce");
  if (found == value.end()) return true;
  if (*found == "soft" || *found == "hard") {
    enforce = *found == "soft" ? Enforcement::soft : Enforcement::hard;
    return true;
  }
  reader.problem("bad_enforce", append_pointer(pointer, "enforce"),
                 "enforce must be \"soft\" or \"hard\", not " + json_text(*found));
  return false;
}

std::optional<Tolerance> read_tolerance(GateFileReader& reader, const json& value, const std::string& pointer) {
  if (!value.is_object()) {
    reader.type_problem(pointer, "an object with \"absolute\" and/or \"relative\"", value);
    return std::nullopt;
  }
  reader.check_members(value, pointer, {"absolute", "relative", "require_significance", "alpha", "enforce"},
                       "tolerance");
  Tolerance tolerance;
  bool ok = true;
  const auto read_number = [&](const char* name, double minimum, double maximum,
                               bool exclusive) -> std::optional<double> {
    const auto found = value.find(name);
    if (found == value.end()) return std::nullopt;
    std::optional<double> number = reader.number(*found, append_pointer(pointer, name), minimum, maximum, exclusive);
    if (!number) ok = false;
    return number;
  };
  tolerance.absolute = read_number("absolute", 0.0, largest, false);
  tolerance.relative = read_number("relative", 0.0, 100.0, false);
  tolerance.alpha = read_number("alpha", 0.0, 1.0, true);
  if (const auto found = value.find("require_significance"); found != value.end()) {
    if (found->is_boolean()) {
      tolerance.require_significance = found->get<bool>();
    } else {
      reader.type_problem(append_pointer(pointer, "require_significance"), "true or false", *found);
      ok = false;
    }
  }
  if (!read_enforcement(reader, value, pointer, tolerance.enforce)) ok = false;
  if (!value.contains("absolute") && !value.contains("relative")) {
    reader.problem("empty", pointer, "a tolerance needs \"absolute\", \"relative\" or both",
                   "for example {\"relative\": 0.05} allows a 5% change");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return tolerance;
}

std::optional<Budget> read_budget(GateFileReader& reader, const json& value, const std::string& pointer) {
  if (!value.is_object()) {
    reader.type_problem(pointer, "an object with \"max\" and/or \"min\"", value);
    return std::nullopt;
  }
  reader.check_members(value, pointer, {"max", "min", "stat", "unit", "enforce", "max_cv"}, "budget");
  Budget budget;
  bool ok = true;
  for (const char* name : {"min", "max"}) {
    const auto found = value.find(name);
    if (found == value.end()) continue;
    std::optional<double> bound = reader.number(*found, append_pointer(pointer, name), -largest, largest);
    if (!bound) ok = false;
    (std::string_view(name) == "min" ? budget.min : budget.max) = bound;
  }
  if (const auto found = value.find("max_cv"); found != value.end()) {
    budget.max_cv = reader.number(*found, append_pointer(pointer, "max_cv"), 0.0, largest);
    if (!budget.max_cv) ok = false;
  }
  if (!value.contains("min") && !value.contains("max")) {
    reader.problem("empty", pointer, "a budget needs \"max\", \"min\" or both", "for example {\"max\": 0.5}");
    ok = false;
  }
  if (budget.min && budget.max && *budget.min > *budget.max) {
    reader.problem(
        "min_above_max", pointer,
        "min " + number_text(*budget.min) + " is above max " + number_text(*budget.max) + "; no value could pass");
    ok = false;
  }
  if (const auto found = value.find("stat"); found != value.end()) {
    const std::string stat_pointer = append_pointer(pointer, "stat");
    const std::vector<std::string> names{"mean", "median", "max", "p95"};
    const std::string text = found->is_string() ? found->get<std::string>() : std::string();
    const auto known = std::find(names.begin(), names.end(), text);
    if (!found->is_string() || known == names.end()) {
      std::string hint;
      if (const std::optional<std::string> match = closest_match(text, names))
        hint = "did you mean \"" + *match + "\"?";
      reader.problem("bad_stat", stat_pointer,
                     "stat must be \"mean\", \"median\", \"max\" or \"p95\", not " + json_text(*found), hint);
      ok = false;
    } else {
      budget.stat = static_cast<BudgetStat>(known - names.begin());
    }
  }
  if (const auto found = value.find("unit"); found != value.end()) {
    budget.unit = reader.text_line(*found, append_pointer(pointer, "unit"), 64);
    if (!budget.unit) ok = false;
  }
  if (!read_enforcement(reader, value, pointer, budget.enforce)) ok = false;
  if (!ok) return std::nullopt;
  return budget;
}

std::optional<BaselineEntry> read_entry(GateFileReader& reader, const MetricId& id, const json& value,
                                        const std::string& pointer) {
  if (!value.is_object()) {
    reader.type_problem(pointer, "an object", value);
    return std::nullopt;
  }
  reader.check_members(value, pointer, {"unit", "better", "samples", "value"}, "baseline metric");
  BaselineEntry entry;
  entry.id = id;
  bool ok = true;
  if (const auto found = value.find("unit"); found == value.end()) {
    reader.problem("member_missing", pointer, "the metric has no \"unit\"");
    ok = false;
  } else if (std::optional<std::string> unit = reader.text_line(*found, append_pointer(pointer, "unit"), 64)) {
    entry.unit = std::move(*unit);
  } else {
    ok = false;
  }
  if (const auto found = value.find("better"); found == value.end()) {
    reader.problem("member_missing", pointer, "the metric has no \"better\"");
    ok = false;
  } else if (found->is_string() && found->get<std::string>() == "lower") {
    entry.better = Better::lower;
  } else if (found->is_string() && found->get<std::string>() == "higher") {
    entry.better = Better::higher;
  } else {
    reader.problem("bad_better", append_pointer(pointer, "better"),
                   "better must be \"lower\" or \"higher\", not " + json_text(*found));
    ok = false;
  }
  if (const auto found = value.find("samples"); found != value.end()) {
    const std::string samples_pointer = append_pointer(pointer, "samples");
    if (!found->is_array() || found->empty()) {
      reader.problem("type", samples_pointer, "samples must be a non-empty array of numbers");
      ok = false;
    } else {
      entry.samples.reserve(found->size());
      for (std::size_t i = 0; i < found->size(); ++i) {
        std::optional<double> sample =
            reader.number((*found)[i], append_pointer(samples_pointer, i), -largest, largest);
        if (sample)
          entry.samples.push_back(*sample);
        else
          ok = false;
      }
    }
  }
  if (const auto found = value.find("value"); found != value.end()) {
    entry.value = reader.number(*found, append_pointer(pointer, "value"), -largest, largest);
    if (!entry.value) ok = false;
  }
  if (!value.contains("samples") && !value.contains("value")) {
    reader.problem("no_data", pointer, "the metric needs \"samples\", \"value\" or both");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return entry;
}

bool is_sha256(const std::string& text) {
  return text.size() == 64 &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::string_view better_name(Better better) { return better == Better::lower ? "lower" : "higher"; }

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
  GateFileReader reader("tolerances", document, diagnostics);
  if (!reader.check_document(tolerances_schema_version, {"schema_version", "description", "default", "metrics"})) {
    return std::nullopt;
  }
  Tolerances tolerances;
  if (const auto found = document.find("default"); found != document.end()) {
    tolerances.fallback = read_tolerance(reader, *found, "/default");
  }
  if (const auto found = document.find("metrics"); found != document.end()) {
    tolerances.rules = reader.keyed_rules<Tolerance>(
        *found, "/metrics",
        [&](const json& value, const std::string& pointer) { return read_tolerance(reader, value, pointer); });
  }
  if (!document.contains("default") && !document.contains("metrics")) {
    reader.problem("empty", "", "the tolerances name neither a \"default\" nor any \"metrics\"");
  }
  if (reader.failed()) return std::nullopt;
  return tolerances;
}

std::optional<Budgets> budgets_from_json(const json& document, std::vector<Diagnostic>& diagnostics) {
  GateFileReader reader("budgets", document, diagnostics);
  if (!reader.check_document(budgets_schema_version, {"schema_version", "description", "metrics"})) return std::nullopt;
  Budgets budgets;
  if (const auto found = document.find("metrics"); found == document.end()) {
    reader.problem("member_missing", "", "the budgets have no \"metrics\"");
  } else {
    budgets.rules = reader.keyed_rules<Budget>(*found, "/metrics", [&](const json& value, const std::string& pointer) {
      return read_budget(reader, value, pointer);
    });
    if (found->is_object() && found->empty()) reader.problem("empty", "/metrics", "the budgets name no metric");
  }
  if (reader.failed()) return std::nullopt;
  return budgets;
}

std::optional<Baseline> baseline_from_json(const json& document, std::vector<Diagnostic>& diagnostics) {
  GateFileReader reader("baseline", document, diagnostics);
  if (!reader.check_document(baseline_schema_version,
                             {"schema_version", "description", "created_at", "sources", "metrics"})) {
    return std::nullopt;
  }
  Baseline baseline;
  if (const auto found = document.find("created_at"); found == document.end()) {
    reader.problem("member_missing", "", "the baseline has no \"created_at\"");
  } else if (std::optional<std::string> created_at = reader.text_line(*found, "/created_at", 40)) {
    baseline.created_at = std::move(*created_at);
  }
  if (const auto found = document.find("sources"); found == document.end()) {
    reader.problem("member_missing", "", "the baseline has no \"sources\"");
  } else if (!found->is_array() || found->empty()) {
    reader.problem("type", "/sources", "sources must be a non-empty array of {\"path\", \"sha256\"}");
  } else {
    std::set<std::string> paths;
    for (std::size_t i = 0; i < found->size(); ++i) {
      const json& source = (*found)[i];
      const std::string pointer = append_pointer("/sources", i);
      if (!source.is_object()) {
        reader.type_problem(pointer, "an object", source);
        continue;
      }
      reader.check_members(source, pointer, {"path", "sha256"}, "source");
      BaselineSource entry;
      if (const auto path = source.find("path"); path == source.end()) {
        reader.problem("member_missing", pointer, "the source has no \"path\"");
      } else if (std::optional<std::string> text = reader.text_line(*path, append_pointer(pointer, "path"), 4096)) {
        entry.path = std::move(*text);
        if (!paths.insert(entry.path).second) {
          reader.problem("duplicate_source", append_pointer(pointer, "path"),
                         "the source " + quote_for_message(entry.path) + " is listed twice");
        }
      }
      if (const auto digest = source.find("sha256"); digest == source.end()) {
        reader.problem("member_missing", pointer, "the source has no \"sha256\"");
      } else if (!digest->is_string() || !is_sha256(digest->get<std::string>())) {
        reader.problem("bad_sha256", append_pointer(pointer, "sha256"),
                       "sha256 must be 64 lowercase hexadecimal digits, not " + json_text(*digest));
      } else {
        entry.sha256 = digest->get<std::string>();
      }
      baseline.sources.push_back(std::move(entry));
    }
  }
  if (const auto found = document.find("metrics"); found == document.end()) {
    reader.problem("member_missing", "", "the baseline has no \"metrics\"");
  } else if (!found->is_object()) {
    reader.type_problem("/metrics", "an object keyed by metric id", *found);
  } else {
    if (found->empty()) reader.problem("empty", "/metrics", "the baseline holds no metric");
    for (const auto& [key, value] : found->items()) {
      const std::string pointer = append_pointer("/metrics", key);
      const std::optional<MetricId> id = parse_metric_id(key);
      if (!id) {
        reader.problem("bad_id", pointer,
                       "the key " + quote_for_message(key) + " is not a metric id suite/benchmark/metric",
                       "a baseline names each metric in full, without '*'");
        continue;
      }
      if (std::optional<BaselineEntry> entry = read_entry(reader, *id, value, pointer)) {
        baseline.entries.push_back(std::move(*entry));
      }
    }
    std::sort(baseline.entries.begin(), baseline.entries.end(),
              [](const BaselineEntry& a, const BaselineEntry& b) { return a.id < b.id; });
  }
  if (reader.failed()) return std::nullopt;
  return baseline;
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
