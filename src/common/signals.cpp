#include "common/signals.hpp"

#include <pthread.h>

#include <cerrno>
#include <ctime>

namespace sharpline {

ShutdownSignals::ShutdownSignals() {
  sigemptyset(&set_);
  sigaddset(&set_, SIGINT);
  sigaddset(&set_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set_, &previous_);
}

ShutdownSignals::~ShutdownSignals() {
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

std::optional<int> ShutdownSignals::wait_for(int timeout_ms) {
  timespec timeout{timeout_ms / 1000, static_cast<long>(timeout_ms % 1000) * 1000000L};
  for (;;) {
    const int signal = sigtimedwait(&set_, nullptr, &timeout);
    if (signal > 0) return signal;
    if (errno == EAGAIN) return std::nullopt;
    if (errno != EINTR) return std::nullopt;
  }
}

int ShutdownSignals::wait() {
  for (;;) {
    if (auto signal = wait_for(60000)) return *signal;
  }
}

}  // namespace sharpline
