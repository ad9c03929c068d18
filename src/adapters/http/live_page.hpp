#pragma once

// The live page every long-running process serves next to /health: GET / (open opportunities and
// a live alert feed), its script and stylesheet, two JSON snapshots and the Server-Sent Events
// stream the page listens to. This layer only serves; the data comes from the caller (the CLI's
// live feed reads it from Kafka), so the routes can be tested with plain functions.
//
// The page has no external resources and a strict Content-Security-Policy (script and style only
// from this origin, no inline script), and the script inserts every value with textContent:
// alerts are untrusted text.

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>

#include "adapters/http/http_server.hpp"
#include "adapters/http/sse_broadcaster.hpp"

namespace sharpline::adapters::http {

inline constexpr std::string_view kLivePageCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

struct LivePageSources {
  // JSON array of the open opportunities (Opportunity records), best expected value first.
  std::function<nlohmann::json()> opportunities;
  // JSON array of recent alerts (Alert records), newest first.
  std::function<nlohmann::json()> alerts;
  // Answers GET / for clients whose Accept header lacks text/html (the embedded schema
  // registry's root `{}`, which Confluent clients may probe); empty: they get the page too.
  HttpHandler non_html_root;
};

// Registers GET /, /live.js, /live.css, /api/opportunities, /api/alerts and the SSE stream
// /alerts/stream on `server` (before start()). Returns the stream's broadcaster: publish
// "alert" events with an Alert record and "opportunity" events with an Opportunity record (a
// CLOSED one removes it from the page).
std::shared_ptr<SseBroadcaster> add_live_page_routes(HttpServer& server, LivePageSources sources);

// The page's parts, for tests and docs.
std::string_view live_page_html();
std::string_view live_page_script();
std::string_view live_page_style();

}  // namespace sharpline::adapters::http
