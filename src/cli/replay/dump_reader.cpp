#include "cli/replay/dump_reader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace sharpline::cli::replay {

namespace fs = std::filesystem;

LoadedDump read_dump(const fs::path& dir) {
  if (!fs::is_directory(dir)) throw DumpFormatError(dir.string() + ": no such dump directory");
  const fs::path manifest_path = dir / "manifest.json";
  std::ifstream manifest_file(manifest_path);
  if (!manifest_file)
    throw DumpFormatError(manifest_path.string() + ": missing (not a complete sharpline dump)");
  std::stringstream text;
  text << manifest_file.rdbuf();
  const auto manifest_json = nlohmann::ordered_json::parse(text.str(), nullptr, false);
  if (manifest_json.is_discarded())
    throw DumpFormatError(manifest_path.string() + ": not valid JSON");

  LoadedDump dump;
  dump.manifest = manifest_from_json(manifest_json, manifest_path.string());
  for (const auto& topic : dump.manifest.topics) {
    const auto& info = dump.manifest.topic_info.at(topic);
    const fs::path path = dir / info.file;
    std::ifstream file(path, std::ios::binary);
    if (!file) throw DumpFormatError(path.string() + ": missing (listed in the manifest)");
    std::string line;
    uint64_t records = 0;
    for (std::size_t number = 1; std::getline(file, line); ++number) {
      if (line.empty()) continue;
      std::string where = path.string();
      where += ':';
      where += std::to_string(number);
      auto record = parse_dump_line(line, where);
      if (record.topic != topic) {
        std::string message = where;
        message.append(": record of topic ").append(record.topic).append(" in the file of ");
        message.append(topic);
        throw DumpFormatError(message);
      }
      dump.records.push_back({std::move(record), std::move(where)});
      ++records;
    }
    if (file.bad()) throw DumpFormatError(path.string() + ": read error");
    if (records != info.records)
      throw DumpFormatError(path.string() + ": " + std::to_string(records) +
                            " records, the manifest says " + std::to_string(info.records));
  }
  std::stable_sort(dump.records.begin(), dump.records.end(),
                   [](const DumpLine& a, const DumpLine& b) {
                     return a.record.timestamp_ms < b.record.timestamp_ms;
                   });
  return dump;
}

}  // namespace sharpline::cli::replay
