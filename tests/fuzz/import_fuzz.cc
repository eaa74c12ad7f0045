// libFuzzer target: any bytes through the importers of `evident import` (Google Benchmark JSON with
// bare NaN, hyperfine and pytest-benchmark JSON, go test text and -json, Catch2 XML and console,
// BenchmarkDotNet JSON, a Criterion.rs sample.json, whose neighbour files are then missing, and the
// others of io/import/importers.cc). Each input goes through every importer whose `auto` detection
// takes it (as `import auto` would try it) and through one more, picked by the input's length, as
// `import FORMAT` forces a format on any file: so a seed reaches deep into its own importer, a
// mutation of it also meets the refusals of the others, and one run costs two importers, not all
// of them. Seeds: fixtures/fuzz-import/ (replayed by tests/io/fuzz_replay_test.cc too) and
// fixtures/import/. docs/fuzzing.md says how to run it.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "io/import/importer.h"

namespace {

void import_with(const evident::io::Importer& importer, const std::string& text) {
  evident::io::ImportSource source{"fuzz", text, {}};
  std::vector<evident::Diagnostic> problems;
  const std::optional<evident::Imported> imported = importer.import(source, problems);
  // Refused input is explained by an error at a line; accepted input has no error.
  if (!imported && !evident::has_errors(problems)) __builtin_trap();
  if (imported && evident::has_errors(problems)) __builtin_trap();
  for (const evident::Diagnostic& problem : problems) {
    if (problem.severity == evident::Severity::error && problem.position.line == 0) __builtin_trap();
  }
  evident::fuzz::require_inside(problems, text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::span<const evident::io::Importer> importers = evident::io::importers();
  const evident::io::Importer& forced = importers[size % importers.size()];
  for (const evident::io::Importer& importer : importers) {
    if (&importer == &forced || importer.detect(text)) import_with(importer, text);
  }
  return 0;
}
