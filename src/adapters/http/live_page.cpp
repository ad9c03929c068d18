#include "adapters/http/live_page.hpp"

#include <string>

#include "adapters/http/json_response.hpp"

namespace sharpline::adapters::http {
namespace {

// Every element the script fills has an id; the markup itself carries no data, so the page is
// the same bytes for everyone and can be cached by nothing but served cheaply.
constexpr std::string_view kHtml = R"html(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sharpline live</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/live.css">
<script src="/live.js" defer></script>
</head>
<body>
<header>
  <h1>sharpline <span class="muted">live</span></h1>
  <span id="status" data-state="connecting">connecting</span>
</header>
<main>
  <section>
    <h2>Open opportunities <span id="opportunity-count" class="muted">0</span></h2>
    <table id="opportunities">
      <thead><tr>
        <th>Sport</th><th>Event</th><th>Kind</th><th>Selection</th><th>Book</th>
        <th class="num">Price</th><th class="num">EV</th><th class="num">Stake</th><th>Tier</th>
      </tr></thead>
      <tbody id="opportunities-body"></tbody>
    </table>
    <p id="no-opportunities" class="muted">No open opportunities.</p>
  </section>
  <section>
    <h2>Alerts</h2>
    <ol id="alerts"></ol>
    <p id="no-alerts" class="muted">No alerts yet.</p>
  </section>
</main>
</body>
</html>
)html";

constexpr std::string_view kStyle =
    R"css(:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #656d76;
  --line: #d0d7de; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --accent: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #8d96a0;
  --line: #30363d; --ok: #3fb950; --warn: #d29922; --bad: #f85149; --accent: #4493f8; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--fg); background: var(--bg); }
header { display: flex; align-items: center; justify-content: space-between;
  padding: 12px 20px; border-bottom: 1px solid var(--line); }
h1 { font-size: 18px; margin: 0; }
h2 { font-size: 15px; margin: 20px 0 8px; }
main { padding: 0 20px 20px; max-width: 1400px; }
.muted { color: var(--muted); font-weight: normal; }
#status { font-size: 12px; padding: 2px 10px; border-radius: 10px; border: 1px solid currentColor; }
#status::before { content: "\25CF  "; }
#status[data-state="live"] { color: var(--ok); }
#status[data-state="connecting"] { color: var(--warn); }
#status[data-state="reconnecting"], #status[data-state="error"] { color: var(--bad); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; white-space: pre-line; }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.ev { color: var(--ok); font-weight: 600; }
.when { color: var(--muted); font-size: 12px; }
ol#alerts { list-style: none; margin: 0; padding: 0; }
ol#alerts li { padding: 8px 0; border-bottom: 1px solid var(--line); }
.alert-title { font-weight: 600; }
.alert-message { white-space: pre-line; color: var(--muted); margin-top: 2px; }
.badge { display: inline-block; font-size: 11px; padding: 0 6px; margin-right: 6px;
  border-radius: 8px; border: 1px solid var(--line); }
.badge.high { color: var(--bad); border-color: var(--bad); }
.badge.notice { color: var(--warn); border-color: var(--warn); }
.badge.info { color: var(--accent); border-color: var(--accent); }
.fresh { animation: fresh 2s ease-out; }
@keyframes fresh { from { background: rgba(9, 105, 218, 0.15); } to { background: transparent; } }
[hidden] { display: none; }
)css";

// Data is untrusted: every value goes through textContent, never innerHTML. The snapshot is
// fetched after the stream is open, and stream events that arrive meanwhile are applied on top
// of it, so nothing published in between is lost.
constexpr std::string_view kScript = R"js("use strict";
(function () {
  const MAX_ALERTS = 200;
  const opportunities = new Map();
  let alerts = [];
  const seenAlerts = new Set();
  let loading = false;
  let pending = [];
  const el = (id) => document.getElementById(id);

  function cell(tag, value, className) {
    const node = document.createElement(tag);
    node.textContent = value === null || value === undefined ? "" : String(value);
    if (className) node.className = className;
    return node;
  }
  function percent(x) {
    return typeof x === "number" && isFinite(x) ? (x * 100).toFixed(2) + " %" : "\u2013";
  }
  function localTime(ms) {
    return typeof ms === "number" ? new Date(ms).toLocaleString() : "";
  }
  function setStatus(state, label) {
    const status = el("status");
    status.dataset.state = state;
    status.textContent = label;
  }
  function ev(o) {
    return typeof o.expected_value === "number" ? o.expected_value : -Infinity;
  }
  function expired(o, now) {
    return typeof o.commence_ms === "number" && o.commence_ms <= now;
  }

  function opportunityRow(o) {
    const legs = Array.isArray(o.legs) ? o.legs : [];
    const lines = (f) => legs.map(f).join("\n");
    const tr = document.createElement("tr");
    tr.dataset.id = o.opportunity_id;
    tr.append(
      cell("td", o.sport),
      cell("td", o.event_id + (typeof o.commence_ms === "number" ? "\n" + localTime(o.commence_ms) : "")),
      cell("td", o.kind + (o.market ? " \u00b7 " + o.market : "")),
      cell("td", lines((l) => l.outcome + (typeof l.point === "number" ? " " + (l.point > 0 ? "+" : "") + l.point : ""))),
      cell("td", lines((l) => l.bookmaker)),
      cell("td", lines((l) => (typeof l.price === "number" ? l.price.toFixed(2) : "")), "num"),
      cell("td", percent(o.expected_value), "num ev"),
      cell("td", lines((l) => percent(l.stake)), "num"),
      cell("td", o.tier));
    return tr;
  }
  function renderOpportunities() {
    const now = Date.now();
    for (const [id, o] of opportunities) if (expired(o, now)) opportunities.delete(id);
    const rows = Array.from(opportunities.values()).sort((a, b) => ev(b) - ev(a));
    el("opportunities-body").replaceChildren(...rows.map(opportunityRow));
    el("opportunity-count").textContent = String(rows.length);
    el("no-opportunities").hidden = rows.length > 0;
    el("opportunities").hidden = rows.length === 0;
  }
  function applyOpportunity(o) {
    if (!o || typeof o.opportunity_id !== "string") return;
    if (o.state === "CLOSED") opportunities.delete(o.opportunity_id);
    else opportunities.set(o.opportunity_id, o);
  }

  function alertItem(a) {
    const li = document.createElement("li");
    li.dataset.id = a.alert_id;
    const head = document.createElement("div");
    head.append(cell("span", a.severity, "badge " + String(a.severity)),
                cell("span", a.title, "alert-title"));
    const meta = cell("div", [localTime(a.created_ms), a.sport, a.kind,
                              typeof a.expected_value === "number" ? "EV " + percent(a.expected_value) : ""]
                      .filter((s) => s).join(" \u00b7 "), "when");
    li.append(head, cell("div", a.message, "alert-message"), meta);
    if (a.fresh) {
      li.className = "fresh";  // highlighted once, not again when the list re-renders
      a.fresh = false;
    }
    return li;
  }
  function renderAlerts() {
    alerts.sort((a, b) => (b.created_ms || 0) - (a.created_ms || 0));
    alerts = alerts.slice(0, MAX_ALERTS);
    el("alerts").replaceChildren(...alerts.map(alertItem));
    el("no-alerts").hidden = alerts.length > 0;
  }
  function addAlert(a, fresh) {
    if (!a || typeof a.alert_id !== "string" || seenAlerts.has(a.alert_id)) return false;
    seenAlerts.add(a.alert_id);
    alerts.push(Object.assign({}, a, { fresh: fresh }));
    return true;
  }

  function handle(kind, data) {
    let record;
    try { record = JSON.parse(data); } catch (e) { return; }
    if (loading) { pending.push([kind, record]); return; }
    if (kind === "alert") { if (addAlert(record, true)) renderAlerts(); }
    else { applyOpportunity(record); renderOpportunities(); }
  }

  async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: "application/json" }, cache: "no-store" });
    if (!response.ok) throw new Error(path + ": HTTP " + response.status);
    return response.json();
  }
  async function loadSnapshot() {
    loading = true;
    try {
      const [opps, recent] = await Promise.all([getJson("/api/opportunities"), getJson("/api/alerts")]);
      opportunities.clear();
      for (const o of opps) applyOpportunity(o);
      for (const a of recent) addAlert(a, false);
      setStatus("live", "live");
    } catch (e) {
      setStatus("error", "snapshot failed");
    } finally {
      loading = false;
      const queued = pending;
      pending = [];
      for (const [kind, record] of queued) {
        if (kind === "alert") addAlert(record, true);
        else applyOpportunity(record);
      }
      renderOpportunities();
      renderAlerts();
    }
  }

  function connect() {
    const source = new EventSource("/alerts/stream");
    source.addEventListener("alert", (e) => handle("alert", e.data));
    source.addEventListener("opportunity", (e) => handle("opportunity", e.data));
    // On every (re)connect: events may have been missed while disconnected.
    source.addEventListener("open", () => { loadSnapshot(); });
    source.addEventListener("error", () => {
      setStatus(source.readyState === EventSource.CLOSED ? "error" : "reconnecting",
                source.readyState === EventSource.CLOSED ? "disconnected" : "reconnecting");
    });
  }

  renderOpportunities();
  renderAlerts();
  connect();
  setInterval(renderOpportunities, 30000);  // drops opportunities whose event has started
})();
)js";

HttpResponse asset(std::string_view content_type, std::string_view body) {
  HttpResponse response;
  response.content_type = std::string(content_type);
  response.body = std::string(body);
  response.headers = {{"Content-Security-Policy", std::string(kLivePageCsp)},
                      {"X-Content-Type-Options", "nosniff"},
                      {"Referrer-Policy", "no-referrer"},
                      {"Cache-Control", "no-cache"}};
  return response;
}

HttpResponse snapshot(const std::function<nlohmann::json()>& source) {
  HttpResponse response = json_response(200, source ? source() : nlohmann::json::array());
  response.headers = {{"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"}};
  return response;
}

}  // namespace

std::string_view live_page_html() {
  return kHtml;
}
std::string_view live_page_script() {
  return kScript;
}
std::string_view live_page_style() {
  return kStyle;
}

std::shared_ptr<SseBroadcaster> add_live_page_routes(HttpServer& server, LivePageSources sources) {
  auto shared = std::make_shared<const LivePageSources>(std::move(sources));
  server.route(HttpMethod::Get, "/", [shared](const HttpRequest& request) {
    const bool wants_html =
        request.header("Accept").value_or("").find("text/html") != std::string::npos;
    if (!wants_html && shared->non_html_root) return shared->non_html_root(request);
    return asset("text/html; charset=utf-8", kHtml);
  });
  server.route(HttpMethod::Get, "/live.js",
               [](const HttpRequest&) { return asset("text/javascript; charset=utf-8", kScript); });
  server.route(HttpMethod::Get, "/live.css",
               [](const HttpRequest&) { return asset("text/css; charset=utf-8", kStyle); });
  server.route(HttpMethod::Get, "/api/opportunities",
               [shared](const HttpRequest&) { return snapshot(shared->opportunities); });
  server.route(HttpMethod::Get, "/api/alerts",
               [shared](const HttpRequest&) { return snapshot(shared->alerts); });
  return server.sse("/alerts/stream");
}

}  // namespace sharpline::adapters::http
