// A command for the tests of capture's memory limits. `memory_hog touch BYTES` allocates BYTES and
// writes to every page of them, so they are really used; `memory_hog reserve BYTES` only reserves
// BYTES of address space (PROT_NONE, nothing used), as the Go runtime and the JVM do at start.
// Exit 0 when done, 3 when the reservation or allocation is refused (with the reason on stderr),
// 2 on bad arguments.
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fputs("usage: memory_hog touch|reserve BYTES\n", stderr);
    return 2;
  }
  const std::string mode = argv[1];
  char* end = nullptr;
  const unsigned long long parsed = std::strtoull(argv[2], &end, 10);
  if (end == argv[2] || *end != '\0' || (mode != "touch" && mode != "reserve")) {
    std::fputs("usage: memory_hog touch|reserve BYTES\n", stderr);
    return 2;
  }
  const auto bytes = static_cast<std::size_t>(parsed);
  const int protection = mode == "touch" ? PROT_READ | PROT_WRITE : PROT_NONE;
  void* memory = ::mmap(nullptr, bytes, protection, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (memory == MAP_FAILED) {
    std::fprintf(stderr, "memory_hog: cannot %s %zu bytes: %s\n", mode.c_str(), bytes, std::strerror(errno));
    return 3;
  }
  if (mode == "touch") {
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    auto* bytes_of = static_cast<volatile unsigned char*>(memory);
    for (std::size_t at = 0; at < bytes; at += page) bytes_of[at] = 1;
  }
  ::munmap(memory, bytes);
  return 0;
}
