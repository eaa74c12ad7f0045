// libFuzzer target: the gate's files (a baseline, tolerances, budgets) loaded as `evident gate` and
// `evident check` load them (cli::load_gate_file: read within the limits, parsed fail-closed,
// validated against the kind's schema, then read by core/gate_files with every problem located).
// The first byte picks the kind (its value modulo 3: baseline, tolerances, budgets); the rest is
// the file. docs/fuzzing.md says how to run it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cli/options.h"
#include "core/gate_files.h"
#include "fuzz_support.h"

namespace {

// Loads the file as the gate does; a refusal is explained by an error inside the file.
template <typename Result, typename Reader>
void load(const std::string& path, std::string_view kind, const evident::io::ValidationOptions& options, Reader reader,
          std::string_view text) {
  try {
    (void)evident::cli::load_gate_file<Result>(path, kind, options, reader);
  } catch (const evident::cli::UsageError& refused) {
    evident::fuzz::require_explained(false, refused.diagnostics(), text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string path = evident::fuzz::write_input("gate.json", text);
  switch (data[0] % 3) {
    case 0: {
      evident::io::ValidationOptions apart = evident::fuzz::one_job();
      apart.numbers_in_place = true;  // as the gate reads a baseline
      load<evident::Baseline>(path, "baseline", apart, evident::baseline_from_json, text);
      load<evident::Baseline>(path, "baseline", evident::fuzz::one_job(), evident::baseline_from_json, text);
      break;
    }
    case 1:
      load<evident::Tolerances>(path, "tolerances", evident::fuzz::one_job(), evident::tolerances_from_json, text);
      break;
    default:
      load<evident::Budgets>(path, "budgets", evident::fuzz::one_job(), evident::budgets_from_json, text);
      break;
  }
  return 0;
}
