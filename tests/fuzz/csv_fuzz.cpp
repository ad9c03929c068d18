// The CSV line splitter (files/csv.hpp) and the history Table on top of it. Documented errors:
// CsvError (unterminated quote), HistoryFileError (no header). Fields written with csv_field
// split back to the same fields.
#include <string>
#include <vector>

#include "adapters/files/csv.hpp"
#include "adapters/history/gzip_file.hpp"
#include "adapters/history/table.hpp"
#include "fuzz_support.hpp"

using namespace sharpline::adapters;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = sharpline::fuzz::as_text(data, size);
  const std::string_view line = text.substr(0, text.find_first_of("\r\n"));
  try {
    const std::vector<std::string> fields = files::split_csv_line(line);
    SHARPLINE_FUZZ_CHECK(!fields.empty());
    std::string joined;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) joined += ',';
      joined += files::csv_field(fields[i]);
    }
    SHARPLINE_FUZZ_CHECK(files::split_csv_line(joined) == fields);
  } catch (const files::CsvError&) {
  }
  try {
    const auto table = history::Table::parse(text, "fuzz.csv");
    for (const auto& row : table.rows()) {
      SHARPLINE_FUZZ_CHECK(row.line >= 2);
      for (const auto& column : table.header()) (void)table.cell(row, column);
      for (const auto& cell : row.cells) {
        if (const auto number = history::parse_number(cell)) {
          SHARPLINE_FUZZ_CHECK(std::isfinite(*number));
        }
        (void)history::parse_int(cell);
      }
    }
  } catch (const history::HistoryFileError&) {
  }
  return 0;
}
