// libFuzzer target: any bytes through the whole validation path of one file, as `evident validate`
// takes it (the fast path on simdjson's DOM, reading no value, the claim classified under the
// default policy) and as `classify` and `check` take it (every value read); where the fast path
// cannot decide, the locating parser reads the text again and explains. Both must agree, a valid
// file has no error, and every diagnostic lies inside the input. docs/fuzzing.md says how to run it;
// docs/performance.md how its speed is measured.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/policy.h"
#include "fuzz_support.h"
#include "io/schema/document_validation.h"

namespace {

using evident::fuzz::require;

const evident::io::ValidationOptions& as_validate() {
  static const evident::Policy policy = evident::default_policy();
  static const evident::io::ValidationOptions options = [] {
    evident::io::ValidationOptions made = evident::fuzz::one_job();
    made.values_read = false;
    made.claim_policy = &policy;
    return made;
  }();
  return options;
}

void require_explained(const evident::io::FileValidation& result, std::string_view text) {
  require(result.document.has_value() || !result.diagnostics.empty(), "a document that did not parse is unexplained");
  evident::fuzz::require_inside(result.diagnostics, text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const evident::io::FileValidation quick = evident::io::validate_text("fuzz.json", text, as_validate());
  require_explained(quick, text);
  const evident::io::FileValidation full = evident::io::validate_text("fuzz.json", text, evident::fuzz::one_job());
  require_explained(full, text);
  require(quick.valid() == full.valid(), "validate and classify disagree on whether the file is valid");
  require(quick.kind == full.kind, "validate and classify disagree on the file's kind");
  require(quick.diagnostics.size() == full.diagnostics.size(), "validate and classify explain differently");
  return 0;
}
