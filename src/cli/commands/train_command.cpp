#include "cli/commands/train_command.hpp"

#include <chrono>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <set>

#include "adapters/history/dataset.hpp"
#include "adapters/ml/model_metadata.hpp"
#include "adapters/ml/training.hpp"
#include "backtest/backtest_run.hpp"
#include "backtest/training_rows.hpp"
#include "backtest/walk_forward.hpp"
#include "cli/args.hpp"
#include "cli/common_options.hpp"
#include "cli/dataset_options.hpp"
#include "domain/number_text.hpp"

namespace sharpline::cli {
namespace {

using Clock = std::chrono::steady_clock;
namespace ml = adapters::ml;

std::string fixed(double value, int digits) {
  return domain::fixed_text(value, digits);
}

ml::TrainingParams params_of(const ParsedArgs& parsed) {
  ml::TrainingParams params;
  params.rounds = 400;
  if (auto v = parsed.get_int("rounds")) params.rounds = static_cast<int>(*v);
  if (auto v = parsed.get_int("max-depth")) params.max_depth = static_cast<int>(*v);
  if (auto v = parsed.get_double("eta")) params.eta = *v;
  if (auto v = parsed.get_int("early-stopping"))
    params.early_stopping_rounds = static_cast<int>(*v);
  if (params.rounds < 1 || params.rounds > 10000)
    throw UsageError("--rounds must be in [1, 10000]");
  if (params.max_depth < 1 || params.max_depth > 16) {
    throw UsageError("--max-depth must be in [1, 16]");
  }
  if (!(params.eta > 0.0 && params.eta <= 1.0)) throw UsageError("--eta must be in (0, 1]");
  if (params.early_stopping_rounds < 0) throw UsageError("--early-stopping must be >= 0");
  const std::string calibration = parsed.get_or("calibration", "auto");
  if (calibration == "auto") {
    params.calibration = ml::CalibrationChoice::kAuto;
  } else if (calibration == "platt") {
    params.calibration = ml::CalibrationChoice::kPlatt;
  } else if (calibration == "isotonic") {
    params.calibration = ml::CalibrationChoice::kIsotonic;
  } else if (calibration == "none") {
    params.calibration = ml::CalibrationChoice::kNone;
  } else {
    throw UsageError("--calibration: '" + calibration + "' (auto, platt, isotonic, none)");
  }
  return params;
}

std::string underscored(std::string text) {
  for (char& c : text) {
    if (c == '-') c = '_';
  }
  return text;
}

nlohmann::json scores_json(const backtest::ScoreSet& s) {
  return {{"log_loss", s.log_loss}, {"brier", s.brier}};
}

void print_walk_forward_header(std::ostream& out) {
  out << "season  train  valid   test | model LL  Brier    ECE | open LL  Brier | close LL  "
         "Brier | rounds calib\n";
}

void print_walk_forward_row(const backtest::SeasonEvaluation& e, std::ostream& out) {
  out << std::left << std::setw(6) << e.season << std::right << std::setw(7) << e.train_rows
      << std::setw(7) << e.validation_rows << std::setw(7) << e.test_rows << " | " << std::setw(8)
      << fixed(e.model.log_loss, 4) << std::setw(7) << fixed(e.model.brier, 4) << std::setw(7)
      << fixed(e.model_ece, 4) << " | " << std::setw(7) << fixed(e.market_open.log_loss, 4)
      << std::setw(7) << fixed(e.market_open.brier, 4) << " | " << std::setw(8)
      << fixed(e.market_close.log_loss, 4) << std::setw(7) << fixed(e.market_close.brier, 4)
      << " | " << std::setw(6) << e.best_iteration + 1 << " " << e.calibration << "\n";
}

}  // namespace

int run_train_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ArgParser parser(
      "sharpline train",
      "Train an XGBoost model for one market from a historical dataset. Training rows are the "
      "feature vectors the live features stage emits when the dataset is replayed through it in "
      "event time; splits are by season only: the last selected season validates (early "
      "stopping, calibration chosen between none, Platt and isotonic), the earlier ones train. "
      "--walk-forward season instead trains, for each season S, on the seasons before S - 1, "
      "validates on S - 1 and tests on S, next to the market's opening and closing consensus "
      "(docs/backtests.md).");
  add_dataset_options(parser);
  parser.option("market", "KEY",
                "h2h, h2h_3way, totals or spreads (h2h_3way for soccer, else h2h).");
  parser.option("at", "WHEN",
                "Which vector of each game is its row: open, close or before:<N>m|h|d (close).");
  parser.option("model-dir", "DIR",
                "Write the model and its metadata here (not with --walk-forward).");
  parser.option("role", "ROLE", "champion or challenger (champion).");
  parser.option("name", "NAME", "Model name (default <dataset>_<market>_xgb).");
  parser.option("rounds", "N", "Most boosting rounds (400).");
  parser.option("max-depth", "N", "Tree depth (3).");
  parser.option("eta", "X", "Learning rate (0.05).");
  parser.option("early-stopping", "N",
                "Stop after N rounds without a better validation log loss (30; 0: off).");
  parser.option("calibration", "METHOD", "auto, platt, isotonic or none (auto).");
  parser.option("walk-forward", "season", "Evaluate season by season instead of writing a model.");
  parser.option("report-json", "FILE",
                "Also write the metrics (or the walk-forward table) as JSON.");
  parser.flag("quiet", "Print no progress.");
  add_common_options(parser, kConfigOptions);
  const ParsedArgs parsed = parser.parse(args);
  const Config config = config_from_args(parsed);
  init_command_logging(config, "train");
  const auto spec = dataset_spec_of(config, parsed);
  auto params = params_of(parsed);
  const bool quiet = parsed.has("quiet");
  const auto walk = parsed.get("walk-forward");
  if (walk && *walk != "season") throw UsageError("--walk-forward: only 'season' is supported");
  if (!walk && !parsed.get("model-dir"))
    throw UsageError("--model-dir is required to write a model");
  backtest::Timing at;
  try {
    at = backtest::parse_timing(parsed.get_or("at", "close"));
  } catch (const backtest::StrategyError& e) {
    throw UsageError(std::string("--at: ") + e.what());
  }

  const auto started = Clock::now();
  const auto dataset = load_dataset_or_usage(spec);
  const std::string market = parsed.get_or("market", backtest::default_market(dataset));
  try {
    (void)backtest::market_classes(market);
  } catch (const backtest::StrategyError& e) {
    throw UsageError(std::string("--market: ") + e.what());
  }
  if (!quiet) {
    err << "train: " << dataset.batch.events.size() << " events, " << dataset.batch.quotes.size()
        << " quotes; replaying through the features stage for " << market << " rows\n";
  }
  int last_tenth = -1;
  const auto rows =
      backtest::build_training_rows(dataset, market, at, [&](std::size_t done, std::size_t total) {
        if (quiet) return;
        const int tenth = static_cast<int>(10 * done / std::max<std::size_t>(1, total));
        if (tenth == last_tenth) return;
        last_tenth = tenth;
        err << "train: features " << 10 * tenth << "% ("
            << fixed(std::chrono::duration<double>(Clock::now() - started).count(), 1) << " s)\n";
      });
  out << "rows: " << rows.rows.size() << " of " << rows.games << " games (no result "
      << rows.skipped_no_result << ", unlabelled " << rows.skipped_unlabelled << ", other features "
      << rows.skipped_other_features << "); " << rows.feature_names.size() << " features, classes";
  for (const auto& c : rows.classes) out << " " << c;
  out << "\n";
  const auto seasons = backtest::seasons_of(rows);
  if (seasons.size() < (walk ? 3U : 2U)) {
    err << "sharpline train: " << seasons.size() << " season(s) of rows; need at least "
        << (walk ? 3 : 2) << " (train, validate" << (walk ? ", test" : "") << ")\n";
    return 1;
  }
  const std::string name = parsed.get_or("name", underscored(spec.name) + "_" + market + "_xgb");
  params.metadata.name = name;

  if (walk) {
    print_walk_forward_header(out);
    nlohmann::json table = nlohmann::json::array();
    const auto evaluations = backtest::walk_forward(rows, params, [&](const auto& e) {
      print_walk_forward_row(e, out);
      out.flush();
    });
    for (const auto& e : evaluations) {
      table.push_back({{"season", e.season},
                       {"train_rows", e.train_rows},
                       {"validation_rows", e.validation_rows},
                       {"test_rows", e.test_rows},
                       {"model", scores_json(e.model)},
                       {"model_ece", e.model_ece},
                       {"market_open", scores_json(e.market_open)},
                       {"market_close", scores_json(e.market_close)},
                       {"rounds", e.best_iteration + 1},
                       {"calibration", e.calibration}});
    }
    if (auto path = parsed.get("report-json")) {
      std::ofstream file(*path);
      if (!file) throw UsageError("--report-json: cannot write " + *path);
      file << nlohmann::json{{"dataset", spec.name},
                             {"leagues", spec.leagues},
                             {"market", market},
                             {"at", backtest::timing_name(at)},
                             {"feature_names", rows.feature_names},
                             {"seasons", table}}
                  .dump(2)
           << "\n";
    }
    return 0;
  }

  const int validation_season = seasons.back();
  std::vector<const backtest::TrainingRow*> train;
  std::vector<const backtest::TrainingRow*> validation;
  std::set<std::string> sports;
  for (const auto& row : rows.rows) {
    (row.season < validation_season ? train : validation).push_back(&row);
    sports.insert(row.event_id.substr(0, row.event_id.find(':')));
  }
  const std::string role = parsed.get_or("role", "champion");
  const auto parsed_role = ml::parse_model_role(role);
  if (!parsed_role) throw UsageError("--role: '" + role + "' (champion or challenger)");
  params.metadata.role = *parsed_role;
  params.output_dir = *parsed.get("model-dir");
  std::filesystem::create_directories(params.output_dir);
  params.file_stem = name;
  params.metadata.sport = *sports.begin();
  const auto trained = backtest::train_model(rows, train, validation, params);
  // One model serves every sport of the dataset: a metadata file per further sport points at it.
  for (auto it = std::next(sports.begin()); it != sports.end(); ++it) {
    auto copy = trained.metadata;
    copy.sport = *it;
    ml::write_metadata(params.output_dir / (name + "." + *it + std::string(ml::kMetadataSuffix)),
                       copy);
  }
  const auto& m = trained.metadata;
  out << "trained " << m.name << " " << m.version << " (" << ml::model_role_name(m.role) << ", "
      << m.objective << ") on " << train.size() << " rows, validated on " << validation.size()
      << " rows of " << validation_season << ": " << m.best_iteration.value_or(0) + 1
      << " rounds, calibration " << ml::calibration_method_name(m.calibration.method)
      << ", log loss " << fixed(m.metrics.log_loss, 4) << ", Brier " << fixed(m.metrics.brier, 4)
      << "\n";
  out << "wrote " << trained.model_path.string() << " and " << trained.meta_path.string();
  if (sports.size() > 1) out << " (+" << sports.size() - 1 << " metadata files, one per sport)";
  out << "\n";
  if (auto path = parsed.get("report-json")) {
    std::ofstream file(*path);
    if (!file) throw UsageError("--report-json: cannot write " + *path);
    file << ml::metadata_to_json(m).dump(2) << "\n";
  }
  return 0;
}

}  // namespace sharpline::cli
