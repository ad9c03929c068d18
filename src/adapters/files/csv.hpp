#pragma once

// Minimal CSV for the files adapters: comma-separated fields, RFC 4180 quoting ("a,b" and ""
// inside quotes), LF or CRLF line ends. No multi-line fields: every record is one line.

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sharpline::adapters::files {

// A malformed or unreadable file; the message starts with "<source>:<line>: " when it points at
// a line.
class CsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Splits one line (without its line end) into fields. Throws CsvError on an unterminated quote.
std::vector<std::string> split_csv_line(std::string_view line);

// Quotes a field only when it needs it (comma, quote or line break inside).
std::string csv_field(std::string_view text);

// Looks up header columns by name.
class CsvHeader {
 public:
  explicit CsvHeader(std::vector<std::string> names) : names_(std::move(names)) {}
  // Index of a column, or throws CsvError naming the missing column and the source.
  std::size_t require(std::string_view name, std::string_view source) const;
  std::size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
};

}  // namespace sharpline::adapters::files
