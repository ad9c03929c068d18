#pragma once

// A CSV file as a header plus rows, for the history loaders: gzip or plain, optional BOM, LF,
// CRLF or CR-only line ends. Cells are read by column name, so header variants with the same
// names in a different order need no special handling.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sharpline::adapters::history {

class Table {
 public:
  struct Row {
    std::size_t line = 0;  // 1-based physical line (header = 1)
    std::vector<std::string> cells;
    bool malformed = false;  // unterminated quote: no cells; loaders reject the row
    // Only commas/whitespace: no cell has content.
    bool blank() const;
  };

  // Reads and splits the whole file; throws HistoryFileError if it cannot be read or its header
  // cannot be split.
  static Table read(const std::filesystem::path& path);
  // The same from text already in memory; `name` is used in messages.
  static Table parse(std::string_view text, std::string name);

  const std::string& name() const { return name_; }
  const std::vector<std::string>& header() const { return header_; }
  const std::vector<Row>& rows() const { return rows_; }

  // Column index by exact header name.
  std::optional<std::size_t> column(std::string_view name) const;
  // The trimmed cell of `row` in column `name`; empty when the column or the cell is absent.
  std::string_view cell(const Row& row, std::string_view name) const;
  static std::string_view cell(const Row& row, std::optional<std::size_t> index);

  // Renames a header column (e.g. pandas' `B365_2_5` back to `B365>2.5`).
  void rename_columns(const std::unordered_map<std::string, std::string>& renames);

 private:
  std::string name_;
  std::vector<std::string> header_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<Row> rows_;
  void build_index();
};

// Trims spaces and tabs.
std::string_view trim(std::string_view text);
// A finite number, or nullopt for empty or malformed text.
std::optional<double> parse_number(std::string_view text);
// An integer (a whole number written as `3.0` is accepted), or nullopt.
std::optional<int> parse_int(std::string_view text);

}  // namespace sharpline::adapters::history
