#pragma once
// CLI11 parsing shared by every command: help goes to stdout with exit 0, a bad flag to stderr
// with exit 2.
#include <optional>

#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "core/policy.h"
#include "io/document_validation.h"
#include "io/input_files.h"

namespace evident::cli {

// Parses the invocation; returns the exit code to stop with, or nothing to go on.
std::optional<ExitCode> parse_options(CLI::App& app, const Invocation& invocation);

// The limits every command that reads JSON shares: --max-file-size, --max-depth, --max-string-length.
struct InputLimitOptions {
  std::uintmax_t max_file_bytes = std::uintmax_t{16} << 20;
  std::size_t max_depth = 128;
  std::size_t max_string_bytes = 65536;
};
void add_input_limit_options(CLI::App& app, InputLimitOptions& limits);

// What every command that reads evidence files takes: PATH..., --format text|json, --jobs and the
// input limits.
struct FileInputOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  InputLimitOptions limits;
  unsigned jobs = io::default_jobs();
};
void add_file_input_options(CLI::App& app, FileInputOptions& options, const std::string& paths_help);

// The *.json files the paths name (directories walked); finding none is a diagnostic of its own
// that ends the command with exit 2.
io::CollectedFiles collect_json_inputs(const std::vector<std::string>& paths);

// The validation options those limits give, with jobs workers.
io::ValidationOptions validation_options(const InputLimitOptions& limits, unsigned jobs);

// The policy of --policy FILE, or the built-in one when path is empty. A policy that cannot be
// loaded is printed to stderr and ends the command with exit 2: nothing can be judged without it.
Policy policy_from_option(const std::string& path, const io::ValidationOptions& options,
                          const Invocation& invocation);

}  // namespace evident::cli
