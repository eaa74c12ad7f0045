#include "host/cpu_lock.h"

#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

namespace evident::host {
namespace {

namespace fs = std::filesystem;

class CpuLock : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("evident-lock-test-" + std::to_string(::getpid()));
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }
  fs::path directory_;
};

TEST_F(CpuLock, ASecondHolderIsRefusedWithoutWaitingAndAdmittedAfterRelease) {
  std::optional<LockResult> first = lock_cpus(directory_.string(), {3, 1}, false, {});
  ASSERT_TRUE(first->locks) << first->problem;
  EXPECT_TRUE(fs::exists(directory_ / "evident-cpu-1.lock"));
  EXPECT_EQ(fs::status(directory_ / "evident-cpu-3.lock").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::group_write |
                fs::perms::others_read | fs::perms::others_write);
  const LockResult second = lock_cpus(directory_.string(), {2, 3}, false, {});
  EXPECT_FALSE(second.locks);
  EXPECT_EQ(second.problem, "CPU 3 is in use by another capture (" + directory_.string() + "/evident-cpu-3.lock)");
  first.reset();
  const LockResult third = lock_cpus(directory_.string(), {2, 3}, false, {});
  EXPECT_TRUE(third.locks) << third.problem;
}

TEST_F(CpuLock, AnUnusableDirectoryIsSaid) {
  const LockResult result = lock_cpus((directory_ / "missing").string(), {0}, true, {});
  EXPECT_FALSE(result.locks);
  EXPECT_EQ(result.problem, "ENOENT: cannot open the lock " + (directory_ / "missing").string() +
                                "/evident-cpu-0.lock (choose another with --lock-dir)");
}

}  // namespace
}  // namespace evident::host
