#include "adapters/ml/prediction_lock.hpp"

#include <cinttypes>
#include <cstdio>
#include <optional>

#include "adapters/ml/sha256.hpp"

namespace sharpline::adapters::ml {
namespace {

class Writer {
 public:
  void field(const char* name) {
    out_ += name;
    out_ += '=';
  }
  void end() { out_ += '\n'; }
  void sep() { out_ += ';'; }

  void str(const std::string& value) {
    out_ += 's';
    out_ += std::to_string(value.size());
    out_ += ':';
    out_ += value;
  }
  void integer(int64_t value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "i%" PRId64, value);
    out_ += buffer;
  }
  void number(double value) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "d%.17g", value);
    out_ += buffer;
  }
  template <typename T, typename F>
  void optional(const std::optional<T>& value, F&& write) {
    if (value) {
      write(*value);
    } else {
      out_ += '-';
    }
  }
  void raw(std::string_view text) { out_ += text; }

  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace

std::string canonical_prediction_text(const domain::Prediction& p) {
  Writer w;
  w.raw("sharpline.prediction.lock.v1\n");
  const auto str_field = [&](const char* name, const std::string& value) {
    w.field(name);
    w.str(value);
    w.end();
  };
  const auto int_field = [&](const char* name, int64_t value) {
    w.field(name);
    w.integer(value);
    w.end();
  };
  const auto write_number = [&](double v) { w.number(v); };
  const auto write_string = [&](const std::string& v) { w.str(v); };

  str_field("prediction_id", p.prediction_id);
  str_field("event_id", p.event_id);
  str_field("sport", p.sport);
  str_field("market", p.market);
  int_field("as_of_ms", p.as_of_ms);
  int_field("created_ms", p.created_ms);
  str_field("model_name", p.model_name);
  str_field("model_version", p.model_version);
  w.field("role");
  w.raw(domain::model_role_key(p.role));
  w.end();

  w.field("outcomes");
  w.raw(("[" + std::to_string(p.outcomes.size())).c_str());
  for (const auto& o : p.outcomes) {
    w.sep();
    w.str(o.outcome);
    w.sep();
    w.optional(o.point, write_number);
    w.sep();
    w.number(o.probability);
  }
  w.raw("]");
  w.end();

  w.field("contributions");
  w.raw(("[" + std::to_string(p.contributions.size())).c_str());
  for (const auto& c : p.contributions) {
    w.sep();
    w.str(c.feature);
    w.sep();
    w.number(c.value);
    w.sep();
    w.optional(c.outcome, write_string);
  }
  w.raw("]");
  w.end();

  w.field("base_value");
  w.optional(p.base_value, write_number);
  w.end();
  w.field("commence_ms");
  w.optional(p.commence_ms, [&](int64_t v) { w.integer(v); });
  w.end();
  return w.take();
}

std::string prediction_lock(const domain::Prediction& prediction) {
  return sha256_hex(canonical_prediction_text(prediction));
}

bool verify_prediction_lock(const domain::Prediction& prediction) {
  return !prediction.lock_sha256.empty() && prediction.lock_sha256 == prediction_lock(prediction);
}

}  // namespace sharpline::adapters::ml
