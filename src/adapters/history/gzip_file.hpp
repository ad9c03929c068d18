#pragma once

// Reads a whole file through zlib. gzread passes non-gzip files through unchanged, so the same
// call reads `.csv.gz` and plain `.csv` files.

#include <filesystem>
#include <stdexcept>
#include <string>

namespace sharpline::adapters::history {

// An input file that cannot be opened or decompressed. Loaders throw it only for whole files;
// bad rows are reported as RejectedRow instead.
class HistoryFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The decompressed bytes of `path`. Throws HistoryFileError when the file is missing or corrupt.
std::string read_gzip_file(const std::filesystem::path& path);

}  // namespace sharpline::adapters::history
