#pragma once

// Temporary directories and a small synthetic training set for the adapters/ml tests.

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "adapters/ml/training.hpp"

namespace sharpline::adapters::ml::testing {

// A fresh directory under the system temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("sharpline-ml-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// y = 1 when x0 + 0.5 x1 > 0 (x2 is noise); rows are "chronological" (i.i.d. anyway).
struct Synthetic {
  std::vector<float> rows;
  std::vector<float> labels;
  std::vector<std::string> names = {"x0", "x1", "noise"};
};

inline Synthetic synthetic(std::size_t n, unsigned seed = 3) {
  Synthetic s;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  for (std::size_t i = 0; i < n; ++i) {
    const float x0 = u(rng);
    const float x1 = u(rng);
    const float x2 = u(rng);
    s.rows.insert(s.rows.end(), {x0, x1, x2});
    s.labels.push_back(x0 + 0.5f * x1 > 0.0f ? 1.0f : 0.0f);
  }
  return s;
}

inline TrainingResult train_synthetic(const std::filesystem::path& dir, const std::string& stem,
                                      domain::ModelRole role = domain::ModelRole::kChampion,
                                      int rounds = 30, unsigned seed = 3) {
  const Synthetic s = synthetic(400, seed);
  TrainingParams params;
  params.rounds = rounds;
  params.output_dir = dir;
  params.file_stem = stem;
  params.metadata.name = stem;
  params.metadata.role = role;
  params.metadata.sport = "test_sport";
  params.metadata.market = "h2h";
  return train_binary_classifier(s.rows, s.labels, s.names, params);
}

}  // namespace sharpline::adapters::ml::testing
