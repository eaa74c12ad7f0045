// libFuzzer target: any bytes through every importer of `evident import` (Google Benchmark JSON with
// bare NaN, hyperfine and pytest-benchmark JSON, go test text and -json, Catch2 XML and console,
// BenchmarkDotNet JSON, a Criterion.rs sample.json, whose neighbour files are then missing, and the
// others of io/import/importers.cc) and `auto` detection: one target that hands every input to every
// importer, so each is reached. Seeds: fixtures/fuzz-import/ (replayed by
// tests/io/fuzz_replay_test.cc too). docs/fuzzing.md says how to run it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "io/import/importer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const evident::io::Importer& importer : evident::io::importers()) {
    (void)importer.detect(text);
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
  return 0;
}
