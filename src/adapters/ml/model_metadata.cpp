#include "adapters/ml/model_metadata.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>

#include "adapters/ml/sha256.hpp"

namespace sharpline::adapters::ml {
namespace {

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelFileError("cannot read " + path.string());
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw ModelFileError("error reading " + path.string());
  return bytes;
}

nlohmann::json metrics_to_json(const HoldoutMetrics& m) {
  return {{"log_loss", m.log_loss}, {"brier", m.brier}, {"auc", m.auc}, {"rows", m.rows}};
}

HoldoutMetrics metrics_from_json(const nlohmann::json& json) {
  HoldoutMetrics m;
  m.log_loss = json.at("log_loss").get<double>();
  m.brier = json.at("brier").get<double>();
  m.auc = json.at("auc").get<double>();
  m.rows = json.at("rows").get<std::size_t>();
  return m;
}

template <typename T>
std::optional<T> optional_field(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

}  // namespace

std::optional<domain::ModelRole> parse_model_role(std::string_view text) {
  if (text == "champion") return domain::ModelRole::kChampion;
  if (text == "challenger") return domain::ModelRole::kChallenger;
  return std::nullopt;
}

std::string_view model_role_name(domain::ModelRole role) {
  return domain::model_role_key(role);
}

nlohmann::json metadata_to_json(const ModelMetadata& m) {
  nlohmann::json training = nlohmann::json::object();
  const auto put = [&training](const char* key, const auto& value) {
    if (value) training[key] = *value;
  };
  put("first_season", m.training.first_season);
  put("last_season", m.training.last_season);
  put("first_date", m.training.first_date);
  put("last_date", m.training.last_date);
  training["rows"] = m.training_rows;
  nlohmann::json out{
      {"name", m.name},
      {"version", m.version},
      {"role", std::string(model_role_name(m.role))},
      {"sport", m.sport},
      {"market", m.market},
      {"feature_names", m.feature_names},
      {"training", training},
      {"metrics", metrics_to_json(m.metrics)},
      {"model_file", m.model_file},
      {"model_sha256", m.model_sha256},
      {"params", m.params},
      {"objective", m.objective},
      {"classes", m.classes},
      {"calibration", calibration_to_json(m.calibration)},
  };
  if (m.best_iteration) out["best_iteration"] = *m.best_iteration;
  if (m.metrics_uncalibrated)
    out["metrics_uncalibrated"] = metrics_to_json(*m.metrics_uncalibrated);
  return out;
}

ModelMetadata metadata_from_json(const nlohmann::json& json, const std::string& source) {
  try {
    if (!json.is_object()) throw ModelFileError("not a JSON object");
    ModelMetadata m;
    m.name = json.at("name").get<std::string>();
    m.version = json.at("version").get<std::string>();
    const auto role_text = json.at("role").get<std::string>();
    const auto role = parse_model_role(role_text);
    if (!role) throw ModelFileError("role must be champion or challenger, got '" + role_text + "'");
    m.role = *role;
    m.sport = json.at("sport").get<std::string>();
    m.market = json.at("market").get<std::string>();
    m.feature_names = json.at("feature_names").get<std::vector<std::string>>();
    if (const auto it = json.find("training"); it != json.end() && it->is_object()) {
      m.training.first_season = optional_field<int>(*it, "first_season");
      m.training.last_season = optional_field<int>(*it, "last_season");
      m.training.first_date = optional_field<std::string>(*it, "first_date");
      m.training.last_date = optional_field<std::string>(*it, "last_date");
      m.training_rows = optional_field<std::size_t>(*it, "rows").value_or(0);
    }
    if (const auto it = json.find("metrics"); it != json.end() && it->is_object()) {
      m.metrics = metrics_from_json(*it);
    }
    if (const auto it = json.find("metrics_uncalibrated"); it != json.end() && it->is_object()) {
      m.metrics_uncalibrated = metrics_from_json(*it);
    }
    m.objective = optional_field<std::string>(json, "objective").value_or(m.objective);
    if (m.objective != kBinaryObjective && m.objective != kMulticlassObjective) {
      throw ModelFileError("objective must be binary:logistic or multi:softprob, got '" +
                           m.objective + "'");
    }
    if (const auto it = json.find("classes"); it != json.end() && !it->is_null()) {
      m.classes = it->get<std::vector<std::string>>();
    }
    if (m.classes.size() < 2 || (m.objective == kBinaryObjective && m.classes.size() != 2)) {
      throw ModelFileError("classes must name 2 classes (binary) or at least 2 (multiclass)");
    }
    for (std::size_t i = 0; i < m.classes.size(); ++i) {
      if (m.classes[i].empty() ||
          std::find(m.classes.begin(), m.classes.begin() + static_cast<std::ptrdiff_t>(i),
                    m.classes[i]) != m.classes.begin() + static_cast<std::ptrdiff_t>(i)) {
        throw ModelFileError("class names must be non-empty and distinct");
      }
    }
    if (const auto it = json.find("calibration"); it != json.end() && !it->is_null()) {
      try {
        m.calibration = calibration_from_json(*it);
      } catch (const std::invalid_argument& e) {
        throw ModelFileError(e.what());
      }
      const std::size_t have = m.calibration.method == CalibrationMethod::kPlatt
                                   ? m.calibration.platt.size()
                                   : m.calibration.isotonic.size();
      if (have != Calibration::calibrators_for(m.calibration.method, m.classes.size())) {
        throw ModelFileError("calibration has " + std::to_string(have) + " calibrators for " +
                             std::to_string(m.classes.size()) + " classes");
      }
    }
    m.best_iteration = optional_field<int>(json, "best_iteration");
    m.model_file = json.at("model_file").get<std::string>();
    m.model_sha256 = json.at("model_sha256").get<std::string>();
    if (const auto it = json.find("params"); it != json.end()) m.params = *it;
    if (m.name.empty() || m.sport.empty() || m.market.empty() || m.model_file.empty()) {
      throw ModelFileError("name, sport, market and model_file must not be empty");
    }
    if (m.feature_names.empty()) throw ModelFileError("feature_names must not be empty");
    if (m.model_sha256.size() != 64) throw ModelFileError("model_sha256 must be 64 hex digits");
    return m;
  } catch (const ModelFileError& e) {
    throw ModelFileError("model metadata " + source + ": " + e.what());
  } catch (const nlohmann::json::exception& e) {
    throw ModelFileError("model metadata " + source + ": " + e.what());
  }
}

ModelMetadata read_metadata(const std::filesystem::path& meta_path) {
  const std::string text = read_bytes(meta_path);
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw ModelFileError("model metadata " + meta_path.string() + ": " + e.what());
  }
  return metadata_from_json(json, meta_path.string());
}

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw ModelFileError("cannot write " + tmp.string());
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) throw ModelFileError("error writing " + tmp.string());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec)
    throw ModelFileError("cannot rename " + tmp.string() + " to " + path.string() + ": " +
                         ec.message());
}

void write_metadata(const std::filesystem::path& meta_path, const ModelMetadata& metadata) {
  write_file_atomically(meta_path, metadata_to_json(metadata).dump(2) + "\n");
}

std::shared_ptr<const LoadedModel> load_model(const std::filesystem::path& meta_path) {
  auto loaded = std::make_shared<LoadedModel>();
  loaded->meta_path = meta_path;
  loaded->metadata = read_metadata(meta_path);
  const ModelMetadata& m = loaded->metadata;
  loaded->model_path = meta_path.parent_path() / m.model_file;
  const std::string bytes = read_bytes(loaded->model_path);
  const std::string sha = sha256_hex(bytes);
  if (sha != m.model_sha256) {
    throw ModelFileError("model file " + loaded->model_path.string() + " has SHA-256 " + sha +
                         ", but " + meta_path.string() + " expects " + m.model_sha256);
  }
  try {
    loaded->model = std::make_unique<XgbModel>(bytes, loaded->model_path.filename().string());
  } catch (const XgbError& e) {
    throw ModelFileError("model file " + loaded->model_path.string() + ": " + e.what());
  }
  if (loaded->model->num_features() != m.feature_names.size()) {
    throw ModelFileError("model file " + loaded->model_path.string() + " takes " +
                         std::to_string(loaded->model->num_features()) + " features, but " +
                         meta_path.string() + " names " + std::to_string(m.feature_names.size()));
  }
  const bool multiclass = m.objective == kMulticlassObjective;
  if (loaded->model->multiclass() != multiclass ||
      loaded->model->num_classes() != m.classes.size()) {
    throw ModelFileError("model file " + loaded->model_path.string() + " predicts " +
                         std::to_string(loaded->model->num_classes()) + " classes (" +
                         (loaded->model->multiclass() ? "multiclass" : "binary") + "), but " +
                         meta_path.string() + " says " + m.objective + " with " +
                         std::to_string(m.classes.size()) + " classes");
  }
  return loaded;
}

void LoadedModel::probabilities(std::span<const float> row, std::span<double> out) const {
  model->class_probabilities(row, out);
  metadata.calibration.apply(out);
}

std::vector<double> LoadedModel::probabilities(std::span<const float> row) const {
  std::vector<double> out(num_classes());
  probabilities(row, out);
  return out;
}

}  // namespace sharpline::adapters::ml
