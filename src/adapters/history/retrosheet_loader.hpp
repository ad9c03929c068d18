#pragma once

// Retrosheet game-info files (`<YYYY>gameinfo.csv[.gz]`, one row per MLB game) as events, final
// results and observed game-time weather. Conventions: docs/history.md.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/history/civil_time.hpp"
#include "adapters/history/history_batch.hpp"

namespace sharpline::adapters::history {

inline constexpr std::string_view kRetrosheetSource = "retrosheet";

// UTC epoch ms of a local start time at a Retrosheet park id (e.g. BOS07, SEO01); nullopt for a
// park whose time zone is not known.
std::optional<int64_t> retrosheet_park_local_to_utc_ms(std::string_view site,
                                                       const LocalDateTime& local);

// Throws HistoryFileError only if the file cannot be read.
HistoryBatch load_retrosheet_gameinfo(const std::filesystem::path& path);
// The same from the (decompressed) text of a file; `name` is the file name used in messages.
// Throws HistoryFileError only if the text has no header.
HistoryBatch load_retrosheet_gameinfo_text(std::string_view text, std::string name);

}  // namespace sharpline::adapters::history
