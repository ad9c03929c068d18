#include "cli/commands/backtest_command.hpp"

#include <chrono>
#include <fstream>
#include <iomanip>
#include <ostream>

#include "adapters/history/dataset.hpp"
#include "backtest/backtest_run.hpp"
#include "backtest/html_report.hpp"
#include "backtest/strategy.hpp"
#include "cli/args.hpp"
#include "cli/common_options.hpp"
#include "cli/dataset_options.hpp"
#include "domain/number_text.hpp"

namespace sharpline::cli {
namespace {

using Clock = std::chrono::steady_clock;

nlohmann::json read_json_file(const std::string& path, const char* option) {
  std::ifstream in(path);
  if (!in) throw UsageError(std::string("--") + option + ": cannot read " + path);
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw UsageError(std::string("--") + option + ": " + path + " is not JSON: " + e.what());
  }
}

void write_file(const std::string& path, const std::string& text, const char* option) {
  std::ofstream file(path, std::ios::binary);
  if (!file) throw UsageError(std::string("--") + option + ": cannot write " + path);
  file << text;
  if (!file) throw UsageError(std::string("--") + option + ": cannot write " + path);
}

backtest::Strategy strategy_of(const ParsedArgs& parsed) {
  backtest::Strategy strategy;
  try {
    if (auto file = parsed.get("strategy")) {
      strategy = backtest::strategy_from_json(read_json_file(*file, "strategy"));
    }
    if (parsed.has("kinds")) strategy.kinds = comma_list(parsed.all("kinds"));
    if (auto v = parsed.get("market")) strategy.market = *v;
    if (auto v = parsed.get("timing")) strategy.timing = backtest::parse_timing(*v);
    if (auto v = parsed.get_double("min-ev")) strategy.min_ev = *v;
    if (auto v = parsed.get_int("min-books")) strategy.min_books = static_cast<int>(*v);
    if (auto v = parsed.get_double("kelly")) strategy.kelly_multiplier = *v;
    if (auto v = parsed.get_double("kelly-cap")) strategy.kelly_cap = *v;
    if (auto v = parsed.get_double("bankroll")) strategy.bankroll = *v;
    if (parsed.has("books")) strategy.books = comma_list(parsed.all("books"));
    if (auto v = parsed.get("model-dir")) {
      strategy.model_dir = *v;
      strategy.source = domain::opportunities::ProbabilitySource::kModel;
    }
    if (parsed.has("allow-model-overlap")) strategy.allow_model_overlap = true;
    if (auto v = parsed.get_int("bootstrap")) strategy.bootstrap_resamples = static_cast<int>(*v);
    if (auto v = parsed.get_int("seed")) strategy.seed = static_cast<uint64_t>(*v);
    backtest::validate(strategy);
  } catch (const backtest::StrategyError& e) {
    throw UsageError(e.what());
  }
  return strategy;
}

std::string fixed(double value, int digits) {
  return domain::fixed_text(value, digits);
}

std::string cell(const nlohmann::json& value, int digits) {
  return value.is_number() ? fixed(value.get<double>(), digits) : std::string("-");
}

void print_summary(const nlohmann::json& report, std::ostream& out) {
  out << "bets " << report.at("bets").get<int64_t>() << ", staked "
      << fixed(report.at("staked").get<double>(), 2) << ", profit "
      << fixed(report.at("profit").get<double>(), 2) << ", ROI " << cell(report.at("roi"), 4)
      << " (95% CI " << cell(report.at("roi_ci").at("low"), 4) << " .. "
      << cell(report.at("roi_ci").at("high"), 4) << ")\n";
  out << "CLV mean " << cell(report.at("clv_mean"), 4) << ", beat the close "
      << cell(report.at("clv_positive_share"), 3) << ", max drawdown "
      << cell(report.at("max_drawdown"), 4) << ", final bankroll "
      << fixed(report.at("final_bankroll").get<double>(), 2) << "\n";
  const auto& ll = report.at("log_loss");
  const auto& brier = report.at("brier");
  out << "log loss on " << ll.at("games").get<int64_t>() << " games: model "
      << cell(ll.at("model"), 4) << ", market open " << cell(ll.at("market_open"), 4)
      << ", market close " << cell(ll.at("market_close"), 4) << "; Brier: model "
      << cell(brier.at("model"), 4) << ", open " << cell(brier.at("market_open"), 4) << ", close "
      << cell(brier.at("market_close"), 4) << "\n";
  out << "season   bets    staked    profit      ROI   CLV   LL open  LL close  LL model\n";
  for (const auto& row : report.at("seasons")) {
    out << std::left << std::setw(7) << row.at("season").get<int>() << std::right << std::setw(6)
        << row.at("bets").get<int64_t>() << std::setw(10) << cell(row.at("staked"), 1)
        << std::setw(10) << cell(row.at("profit"), 1) << std::setw(9) << cell(row.at("roi"), 3)
        << std::setw(7) << cell(row.at("clv_mean"), 3) << std::setw(9)
        << cell(row.at("log_loss_market_open"), 4) << std::setw(10)
        << cell(row.at("log_loss_market_close"), 4) << std::setw(10)
        << cell(row.at("log_loss_model"), 4) << "\n";
  }
}

}  // namespace

int run_backtest_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ArgParser parser(
      "sharpline backtest",
      "Replay a historical dataset in event time through the pipeline's own stages (features, "
      "inference, opportunities, grading) on the runtime's test driver, bet what the strategy "
      "takes, and report profit, ROI with a bootstrap interval, CLV, drawdown, and the log loss, "
      "Brier score and calibration of the model and of the market (docs/backtests.md).");
  add_dataset_options(parser);
  parser.option("strategy", "FILE", "Strategy JSON file; the options below override it.");
  parser.option("kinds", "LIST", "Opportunity kinds to bet: value,arbitrage,middle,steam (value).");
  parser.option("market", "KEY", "Market to bet and score (h2h_3way for soccer, else h2h).");
  parser.option("timing", "WHEN", "open, close or before:<N>m|h|d (close).");
  parser.option("min-ev", "X", "Least expected value of a value bet (0.02).");
  parser.option("min-books", "N", "Least books quoting a line for a value bet (3).");
  parser.option("kelly", "X", "Kelly multiplier in (0, 1] (0.25).");
  parser.option("kelly-cap", "X", "Largest stake on one line, share of bankroll (0.05).");
  parser.option("bankroll", "X", "Starting bankroll (1000).");
  parser.option("books", "LIST", "Bet only at these books (comma-separated; default all).");
  parser.option("model-dir", "DIR",
                "Price bets with the champion model of this directory (`sharpline train`) "
                "instead of the market consensus.");
  parser.flag("allow-model-overlap",
              "Run even if the model was trained or validated on the backtest's seasons.");
  parser.option("bootstrap", "N", "Bootstrap resamples for the ROI interval (2000).");
  parser.option("seed", "N", "Bootstrap seed (1).");
  parser.option("report-json", "FILE", "Write the report as JSON.");
  parser.option("report-html", "FILE", "Write the report as a self-contained HTML page.");
  parser.flag("quiet", "Print no progress.");
  parser.flag("avro-between-stages",
              "Hand records between the stages as the Avro bytes they have on Kafka (about half "
              "the speed; the same report).");
  add_common_options(parser, kConfigOptions);
  const ParsedArgs parsed = parser.parse(args);
  const Config config = config_from_args(parsed);
  init_command_logging(config, "backtest");
  const auto spec = dataset_spec_of(config, parsed);
  const auto strategy = strategy_of(parsed);
  const bool quiet = parsed.has("quiet");

  const auto started = Clock::now();
  const auto dataset = load_dataset_or_usage(spec);
  const double load_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  backtest::DatasetSummary summary;
  summary.name = spec.name;
  summary.leagues = spec.leagues;
  summary.first_season = spec.first_season;
  summary.last_season = spec.last_season;
  summary.events = dataset.batch.events.size();
  summary.quotes = dataset.batch.quotes.size();
  summary.results = dataset.batch.results.size();
  summary.weather = dataset.batch.weather.size();
  if (!quiet) {
    err << "backtest: " << summary.events << " events, " << summary.quotes << " quotes, "
        << summary.results << " results from " << dataset.files.size() << " files ("
        << fixed(load_seconds, 1) << " s)\n";
  }

  const auto replay_started = Clock::now();
  int last_percent = -1;
  backtest::BacktestOutcome outcome;
  try {
    outcome = backtest::run_backtest(
        dataset, summary, strategy,
        [&](const backtest::BacktestProgress& p) {
          if (quiet) return;
          const int percent = static_cast<int>(100 * p.done / std::max<std::size_t>(1, p.total));
          if (percent / 10 == last_percent / 10 && p.done != p.total) return;
          last_percent = percent;
          const double s = std::chrono::duration<double>(Clock::now() - replay_started).count();
          err << "backtest: " << percent << "% (" << p.done << "/" << p.total << " records, "
              << fixed(s, 1) << " s)\n";
        },
        parsed.has("avro-between-stages") ? stages::RecordCodec::Wire::kAvro
                                          : stages::RecordCodec::Wire::kInProcess);
  } catch (const backtest::StrategyError& e) {
    throw UsageError(e.what());
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - replay_started).count();

  print_summary(outcome.report, out);
  out << "throughput: " << summary.events << " events, " << outcome.feed_records << " records in "
      << fixed(seconds, 2)
      << " s: " << fixed(static_cast<double>(summary.events) / std::max(seconds, 1e-9), 0)
      << " events/s, "
      << fixed(static_cast<double>(outcome.feed_records) / std::max(seconds, 1e-9), 0)
      << " records/s\n";
  if (outcome.dead_letters > 0) {
    err << "backtest: " << outcome.dead_letters
        << " records were dead-lettered by the stages (counted in the report)\n";
  }
  if (auto path = parsed.get("report-json")) {
    write_file(*path, outcome.report.dump(2) + "\n", "report-json");
  }
  if (auto path = parsed.get("report-html")) {
    write_file(*path, backtest::render_html_report(outcome.report), "report-html");
  }
  return 0;
}

}  // namespace sharpline::cli
