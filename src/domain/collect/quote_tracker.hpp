// Change detection for polled odds: a feed returns every current price on every poll, the bus
// carries only what changed. Pure C++: the same tracker serves the live collector and replays of
// recorded snapshots.
//
// A quote's identity is (event, bookmaker, market, outcome, point). The rule per poll:
//   NEW      the key was not held before (first sight, or a line that moved: a spread going
//            from -2.5 to -3 is a REMOVED of the -2.5 key and a NEW of the -3 key, because the
//            point is part of what was bet on, and consumers keep quotes per key);
//   CHANGED  the key was held and its price differs; previous_price is the held price;
//   (none)   the key was held with the same price: counted as unchanged, not emitted (a new
//            book_updated_ms alone is not a change, but the held copy takes it);
//   REMOVED  (a) a held key of an event present in the poll that the poll no longer quotes, or
//            (b) every held key of an event absent from the poll whose commence time is after the
//            poll time (or unknown): the book pulled the game before it started.
//            An event that drops out after its commence time has started or finished; its
//            quotes are forgotten without REMOVED records, since nobody can bet them any more
//            and "removed" would wrongly suggest the line was withdrawn.
//            A REMOVED record carries the last held price and book_updated_ms, and the poll
//            time as observed_ms.
// A key quoted twice in one poll is compared against the first copy (so the second is unchanged
// or CHANGED): every input quote is counted exactly once as published or unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "domain/records/records.hpp"

namespace sharpline::domain::collect {

struct PollChanges {
  std::vector<OddsQuote> changes;  // NEW and CHANGED in input order, then REMOVED
  std::size_t published = 0;       // NEW + CHANGED
  std::size_t unchanged = 0;
  std::size_t removed = 0;
};

class QuoteTracker {
 public:
  // quotes: every valid quote of this poll; events_in_poll: every event id the poll listed,
  // including events without quotes (so their held quotes become REMOVED under rule (a)).
  // Each quote's event_id must be in events_in_poll (else InvalidInput).
  PollChanges apply_poll(const std::vector<OddsQuote>& quotes,
                         const std::set<std::string>& events_in_poll, int64_t poll_ms);

  std::size_t held_quotes() const;

  // The held quotes, for a state snapshot; restore() replaces the held state with them, so a
  // restarted collector carries on without republishing every quote as NEW.
  std::vector<OddsQuote> held() const;
  void restore(const std::vector<OddsQuote>& quotes);
  std::size_t held_events() const { return held_.size(); }

 private:
  // (bookmaker, market, outcome, point) within one event
  using Key = std::tuple<std::string, std::string, std::string, std::optional<double>>;
  std::map<std::string, std::map<Key, OddsQuote>> held_;
};

}  // namespace sharpline::domain::collect
