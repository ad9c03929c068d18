// `sharpline run`: the main job. Starts the embedded broker (or uses --bootstrap), makes sure
// the default NFL moneyline model exists (training it from nflverse history if not), runs the
// four pipeline stages in-process, replays the real 2025 NFL season through the collectors'
// file paths paced by the stages' consumer lag, prints alerts as they open, and ends with a
// summary (docs/pipeline.md, "sharpline run").
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>

#include "adapters/entities/entity_resolver.hpp"
#include "adapters/ml/nfl_moneyline_training.hpp"
#include "cli/args.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/bus_commands.hpp"
#include "cli/common_options.hpp"
#include "cli/dataset_options.hpp"
#include "cli/pipeline/live_collectors.hpp"
#include "cli/pipeline/pipeline_monitor.hpp"
#include "cli/pipeline/pipeline_stages.hpp"
#include "cli/pipeline/run_summary.hpp"
#include "cli/replay/consumer_lag.hpp"
#include "cli/replay/replay_pacing.hpp"
#include "cli/replay/season_replay.hpp"
#include "cli/stage_host.hpp"
#include "common/logging.hpp"
#include "common/signals.hpp"
#include "runtime/stream/stage_runner.hpp"
#include "runtime/topics/topic_admin.hpp"

namespace sharpline::cli {
namespace {

using Clock = std::chrono::steady_clock;

// One in-process stage: its runner on a thread of its own.
struct InProcessStage {
  std::string name;
  std::unique_ptr<runtime::stream::StageRunner> runner;
  std::thread thread;
  std::string failure;
};

// Waits before each replay step until the stages can take more: every stage's lag on its inputs
// at most max_lag per partition, or (at a barrier) nothing left at all.
class ReplayPacer {
 public:
  ReplayPacer(BusContext& context, const stages::PipelineOptions& options, int64_t max_lag,
              std::function<bool()> stopping)
      : lag_(context.bus().client_properties()), max_lag_(max_lag), stopping_(std::move(stopping)) {
    for (const auto& name : pipeline_stage_names()) {
      std::vector<replay::LagTopic> topics;
      for (const auto& input : pipeline_stage_inputs(name, options)) {
        topics.push_back({input.topic, input.transactional});
      }
      groups_.emplace_back("sharpline-" + name, std::move(topics));
    }
  }

  void wait(bool barrier) {
    const auto now = Clock::now();
    // Asking the broker costs round trips: between barriers, look at most every 100 ms.
    if (!barrier && now - last_check_ < std::chrono::milliseconds(100)) return;
    last_check_ = now;
    while (!stopping_()) {
      bool ok = true;
      for (const auto& [group, topics] : groups_) {
        const auto report = lag_.measure(group, topics);
        max_seen_ = std::max(max_seen_, report.max_partition);
        ok = ok && (barrier ? report.caught_up : report.max_partition <= max_lag_);
        if (!ok) break;
      }
      if (ok) return;
      ++waits_;
      std::this_thread::sleep_for(std::chrono::milliseconds(barrier ? 5 : 20));
    }
  }

  int64_t max_lag_seen() const { return max_seen_; }
  uint64_t waits() const { return waits_; }

 private:
  replay::ConsumerLag lag_;
  int64_t max_lag_;
  std::function<bool()> stopping_;
  std::vector<std::pair<std::string, std::vector<replay::LagTopic>>> groups_;
  Clock::time_point last_check_{};
  int64_t max_seen_ = 0;
  uint64_t waits_ = 0;
};

}  // namespace

int run_run_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ArgParser parser(
      "sharpline run",
      "Run the main job: the embedded broker (or --bootstrap), the declared topics, the default "
      "NFL moneyline model (trained from nflverse history on first use), the four pipeline "
      "stages in-process, and a replay of the 2025 NFL season (hourly odds snapshots, results "
      "and weather) through the collectors, paced by the stages' consumer lag. Prints alerts as "
      "they open and a summary at the end (docs/pipeline.md).");
  parser.option("speed", "X", "Replay at X times real time (default: as fast as the stages go).");
  parser.option("summary-json", "FILE", "Also write the summary as JSON to FILE.");
  parser.option("data-dir", "DIR",
                "The shared data directory (default: data.dir, $SHARPLINE_DATA_DIR or "
                "../shared/data next to the source tree).");
  parser.option("model-dir", "DIR",
                "Model directory (default: inference.model.dir, else var/models).");
  parser.option("season", "YEAR", "NFL season to replay (default 2025).");
  parser.option("from", "DATE", "Replay only from this date or ISO time on (UTC).");
  parser.option("until", "DATE", "Replay only before this date or ISO time (UTC).");
  parser.option("max-lag", "N",
                "Most records a stage may be behind on one input partition before the replay "
                "waits (default 20000).");
  parser.option("opportunities-out", "FILE", "Write every opportunity record as a JSON line.");
  parser.option("grades-out", "FILE", "Write every grade record as a JSON line.");
  parser.flag("no-stages",
              "Do not run the stages in-process (they run as `sharpline stage` processes).");
  parser.flag("quiet", "Do not print alerts while running.");
  parser.flag("follow",
              "After the replay keep the stages running on live data until SIGINT or SIGTERM: "
              "the live collectors (collect odds|weather|stats --source api) start as child "
              "processes on the same bus, odds only when an Odds API key is configured.");
  add_common_options(parser, kConfigOptions | kBusOptions | kHttpOptions);
  const ParsedArgs parsed = parser.parse(args);
  Config config = config_from_args(parsed);
  init_command_logging(config, "run");
  const auto started = Clock::now();
  // Before any thread exists (XGBoost's included), so every thread has the signals blocked.
  ShutdownSignals signals;
  std::atomic<bool> stopping{false};
  std::atomic<bool> signalled{false};
  std::atomic<bool> done{false};
  std::thread signal_watcher([&] {
    while (!done.load()) {
      if (signals.wait_for(100)) {
        signalled.store(true);
        stopping.store(true);
        return;
      }
    }
  });
  struct JoinWatcher {
    std::atomic<bool>& done;
    std::thread& thread;
    ~JoinWatcher() {
      done.store(true);
      thread.join();
    }
  } join_watcher{done, signal_watcher};

  const auto data_dir = data_dir_of(config, parsed);
  const std::filesystem::path games = data_dir / "nflverse" / "games_1999_2025.csv.gz";
  const std::filesystem::path snapshots =
      data_dir / "odds_api_v4" / "nfl_2025_season_snapshots_hourly.jsonl.gz";
  for (const auto& file : {games, snapshots}) {
    if (!std::filesystem::exists(file)) {
      err << "sharpline run: " << file.string()
          << " not found; point --data-dir (or SHARPLINE_DATA_DIR) at the shared data\n";
      return 1;
    }
  }
  const double speed = parsed.get("speed") ? parse_double(*parsed.get("speed"), "--speed") : 0.0;
  if (!(speed >= 0.0) || !std::isfinite(speed)) throw UsageError("--speed must be >= 0");
  const int64_t max_lag =
      parsed.get("max-lag")
          ? static_cast<int64_t>(parse_double(*parsed.get("max-lag"), "--max-lag"))
          : 20000;
  if (max_lag < 1) throw UsageError("--max-lag must be >= 1");
  const bool in_process = !parsed.has("no-stages");
  const bool follow = parsed.has("follow");

  stages::PipelineOptions options = stages::pipeline_options_from_config(config);
  std::filesystem::path model_dir =
      parsed.get("model-dir")      ? std::filesystem::path(*parsed.get("model-dir"))
      : !options.model_dir.empty() ? std::filesystem::path(options.model_dir)
                                   : std::filesystem::path("var/models");
  options.model_dir = model_dir.string();
  RunSummary summary;
  if (in_process) {
    const auto model = adapters::ml::ensure_nfl_moneyline_model(model_dir, data_dir);
    summary.model = {{"name", model.name},
                     {"version", model.version},
                     {"dir", model_dir.string()},
                     {"holdout_log_loss", model.metrics.log_loss},
                     {"holdout_rows", model.metrics.rows}};
    out << "model " << model.name << " " << model.version << " (holdout log loss "
        << model.metrics.log_loss << " on " << model.metrics.rows << " games) in "
        << model_dir.string() << std::endl;
  }

  auto context = BusContext::open(config);
  if (!context->bus().owns_broker()) {
    try {
      auto backend = runtime::topics::make_admin_backend(context->bus().client_properties(), 10000);
      (void)runtime::topics::apply_topics(
          *backend, context->bus().topics(),
          static_cast<int>(config.get_int("topics.replication.factor")));
    } catch (const std::exception& e) {
      log_warn("could not apply topics; assuming they exist", {{"error", e.what()}});
    }
  }
  const std::string http_address = context->start_http();
  log_info("bus ready", {{"bootstrap", context->bus().bootstrap()},
                         {"embedded", context->bus().owns_broker()},
                         {"http", http_address}});

  const auto stop_requested = [&] { return stopping.load(); };

  // The stages, each on its own runner thread, exactly as `sharpline stage <name>` runs them.
  std::vector<InProcessStage> stages_running;
  if (in_process) {
    auto runner_options = runner_options_from_config(config, *context);
    // Replays run on historical time: an idle partition must not jump to the wall clock.
    if (!follow) runner_options.idle_partition_timeout_ms = 0;
    for (const auto& name : pipeline_stage_names()) {
      auto stage = make_pipeline_stage(name, *context, options);
      auto stage_options = runner_options;
      stage_options.instance_id = runner_options.instance_id + "-" + name;
      stages_running.push_back(
          {name,
           std::make_unique<runtime::stream::StageRunner>(std::move(stage), stage_options),
           {},
           {}});
    }
    for (auto& s : stages_running) {
      s.thread = std::thread([&s] {
        try {
          s.runner->run();
        } catch (const std::exception& e) {
          s.failure = e.what();
          log_error("stage failed", {{"stage", s.name}, {"error", e.what()}});
        }
      });
    }
    // Joined and assigned before the first record, so no rebalance happens mid-replay.
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    for (auto& s : stages_running) {
      while (!s.runner->ready() && Clock::now() < deadline && s.failure.empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      if (!s.runner->ready()) {
        for (auto& t : stages_running) t.runner->stop();
        for (auto& t : stages_running) t.thread.join();
        err << "sharpline run: stage " << s.name << " did not start"
            << (s.failure.empty() ? "" : ": " + s.failure) << "\n";
        return 1;
      }
    }
  }
  context->set_readiness([&] {
    for (const auto& s : stages_running) {
      if (!s.runner->ready()) return false;
    }
    return true;
  });

  std::ofstream opportunities_file;
  if (auto path = parsed.get("opportunities-out")) {
    opportunities_file.open(*path);
    if (!opportunities_file) throw UsageError("--opportunities-out: cannot write " + *path);
  }
  std::ofstream grades_file;
  if (auto path = parsed.get("grades-out")) {
    grades_file.open(*path);
    if (!grades_file) throw UsageError("--grades-out: cannot write " + *path);
  }
  PipelineMonitor monitor(*context, out, !parsed.has("quiet"),
                          opportunities_file.is_open() ? &opportunities_file : nullptr,
                          grades_file.is_open() ? &grades_file : nullptr);
  monitor.start();

  replay::SeasonReplayOptions replay_options;
  replay_options.games_file = games;
  replay_options.snapshots_file = snapshots;
  if (auto season = parsed.get("season")) {
    replay_options.season = static_cast<int>(parse_double(*season, "--season"));
  }
  replay_options.from_ms = replay::event_time_option(parsed, "from");
  replay_options.until_ms = replay::event_time_option(parsed, "until");
  replay_options.speed = speed;
  ReplayPacer pacer(*context, options, max_lag, stop_requested);
  replay::SeasonReplay replay(*context, adapters::entities::EntityResolver::load(), replay_options);
  const auto replay_started = Clock::now();
  summary.replay = replay.run([&](bool barrier) { pacer.wait(barrier); }, stop_requested);
  pacer.wait(true);  // everything replayed has gone through every stage
  summary.replay_seconds = std::chrono::duration<double>(Clock::now() - replay_started).count();

  // The monitor reads what the stages committed last; let it drain.
  for (uint64_t seen = monitor.records_read();;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    const uint64_t now_read = monitor.records_read();
    if (now_read == seen || stop_requested()) break;
    seen = now_read;
  }
  if (follow && !signalled.load()) {
    std::vector<std::string> passthrough;
    for (const auto& file : parsed.all("config"))
      passthrough.insert(passthrough.end(), {"--config", file});
    for (const auto& kv : parsed.all("set")) passthrough.insert(passthrough.end(), {"--set", kv});
    for (const char* option : {"log-level", "log-format"}) {
      if (auto value = parsed.get(option)) {
        passthrough.insert(passthrough.end(), {std::string("--") + option, *value});
      }
    }
    LiveCollectors live(config, context->bus().bootstrap(), passthrough);
    const auto started_collectors = live.start();
    log_info("replay done; following live data until SIGINT or SIGTERM",
             {{"http", http_address}, {"collectors", started_collectors}});
    while (!signalled.load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    live.stop();
  }

  stopping.store(true);
  for (auto& s : stages_running) s.runner->stop();
  bool failed = false;
  for (auto& s : stages_running) {
    s.thread.join();
    summary.stages[s.name] = s.runner->stats();
    failed = failed || !s.failure.empty();
  }
  context->set_readiness({});
  monitor.stop();
  summary.monitor = monitor.totals();
  summary.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  summary.max_lag_seen = pacer.max_lag_seen();
  summary.in_process = in_process;

  const nlohmann::json json = summary.to_json();
  print_summary(summary, json, out);
  if (auto path = parsed.get("summary-json")) {
    std::ofstream file(*path);
    if (!file) throw UsageError("--summary-json: cannot write " + *path);
    file << json.dump(2) << "\n";
  }
  if (failed) {
    err << "sharpline run: a stage failed (see the log)\n";
    return 1;
  }
  if (in_process && !json.at("nothing_lost").get<bool>()) {
    err << "sharpline run: a stage consumed fewer records than its inputs hold (see "
           "\"stages\" in the summary)\n";
    return 1;
  }
  return 0;
}

}  // namespace sharpline::cli
