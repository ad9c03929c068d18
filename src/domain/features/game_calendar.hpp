// Calendar facts the form features need from a canonical event id alone (results carry no
// kickoff time): a nominal kickoff and the season. Training uses the same functions, so rest
// days and season boundaries are computed identically live and in training.
#pragma once

#include <cstdint>
#include <string_view>

#include "domain/events/canonical_event_id.hpp"

namespace sharpline::domain::features {

// 18:00 UTC on the game day (noon at UTC-6, the US sports game-day offset): every game of a
// day gets the same nominal kickoff, so rest days are whole game days.
int64_t nominal_kickoff_ms(const events::GameDay& day);

// The season a game day belongs to: football seasons (NFL, NCAA) and basketball/hockey run
// over New Year, so January-February (football) or January-June (basketball, hockey) games
// belong to the previous year's season; soccer seasons (Aug-May) likewise before July; other
// sports use the calendar year.
int season_of(std::string_view sport, const events::GameDay& day);

}  // namespace sharpline::domain::features
