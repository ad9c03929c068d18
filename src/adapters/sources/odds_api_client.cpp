#include "adapters/sources/odds_api_client.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "adapters/http/url.hpp"
#include "common/logging.hpp"

namespace sharpline::adapters::sources {
namespace {

// A comma list as a query value: each item percent-encoded, the commas kept readable.
std::string encode_list(std::string_view list) {
  std::string out;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    auto item = list.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) {
      if (!out.empty()) out += ',';
      out += http::percent_encode(item);
    }
    start = end + 1;
  }
  return out;
}

void replace_all(std::string& text, std::string_view needle, std::string_view with) {
  if (needle.empty()) return;
  for (auto at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + with.size())) {
    text.replace(at, needle.size(), with);
  }
}

// First bytes of a body on one line, for an error message.
std::string excerpt(std::string_view body, std::size_t limit) {
  std::string out;
  for (char c : body.substr(0, limit)) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (body.size() > limit) out += "...";
  return out;
}

}  // namespace

std::string_view to_string(OddsFetchErrorKind kind) {
  switch (kind) {
    case OddsFetchErrorKind::kHttpStatus:
      return "http_status";
    case OddsFetchErrorKind::kTransport:
      return "transport";
    case OddsFetchErrorKind::kNotSent:
      return "not_sent";
    case OddsFetchErrorKind::kNotJson:
      return "not_json";
    case OddsFetchErrorKind::kNotArray:
      return "not_array";
  }
  return "unknown";
}

OddsApiClient::OddsApiClient(http::ResilientHttpClient& http, http::QuotaTracker& quota,
                             OddsApiOptions options, WallClock wall_now)
    : http_(http),
      quota_(quota),
      options_(std::move(options)),
      wall_now_(wall_now ? std::move(wall_now)
                         : WallClock([] { return std::chrono::system_clock::now(); })) {
  if (options_.api_key.empty()) throw std::invalid_argument("The Odds API key is empty");
  while (!options_.base_url.empty() && options_.base_url.back() == '/')
    options_.base_url.pop_back();
  http::ParsedUrl parsed;
  try {
    parsed = http::parse_url(options_.base_url);
  } catch (const std::exception& e) {
    throw std::invalid_argument(std::string("The Odds API base URL: ") + e.what());
  }
  if (parsed.target.find('?') != std::string::npos)
    throw std::invalid_argument("The Odds API base URL must not have a query: " +
                                http::redact_url(options_.base_url));
}

std::string OddsApiClient::request_url(const std::string& sport) const {
  std::string url =
      options_.base_url + "/v4/sports/" + http::percent_encode(sport) +
      "/odds?apiKey=" + http::percent_encode(options_.api_key) +
      "&regions=" + encode_list(options_.regions) + "&markets=" + encode_list(options_.markets) +
      "&oddsFormat=" + (options_.odds_format == OddsFormat::kAmerican ? "american" : "decimal") +
      "&dateFormat=iso";
  if (const auto books = encode_list(options_.bookmakers); !books.empty())
    url += "&bookmakers=" + books;
  return url;
}

std::string OddsApiClient::redacted_url(const std::string& sport) const {
  return http::redact_url(request_url(sport));
}

std::string OddsApiClient::scrub(std::string text) const {
  replace_all(text, options_.api_key, "***");
  replace_all(text, http::percent_encode(options_.api_key), "***");
  return text;
}

int64_t OddsApiClient::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(wall_now_().time_since_epoch())
      .count();
}

OddsFetchResult OddsApiClient::fail(const std::string& sport, OddsFetchFailure failure) const {
  failure.message = scrub(std::move(failure.message));
  failure.at_ms = now_ms();
  nlohmann::json fields = {{"sport", sport},
                           {"url", redacted_url(sport)},
                           {"kind", std::string(to_string(failure.kind))},
                           {"error", failure.message}};
  if (failure.status != 0) fields["status"] = failure.status;
  if (failure.retry_in) fields["retry_in_ms"] = failure.retry_in->count();
  log_warn("odds api poll failed", fields);
  return OddsFetchResult{sport, std::move(failure)};
}

OddsFetchResult OddsApiClient::fetch(const std::string& sport) {
  const std::string where = "GET " + redacted_url(sport);
  http::HttpClientResponse response;
  try {
    response = http_.get(request_url(sport), {{"Accept", "application/json"}}, options_.timeout);
  } catch (const http::CircuitOpenError& e) {
    return fail(sport,
                {OddsFetchErrorKind::kNotSent, where + ": " + e.what(), 0, {}, e.retry_in(), 0});
  } catch (const http::BudgetExceededError& e) {
    return fail(sport,
                {OddsFetchErrorKind::kNotSent, where + ": " + e.what(), 0, {}, e.retry_in(), 0});
  } catch (const http::HttpError& e) {
    // HttpClient's messages already name the method and the redacted URL.
    const std::string what = e.what();
    return fail(sport,
                {OddsFetchErrorKind::kTransport,
                 what.find(redacted_url(sport)) != std::string::npos ? what : where + ": " + what,
                 0,
                 {},
                 std::nullopt,
                 0});
  }
  const int64_t arrived_ms = now_ms();
  quota_.update(response.headers);  // every response carries the quota, errors included

  if (response.status < 200 || response.status > 299) {
    std::string message = where + ": HTTP " + std::to_string(response.status);
    if (!response.body.empty()) message += ": " + excerpt(response.body, kExcerptBytes);
    return fail(sport, {OddsFetchErrorKind::kHttpStatus,
                        std::move(message),
                        response.status,
                        {},
                        std::nullopt,
                        0});
  }
  nlohmann::json doc = nlohmann::json::parse(response.body, nullptr, false);
  if (doc.is_discarded()) {
    return fail(sport, {OddsFetchErrorKind::kNotJson,
                        where + ": response body is not JSON (truncated or malformed, " +
                            std::to_string(response.body.size()) + " bytes)",
                        response.status, scrub(std::move(response.body)), std::nullopt, 0});
  }
  if (!doc.is_array()) {
    std::string message = where + ": response body is JSON but not an array of events, got " +
                          std::string(doc.type_name());
    if (doc.is_object()) {
      if (auto it = doc.find("message"); it != doc.end() && it->is_string())
        message += ": " + excerpt(it->get_ref<const std::string&>(), kExcerptBytes);
    }
    return fail(sport, {OddsFetchErrorKind::kNotArray, std::move(message), response.status,
                        scrub(std::move(response.body)), std::nullopt, 0});
  }
  return OddsFetchResult{sport, Snapshot{arrived_ms, std::move(doc), 0}};
}

}  // namespace sharpline::adapters::sources
