// Retrosheet gameinfo CSV (the loader's text entry point). Documented error: HistoryFileError (no
// header).
#include "adapters/history/gzip_file.hpp"
#include "adapters/history/retrosheet_loader.hpp"
#include "history_checks.hpp"

using namespace sharpline::adapters::history;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const std::string name = "2024gameinfo.csv";
    sharpline::fuzz::check_history_batch(
        load_retrosheet_gameinfo_text(sharpline::fuzz::as_text(data, size), name), name);
  } catch (const HistoryFileError&) {
  }
  return 0;
}
