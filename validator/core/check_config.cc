#include "core/check_config.h"

#include <map>

#include "core/edit_distance.h"
#include "core/json_pointer.h"
#include "core/text.h"

namespace evident {
namespace {

using nlohmann::json;

void problem(std::vector<Diagnostic>& problems, const std::string& code, std::string pointer, std::string message,
             std::string hint = {}) {
  Diagnostic diagnostic = problem_at("config." + code, std::move(pointer), std::move(message), std::move(hint));
  diagnostic.cannot_run = true;  // without a usable configuration nothing can be checked
  problems.push_back(std::move(diagnostic));
}

std::vector<std::string> strings_of(const json& value) {
  std::vector<std::string> strings;
  if (!value.is_array()) return strings;
  for (const json& item : value) {
    if (item.is_string()) strings.push_back(item.get<std::string>());
  }
  return strings;
}

std::string string_of(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::optional<double> number_of(const json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_number()) return std::nullopt;
  return found->get<double>();
}

// The schema allows only the names of the enumeration, so text that is not one (absent, or a
// document that skipped validation) keeps the default.
Enforcement enforcement_of(const json& object) {
  return parse_enforcement(string_of(object, "enforce")).value_or(Enforcement::hard);
}

std::optional<GateConfig> gate_of(const json& gate, const std::string& pointer, std::vector<Diagnostic>& problems) {
  GateConfig config;
  const std::optional<GateMode> mode = parse_gate_mode(string_of(gate, "mode"));
  config.mode = mode.value_or(GateMode::budget);
  config.budgets = string_of(gate, "budgets");
  config.baseline = string_of(gate, "baseline");
  config.tolerances = string_of(gate, "tolerances");
  config.relative = number_of(gate, "relative");
  config.absolute = number_of(gate, "absolute");
  config.alpha = number_of(gate, "alpha").value_or(0.05);
  config.correction = parse_correction(string_of(gate, "correction"));
  config.enforce = enforcement_of(gate);
  const std::size_t before = problems.size();
  if (mode == GateMode::regression) {
    if (config.baseline.empty()) {
      problem(problems, "gate_file_missing", pointer, "a regression gate needs \"baseline\"",
              "add \"baseline\": \"PATH\" (make one with evident baseline EVIDENCE --output PATH)");
    }
    if (gate.contains("budgets")) {
      problem(problems, "gate_option_mode", pointer + "/budgets",
              "\"budgets\" belongs to a budget gate, not a regression gate",
              "set \"mode\": \"budget\", or remove \"budgets\"");
    }
  } else if (mode == GateMode::budget) {
    if (config.budgets.empty()) {
      problem(problems, "gate_file_missing", pointer, "a budget gate needs \"budgets\"", "add \"budgets\": \"PATH\"");
    }
    for (const char* key : {"baseline", "tolerances", "relative", "absolute", "correction"}) {
      if (gate.contains(key)) {
        problem(problems, "gate_option_mode", pointer + "/" + key,
                "\"" + std::string(key) + "\" belongs to a regression gate, not a budget gate",
                "set \"mode\": \"regression\", or remove \"" + std::string(key) + "\"");
      }
    }
  }
  if (problems.size() != before) return std::nullopt;
  return config;
}

RollingConfig rolling_of(const json& rolling, const std::string& pointer, std::vector<Diagnostic>& problems) {
  RollingConfig config;
  config.history = string_of(rolling, "history");
  if (const auto window = rolling.find("window"); window != rolling.end() && window->is_number_unsigned()) {
    config.window = window->get<std::size_t>();
  }
  config.max_cv = number_of(rolling, "max_cv");
  config.max_median = number_of(rolling, "max_median");
  config.budgets = string_of(rolling, "budgets");
  if (const auto metrics = rolling.find("metrics"); metrics != rolling.end() && metrics->is_array()) {
    for (const json& key : *metrics) {
      if (key.is_string()) config.metrics.push_back(key.get<std::string>());
    }
  }
  config.enforce = enforcement_of(rolling);
  config.change_points = rolling.value("change_points", false);
  config.max_p = number_of(rolling, "max_p").value_or(config.max_p);
  config.min_change = number_of(rolling, "min_change").value_or(config.min_change);
  if (const auto window = rolling.find("cp_window"); window != rolling.end() && window->is_number_unsigned()) {
    config.cp_window = window->get<std::size_t>();
  }
  // A parameter of change points without them would read as a search that never ran.
  for (const char* key : {"max_p", "min_change", "cp_window"}) {
    if (!config.change_points && rolling.contains(key)) {
      problem(problems, "change_points_off", pointer + "/" + key,
              "\"" + std::string(key) + "\" is a parameter of change points, but \"change_points\" is not true",
              "add \"change_points\": true, or remove \"" + std::string(key) + "\"");
    }
  }
  return config;
}

}  // namespace

std::optional<ChangePointOptions> change_point_options(const RollingConfig& config) {
  if (!config.change_points) return std::nullopt;
  return ChangePointOptions{config.max_p, config.min_change, config.cp_window};
}

std::string_view gate_mode_name(GateMode mode) { return mode == GateMode::regression ? "regression" : "budget"; }

std::string_view gate_changes_rule_name(GateChangesRule rule) {
  return rule == GateChangesRule::separate ? "separate" : "report";
}

std::optional<GateMode> parse_gate_mode(std::string_view text) {
  if (text == "budget") return GateMode::budget;
  if (text == "regression") return GateMode::regression;
  return std::nullopt;
}

std::optional<CheckConfig> check_config_from_json(const json& document, const std::string& profile,
                                                  std::vector<Diagnostic>& problems) {
  const std::size_t before = problems.size();
  if (!document.is_object()) {
    problem(problems, "type", "", "the configuration must be a JSON object");
    return std::nullopt;
  }
  // Each part and the pointer it came from, so a problem points at the profile that set it.
  std::map<std::string, std::pair<json, std::string>> parts;
  for (const char* key :
       {"evidence", "exclude", "tables", "policy", "require_class", "gate", "rolling", "reports", "verify_artifacts"}) {
    if (const auto found = document.find(key); found != document.end()) parts[key] = {*found, "/" + std::string(key)};
  }
  CheckConfig config;
  if (!profile.empty()) {
    const auto profiles = document.find("profiles");
    std::vector<std::string> names;
    if (profiles != document.end() && profiles->is_object()) {
      for (const auto& [name, unused] : profiles->items()) names.push_back(name);
    }
    const auto chosen = profiles != document.end() && profiles->is_object() ? profiles->find(profile) : document.end();
    if (profiles == document.end() || !profiles->is_object() || chosen == profiles->end() || !chosen->is_object()) {
      std::string hint;
      if (const std::optional<std::string> close = closest_match(profile, names)) {
        hint = did_you_mean(close);
      } else if (!names.empty()) {
        std::string list;
        for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
        hint = "the configuration has the profiles " + list;
      } else {
        hint = "add \"profiles\": {" + quote_for_message(profile) + ": {...}} or drop --profile";
      }
      problem(problems, "unknown_profile", profiles == document.end() ? "" : "/profiles",
              "the configuration has no profile " + quote_for_message(profile), hint);
      return std::nullopt;
    }
    const std::string base = "/profiles/" + escape_pointer_token(profile);
    for (const auto& [key, value] : chosen->items()) {
      if (value.is_null()) {
        parts.erase(key);
      } else {
        parts[key] = {value, base + "/" + escape_pointer_token(key)};
      }
    }
    config.profile = profile;
  }
  if (const auto evidence = parts.find("evidence"); evidence != parts.end())
    config.evidence = strings_of(evidence->second.first);
  if (config.evidence.empty()) {
    problem(problems, "evidence_missing", "", "the configuration names no evidence glob",
            "add \"evidence\": [\"evidence/**/*.json\"]");
  }
  if (const auto exclude = parts.find("exclude"); exclude != parts.end())
    config.exclude = strings_of(exclude->second.first);
  if (const auto tables = parts.find("tables"); tables != parts.end() && tables->second.first.is_array()) {
    for (const json& entry : tables->second.first) {
      if (entry.is_object()) config.tables.push_back({string_of(entry, "files"), string_of(entry, "schema")});
    }
  }
  if (const auto policy = parts.find("policy"); policy != parts.end() && policy->second.first.is_string()) {
    config.policy = policy->second.first.get<std::string>();
  }
  if (const auto required = parts.find("require_class");
      required != parts.end() && required->second.first.is_string()) {
    config.require_class = parse_run_class(required->second.first.get<std::string>());
  }
  if (const auto gate = parts.find("gate"); gate != parts.end() && gate->second.first.is_object()) {
    config.gate = gate_of(gate->second.first, gate->second.second, problems);
  }
  if (const auto rolling = parts.find("rolling"); rolling != parts.end() && rolling->second.first.is_object()) {
    config.rolling = rolling_of(rolling->second.first, rolling->second.second, problems);
  }
  if (const auto verify = parts.find("verify_artifacts"); verify != parts.end() && verify->second.first.is_boolean()) {
    config.verify_artifacts = verify->second.first.get<bool>();
  }
  if (const auto reports = parts.find("reports"); reports != parts.end() && reports->second.first.is_object()) {
    const json& object = reports->second.first;
    config.reports = {string_of(object, "markdown"), string_of(object, "html"), string_of(object, "json"),
                      string_of(object, "junit")};
  }
  if (string_of(document, "gate_changes") == "separate") config.gate_changes = GateChangesRule::separate;
  if (problems.size() != before) return std::nullopt;
  return config;
}

}  // namespace evident
