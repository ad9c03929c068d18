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
  for (const auto& record : history_order(batch)) publish_history(record);
  history_rejects(batch);
}

std::vector<StatsCollector::HistoryRecord> StatsCollector::history_order(
    const adapters::history::HistoryBatch& batch) {
  // Consumers see a season in the order it happened: lines before kickoff, results after.
  std::vector<HistoryRecord> records;
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
    records.push_back(
        {it == first_seen.end() ? e.commence_ms : std::min(e.commence_ms, it->second), &e});
  }
  for (const auto& q : batch.quotes) records.push_back({q.observed_ms, &q});
  for (const auto& r : batch.results) records.push_back({r.updated_ms, &r});
  for (const auto& w : batch.weather) records.push_back({w.observed_ms, &w});
  std::stable_sort(records.begin(), records.end(),
                   [](const auto& a, const auto& b) { return a.timestamp_ms < b.timestamp_ms; });
  return records;
}

void StatsCollector::publish_history(const HistoryRecord& record) {
  std::visit(
      [&](const auto* r) {
        using T = std::decay_t<decltype(*r)>;
        if constexpr (std::is_same_v<T, domain::OddsQuote>) {
          publisher_.publish(*r);
        } else {
          publisher_.publish(*r, record.timestamp_ms);
        }
      },
      record.record);
  ++totals_.published;
}

void StatsCollector::history_rejects(const adapters::history::HistoryBatch& batch) {
  for (const auto& row : batch.rejected) {
    adapters::sources::RejectedItem item;
    item.reason = row.file + ":" + std::to_string(row.line) + ": " + row.reason;
    item.raw = row.raw;
    publisher_.dead_letter(item, 0, collector_ + " row");
    ++totals_.deadletter;
  }
  // Old seasons repeat the same gap on thousands of rows: the first few are warnings, the rest
  // go to the debug log, and the count is always reported.
  constexpr std::size_t kLoggedWarnings = 5;
  for (std::size_t i = 0; i < batch.warnings.size(); ++i) {
    const auto& warning = batch.warnings[i];
    const nlohmann::json fields = {
        {"file", warning.file}, {"line", warning.line}, {"reason", warning.reason}};
    if (i < kLoggedWarnings) {
      log_warn("history cell dropped", fields);
    } else {
      log_debug("history cell dropped", fields);
    }
  }
  if (batch.warnings.size() > kLoggedWarnings) {
    log_warn("more history cells dropped (debug log has each)",
             {{"more", batch.warnings.size() - kLoggedWarnings}});
  }
  totals_.warnings += batch.warnings.size();
}

}  // namespace sharpline::cli
