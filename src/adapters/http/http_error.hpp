#pragma once

#include <stdexcept>
#include <string>

namespace sharpline::adapters::http {

// Transport-level failure of the HTTP layer: a server that cannot bind, or a client request that
// got no HTTP response (bad URL, DNS, connect, TLS, timeout, malformed reply). An HTTP error status
// is not an HttpError: the client returns it as a response. Messages name the host and the cause
// and never contain a URL's query string or credentials (see redact_url).
class HttpError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace sharpline::adapters::http
