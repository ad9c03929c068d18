// Recorded The Odds API polls on disk, for replays and tests:
//   - snapshot JSONL (plain or gzip): one poll per line,
//     {"committed_at": "<ISO-8601>", "response": [...], ...}; committed_at is the poll time;
//   - one saved response (a JSON array), with the poll time given by the caller.
// Gzip is detected from the bytes, not the name (zlib reads plain files unchanged).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

namespace sharpline::adapters::sources {

// An unreadable file or a malformed line; the message starts with "<file>:<line>: ".
class SnapshotError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Snapshot {
  int64_t poll_ms = 0;
  nlohmann::json response;  // the /odds array
  std::size_t line = 0;     // 1-based line in the file (0 for a single response)
};

class SnapshotReader {
 public:
  explicit SnapshotReader(const std::filesystem::path& path);
  ~SnapshotReader();
  SnapshotReader(const SnapshotReader&) = delete;
  SnapshotReader& operator=(const SnapshotReader&) = delete;

  // The next non-blank line, or nullopt at the end. Throws SnapshotError.
  std::optional<Snapshot> next();

 private:
  bool read_line(std::string& line);

  struct File;
  std::unique_ptr<File> file_;
  std::string name_;
  std::size_t line_ = 0;
};

// True if the file (plain or gzip) starts with '[' (one response), false for '{' (snapshot
// JSONL). Throws SnapshotError for anything else, including an empty file.
bool is_single_response_file(const std::filesystem::path& path);

// A file holding one response array. Throws SnapshotError.
Snapshot read_single_response(const std::filesystem::path& path, int64_t poll_ms);

}  // namespace sharpline::adapters::sources
