// Process metrics in the Prometheus text exposition format (served at /metrics).
// Counters and gauges are lock-free to update; registration takes a lock once.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace sharpline {

class Counter {
 public:
  void inc(double by = 1.0);
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Gauge {
 public:
  void set(double value) { value_.store(value, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

// Cumulative-bucket histogram (Prometheus semantics). Buckets are upper bounds in the metric's
// unit; observe() is lock-free.
class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);
  void observe(double value);
  const std::vector<double>& bounds() const { return bounds_; }
  std::vector<uint64_t> bucket_counts() const;  // per bound, not cumulative; last is +Inf
  double sum() const { return sum_.value(); }
  uint64_t count() const { return count_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;
  Counter sum_;
  std::atomic<uint64_t> count_{0};
};

// Latency buckets in seconds, 50 us to 10 s.
std::vector<double> latency_buckets_seconds();

using Labels = std::map<std::string, std::string>;

class MetricsRegistry {
 public:
  // The same (name, labels) returns the same instrument. Names follow Prometheus rules and
  // carry the sharpline_ prefix by convention; help is shown once per family.
  Counter& counter(const std::string& name, const std::string& help, const Labels& labels = {});
  Gauge& gauge(const std::string& name, const std::string& help, const Labels& labels = {});
  Histogram& histogram(const std::string& name, const std::string& help, std::vector<double> bounds,
                       const Labels& labels = {});

  std::string render() const;

  static MetricsRegistry& global();

 private:
  struct Family {
    std::string type;
    std::string help;
    std::map<Labels, std::unique_ptr<Counter>> counters;
    std::map<Labels, std::unique_ptr<Gauge>> gauges;
    std::map<Labels, std::unique_ptr<Histogram>> histograms;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Family> families_;
};

}  // namespace sharpline
