#pragma once
// For the importers of text outputs (the Criterion.rs console, the Catch2 console table): a name as
// printed made an evidence name, once per input.
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "io/import/importer.h"

namespace evident::io {

// evidence_name(printed), added to names. Nothing, with an import.name or import.duplicate_name
// error at offset of source in problems (the latter with duplicate_hint), when it cannot be one or
// names holds it already.
std::optional<std::string> unique_text_name(const ImportSource& source, std::string_view printed, std::size_t offset,
                                            std::string_view duplicate_hint, std::set<std::string>& names,
                                            std::vector<Diagnostic>& problems);

}  // namespace evident::io
