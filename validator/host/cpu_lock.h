#pragma once
// One lock per reserved CPU, so two captures on the same CPUs queue instead of disturbing each
// other: an exclusive flock(2) on LOCK_DIR/evident-cpu-N.lock, taken in ascending CPU order (two
// captures never deadlock) and released when the holder exits, however it exits.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace evident::host {

class CpuLocks {
 public:
  CpuLocks() = default;
  CpuLocks(CpuLocks&& other) noexcept;
  CpuLocks& operator=(CpuLocks&& other) noexcept;
  CpuLocks(const CpuLocks&) = delete;
  CpuLocks& operator=(const CpuLocks&) = delete;
  ~CpuLocks();

  // Takes ownership of an open, locked file descriptor.
  void hold(int descriptor) { descriptors_.push_back(descriptor); }
  // The locked descriptors, e.g. for a process that must hold the locks as long as a benchmark's
  // process group lives (ProcessRequest::held_descriptors).
  const std::vector<int>& descriptors() const { return descriptors_; }

 private:
  std::vector<int> descriptors_;
};

struct LockResult {
  std::optional<CpuLocks> locks;
  std::string problem;  // why not: "CPU 2 is in use by another capture (LOCK_DIR/evident-cpu-2.lock)", or an errno
};

// wait: block until each lock is free (on_wait(cpu) is called before blocking on a held one);
// otherwise fail at once. A signal that interrupts the wait (EINTR) ends it with a problem.
LockResult lock_cpus(const std::string& lock_dir, const std::vector<int>& cpus, bool wait,
                     const std::function<void(int)>& on_wait);

}  // namespace evident::host
