#pragma once
// A required class: `classify --require CLASS` and evident.json's "require_class" fail every run
// that does not derive it (docs/classification.md, "Requiring a class"). Pure: a verdict in, a
// diagnostic out; the caller sets the file and locates the pointer.
#include <optional>

#include "core/classification.h"
#include "core/diagnostic.h"

namespace evident {

// Nothing when the run derives `required`; otherwise an error "classify.required_class" at
// /classification naming the derived and the required class and the codes of the failed rules.
std::optional<Diagnostic> required_class_diagnostic(const Verdict& verdict, RunClass required);

}  // namespace evident
