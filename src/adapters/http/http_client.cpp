#include "adapters/http/http_client.hpp"

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "adapters/http/url.hpp"

namespace sharpline::adapters::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using asio::ip::tcp;

namespace {

using Clock = std::chrono::steady_clock;

std::string_view to_std(beast::string_view text) {
  return {text.data(), text.size()};
}

std::string base64(std::string_view in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');  // EVP_EncodeBlock adds a NUL
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()),
                                static_cast<int>(in.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

bool is_ip_literal(const std::string& host) {
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

// Runs the io_context until the operation started by `start` has completed; returns its error.
// Timeouts come from beast::tcp_stream's expiry, which closes the socket and completes the
// operation with beast::error::timeout.
template <class Start>
beast::error_code run_operation(asio::io_context& ioc, Start&& start) {
  beast::error_code result;
  start([&result](beast::error_code ec, auto&&...) { result = ec; });
  ioc.restart();
  ioc.run();
  return result;
}

// Everything about one request that error messages need; never holds the unredacted URL text.
struct Exchange {
  const HttpClientOptions& options;
  HttpMethod method;
  ParsedUrl url;
  std::string redacted_url;
  std::string endpoint;  // "host:port"
  std::chrono::milliseconds timeout;
  Clock::time_point connect_deadline;
  Clock::time_point deadline;

  [[noreturn]] void fail(const std::string& stage, const std::string& cause) const {
    throw HttpError(std::string(to_string(method)) + " " + redacted_url + ": " + stage +
                    " failed: " + cause);
  }

  std::string cause(const beast::error_code& ec, bool connecting) const {
    if (ec == beast::error::timeout) {
      auto budget = connecting ? std::min(timeout, options.connect_timeout) : timeout;
      return "timed out after " + std::to_string(budget.count()) + " ms";
    }
    if (ec == bhttp::error::body_limit) {
      return "response body larger than " + std::to_string(options.max_response_bytes) + " bytes";
    }
    return ec.message();
  }

  std::string host_header() const {
    bool default_port =
        (url.scheme == "http" && url.port == 80) || (url.scheme == "https" && url.port == 443);
    if (!default_port) return format_host_port(url.host, url.port);
    return url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  }
};

tcp::resolver::results_type resolve(asio::io_context& ioc, const Exchange& exchange) {
  // The resolver has no expiry of its own; a timer cancels it instead. (getaddrinfo itself
  // cannot be interrupted: for a hung DNS server the cancelled lookup still returns only when
  // the system resolver gives up.)
  tcp::resolver resolver(ioc);
  asio::steady_timer timer(ioc);
  bool timed_out = false;
  beast::error_code error;
  tcp::resolver::results_type results;
  timer.expires_at(exchange.connect_deadline);
  timer.async_wait([&](beast::error_code ec) {
    if (ec) return;
    timed_out = true;
    resolver.cancel();
  });
  resolver.async_resolve(exchange.url.host, std::to_string(exchange.url.port),
                         tcp::resolver::numeric_service,
                         [&](beast::error_code ec, tcp::resolver::results_type found) {
                           error = ec;
                           results = std::move(found);
                           timer.cancel();
                         });
  ioc.restart();
  ioc.run();
  if (timed_out) error = beast::error::timeout;
  if (error) exchange.fail("resolving " + exchange.url.host, exchange.cause(error, true));
  return results;
}

void connect(asio::io_context& ioc, beast::tcp_stream& stream, const Exchange& exchange) {
  auto endpoints = resolve(ioc, exchange);
  stream.expires_at(exchange.connect_deadline);
  auto ec = run_operation(
      ioc, [&](auto handler) { stream.async_connect(endpoints, std::move(handler)); });
  if (ec) exchange.fail("connect to " + exchange.endpoint, exchange.cause(ec, true));
}

void tls_handshake(asio::io_context& ioc, beast::ssl_stream<beast::tcp_stream>& stream,
                   const Exchange& exchange) {
  SSL* ssl = stream.native_handle();
  const std::string& host = exchange.url.host;
  const bool verify = !exchange.options.insecure_skip_verify;
  if (is_ip_literal(host)) {
    // RFC 6066 forbids IP literals in SNI; the certificate must carry the IP as a SAN.
    if (verify && X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str()) != 1) {
      exchange.fail("TLS setup for " + exchange.endpoint, "cannot verify IP address " + host);
    }
  } else {
    if (SSL_set_tlsext_host_name(ssl, host.c_str()) != 1) {
      exchange.fail("TLS setup for " + exchange.endpoint, "cannot set SNI host name");
    }
    if (verify && SSL_set1_host(ssl, host.c_str()) != 1) {
      exchange.fail("TLS setup for " + exchange.endpoint, "cannot set host name to verify");
    }
  }
  beast::get_lowest_layer(stream).expires_at(exchange.connect_deadline);
  auto ec = run_operation(ioc, [&](auto handler) {
    stream.async_handshake(ssl::stream_base::client, std::move(handler));
  });
  if (!ec) return;
  long verify_result = SSL_get_verify_result(ssl);
  if (verify && verify_result != X509_V_OK) {
    exchange.fail("TLS handshake with " + exchange.endpoint,
                  std::string("certificate verification failed: ") +
                      X509_verify_cert_error_string(verify_result));
  }
  exchange.fail("TLS handshake with " + exchange.endpoint, exchange.cause(ec, true));
}

template <class Stream>
HttpClientResponse send_and_receive(asio::io_context& ioc, Stream& stream, const Exchange& exchange,
                                    const std::string& body, const HttpHeaders& headers) {
  auto method_name = to_string(exchange.method);
  bhttp::request<bhttp::string_body> request{
      bhttp::string_to_verb(beast::string_view(method_name.data(), method_name.size())),
      exchange.url.target, 11};
  request.set(bhttp::field::host, exchange.host_header());
  request.set(bhttp::field::user_agent, exchange.options.user_agent);
  request.set(bhttp::field::connection, "close");  // one connection per request, no pooling
  if (!exchange.url.userinfo.empty() && headers.find("Authorization") == headers.end()) {
    request.set(bhttp::field::authorization, "Basic " + base64(exchange.url.userinfo));
  }
  for (const auto& [name, value] : headers) {
    if (name.find_first_of("\r\n") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      exchange.fail("building request", "header '" + name + "' contains a line break");
    }
    request.set(name, value);
  }
  request.body() = body;
  request.prepare_payload();

  beast::get_lowest_layer(stream).expires_at(exchange.deadline);
  auto ec = run_operation(
      ioc, [&](auto handler) { bhttp::async_write(stream, request, std::move(handler)); });
  if (ec) exchange.fail("sending request to " + exchange.endpoint, exchange.cause(ec, false));

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(exchange.options.max_response_bytes);
  if (exchange.method == HttpMethod::Head) parser.skip(true);
  ec = run_operation(ioc, [&](auto handler) {
    bhttp::async_read_header(stream, buffer, parser, std::move(handler));
  });
  // Beast 1.74 does not enforce body_limit against a response's Content-Length (only against
  // chunked and read-to-EOF bodies), so the header is checked here before the body is read.
  if (!ec && parser.content_length().value_or(0) > exchange.options.max_response_bytes) {
    ec = bhttp::error::body_limit;
  }
  if (!ec && !parser.is_done()) {
    ec = run_operation(
        ioc, [&](auto handler) { bhttp::async_read(stream, buffer, parser, std::move(handler)); });
  }
  if (ec) exchange.fail("reading response from " + exchange.endpoint, exchange.cause(ec, false));

  auto message = parser.release();
  HttpClientResponse response;
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    std::string value(to_std(field.value()));
    auto [it, inserted] = response.headers.emplace(std::string(to_std(field.name_string())), value);
    if (!inserted) it->second += ", " + value;
  }
  response.body = std::move(message.body());
  return response;
}

}  // namespace

std::optional<std::string> HttpClientResponse::header(std::string_view name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

namespace {

std::unique_ptr<ssl::context> make_tls_context(const HttpClientOptions& options) {
  auto tls = std::make_unique<ssl::context>(ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(tls->native_handle(), TLS1_2_VERSION);
  if (options.insecure_skip_verify) {
    tls->set_verify_mode(ssl::verify_none);
    return tls;
  }
  tls->set_verify_mode(ssl::verify_peer);
  beast::error_code ec;
  if (!options.ca_file.empty()) {
    tls->load_verify_file(options.ca_file, ec);
    if (ec) throw HttpError("cannot load CA file '" + options.ca_file + "': " + ec.message());
  } else {
    tls->set_default_verify_paths(ec);
    if (ec) throw HttpError("cannot load the system CA certificates: " + ec.message());
  }
  return tls;
}

}  // namespace

struct HttpClient::Impl {
  HttpClientOptions options;
  // Built on the first https request: loading the system trust store takes ~100 ms, which
  // clients that only speak plain HTTP (a local registry, tests) should not pay.
  std::once_flag tls_once;
  std::unique_ptr<ssl::context> tls;

  ssl::context& tls_context() {
    std::call_once(tls_once, [this] { tls = make_tls_context(options); });
    return *tls;
  }
};

HttpClient::HttpClient(HttpClientOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  // A wrong CA path is a configuration error: report it now, not on the first request.
  if (!impl_->options.ca_file.empty() && !std::ifstream(impl_->options.ca_file)) {
    throw HttpError("cannot read CA file '" + impl_->options.ca_file + "'");
  }
}

HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;
HttpClient::~HttpClient() = default;

HttpClientResponse HttpClient::request(HttpMethod method, const std::string& url,
                                       const std::string& body, const HttpHeaders& headers,
                                       std::chrono::milliseconds timeout) const {
  if (timeout.count() <= 0) throw std::invalid_argument("HttpClient timeout must be positive");
  const auto& options = impl_->options;
  auto now = Clock::now();
  Exchange exchange{options, method, parse_url(url), redact_url(url), {},
                    timeout, {},     now + timeout};
  exchange.endpoint = format_host_port(exchange.url.host, exchange.url.port);
  exchange.connect_deadline = std::min(exchange.deadline, now + options.connect_timeout);

  asio::io_context ioc(1);
  if (exchange.url.scheme == "https") {
    beast::ssl_stream<beast::tcp_stream> stream(ioc, impl_->tls_context());
    connect(ioc, beast::get_lowest_layer(stream), exchange);
    tls_handshake(ioc, stream, exchange);
    // No TLS close_notify exchange: the response is complete by its own framing, and waiting
    // for the peer's shutdown reply would only add a round trip.
    return send_and_receive(ioc, stream, exchange, body, headers);
  }
  beast::tcp_stream stream(ioc);
  connect(ioc, stream, exchange);
  return send_and_receive(ioc, stream, exchange, body, headers);
}

}  // namespace sharpline::adapters::http
