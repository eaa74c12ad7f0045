#include <array>

#include "cli/command.h"

namespace evident::cli {

std::span<const Command> commands() {
  static constexpr std::array<Command, 3> table{{
      {"validate", "check evidence and other evident files against their schemas", run_validate},
      {"classify", "re-derive each run's isolation class from its host metadata", run_classify},
      {"doctor", "say whether this host is ready for isolated runs, with every blocker", run_doctor},
  }};
  return table;
}

}  // namespace evident::cli
