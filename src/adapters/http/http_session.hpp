#pragma once

// One accepted HTTP/1.1 connection: reads requests (keep-alive), routes them, writes responses,
// or hands the socket to an SSE stream. Internal to HttpServer.

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>

#include "adapters/http/http_types.hpp"
#include "adapters/http/router.hpp"

namespace sharpline::adapters::http {

struct SessionConfig {
  std::shared_ptr<const Router> router;
  std::size_t body_limit = 0;
  std::chrono::milliseconds idle_timeout{0};
  std::chrono::milliseconds write_timeout{0};
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  // The socket's executor must be a strand: the session's handlers rely on it for ordering.
  HttpSession(boost::asio::ip::tcp::socket socket, std::shared_ptr<const SessionConfig> config);
  void start();

 private:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  void read_request();
  void on_header(boost::beast::error_code ec);
  void read_body();
  void on_read(boost::beast::error_code ec);
  void on_read_error(boost::beast::error_code ec);
  void handle(Request&& request);
  HttpResponse call_handler(const RouteMatch& match, const HttpRequest& request);
  void start_sse(const RouteMatch& match, const Request& request);
  void send(HttpResponse&& response, unsigned version, bool keep_alive, bool head_only);
  void on_write(bool close, boost::beast::error_code ec);
  void linger_and_close();
  void drain();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<const SessionConfig> config_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::optional<boost::beast::http::response<boost::beast::http::empty_body>> continue_;
  std::optional<Response> response_;
};

}  // namespace sharpline::adapters::http
