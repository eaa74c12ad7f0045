#pragma once
// Running one command of the table in process, with a controlled environment, for the CLI tests:
// they behave the same inside a CI job that sets GITHUB_ACTIONS or GITHUB_STEP_SUMMARY.
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"

namespace evident::cli::test_support {

struct CliRun {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs `evident NAME ARGUMENTS...` through the CLI's one boundary (cli::run), as main does.
inline CliRun run_command(const std::string& name, const std::vector<std::string>& arguments,
                          const std::map<std::string, std::string>& environment = {}) {
  std::vector<const char*> argv{"evident", name.c_str()};
  for (const std::string& argument : arguments) argv.push_back(argument.c_str());
  std::ostringstream out, err;
  const int exit_code = run(
      static_cast<int>(argv.size()), argv.data(), out, err, [&](const std::string& key) -> std::optional<std::string> {
        const auto found = environment.find(key);
        return found == environment.end() ? std::nullopt : std::optional<std::string>(found->second);
      });
  return {exit_code, out.str(), err.str()};
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace evident::cli::test_support
