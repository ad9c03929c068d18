#include "cli/stage_host.hpp"

#include <thread>

#include "adapters/http/http_server.hpp"
#include "common/logging.hpp"
#include "common/signals.hpp"
#include "runtime/stream/stage_runner.hpp"
#include "serde/base64.hpp"

namespace sharpline::cli {

using runtime::stream::RunnerState;

// Dead letters in the registry's DeadLetter schema; the original bytes travel as base64 in the
// natural JSON mapping, i.e. as Avro bytes on the wire.
runtime::stream::DeadLetterEncoder dead_letter_encoder(serde::TopicSerde& serde) {
  return [&serde](const runtime::stream::DeadLetter& letter) {
    nlohmann::json record = {{"source_topic", letter.source_topic},
                             {"source_partition", letter.source_partition},
                             {"source_offset", letter.source_offset},
                             {"source_timestamp_ms", letter.source_timestamp_ms},
                             {"error_kind", letter.error_kind},
                             {"reason", letter.error_class + ": " + letter.reason},
                             {"stage", letter.stage},
                             {"failed_ms", letter.failed_ms}};
    record["key"] =
        letter.key
            ? nlohmann::json(serde::base64_encode(
                  {reinterpret_cast<const uint8_t*>(letter.key->data()), letter.key->size()}))
            : nlohmann::json();
    record["value"] =
        letter.value ? nlohmann::json(serde::base64_encode(*letter.value)) : nlohmann::json();
    nlohmann::json headers = nlohmann::json::object();
    for (const auto& h : letter.headers) headers[h.name] = h.value;
    record["headers"] = headers;
    std::vector<uint8_t> bytes;
    serde.encode(runtime::stream::kDeadLetterTopic, record, bytes);
    return bytes;
  };
}

runtime::stream::RunnerOptions runner_options_from_config(const Config& config,
                                                          BusContext& context) {
  runtime::stream::RunnerOptions options;
  options.kafka = context.bus().client_properties();
  options.instance_id = config.get_or("instance.id", default_instance_id());
  const std::string guarantee = config.get_or("stage.processing.guarantee", "exactly_once");
  if (guarantee != "exactly_once" && guarantee != "at_least_once") {
    throw ConfigError("stage.processing.guarantee must be exactly_once or at_least_once, got '" +
                      guarantee + "'");
  }
  options.guarantee = guarantee == "exactly_once"
                          ? runtime::stream::ProcessingGuarantee::kExactlyOnce
                          : runtime::stream::ProcessingGuarantee::kAtLeastOnce;
  options.commit_interval_ms = config.get_int("stage.commit.interval.ms");
  options.state_dir = config.get_or("stage.state.dir", "");
  options.rebalance_protocol = config.get_or("stage.rebalance.protocol", "eager");
  if (options.rebalance_protocol != "eager" && options.rebalance_protocol != "cooperative-sticky") {
    throw ConfigError("stage.rebalance.protocol must be eager or cooperative-sticky");
  }
  options.idle_partition_timeout_ms = config.get_int("stage.idle.timeout.ms");
  options.retry_backoff_ms = config.get_int("stage.retry.backoff.ms");
  options.retry_backoff_max_ms = config.get_int("stage.retry.backoff.max.ms");
  const std::string mirror = config.get_or("stage.mirror.offset.commits", "auto");
  options.mirror_offset_commits =
      mirror == "true" || (mirror == "auto" && context.bus().owns_broker());
  options.dead_letter_encoder = dead_letter_encoder(context.serde());
  return options;
}

int run_until_signalled(runtime::stream::StageRunner& runner, ShutdownSignals& signals,
                        const std::function<bool()>& stop_when) {
  std::thread watcher([&] {
    while (runner.state() != RunnerState::kStopped && runner.state() != RunnerState::kFailed) {
      if (signals.wait_for(100) || (stop_when && stop_when())) {
        runner.stop();
        return;
      }
    }
  });
  int code = 0;
  try {
    runner.run();
  } catch (const std::exception& e) {
    log_error("stage failed", {{"error", e.what()}});
    code = 1;
  }
  runner.stop();
  watcher.join();
  return code;
}

int host_stage(runtime::stream::StageDefinition stage, BusContext& context,
               const std::function<bool()>& stop_when, runtime::stream::StageStats* stats) {
  ShutdownSignals signals;
  const std::string name = stage.name;
  runtime::stream::StageRunner runner(std::move(stage),
                                      runner_options_from_config(context.config(), context));
  context.set_readiness([&runner] { return runner.ready(); });
  context.set_health([&runner] {
    const RunnerState state = runner.state();
    return std::pair<bool, std::string>{state != RunnerState::kFailed,
                                        runtime::stream::to_string(state)};
  });
  const std::string http_address = context.start_http();
  log_info("stage hosted", {{"stage", name}, {"http", http_address}});
  const int code = run_until_signalled(runner, signals, stop_when);
  if (stats != nullptr) *stats = runner.stats();
  context.set_readiness({});
  context.set_health({});
  return code;
}

}  // namespace sharpline::cli
