// The models a stage serves, from one directory of <stem>.meta.json + model files. For each
// (sport, market) it keeps the champion and at most one challenger. refresh() rescans the
// directory, so a model dropped in (or replaced) is served without a restart:
//
//   - a metadata file is reloaded only when it or its model file changed (mtime or size), and
//     then only if the bytes changed (SHA-256 of both files);
//   - a file that fails to load (bad JSON, SHA-256 or feature-count mismatch, XGBoost error) is
//     logged and skipped; whatever that file or slot served before keeps being served;
//   - a deleted metadata file drops its model;
//   - when several files claim the same slot, the newest metadata file (mtime, then name) wins.
//
// Thread-safety: refresh() and the getters lock one mutex; models come out as shared_ptr, so a
// caller keeps using a model that a refresh has just replaced.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "adapters/ml/model_metadata.hpp"

namespace sharpline::adapters::ml {

class ModelDirectory {
 public:
  explicit ModelDirectory(std::filesystem::path directory);

  struct RefreshReport {
    std::vector<std::string> loaded;   // metadata files (re)loaded
    std::vector<std::string> removed;  // metadata files gone
    std::vector<std::string> errors;   // one message per file that failed (and was skipped)
  };
  // Never throws for a bad file; a missing directory counts as empty.
  RefreshReport refresh();

  std::shared_ptr<const LoadedModel> champion(const std::string& sport,
                                              const std::string& market) const;
  std::shared_ptr<const LoadedModel> challenger(const std::string& sport,
                                                const std::string& market) const;
  // Every model served, champions first, by (sport, market).
  std::vector<std::shared_ptr<const LoadedModel>> models() const;
  const std::filesystem::path& directory() const { return directory_; }

 private:
  struct Stamp {
    std::filesystem::file_time_type meta_mtime{};
    std::uintmax_t meta_size = 0;
    std::filesystem::file_time_type model_mtime{};
    std::uintmax_t model_size = 0;
    bool operator==(const Stamp&) const = default;
  };
  struct Entry {
    Stamp stamp;
    std::string meta_sha;                      // of the bytes last tried
    std::string model_sha;                     // of the model file bytes last tried
    std::shared_ptr<const LoadedModel> model;  // the last good load (may be older than stamp)
  };
  struct Slot {
    std::shared_ptr<const LoadedModel> champion;
    std::shared_ptr<const LoadedModel> challenger;
  };

  void rebuild_slots();

  std::filesystem::path directory_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> files_;  // by metadata file name
  std::map<std::pair<std::string, std::string>, Slot> slots_;
};

}  // namespace sharpline::adapters::ml
