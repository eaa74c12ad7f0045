#pragma once
// The measures Bencher defines, with the unit and direction it gives each. Bencher Metric Format
// carries neither, so `import bmf` takes them from here and `export bmf` holds a metric of one of
// these names to them. docs/import.md and docs/export.md list them.
#include <string_view>

namespace evident {

struct BencherMeasure {
  std::string_view slug;
  std::string_view unit;
  std::string_view better;  // "lower" or "higher"
};

// The measure Bencher defines under slug, or nullptr.
const BencherMeasure* bencher_measure(std::string_view slug);

}  // namespace evident
