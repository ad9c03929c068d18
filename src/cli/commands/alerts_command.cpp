// `sharpline alerts webhook`: one delivery thread per subscriber (each in its own consumer
// group), HTTP endpoints whose /ready means every subscriber has its partitions, and a prompt
// stop on SIGINT/SIGTERM, even in the middle of a backoff.
#include "cli/commands/alerts_command.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>

#include "adapters/alerts/subscriber_config.hpp"
#include "adapters/alerts/webhook_worker.hpp"
#include "adapters/http/url.hpp"
#include "cli/args.hpp"
#include "cli/bus_context.hpp"
#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/stage_host.hpp"
#include "common/logging.hpp"
#include "common/signals.hpp"

namespace sharpline::cli {
namespace {

namespace alerts = adapters::alerts;

alerts::SubscriberDefaults defaults_from_config(const Config& config) {
  const auto positive = [&config](const std::string& key, long long min) {
    const long long value = config.get_int(key);
    if (value < min) {
      throw UsageError(key + " must be at least " + std::to_string(min) + ", got " +
                       std::to_string(value));
    }
    return value;
  };
  alerts::SubscriberDefaults defaults;
  defaults.max_attempts = static_cast<int>(positive("alerts.webhook.max.attempts", 1));
  defaults.backoff_initial =
      std::chrono::milliseconds(positive("alerts.webhook.backoff.initial.ms", 0));
  defaults.backoff_max = std::chrono::milliseconds(positive("alerts.webhook.backoff.max.ms", 0));
  defaults.timeout = std::chrono::milliseconds(positive("alerts.webhook.timeout.ms", 1));
  defaults.retry_after_max =
      std::chrono::milliseconds(positive("alerts.webhook.retry.after.max.ms", 0));
  return defaults;
}

nlohmann::json describe(const alerts::Subscriber& subscriber) {
  const auto& filter = subscriber.filter;
  nlohmann::json filters = {{"sports", filter.sports}, {"kinds", filter.kinds}};
  filters["min_ev"] = filter.min_ev ? nlohmann::json(*filter.min_ev) : nlohmann::json();
  filters["min_severity"] = filter.min_severity
                                ? nlohmann::json(std::string(to_string(*filter.min_severity)))
                                : nlohmann::json();
  return {{"id", subscriber.id},
          {"url", adapters::http::redact_url(subscriber.url)},
          {"group", alerts::webhook_group_id(subscriber.id)},
          {"filters", filters},
          {"max_attempts", subscriber.max_attempts},
          {"backoff",
           {{"initial_ms", subscriber.backoff_initial.count()},
            {"max_ms", subscriber.backoff_max.count()}}},
          {"timeout_ms", subscriber.timeout.count()},
          {"retry_after_max_ms", subscriber.retry_after_max.count()}};
}

// A worker with the serde its thread owns (TopicSerde is not thread-safe).
struct Slot {
  std::unique_ptr<serde::TopicSerde> serde;
  std::unique_ptr<alerts::WebhookWorker> worker;
  std::atomic<bool> failed{false};
};

int run_webhook(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline alerts webhook",
                   "Deliver alerts (sharpline.alerts.v1) as signed JSON POSTs to the webhook "
                   "subscribers of a subscribers file, with filters, retries with backoff and a "
                   "dead letter per subscriber (docs/alerts.md). Runs until SIGINT or SIGTERM.");
  parser
      .option("subscribers", "FILE",
              "Subscribers file (JSON; default: alerts.webhook.subscribers).")
      .flag("check",
            "Validate the subscribers file, print the subscribers (URLs redacted) and exit.");
  add_common_options(parser, kConfigOptions | kBusOptions | kHttpOptions);
  const ParsedArgs parsed = parser.parse(args);
  const Config config = config_from_args(parsed);
  const std::string path =
      parsed.get_or("subscribers", config.get_or("alerts.webhook.subscribers", ""));
  if (path.empty()) parser.fail("missing --subscribers (or alerts.webhook.subscribers)");
  std::vector<alerts::Subscriber> subscribers;
  try {
    subscribers = alerts::load_subscribers(path, defaults_from_config(config));
  } catch (const alerts::SubscriberConfigError& e) {
    throw UsageError("sharpline alerts webhook: " + std::string(e.what()));
  }
  if (parsed.has("check")) {
    for (const auto& subscriber : subscribers) out << describe(subscriber).dump() << "\n";
    return 0;
  }
  init_command_logging(config, "alerts-webhook");

  ShutdownSignals signals;  // before any thread, so every thread inherits the blocked mask
  // Declared before the context: its HTTP server (whose probes read the slots) stops first.
  std::vector<std::unique_ptr<Slot>> slots;
  auto context = BusContext::open(config);
  (void)context->bus().topic(alerts::kAlertsTopic);  // undeclared: a clear error, not a wait
  alerts::WebhookWorkerOptions options;
  options.kafka = context->bus().client_properties();
  options.instance_id = config.get_or("instance.id", default_instance_id());

  for (auto& subscriber : subscribers) {
    log_info("webhook subscriber configured", describe(subscriber));
    auto slot = std::make_unique<Slot>();
    slot->serde = context->make_serde();
    slot->worker = std::make_unique<alerts::WebhookWorker>(
        std::move(subscriber), options, *slot->serde, dead_letter_encoder(*slot->serde));
    slots.push_back(std::move(slot));
  }
  context->set_readiness([&slots] {
    return std::all_of(slots.begin(), slots.end(),
                       [](const auto& s) { return s->worker->ready(); });
  });
  context->set_health([&slots] {
    for (const auto& slot : slots) {
      if (slot->failed.load())
        return std::pair<bool, std::string>{false, slot->worker->id() + " failed"};
    }
    return std::pair<bool, std::string>{true, "running"};
  });
  const std::string http_address = context->start_http();
  log_info("webhook delivery started",
           {{"subscribers", slots.size()}, {"http", http_address}, {"subscribers_file", path}});

  std::vector<std::jthread> threads;
  threads.reserve(slots.size());
  for (auto& slot : slots) {
    threads.emplace_back([raw = slot.get()](const std::stop_token& stop) {
      try {
        raw->worker->run(stop);
      } catch (const std::exception& e) {
        log_error("webhook subscriber failed",
                  {{"subscriber", raw->worker->id()}, {"error", e.what()}});
        raw->failed.store(true);
      }
    });
  }
  // A failed subscriber stops the process (exit 1) so a supervisor restarts it; the others'
  // uncommitted alerts are sent again then (at-least-once).
  const auto any_failed = [&slots] {
    return std::any_of(slots.begin(), slots.end(), [](const auto& s) { return s->failed.load(); });
  };
  while (!signals.wait_for(100) && !any_failed()) {
  }
  for (auto& thread : threads) thread.request_stop();
  for (auto& thread : threads) thread.join();
  context->set_readiness({});
  context->set_health({});
  nlohmann::json summary = nlohmann::json::object();
  for (const auto& slot : slots) {
    const auto& stats = slot->worker->stats();
    summary[slot->worker->id()] = {{"delivered", stats.delivered.load()},
                                   {"dead_lettered", stats.dead_lettered.load()},
                                   {"filtered", stats.filtered.load()},
                                   {"expired", stats.expired.load()},
                                   {"failed", slot->failed.load()}};
  }
  const bool failed = any_failed();
  // Consumers leave their groups while an embedded broker (owned by the context) still runs.
  slots.clear();
  out << nlohmann::json{{"subscribers", summary}}.dump() << std::endl;
  return failed ? 1 : 0;
}

constexpr const char* kUsage =
    "Usage: sharpline alerts <subcommand> [options]\n\n"
    "Subcommands:\n"
    "  webhook    Deliver alerts as signed JSON POSTs to webhook subscribers.\n\n"
    "Run 'sharpline alerts <subcommand> --help' for its options.\n";

}  // namespace

int run_alerts_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  const std::string sub = args.empty() ? "" : args[0];
  return run_with_exit_codes("sharpline alerts " + sub, out, err, [&] {
    if (sub == "webhook") return run_webhook(args.subspan(1), out);
    if (sub == "--help" || sub == "-h" || sub == "help") {
      out << kUsage;
      return 0;
    }
    if (sub.empty()) throw UsageError("sharpline alerts: missing subcommand (webhook; see --help)");
    throw UsageError("sharpline alerts: unknown subcommand '" + sub + "' (see --help)");
  });
}

}  // namespace sharpline::cli
