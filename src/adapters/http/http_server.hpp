#pragma once

// The HTTP/1.1 server every long-running sharpline process runs (health, metrics, schema
// registry, SSE streams, admin). It owns its io_context and worker threads; handlers run on those
// threads, so a handler must be thread-safe when `threads` > 1 and should not block for long.
//
// Errors: start() throws HttpError when it cannot listen; route()/sse() throw std::logic_error
// once the server has started (the route table is frozen then, so requests read it without
// locks). A handler that throws produces a 500 and a log line, never a crash.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "adapters/http/http_types.hpp"
#include "adapters/http/sse_broadcaster.hpp"

namespace sharpline::adapters::http {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8088;  // 0 picks a free port; read it back with HttpServer::port()
  int threads = 1;
  std::size_t body_limit = std::size_t{1024} * 1024;  // larger request bodies get 413
  // A keep-alive connection idle this long is closed; it also bounds how long a client may take
  // to send one request.
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(30)};
  std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};
  SseOptions sse;  // for every stream created by sse()
};

class HttpServer {
 public:
  explicit HttpServer(HttpServerOptions options = {});
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  ~HttpServer();  // stops the server

  // pattern: "/health", "/schemas/ids/{id}"; see Router for matching rules.
  void route(HttpMethod method, std::string_view pattern, HttpHandler handler);
  // GET on `pattern` becomes a Server-Sent Events stream fed by the returned broadcaster. The
  // broadcaster may outlive the server (publishing then reaches nobody).
  std::shared_ptr<SseBroadcaster> sse(std::string_view pattern);

  // Binds, listens and starts the worker threads. Call once.
  void start();
  // Closes the listener and every connection, joins the workers. Idempotent. Must not be called
  // from a handler (it waits for the handler's own thread); throws std::logic_error if it is.
  void stop();

  bool running() const;
  const std::string& host() const;
  // The bound port once started (the real one when options.port was 0), else options.port.
  std::uint16_t port() const;
  // "host:port" as bound, e.g. "127.0.0.1:41235", for logs and URLs.
  std::string address() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sharpline::adapters::http
