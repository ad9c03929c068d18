#include "adapters/history/gzip_file.hpp"

#include <zlib.h>

#include <array>
#include <memory>

namespace sharpline::adapters::history {

namespace {

struct GzCloser {
  void operator()(gzFile_s* file) const { gzclose(file); }
};

}  // namespace

std::string read_gzip_file(const std::filesystem::path& path) {
  std::unique_ptr<gzFile_s, GzCloser> file(gzopen(path.c_str(), "rb"));
  if (!file) throw HistoryFileError(path.string() + ": cannot open");
  std::string out;
  std::array<char, 1 << 16> buffer{};
  for (;;) {
    const int n = gzread(file.get(), buffer.data(), static_cast<unsigned>(buffer.size()));
    if (n < 0) {
      int code = 0;
      const char* message = gzerror(file.get(), &code);
      throw HistoryFileError(path.string() + ": " + (message != nullptr ? message : "read error"));
    }
    if (n == 0) break;
    out.append(buffer.data(), static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace sharpline::adapters::history
