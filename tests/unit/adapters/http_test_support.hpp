#pragma once

// Helpers for HTTP tests: a raw loopback TCP client (to see exactly what goes over the wire,
// keep connections open, or misbehave on purpose) and a polling wait. Tests talk to 127.0.0.1
// only.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

namespace sharpline::testing {

// Polls `condition` until it holds or `timeout` passes; returns its last value.
template <class Condition>
bool eventually(Condition condition,
                std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

class RawClient {
 public:
  // receive_buffer > 0 shrinks SO_RCVBUF (before connect, so the TCP window is small too).
  explicit RawClient(std::uint16_t port, int receive_buffer = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket() failed");
    if (receive_buffer > 0) {
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      throw std::runtime_error("connect() to 127.0.0.1:" + std::to_string(port) + " failed");
    }
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;
  ~RawClient() { close(); }

  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  void send(std::string_view data) {
    while (!data.empty()) {
      auto n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("send() failed");
      data.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  // Reads until everything received so far contains `needle` (true) or the timeout passes or
  // the peer closes (false).
  bool read_until(std::string_view needle,
                  std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t from = 0;  // only new bytes can complete a match, so long streams stay cheap
    while (received_.find(needle, from) == std::string::npos) {
      from = received_.size() >= needle.size() ? received_.size() - needle.size() + 1 : 0;
      if (!read_some(deadline)) return false;
    }
    return true;
  }

  // True when the peer closes the connection before the timeout.
  bool wait_for_close(std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!peer_closed_) {
      if (!read_some(deadline) && !peer_closed_) return false;
    }
    return true;
  }

  const std::string& received() const { return received_; }
  void clear() { received_.clear(); }

 private:
  bool read_some(std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || peer_closed_) return false;
    pollfd pfd{fd_, POLLIN, 0};
    if (::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) return false;
    char buffer[4096];
    auto n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) {
      peer_closed_ = true;
      return false;
    }
    received_.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool peer_closed_ = false;
  std::string received_;
};

}  // namespace sharpline::testing
