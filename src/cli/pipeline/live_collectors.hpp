// `sharpline run --follow`: after the replay, the live HTTP collectors run as child processes
// of this same binary (`sharpline collect odds|weather|stats --source api`), against the run's
// bus, so live data flows through the stages already running. The odds collector starts only
// when an Odds API key is configured (odds_api.api_key from the environment or a file); weather
// (Open-Meteo) and stats (ESPN) need no key. Children get the run's --config/--set/--log-*
// options and environment, and are stopped with SIGTERM (then reaped) when the run ends.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "common/config.hpp"

namespace sharpline::cli {

class LiveCollectors {
 public:
  // passthrough: the run's configuration options, e.g. {"--config", "f.json", "--set", "k=v"}.
  LiveCollectors(const Config& config, std::string bootstrap, std::vector<std::string> passthrough);
  ~LiveCollectors();
  LiveCollectors(const LiveCollectors&) = delete;
  LiveCollectors& operator=(const LiveCollectors&) = delete;

  // Starts the collectors; returns what was started ("odds", "weather", "stats").
  std::vector<std::string> start();
  void stop();

 private:
  void spawn(const std::string& name, std::vector<std::string> args);

  bool odds_key_configured_;
  std::string bootstrap_;
  std::vector<std::string> passthrough_;
  std::vector<std::pair<std::string, pid_t>> children_;
};

}  // namespace sharpline::cli
