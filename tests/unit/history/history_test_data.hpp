#pragma once

// Where the history loader tests find the shared data (never copied into the repository).

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "domain/records/records.hpp"

namespace sharpline::adapters::history::testing {

inline std::filesystem::path data_dir() {
  if (const char* env = std::getenv("SHARPLINE_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return std::filesystem::path(SHARPLINE_SOURCE_DIR) / ".." / "shared" / "data";
}

inline const domain::Event* find_event(const std::vector<domain::Event>& events,
                                       const std::string& id) {
  const auto it = std::find_if(events.begin(), events.end(),
                               [&](const domain::Event& e) { return e.event_id == id; });
  return it == events.end() ? nullptr : &*it;
}

inline const domain::OddsQuote* find_quote(const std::vector<domain::OddsQuote>& quotes,
                                           const std::string& id, const std::string& bookmaker,
                                           const std::string& market, const std::string& outcome,
                                           bool closing) {
  const auto it = std::find_if(quotes.begin(), quotes.end(), [&](const domain::OddsQuote& q) {
    return q.event_id == id && q.bookmaker == bookmaker && q.market == market &&
           q.outcome == outcome && q.is_closing == closing;
  });
  return it == quotes.end() ? nullptr : &*it;
}

}  // namespace sharpline::adapters::history::testing

// The data lives outside the repository; only its absence skips a test.
#define SHARPLINE_REQUIRE_HISTORY_DATA()                                                           \
  do {                                                                                             \
    if (!std::filesystem::is_directory(::sharpline::adapters::history::testing::data_dir()))       \
      GTEST_SKIP() << "no shared data at " << ::sharpline::adapters::history::testing::data_dir(); \
  } while (false)
