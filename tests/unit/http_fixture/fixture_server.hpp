#pragma once

// Test-only HTTP fixtures for collector code: a loopback server that plays scripted responses per
// path (recorded payloads, 429 with Retry-After, 500, truncated or mistyped JSON, slow replies),
// and a fake clock whose sleep() advances time and records each wait, so retry tests run
// instantly. Header-only because tests/CMakeLists.txt builds only *_test.cpp files.

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "adapters/http/http_server.hpp"
#include "adapters/http/resilient_http_client.hpp"

namespace sharpline::testing {

// /work/shared/data by default; SHARPLINE_DATA_DIR overrides (the data is never in the repo).
inline std::string shared_data_dir() {
  if (const char* dir = std::getenv("SHARPLINE_DATA_DIR"); dir && *dir) return dir;
  return std::string(SHARPLINE_SOURCE_DIR) + "/../shared/data";
}

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read test data file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct ScriptedResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds delay{0};  // the handler sleeps this long before answering

  static ScriptedResponse json(std::string body, int status = 200) {
    ScriptedResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
  }
  // A recorded payload, read from the shared data directory (path relative to it).
  static ScriptedResponse recorded(const std::string& relative_path) {
    return json(read_text_file(shared_data_dir() + "/" + relative_path));
  }
  static ScriptedResponse too_many_requests(std::string retry_after) {
    auto response = json(R"({"message":"rate limited"})", 429);
    response.headers.emplace_back("Retry-After", std::move(retry_after));
    return response;
  }
  static ScriptedResponse server_error(int status = 500) {
    return json(R"({"message":"upstream failure"})", status);
  }
  static ScriptedResponse truncated_json() { return json(R"({"hourly":{"time":["2026-03-0)"); }
  static ScriptedResponse wrong_types() {
    return json(R"({"hourly":{"time":"not-an-array","temperature_2m":[true]}})");
  }
  static ScriptedResponse slow(std::chrono::milliseconds delay, std::string body = "{}") {
    auto response = json(std::move(body));
    response.delay = delay;
    return response;
  }
  ScriptedResponse with_header(std::string name, std::string value) && {
    headers.emplace_back(std::move(name), std::move(value));
    return std::move(*this);
  }
};

// Paths must be scripted before start() (the server's route table freezes then); a path's script
// may be replaced later. Responses play in order and the last one repeats.
class FixtureServer {
 public:
  FixtureServer() {
    adapters::http::HttpServerOptions options;
    options.port = 0;
    options.threads = 4;  // a slow handler must not hold up the next attempt
    server_ = std::make_unique<adapters::http::HttpServer>(options);
  }
  ~FixtureServer() { server_->stop(); }

  void script(const std::string& path, std::vector<ScriptedResponse> responses) {
    std::lock_guard lock(state_->mutex);
    bool known = state_->scripts.count(path) > 0;
    state_->scripts[path] = Script{std::move(responses), 0};
    if (known) return;
    auto state = state_;
    server_->route(adapters::http::HttpMethod::Get, path,
                   [state, path](const adapters::http::HttpRequest&) {
                     ScriptedResponse next;
                     {
                       std::lock_guard lock(state->mutex);
                       auto& script = state->scripts.at(path);
                       ++state->hits[path];
                       if (script.responses.empty()) {
                         return adapters::http::HttpResponse::text(500, "empty script");
                       }
                       auto index = std::min(script.next, script.responses.size() - 1);
                       next = script.responses[index];
                       ++script.next;
                     }
                     if (next.delay.count() > 0) std::this_thread::sleep_for(next.delay);
                     adapters::http::HttpResponse response;
                     response.status = next.status;
                     response.content_type = next.content_type;
                     response.body = next.body;
                     response.headers = next.headers;
                     return response;
                   });
  }

  void start() { server_->start(); }
  std::string url(const std::string& path) const { return "http://" + server_->address() + path; }
  std::string host_port() const { return server_->address(); }
  int hits(const std::string& path) const {
    std::lock_guard lock(state_->mutex);
    auto it = state_->hits.find(path);
    return it == state_->hits.end() ? 0 : it->second;
  }

 private:
  struct Script {
    std::vector<ScriptedResponse> responses;
    std::size_t next = 0;
  };
  struct State {
    mutable std::mutex mutex;
    std::map<std::string, Script> scripts;
    std::map<std::string, int> hits;
  };
  std::shared_ptr<State> state_ = std::make_shared<State>();
  std::unique_ptr<adapters::http::HttpServer> server_;
};

// Time that only moves when told to (or when code under test "sleeps"). Jitter draws return
// `random_value`, so expected waits are exact.
class FakeClock {
 public:
  adapters::http::ResilienceClock clock() {
    adapters::http::ResilienceClock clock;
    clock.now = [this] {
      std::lock_guard lock(mutex_);
      return steady_;
    };
    clock.wall_now = [this] {
      std::lock_guard lock(mutex_);
      return wall_;
    };
    clock.sleep = [this](std::chrono::milliseconds wait) {
      std::lock_guard lock(mutex_);
      sleeps_.push_back(wait);
      steady_ += wait;
      wall_ += wait;
    };
    clock.random = [this] {
      std::lock_guard lock(mutex_);
      return random_value_;
    };
    return clock;
  }

  void advance(std::chrono::milliseconds by) {
    std::lock_guard lock(mutex_);
    steady_ += by;
    wall_ += by;
  }
  void set_random(double value) {
    std::lock_guard lock(mutex_);
    random_value_ = value;
  }
  std::vector<std::chrono::milliseconds> sleeps() const {
    std::lock_guard lock(mutex_);
    return sleeps_;
  }
  std::chrono::system_clock::time_point wall_now() const {
    std::lock_guard lock(mutex_);
    return wall_;
  }

 private:
  mutable std::mutex mutex_;
  std::chrono::steady_clock::time_point steady_{std::chrono::hours(1000)};
  // 2026-03-04T12:00:00Z, so HTTP-date Retry-After values are easy to write.
  std::chrono::system_clock::time_point wall_{
      std::chrono::sys_days{std::chrono::year{2026} / 3 / 4} + std::chrono::hours(12)};
  double random_value_ = 0.5;
  std::vector<std::chrono::milliseconds> sleeps_;
};

}  // namespace sharpline::testing
