// libFuzzer target: evident's other files loaded as the commands load them. The first byte picks
// the kind (its value modulo 5): a policy (io::load_policy, `--policy`), the configuration of
// `evident check` (evident.json, through cli::load_kind_file and check_config_from_json), a doctor
// report (`import --merge-host`), a check result (`evident report`, then rendered in every format),
// a Table Schema (io::load_table_schema, a CSV table's descriptor, whose patterns' automata are held
// to std::regex); the rest is the file.
// docs/fuzzing.md says how to run it.
#include <cstddef>
#include <cstdint>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "cli/options.h"
#include "core/check_config.h"
#include "fuzz_support.h"
#include "io/report/report_render.h"
#include "io/schema/policy_loader.h"
#include "io/schema/table_schema_loader.h"

namespace {

using evident::fuzz::require;
using evident::fuzz::require_explained;
using evident::fuzz::require_inside;

void load_config(const std::string& path, std::string_view text) {
  const auto reader = [](const nlohmann::json& value, std::vector<evident::Diagnostic>& problems) {
    return evident::check_config_from_json(value, "", problems);
  };
  try {
    (void)evident::cli::load_kind_file<evident::CheckConfig>(path, "config", evident::fuzz::one_job(), reader,
                                                             "config");
  } catch (const evident::cli::UsageError& refused) {
    require_explained(false, refused.diagnostics(), text);
  }
}

void load_result(const std::string& path, std::string_view text) {
  std::vector<evident::Diagnostic> diagnostics;
  const std::optional<evident::io::FileValidation> result =
      evident::io::load_kind(path, "check result", evident::fuzz::one_job(), diagnostics);
  require_explained(result.has_value(), diagnostics, text);
  if (!result) return;
  // A valid result renders in every format with the built-in templates.
  for (const evident::io::ReportFormat format :
       {evident::io::ReportFormat::markdown, evident::io::ReportFormat::summary, evident::io::ReportFormat::html,
        evident::io::ReportFormat::junit}) {
    evident::io::RenderOptions options;
    options.summary_limit = 4096;
    const std::string rendered = evident::io::render_report(result->document->value(), format, options);
    require(!rendered.empty(), "a valid result rendered to nothing");
    if (format == evident::io::ReportFormat::summary) {
      require(rendered.size() <= options.summary_limit, "a job summary is over its limit");
    }
  }
}

// A pattern matched by its automaton answers as std::regex_match: over the pattern itself, nothing,
// the file's opening bytes and each of its allowed values.
void check_patterns(const evident::TableSchema& schema, std::string_view text) {
  for (const evident::TableField& field : schema.fields) {
    const evident::FieldConstraints& c = field.constraints;
    if (!c.pattern_automaton) continue;
    std::vector<std::string> cells{c.pattern, "", std::string(text.substr(0, 24))};
    cells.insert(cells.end(), c.enum_texts.begin(), c.enum_texts.end());
    for (const std::string& cell : cells) {
      require(c.pattern_automaton->search(cell) == std::regex_match(cell, *c.pattern_regex),
              "a pattern's automaton and std::regex disagree on a cell");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string path = evident::fuzz::write_input("kind.json", text);
  std::vector<evident::Diagnostic> diagnostics;
  switch (data[0] % 5) {
    case 0: {
      const std::optional<evident::Policy> policy =
          evident::io::load_policy(path, evident::fuzz::one_job(), diagnostics);
      require_explained(policy.has_value(), diagnostics, text);
      break;
    }
    case 1:
      load_config(path, text);
      break;
    case 2: {
      const evident::io::FileValidation snapshot = evident::io::validate_file(path, evident::fuzz::one_job());
      require_inside(snapshot.diagnostics, text);
      require(snapshot.valid() || evident::has_errors(snapshot.diagnostics), "an invalid snapshot has no error");
      if (snapshot.valid() && snapshot.kind == "doctor report") {
        require(snapshot.document->value().contains("host"), "a valid doctor report has no host");
      }
      break;
    }
    case 3:
      load_result(path, text);
      break;
    default: {
      const std::optional<evident::TableSchema> schema =
          evident::io::load_table_schema(path, evident::fuzz::one_job(), diagnostics);
      require_explained(schema.has_value(), diagnostics, text);
      if (schema) check_patterns(*schema, text);
      break;
    }
  }
  return 0;
}
