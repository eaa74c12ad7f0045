// evident check : the PR entry point. Everything evident.json configures (evidence globs, policy,
// gate, rolling statistics, reports) in one pass, one result model, every report rendered from it.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <utility>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/gate_audit.h"
#include "cli/gate_pipeline.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/report_output.h"
#include "cli/rolling_history.h"
#include "core/check_config.h"
#include "core/check_result.h"
#include "core/evidence_metrics.h"
#include "core/glob.h"
#include "core/required_class.h"
#include "core/text.h"
#include "core/validation_result.h"
#include "io/files/artifact_check.h"
#include "io/output/diagnostic_render.h"
#include "io/output/result_json.h"
#include "io/output/verdict_render.h"
#include "io/schema/csv_validation.h"
#include "io/schema/evidence_classification.h"
#include "io/schema/finding_locator.h"
#include "io/schema/table_schema_loader.h"
#include "io/schema/validation_run.h"

namespace evident::cli {
namespace {

namespace fs = std::filesystem;

struct CheckOptions {
  std::string config_path = "evident.json";
  std::string profile;
  std::string markdown, html, json, junit, summary;
  std::string template_dir;
  std::string base_ref;
  bool no_base_ref = false;
  std::string format = "text";
  InputLimitOptions limits;
  unsigned jobs = io::default_jobs();
};

// A path of the configuration, relative to the configuration's directory, as the user will see it.
class PathResolver {
 public:
  explicit PathResolver(const std::string& config_path)
      : base_(fs::path(config_path).parent_path().empty() ? fs::path(".") : fs::path(config_path).parent_path()) {}
  std::string base() const { return base_.string(); }
  std::string operator()(const std::string& path) const {
    if (path.empty()) return path;
    const fs::path given(path);
    return (given.is_absolute() ? given : (base_ / given)).lexically_normal().generic_string();
  }

 private:
  fs::path base_;
};

CheckConfig load_config(const CheckOptions& options, const io::ValidationOptions& validation) {
  const auto reader = [&](const nlohmann::json& value, std::vector<Diagnostic>& problems) {
    return check_config_from_json(value, options.profile, problems);
  };
  return load_kind_file<CheckConfig>(options.config_path, "config", validation, reader,
                                     "the configuration (evident/config/1)");
}

// The configuration with every path resolved against its directory and the report flags applied.
void resolve_paths(CheckConfig& config, const PathResolver& resolve, const CheckOptions& options) {
  config.policy = resolve(config.policy);
  if (config.verify_artifacts) config.artifact_root = resolve.base();
  for (TableMapping& table : config.tables) table.schema = resolve(table.schema);
  if (config.gate) {
    config.gate->baseline = resolve(config.gate->baseline);
    config.gate->tolerances = resolve(config.gate->tolerances);
    config.gate->budgets = resolve(config.gate->budgets);
  }
  if (config.rolling) {
    config.rolling->history = resolve(config.rolling->history);
    config.rolling->budgets = resolve(config.rolling->budgets);
  }
  ReportPaths& reports = config.reports;
  reports = {resolve(reports.markdown), resolve(reports.html), resolve(reports.json), resolve(reports.junit)};
  const auto override_with = [](std::string& target, const std::string& flag) {
    if (!flag.empty()) target = fs::path(flag).lexically_normal().generic_string();
  };
  override_with(reports.markdown, options.markdown);
  override_with(reports.html, options.html);
  override_with(reports.json, options.json);
  override_with(reports.junit, options.junit);
}

// The files of the evidence globs, without the configuration's own files: the configuration, the
// policy, the gate files and the history are inputs of their own, never evidence of this change.
io::CollectedFiles evidence_files(const CheckResult& result, const PathResolver& resolve) {
  const CheckConfig& config = result.config;
  io::CollectedFiles collected = io::expand_globs(resolve.base(), config.evidence, config.exclude);
  std::vector<std::string> own{result.config_path, config.policy};
  if (config.gate) own.insert(own.end(), {config.gate->baseline, config.gate->tolerances, config.gate->budgets});
  if (config.rolling) own.push_back(config.rolling->budgets);
  const std::string history = config.rolling ? config.rolling->history + "/" : std::string();
  std::erase_if(collected.files, [&](const std::string& file) {
    return std::find(own.begin(), own.end(), file) != own.end() || (!history.empty() && file.starts_with(history));
  });
  if (collected.files.empty()) {
    std::string globs;
    for (const std::string& glob : config.evidence) globs += (globs.empty() ? "\"" : ", \"") + glob + "\"";
    throw UsageError("no evidence found: the globs " + globs + " match no file below " + resolve.base());
  }
  return collected;
}

// Classification findings of a valid evidence file as failures: the claim finding and, for an
// over-claim, every failed rule, each at its fact.
void add_classification_failures(const Verdict& verdict, const io::FileValidation& file,
                                 std::vector<Failure>& failures) {
  if (!verdict_fails(verdict)) return;
  const auto add = [&](const RuleFinding& finding) {
    Failure failure;
    failure.kind = FailureKind::classification;
    failure.diagnostic = io::finding_diagnostic(finding, Severity::error, &*file.document, file.path);
    failure.threshold = finding.required;
    failure.observed = finding.observed;
    failure.classification = verdict.derived;
    failures.push_back(std::move(failure));
  };
  if (verdict.claim_finding) add(*verdict.claim_finding);
  for (const RuleFinding& finding : verdict.failed_rules) add(finding);
}

// "require_class": an evidence file that derives another class fails, as a classification failure
// at its claim (placed there by io::judge_evidence).
std::optional<Failure> required_class_failure(const io::EvidenceVerdict& judged, const CheckConfig& config) {
  if (!config.require_class || !judged.not_required) return std::nullopt;
  Failure failure;
  failure.kind = FailureKind::classification;
  failure.diagnostic = *judged.not_required;
  failure.threshold = std::string(run_class_name(*config.require_class));
  failure.observed = std::string(run_class_name(judged.verdict.derived));
  failure.classification = judged.verdict.derived;
  return failure;
}

// With --profile P, evidence that records another suite.profile is left out (not classified, not
// gated) with a note; evidence that records no profile belongs to every profile.
std::optional<Diagnostic> other_profile(const io::FileValidation& file, const std::optional<std::string>& profile) {
  if (!profile) return std::nullopt;
  const nlohmann::json& document = file.value_besides_benchmarks();
  const auto suite = document.find("suite");
  if (suite == document.end() || !suite->is_object()) return std::nullopt;
  const auto recorded = suite->find("profile");
  if (recorded == suite->end() || !recorded->is_string() || *recorded == *profile) return std::nullopt;
  Diagnostic note = file.document->diagnostic_at("/suite/profile", "check.other_profile",
                                                 "left out: this evidence was made for profile " +
                                                     quote_for_message(recorded->get<std::string>()) + ", not " +
                                                     quote_for_message(*profile));
  note.severity = Severity::note;
  note.file = file.path;
  return note;
}

// As `evident rolling`, with one difference: a missing or empty history stops a hard-enforced
// check (exit 2), but under soft enforcement it is a warning (rolling.no_history) and the rest of the
// check runs, so a project can start its history with its first check. A bad file in it is skipped
// with a warning.
void run_rolling_part(const RollingConfig& config, const io::ValidationOptions& validation, CheckResult& result) {
  RollingOutcome outcome;
  outcome.config = config;
  RollingOptions options{config.window,
                         config.max_cv,
                         config.max_median,
                         std::nullopt,
                         metric_patterns(config.metrics),
                         change_point_options(config)};
  if (!config.budgets.empty()) {
    options.budgets = load_gate_file<Budgets>(config.budgets, "budgets", validation, budgets_from_json);
  }
  const bool soft = config.enforce == Enforcement::soft;
  const auto no_history = [&](const std::string& what) {
    if (!soft) throw UsageError("the rolling history " + config.history + " " + what);
    Diagnostic warning;
    warning.severity = Severity::warning;
    warning.code = "rolling.no_history";
    warning.file = config.history;
    warning.message =
        "the rolling history " + what + ": no rolling statistics yet (soft enforcement goes on without them)";
    warning.hint = "keep each run's evidence in " + config.history + "; under hard enforcement this stops the check";
    result.diagnostics.push_back(std::move(warning));
    result.rolling = std::move(outcome);
  };
  io::CollectedFiles collected = collect_json_inputs({config.history});
  if (exit_code_for(collected.diagnostics) == ExitCode::cannot_run) return no_history("is empty or missing");
  RollingHistory history = read_history(collected, validation, config.window, config.change_points);
  outcome.skipped_files = history.skipped;
  result.diagnostics.insert(result.diagnostics.end(), history.warnings.begin(), history.warnings.end());
  if (history.runs.empty()) return no_history("holds no valid evidence file");
  outcome.result = roll(std::move(history.runs), options);
  outcome.skipped_files += outcome.result.untimed_runs;
  const std::vector<Diagnostic> warnings = history.located_in_history(outcome.result.warnings);
  result.diagnostics.insert(result.diagnostics.end(), warnings.begin(), warnings.end());
  if (outcome.result.window_runs.empty())
    return no_history("holds no run that can be used (failed runs take no place)");
  if (std::optional<Diagnostic> warning = short_history_warning(outcome.result, config.window, config.history)) {
    result.diagnostics.push_back(std::move(*warning));
  }
  for (Failure& failure : rolling_failures(outcome, soft ? Severity::warning : Severity::error)) {
    failure.diagnostic = history.located_in_history({failure.diagnostic}).front();
    result.failures.push_back(std::move(failure));
  }
  result.rolling = std::move(outcome);
}

// The Table Schema of a CSV file: the first "tables" entry whose glob matches it, else
// DATA.schema.json beside it.
std::string table_schema_of(const std::string& csv, const CheckConfig& config, const PathResolver& resolve) {
  const std::string relative = fs::path(csv).lexically_relative(resolve.base()).generic_string();
  for (const TableMapping& table : config.tables) {
    if (glob_match(table.files, relative)) return table.schema;
  }
  return fs::path(io::sibling_schema(csv)).lexically_normal().generic_string();
}

// The validation part, as `evident validate` partitions and checks its inputs, with one difference
// on purpose: a table's descriptor is the configuration's "tables" mapping first. A table without
// one fails the check; a descriptor that cannot be used ends it (exit 2), as an unusable gate file
// does. Returns the JSON documents to validate; the tables and unsupported files go to files.
std::vector<std::string> check_inputs(std::vector<std::string> collected, const CheckConfig& config,
                                      const PathResolver& resolve, const io::ValidationOptions& validation,
                                      std::vector<FileOutcome>& files) {
  InputPartition inputs = partition_inputs(
      std::move(collected), [&](const std::string& csv) { return table_schema_of(csv, config, resolve); });
  io::CsvOptions csv_options;
  csv_options.max_cell_bytes = validation.limits.max_string_bytes;
  for (io::TableCheck& table : io::check_tables(inputs.tables, validation, csv_options)) {
    const std::string& file = table.input.csv;
    if (table.status == io::TableStatus::unusable_schema) {
      throw UsageError("cannot use " + table.input.schema + " as the Table Schema of " + file, table.problems);
    }
    if (table.status == io::TableStatus::checked) {
      files.push_back({file, "table", std::move(table.file.diagnostics), std::nullopt});
      continue;
    }
    Diagnostic missing;
    missing.code = "csv.no_schema";
    missing.file = file;
    missing.message = "no Table Schema for this table";
    missing.hint = "put its descriptor at " + table.input.schema + ", or map it in \"tables\" of the configuration";
    files.push_back({file, "", {missing}, std::nullopt});
  }
  for (const std::string& file : inputs.others) {
    Diagnostic unsupported;
    unsupported.code = "io.unsupported_format";
    unsupported.file = file;
    unsupported.message = "evident checks JSON evidence (*.json) and CSV tables (*.csv); this file is neither";
    unsupported.hint = "narrow the evidence glob, or add the file to \"exclude\"";
    files.push_back({file, "", {unsupported}, std::nullopt});
  }
  return inputs.json;
}

// What check keeps of each file follows what it shows. A result written out (--format json, a
// report, the job summary) lists every file with its verdict and every metric; the text output
// shows the summary and the failures, so there a file with nothing to report and every metric are
// only counted. A gate reads every metric with its samples, and places its breaches in the files.
struct Keeping {
  bool listed = true;  // every file and metric is listed in the result
  bool gated = false;  // the configuration has a gate
};

// The evidence that is classified and gated. Each document is let go once its file is judged: what
// the later steps need of it is made while it is in hand (its classification failures, the runs the
// gate judges), and the gate's breaches are placed by reading their files again.
struct EvidenceIndex {
  io::FindingLocator locator;                                           // with a gate
  std::map<std::string, RunClass> class_of;                             // with a gate
  std::map<std::string, std::vector<Failure>> classification_failures;  // by path, of the files that fail
  std::map<std::string, Failure> required_class_failures;               // by path
  GatedEvidence gated;                                                  // without a gate, only its failed runs
};

// What check makes of one file, on the worker that validated it: its outcome, and for evidence of
// the profile its classification failures, its run for the gate and its metrics for the result.
struct JudgedFile {
  FileOutcome outcome;
  bool evidence = false;
  std::optional<Diagnostic> other_profile;  // evidence left out: it was made for another profile
  std::vector<Failure> failures;
  std::optional<Failure> missed_class;
  std::optional<GatedEvidenceBuilder::Run> run;      // its metrics only with a gate
  std::optional<io::FindingLocator::Entry> located;  // with a gate
  std::vector<ResultMetric> metrics;                 // listed without a gate (with one, from the gate's)
  std::size_t metric_count = 0;                      // counted, not listed, without a gate
};

JudgedFile judge_file(io::FileValidation&& file, const Policy& policy, const CheckConfig& config, Keeping keeping,
                      const io::FindingLocator& locator) {
  JudgedFile judged;
  judged.outcome = FileOutcome{file.path, file.kind, {}, std::nullopt};
  judged.evidence = file.valid() && file.kind == "evidence";
  if (keeping.gated) judged.located = locator.entry_of(file);
  if (judged.evidence) {
    judged.other_profile = other_profile(file, config.profile);
    if (!judged.other_profile) {
      io::EvidenceVerdict verdict = io::judge_evidence(file, policy, config.require_class);
      add_classification_failures(verdict.verdict, file, judged.failures);
      judged.missed_class = required_class_failure(verdict, config);
      GatedEvidenceBuilder::Run run = GatedEvidenceBuilder::read_run(file, keeping.gated || keeping.listed);
      if (run.failed) run.failed->classification = verdict.verdict.derived;
      if (!keeping.gated && keeping.listed) {
        judged.metrics.reserve(run.metrics.size());
        for (MetricSeries& metric : run.metrics) judged.metrics.push_back(result_metric(std::move(metric)));
        run.metrics.clear();
      } else if (!keeping.gated && !run.failed) {
        judged.metric_count = file.metric_count ? *file.metric_count : metric_count(file.document->value());
      }
      judged.run = std::move(run);
      judged.outcome.verdict = std::move(verdict.verdict);
      if (config.verify_artifacts) {
        std::vector<Diagnostic> findings = io::verify_artifacts(*file.document, config.artifact_root);
        file.diagnostics.insert(file.diagnostics.end(), findings.begin(), findings.end());
        sort_diagnostics(file.diagnostics);
      }
    }
  }
  judged.outcome.diagnostics = std::move(file.diagnostics);
  return judged;
}

// A file of the result: listed, or only counted when the output does not list it and it has
// nothing to report.
void add_file(FileOutcome&& file, Keeping keeping, CheckResult& result) {
  const bool reported = !file.diagnostics.empty() || (file.verdict && verdict_fails(*file.verdict));
  if (keeping.listed || reported) {
    result.files.push_back(std::move(file));
    return;
  }
  ++result.unlisted.files;
  if (file.verdict) {
    ++(file.verdict->derived == RunClass::isolated_affinity ? result.unlisted.isolated_affinity
                                                            : result.unlisted.functional_non_isolated);
  }
}

// The classification part, as `evident classify` classifies each file, except that evidence of
// another profile is left out with a note. The files are judged on the workers, and gathered here
// in order.
EvidenceIndex classify_evidence(const std::vector<std::string>& json_files, io::ValidationOptions validation,
                                const Policy& policy, Keeping keeping, CheckResult& result) {
  // Valid evidence is judged and classified in place. A gate, or a result that lists every metric,
  // reads its metrics from On Demand's tree (io/json/metrics_in_place); otherwise only the value
  // without the benchmarks is read, and the metrics are counted on simdjson's DOM, as `validate`
  // judges a file.
  validation.claim_policy = &policy;
  if (keeping.gated || keeping.listed) {
    validation.numbers_in_place = true;
  } else {
    validation.values_read = false;
    validation.metrics_counted = true;
  }
  EvidenceIndex index{io::FindingLocator(validation), {}, {}, {}, {}};
  GatedEvidenceBuilder gated;
  bool any_evidence = false, any_of_profile = false;
  const CheckConfig& config = result.config;
  io::judge_each<JudgedFile>(
      json_files, validation,
      [&](io::FileValidation&& file) { return judge_file(std::move(file), policy, config, keeping, index.locator); },
      [&](JudgedFile&& judged) {
        const std::string& path = judged.outcome.path;
        if (keeping.gated) index.locator.add(std::move(judged.located));
        if (judged.evidence) {
          any_evidence = true;
          if (judged.other_profile) {
            result.diagnostics.push_back(std::move(*judged.other_profile));
          } else {
            any_of_profile = true;
            if (!judged.failures.empty()) index.classification_failures[path] = std::move(judged.failures);
            if (judged.missed_class) index.required_class_failures.emplace(path, std::move(*judged.missed_class));
            if (keeping.gated) {
              index.class_of[path] = judged.outcome.verdict->derived;
              gated.add(std::move(*judged.run));
            } else if (judged.run->failed) {
              index.gated.failed_runs.push_back(std::move(*judged.run->failed));
            } else {
              result.metrics.insert(result.metrics.end(), std::make_move_iterator(judged.metrics.begin()),
                                    std::make_move_iterator(judged.metrics.end()));
              result.unlisted.metrics += judged.metric_count;
            }
          }
        }
        add_file(std::move(judged.outcome), keeping, result);
      });
  if (result.config.profile && any_evidence && !any_of_profile) {
    throw UsageError("no evidence of profile \"" + *result.config.profile +
                     "\": every evidence file records another suite.profile");
  }
  if (keeping.gated) index.gated = std::move(gated).finish();
  return index;
}

// Every failure of validation and classification, then the failed runs, in report order (the
// maps are in path order, as the files are).
void add_file_failures(const EvidenceIndex& index, CheckResult& result) {
  for (const FileOutcome& file : result.files) {
    for (const Diagnostic& diagnostic : file.diagnostics) {
      if (diagnostic.severity != Severity::error) continue;
      Failure failure;
      failure.kind = FailureKind::validation;
      failure.diagnostic = diagnostic;
      result.failures.push_back(std::move(failure));
    }
  }
  for (const auto& [path, failures] : index.classification_failures) {
    result.failures.insert(result.failures.end(), failures.begin(), failures.end());
  }
  for (const auto& [path, missed] : index.required_class_failures) result.failures.push_back(missed);
  result.failures.insert(result.failures.end(), index.gated.failed_runs.begin(), index.gated.failed_runs.end());
}

std::vector<Diagnostic> failure_diagnostics(const CheckResult& result) {
  std::vector<Diagnostic> failures;
  failures.reserve(result.failures.size());
  for (const Failure& failure : result.failures) failures.push_back(failure.diagnostic);
  return failures;
}

void print_text(const Invocation& invocation, const CheckResult& result, const std::vector<std::string>& written) {
  print_diagnostics(invocation, result.diagnostics);
  print_diagnostics(invocation, failure_diagnostics(result));
  const CheckSummary s = summarise(result);
  invocation.out << "evident check" << (result.config.profile ? " (profile " + *result.config.profile + ")" : "")
                 << ": " << (passed(result) ? "passed" : "FAILED") << "\n"
                 << "  files: " << s.files << " (" << s.invalid_files << " invalid); evidence: " << s.evidence_files
                 << " (" << s.isolated_affinity << " isolated_affinity, " << s.functional_non_isolated
                 << " functional_non_isolated, " << s.over_claimed << " over-claimed)\n";
  if (result.config.gate) {
    invocation.out << "  gate: " << gate_mode_name(result.config.gate->mode) << " ("
                   << enforcement_name(result.config.gate->enforce) << "): " << s.gated << " checked, " << s.gate_failed
                   << " failed\n";
  }
  if (result.rolling) {
    const RollingOutcome& rolling = *result.rolling;
    invocation.out << "  rolling: " << count_of(s.rolling_metrics, "metric") << " over "
                   << count_of(rolling.result.window_runs.size(), "run") << " ("
                   << enforcement_name(rolling.config.enforce) << "), " << s.rolling_over << " not OK; "
                   << rolling.skipped_files << " skipped, " << count_of(rolling.result.failed_runs, "failed run");
    if (rolling.config.change_points) {
      std::size_t found = 0;
      for (const RollingMetric& metric : rolling.result.metrics) found += metric.change_points.size();
      invocation.out << "; " << count_of(found, "change point") << " in the history";
    }
    invocation.out << "\n";
  }
  const auto failed_runs = std::count_if(result.failures.begin(), result.failures.end(),
                                         [](const Failure& failure) { return failure.kind == FailureKind::run; });
  if (failed_runs > 0) {
    invocation.out << "  failed runs: " << failed_runs << " (evidence.run_failed: their numbers are not gated)\n";
  }
  invocation.out << "  failures: " << count_of(s.errors, "error") << ", " << count_of(s.warnings, "warning") << "\n";
  if (result.gate_audit) {
    const GateAudit& audit = *result.gate_audit;
    const auto looser = std::count_if(audit.changes.begin(), audit.changes.end(),
                                      [](const GateChange& change) { return may_loosen(change); });
    invocation.out << "  gate changes since " << audit.resolved_ref << " (merge base " << audit.merge_base.substr(0, 12)
                   << "): " << audit.changes.size() << " (" << looser << " looser or not judged); "
                   << count_of(audit.other_changed_files, "other file") << " changed\n";
  }
  for (const std::string& line : written) invocation.out << "  wrote " << line << "\n";
}

void add_check_options(CLI::App& app, CheckOptions& options) {
  app.add_option("--config", options.config_path, "the configuration (evident/config/1)")->capture_default_str();
  app.add_option("--profile", options.profile, "apply this profile of the configuration (e.g. pr, nightly)");
  app.add_option("--markdown", options.markdown, "write the Markdown report here (overrides the configuration)");
  app.add_option("--html", options.html, "write the HTML report here (overrides the configuration)");
  app.add_option("--json", options.json, "write the JSON result (evident/result/1) here (overrides the configuration)");
  app.add_option("--junit", options.junit, "write the JUnit XML report here (overrides the configuration)");
  app.add_option("--summary", options.summary, "append the job summary to this file (default: $GITHUB_STEP_SUMMARY)");
  app.add_option("--template", options.template_dir, "directory of mustache templates that replace the built-in ones");
  app.add_option("--base-ref", options.base_ref,
                 "report what changed in the gate's files since the merge base with this ref (default: "
                 "origin/$GITHUB_BASE_REF or $GITHUB_BASE_REF when it is set)");
  app.add_flag("--no-base-ref", options.no_base_ref, "compare no gate files with a base, even with GITHUB_BASE_REF set")
      ->excludes("--base-ref");
  app.add_option("--format", options.format, "what to print: text, or the JSON result")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--jobs,-j", options.jobs, "files read in parallel (default: one per core)")
      ->check(CLI::Range(1, 1024));
  add_input_limit_options(app, options.limits);
}

// The configuration loaded with its paths resolved, and the policy it names.
Policy configure(CheckResult& result, const CheckOptions& options, const io::ValidationOptions& validation) {
  result.config = load_config(options, validation);
  result.config_path = fs::path(options.config_path).lexically_normal().generic_string();
  resolve_paths(result.config, PathResolver(options.config_path), options);
  Policy policy = policy_from_option(result.config.policy, validation);
  result.policy_name = policy.name;
  result.policy_version = policy.version;
  result.policy_sha256 = policy.sha256;
  return policy;
}

// The gate and the rolling statistics, when the configuration asks for them.
void run_gate_and_rolling(const EvidenceIndex& index, const io::ValidationOptions& validation, CheckResult& result) {
  const CheckConfig& config = result.config;
  if (config.gate) {
    GateOutcome outcome = run_gate_checks(*config.gate, index.gated, validation, index.locator, index.class_of);
    result.diagnostics.insert(result.diagnostics.end(), outcome.warnings.begin(), outcome.warnings.end());
    result.regression_checks = std::move(outcome.regression_checks);
    result.budget_checks = std::move(outcome.budget_checks);
    result.failures.insert(result.failures.end(), outcome.breaches.begin(), outcome.breaches.end());
  }
  if (config.rolling) run_rolling_part(*config.rolling, validation, result);
}

// --base-ref, else GITHUB_BASE_REF: the names to try for the base, the first that resolves wins.
std::vector<std::string> base_candidates(const CheckOptions& options, const Invocation& invocation,
                                         std::string& base_ref) {
  if (options.no_base_ref) return {};
  if (!options.base_ref.empty()) {
    base_ref = options.base_ref;
    return {options.base_ref};
  }
  const std::optional<std::string> from_github = invocation.environment("GITHUB_BASE_REF");
  if (!from_github || from_github->empty()) return {};
  base_ref = *from_github;
  return {"origin/" + *from_github, *from_github};
}

// With a base: what changed since it in every file the gate reads.
void audit_gate_changes(const CheckOptions& options, const Invocation& invocation, CheckResult& result) {
  std::string base_ref;
  const std::vector<std::string> candidates = base_candidates(options, invocation, base_ref);
  if (candidates.empty()) return;
  const CheckConfig& config = result.config;
  std::vector<GateFile> files{{result.config_path, GatePart::config}};
  if (!config.policy.empty()) files.push_back({config.policy, GatePart::policy});
  if (config.gate) {
    if (!config.gate->baseline.empty()) files.push_back({config.gate->baseline, GatePart::baseline});
    if (!config.gate->tolerances.empty()) files.push_back({config.gate->tolerances, GatePart::tolerances});
    if (!config.gate->budgets.empty()) files.push_back({config.gate->budgets, GatePart::budgets});
  }
  if (config.rolling && !config.rolling->budgets.empty()) files.push_back({config.rolling->budgets, GatePart::budgets});
  add_gate_audit(audit_gate_files(base_ref, candidates, files, PathResolver(options.config_path).base(),
                                  config.gate_changes == GateChangesRule::separate),
                 result);
}

}  // namespace

ExitCode run_check(const Invocation& invocation) {
  CLI::App app{
      "Check every evidence file evident.json names in one pass: validate, classify, gate, rolling\n"
      "statistics; write the Markdown, HTML, JSON and JUnit reports it asks for, and the job summary.",
      "evident check"};
  CheckOptions options;
  add_check_options(app, options);
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return *stop;

  const io::ValidationOptions validation = validation_options(options.limits, options.jobs);
  CheckResult result;
  const Policy policy = configure(result, options, validation);
  const PathResolver resolve(options.config_path);

  // The JSON result is made only for the reports and formats that show it: for a large check it
  // weighs several times the result itself. Without it, the result only counts what it need not list.
  const ReportPaths& reports = result.config.reports;
  const std::optional<std::string> summary = summary_target(options.summary, invocation);
  const bool any_report = !reports.markdown.empty() || !reports.html.empty() || !reports.json.empty() ||
                          !reports.junit.empty() || summary.has_value();
  const Keeping keeping{any_report || options.format == "json", result.config.gate.has_value()};

  io::CollectedFiles collected = evidence_files(result, resolve);
  result.diagnostics = std::move(collected.diagnostics);
  std::vector<FileOutcome> other_files;
  const std::vector<std::string> json_files =
      check_inputs(std::move(collected.files), result.config, resolve, validation, other_files);
  EvidenceIndex index = classify_evidence(json_files, validation, policy, keeping, result);
  const GatedEvidence& gated = index.gated;
  if (result.config.gate)
    result.diagnostics.insert(result.diagnostics.end(), gated.warnings.begin(), gated.warnings.end());
  for (FileOutcome& file : other_files) add_file(std::move(file), keeping, result);
  std::sort(result.files.begin(), result.files.end(),
            [](const FileOutcome& a, const FileOutcome& b) { return a.path < b.path; });
  add_file_failures(index, result);
  run_gate_and_rolling(index, validation, result);
  audit_gate_changes(options, invocation, result);
  if (keeping.gated) {  // the gate is done with the samples: the result keeps what it lists of them
    if (keeping.listed) {
      result.metrics.reserve(gated.metrics.size());
      for (MetricSeries& metric : index.gated.metrics) result.metrics.push_back(result_metric(std::move(metric)));
    } else {
      result.unlisted.metrics = gated.metrics.size();
    }
    index.gated.metrics = {};
  }

  std::optional<nlohmann::ordered_json> document;
  if (any_report || options.format == "json") document = io::result_json(result);
  const std::vector<std::string> written =
      any_report ? write_reports(*document, reports, options.template_dir, summary) : std::vector<std::string>{};
  if (options.format == "json") {
    annotate_beside_json(invocation, result.diagnostics);
    annotate_beside_json(invocation, failure_diagnostics(result));
    invocation.out << result_text(*document);
  } else {
    print_text(invocation, result, written);
  }
  return passed(result) ? ExitCode::ok : ExitCode::check_failed;
}

}  // namespace evident::cli
