#include "common/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace sharpline {
namespace {

class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    path_ = std::filesystem::temp_directory_path() /
            ("sharpline-config-" + std::to_string(counter_++) + "-" + std::to_string(::getpid()));
    std::ofstream(path_) << content;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(ConfigLayering, DefaultsApplyWhenNothingElseIsGiven) {
  const Config config = load_config({});
  EXPECT_EQ(config.get("http.listen"), "127.0.0.1:8088");
  EXPECT_EQ(config.entries().at("http.listen").source, ConfigSource::kDefault);
}

TEST(ConfigLayering, FileBeatsDefaultEnvironmentBeatsFileFlagBeatsEnvironment) {
  TempFile file(R"({"http": {"listen": "127.0.0.1:9001"}, "log.level": "debug",
                   "bootstrap": "file:9092", "kafka": {"linger.ms": "20"}})");
  ConfigInputs inputs;
  inputs.config_file = file.path();
  inputs.environment = {{"SHARPLINE_LOG_LEVEL", "warn"}, {"SHARPLINE_BOOTSTRAP", "env:9092"}};
  inputs.flags = {{"bootstrap", "flag:9092"}};
  const Config config = load_config(inputs);
  EXPECT_EQ(config.get("http.listen"), "127.0.0.1:9001");  // file only
  EXPECT_EQ(config.entries().at("http.listen").source, ConfigSource::kFile);
  EXPECT_EQ(config.get("log.level"), "warn");  // env over file
  EXPECT_EQ(config.entries().at("log.level").source, ConfigSource::kEnvironment);
  EXPECT_EQ(config.get("bootstrap"), "flag:9092");  // flag over env and file
  EXPECT_EQ(config.entries().at("bootstrap").source, ConfigSource::kFlag);
  EXPECT_EQ(config.kafka_properties().at("linger.ms"), "20");
}

TEST(ConfigLayering, LaterFlagWins) {
  ConfigInputs inputs;
  inputs.flags = {{"log.level", "debug"}, {"log.level", "error"}};
  EXPECT_EQ(load_config(inputs).get("log.level"), "error");
}

TEST(ConfigLayering, KafkaPropertiesPassThroughFromEveryLayer) {
  ConfigInputs inputs;
  inputs.environment = {{"SHARPLINE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"},
                        {"SHARPLINE_KAFKA_SASL_MECHANISM", "PLAIN"}};
  inputs.flags = {{"kafka.sasl.mechanism", "SCRAM-SHA-512"}, {"kafka.client.id", "me"}};
  const auto props = load_config(inputs).kafka_properties();
  EXPECT_EQ(props.at("security.protocol"), "SASL_SSL");
  EXPECT_EQ(props.at("sasl.mechanism"), "SCRAM-SHA-512");
  EXPECT_EQ(props.at("client.id"), "me");
}

TEST(ConfigLayering, UnknownKeysAndBadValuesNameTheKeyAndOrigin) {
  ConfigInputs typo;
  typo.flags = {{"htp.listen", "x"}};
  try {
    (void)load_config(typo);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown configuration key 'htp.listen'"),
              std::string::npos);
  }
  ConfigInputs bad_port;
  bad_port.environment = {{"SHARPLINE_HTTP_LISTEN", "localhost:99999"}};
  try {
    (void)load_config(bad_port);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("SHARPLINE_HTTP_LISTEN"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("http.listen"), std::string::npos);
  }
}

TEST(ConfigLayering, UnrelatedSharplineEnvironmentVariablesAreIgnored) {
  ConfigInputs inputs;
  inputs.environment = {{"SHARPLINE_SOURCE_DIR", "/src"}};
  EXPECT_NO_THROW((void)load_config(inputs));
}

TEST(ConfigFile, InvalidJsonIsReportedWithThePath) {
  TempFile file("{not json");
  ConfigInputs inputs;
  inputs.config_file = file.path();
  try {
    (void)load_config(inputs);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(file.path()), std::string::npos);
  }
}

TEST(Secrets, FlagsCannotCarrySecrets) {
  ConfigInputs inputs;
  inputs.flags = {{"kafka.sasl.password", "hunter2"}};
  try {
    (void)load_config(inputs);
    FAIL();
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find("hunter2"), std::string::npos);
    EXPECT_NE(what.find("SHARPLINE_KAFKA_SASL_PASSWORD"), std::string::npos);
  }
}

TEST(Secrets, ConfigFileSecretsMustBeReferences) {
  TempFile plain(R"({"kafka": {"sasl.password": "hunter2"}})");
  ConfigInputs inputs;
  inputs.config_file = plain.path();
  try {
    (void)load_config(inputs);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos);
  }

  TempFile secret("s3cret\n");
  TempFile by_file(R"({"kafka": {"sasl.password": {"file": ")" + secret.path() +
                   R"("}}, "http.admin.token": {"env": "MY_TOKEN"}})");
  inputs.config_file = by_file.path();
  inputs.environment = {{"MY_TOKEN", "tok"}};
  const Config config = load_config(inputs);
  EXPECT_EQ(config.kafka_properties().at("sasl.password"), "s3cret");  // newline trimmed
  EXPECT_EQ(config.get("http.admin.token"), "tok");
}

TEST(Secrets, EnvironmentAndFileVariantsAreAccepted) {
  TempFile secret("from-file");
  ConfigInputs inputs;
  inputs.environment = {{"SHARPLINE_KAFKA_SASL_PASSWORD_FILE", secret.path()},
                        {"SHARPLINE_HTTP_ADMIN_TOKEN", "tok"}};
  const Config config = load_config(inputs);
  EXPECT_EQ(config.kafka_properties().at("sasl.password"), "from-file");
  EXPECT_EQ(config.get("http.admin.token"), "tok");
}

TEST(Secrets, DescribeRedactsEverySecret) {
  ConfigInputs inputs;
  inputs.environment = {{"SHARPLINE_KAFKA_SASL_PASSWORD", "hunter2"},
                        {"SHARPLINE_KAFKA_SSL_KEY_PASSWORD", "k3y"},
                        {"SHARPLINE_HTTP_ADMIN_TOKEN", "tok3n"},
                        {"SHARPLINE_KAFKA_SASL_USERNAME", "alice"}};
  const std::string shown = load_config(inputs).describe().dump();
  EXPECT_EQ(shown.find("hunter2"), std::string::npos);
  EXPECT_EQ(shown.find("k3y"), std::string::npos);
  EXPECT_EQ(shown.find("tok3n"), std::string::npos);
  EXPECT_NE(shown.find("alice"), std::string::npos);  // user names are not secrets
  EXPECT_NE(shown.find("***"), std::string::npos);
}

TEST(Secrets, SecretKeyDetection) {
  EXPECT_TRUE(is_secret_key("kafka.sasl.password"));
  EXPECT_TRUE(is_secret_key("kafka.ssl.keystore.password"));
  EXPECT_TRUE(is_secret_key("kafka.sasl.oauthbearer.client.secret"));
  EXPECT_TRUE(is_secret_key("http.admin.token"));
  EXPECT_FALSE(is_secret_key("kafka.sasl.username"));
  EXPECT_FALSE(is_secret_key("kafka.ssl.key.location"));
  EXPECT_FALSE(is_secret_key("bootstrap"));
}

TEST(ConfigNames, EnvironmentVariableNames) {
  EXPECT_EQ(env_var_for("http.listen"), "SHARPLINE_HTTP_LISTEN");
  EXPECT_EQ(env_var_for("kafka.security.protocol"), "SHARPLINE_KAFKA_SECURITY_PROTOCOL");
}

}  // namespace
}  // namespace sharpline
