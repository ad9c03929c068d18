// The layering rule that keeps the domain usable in backtests and training: domain code depends
// on the C++ standard library only, and does no I/O.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

namespace {

TEST(Architecture, DomainIncludesNothingButTheStandardLibraryAndItself) {
  const std::filesystem::path domain = std::filesystem::path(SHARPLINE_SOURCE_DIR) / "src/domain";
  const std::regex include_line(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  const std::vector<std::string> forbidden = {
      "librdkafka", "avro",     "nlohmann", "spdlog",    "fmt/",       "boost/",
      "pqxx",       "xgboost",  "fstream",  "iostream",  "filesystem", "cstdio",
      "thread",     "runtime/", "serde/",   "adapters/", "cli/",       "common/"};
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(domain)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      std::smatch match;
      if (!std::regex_search(line, match, include_line)) continue;
      const std::string header = match[1];
      for (const auto& bad : forbidden) {
        EXPECT_EQ(header.find(bad), std::string::npos)
            << entry.path() << " includes <" << header << ">";
      }
      if (line.find('"') != std::string::npos) {
        EXPECT_TRUE(header.starts_with("domain/"))
            << entry.path() << " includes \"" << header << "\"";
      }
    }
  }
  EXPECT_GT(files, 0);
}

}  // namespace
