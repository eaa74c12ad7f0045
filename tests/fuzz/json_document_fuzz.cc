// libFuzzer target: any bytes through the whole validation path of one file (parse with positions,
// schema choice, schema validation, explanation). Build with the `fuzz` preset (clang), then, with a
// scratch directory first (libFuzzer writes the inputs it finds into the first directory):
//   mkdir -p build/fuzz/corpus && build/fuzz/tests/fuzz/validate_fuzz -max_len=4096 \
//     -dict=tests/fuzz/validate.dict -max_total_time=60 build/fuzz/corpus fixtures/fuzz fixtures/evidence/valid \
//     fixtures/hostile
// (docs/architecture.md says why; docs/performance.md how its speed is measured).
// Inputs that once broke it go to fixtures/fuzz/, which tests/io/fuzz_replay_test.cc replays.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/schema/document_validation.h"

namespace {

// Made once per process, not per input: a default ValidationOptions asks the system for its
// number of CPUs, a system call that each of thousands of inputs a second would pay for.
const evident::io::ValidationOptions& fuzz_options() {
  static const evident::io::ValidationOptions options = [] {
    evident::io::ValidationOptions made;
    made.jobs = 1;
    return made;
  }();
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const evident::io::FileValidation result =
      evident::io::validate_text("fuzz.json", std::string(reinterpret_cast<const char*>(data), size), fuzz_options());
  // A document either parsed (then it has a kind or a reason why not) or has a diagnostic.
  if (!result.document && result.diagnostics.empty()) __builtin_trap();
  return 0;
}
