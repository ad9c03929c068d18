#include "domain/events/event_linker.hpp"

#include <algorithm>

#include "domain/errors.hpp"

namespace sharpline::domain::events {

std::string EventLinker::link(std::string_view source, std::string_view source_id,
                              const EventIdentity& identity) {
  std::string key;
  key.reserve(source.size() + 1 + source_id.size());
  key.append(source).append(1, '\n').append(source_id);
  if (const auto found = by_source_id_.find(key); found != by_source_id_.end())
    return found->second;

  EventIdentity numbered = identity;
  numbered.game_number = 1;
  std::string first_game = std::string(source) + '\n' + canonical_event_id(numbered);
  int& games = games_per_identity_[first_game];
  numbered.game_number = ++games;
  std::string id = canonical_event_id(numbered);
  by_source_id_.emplace(std::move(key), id);
  return id;
}

std::vector<EventLinker::Link> EventLinker::links() const {
  std::vector<Link> links;
  links.reserve(by_source_id_.size());
  for (const auto& [key, id] : by_source_id_) {
    const auto split = key.find('\n');
    links.push_back({key.substr(0, split), key.substr(split + 1), id});
  }
  return links;
}

void EventLinker::restore(const Link& link) {
  const auto parsed = parse_canonical_event_id(link.id);
  if (!parsed) throw InvalidInput("event linker: not a canonical event id '" + link.id + "'");
  std::string first_game = link.id;
  if (parsed->game_number > 1) first_game.resize(first_game.rfind(":g"));
  int& games = games_per_identity_[link.source + '\n' + first_game];
  games = std::max(games, parsed->game_number);
  by_source_id_[link.source + '\n' + link.source_id] = link.id;
}

}  // namespace sharpline::domain::events
