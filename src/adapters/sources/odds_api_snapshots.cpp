#include "adapters/sources/odds_api_snapshots.hpp"

#include <zlib.h>

#include <array>

#include "adapters/sources/iso_time.hpp"

namespace sharpline::adapters::sources {

struct SnapshotReader::File {
  gzFile handle = nullptr;
  ~File() {
    if (handle != nullptr) gzclose(handle);
  }
};

SnapshotReader::SnapshotReader(const std::filesystem::path& path)
    : file_(std::make_unique<File>()), name_(path.string()) {
  file_->handle = gzopen(name_.c_str(), "rb");
  if (file_->handle == nullptr) throw SnapshotError(name_ + ": cannot open");
  gzbuffer(file_->handle, 1 << 17);
}

SnapshotReader::~SnapshotReader() = default;

bool SnapshotReader::read_line(std::string& line) {
  line.clear();
  std::array<char, 1 << 16> chunk{};
  // gzgets stops at a newline or a full chunk; lines (one poll each) can be far longer.
  while (gzgets(file_->handle, chunk.data(), static_cast<int>(chunk.size())) != nullptr) {
    line += chunk.data();
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
  }
  int code = Z_OK;
  const char* message = gzerror(file_->handle, &code);
  if (code != Z_OK && code != Z_STREAM_END)
    throw SnapshotError(name_ + ":" + std::to_string(line_ + 1) + ": " + message);
  return !line.empty();
}

std::optional<Snapshot> SnapshotReader::next() {
  std::string text;
  while (read_line(text)) {
    ++line_;
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    const std::string where = name_ + ":" + std::to_string(line_) + ": ";
    nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded()) throw SnapshotError(where + "not valid JSON");
    if (!doc.is_object()) throw SnapshotError(where + "expected a JSON object");
    const auto at = doc.find("committed_at");
    if (at == doc.end() || !at->is_string()) throw SnapshotError(where + "missing committed_at");
    const auto poll_ms = parse_iso8601_ms(at->get_ref<const std::string&>());
    if (!poll_ms)
      throw SnapshotError(where + "committed_at is not an ISO-8601 time: " + at->dump());
    const auto response = doc.find("response");
    if (response == doc.end() || !response->is_array())
      throw SnapshotError(where + "response must be a JSON array");
    return Snapshot{*poll_ms, std::move(*response), line_};
  }
  return std::nullopt;
}

bool is_single_response_file(const std::filesystem::path& path) {
  gzFile handle = gzopen(path.string().c_str(), "rb");
  if (handle == nullptr) throw SnapshotError(path.string() + ": cannot open");
  int c = gzgetc(handle);
  while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF)
    c = gzgetc(handle);  // whitespace and a UTF-8 BOM
  gzclose(handle);
  if (c == '[') return true;
  if (c == '{') return false;
  throw SnapshotError(path.string() +
                      ": neither a response array nor snapshot JSON lines (empty or not JSON)");
}

Snapshot read_single_response(const std::filesystem::path& path, int64_t poll_ms) {
  gzFile handle = gzopen(path.string().c_str(), "rb");
  if (handle == nullptr) throw SnapshotError(path.string() + ": cannot open");
  std::string text;
  std::array<char, 1 << 16> chunk{};
  int n = 0;
  while ((n = gzread(handle, chunk.data(), static_cast<unsigned>(chunk.size()))) > 0)
    text.append(chunk.data(), static_cast<std::size_t>(n));
  const bool failed = n < 0;
  gzclose(handle);
  if (failed) throw SnapshotError(path.string() + ": read error");
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) throw SnapshotError(path.string() + ": not valid JSON");
  if (!doc.is_array())
    throw SnapshotError(path.string() + ": expected a JSON array (one response)");
  return Snapshot{poll_ms, std::move(doc), 0};
}

}  // namespace sharpline::adapters::sources
