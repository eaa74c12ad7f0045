#include "host/command_output.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "host/process_runner.h"

namespace evident::host {
namespace {

// An anonymous in-memory file, closed when it goes out of scope.
class MemoryFile {
 public:
  explicit MemoryFile(const char* name) : fd_(::memfd_create(name, MFD_CLOEXEC)) {}
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  ~MemoryFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  int fd() const { return fd_; }

  // Everything written to it, from the start.
  std::string contents() const {
    std::string text;
    char buffer[8192];
    off_t offset = 0;
    for (;;) {
      const ssize_t got = ::pread(fd_, buffer, sizeof buffer, offset);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) break;
      text.append(buffer, static_cast<std::size_t>(got));
      offset += got;
    }
    return text;
  }

 private:
  int fd_;
};

}  // namespace

CommandOutput run_for_output(const std::vector<std::string>& argv, const std::string& working_directory,
                             const std::vector<std::pair<std::string, std::string>>& environment,
                             double timeout_seconds) {
  CommandOutput output;
  const MemoryFile out("evident-stdout"), err("evident-stderr");
  if (out.fd() < 0 || err.fd() < 0) {
    output.start_error = "memfd_create: " + std::system_category().message(errno);
    return output;
  }
  ProcessRequest request;
  request.argv = argv;
  request.working_directory = working_directory;
  request.environment = environment;
  request.timeout_seconds = timeout_seconds;
  request.stdout_fd = out.fd();
  request.stderr_fd = err.fd();
  const ProcessOutcome outcome = run_process(request);
  output.start_error = outcome.start_error;
  if (outcome.timed_out) {
    output.start_error = "timed out after " + std::to_string(static_cast<long>(timeout_seconds)) + " s";
  } else if (outcome.signal) {
    output.start_error = "killed by signal " + std::to_string(*outcome.signal);
  }
  if (output.start_error.empty()) output.exit_code = outcome.exit_code;
  output.out = out.contents();
  output.err = err.contents();
  return output;
}

}  // namespace evident::host
