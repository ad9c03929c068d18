#include "cli/commands/event_source.hpp"

#include <zlib.h>

#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>

#include "adapters/sources/odds_api_snapshots.hpp"
#include "adapters/sources/the_odds_api.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/collect_publisher.hpp"
#include "runtime/kafka/consumer.hpp"
#include "serde/record_json.hpp"

namespace sharpline::cli {
namespace {

namespace sources = adapters::sources;

std::vector<domain::Event> values_of(std::map<std::string, domain::Event>& by_id) {
  std::vector<domain::Event> events;
  events.reserve(by_id.size());
  for (auto& [id, event] : by_id) events.push_back(std::move(event));
  return events;
}

// Lines of a plain or gzip file (zlib reads plain files unchanged).
class LineReader {
 public:
  explicit LineReader(const std::filesystem::path& path)
      : name_(path.string()), file_(gzopen(name_.c_str(), "rb"), &gzclose) {
    if (!file_) throw std::runtime_error("cannot open " + name_);
  }
  bool next(std::string& line) {
    line.clear();
    char buffer[1 << 16];
    while (gzgets(file_.get(), buffer, sizeof buffer) != nullptr) {
      line += buffer;
      if (!line.empty() && line.back() == '\n') return true;
    }
    return !line.empty();
  }

 private:
  std::string name_;
  std::unique_ptr<gzFile_s, decltype(&gzclose)> file_;
};

// True for Event JSON lines: the first non-blank line is an object with an "event_id".
bool is_event_lines(const std::filesystem::path& path) {
  LineReader reader(path);
  std::string line;
  while (reader.next(line)) {
    if (line.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    const auto first = nlohmann::json::parse(line, nullptr, false);
    return first.is_object() && first.contains("event_id");
  }
  return false;
}

}  // namespace

std::vector<domain::Event> load_events_file(const std::filesystem::path& path,
                                            const adapters::entities::EntityResolver& resolver) {
  std::map<std::string, domain::Event> by_id;
  if (is_event_lines(path)) {
    LineReader reader(path);
    std::string line;
    for (std::size_t number = 1; reader.next(line); ++number) {
      if (line.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      try {
        auto event = serde::event_from_json(nlohmann::json::parse(line));
        by_id[event.event_id] = std::move(event);
      } catch (const std::exception& error) {
        throw std::runtime_error(path.string() + ":" + std::to_string(number) +
                                 ": not an Event record: " + error.what());
      }
    }
    return values_of(by_id);
  }
  // Prices do not matter here; one linker for the whole file numbers doubleheaders as the odds
  // collector does.
  domain::events::EventLinker linker;
  const auto take = [&](const sources::Snapshot& snapshot) {
    const auto parsed = sources::parse_odds_response(
        snapshot.response, snapshot.poll_ms, sources::OddsFormat::kAmerican, resolver, linker);
    for (const auto& event : parsed.events) by_id[event.event_id] = event;
  };
  if (sources::is_single_response_file(path)) {
    take(sources::read_single_response(path, wall_clock_ms()));
  } else {
    sources::SnapshotReader reader(path);
    while (const auto snapshot = reader.next()) take(*snapshot);
  }
  return values_of(by_id);
}

std::vector<domain::Event> load_events_from_bus(BusContext& context, int idle_ms) {
  runtime::kafka::Consumer consumer(context.bus().client_properties());
  consumer.assign_all({kEventsTopic}, runtime::kafka::StartAt::kBeginning);
  std::map<std::string, domain::Event> by_id;
  constexpr int kPollMs = 100;
  for (int idle = 0; idle < idle_ms;) {
    auto message = consumer.poll(kPollMs);
    if (!message) {
      idle += kPollMs;
      continue;
    }
    idle = 0;
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR || message->payload == nullptr) continue;
    auto event = serde::event_from_json(
        context.serde().decode({static_cast<const uint8_t*>(message->payload), message->len}));
    by_id[event.event_id] = std::move(event);
  }
  return values_of(by_id);
}

}  // namespace sharpline::cli
