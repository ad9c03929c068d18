#include "cli/live_feed.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "adapters/http/json_response.hpp"
#include "adapters/http/live_page.hpp"
#include "adapters/http/schema_registry_routes.hpp"
#include "cli/bus_context.hpp"
#include "common/clock.hpp"
#include "common/logging.hpp"
#include "common/metrics.hpp"
#include "runtime/kafka/consumer.hpp"
#include "runtime/kafka/metadata.hpp"

namespace sharpline::cli {
namespace {

using nlohmann::json;

int64_t int_field(const json& record, const char* name, int64_t fallback) {
  auto it = record.find(name);
  return it != record.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

// Records come from the bus: a field of an unexpected type reads as absent instead of throwing.
std::string string_field(const json& record, const char* name) {
  auto it = record.find(name);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

double expected_value(const json& record) {
  auto it = record.find("expected_value");
  return it != record.end() && it->is_number() ? it->get<double>()
                                               : -std::numeric_limits<double>::infinity();
}

bool has_started(const json& record, int64_t now) {
  const int64_t commence = int_field(record, "commence_ms", -1);
  return commence >= 0 && commence <= now;
}

json closed_copy(json record, const char* reason) {
  record["state"] = "CLOSED";
  record["closed_reason"] = reason;
  return record;
}

std::string dump(const json& record) {
  // Decoded strings are not guaranteed UTF-8; a bad byte must not stop the feed.
  return record.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

LiveFeedState::LiveFeedState(std::size_t max_alerts, std::size_t max_open)
    : max_alerts_(max_alerts), max_open_(max_open) {}

std::vector<json> LiveFeedState::apply_opportunity(const json& record, int64_t now) {
  std::vector<json> changes;
  auto id_it = record.find("opportunity_id");
  if (id_it == record.end() || !id_it->is_string()) return changes;
  const std::string id = id_it->get<std::string>();
  std::lock_guard lock(mutex_);
  if (string_field(record, "state") == "CLOSED") {
    open_.erase(id);
    changes.push_back(record);
    return changes;
  }
  if (has_started(record, now)) {
    open_.erase(id);
    changes.push_back(closed_copy(record, "event_started"));
    return changes;
  }
  open_[id] = record;
  changes.push_back(record);
  if (open_.size() > max_open_) {
    // The stalest opportunity goes: the one whose odds were seen longest ago.
    auto stalest = std::min_element(open_.begin(), open_.end(), [](const auto& a, const auto& b) {
      return int_field(a.second, "as_of_ms", 0) < int_field(b.second, "as_of_ms", 0);
    });
    changes.push_back(closed_copy(stalest->second, "evicted"));
    open_.erase(stalest);
  }
  return changes;
}

std::vector<json> LiveFeedState::expire(int64_t now) {
  std::vector<json> closed;
  std::lock_guard lock(mutex_);
  for (auto it = open_.begin(); it != open_.end();) {
    if (has_started(it->second, now)) {
      closed.push_back(closed_copy(it->second, "event_started"));
      it = open_.erase(it);
    } else {
      ++it;
    }
  }
  return closed;
}

bool LiveFeedState::add_alert(const json& alert) {
  auto id_it = alert.find("alert_id");
  if (id_it == alert.end() || !id_it->is_string()) return false;
  const int64_t created = int_field(alert, "created_ms", 0);
  std::lock_guard lock(mutex_);
  for (const auto& kept : alerts_) {
    if (string_field(kept, "alert_id") == id_it->get<std::string>()) return false;
  }
  if (alerts_.size() >= max_alerts_ && created < int_field(alerts_.front(), "created_ms", 0)) {
    return false;
  }
  auto position = std::upper_bound(
      alerts_.begin(), alerts_.end(), created,
      [](int64_t value, const json& kept) { return value < int_field(kept, "created_ms", 0); });
  alerts_.insert(position, alert);
  if (alerts_.size() > max_alerts_) alerts_.erase(alerts_.begin());
  return true;
}

json LiveFeedState::open_opportunities() const {
  std::vector<json> open;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, record] : open_) open.push_back(record);
  }
  std::stable_sort(open.begin(), open.end(), [](const json& a, const json& b) {
    return expected_value(a) > expected_value(b);
  });
  json array = json::array();
  for (auto& item : open) array.push_back(std::move(item));
  return array;
}

json LiveFeedState::recent_alerts() const {
  std::lock_guard lock(mutex_);
  json array = json::array();
  std::for_each(alerts_.rbegin(), alerts_.rend(),
                [&](const json& alert) { array.push_back(alert); });
  return array;
}

std::size_t LiveFeedState::open_count() const {
  std::lock_guard lock(mutex_);
  return open_.size();
}

LiveFeed::LiveFeed(runtime::kafka::Properties properties, SerdeFactory make_serde,
                   std::shared_ptr<LiveFeedState> state,
                   std::shared_ptr<adapters::http::SseBroadcaster> stream, LiveFeedOptions options)
    : properties_(std::move(properties)),
      make_serde_(std::move(make_serde)),
      state_(std::move(state)),
      stream_(std::move(stream)),
      options_(options) {}

LiveFeed::~LiveFeed() {
  stop();
}

void LiveFeed::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void LiveFeed::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void LiveFeed::run() {
  std::string last_error;
  while (!stopping_) {
    try {
      follow();
      last_error.clear();
    } catch (const std::exception& e) {
      // The page is a convenience: its failures never touch readiness, and a broker that stays
      // down logs once, not every retry.
      if (e.what() != last_error) {
        log_warn("live page feed failed; retrying", {{"error", e.what()}});
        last_error = e.what();
      }
    }
    following_ = false;
    for (auto waited = std::chrono::milliseconds(0); waited < options_.retry && !stopping_;
         waited += std::chrono::milliseconds(50)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

void LiveFeed::follow() {
  namespace kafka = runtime::kafka;
  if (!serde_) serde_ = make_serde_();
  kafka::Properties properties = properties_;
  properties["group.id"] = "sharpline-live-page";  // librdkafka wants one; never joined
  kafka::Consumer consumer(properties);            // defaults: read_committed, fetch.wait.max.ms=10

  const std::vector<std::pair<std::string, int64_t>> wanted = {
      {kLiveAlertsTopic, static_cast<int64_t>(options_.alerts)},
      {kLiveOpportunitiesTopic, options_.lookback}};
  std::map<std::string, kafka::TopicInfo> existing;
  bool announced = false;
  while (!stopping_) {
    existing = kafka::list_topics(consumer.handle(), 2000);
    const bool all = std::all_of(wanted.begin(), wanted.end(),
                                 [&](const auto& topic) { return existing.contains(topic.first); });
    if (all) break;
    if (!announced) {
      log_info("live page waiting for its topics",
               {{"topics", {wanted[0].first, wanted[1].first}}});
      announced = true;
    }
    for (auto waited = std::chrono::milliseconds(0); waited < options_.retry && !stopping_;
         waited += std::chrono::milliseconds(50)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  if (stopping_) return;

  kafka::PartitionListPtr assignment(rd_kafka_topic_partition_list_new(16));
  for (const auto& [topic, back] : wanted) {
    for (int p = 0; p < existing.at(topic).partitions; ++p) {
      rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), p)->offset =
          back > 0 ? RD_KAFKA_OFFSET_TAIL(back) : RD_KAFKA_OFFSET_END;
    }
  }
  kafka::throw_if_error(rd_kafka_assign(consumer.handle(), assignment.get()),
                        "assign live page partitions");
  following_ = true;
  log_info("live page following", {{"alerts", options_.alerts}, {"lookback", options_.lookback}});

  auto& open_gauge = MetricsRegistry::global().gauge("sharpline_live_page_open_opportunities",
                                                     "Open opportunities the live page shows.");
  auto next_expiry = std::chrono::steady_clock::now();
  std::string last_error;
  while (!stopping_) {
    try {
      if (auto message = consumer.poll(100)) {
        last_error.clear();  // records flow again: the next error is news
        if (message->payload != nullptr) {
          handle(rd_kafka_topic_name(message->rkt),
                 {static_cast<const uint8_t*>(message->payload), message->len});
        }
      }
    } catch (const kafka::KafkaError& e) {
      // In-band consumer errors (broker down, partition moved) are transient: librdkafka keeps
      // fetching, so log the first of a kind and carry on.
      if (e.what() != last_error) log_warn("live page consumer error", {{"error", e.what()}});
      last_error = e.what();
    }
    if (std::chrono::steady_clock::now() >= next_expiry) {
      for (const auto& closed : state_->expire(now_ms()))
        stream_->publish("opportunity", dump(closed));
      open_gauge.set(static_cast<double>(state_->open_count()));
      next_expiry = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    }
  }
}

void LiveFeed::handle(const std::string& topic, std::span<const uint8_t> bytes) {
  auto& registry = MetricsRegistry::global();
  json record;
  try {
    record = serde_->decode(bytes);
  } catch (const std::exception& e) {
    registry
        .counter("sharpline_live_page_undecodable_total", "Records the live page could not decode.",
                 {{"topic", topic}})
        .inc();
    log_warn("live page cannot decode a record", {{"topic", topic}, {"error", e.what()}});
    return;
  }
  registry
      .counter("sharpline_live_page_records_total", "Records the live page has read.",
               {{"topic", topic}})
      .inc();
  if (topic == kLiveAlertsTopic) {
    if (state_->add_alert(record)) stream_->publish("alert", dump(record));
  } else {
    for (const auto& change : state_->apply_opportunity(record, now_ms())) {
      stream_->publish("opportunity", dump(change));
    }
  }
}

std::unique_ptr<LiveFeed> start_live_page(BusContext& context, adapters::http::HttpServer& server) {
  const Config& config = context.config();
  if (!config.get_bool("http.live.enabled")) return nullptr;
  LiveFeedOptions options;
  const long long alerts = config.get_int("http.live.alerts");
  const long long max_open = config.get_int("http.live.opportunities");
  const long long lookback = config.get_int("http.live.lookback");
  if (alerts < 1 || alerts > 10000) {
    throw std::invalid_argument("http.live.alerts must be between 1 and 10000");
  }
  if (max_open < 1 || max_open > 100000) {
    throw std::invalid_argument("http.live.opportunities must be between 1 and 100000");
  }
  if (lookback < 0) throw std::invalid_argument("http.live.lookback must not be negative");
  options.alerts = static_cast<std::size_t>(alerts);
  options.max_open = static_cast<std::size_t>(max_open);
  options.lookback = lookback;

  auto state = std::make_shared<LiveFeedState>(options.alerts, options.max_open);
  adapters::http::LivePageSources sources;
  sources.opportunities = [state] { return state->open_opportunities(); };
  sources.alerts = [state] { return state->recent_alerts(); };
  if (context.embedded_registry() != nullptr) {
    sources.non_html_root = [](const adapters::http::HttpRequest&) {
      return adapters::http::json_response(200, nlohmann::json::object(),
                                           adapters::http::kSchemaRegistryContentType);
    };
  }
  auto stream = adapters::http::add_live_page_routes(server, std::move(sources));
  // The context outlives the feed: BusContext destroys its live page first.
  auto feed = std::make_unique<LiveFeed>(
      context.bus().client_properties(), [&context] { return context.make_serde(); },
      std::move(state), std::move(stream), options);
  feed->start();
  return feed;
}

}  // namespace sharpline::cli
