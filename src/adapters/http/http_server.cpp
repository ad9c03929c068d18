#include "adapters/http/http_server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "adapters/http/http_error.hpp"
#include "adapters/http/http_session.hpp"
#include "adapters/http/router.hpp"
#include "adapters/http/url.hpp"

namespace sharpline::adapters::http {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

// After an accept failure such as EMFILE, retrying at once would spin on the same error.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};

tcp::endpoint resolve_listen_endpoint(asio::io_context& ioc, const std::string& host,
                                      std::uint16_t port) {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (!ec) return {address, port};
  tcp::resolver resolver(ioc);
  auto results = resolver.resolve(host, std::to_string(port),
                                  tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    throw HttpError("cannot resolve listen host '" + host +
                    "': " + (ec ? ec.message() : std::string("no address")));
  }
  return results.begin()->endpoint();
}

}  // namespace

struct HttpServer::Impl {
  enum class State { Created, Running, Stopped };

  HttpServerOptions options;
  std::shared_ptr<Router> router = std::make_shared<Router>();
  std::vector<std::shared_ptr<SseBroadcaster>> broadcasters;
  // Serialises lifecycle calls (start/stop/route/sse). Handlers may call port() and running()
  // while stop() waits for them, so those read atomics instead of taking the lock.
  std::mutex lifecycle;
  std::atomic<State> state{State::Created};
  std::atomic<std::uint16_t> bound_port{0};

  // Recreated per start and destroyed in stop(): destroying the io_context destroys every pending
  // handler, and with it every connection those handlers own.
  std::unique_ptr<asio::io_context> ioc;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<asio::steady_timer> accept_retry;
  std::shared_ptr<const SessionConfig> session_config;
  std::vector<std::thread> workers;

  void listen();
  void accept();
  void run_worker();
  bool on_worker_thread() const;
};

void HttpServer::Impl::listen() {
  auto endpoint = resolve_listen_endpoint(*ioc, options.host, options.port);
  auto fail = [&](const boost::system::error_code& ec) {
    return HttpError("cannot listen on " + format_host_port(options.host, options.port) + ": " +
                     ec.message());
  };
  boost::system::error_code ec;
  acceptor = std::make_unique<tcp::acceptor>(*ioc);
  if (acceptor->open(endpoint.protocol(), ec); ec) throw fail(ec);
  // Lets a restarted process bind while old connections sit in TIME_WAIT; Linux still refuses a
  // second live listener on the port.
  if (acceptor->set_option(asio::socket_base::reuse_address(true), ec); ec) throw fail(ec);
  if (acceptor->bind(endpoint, ec); ec) throw fail(ec);
  if (acceptor->listen(asio::socket_base::max_listen_connections, ec); ec) throw fail(ec);
  bound_port = acceptor->local_endpoint().port();
}

void HttpServer::Impl::accept() {
  // Each connection gets its own strand, so its handlers never run concurrently even with
  // several worker threads.
  acceptor->async_accept(
      asio::make_strand(*ioc), [this](boost::system::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
        if (ec) {
          spdlog::warn("HTTP accept on {} failed: {}", format_host_port(options.host, bound_port),
                       ec.message());
          accept_retry->expires_after(kAcceptRetryDelay);
          accept_retry->async_wait([this](boost::system::error_code wait_ec) {
            if (!wait_ec) accept();
          });
          return;
        }
        std::make_shared<HttpSession>(std::move(socket), session_config)->start();
        accept();
      });
}

void HttpServer::Impl::run_worker() {
  for (;;) {
    try {
      ioc->run();
      return;
    } catch (const std::exception& e) {
      spdlog::error("HTTP server worker caught: {}", e.what());
    } catch (...) {
      spdlog::error("HTTP server worker caught a non-standard exception");
    }
  }
}

bool HttpServer::Impl::on_worker_thread() const {
  auto self = std::this_thread::get_id();
  return std::any_of(workers.begin(), workers.end(),
                     [self](const std::thread& t) { return t.get_id() == self; });
}

HttpServer::HttpServer(HttpServerOptions options) : impl_(std::make_unique<Impl>()) {
  if (options.threads < 1) throw std::invalid_argument("HttpServer needs at least one thread");
  impl_->options = std::move(options);
  impl_->bound_port = impl_->options.port;
}

HttpServer::~HttpServer() {
  try {
    stop();
  } catch (const std::exception& e) {
    // Only reachable when destroyed from one of its own handlers: joining would deadlock.
    spdlog::critical("HttpServer destroyed from its own worker thread: {}", e.what());
    std::terminate();
  }
}

void HttpServer::route(HttpMethod method, std::string_view pattern, HttpHandler handler) {
  std::lock_guard lock(impl_->lifecycle);
  if (impl_->state != Impl::State::Created) {
    throw std::logic_error("HttpServer::route after start: " + std::string(pattern));
  }
  impl_->router->add(method, pattern, std::move(handler));
}

std::shared_ptr<SseBroadcaster> HttpServer::sse(std::string_view pattern) {
  std::lock_guard lock(impl_->lifecycle);
  if (impl_->state != Impl::State::Created) {
    throw std::logic_error("HttpServer::sse after start: " + std::string(pattern));
  }
  auto broadcaster = std::make_shared<SseBroadcaster>(impl_->options.sse);
  impl_->router->add_sse(pattern, broadcaster);
  impl_->broadcasters.push_back(broadcaster);
  return broadcaster;
}

void HttpServer::start() {
  std::lock_guard lock(impl_->lifecycle);
  if (impl_->state != Impl::State::Created) {
    throw std::logic_error("HttpServer::start called twice");
  }
  auto& impl = *impl_;
  impl.ioc = std::make_unique<asio::io_context>(impl.options.threads);
  try {
    impl.listen();
  } catch (...) {
    impl.acceptor.reset();
    impl.ioc.reset();
    throw;
  }
  impl.accept_retry = std::make_unique<asio::steady_timer>(*impl.ioc);
  impl.session_config = std::make_shared<const SessionConfig>(SessionConfig{
      impl.router, impl.options.body_limit, impl.options.idle_timeout, impl.options.write_timeout});
  impl.accept();
  for (int i = 0; i < impl.options.threads; ++i) {
    impl.workers.emplace_back([&impl] { impl.run_worker(); });
  }
  impl.state = Impl::State::Running;
  spdlog::info("HTTP server listening on {}", format_host_port(impl.options.host, impl.bound_port));
}

void HttpServer::stop() {
  std::lock_guard lock(impl_->lifecycle);
  auto& impl = *impl_;
  if (impl.state != Impl::State::Running) {
    impl.state = Impl::State::Stopped;
    return;
  }
  if (impl.on_worker_thread()) {
    throw std::logic_error("HttpServer::stop called from one of its own handlers");
  }
  impl.state = Impl::State::Stopped;
  for (auto& broadcaster : impl.broadcasters) broadcaster->detach_all();
  impl.ioc->stop();
  for (auto& worker : impl.workers) worker.join();
  impl.workers.clear();
  // Order matters: I/O objects go before the io_context they were created on.
  impl.accept_retry.reset();
  impl.acceptor.reset();
  impl.ioc.reset();
  impl.session_config.reset();
  spdlog::info("HTTP server on {} stopped", format_host_port(impl.options.host, impl.bound_port));
}

bool HttpServer::running() const {
  return impl_->state == Impl::State::Running;
}

const std::string& HttpServer::host() const {
  return impl_->options.host;
}

std::uint16_t HttpServer::port() const {
  return impl_->bound_port;
}

std::string HttpServer::address() const {
  return format_host_port(host(), port());
}

}  // namespace sharpline::adapters::http
