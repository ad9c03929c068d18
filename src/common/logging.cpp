#include "common/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <ctime>
#include <mutex>
#include <stdexcept>

namespace sharpline {
namespace {

bool is_secret_field(std::string_view name) {
  std::string lower(name);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const std::string_view word :
       {"password", "passwd", "secret", "token", "api_key", "apikey", "authorization", "dsn"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

void redact_secret_fields(nlohmann::json& value) {
  if (value.is_object()) {
    for (auto& [key, field] : value.items()) {
      if (is_secret_field(key) && !field.is_null()) {
        field = "***";
      } else {
        redact_secret_fields(field);
      }
    }
  } else if (value.is_array()) {
    for (auto& item : value) redact_secret_fields(item);
  }
}

spdlog::level::level_enum parse_level(const std::string& level) {
  const auto parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off") {
    throw std::invalid_argument("unknown log level '" + level +
                                "' (trace, debug, info, warn, error, off)");
  }
  return parsed;
}

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
      redact_secret_fields(fields);
      for (auto& [key, value] : fields.items()) {
        if (key == "time" || key == "level" || key == "instance") continue;
        line[key] = value;
      }
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
    const auto seconds = static_cast<std::time_t>(ms / 1000);
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
      redact_secret_fields(fields);
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
  init_logging(settings,
               std::make_shared<spdlog::sinks::stderr_color_sink_mt>(spdlog::color_mode::never));
}

void init_logging(const LogSettings& settings, std::shared_ptr<spdlog::sinks::sink> sink) {
  const auto level = parse_level(settings.level);
  // Not registered under a fixed name, so init_logging() may run again (tests, subcommands).
  auto logger = std::make_shared<spdlog::logger>("sharpline", std::move(sink));
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

void set_log_level(const std::string& level) {
  spdlog::default_logger()->set_level(parse_level(level));
}

std::string log_level() {
  const auto name = spdlog::level::to_string_view(spdlog::default_logger()->level());
  return {name.data(), name.size()};
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
