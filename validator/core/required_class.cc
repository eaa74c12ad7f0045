#include "core/required_class.h"

#include <algorithm>
#include <string>
#include <vector>

namespace evident {

std::optional<Diagnostic> required_class_diagnostic(const Verdict& verdict, RunClass required) {
  if (verdict.derived == required) return std::nullopt;
  Diagnostic diagnostic;
  diagnostic.code = "classify.required_class";
  diagnostic.pointer = "/classification";
  diagnostic.message = "the run derives " + std::string(run_class_name(verdict.derived)) + ", but " +
                       std::string(run_class_name(required)) + " is required";
  if (required == RunClass::isolated_affinity) {
    // Each code once, in the verdict's order: a rule that fails on two CPUs is one thing to fix.
    std::vector<std::string> codes;
    for (const RuleFinding& finding : verdict.failed_rules) {
      if (std::find(codes.begin(), codes.end(), finding.code) == codes.end()) codes.push_back(finding.code);
    }
    for (std::size_t i = 0; i < codes.size(); ++i)
      diagnostic.message += (i == 0 ? "; failed rules: " : ", ") + codes[i];
    diagnostic.hint =
        "fix each failed rule (docs/classification.md lists what each code needs); on the benchmark host, "
        "evident doctor lists every blocker";
  } else {
    diagnostic.hint =
        "this run meets every rule of isolated_affinity: require isolated_affinity, or drop the requirement";
  }
  return diagnostic;
}

}  // namespace evident
