#include "adapters/entities/entity_resolver.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "adapters/files/csv.hpp"

namespace sharpline::adapters::entities {
namespace {

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string normalize(std::string_view text) {
  std::string out(trim(text));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::map<std::string, std::string> read_table(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw MappingError("cannot read " + path.string());
  const std::string where = path.filename().string();
  std::string line;
  std::size_t number = 0;
  std::map<std::string, std::string> table;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (trim(line).empty()) continue;
    const auto fields = files::split_csv_line(line);
    const std::string at = where + ":" + std::to_string(number) + ": ";
    if (number == 1) {
      if (fields.size() != 2 || trim(fields[0]) != "canonical" || trim(fields[1]) != "alias")
        throw MappingError(at + "expected the header canonical,alias");
      continue;
    }
    if (fields.size() != 2 || trim(fields[0]).empty() || trim(fields[1]).empty())
      throw MappingError(at + "expected two non-empty fields canonical,alias");
    const std::string canonical(trim(fields[0]));
    const auto [it, inserted] = table.emplace(normalize(fields[1]), canonical);
    if (!inserted && it->second != canonical) {
      throw MappingError(at + "alias '" + std::string(trim(fields[1])) + "' maps to both '" +
                         it->second + "' and '" + canonical + "'");
    }
    // The canonical name always resolves to itself, even if no row lists it as an alias.
    table.emplace(normalize(canonical), canonical);
  }
  if (number == 0) throw MappingError(where + ": empty file");
  return table;
}

}  // namespace

std::filesystem::path default_mappings_dir() {
  return std::filesystem::path(SHARPLINE_SOURCE_DIR) / "src" / "adapters" / "entities" / "mappings";
}

EntityResolver EntityResolver::load(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir))
    throw MappingError("entity mappings directory not found: " + dir.string());
  EntityResolver resolver;
  bool have_bookmakers = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".csv") continue;
    const std::string stem = entry.path().stem().string();
    if (stem == "bookmakers") {
      resolver.bookmakers_ = read_table(entry.path());
      have_bookmakers = true;
    } else {
      resolver.sports_[stem] = read_table(entry.path());
    }
  }
  if (!have_bookmakers) throw MappingError("no bookmakers.csv in " + dir.string());
  return resolver;
}

std::optional<std::string> EntityResolver::resolve_team(std::string_view sport,
                                                        std::string_view name) const {
  const auto table = sports_.find(sport);
  if (table == sports_.end()) {
    const std::string_view trimmed = trim(name);
    if (trimmed.empty()) return std::nullopt;
    return std::string(trimmed);
  }
  const auto it = table->second.find(normalize(name));
  if (it == table->second.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> EntityResolver::resolve_bookmaker(std::string_view name) const {
  const auto it = bookmakers_.find(normalize(name));
  if (it == bookmakers_.end()) return std::nullopt;
  return it->second;
}

bool EntityResolver::has_sport(std::string_view sport) const {
  return sports_.find(sport) != sports_.end();
}

}  // namespace sharpline::adapters::entities
