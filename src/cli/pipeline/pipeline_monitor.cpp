#include "cli/pipeline/pipeline_monitor.hpp"

#include <librdkafka/rdkafka.h>

#include "common/logging.hpp"
#include "domain/opportunities/alert_text.hpp"
#include "runtime/kafka/consumer.hpp"
#include "runtime/stream/dead_letter.hpp"
#include "serde/pipeline_record_json.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::cli {

PipelineMonitor::PipelineMonitor(BusContext& context, std::ostream& alerts, bool print_alerts,
                                 std::ostream* opportunities_out, std::ostream* grades_out)
    : context_(context),
      serde_(context.make_serde()),
      alerts_(alerts),
      print_alerts_(print_alerts),
      opportunities_out_(opportunities_out),
      grades_out_(grades_out) {}

PipelineMonitor::~PipelineMonitor() {
  stop();
}

void PipelineMonitor::start() {
  thread_ = std::thread([this] { loop(); });
}

void PipelineMonitor::stop() {
  stop_.store(true);
  if (thread_.joinable()) thread_.join();
}

MonitorTotals PipelineMonitor::totals() const {
  const std::lock_guard lock(mutex_);
  return totals_;
}

void PipelineMonitor::loop() {
  auto properties = context_.bus().client_properties();
  properties["group.id"] = "sharpline-run-monitor";
  properties["isolation.level"] = "read_committed";
  properties["fetch.wait.max.ms"] = "10";
  runtime::kafka::Consumer consumer(properties);
  consumer.assign_all(
      {stages::kFeaturesTopic, stages::kPredictionsTopic, stages::kOpportunitiesTopic,
       stages::kAlertsTopic, stages::kGradesTopic, runtime::stream::kDeadLetterTopic},
      runtime::kafka::StartAt::kBeginning);
  while (!stop_.load()) {
    auto message = consumer.poll(50);
    if (!message || message->err != RD_KAFKA_RESP_ERR_NO_ERROR) continue;
    const std::string topic = rd_kafka_topic_name(message->rkt);
    try {
      handle(topic, {static_cast<const uint8_t*>(message->payload), message->len});
    } catch (const std::exception& e) {
      log_warn("monitor could not read a record", {{"topic", topic}, {"error", e.what()}});
    }
    read_.fetch_add(1);
  }
}

void PipelineMonitor::handle(const std::string& topic, std::span<const uint8_t> value) {
  std::optional<domain::Alert> alert;
  {
    const std::lock_guard lock(mutex_);
    ++totals_.records[topic];
    if (topic == runtime::stream::kDeadLetterTopic) {
      ++totals_.deadletter;
      return;
    }
    if (topic == stages::kFeaturesTopic) return;  // counted; not decoded
    const auto json = serde_->decode(value);
    if (topic == stages::kPredictionsTopic) {
      ++totals_.predictions;
    } else if (topic == stages::kOpportunitiesTopic) {
      const auto o = serde::opportunity_from_json(json);
      if (o.state == domain::OpportunityState::kOpen) {
        ++totals_.opened[o.kind];
        ++totals_.tiers[o.kind][o.tier.value_or("-")];
      }
      if (opportunities_out_ != nullptr) *opportunities_out_ << json.dump() << "\n";
    } else if (topic == stages::kGradesTopic) {
      const auto g = serde::grade_from_json(json);
      if (grades_out_ != nullptr) *grades_out_ << json.dump() << "\n";
      if (g.kind == "prediction") {
        ++totals_.graded_predictions;
        totals_.brier_sum += g.brier.value_or(0.0);
        totals_.log_loss_sum += g.log_loss.value_or(0.0);
      } else {
        totals_.bets.add(g);
        totals_.by_strategy[g.strategy.value_or(g.kind)].add(g);
      }
    } else if (topic == stages::kAlertsTopic) {
      alert = serde::alert_from_json(json);
    }
  }
  if (alert && print_alerts_ && alert->kind != "closed") {
    alerts_ << domain::opportunities::alert_line(*alert) << std::endl;
  }
}

}  // namespace sharpline::cli
