#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/command_table.hpp"

namespace sharpline::cli {
namespace {

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun run(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = dispatch(args, out, err);
  return {code, out.str(), err.str()};
}

int lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

TEST(Dispatch, EveryCommandHasHelpThatExitsZero) {
  for (const auto& command : commands()) {
    const CliRun r = run({command.name, "--help"});
    EXPECT_EQ(r.code, 0) << command.name;
    EXPECT_NE(r.out.find("Usage: sharpline " + std::string(command.name)), std::string::npos)
        << command.name << ": " << r.out;
  }
  for (const auto& sub : std::vector<std::vector<std::string>>{{"topics", "apply", "--help"},
                                                               {"topics", "list", "--help"},
                                                               {"schemas", "list", "--help"},
                                                               {"config", "show", "--help"},
                                                               {"config", "keys", "--help"}}) {
    const CliRun r = run(sub);
    EXPECT_EQ(r.code, 0) << sub[0] << " " << sub[1];
    EXPECT_NE(r.out.find("--"), std::string::npos);
  }
}

TEST(Dispatch, UsageErrorsExitTwoWithOneLineNamingTheOption) {
  const CliRun unknown_option = run({"consume", "--topik", "x"});
  EXPECT_EQ(unknown_option.code, 2);
  EXPECT_EQ(lines(unknown_option.err), 1);
  EXPECT_NE(unknown_option.err.find("--topik"), std::string::npos);

  const CliRun unknown_command = run({"frobnicate"});
  EXPECT_EQ(unknown_command.code, 2);
  EXPECT_NE(unknown_command.err.find("frobnicate"), std::string::npos);

  const CliRun bad_set = run({"config", "show", "--set", "nokey"});
  EXPECT_EQ(bad_set.code, 2);
  EXPECT_NE(bad_set.err.find("--set"), std::string::npos);

  const CliRun unknown_key = run({"config", "show", "--set", "htp.listen=1"});
  EXPECT_EQ(unknown_key.code, 2);
  EXPECT_NE(unknown_key.err.find("htp.listen"), std::string::npos);

  const CliRun bad_listen = run({"config", "show", "--http", "nowhere"});
  EXPECT_EQ(bad_listen.code, 2);
  EXPECT_NE(bad_listen.err.find("http.listen"), std::string::npos);

  const CliRun missing = run({"produce", "--json", "-"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("--topic"), std::string::npos);
}

TEST(Dispatch, RuntimeFailuresExitOneWithAClearMessage) {
  const CliRun r = run({"config", "show", "--config", "/nonexistent/sharpline.json"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("/nonexistent/sharpline.json"), std::string::npos);
}

TEST(Dispatch, SecretsAreRejectedOnTheCommandLineWithoutEchoingThem) {
  const CliRun r = run({"config", "show", "--set", "kafka.sasl.password=hunter2"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.find("hunter2"), std::string::npos);
  EXPECT_EQ(r.out.find("hunter2"), std::string::npos);
}

TEST(Dispatch, ConfigShowReportsLayers) {
  const CliRun r = run({"config", "show", "--bootstrap", "h:9092", "--set", "kafka.linger.ms=7"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto shown = nlohmann::json::parse(r.out);
  EXPECT_EQ(shown["bootstrap"]["value"], "h:9092");
  EXPECT_EQ(shown["bootstrap"]["source"], "flag");
  EXPECT_EQ(shown["kafka.linger.ms"]["value"], "7");
  EXPECT_EQ(shown["http.listen"]["source"], "default");
}

}  // namespace
}  // namespace sharpline::cli
