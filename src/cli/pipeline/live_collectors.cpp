#include "cli/pipeline/live_collectors.hpp"

#include <spawn.h>
#include <sys/wait.h>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "common/logging.hpp"

extern char** environ;  // NOLINT: POSIX

namespace sharpline::cli {

LiveCollectors::LiveCollectors(const Config& config, std::string bootstrap,
                               std::vector<std::string> passthrough)
    : odds_key_configured_(!config.get_or("odds_api.api_key", "").empty()),
      bootstrap_(std::move(bootstrap)),
      passthrough_(std::move(passthrough)) {}

LiveCollectors::~LiveCollectors() {
  stop();
}

std::vector<std::string> LiveCollectors::start() {
  std::vector<std::string> started;
  if (odds_key_configured_) {
    spawn("odds", {"collect", "odds", "--source", "api"});
    started.emplace_back("odds");
  } else {
    log_warn("no Odds API key configured: the live odds collector is not started",
             {{"key", "odds_api.api_key"}});
  }
  spawn("weather", {"collect", "weather", "--source", "api"});
  started.emplace_back("weather");
  spawn("stats", {"collect", "stats", "--source", "api", "--feed", "espn", "--sport",
                  "americanfootball_nfl"});
  started.emplace_back("stats");
  return started;
}

void LiveCollectors::spawn(const std::string& name, std::vector<std::string> args) {
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  args.insert(args.begin(), self);
  args.insert(args.end(), {"--bootstrap", bootstrap_});
  args.insert(args.end(), passthrough_.begin(), passthrough_.end());
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  // The run blocks SIGINT/SIGTERM in every thread (ShutdownSignals); a child must start with
  // them unblocked so its own handling works.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
  pid_t pid = 0;
  const int err = posix_spawn(&pid, self.c_str(), nullptr, &attr, argv.data(), environ);
  posix_spawnattr_destroy(&attr);
  if (err != 0) {
    throw std::runtime_error("cannot start the " + name + " collector: " + std::strerror(err));
  }
  children_.emplace_back(name, pid);
  log_info("live collector started", {{"collector", name}, {"pid", pid}});
}

void LiveCollectors::stop() {
  for (const auto& [name, pid] : children_) ::kill(pid, SIGTERM);
  for (const auto& [name, pid] : children_) {
    int status = 0;
    (void)::waitpid(pid, &status, 0);
    log_info("live collector stopped", {{"collector", name}, {"status", status}});
  }
  children_.clear();
}

}  // namespace sharpline::cli
