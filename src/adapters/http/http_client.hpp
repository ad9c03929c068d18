#pragma once

// Synchronous HTTP/1.1 client for http:// and https:// URLs (Schema Registry, odds APIs).
//
// Error policy of the adapters layer: failures are exceptions. request() throws HttpError when it
// gets no HTTP response at all (invalid URL, DNS, connect, TLS, timeout, oversized or malformed
// reply). Any HTTP status, 4xx and 5xx included, is returned as a response, so the caller — and a
// retry policy wrapped around this class later — decides what a status means.
//
// One connection per request ("Connection: close"); no retries, no pooling. request() is const
// and thread-safe: concurrent calls share only the immutable TLS configuration.
//
// TLS: certificates are verified by default against the system trust store (or only against
// `ca_file` when given), with SNI and host-name (or IP) verification. `insecure_skip_verify`
// turns verification off and exists for tests only.
//
// Secrets: exception messages and logs use redact_url(), so query values (API keys) and
// userinfo never appear in them.

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/http/http_error.hpp"
#include "adapters/http/http_types.hpp"

namespace sharpline::adapters::http {

inline constexpr std::chrono::milliseconds kDefaultRequestTimeout{std::chrono::seconds(30)};

struct HttpClientOptions {
  // Budget for DNS, TCP connect and the TLS handshake; the request timeout still caps the total.
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(5)};
  std::string ca_file;  // PEM file trusted instead of the system store (private CAs, tests)
  bool insecure_skip_verify = false;  // tests only
  std::size_t max_response_bytes = std::size_t{64} * 1024 * 1024;
  std::string user_agent = "sharpline";
};

struct HttpClientResponse {
  int status = 0;
  HttpHeaders headers;  // repeated headers are joined with ", "
  std::string body;

  std::optional<std::string> header(std::string_view name) const;
};

class HttpClient {
 public:
  // Throws HttpError when ca_file cannot be read. The TLS context is built on the first https
  // request (which throws HttpError if the trust store cannot be loaded).
  explicit HttpClient(HttpClientOptions options = {});
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  // A moved-from client may only be destroyed or assigned to.
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;
  ~HttpClient();

  // `timeout` bounds the whole exchange, from DNS to the last body byte. Userinfo in the URL
  // ("https://user:pass@host/") becomes Basic authorization unless `headers` has Authorization.
  HttpClientResponse request(HttpMethod method, const std::string& url,
                             const std::string& body = {}, const HttpHeaders& headers = {},
                             std::chrono::milliseconds timeout = kDefaultRequestTimeout) const;

  HttpClientResponse get(const std::string& url, const HttpHeaders& headers = {},
                         std::chrono::milliseconds timeout = kDefaultRequestTimeout) const {
    return request(HttpMethod::Get, url, {}, headers, timeout);
  }
  HttpClientResponse post(const std::string& url, const std::string& body,
                          const HttpHeaders& headers = {},
                          std::chrono::milliseconds timeout = kDefaultRequestTimeout) const {
    return request(HttpMethod::Post, url, body, headers, timeout);
  }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sharpline::adapters::http
