#include "cli/pipeline/run_summary.hpp"

#include "domain/number_text.hpp"
#include "runtime/stream/dead_letter.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::cli {
namespace {

using nlohmann::json;

const std::vector<std::string>& output_topics() {
  static const std::vector<std::string> topics = {stages::kFeaturesTopic, stages::kPredictionsTopic,
                                                  stages::kOpportunitiesTopic, stages::kAlertsTopic,
                                                  stages::kGradesTopic};
  return topics;
}

json totals_json(const domain::grading::StrategyTotals& t) {
  return {{"bets", t.bets}, {"stake", t.stake},         {"profit", t.profit},
          {"roi", t.roi()}, {"clv_mean", t.mean_clv()}, {"beat_close_share", t.beat_close_share()}};
}

std::string fixed(double value, int digits) {
  return domain::fixed_text(value, digits);
}

}  // namespace

json RunSummary::to_json() const {
  // Records per topic: what the replay published, and what the stages committed (in-process)
  // or the monitor read (stages elsewhere).
  std::map<std::string, uint64_t> topics;
  for (const auto& [topic, n] : replay.published) topics[topic] = n;
  for (const auto& topic : output_topics()) {
    uint64_t n = 0;
    if (in_process) {
      for (const auto& [name, stats] : stages) {
        if (auto it = stats.produced.find(topic); it != stats.produced.end()) n += it->second;
      }
    } else if (auto it = monitor.records.find(topic); it != monitor.records.end()) {
      n = it->second;
    }
    topics[topic] = n;
  }
  uint64_t deadletter = replay.deadletter;
  if (in_process) {
    for (const auto& [name, stats] : stages) {
      if (auto it = stats.produced.find(runtime::stream::kDeadLetterTopic);
          it != stats.produced.end()) {
        deadletter += it->second;
      }
    }
  } else {
    deadletter = monitor.deadletter;
  }
  topics[runtime::stream::kDeadLetterTopic] = deadletter;

  json stage_json = json::object();
  bool nothing_lost = in_process;
  uint64_t consumed_total = 0;
  for (const auto& [name, stats] : stages) {
    json inputs = json::object();
    for (const auto& [topic, n] : stats.consumed) {
      const uint64_t on_topic = topics.contains(topic) ? topics.at(topic) : 0;
      inputs[topic] = {{"consumed", n}, {"on_topic", on_topic}};
      nothing_lost = nothing_lost && n == on_topic;
      consumed_total += n;
    }
    stage_json[name] = {
        {"inputs", inputs}, {"produced", stats.produced}, {"commits", stats.commits}};
  }
  // The monitor must have read every committed output record too.
  bool monitor_complete = true;
  for (const auto& topic : output_topics()) {
    const uint64_t read = monitor.records.contains(topic) ? monitor.records.at(topic) : 0;
    monitor_complete = monitor_complete && read == topics[topic];
  }

  json opportunities = json::object();
  for (const char* kind : {"value", "arbitrage", "middle", "steam"}) {
    opportunities[kind] = monitor.opened.contains(kind) ? monitor.opened.at(kind) : 0;
  }
  json tiers = json::object();
  for (const auto& [kind, by_tier] : monitor.tiers) tiers[kind] = by_tier;
  json by_strategy = json::object();
  for (const auto& [strategy, t] : monitor.by_strategy) by_strategy[strategy] = totals_json(t);

  const auto predictions_graded = static_cast<double>(monitor.graded_predictions);
  return {
      {"topics", topics},
      {"predictions", topics[stages::kPredictionsTopic]},
      {"opportunities", opportunities},
      {"graded", monitor.bets.bets},
      {"roi", monitor.bets.roi()},
      {"clv_mean", monitor.bets.mean_clv()},
      {"deadletter", deadletter},
      {"seconds", seconds},
      {"tiers", tiers},
      {"stake", monitor.bets.stake},
      {"profit", monitor.bets.profit},
      {"beat_close_share", monitor.bets.beat_close_share()},
      {"by_strategy", by_strategy},
      {"predictions_graded", monitor.graded_predictions},
      {"brier_mean", predictions_graded > 0 ? monitor.brier_sum / predictions_graded : 0.0},
      {"log_loss_mean", predictions_graded > 0 ? monitor.log_loss_sum / predictions_graded : 0.0},
      {"records_per_second",
       replay_seconds > 0 ? static_cast<double>(consumed_total) / replay_seconds : 0.0},
      {"replay",
       {{"seconds", replay_seconds},
        {"polls", replay.polls},
        {"results", replay.results},
        {"earlier_results", replay.earlier_results},
        {"barriers", replay.barriers},
        {"first_ms", replay.first_ms ? json(*replay.first_ms) : json()},
        {"last_ms", replay.last_ms ? json(*replay.last_ms) : json()},
        {"max_lag_seen", max_lag_seen}}},
      {"stages", stage_json},
      {"nothing_lost", nothing_lost},
      {"monitor_complete", monitor_complete},
      {"model", model},
  };
}

void print_summary(const RunSummary& summary, const json& j, std::ostream& out) {
  (void)summary;
  out << "\n== sharpline run summary ==\n";
  out << "records per topic:\n";
  for (const auto& [topic, n] : j.at("topics").items()) {
    out << "  " << topic << ": " << n.get<uint64_t>() << "\n";
  }
  out << "predictions: " << j.at("predictions").get<uint64_t>() << "\n";
  out << "opportunities opened:";
  for (const auto& [kind, n] : j.at("opportunities").items()) {
    out << " " << kind << " " << n.get<uint64_t>();
    if (j.at("tiers").contains(kind)) {
      out << " (";
      bool first = true;
      for (const auto& [tier, count] : j.at("tiers").at(kind).items()) {
        out << (first ? "" : " ") << tier << ":" << count.get<uint64_t>();
        first = false;
      }
      out << ")";
    }
    out << ";";
  }
  out << "\n";
  out << "graded bets: " << j.at("graded").get<int64_t>() << ", stake "
      << fixed(j.at("stake").get<double>(), 3) << " bankrolls, profit "
      << fixed(j.at("profit").get<double>(), 4) << ", ROI "
      << fixed(100 * j.at("roi").get<double>(), 2) << "%, mean CLV "
      << fixed(100 * j.at("clv_mean").get<double>(), 2) << "%, beat the close "
      << fixed(100 * j.at("beat_close_share").get<double>(), 1) << "%\n";
  for (const auto& [strategy, t] : j.at("by_strategy").items()) {
    out << "  " << strategy << ": " << t.at("bets").get<int64_t>() << " bets, ROI "
        << fixed(100 * t.at("roi").get<double>(), 2) << "%, CLV "
        << fixed(100 * t.at("clv_mean").get<double>(), 2) << "%\n";
  }
  out << "predictions graded: " << j.at("predictions_graded").get<uint64_t>() << ", mean Brier "
      << fixed(j.at("brier_mean").get<double>(), 4) << ", mean log loss "
      << fixed(j.at("log_loss_mean").get<double>(), 4) << "\n";
  out << "dead letters: " << j.at("deadletter").get<uint64_t>() << "\n";
  if (!j.at("stages").empty()) {
    out << "nothing lost (every stage consumed every record of its inputs): "
        << (j.at("nothing_lost").get<bool>() ? "yes" : "NO") << "\n";
  }
  out << "replay " << fixed(j.at("replay").at("seconds").get<double>(), 1) << " s, "
      << fixed(j.at("records_per_second").get<double>(), 0) << " records/s through the stages; run "
      << fixed(j.at("seconds").get<double>(), 1) << " s\n";
  out.flush();
}

}  // namespace sharpline::cli
