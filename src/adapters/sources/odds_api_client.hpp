// The live path of The Odds API v4: one GET /v4/sports/{sport}/odds per poll, through the
// ResilientHttpClient (retries, Retry-After, breaker, budget), feeding the QuotaTracker from every
// response's x-requests-* headers.
//
//   GET {base}/v4/sports/{sport}/odds?apiKey=K&regions=us&markets=h2h,spreads,totals
//       &oddsFormat=decimal&dateFormat=iso[&bookmakers=a,b]
//
// fetch() never throws for anything the network or the API can do: it returns either a Snapshot
// (poll_ms = when the response arrived, response = the JSON array) or an OddsFetchFailure saying
// what went wrong. The API key travels as a query parameter; every log line and failure message
// shows the URL through redact_url(), and any copy of the key in a body excerpt becomes "***".
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "adapters/http/quota_tracker.hpp"
#include "adapters/http/resilient_http_client.hpp"
#include "adapters/sources/odds_api_snapshots.hpp"
#include "adapters/sources/the_odds_api.hpp"

namespace sharpline::adapters::sources {

inline constexpr const char* kOddsApiDefaultBaseUrl = "https://api.the-odds-api.com";

struct OddsApiOptions {
  std::string base_url = kOddsApiDefaultBaseUrl;  // scheme://host[:port][/prefix], no query
  std::string api_key;                            // secret; never logged
  std::string regions = "us";                     // comma list
  std::string markets = "h2h,spreads,totals";     // comma list
  OddsFormat odds_format = OddsFormat::kDecimal;
  std::string bookmakers;  // comma list; empty: not sent (the API then uses regions)
  std::chrono::milliseconds timeout{std::chrono::seconds(10)};  // per attempt
};

enum class OddsFetchErrorKind {
  kHttpStatus,  // a non-2xx status (after the client's retries): status + body excerpt
  kTransport,   // no response: connect, DNS, TLS, timeout, malformed reply
  kNotSent,     // circuit breaker open or request budget exhausted; retry_in says when
  kNotJson,     // 2xx body that is not JSON (e.g. truncated)
  kNotArray,    // 2xx body that is JSON but not the events array (e.g. {"message": ...})
};
// "http_status", "transport", "not_sent", "not_json", "not_array".
std::string_view to_string(OddsFetchErrorKind kind);

struct OddsFetchFailure {
  OddsFetchErrorKind kind = OddsFetchErrorKind::kTransport;
  std::string message;  // one line, redacted: safe to log and print
  int status = 0;       // HTTP status when a response came back, else 0
  std::string body;     // the response body (key scrubbed), for kNotJson/kNotArray dead letters
  std::optional<std::chrono::milliseconds> retry_in;  // kNotSent: when the host may be tried
  int64_t at_ms = 0;                                  // when the failure was known (wall clock)
};

struct OddsFetchResult {
  std::string sport;
  std::variant<Snapshot, OddsFetchFailure> outcome;

  bool ok() const { return std::holds_alternative<Snapshot>(outcome); }
  const Snapshot& snapshot() const { return std::get<Snapshot>(outcome); }
  const OddsFetchFailure& failure() const { return std::get<OddsFetchFailure>(outcome); }
};

class OddsApiClient {
 public:
  using WallClock = std::function<std::chrono::system_clock::time_point()>;

  // `http` and `quota` must outlive the client. `wall_now` stamps poll times (default: the
  // system clock). Throws std::invalid_argument for an empty API key or a base URL that is not
  // an absolute http(s) URL without query.
  OddsApiClient(http::ResilientHttpClient& http, http::QuotaTracker& quota, OddsApiOptions options,
                WallClock wall_now = {});

  // One poll of one sport (`baseball_mlb`). Logs a warning (redacted) on failure.
  OddsFetchResult fetch(const std::string& sport);

  // The full request URL, key included: for the HTTP client only, never for logs.
  std::string request_url(const std::string& sport) const;
  // The same URL as it may be logged (redact_url).
  std::string redacted_url(const std::string& sport) const;

  const OddsApiOptions& options() const { return options_; }

  // Longest body excerpt in a kHttpStatus message.
  static constexpr std::size_t kExcerptBytes = 200;

 private:
  std::string scrub(std::string text) const;
  int64_t now_ms() const;
  OddsFetchResult fail(const std::string& sport, OddsFetchFailure failure) const;

  http::ResilientHttpClient& http_;
  http::QuotaTracker& quota_;
  OddsApiOptions options_;
  WallClock wall_now_;
};

}  // namespace sharpline::adapters::sources
