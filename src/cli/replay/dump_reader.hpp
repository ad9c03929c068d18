// Reads a whole `sharpline dump` directory for replay: the manifest, then every topic file,
// checked line by line (errors name the file and line) and against the manifest's counts, so a
// truncated or hand-edited dump fails before anything is published.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/replay/dump_format.hpp"

namespace sharpline::cli::replay {

struct DumpLine {
  DumpRecord record;
  std::string where;  // "DIR/<topic>.jsonl:LINE", for errors found later (encoding)
};

struct LoadedDump {
  DumpManifest manifest;
  // Every record, merged across topics by timestamp; ties keep dump order (manifest topic
  // order, then file order).
  std::vector<DumpLine> records;
};

// Throws DumpFormatError for a missing directory, manifest or file, or a malformed line.
LoadedDump read_dump(const std::filesystem::path& dir);

}  // namespace sharpline::cli::replay
