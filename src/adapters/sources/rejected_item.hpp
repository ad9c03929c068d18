// An item of a collector payload that failed validation. Collectors publish it as one dead letter
// (reason + raw JSON) and keep reading the rest of the payload.
#pragma once

#include <cstddef>
#include <string>

namespace sharpline::adapters::sources {

struct RejectedItem {
  std::string event_id;  // canonical id when known, else the feed's, else empty
  std::string reason;    // where ("event <id> bookmaker <key> market <key> outcomes[1]") and why
  std::string raw;       // the rejected item's JSON, compact
  std::size_t quote_items = 0;  // outcome items lost with it (for the odds reconciliation)
};

}  // namespace sharpline::adapters::sources
