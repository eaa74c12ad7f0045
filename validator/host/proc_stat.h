#pragma once
// Reading /proc/[pid]/stat and /proc/[pid]/cmdline: the fields the host layer needs to tell which
// processes ran where, shared by doctor's instant look and capture's sampling.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "host/host_root.h"

namespace evident::host {

// "1234 (cc1plus) R 1 ..." -> the fields after the command name, which may itself hold spaces:
// fields[0] is the state (field 3 of proc(5)), fields[i] is field i + 3.
std::vector<std::string> stat_fields_after_name(const std::string& stat);

// The process's command line, or "[name]" for a kernel thread, sanitised and at most 4096 bytes
// (the evidence schema's limit for concurrent_jobs[].command).
std::string command_of(const HostRoot& root, const std::string& pid, const std::string& stat);

// The process's name as the kernel keeps it (comm, the part of stat in parentheses, at most 15
// bytes), sanitised; "?" when stat does not hold one. It carries no arguments, so nothing a user
// passed on a command line (a token, a password) reaches evidence through it.
std::string process_name(const std::string& stat);

// What evidence says of another process: its name, and its command line only when asked
// (--record-command-lines), since arguments can hold secrets and evidence is meant to be published.
struct ProcessIdentity {
  std::string comm;
  std::optional<std::string> command;
};
ProcessIdentity identify_process(const HostRoot& root, const std::string& pid, bool with_command_line);

std::optional<long long> parse_integer(std::string_view text);

}  // namespace evident::host
