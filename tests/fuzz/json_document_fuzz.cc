// libFuzzer target: any bytes through the whole validation path of one file (parse with positions,
// schema choice, schema validation, explanation). Build with the `fuzz` preset (clang), then:
//   build/fuzz/tests/fuzz/validate_fuzz -max_total_time=60 fixtures/fuzz fixtures/hostile
// Inputs that once broke it go to fixtures/fuzz/, which tests/io/fuzz_replay_test.cc replays.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/schema/document_validation.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  evident::io::ValidationOptions options;
  options.jobs = 1;
  const evident::io::FileValidation result =
      evident::io::validate_text("fuzz.json", std::string(reinterpret_cast<const char*>(data), size), options);
  // A document either parsed (then it has a kind or a reason why not) or has a diagnostic.
  if (!result.document && result.diagnostics.empty()) __builtin_trap();
  return 0;
}
