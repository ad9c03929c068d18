// The options every command that reads a historical dataset shares (train, backtest, replay):
// --dataset, --data-dir, --league, --seasons, and the shared data folder lookup.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "adapters/history/dataset.hpp"
#include "cli/args.hpp"
#include "common/config.hpp"

namespace sharpline::cli {

void add_dataset_options(ArgParser& parser);

// The shared data folder: --data-dir, else the data.dir key, else $SHARPLINE_DATA_DIR, else
// ../shared/data next to the source tree.
std::filesystem::path data_dir_of(const Config& config, const ParsedArgs& parsed);

// Throws UsageError for a missing --dataset or a malformed --seasons.
adapters::history::DatasetSpec dataset_spec_of(const Config& config, const ParsedArgs& parsed);

// load_dataset with its DatasetError (unknown name or league, empty selection, missing file)
// as a UsageError.
adapters::history::Dataset load_dataset_or_usage(const adapters::history::DatasetSpec& spec);

// The items of repeatable, comma-separated option values ("a,b" "c" -> a, b, c; empty items
// dropped).
std::vector<std::string> comma_list(const std::vector<std::string>& values);

}  // namespace sharpline::cli
