#include "core/required_class.h"

#include <string>

namespace evident {

std::optional<Diagnostic> required_class_diagnostic(const Verdict& verdict, RunClass required) {
  if (verdict.derived == required) return std::nullopt;
  Diagnostic diagnostic;
  diagnostic.code = "classify.required_class";
  diagnostic.pointer = "/classification";
  diagnostic.message = "the run derives " + std::string(run_class_name(verdict.derived)) + ", but " +
                       std::string(run_class_name(required)) + " is required";
  if (required == RunClass::isolated_affinity) {
    std::string codes;
    for (const RuleFinding& finding : verdict.failed_rules) codes += (codes.empty() ? "" : ", ") + finding.code;
    if (!codes.empty()) diagnostic.message += "; failed rules: " + codes;
    diagnostic.hint = "fix each failed rule (docs/classification.md lists what each code needs); on the benchmark host, "
                      "evident doctor lists every blocker";
  } else {
    diagnostic.hint = "this run meets every rule of isolated_affinity: require isolated_affinity, or drop the requirement";
  }
  return diagnostic;
}

}  // namespace evident
