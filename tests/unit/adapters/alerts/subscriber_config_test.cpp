#include "adapters/alerts/subscriber_config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace sharpline::adapters::alerts {
namespace {

using nlohmann::json;

EnvLookup env(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

json one(json subscriber) {
  return {{"subscribers", json::array({std::move(subscriber)})}};
}

json minimal() {
  return {{"id", "nfl-value"},
          {"url", "https://hooks.example.com/in?token=abc"},
          {"secret_env", "HOOK_SECRET"}};
}

std::vector<Subscriber> parse(const json& document) {
  return parse_subscribers(document, "subs.json", {}, env({{"HOOK_SECRET", "s3cret"}}), "");
}

std::string error_of(const json& document) {
  try {
    parse(document);
  } catch (const SubscriberConfigError& e) {
    return e.what();
  }
  return "no error";
}

TEST(SubscriberConfig, FullSubscriberWithFiltersAndDefaults) {
  json subscriber = minimal();
  subscriber["filters"] = {{"sports", {"americanfootball_nfl"}},
                           {"kinds", {"value", "arbitrage"}},
                           {"min_ev", 0.03},
                           {"min_severity", "notice"}};
  subscriber["max_attempts"] = 3;
  subscriber["backoff"] = {{"initial_ms", 100}, {"max_ms", 2000}};
  const auto subscribers = parse(one(subscriber));
  ASSERT_EQ(subscribers.size(), 1u);
  const auto& s = subscribers[0];
  EXPECT_EQ(s.id, "nfl-value");
  EXPECT_EQ(s.secret, "s3cret");
  EXPECT_EQ(s.filter.sports, std::vector<std::string>{"americanfootball_nfl"});
  EXPECT_EQ(s.filter.kinds.size(), 2u);
  EXPECT_EQ(s.filter.min_ev, 0.03);
  EXPECT_EQ(s.filter.min_severity, domain::alerts::Severity::kNotice);
  EXPECT_EQ(s.max_attempts, 3);
  EXPECT_EQ(s.backoff_initial.count(), 100);
  EXPECT_EQ(s.backoff_max.count(), 2000);
  EXPECT_EQ(s.timeout.count(), SubscriberDefaults{}.timeout.count());  // from the defaults
}

TEST(SubscriberConfig, SecretFileRelativeToTheSubscribersFileWithoutTrailingNewline) {
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("sharpline-subs-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "hook.secret") << "file-secret\n";
  json subscriber = minimal();
  subscriber.erase("secret_env");
  subscriber["secret_file"] = "hook.secret";
  std::ofstream(dir / "subs.json") << one(subscriber).dump();
  const auto subscribers = load_subscribers((dir / "subs.json").string(), {}, env({}));
  EXPECT_EQ(subscribers.at(0).secret, "file-secret");
  std::filesystem::remove_all(dir);
}

TEST(SubscriberConfig, RefusesSubscribersWithoutAUsableSecret) {
  json inline_secret = minimal();
  inline_secret["secret"] = "in-git";
  EXPECT_NE(error_of(one(inline_secret)).find("inline 'secret' is not accepted"),
            std::string::npos);
  json none = minimal();
  none.erase("secret_env");
  EXPECT_NE(error_of(one(none)).find("exactly one of 'secret_env' or 'secret_file'"),
            std::string::npos);
  json unset = minimal();
  unset["secret_env"] = "NOT_SET";
  EXPECT_NE(error_of(one(unset)).find("NOT_SET (secret_env) is unset or empty"), std::string::npos);
  json missing_file = minimal();
  missing_file.erase("secret_env");
  missing_file["secret_file"] = "/nonexistent/secret";
  EXPECT_NE(error_of(one(missing_file)).find("cannot read secret_file"), std::string::npos);
}

TEST(SubscriberConfig, UnknownFieldsAndBadValuesNameTheSubscriberAndField) {
  json typo = minimal();
  typo["max_attempt"] = 3;
  EXPECT_NE(error_of(one(typo)).find("subscribers[0] (nfl-value): unknown field 'max_attempt'"),
            std::string::npos);
  json filter_typo = minimal();
  filter_typo["filters"] = {{"sport", {"x"}}};
  EXPECT_NE(error_of(one(filter_typo)).find("filters: unknown field 'sport'"), std::string::npos);
  json severity = minimal();
  severity["filters"] = {{"min_severity", "urgent"}};
  EXPECT_NE(error_of(one(severity)).find("'min_severity' must be one of info, notice, high"),
            std::string::npos);
  json attempts = minimal();
  attempts["max_attempts"] = 0;
  EXPECT_NE(error_of(one(attempts)).find("'max_attempts' must be in [1, 100], got 0"),
            std::string::npos);
  json backoff = minimal();
  backoff["backoff"] = {{"initial_ms", 5000}, {"max_ms", 100}};
  EXPECT_NE(error_of(one(backoff)).find("initial_ms must not exceed max_ms"), std::string::npos);
  json url = minimal();
  url["url"] = "ftp://example.com/x";
  EXPECT_NE(error_of(one(url)).find("'url'"), std::string::npos);
  json id = minimal();
  id["id"] = "has space";
  EXPECT_NE(error_of(one(id)).find("'id' must be 1-64 characters"), std::string::npos);
  EXPECT_NE(error_of(json{{"subscribers", json::array()}}).find("non-empty array"),
            std::string::npos);
  EXPECT_NE(error_of(json{{"subscriber", json::array()}}).find("unknown field 'subscriber'"),
            std::string::npos);
  EXPECT_NE(error_of(json{{"subscribers", {minimal(), minimal()}}}).find("duplicate subscriber id"),
            std::string::npos);
}

TEST(SubscriberConfig, ErrorsNeverContainTheSecretOrQueryValues) {
  json bad = minimal();
  bad["timeout_ms"] = "fast";
  const std::string error = error_of(one(bad));
  EXPECT_NE(error.find("'timeout_ms' must be an integer"), std::string::npos);
  EXPECT_EQ(error.find("s3cret"), std::string::npos);
  json bad_url = minimal();
  bad_url["url"] = "notaurl?token=abc";
  EXPECT_EQ(error_of(one(bad_url)).find("abc"), std::string::npos);
}

}  // namespace
}  // namespace sharpline::adapters::alerts
