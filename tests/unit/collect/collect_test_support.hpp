// Where the shared real payloads live: SHARPLINE_DATA_DIR, else <source>/../shared/data.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace sharpline::collect_test {

inline std::filesystem::path data_dir() {
  if (const char* env = std::getenv("SHARPLINE_DATA_DIR"); env != nullptr && *env != '\0')
    return env;
  return std::filesystem::path(SHARPLINE_SOURCE_DIR) / ".." / "shared" / "data";
}

inline std::filesystem::path odds_api_file(const std::string& name) {
  return data_dir() / "odds_api_v4" / name;
}

inline const char* kSeasonFile = "nfl_2025_season_snapshots_hourly.jsonl.gz";

}  // namespace sharpline::collect_test

// Skips the test when the shared data folder is absent (a checkout without it).
#define SHARPLINE_REQUIRE_DATA()                                                  \
  do {                                                                            \
    if (!std::filesystem::is_directory(::sharpline::collect_test::data_dir()))    \
      GTEST_SKIP() << "no data dir at " << ::sharpline::collect_test::data_dir(); \
  } while (false)
