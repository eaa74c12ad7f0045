#include "io/files/parallel.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace evident::io {
namespace {

constexpr std::size_t worker_stack_bytes = std::size_t{512} << 20;  // reserved address space, not memory

struct Shared {
  std::size_t count;
  const std::function<void(std::size_t)>* work;
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::exception_ptr failure;
};

void* worker(void* argument) {
  Shared& shared = *static_cast<Shared*>(argument);
  for (std::size_t i = shared.next++; i < shared.count; i = shared.next++) {
    try {
      (*shared.work)(i);
    } catch (...) {
      const std::lock_guard lock(shared.mutex);
      if (!shared.failure) shared.failure = std::current_exception();
    }
  }
  return nullptr;
}

}  // namespace

unsigned default_jobs() { return std::max(1U, std::thread::hardware_concurrency()); }

void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work) {
  if (count == 0) return;
  Shared shared;
  shared.count = count;
  shared.work = &work;
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, worker_stack_bytes);
  std::vector<pthread_t> threads;
  const std::size_t wanted = std::min<std::size_t>(std::max(1U, jobs), count);
  for (std::size_t i = 0; i < wanted; ++i) {
    pthread_t thread;
    if (pthread_create(&thread, &attributes, worker, &shared) == 0) threads.push_back(thread);
  }
  pthread_attr_destroy(&attributes);
  if (threads.empty()) worker(&shared);  // no thread could be started: do the work here
  for (pthread_t thread : threads) pthread_join(thread, nullptr);
  if (shared.failure) std::rethrow_exception(shared.failure);
}

}  // namespace evident::io
