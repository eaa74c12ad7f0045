#include <array>

#include "cli/command.h"

namespace evident::cli {

std::span<const Command> commands() {
  static constexpr std::array<Command, 1> table{{
      {"validate", "check evidence and other evident files against their schemas", run_validate},
  }};
  return table;
}

}  // namespace evident::cli
