// Strict ISO-8601 UTC timestamps as feeds write them: "2025-09-10T05:36:48Z",
// "2025-09-10T05:36:59+00:00", optional fraction ".123" (milliseconds kept, finer digits
// truncated) and "+HH:MM"/"-HH:MM" offsets. No dates without times, no week dates, no leap
// seconds: feeds never send them, and accepting them silently would hide a broken payload.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sharpline::adapters::sources {

// UTC epoch milliseconds, or nullopt if the text is not such a timestamp (or a field is out of
// range, e.g. month 13 or February 30).
std::optional<int64_t> parse_iso8601_ms(std::string_view text);

// "2025-09-10T05:36:48.000Z": the inverse, for messages and tests.
std::string format_iso8601_ms(int64_t epoch_ms);

}  // namespace sharpline::adapters::sources
