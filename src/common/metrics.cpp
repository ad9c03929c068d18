#include "common/metrics.hpp"

#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace sharpline {
namespace {

std::string escape_label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

// HELP lines escape only backslash and line feed (label values also escape the double quote).
std::string escape_help(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string format_labels(const Labels& labels) {
  if (labels.empty()) return "";
  std::string out = "{";
  bool first = true;
  for (const auto& [name, value] : labels) {
    if (!first) out += ",";
    first = false;
    out += name + "=\"" + escape_label(value) + "\"";
  }
  return out + "}";
}

std::string format_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // Shortest text that reads back as the same double: le="0.00025", not "0.00025000000000000001".
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return error == std::errc() ? std::string(buffer, end) : std::string("NaN");
}

}  // namespace

void Counter::inc(double by) {
  double current = value_.load(std::memory_order_relaxed);
  while (!value_.compare_exchange_weak(current, current + by, std::memory_order_relaxed)) {
  }
}

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)),
      buckets_(std::make_unique<std::atomic<uint64_t>[]>(bounds_.size() + 1)) {}

void Histogram::observe(double value) {
  std::size_t i = 0;
  while (i < bounds_.size() && value > bounds_[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.inc(value);
  count_.fetch_add(1, std::memory_order_relaxed);
}

std::vector<uint64_t> Histogram::bucket_counts() const {
  std::vector<uint64_t> counts(bounds_.size() + 1);
  for (std::size_t i = 0; i < counts.size(); ++i)
    counts[i] = buckets_[i].load(std::memory_order_relaxed);
  return counts;
}

std::vector<double> latency_buckets_seconds() {
  return {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
          0.05,    0.1,    0.25,    0.5,    1.0,   2.5,    5.0,   10.0};
}

Histogram& MetricsRegistry::histogram(const std::string& name, const std::string& help,
                                      std::vector<double> bounds, const Labels& labels) {
  std::lock_guard lock(mutex_);
  Family& family = families_[name];
  if (family.type.empty()) family = Family{"histogram", help, {}, {}, {}};
  if (family.type != "histogram") throw std::logic_error("metric " + name + " is not a histogram");
  auto& slot = family.histograms[labels];
  if (!slot) slot = std::make_unique<Histogram>(std::move(bounds));
  return *slot;
}

Counter& MetricsRegistry::counter(const std::string& name, const std::string& help,
                                  const Labels& labels) {
  std::lock_guard lock(mutex_);
  Family& family = families_[name];
  if (family.type.empty()) family = Family{"counter", help, {}, {}, {}};
  if (family.type != "counter") throw std::logic_error("metric " + name + " is not a counter");
  auto& slot = family.counters[labels];
  if (!slot) slot = std::make_unique<Counter>();
  return *slot;
}

Gauge& MetricsRegistry::gauge(const std::string& name, const std::string& help,
                              const Labels& labels) {
  std::lock_guard lock(mutex_);
  Family& family = families_[name];
  if (family.type.empty()) family = Family{"gauge", help, {}, {}, {}};
  if (family.type != "gauge") throw std::logic_error("metric " + name + " is not a gauge");
  auto& slot = family.gauges[labels];
  if (!slot) slot = std::make_unique<Gauge>();
  return *slot;
}

std::string MetricsRegistry::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, family] : families_) {
    out.append("# HELP ").append(name).append(" ").append(escape_help(family.help));
    out.append("\n# TYPE ").append(name).append(" ").append(family.type).append("\n");
    for (const auto& [labels, counter] : family.counters) {
      out += name + format_labels(labels) + " " + format_value(counter->value()) + "\n";
    }
    for (const auto& [labels, gauge] : family.gauges) {
      out += name + format_labels(labels) + " " + format_value(gauge->value()) + "\n";
    }
    for (const auto& [labels, histogram] : family.histograms) {
      const auto counts = histogram->bucket_counts();
      uint64_t cumulative = 0;
      for (std::size_t i = 0; i < counts.size(); ++i) {
        cumulative += counts[i];
        Labels with_le = labels;
        with_le["le"] =
            i < histogram->bounds().size() ? format_value(histogram->bounds()[i]) : "+Inf";
        out += name + "_bucket" + format_labels(with_le) + " " + std::to_string(cumulative) + "\n";
      }
      out += name + "_sum" + format_labels(labels) + " " + format_value(histogram->sum()) + "\n";
      // The +Inf bucket, not count(): a scrape racing observe() must still see _count equal to
      // the +Inf bucket, as Prometheus requires.
      out += name + "_count" + format_labels(labels) + " " + std::to_string(cumulative) + "\n";
    }
  }
  return out;
}

MetricsRegistry& MetricsRegistry::global() {
  static MetricsRegistry registry;
  return registry;
}

}  // namespace sharpline
