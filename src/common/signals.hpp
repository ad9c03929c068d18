// Waits for SIGINT/SIGTERM without async-signal-safety hazards: the signals are blocked in
// every thread and collected with sigtimedwait. Construct it before any thread starts (threads
// inherit the blocked mask), e.g. first thing in a long-running command.
#pragma once

#include <csignal>
#include <optional>

namespace sharpline {

class ShutdownSignals {
 public:
  ShutdownSignals();
  ~ShutdownSignals();
  ShutdownSignals(const ShutdownSignals&) = delete;
  ShutdownSignals& operator=(const ShutdownSignals&) = delete;

  // Returns the signal number once SIGINT or SIGTERM arrived, nullopt after timeout_ms.
  std::optional<int> wait_for(int timeout_ms);
  // Blocks until SIGINT or SIGTERM.
  int wait();

 private:
  sigset_t set_;
  sigset_t previous_;
};

}  // namespace sharpline
