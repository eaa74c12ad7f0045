// libFuzzer target: the gate's files (a baseline, tolerances, budgets) loaded as `evident gate` and
// `evident check` load them (cli::load_gate_file: read within the limits, parsed fail-closed,
// validated against the kind's schema, then read by core/gate_files with every problem located),
// and evidence as the gate reads it. The first byte picks the kind (its value modulo 4: baseline,
// tolerances, budgets, evidence); the rest is the file. A baseline, and the metrics of evidence, are
// read both in place on the fast path's tree and from the whole value: both ways must agree, every number
// bit for bit. docs/fuzzing.md says how to run it.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/options.h"
#include "core/evidence_metrics.h"
#include "core/gate_files.h"
#include "fuzz_support.h"
#include "io/schema/document_validation.h"

namespace {

using evident::fuzz::require;

// Loads the file as the gate does; a refusal is explained by an error inside the file.
template <typename Result, typename Reader>
std::optional<Result> load(const std::string& path, std::string_view kind,
                           const evident::io::ValidationOptions& options, Reader reader, std::string_view text) {
  try {
    return evident::cli::load_gate_file<Result>(path, kind, options, reader);
  } catch (const evident::cli::UsageError& refused) {
    evident::fuzz::require_explained(false, refused.diagnostics(), text);
  }
  return std::nullopt;
}

bool same_numbers(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

bool same_number(const std::optional<double>& a, const std::optional<double>& b) {
  return a.has_value() == b.has_value() && (!a || std::memcmp(&*a, &*b, sizeof(double)) == 0);
}

bool same_baseline(const evident::Baseline& a, const evident::Baseline& b) {
  if (a.created_at != b.created_at || a.sources.size() != b.sources.size() || a.entries.size() != b.entries.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.sources.size(); ++i) {
    if (a.sources[i].path != b.sources[i].path || a.sources[i].sha256 != b.sources[i].sha256) return false;
  }
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    const evident::BaselineEntry& x = a.entries[i];
    const evident::BaselineEntry& y = b.entries[i];
    if (x.id != y.id || x.unit != y.unit || x.better != y.better || !same_numbers(x.samples, y.samples) ||
        !same_number(x.value, y.value)) {
      return false;
    }
  }
  return true;
}

bool same_metrics(const std::vector<evident::MetricSeries>& a, const std::vector<evident::MetricSeries>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const evident::MetricSeries& x = a[i];
    const evident::MetricSeries& y = b[i];
    if (x.id != y.id || x.unit != y.unit || x.better != y.better || !same_numbers(x.samples, y.samples) ||
        !same_number(x.value, y.value) || x.source != y.source || x.pointer != y.pointer ||
        x.context.captured_at != y.context.captured_at || x.context.host != y.context.host ||
        x.context.parameters != y.context.parameters) {
      return false;
    }
  }
  return true;
}

void baseline_both_ways(const std::string& path, std::string_view text) {
  evident::io::ValidationOptions in_place = evident::fuzz::one_job();
  in_place.numbers_in_place = true;  // as the gate reads a baseline
  const std::optional<evident::Baseline> read_in_place =
      load<evident::Baseline>(path, "baseline", in_place, evident::baseline_from_json, text);
  const std::optional<evident::Baseline> read_whole =
      load<evident::Baseline>(path, "baseline", evident::fuzz::one_job(), evident::baseline_from_json, text);
  require(read_in_place.has_value() == read_whole.has_value(), "a baseline loads one way and not the other");
  require(!read_in_place || same_baseline(*read_in_place, *read_whole), "a baseline read in place differs");
}

void evidence_both_ways(const std::string& path, std::string_view text) {
  evident::io::ValidationOptions in_place = evident::fuzz::one_job();
  in_place.numbers_in_place = true;  // as the gate reads evidence
  evident::io::FileValidation read_in_place = evident::io::validate_text(path, std::string(text), in_place);
  const evident::io::FileValidation read_whole =
      evident::io::validate_text(path, std::string(text), evident::fuzz::one_job());
  require(read_in_place.valid() == read_whole.valid() && read_in_place.kind == read_whole.kind &&
              read_in_place.diagnostics.size() == read_whole.diagnostics.size(),
          "evidence read in place and read whole are judged differently");
  if (!read_whole.valid() || read_whole.kind != "evidence") return;
  if (read_in_place.besides_benchmarks) {  // the fast path kept it; the full path (a 0 in the text) keeps the value
    nlohmann::json rest = read_whole.document->value();
    rest.erase("benchmarks");
    require(*read_in_place.besides_benchmarks == rest, "evidence without its benchmarks differs read in place");
  }
  require(
      same_metrics(evident::io::take_metrics(read_in_place), evident::metrics_of(read_whole.document->value(), path)),
      "metrics read in place differ from those of the whole value");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string path = evident::fuzz::write_input("gate.json", text);
  switch (data[0] % 4) {
    case 0:
      baseline_both_ways(path, text);
      break;
    case 1:
      load<evident::Tolerances>(path, "tolerances", evident::fuzz::one_job(), evident::tolerances_from_json, text);
      break;
    case 2:
      load<evident::Budgets>(path, "budgets", evident::fuzz::one_job(), evident::budgets_from_json, text);
      break;
    default:
      evidence_both_ways(path, text);
      break;
  }
  return 0;
}
