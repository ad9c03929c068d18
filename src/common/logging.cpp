#include "common/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <mutex>
#include <stdexcept>

namespace sharpline {
namespace {

// Structured fields travel from log_*() to the formatter through the message text: the message
// is a JSON object already, so the formatter only adds the stable fields around it.
class JsonLineFormatter final : public spdlog::formatter {
 public:
  JsonLineFormatter(std::string stage, std::string instance)
      : stage_(std::move(stage)), instance_(std::move(instance)) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    nlohmann::json line;
    line["time"] = iso_time(msg.time);
    line["level"] = std::string(spdlog::level::to_string_view(msg.level).data(),
                                spdlog::level::to_string_view(msg.level).size());
    line["stage"] = stage_;
    line["instance"] = instance_;
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    auto fields = nlohmann::json::parse(payload, nullptr, false);
    if (fields.is_object() && fields.contains("msg")) {
      for (auto& [key, value] : fields.items()) line[key] = value;
    } else {
      line["msg"] = std::string(payload);
    }
    const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    dest.append(text.data(), text.data() + text.size());
    dest.push_back('\n');
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonLineFormatter>(stage_, instance_);
  }

 private:
  static std::string iso_time(spdlog::log_clock::time_point time) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[32];
    const auto n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
    char out[48];
    std::snprintf(out, sizeof out, "%.*s.%03dZ", static_cast<int>(n), buffer,
                  static_cast<int>(ms % 1000));
    return out;
  }

  std::string stage_;
  std::string instance_;
};

// Text format: readable for people at a terminal; fields follow the message as JSON.
class TextLineFormatter final : public spdlog::formatter {
 public:
  explicit TextLineFormatter(std::string stage) : stage_(std::move(stage)) {
    inner_ = std::make_unique<spdlog::pattern_formatter>("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [" + stage_ +
                                                         "] %v");
  }
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    auto fields = nlohmann::json::parse(payload, nullptr, false);
    if (fields.is_object() && fields.contains("msg")) {
      std::string text = fields["msg"].get<std::string>();
      fields.erase("msg");
      if (!fields.empty()) text += " " + fields.dump();
      spdlog::details::log_msg copy(msg);
      copy.payload = text;
      inner_->format(copy, dest);
      return;
    }
    inner_->format(msg, dest);
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<TextLineFormatter>(stage_);
  }

 private:
  std::string stage_;
  std::unique_ptr<spdlog::formatter> inner_;
};

void log_at(spdlog::level::level_enum level, std::string_view msg, const nlohmann::json& fields) {
  if (!spdlog::should_log(level)) return;
  nlohmann::json line = fields.is_object() ? fields : nlohmann::json::object();
  line["msg"] = std::string(msg);
  spdlog::log(level, "{}", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

std::string default_instance_id() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] != '\0' ? host : "sharpline") + "-" + std::to_string(getpid());
}

void init_logging(const LogSettings& settings) {
  const auto level = spdlog::level::from_str(settings.level);
  if (level == spdlog::level::off && settings.level != "off") {
    throw std::invalid_argument("unknown log level '" + settings.level +
                                "' (trace, debug, info, warn, error, off)");
  }
  // Not registered under a fixed name, so init_logging() may run again (tests, subcommands).
  auto logger = std::make_shared<spdlog::logger>(
      "sharpline",
      std::make_shared<spdlog::sinks::stderr_color_sink_mt>(spdlog::color_mode::never));
  const std::string instance =
      settings.instance.empty() ? default_instance_id() : settings.instance;
  if (settings.format == "json") {
    logger->set_formatter(std::make_unique<JsonLineFormatter>(settings.stage, instance));
  } else if (settings.format == "text") {
    logger->set_formatter(std::make_unique<TextLineFormatter>(settings.stage));
  } else {
    throw std::invalid_argument("unknown log format '" + settings.format + "' (json, text)");
  }
  logger->set_level(level);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(std::move(logger));
}

void log_debug(std::string_view msg, const nlohmann::json& fields) {
  log_at(spdlog::level::debug, msg, fields);
}
void log_info(std::string_view msg, const nlohmann::json& fields) {
  log_at(spdlog::level::info, msg, fields);
}
void log_warn(std::string_view msg, const nlohmann::json& fields) {
  log_at(spdlog::level::warn, msg, fields);
}
void log_error(std::string_view msg, const nlohmann::json& fields) {
  log_at(spdlog::level::err, msg, fields);
}

}  // namespace sharpline
