// Recorded polls: snapshot JSON lines or one saved response, plain or gzip (SnapshotReader and
// read_single_response are path-only, so the bytes go through an in-memory file). Documented
// error: SnapshotError.
#include "adapters/sources/odds_api_snapshots.hpp"
#include "fuzz_support.hpp"

using namespace sharpline::adapters::sources;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static sharpline::fuzz::MemoryFile file;
  const std::string& path = file.write(data, size);
  try {
    if (is_single_response_file(path)) {
      const Snapshot snapshot = read_single_response(path, 1757483819000);
      SHARPLINE_FUZZ_CHECK(snapshot.response.is_array() && snapshot.line == 0);
    } else {
      SnapshotReader reader(path);
      std::size_t last_line = 0;
      while (const auto snapshot = reader.next()) {
        SHARPLINE_FUZZ_CHECK(snapshot->response.is_array());
        SHARPLINE_FUZZ_CHECK(snapshot->line > last_line);
        last_line = snapshot->line;
      }
    }
  } catch (const SnapshotError&) {
  }
  return 0;
}
