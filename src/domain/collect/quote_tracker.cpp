#include "domain/collect/quote_tracker.hpp"

#include "domain/errors.hpp"

namespace sharpline::domain::collect {
namespace {

OddsQuote removed_copy(const OddsQuote& held, int64_t poll_ms) {
  OddsQuote removed = held;
  removed.change = QuoteChange::kRemoved;
  removed.previous_price.reset();
  removed.observed_ms = poll_ms;
  return removed;
}

}  // namespace

PollChanges QuoteTracker::apply_poll(const std::vector<OddsQuote>& quotes,
                                     const std::set<std::string>& events_in_poll, int64_t poll_ms) {
  PollChanges result;
  std::map<std::string, std::set<Key>> seen;
  for (const auto& quote : quotes) {
    if (!events_in_poll.contains(quote.event_id)) {
      throw InvalidInput("quote for event " + quote.event_id + " that the poll does not list");
    }
    Key key{quote.bookmaker, quote.market, quote.outcome, quote.point};
    auto& event_quotes = held_[quote.event_id];
    const auto it = event_quotes.find(key);
    seen[quote.event_id].insert(key);
    if (it == event_quotes.end()) {
      OddsQuote fresh = quote;
      fresh.change = QuoteChange::kNew;
      fresh.previous_price.reset();
      event_quotes.emplace(std::move(key), fresh);
      result.changes.push_back(std::move(fresh));
      ++result.published;
    } else if (it->second.price != quote.price) {
      OddsQuote changed = quote;
      changed.change = QuoteChange::kChanged;
      changed.previous_price = it->second.price;
      it->second = changed;
      result.changes.push_back(std::move(changed));
      ++result.published;
    } else {
      // Same price: keep the held record but remember the book's latest time for REMOVED.
      it->second.book_updated_ms = quote.book_updated_ms;
      it->second.observed_ms = quote.observed_ms;
      ++result.unchanged;
    }
  }

  for (auto event = held_.begin(); event != held_.end();) {
    const std::string& event_id = event->first;
    auto& event_quotes = event->second;
    if (events_in_poll.contains(event_id)) {
      // Rule (a): keys this poll no longer quotes.
      const auto& keys_seen = seen[event_id];
      for (auto it = event_quotes.begin(); it != event_quotes.end();) {
        if (keys_seen.contains(it->first)) {
          ++it;
          continue;
        }
        result.changes.push_back(removed_copy(it->second, poll_ms));
        ++result.removed;
        it = event_quotes.erase(it);
      }
      event = event_quotes.empty() ? held_.erase(event) : std::next(event);
      continue;
    }
    // Rule (b): the event vanished. All its quotes share the event's commence time.
    const auto commence =
        event_quotes.empty() ? std::nullopt : event_quotes.begin()->second.commence_ms;
    if (!commence || *commence > poll_ms) {
      for (const auto& [key, held] : event_quotes) {
        result.changes.push_back(removed_copy(held, poll_ms));
        ++result.removed;
      }
    }
    event = held_.erase(event);
  }
  return result;
}

std::size_t QuoteTracker::held_quotes() const {
  std::size_t count = 0;
  for (const auto& [event_id, event_quotes] : held_) count += event_quotes.size();
  return count;
}

std::vector<OddsQuote> QuoteTracker::held() const {
  std::vector<OddsQuote> quotes;
  quotes.reserve(held_quotes());
  for (const auto& [event, keys] : held_)
    for (const auto& [key, quote] : keys) quotes.push_back(quote);
  return quotes;
}

void QuoteTracker::restore(const std::vector<OddsQuote>& quotes) {
  held_.clear();
  for (const auto& quote : quotes)
    held_[quote.event_id][Key{quote.bookmaker, quote.market, quote.outcome, quote.point}] = quote;
}

}  // namespace sharpline::domain::collect
