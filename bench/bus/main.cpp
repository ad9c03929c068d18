// sharpline_bus_bench: the embedded-broker figures of issue 9 (docs/performance.md).
//   transport   bus/transport_passthrough         plain librdkafka consume -> produce, records/s
//   pipeline    bus/pipeline_quotes, bus/pipeline_ratio_to_transport
//   latency     bus/latency_p50, bus/latency_p99, bus/latency_p999 at --rate quotes/s
// Figures are JSON lines on stdout; progress goes to stderr.
#include <filesystem>
#include <iostream>
#include <span>
#include <string>
#include <vector>

#include "bus/bench_env.hpp"
#include "bus/figure.hpp"
#include "bus/latency_bench.hpp"
#include "bus/pipeline_bench.hpp"
#include "bus/transport_bench.hpp"
#include "cli/args.hpp"
#include "cli/dataset_options.hpp"
#include "common/config.hpp"
#include "common/logging.hpp"
#include "common/metrics.hpp"

namespace sharpline::bench::bus {
namespace {

// The measured best of 10/25/50/100/200 ms at 3k-5k quotes/s on the 2-core machine: shorter
// intervals cost more in commits (each ~45 ms, mostly waiting in the commit's flush) than they
// save in waiting, and below 100 ms the features stage falls behind even at 5k quotes/s.
// No value reaches p99 < 10 ms at 20k quotes/s: that load is above the pipeline's throughput.
constexpr int64_t kLatencyCommitIntervalMs = 100;

BenchOptions parse_options(std::span<const std::string> args) {
  cli::ArgParser parser(
      "sharpline_bus_bench",
      "Embedded-broker benchmarks: transport limit, pipeline throughput (exactly-once) and "
      "quote -> opportunity latency. One JSON line per figure on stdout.");
  parser.option("records", "N",
                "Quotes pre-produced for the transport and pipeline runs (default 120000; "
                "the embedded broker keeps about 5 MB per partition).");
  parser.option("rate", "R", "Offered load of the latency run, quotes/s (default 20000).");
  parser.option("seconds", "S", "How long the latency run offers load (default 15).");
  parser.option("commit-interval-ms", "MS[,MS...]",
                "Stage commit interval of the latency run; several values run one after "
                "another (default " +
                    std::to_string(kLatencyCommitIntervalMs) + ").");
  parser.option("pipeline-commit-interval-ms", "MS",
                "Stage commit interval of the pipeline run (default 100, as `sharpline run`).");
  parser.option("only", "GROUP", "transport, pipeline or latency.");
  parser.option("kafka", "NAME=VALUE",
                "A librdkafka property for every client of the runs (collector, stages, "
                "reader, pass-through), as kafka.NAME in the configuration.",
                true);
  parser.flag("metrics",
              "After the run, print the stages' Prometheus series (commit and processing "
              "times) on stderr.");
  parser.flag("quick",
              "Tiny sizes for a smoke run (about 20 s in Release, most of it group joins and "
              "topic creation on the embedded broker).");
  parser.option("data-dir", "DIR",
                "The shared data directory (nflverse history for the model; default: data.dir, "
                "$SHARPLINE_DATA_DIR or ../shared/data next to the source tree).");
  parser.option("model-dir", "DIR",
                "Where the default NFL moneyline model is trained on first use (default: "
                "<tmp>/sharpline_bus_bench_model).");
  const cli::ParsedArgs parsed = parser.parse(args);

  BenchOptions options;
  options.quick = parsed.has("quick");
  options.records = parsed.get_int("records").value_or(options.quick ? 8000 : 120000);
  options.rate = parsed.get_double("rate").value_or(options.quick ? 2000.0 : 20000.0);
  options.latency_seconds = parsed.get_double("seconds").value_or(options.quick ? 1.0 : 15.0);
  options.pipeline_commit_interval_ms = parsed.get_int("pipeline-commit-interval-ms").value_or(100);
  for (const auto& part : cli::split_list(
           parsed.get_or("commit-interval-ms", std::to_string(kLatencyCommitIntervalMs)))) {
    options.commit_intervals_ms.push_back(cli::parse_int(part, "--commit-interval-ms"));
  }
  options.only = parsed.get_or("only", "");
  options.metrics = parsed.has("metrics");
  for (const auto& kv : parsed.all("kafka")) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) throw cli::UsageError("--kafka wants NAME=VALUE");
    options.kafka[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (!options.only.empty() && options.only != "transport" && options.only != "pipeline" &&
      options.only != "latency") {
    throw cli::UsageError("--only must be transport, pipeline or latency");
  }
  if (options.records < 1 || !(options.rate > 0) || !(options.latency_seconds > 0)) {
    throw cli::UsageError("--records, --rate and --seconds must be positive");
  }
  for (const auto interval : options.commit_intervals_ms) {
    if (interval < 0) throw cli::UsageError("--commit-interval-ms must be >= 0");
  }
  options.data_dir = cli::data_dir_of(Config::defaults(), parsed);
  options.model_dir = parsed.get("model-dir")
                          ? std::filesystem::path(*parsed.get("model-dir"))
                          : std::filesystem::temp_directory_path() / "sharpline_bus_bench_model";
  return options;
}

int run(const BenchOptions& options) {
  const auto wanted = [&](const std::string& group) {
    return options.only.empty() || options.only == group;
  };
  double transport_rate = 0.0;
  // Transport and pipeline share one broker (opening one costs seconds of topic creation).
  std::unique_ptr<cli::BusContext> bus;
  if (wanted("transport") || wanted("pipeline")) {
    bus = open_bench_bus(options.pipeline_commit_interval_ms, options.kafka);
    std::cerr << "transport: " << options.records << " records\n";
    const auto transport = run_transport(options, *bus);
    transport_rate = transport.records_per_second;
    print_figure(
        "bus/transport_passthrough", transport.records_per_second, "records/s",
        std::to_string(transport.records) +
            " Confluent-framed quote records (the pipeline's), plain librdkafka "
            "consumer -> producer (no transactions), embedded broker, 6 partitions, timed from the "
            "first record consumed to the last delivered: " +
            std::to_string(transport.seconds) + " s");
  }
  if (wanted("pipeline")) {
    const auto pipeline = run_pipeline(options, *bus);
    print_figure("bus/pipeline_quotes", pipeline.quotes_per_second, "quotes/s", pipeline.detail);
    print_figure("bus/pipeline_ratio_to_transport", pipeline.quotes_per_second / transport_rate,
                 "ratio",
                 "bus/pipeline_quotes over bus/transport_passthrough, same records, same broker");
  }
  bus.reset();
  if (wanted("latency")) {
    for (const auto interval : options.commit_intervals_ms) {
      std::cerr << "latency: " << options.rate << " quotes/s, commit interval " << interval
                << " ms\n";
      const auto latency = run_latency(options, interval);
      print_figure("bus/latency_p50", latency.p50_ms, "ms", latency.detail);
      print_figure("bus/latency_p99", latency.p99_ms, "ms", latency.detail);
      print_figure("bus/latency_p999", latency.p999_ms, "ms", latency.detail);
    }
  }
  if (options.metrics) std::cerr << MetricsRegistry::global().render();
  return 0;
}

}  // namespace
}  // namespace sharpline::bench::bus

int main(int argc, char** argv) {
  using namespace sharpline;
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    set_log_level("warn");  // the stages' info lines would bury the figures' progress
    return bench::bus::run(bench::bus::parse_options(args));
  } catch (const cli::HelpRequested& help) {
    std::cout << help.text();
    return 0;
  } catch (const cli::UsageError& e) {
    std::cerr << "sharpline_bus_bench: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "sharpline_bus_bench: " << e.what() << "\n";
    return 1;
  }
}
