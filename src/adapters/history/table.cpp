#include "adapters/history/table.hpp"

#include <charconv>
#include <cmath>

#include "adapters/files/csv.hpp"
#include "adapters/history/gzip_file.hpp"
#include "adapters/history/text_lines.hpp"

namespace sharpline::adapters::history {

bool Table::Row::blank() const {
  if (malformed) return false;
  for (const auto& c : cells) {
    if (!trim(c).empty()) return false;
  }
  return true;
}

Table Table::read(const std::filesystem::path& path) {
  const std::string text = read_gzip_file(path);
  return parse(text, path.filename().string());
}

Table Table::parse(std::string_view text, std::string name) {
  Table table;
  table.name_ = std::move(name);
  const auto lines = split_lines(text);
  if (lines.empty()) throw HistoryFileError(table.name_ + ": empty file, no header");
  try {
    for (auto& h : files::split_csv_line(lines[0])) table.header_.emplace_back(trim(h));
  } catch (const files::CsvError& e) {
    throw HistoryFileError(table.name_ + ":1: " + e.what());
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    Row row{i + 1, {}, false};
    try {
      row.cells = files::split_csv_line(lines[i]);
    } catch (const files::CsvError&) {
      row.malformed = true;
    }
    table.rows_.push_back(std::move(row));
  }
  table.build_index();
  return table;
}

void Table::build_index() {
  index_.clear();
  for (std::size_t i = 0; i < header_.size(); ++i) {
    // Empty names (MLB price columns) are found by position instead; the first wins otherwise.
    if (!header_[i].empty()) index_.emplace(header_[i], i);
  }
}

std::optional<std::size_t> Table::column(std::string_view name) const {
  const auto it = index_.find(std::string(name));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::string_view Table::cell(const Row& row, std::string_view name) const {
  return cell(row, column(name));
}

std::string_view Table::cell(const Row& row, std::optional<std::size_t> index) {
  if (!index || *index >= row.cells.size()) return {};
  return trim(row.cells[*index]);
}

void Table::rename_columns(const std::unordered_map<std::string, std::string>& renames) {
  for (auto& h : header_) {
    const auto it = renames.find(h);
    if (it != renames.end()) h = it->second;
  }
  build_index();
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<int> parse_int(std::string_view text) {
  const auto value = parse_number(text);
  if (!value || *value != std::floor(*value) || std::fabs(*value) > 1e9) return std::nullopt;
  return static_cast<int>(*value);
}

}  // namespace sharpline::adapters::history
