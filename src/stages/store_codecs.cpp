#include "stages/store_codecs.hpp"

#include <nlohmann/json.hpp>

#include "serde/pipeline_record_json.hpp"
#include "serde/record_json.hpp"

namespace sharpline::stages {
namespace {

using nlohmann::json;

json optional_point(const std::optional<double>& point) {
  return point ? json(*point) : json();
}

std::optional<double> point_of(const json& value) {
  return value.is_null() ? std::nullopt : std::optional<double>(value.get<double>());
}

json outcome_json(const domain::OutcomeView& o) {
  return {{"outcome", o.outcome},
          {"point", optional_point(o.point)},
          {"best_price", o.best_price},
          {"best_book", o.best_book},
          {"consensus_probability", o.consensus_probability},
          {"opening_price", optional_point(o.opening_price)},
          {"books_quoting", o.books_quoting}};
}

domain::OutcomeView outcome_of(const json& j) {
  domain::OutcomeView o;
  o.outcome = j.at("outcome").get<std::string>();
  o.point = point_of(j.at("point"));
  o.best_price = j.at("best_price").get<double>();
  o.best_book = j.at("best_book").get<std::string>();
  o.consensus_probability = j.at("consensus_probability").get<double>();
  o.opening_price = point_of(j.at("opening_price"));
  o.books_quoting = j.at("books_quoting").get<int32_t>();
  return o;
}

json market_json(const FeaturesMarket& m) {
  const auto& s = m.state;
  json prices = json::array();
  for (const auto& p : s.prices) {
    prices.push_back(
        {p.book, p.outcome, optional_point(p.point), p.price, p.observed_ms, p.changed_ms});
  }
  json openings = json::array();
  for (const auto& o : s.openings) {
    openings.push_back({o.outcome, optional_point(o.point), o.book, o.price, o.at_ms});
  }
  json moves = json::array();
  for (const auto& mv : s.moves) {
    moves.push_back(
        {mv.book, mv.outcome, optional_point(mv.point), mv.from_price, mv.to_price, mv.at_ms});
  }
  json emitted = json::array();
  for (const auto& o : m.emitted.outcomes) emitted.push_back(outcome_json(o));
  return {{"event_id", s.event_id},
          {"sport", s.sport},
          {"market", s.market},
          {"commence_ms", s.commence_ms ? json(*s.commence_ms) : json()},
          {"as_of_ms", s.as_of_ms},
          {"prices", prices},
          {"openings", openings},
          {"moves", moves},
          {"emitted", emitted},
          {"steam_key", m.emitted.steam_key ? json(*m.emitted.steam_key) : json()},
          {"steam_ms", m.emitted.steam_ms},
          {"emitted_ms", m.emitted.emitted_ms},
          {"dirty", m.dirty}};
}

FeaturesMarket market_of(const json& j) {
  FeaturesMarket m;
  auto& s = m.state;
  s.event_id = j.at("event_id").get<std::string>();
  s.sport = j.at("sport").get<std::string>();
  s.market = j.at("market").get<std::string>();
  if (!j.at("commence_ms").is_null()) s.commence_ms = j.at("commence_ms").get<int64_t>();
  s.as_of_ms = j.at("as_of_ms").get<int64_t>();
  for (const auto& p : j.at("prices")) {
    s.prices.push_back({p[0].get<std::string>(), p[1].get<std::string>(), point_of(p[2]),
                        p[3].get<double>(), p[4].get<int64_t>(), p[5].get<int64_t>()});
  }
  for (const auto& o : j.at("openings")) {
    s.openings.push_back({o[0].get<std::string>(), point_of(o[1]), o[2].get<std::string>(),
                          o[3].get<double>(), o[4].get<int64_t>()});
  }
  for (const auto& mv : j.at("moves")) {
    s.moves.push_back({mv[0].get<std::string>(), mv[1].get<std::string>(), point_of(mv[2]),
                       mv[3].get<double>(), mv[4].get<double>(), mv[5].get<int64_t>()});
  }
  for (const auto& o : j.at("emitted")) m.emitted.outcomes.push_back(outcome_of(o));
  if (!j.at("steam_key").is_null()) m.emitted.steam_key = j.at("steam_key").get<std::string>();
  m.emitted.steam_ms = j.at("steam_ms").get<int64_t>();
  m.emitted.emitted_ms = j.at("emitted_ms").get<int64_t>();
  m.dirty = j.at("dirty").get<bool>();
  return m;
}

template <typename V, typename ToJson, typename FromJson>
runtime::stream::StoreCodec<V> json_codec(ToJson to, FromJson from) {
  runtime::stream::StoreCodec<V> codec;
  codec.encode = [to](const V& value, std::string& out) { out = to(value).dump(); };
  codec.decode = [from](std::string_view bytes) { return from(json::parse(bytes)); };
  return codec;
}

}  // namespace

runtime::stream::StoreCodec<FeaturesMarket> features_market_codec() {
  auto codec = json_codec<FeaturesMarket>(market_json, market_of);
  codec.heap_bytes = [](const FeaturesMarket& m) {
    return m.state.prices.capacity() * sizeof(domain::market::BookPrice) +
           m.state.openings.capacity() * sizeof(domain::market::OpeningPrice) +
           m.state.moves.capacity() * sizeof(domain::market::PriceMove) +
           m.emitted.outcomes.capacity() * sizeof(domain::OutcomeView);
  };
  return codec;
}

runtime::stream::StoreCodec<FeaturesEvent> features_event_codec() {
  return json_codec<FeaturesEvent>(
      [](const FeaturesEvent& e) {
        return json{{"weather", e.weather ? serde::to_json(*e.weather) : json()}};
      },
      [](const json& j) {
        FeaturesEvent e;
        if (!j.at("weather").is_null()) e.weather = serde::weather_report_from_json(j["weather"]);
        return e;
      });
}

runtime::stream::StoreCodec<OpenMarket> open_market_codec() {
  return json_codec<OpenMarket>(
      [](const OpenMarket& m) {
        json open = json::array();
        for (const auto& o : m.open) open.push_back(serde::to_json(o));
        return json{{"open", open},
                    {"prediction", m.prediction ? serde::to_json(*m.prediction) : json()},
                    {"commence_ms", m.commence_ms ? json(*m.commence_ms) : json()}};
      },
      [](const json& j) {
        OpenMarket m;
        for (const auto& o : j.at("open")) m.open.push_back(serde::opportunity_from_json(o));
        if (!j.at("prediction").is_null()) {
          m.prediction = serde::prediction_from_json(j["prediction"]);
        }
        if (!j.at("commence_ms").is_null()) m.commence_ms = j["commence_ms"].get<int64_t>();
        return m;
      });
}

}  // namespace sharpline::stages
