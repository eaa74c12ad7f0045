#include "host/cpu_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace evident::host {
namespace {

std::string errno_text(int error) {
  switch (error) {
    case EACCES:
      return "EACCES";
    case ENOENT:
      return "ENOENT";
    case EINTR:
      return "EINTR";
    case EROFS:
      return "EROFS";
    default:
      return std::strerror(error);
  }
}

}  // namespace

CpuLocks::CpuLocks(CpuLocks&& other) noexcept : descriptors_(std::move(other.descriptors_)) {
  other.descriptors_.clear();
}

CpuLocks& CpuLocks::operator=(CpuLocks&& other) noexcept {
  if (this != &other) {
    for (const int descriptor : descriptors_) ::close(descriptor);
    descriptors_ = std::move(other.descriptors_);
    other.descriptors_.clear();
  }
  return *this;
}

CpuLocks::~CpuLocks() {
  for (const int descriptor : descriptors_) ::close(descriptor);  // closing releases the flock
}

LockResult lock_cpus(const std::string& lock_dir, const std::vector<int>& cpus, bool wait,
                     const std::function<void(int)>& on_wait) {
  std::vector<int> ordered = cpus;
  std::sort(ordered.begin(), ordered.end());
  ordered.erase(std::unique(ordered.begin(), ordered.end()), ordered.end());
  CpuLocks locks;
  for (const int cpu : ordered) {
    const std::string path = lock_dir + "/evident-cpu-" + std::to_string(cpu) + ".lock";
    const int descriptor = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (descriptor < 0) {
      return {std::nullopt, errno_text(errno) + ": cannot open the lock " + path + " (choose another with --lock-dir)"};
    }
    locks.hold(descriptor);
    static_cast<void>(
        ::fchmod(descriptor, 0666));  // every user's captures queue on the same file; not fatal when not ours
    if (::flock(descriptor, LOCK_EX | LOCK_NB) == 0) continue;
    if (errno != EWOULDBLOCK) return {std::nullopt, errno_text(errno) + ": cannot lock " + path};
    if (!wait) return {std::nullopt, "CPU " + std::to_string(cpu) + " is in use by another capture (" + path + ")"};
    if (on_wait) on_wait(cpu);
    if (::flock(descriptor, LOCK_EX) != 0) {
      return {std::nullopt, errno_text(errno) + ": stopped waiting for the lock " + path};
    }
  }
  return {std::move(locks), ""};
}

}  // namespace evident::host
