// Sportsbookreviewsonline CSV (the loader's text entry point). The file name gives league and
// year, which choose the columns, so every input is loaded under each league's name and the
// MLB file formats of 2014-2017 and later. Documented error: HistoryFileError (no header).
#include "adapters/history/gzip_file.hpp"
#include "adapters/history/sbro_loader.hpp"
#include "history_checks.hpp"

using namespace sharpline::adapters::history;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string kNames[] = {"mlb_odds_2015.csv", "mlb_odds_2019.csv",
                                       "nba_odds_2014-15.csv", "nfl_odds_2021-22.csv",
                                       "nhl_odds_2021-22.csv"};
  for (const auto& name : kNames) {
    try {
      sharpline::fuzz::check_history_batch(
          load_sbro_text(sharpline::fuzz::as_text(data, size), name), name);
    } catch (const HistoryFileError&) {
      return 0;  // no header: the same for every name
    }
  }
  return 0;
}
