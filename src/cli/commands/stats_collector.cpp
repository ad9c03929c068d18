#include "cli/commands/stats_collector.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <variant>
#include <vector>

#include "common/logging.hpp"

namespace sharpline::cli {

StatsCollector::StatsCollector(BusContext& context, std::string collector)
    : publisher_(context, collector), collector_(std::move(collector)) {}

void StatsCollector::payload(const adapters::sources::ParsedStats& parsed, int64_t poll_ms) {
  ++totals_.payloads;
  const auto count = [this](bool changed) { ++(changed ? totals_.published : totals_.unchanged); };
  for (const auto& event : parsed.events) {
    const bool changed = events_.observe(event);
    if (changed) publisher_.publish(event, poll_ms);
    count(changed);
  }
  for (const auto& result : parsed.results) {
    const bool changed = results_.observe(result);
    if (changed) publisher_.publish(result, poll_ms);
    count(changed);
  }
  for (const auto& report : parsed.weather) {
    const bool changed = weather_.observe(report);
    if (changed) publisher_.publish(report, poll_ms);
    count(changed);
  }
  for (const auto& rejected : parsed.rejected) {
    publisher_.dead_letter(rejected, poll_ms, collector_ + " item");
    ++totals_.deadletter;
  }
}

void StatsCollector::unreadable(const std::string& reason, std::string_view raw, int64_t poll_ms) {
  constexpr std::size_t kMaxRawBody = std::size_t{64} * 1024;
  adapters::sources::RejectedItem item;
  item.reason = reason;
  item.raw = std::string(raw.substr(0, kMaxRawBody));
  publisher_.dead_letter(item, poll_ms, collector_ + " response", "deserialization");
  ++totals_.deadletter;
  ++totals_.failed_fetches;
}

void StatsCollector::history(const adapters::history::HistoryBatch& batch) {
  ++totals_.payloads;
  // Consumers see a season in the order it happened: lines before kickoff, results after.
  using Record = std::variant<const domain::Event*, const domain::OddsQuote*,
                              const domain::GameResult*, const domain::WeatherReport*>;
  std::vector<std::pair<int64_t, Record>> records;
  records.reserve(batch.events.size() + batch.quotes.size() + batch.results.size() +
                  batch.weather.size());
  // An event is announced before anything else about it: at its kickoff, or its first line's time
  // if that is earlier.
  std::map<std::string_view, int64_t> first_seen;
  for (const auto& q : batch.quotes) {
    const auto [it, inserted] = first_seen.try_emplace(q.event_id, q.observed_ms);
    if (!inserted) it->second = std::min(it->second, q.observed_ms);
  }
  for (const auto& e : batch.events) {
    const auto it = first_seen.find(e.event_id);
    records.emplace_back(
        it == first_seen.end() ? e.commence_ms : std::min(e.commence_ms, it->second), &e);
  }
  for (const auto& q : batch.quotes) records.emplace_back(q.observed_ms, &q);
  for (const auto& r : batch.results) records.emplace_back(r.updated_ms, &r);
  for (const auto& w : batch.weather) records.emplace_back(w.observed_ms, &w);
  std::stable_sort(records.begin(), records.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& entry : records) {
    const int64_t timestamp = entry.first;
    const auto& record = entry.second;
    std::visit(
        [&](const auto* r) {
          using T = std::decay_t<decltype(*r)>;
          if constexpr (std::is_same_v<T, domain::OddsQuote>) {
            publisher_.publish(*r);
          } else {
            publisher_.publish(*r, timestamp);
          }
        },
        record);
    ++totals_.published;
  }
  for (const auto& row : batch.rejected) {
    adapters::sources::RejectedItem item;
    item.reason = row.file + ":" + std::to_string(row.line) + ": " + row.reason;
    item.raw = row.raw;
    publisher_.dead_letter(item, 0, collector_ + " row");
    ++totals_.deadletter;
  }
  for (const auto& warning : batch.warnings)
    log_warn("history cell dropped",
             {{"file", warning.file}, {"line", warning.line}, {"reason", warning.reason}});
  totals_.warnings += batch.warnings.size();
}

}  // namespace sharpline::cli
