// `sharpline sink postgres`: consume events, predictions, opportunities and grades into
// PostgreSQL (adapters/postgres/postgres_sink.hpp) until SIGINT/SIGTERM, serving /health,
// /ready (false while the database is away) and /metrics.
#include "cli/commands/sink_command.hpp"

#include <ostream>

#include "adapters/postgres/migrations.hpp"
#include "adapters/postgres/postgres_sink.hpp"
#include "adapters/postgres/sink_rows.hpp"
#include "cli/args.hpp"
#include "cli/bus_context.hpp"
#include "cli/common_options.hpp"
#include "cli/stage_host.hpp"
#include "common/logging.hpp"
#include "common/signals.hpp"

namespace sharpline::cli {
namespace {

int positive(const Config& config, const std::string& key) {
  const long long value = config.get_int(key);
  if (value < 1 || value > 1'000'000'000) {
    throw ConfigError(key + " must be a positive number, got " + std::to_string(value));
  }
  return static_cast<int>(value);
}

}  // namespace

int run_sink_command(std::span<const std::string> args, std::ostream& /*out*/,
                     std::ostream& /*err*/) {
  ArgParser parser(
      "sharpline sink",
      "Store the pipeline's topics in a database. `sink postgres` consumes events, predictions, "
      "opportunities (current state and lifecycle) and grades into PostgreSQL, exactly once "
      "(docs/postgres-sink.md). Runs until SIGINT or SIGTERM.");
  parser.positionals("TARGET", "postgres", 1, 1);
  parser
      .option("dsn", "DSN",
              "libpq connection string or URI (default: sink.postgres.dsn, from "
              "SHARPLINE_SINK_POSTGRES_DSN or its _FILE). Keep the password out of it: libpq "
              "reads PGPASSWORD or ~/.pgpass (PGPASSFILE).")
      .option("group", "ID", "Consumer group (default: sink.postgres.group).")
      .option("batch-size", "N", "Records per transaction at most (sink.postgres.batch.size).")
      .option("batch-ms", "MS", "Longest wait of a record for its batch (sink.postgres.batch.ms).");
  add_common_options(parser, kConfigOptions | kBusOptions | kHttpOptions);
  const ParsedArgs parsed = parser.parse(args);
  if (parsed.positionals().at(0) != "postgres") {
    parser.fail("unknown sink '" + parsed.positionals().at(0) + "' (known: postgres)");
  }
  Config config = config_from_args(parsed);
  // The plain keys may come from flags too (the DSN is a secret: never a configuration flag).
  if (auto v = parsed.get("group")) {
    if (v->empty()) parser.fail("--group must not be empty");
    config.set("sink.postgres.group", *v, ConfigSource::kFlag, "--group");
  }
  for (const auto& [flag, key] : {std::pair{"batch-size", "sink.postgres.batch.size"},
                                  std::pair{"batch-ms", "sink.postgres.batch.ms"}}) {
    if (const auto v = parsed.get_int(flag)) {
      if (*v < 1) parser.fail(std::string("--") + flag + " must be at least 1");
      config.set(key, std::to_string(*v), ConfigSource::kFlag, std::string("--") + flag);
    }
  }
  adapters::postgres::SinkOptions options;
  options.dsn = parsed.get("dsn").value_or(config.get_or("sink.postgres.dsn", ""));
  if (options.dsn.empty()) {
    parser.fail(
        "missing --dsn (or SHARPLINE_SINK_POSTGRES_DSN / SHARPLINE_SINK_POSTGRES_DSN_FILE)");
  }
  options.consumer_group = config.require("sink.postgres.group");
  options.batch_size = positive(config, "sink.postgres.batch.size");
  options.batch_ms = positive(config, "sink.postgres.batch.ms");
  options.retry_backoff_ms = positive(config, "sink.postgres.retry.backoff.ms");
  options.retry_backoff_max_ms = positive(config, "sink.postgres.retry.backoff.max.ms");
  init_command_logging(config, "sink-postgres");

  ShutdownSignals signals;  // before any thread starts
  auto context = BusContext::open(config);
  for (const auto& topic : adapters::postgres::sink_topics()) (void)context->bus().topic(topic);
  options.kafka = context->bus().client_properties();
  serde::TopicSerde& serde = context->serde();
  adapters::postgres::PostgresSink sink(
      std::move(options), [&serde](std::span<const uint8_t> bytes) { return serde.decode(bytes); },
      dead_letter_encoder(serde));
  context->set_readiness([&sink] { return sink.ready(); });
  const std::string http = context->start_http();
  log_info("sink serving", {{"http", http}});
  int code = 0;
  try {
    sink.run([&signals] { return signals.wait_for(0).has_value(); });
  } catch (const adapters::postgres::MigrationError& e) {
    log_error("cannot use the database", {{"error", e.what()}});
    code = 1;
  }
  context->set_readiness({});
  return code;
}

}  // namespace sharpline::cli
