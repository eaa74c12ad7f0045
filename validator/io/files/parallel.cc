#include "io/files/parallel.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace evident::io {
namespace {

constexpr std::size_t worker_stack_bytes = std::size_t{512} << 20;  // reserved address space, not memory

// Starts up to wanted threads running routine(argument) with large stacks; fewer (even none) when
// the system refuses, which the callers make up for on their own thread.
std::vector<pthread_t> start_workers(std::size_t wanted, void* (*routine)(void*), void* argument) {
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, worker_stack_bytes);
  std::vector<pthread_t> threads;
  for (std::size_t i = 0; i < wanted; ++i) {
    pthread_t thread;
    if (pthread_create(&thread, &attributes, routine, argument) == 0) threads.push_back(thread);
  }
  pthread_attr_destroy(&attributes);
  return threads;
}

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

// The state of parallel_ordered: workers claim the next index while it lies inside the window
// ahead of the consumer, and mark its slot done; the consumer waits for the slot of the index it
// needs next.
struct Ordered {
  std::size_t count;
  std::size_t window;
  const std::function<void(std::size_t)>* produce;
  std::mutex mutex;
  std::condition_variable room;        // a worker waits for the consumer to free a slot
  std::condition_variable finished;    // the consumer waits for its next index
  std::size_t next = 0;                // the next index to produce
  std::size_t consumed = 0;            // indices below it are consumed
  std::size_t ready = 0;               // produced and not yet consumed
  std::size_t batch = 1;               // how many ready results wake a waiting consumer
  std::optional<std::size_t> awaited;  // the slot the consumer waits for
  bool stop = false;
  std::vector<char> done;                // per slot: produced and not yet consumed
  std::vector<std::exception_ptr> fail;  // per slot: what produce threw

  // Whether the waiting consumer should wake: its slot is done, and either a batch is ready or
  // nothing more is being produced. Waking once per batch, not once per index, saves a switch
  // of threads per file where consuming is quick.
  bool consumer_may_go() const {
    if (!awaited || done[*awaited] == 0) return false;
    const std::size_t in_progress = next - consumed - ready;
    return ready >= batch || in_progress == 0 || stop;
  }
};

void* ordered_worker(void* argument) {
  Ordered& shared = *static_cast<Ordered*>(argument);
  std::unique_lock lock(shared.mutex);
  for (;;) {
    shared.room.wait(lock, [&] {
      return shared.stop || shared.next >= shared.count || shared.next < shared.consumed + shared.window;
    });
    if (shared.stop || shared.next >= shared.count) return nullptr;
    const std::size_t i = shared.next++;
    lock.unlock();
    std::exception_ptr failure;
    try {
      (*shared.produce)(i);
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    shared.fail[i % shared.window] = failure;
    shared.done[i % shared.window] = 1;
    ++shared.ready;
    if (shared.consumer_may_go()) shared.finished.notify_one();
  }
}

// Stops and joins the workers however the consumer leaves: a rethrown failure must not leave a
// thread writing into slots that are gone.
class WorkerGuard {
 public:
  WorkerGuard(Ordered& shared, std::vector<pthread_t> threads) : shared_(shared), threads_(std::move(threads)) {}
  WorkerGuard(const WorkerGuard&) = delete;
  WorkerGuard& operator=(const WorkerGuard&) = delete;
  ~WorkerGuard() {
    {
      const std::lock_guard lock(shared_.mutex);
      shared_.stop = true;
    }
    shared_.room.notify_all();
    for (pthread_t thread : threads_) pthread_join(thread, nullptr);
  }
  bool empty() const { return threads_.empty(); }

 private:
  Ordered& shared_;
  std::vector<pthread_t> threads_;
};

}  // namespace

unsigned default_jobs() { return std::max(1U, std::thread::hardware_concurrency()); }

void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work) {
  if (count == 0) return;
  Shared shared;
  shared.count = count;
  shared.work = &work;
  const std::vector<pthread_t> threads =
      start_workers(std::min<std::size_t>(std::max(1U, jobs), count), worker, &shared);
  if (threads.empty()) worker(&shared);  // no thread could be started: do the work here
  for (pthread_t thread : threads) pthread_join(thread, nullptr);
  if (shared.failure) std::rethrow_exception(shared.failure);
}

void parallel_ordered(std::size_t count, unsigned jobs, std::size_t window,
                      const std::function<void(std::size_t)>& produce,
                      const std::function<void(std::size_t)>& consume) {
  if (count == 0) return;
  Ordered shared;
  shared.count = count;
  shared.window = std::max<std::size_t>(1, window);
  shared.batch = std::max<std::size_t>(1, shared.window / 2);
  shared.produce = &produce;
  shared.done.assign(shared.window, 0);
  shared.fail.assign(shared.window, nullptr);
  const std::size_t wanted = std::min<std::size_t>(std::max(1U, jobs), count);
  const WorkerGuard workers(shared, start_workers(wanted, ordered_worker, &shared));
  for (std::size_t i = 0; i < count; ++i) {
    if (workers.empty()) {  // no thread could be started: do the work here
      produce(i);
      consume(i);
      continue;
    }
    const std::size_t slot = i % shared.window;
    std::exception_ptr failure;
    {
      std::unique_lock lock(shared.mutex);
      if (shared.done[slot] == 0) {
        shared.awaited = slot;
        shared.finished.wait(lock, [&] { return shared.consumer_may_go(); });
        shared.awaited.reset();
      }
      shared.done[slot] = 0;
      --shared.ready;
      failure = std::exchange(shared.fail[slot], nullptr);
    }
    if (failure) std::rethrow_exception(failure);
    consume(i);
    {
      const std::lock_guard lock(shared.mutex);
      shared.consumed = i + 1;
    }
    shared.room.notify_all();
  }
}

WorkAside::WorkAside(unsigned jobs, std::function<void()> work) : work_(std::move(work)) {
  if (jobs > 1) {
    const std::vector<pthread_t> threads = start_workers(1, &WorkAside::run, this);
    if (!threads.empty()) thread_ = threads.front();
  }
  if (!thread_) work_();
}

WorkAside::~WorkAside() {
  if (thread_) pthread_join(*thread_, nullptr);
}

void* WorkAside::run(void* self) {
  static_cast<WorkAside*>(self)->work_();
  return nullptr;
}

}  // namespace evident::io
