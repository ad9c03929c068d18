// Shared helpers for the libFuzzer targets in tests/fuzz (docs/fuzzing.md).
//
// A target calls its parser on the fuzzer's bytes, catches the parser's documented error types
// (a normal outcome for bad input) and lets everything else escape: an unexpected exception
// type (nlohmann::json::type_error, std::out_of_range, ...) reaches std::terminate, which aborts,
// and libFuzzer records the input as a crash, as it does for sanitizer reports.
// SHARPLINE_FUZZ_CHECK states an invariant of the parser's result; a violation aborts the same
// way with the condition in the message.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sharpline::fuzz {

[[noreturn]] inline void check_failed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: fuzz invariant violated: %s\n", file, line, condition);
  std::abort();
}

inline std::string_view as_text(const uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The fuzzer's bytes as a file for path-only APIs, without touching the disk: an in-memory file
// (memfd), opened by path through /proc/self/fd. Created once per process, rewritten per input.
class MemoryFile {
 public:
  MemoryFile() : fd_(memfd_create("sharpline-fuzz", MFD_CLOEXEC)) {
    if (fd_ < 0) throw std::runtime_error("memfd_create failed");
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  ~MemoryFile() { ::close(fd_); }

  // Replaces the content; returns the path to open.
  const std::string& write(const uint8_t* data, std::size_t size) {
    if (::ftruncate(fd_, 0) != 0) std::abort();
    std::size_t done = 0;
    while (done < size) {
      const ssize_t n = ::pwrite(fd_, data + done, size - done, static_cast<off_t>(done));
      if (n <= 0) std::abort();
      done += static_cast<std::size_t>(n);
    }
    return path_;
  }

 private:
  int fd_;
  std::string path_;
};

}  // namespace sharpline::fuzz

#define SHARPLINE_FUZZ_CHECK(condition) \
  ((condition) ? void(0) : ::sharpline::fuzz::check_failed(#condition, __FILE__, __LINE__))
