// football-data.co.uk result/odds CSV (the loader's text entry point). Documented error:
// HistoryFileError (no header).
#include "adapters/history/football_data_loader.hpp"
#include "adapters/history/gzip_file.hpp"
#include "history_checks.hpp"

using namespace sharpline::adapters::history;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const std::string name = "E0_2324.csv";
    sharpline::fuzz::check_history_batch(
        load_football_data_text(sharpline::fuzz::as_text(data, size), name), name);
  } catch (const HistoryFileError&) {
  }
  return 0;
}
