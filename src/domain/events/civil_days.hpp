// Proleptic Gregorian dates <-> days since 1970-01-01 (Howard Hinnant's civil_from_days and
// days_from_civil): the one calendar conversion the domain and the history loaders share.
#pragma once

#include <cstdint>

#include "domain/events/canonical_event_id.hpp"

namespace sharpline::domain::events {

GameDay civil_from_days(int64_t days);
int64_t days_from_civil(int year, int month, int day);

}  // namespace sharpline::domain::events
