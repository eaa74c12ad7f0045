// Runs one end-to-end case of the real evident binary and compares its output with the golden files.
//
//   golden_runner EVIDENT CASE_DIR
//
// CASE_DIR holds:
//   args             one argument per line (required)
//   env              optional KEY=VALUE lines; the child otherwise gets only PATH, LANG=C.UTF-8 and TZ=UTC
//   stdin            optional, fed to the child
//   expected_exit    the exit code
//   expected_stdout  standard output, byte for byte
//   expected_stderr  standard error, byte for byte
// With EVIDENT_UPDATE_GOLDEN=1 in the environment the expected files are (re)written instead, so a
// change in output shows up as a reviewable diff.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) return std::nullopt;
  std::ostringstream content;
  content << stream.rdbuf();
  return content.str();
}

std::vector<std::string> read_lines(const fs::path& path) {
  std::vector<std::string> lines;
  std::ifstream stream(path);
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream stream(path, std::ios::binary | std::ios::trunc);
  stream << content;
}

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

Outcome run(const std::string& binary, const std::vector<std::string>& args, const std::vector<std::string>& env,
            const std::string& input) {
  int out_pipe[2], err_pipe[2], in_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0 || pipe(in_pipe) != 0) {
    std::perror("pipe");
    std::exit(2);
  }
  const pid_t child = fork();
  if (child == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
    std::vector<char*> argv{const_cast<char*>(binary.c_str())};
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const std::string& entry : env) envp.push_back(const_cast<char*>(entry.c_str()));
    envp.push_back(nullptr);
    execve(binary.c_str(), argv.data(), envp.data());
    std::perror("execve");
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  signal(SIGPIPE, SIG_IGN);
  if (!input.empty()) {
    const ssize_t written = write(in_pipe[1], input.data(), input.size());
    (void)written;
  }
  close(in_pipe[1]);

  Outcome outcome;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&outcome.out, &outcome.err};
  int open_count = 2;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  while (open_count > 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(child, SIGKILL);
      std::cerr << "case timed out after 5 minutes\n";
      break;
    }
    if (poll(fds, 2, 1000) < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP)) == 0) continue;
      char buffer[65536];
      const ssize_t count = read(fds[i].fd, buffer, sizeof buffer);
      if (count <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_count;
      } else {
        sinks[i]->append(buffer, static_cast<std::size_t>(count));
      }
    }
  }
  int status = 0;
  waitpid(child, &status, 0);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return outcome;
}

// Prints the first line where expected and actual differ, with both full texts.
void report_difference(const std::string& what, const std::string& expected, const std::string& actual) {
  std::istringstream expected_lines(expected), actual_lines(actual);
  std::string expected_line, actual_line;
  for (int line = 1;; ++line) {
    const bool has_expected = static_cast<bool>(std::getline(expected_lines, expected_line));
    const bool has_actual = static_cast<bool>(std::getline(actual_lines, actual_line));
    if (!has_expected && !has_actual) break;
    if (!has_expected || !has_actual || expected_line != actual_line) {
      std::cerr << what << " differs at line " << line << ":\n  expected: " << (has_expected ? expected_line : "<end>")
                << "\n  actual:   " << (has_actual ? actual_line : "<end>") << "\n";
      break;
    }
  }
  std::cerr << "--- full " << what << " ---\n" << actual << "--- end ---\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: golden_runner EVIDENT CASE_DIR\n";
    return 2;
  }
  const std::string binary = argv[1];
  const fs::path case_dir = argv[2];
  if (!fs::exists(case_dir / "args")) {
    std::cerr << case_dir << ": missing args file\n";
    return 2;
  }
  std::vector<std::string> env{"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "TZ=UTC"};
  for (const char* passed : {"ASAN_OPTIONS", "UBSAN_OPTIONS"}) {
    if (const char* value = std::getenv(passed)) env.push_back(std::string(passed) + "=" + value);
  }
  for (const std::string& entry : read_lines(case_dir / "env")) env.push_back(entry);
  const Outcome outcome = run(binary, read_lines(case_dir / "args"), env, read_file(case_dir / "stdin").value_or(""));

  const char* update = std::getenv("EVIDENT_UPDATE_GOLDEN");
  if (update != nullptr && std::strcmp(update, "1") == 0) {
    write_file(case_dir / "expected_exit", std::to_string(outcome.exit_code) + "\n");
    write_file(case_dir / "expected_stdout", outcome.out);
    write_file(case_dir / "expected_stderr", outcome.err);
    std::cout << "updated " << case_dir.filename().string() << "\n";
    return 0;
  }

  bool passed = true;
  const std::optional<std::string> expected_exit = read_file(case_dir / "expected_exit");
  if (!expected_exit || std::atoi(expected_exit->c_str()) != outcome.exit_code) {
    std::cerr << "exit code: expected " << (expected_exit ? *expected_exit : "<missing expected_exit>\n")
              << "           actual   " << outcome.exit_code << "\n";
    passed = false;
  }
  const std::optional<std::string> expected_out = read_file(case_dir / "expected_stdout");
  if (expected_out.value_or("") != outcome.out) {
    report_difference("stdout", expected_out.value_or(""), outcome.out);
    passed = false;
  }
  const std::optional<std::string> expected_err = read_file(case_dir / "expected_stderr");
  if (expected_err.value_or("") != outcome.err) {
    report_difference("stderr", expected_err.value_or(""), outcome.err);
    passed = false;
  }
  if (!passed) std::cerr << "(set EVIDENT_UPDATE_GOLDEN=1 and rerun to accept the new output)\n";
  return passed ? 0 : 1;
}
