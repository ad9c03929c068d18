#include "adapters/ml/model_directory.hpp"

#include <algorithm>
#include <system_error>

#include "adapters/ml/sha256.hpp"
#include "common/logging.hpp"

namespace sharpline::adapters::ml {
namespace {

bool is_metadata_file(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  return name.size() > kMetadataSuffix.size() && name.ends_with(kMetadataSuffix);
}

// mtime and size of a file; zero values when it does not exist (a stamp still changes when the
// file appears).
void stat_file(const std::filesystem::path& path, std::filesystem::file_time_type& mtime,
               std::uintmax_t& size) {
  std::error_code ec;
  mtime = std::filesystem::last_write_time(path, ec);
  if (ec) mtime = {};
  size = std::filesystem::file_size(path, ec);
  if (ec) size = 0;
}

std::string sha_or_empty(const std::filesystem::path& path) {
  try {
    return sha256_file_hex(path);
  } catch (const HashError&) {
    return {};
  }
}

}  // namespace

ModelDirectory::ModelDirectory(std::filesystem::path directory)
    : directory_(std::move(directory)) {}

ModelDirectory::RefreshReport ModelDirectory::refresh() {
  RefreshReport report;
  std::vector<std::filesystem::path> found;
  std::error_code ec;
  if (std::filesystem::is_directory(directory_, ec)) {
    for (std::filesystem::directory_iterator it(directory_, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (is_metadata_file(it->path()) && it->is_regular_file(ec)) found.push_back(it->path());
    }
  }
  std::sort(found.begin(), found.end());

  std::lock_guard lock(mutex_);
  bool changed = false;
  for (auto it = files_.begin(); it != files_.end();) {
    const bool present = std::any_of(found.begin(), found.end(), [&](const auto& path) {
      return path.filename().string() == it->first;
    });
    if (present) {
      ++it;
      continue;
    }
    report.removed.push_back(it->first);
    log_info("model metadata removed", {{"file", (directory_ / it->first).string()}});
    it = files_.erase(it);
    changed = true;
  }

  for (const auto& meta_path : found) {
    const std::string key = meta_path.filename().string();
    Entry& entry = files_[key];
    Stamp stamp;
    stat_file(meta_path, stamp.meta_mtime, stamp.meta_size);
    // The model file named by the metadata (best effort: the metadata may be broken).
    std::filesystem::path model_path;
    try {
      model_path = meta_path.parent_path() / read_metadata(meta_path).model_file;
      stat_file(model_path, stamp.model_mtime, stamp.model_size);
    } catch (const ModelFileError&) {
    }
    const bool first_time = entry.meta_sha.empty() && !entry.model;
    if (!first_time && stamp == entry.stamp) continue;
    entry.stamp = stamp;
    const std::string meta_sha = sha_or_empty(meta_path);
    const std::string model_sha = model_path.empty() ? std::string() : sha_or_empty(model_path);
    if (!first_time && meta_sha == entry.meta_sha && model_sha == entry.model_sha) continue;
    entry.meta_sha = meta_sha;
    entry.model_sha = model_sha;
    try {
      entry.model = load_model(meta_path);
      report.loaded.push_back(key);
      changed = true;
      const ModelMetadata& m = entry.model->metadata;
      log_info("model loaded", {{"file", meta_path.string()},
                                {"name", m.name},
                                {"version", m.version},
                                {"role", std::string(model_role_name(m.role))},
                                {"sport", m.sport},
                                {"market", m.market}});
    } catch (const std::exception& e) {
      report.errors.emplace_back(e.what());
      log_warn("model file skipped", {{"file", meta_path.string()},
                                      {"error", e.what()},
                                      {"kept_previous", entry.model != nullptr}});
    }
  }
  if (changed) rebuild_slots();
  return report;
}

void ModelDirectory::rebuild_slots() {
  // Newest metadata file wins a contested slot: sort candidates by (mtime, name).
  std::vector<std::pair<const std::string*, const Entry*>> entries;
  for (const auto& [name, entry] : files_) {
    if (entry.model) entries.emplace_back(&name, &entry);
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    if (a.second->stamp.meta_mtime != b.second->stamp.meta_mtime) {
      return a.second->stamp.meta_mtime < b.second->stamp.meta_mtime;
    }
    return *a.first < *b.first;
  });
  std::map<std::pair<std::string, std::string>, Slot> slots;
  for (const auto& [name, entry] : entries) {
    const ModelMetadata& m = entry->model->metadata;
    Slot& slot = slots[{m.sport, m.market}];
    auto& target = m.role == domain::ModelRole::kChallenger ? slot.challenger : slot.champion;
    if (target) {
      log_warn("two models claim one slot; the newer metadata file wins",
               {{"sport", m.sport},
                {"market", m.market},
                {"role", std::string(model_role_name(m.role))},
                {"replaced", target->meta_path.filename().string()},
                {"winner", *name}});
    }
    target = entry->model;
  }
  slots_ = std::move(slots);
}

std::shared_ptr<const LoadedModel> ModelDirectory::champion(const std::string& sport,
                                                            const std::string& market) const {
  std::lock_guard lock(mutex_);
  const auto it = slots_.find({sport, market});
  return it == slots_.end() ? nullptr : it->second.champion;
}

std::shared_ptr<const LoadedModel> ModelDirectory::challenger(const std::string& sport,
                                                              const std::string& market) const {
  std::lock_guard lock(mutex_);
  const auto it = slots_.find({sport, market});
  return it == slots_.end() ? nullptr : it->second.challenger;
}

std::vector<std::shared_ptr<const LoadedModel>> ModelDirectory::models() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<const LoadedModel>> out;
  for (const auto& [key, slot] : slots_) {
    if (slot.champion) out.push_back(slot.champion);
  }
  for (const auto& [key, slot] : slots_) {
    if (slot.challenger) out.push_back(slot.challenger);
  }
  return out;
}

}  // namespace sharpline::adapters::ml
