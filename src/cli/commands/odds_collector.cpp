#include "cli/commands/odds_collector.hpp"

#include <set>

#include "adapters/files/collector_state_file.hpp"

namespace sharpline::cli {
namespace {

constexpr const char* kCollectorName = "collector:the-odds-api";
// A failed poll's body can be anything up to a full season; the dead letter keeps its start.
constexpr std::size_t kMaxRawBody = std::size_t{64} * 1024;

}  // namespace

OddsCollector::OddsCollector(BusContext& context, adapters::entities::EntityResolver resolver,
                             adapters::sources::OddsFormat format,
                             std::optional<std::filesystem::path> state_file)
    : publisher_(context, kCollectorName),
      resolver_(std::move(resolver)),
      format_(format),
      state_file_(std::move(state_file)) {
  if (!state_file_) return;
  if (auto state = adapters::files::load_collector_state(*state_file_)) {
    quotes_.restore(state->quotes);
    events_.restore(state->events);
    for (const auto& link : state->links) linker_.restore(link);
    restored_ = true;
  }
}

void OddsCollector::poll(const adapters::sources::Snapshot& snapshot) {
  const auto parsed = adapters::sources::parse_odds_response(snapshot.response, snapshot.poll_ms,
                                                             format_, resolver_, linker_);
  std::set<std::string> event_ids;
  for (const auto& event : parsed.events) {
    event_ids.insert(event.event_id);
    if (!events_.observe(event)) continue;
    publisher_.publish(event, snapshot.poll_ms);
    ++totals_.events;
  }
  const auto changes = quotes_.apply_poll(parsed.quotes, event_ids, snapshot.poll_ms);
  for (const auto& quote : changes.changes) publisher_.publish(quote);
  for (const auto& rejected : parsed.rejected)
    publisher_.dead_letter(rejected, snapshot.poll_ms, "the-odds-api item");
  totals_.published += changes.published;
  totals_.unchanged += changes.unchanged;
  totals_.removed += changes.removed;
  totals_.deadletter += parsed.rejected.size();
  ++totals_.polls;
}

void OddsCollector::failed_poll(const std::string& reason, const std::string& raw_body,
                                int64_t poll_ms) {
  adapters::sources::RejectedItem rejected;
  rejected.reason = reason;
  rejected.raw = raw_body.substr(0, kMaxRawBody);
  publisher_.dead_letter(rejected, poll_ms, "the-odds-api response", "deserialization");
  ++totals_.deadletter;
  ++totals_.failed_polls;
}

void OddsCollector::checkpoint() {
  publisher_.flush();
  if (!state_file_) return;
  adapters::files::CollectorState state;
  state.saved_ms = wall_clock_ms();
  state.quotes = quotes_.held();
  state.events = events_.held();
  state.links = linker_.links();
  adapters::files::save_collector_state(*state_file_, state);
}

}  // namespace sharpline::cli
