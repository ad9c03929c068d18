// What `sharpline run` shows of the pipeline: a read_committed consumer over every stage output
// topic, counting records per topic, printing each alert as it arrives, and adding up
// opportunities (by kind and tier) and grades (bets, stake, profit, CLV). It reads what a
// downstream consumer would read, so the summary reports what is really on the bus.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <thread>

#include "cli/bus_context.hpp"
#include "domain/grading/grader.hpp"
#include "serde/topic_serde.hpp"

namespace sharpline::cli {

struct MonitorTotals {
  std::map<std::string, uint64_t> records;  // per topic
  uint64_t predictions = 0;
  std::map<std::string, uint64_t> opened;                        // per kind (OPEN records)
  std::map<std::string, std::map<std::string, uint64_t>> tiers;  // kind -> tier -> OPEN records
  domain::grading::StrategyTotals bets;                          // every graded opportunity
  std::map<std::string, domain::grading::StrategyTotals> by_strategy;
  uint64_t graded_predictions = 0;
  double brier_sum = 0.0;
  double log_loss_sum = 0.0;
  uint64_t deadletter = 0;
};

class PipelineMonitor {
 public:
  // Alerts go to `alerts` as they arrive (one line each) when print_alerts; every opportunity
  // and grade record goes to `opportunities_out` / `grades_out` as a JSON line when set.
  PipelineMonitor(BusContext& context, std::ostream& alerts, bool print_alerts,
                  std::ostream* opportunities_out, std::ostream* grades_out);
  ~PipelineMonitor();
  PipelineMonitor(const PipelineMonitor&) = delete;
  PipelineMonitor& operator=(const PipelineMonitor&) = delete;

  void start();
  void stop();
  MonitorTotals totals() const;
  // Records read so far, all topics.
  uint64_t records_read() const { return read_.load(); }

 private:
  void loop();
  void handle(const std::string& topic, std::span<const uint8_t> value);

  BusContext& context_;
  std::unique_ptr<serde::TopicSerde> serde_;
  std::ostream& alerts_;
  bool print_alerts_;
  std::ostream* opportunities_out_;
  std::ostream* grades_out_;
  mutable std::mutex mutex_;
  MonitorTotals totals_;
  std::atomic<uint64_t> read_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace sharpline::cli
