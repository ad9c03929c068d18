#include "adapters/http/http_session.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <exception>
#include <string>
#include <utility>

#include "adapters/http/json_response.hpp"
#include "adapters/http/sse_broadcaster.hpp"
#include "adapters/http/sse_client.hpp"
#include "adapters/http/url.hpp"

namespace sharpline::adapters::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

// A client that sent a request we refuse may still be sending its body; closing at once would
// make the kernel answer with RST and the client could lose our error response.
constexpr std::chrono::seconds kLingerTimeout{2};
constexpr std::size_t kLingerChunk = 16 * 1024;

std::string allow_header(const std::vector<HttpMethod>& methods) {
  std::string allow;
  for (auto method : methods) {
    if (!allow.empty()) allow += ", ";
    allow += to_string(method);
  }
  return allow;
}

std::string_view to_std(boost::beast::string_view text) {
  return {text.data(), text.size()};
}

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

HttpRequest to_http_request(bhttp::request<bhttp::string_body>&& request, HttpMethod method) {
  HttpRequest out;
  out.method = method;
  out.target = std::string(to_std(request.target()));
  auto question = out.target.find('?');
  out.path = out.target.substr(0, question);
  if (question != std::string::npos)
    out.query_params = parse_query(out.target.substr(question + 1));
  for (const auto& field : request) {
    std::string name(to_std(field.name_string()));
    std::string value(to_std(field.value()));
    auto [it, inserted] = out.headers.emplace(name, value);
    if (!inserted) it->second += ", " + value;
  }
  out.body = std::move(request.body());
  return out;
}

}  // namespace

HttpSession::HttpSession(asio::ip::tcp::socket socket, std::shared_ptr<const SessionConfig> config)
    : stream_(std::move(socket)), config_(std::move(config)) {}

void HttpSession::start() {
  asio::dispatch(stream_.get_executor(),
                 beast::bind_front_handler(&HttpSession::read_request, shared_from_this()));
}

void HttpSession::read_request() {
  parser_.emplace();
  parser_->body_limit(config_->body_limit);
  // Bounds both an idle keep-alive connection and a client that trickles its request.
  stream_.expires_after(config_->idle_timeout);
  bhttp::async_read_header(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

void HttpSession::on_header(beast::error_code ec) {
  if (ec) return on_read_error(ec);
  const auto& request = parser_->get();
  // curl sends "Expect: 100-continue" for bodies over 1 KiB and waits a second for this answer.
  if (!parser_->is_done() && beast::iequals(request[bhttp::field::expect], "100-continue")) {
    continue_.emplace(bhttp::status::continue_, request.version());
    bhttp::async_write(stream_, *continue_,
                       [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                         if (write_ec) return self->linger_and_close();
                         self->read_body();
                       });
    return;
  }
  read_body();
}

void HttpSession::read_body() {
  bhttp::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void HttpSession::on_read(beast::error_code ec) {
  if (ec) return on_read_error(ec);
  handle(parser_->release());
}

void HttpSession::on_read_error(beast::error_code ec) {
  const unsigned version = 11;
  if (ec == bhttp::error::body_limit) {
    return send(json_error(413, "Request body larger than " + std::to_string(config_->body_limit) +
                                    " bytes"),
                version, false, false);
  }
  if (ec == bhttp::error::header_limit) {
    return send(json_error(431, "Request header fields too large"), version, false, false);
  }
  // Malformed requests get a 400; socket-level ends (EOF, reset, timeout) just close.
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
      ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
    return send(json_error(400, "Malformed HTTP request"), version, false, false);
  }
  beast::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.close();
}

void HttpSession::handle(Request&& request) {
  const unsigned version = request.version();
  const bool keep_alive = request.keep_alive();
  auto method = parse_http_method(to_std(request.method_string()));
  auto target = to_std(request.target());
  auto path = target.substr(0, target.find('?'));
  const auto& router = *config_->router;

  if (!method) {
    auto allowed = router.allowed_methods(path);
    if (allowed.empty())
      return send(json_error(404, "HTTP 404 Not Found"), version, keep_alive, false);
    auto response = json_error(405, "HTTP 405 Method Not Allowed");
    response.headers.emplace_back("Allow", allow_header(allowed));
    return send(std::move(response), version, keep_alive, false);
  }
  const bool head_only = *method == HttpMethod::Head;
  auto match = router.match(*method, path);
  switch (match.kind) {
    case RouteMatch::Kind::NotFound:
      return send(json_error(404, "HTTP 404 Not Found"), version, keep_alive, head_only);
    case RouteMatch::Kind::MethodNotAllowed: {
      auto response = json_error(405, "HTTP 405 Method Not Allowed");
      response.headers.emplace_back("Allow", allow_header(match.allowed));
      return send(std::move(response), version, keep_alive, head_only);
    }
    case RouteMatch::Kind::Sse:
      if (head_only) {
        HttpResponse response;
        response.content_type = "text/event-stream";
        return send(std::move(response), version, false, true);
      }
      return start_sse(match, request);
    case RouteMatch::Kind::Handler:
      break;
  }
  auto http_request = to_http_request(std::move(request), *method);
  http_request.path_params = std::move(match.params);
  send(call_handler(match, http_request), version, keep_alive, head_only);
}

HttpResponse HttpSession::call_handler(const RouteMatch& match, const HttpRequest& request) {
  // A failing handler must cost one request, never the process or the connection.
  try {
    return (*match.handler)(request);
  } catch (const std::exception& e) {
    spdlog::error("HTTP {} {} failed: {}", to_string(request.method), request.path, e.what());
  } catch (...) {
    spdlog::error("HTTP {} {} failed with a non-standard exception", to_string(request.method),
                  request.path);
  }
  return json_error(500, "Internal Server Error");
}

void HttpSession::start_sse(const RouteMatch& match, const Request& request) {
  auto target = to_std(request.target());
  spdlog::debug("SSE client connected to {}", target.substr(0, target.find('?')));
  auto client = std::make_shared<SseClient>(stream_.release_socket(), match.sse->options());
  match.sse->attach(client);
}

void HttpSession::send(HttpResponse&& response, unsigned version, bool keep_alive, bool head_only) {
  if (response.status < 100 || response.status > 599) {
    spdlog::error("HTTP handler returned invalid status {}", response.status);
    response = json_error(500, "Internal Server Error");
  }
  Response out{static_cast<bhttp::status>(response.status), version};
  out.set(bhttp::field::server, "sharpline");
  out.set(bhttp::field::content_type, response.content_type);
  for (auto& [name, value] : response.headers) {
    // A line break in a handler-supplied header would let it forge headers or a whole response.
    if (name.empty() || has_line_break(name) || has_line_break(value)) {
      spdlog::error("HTTP handler returned an invalid header '{}'; dropped", name);
      continue;
    }
    out.insert(name, value);
  }
  out.keep_alive(keep_alive);
  const bool no_body_allowed =
      response.status < 200 || response.status == 204 || response.status == 304;
  if (!no_body_allowed) out.body() = std::move(response.body);
  out.prepare_payload();
  if (head_only) out.body().clear();  // Content-Length keeps describing the GET body

  response_.emplace(std::move(out));
  stream_.expires_after(config_->write_timeout);
  bhttp::async_write(stream_, *response_,
                     [self = shared_from_this(), close = !keep_alive](
                         beast::error_code ec, std::size_t) { self->on_write(close, ec); });
}

void HttpSession::on_write(bool close, beast::error_code ec) {
  response_.reset();
  if (ec) {
    stream_.close();
    return;
  }
  if (close) return linger_and_close();
  read_request();
}

void HttpSession::linger_and_close() {
  beast::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  stream_.expires_after(kLingerTimeout);  // one budget for the whole drain
  drain();
}

void HttpSession::drain() {
  buffer_.consume(buffer_.size());
  stream_.async_read_some(buffer_.prepare(kLingerChunk),
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            if (ec) {
                              self->stream_.close();
                              return;
                            }
                            self->drain();
                          });
}

}  // namespace sharpline::adapters::http
