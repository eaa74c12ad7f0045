#pragma once
// The configuration of `evident check` (evident.json, schema evident/config/1): which files are
// evidence, which policy judges them, which gate and rolling statistics apply, and where the
// reports go. A pure reader over a schema-valid document; paths stay as written (relative to the
// configuration's directory) for the CLI to resolve.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/change_points.h"
#include "core/classification.h"
#include "core/diagnostic.h"
#include "core/gate_files.h"
#include "core/multiple_testing.h"

namespace evident {

// What a gate holds the numbers to: absolute bounds per metric, or a baseline with tolerances.
enum class GateMode { budget, regression };
std::string_view gate_mode_name(GateMode mode);
// "budget" or "regression"; nothing for any other text.
std::optional<GateMode> parse_gate_mode(std::string_view text);

struct GateConfig {
  GateMode mode = GateMode::budget;
  std::string budgets;
  std::string baseline;
  std::string tolerances;  // optional in regression mode
  std::optional<double> relative;
  std::optional<double> absolute;
  double alpha = 0.05;
  // Regression mode: how a run's p-values are adjusted together. Unset: the tolerances file's
  // "correction", else holm.
  std::optional<Correction> correction;
  Enforcement enforce = Enforcement::hard;
};

struct RollingConfig {
  std::string history;
  std::size_t window = 10;
  std::optional<double> max_cv;
  std::optional<double> max_median;
  std::string budgets;               // per-metric bounds (evident/budgets/1); empty: none
  std::vector<std::string> metrics;  // metric keys to report; empty: all
  Enforcement enforce = Enforcement::hard;
  bool change_points = false;  // find the change points of each metric's history
  double max_p = 0.001;        // with change_points: ChangePointOptions
  double min_change = 0;
  std::size_t cp_window = 50;
};

// The parameters of change points when the configuration asks for them, else nothing.
std::optional<ChangePointOptions> change_point_options(const RollingConfig& config);

struct ReportPaths {
  std::string markdown, html, json, junit;  // empty: not written
};

struct TableMapping {
  std::string files;   // glob
  std::string schema;  // Table Schema descriptor
};

// How `check --base-ref` treats changes to the gate's own files: report each as a warning, or also
// fail a loosening made in the same change as any other file.
enum class GateChangesRule { report, separate };
std::string_view gate_changes_rule_name(GateChangesRule rule);

struct CheckConfig {
  std::optional<std::string> profile;     // the profile applied, if any
  std::vector<std::string> evidence;      // globs
  std::vector<std::string> exclude;       // globs
  std::vector<TableMapping> tables;       // CSV globs to Table Schemas, first match wins
  std::string policy;                     // empty: the built-in policy
  std::optional<RunClass> require_class;  // every evidence file must derive it; nothing: any class
  std::optional<GateConfig> gate;
  std::optional<RollingConfig> rolling;
  ReportPaths reports;
  GateChangesRule gate_changes = GateChangesRule::report;  // top level only
  // "verify_artifacts": hash the artifacts each evidence file names, relative to artifact_root
  // (the configuration's directory, set by the CLI), as `validate --verify-artifacts`.
  bool verify_artifacts = false;
  std::string artifact_root;
};

// Reads a schema-valid configuration and applies the profile (empty: none). Every part a profile
// names replaces the top-level part; null removes it. Problems (an unknown profile, a gate without
// its file, an option of the other gate mode) are added with codes "config.*" and JSON pointers;
// nothing is returned when there is any.
std::optional<CheckConfig> check_config_from_json(const nlohmann::json& document, const std::string& profile,
                                                  std::vector<Diagnostic>& problems);

}  // namespace evident
