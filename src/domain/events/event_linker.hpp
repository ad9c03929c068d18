// Links a feed's own event ids to canonical ids when the feed does not say which game of a
// doubleheader an event is (The Odds API, sportsbookreview). The first source id seen for an
// identity is game 1, the next distinct source id of the same source with the same identity is
// game 2, and so on; a source id keeps its canonical id for the linker's lifetime. Feeds list a
// day's games in start order, so feeding events in that order numbers doubleheaders as the
// leagues do. Feeds that know the game number (MLB StatsAPI, Retrosheet) call
// canonical_event_id directly.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/events/canonical_event_id.hpp"

namespace sharpline::domain::events {

class EventLinker {
 public:
  // `identity.game_number` is ignored: the linker assigns it. Throws InvalidInput like
  // canonical_event_id.
  std::string link(std::string_view source, std::string_view source_id,
                   const EventIdentity& identity);

  std::size_t size() const { return by_source_id_.size(); }

  // The links made so far, for a state snapshot, and their inverse: restore() re-adds a link
  // (and counts its game number, so the next game of that identity gets the next number).
  struct Link {
    std::string source;
    std::string source_id;
    std::string id;
  };
  std::vector<Link> links() const;
  // Throws InvalidInput if `id` is not a canonical event id.
  void restore(const Link& link);

 private:
  std::map<std::string, std::string, std::less<>> by_source_id_;  // source '\n' id -> canonical
  std::map<std::string, int, std::less<>> games_per_identity_;    // source '\n' game-1 id -> n
};

}  // namespace sharpline::domain::events
