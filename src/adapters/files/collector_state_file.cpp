#include "adapters/files/collector_state_file.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "serde/record_json.hpp"

namespace sharpline::adapters::files {
namespace {

constexpr int kVersion = 1;

}  // namespace

std::optional<CollectorState> load_collector_state(const std::filesystem::path& path) {
  std::error_code exists_error;
  if (!std::filesystem::exists(path, exists_error)) return std::nullopt;
  const std::string name = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CollectorStateError("collector state " + name + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  const auto document = nlohmann::json::parse(text.str(), nullptr, false);
  if (document.is_discarded() || !document.is_object())
    throw CollectorStateError("collector state " + name + ": not a JSON object");
  try {
    if (document.at("version").get<int>() != kVersion)
      throw CollectorStateError("collector state " + name + ": version " +
                                document.at("version").dump() + ", expected " +
                                std::to_string(kVersion));
    CollectorState state;
    state.saved_ms = document.at("saved_ms").get<int64_t>();
    for (const auto& quote : document.at("quotes"))
      state.quotes.push_back(serde::odds_quote_from_json(quote));
    for (const auto& event : document.at("events"))
      state.events.push_back(serde::event_from_json(event));
    for (const auto& link : document.at("links"))
      state.links.push_back({link.at("source").get<std::string>(),
                             link.at("source_id").get<std::string>(),
                             link.at("id").get<std::string>()});
    return state;
  } catch (const CollectorStateError&) {
    throw;
  } catch (const std::exception& error) {
    throw CollectorStateError("collector state " + name + ": " + error.what());
  }
}

void save_collector_state(const std::filesystem::path& path, const CollectorState& state) {
  nlohmann::json document = {{"version", kVersion},
                             {"saved_ms", state.saved_ms},
                             {"quotes", nlohmann::json::array()},
                             {"events", nlohmann::json::array()},
                             {"links", nlohmann::json::array()}};
  for (const auto& quote : state.quotes) document["quotes"].push_back(serde::to_json(quote));
  for (const auto& event : state.events) document["events"].push_back(serde::to_json(event));
  for (const auto& link : state.links)
    document["links"].push_back(
        {{"source", link.source}, {"source_id", link.source_id}, {"id", link.id}});
  const std::string text = document.dump();

  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::filesystem::path temporary = path;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) throw CollectorStateError("collector state " + temporary.string() + ": cannot write");
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) throw CollectorStateError("collector state " + path.string() + ": " + error.message());
}

}  // namespace sharpline::adapters::files
