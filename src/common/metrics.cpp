#include "common/metrics.hpp"

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
  std::ostringstream out;
  out.precision(17);
  out << value;
  return out.str();
}

}  // namespace

void Counter::inc(double by) {
  double current = value_.load(std::memory_order_relaxed);
  while (!value_.compare_exchange_weak(current, current + by, std::memory_order_relaxed)) {
  }
}

Counter& MetricsRegistry::counter(const std::string& name, const std::string& help,
                                  const Labels& labels) {
  std::lock_guard lock(mutex_);
  Family& family = families_[name];
  if (family.type.empty()) family = Family{"counter", help, {}, {}};
  if (family.type != "counter") throw std::logic_error("metric " + name + " is not a counter");
  auto& slot = family.counters[labels];
  if (!slot) slot = std::make_unique<Counter>();
  return *slot;
}

Gauge& MetricsRegistry::gauge(const std::string& name, const std::string& help,
                              const Labels& labels) {
  std::lock_guard lock(mutex_);
  Family& family = families_[name];
  if (family.type.empty()) family = Family{"gauge", help, {}, {}};
  if (family.type != "gauge") throw std::logic_error("metric " + name + " is not a gauge");
  auto& slot = family.gauges[labels];
  if (!slot) slot = std::make_unique<Gauge>();
  return *slot;
}

std::string MetricsRegistry::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, family] : families_) {
    out += "# HELP " + name + " " + family.help + "\n# TYPE " + name + " " + family.type + "\n";
    for (const auto& [labels, counter] : family.counters) {
      out += name + format_labels(labels) + " " + format_value(counter->value()) + "\n";
    }
    for (const auto& [labels, gauge] : family.gauges) {
      out += name + format_labels(labels) + " " + format_value(gauge->value()) + "\n";
    }
  }
  return out;
}

MetricsRegistry& MetricsRegistry::global() {
  static MetricsRegistry registry;
  return registry;
}

}  // namespace sharpline
