#include "adapters/http/admin_routes.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "adapters/http/http_client.hpp"

namespace sharpline::adapters::http {
namespace {

class AdminRoutesTest : public ::testing::Test {
 protected:
  void start(std::string token) {
    HttpServerOptions options;
    options.port = 0;
    server_ = std::make_unique<HttpServer>(options);
    AdminHooks hooks;
    hooks.token = std::move(token);
    hooks.config = [] { return nlohmann::json{{"bootstrap", "kafka:9092"}}; };
    hooks.log_level = [this] { return level_; };
    hooks.set_log_level = [this](const std::string& level) {
      if (level != "debug" && level != "info") throw std::invalid_argument("unknown level");
      level_ = level;
    };
    add_admin_routes(*server_, std::move(hooks));
    server_->start();
    base_ = "http://" + server_->address();
  }

  HttpClientResponse put_level(const std::string& body, const std::string& token) {
    HttpHeaders headers = {{"Content-Type", "application/json"}};
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return client_.request(HttpMethod::Put, base_ + "/admin/log-level", body, headers);
  }

  std::unique_ptr<HttpServer> server_;
  std::string base_;
  std::string level_ = "info";
  HttpClient client_;
};

TEST_F(AdminRoutesTest, MutationNeedsTheRightBearerToken) {
  start("t0ken");
  EXPECT_EQ(put_level(R"({"level":"debug"})", "").status, 401);
  EXPECT_EQ(put_level(R"({"level":"debug"})", "wrong").status, 401);
  EXPECT_EQ(level_, "info");

  const auto changed = put_level(R"({"level":"debug"})", "t0ken");
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(nlohmann::json::parse(changed.body)["level"], "debug");
  EXPECT_EQ(level_, "debug");
}

TEST_F(AdminRoutesTest, BadBodiesAndUnknownLevelsAre400AndChangeNothing) {
  start("t0ken");
  EXPECT_EQ(put_level("not json", "t0ken").status, 400);
  EXPECT_EQ(put_level(R"({"level":3})", "t0ken").status, 400);
  EXPECT_EQ(put_level(R"({"level":"loud"})", "t0ken").status, 400);
  EXPECT_EQ(level_, "info");
}

TEST_F(AdminRoutesTest, ReadsNeedTheTokenToo) {
  start("t0ken");
  EXPECT_EQ(client_.get(base_ + "/admin/config").status, 401);
  const auto config = client_.get(base_ + "/admin/config", {{"Authorization", "Bearer t0ken"}});
  EXPECT_EQ(config.status, 200);
  EXPECT_EQ(nlohmann::json::parse(config.body)["bootstrap"], "kafka:9092");
  const auto level = client_.get(base_ + "/admin/log-level", {{"Authorization", "Bearer t0ken"}});
  EXPECT_EQ(nlohmann::json::parse(level.body)["level"], "info");
}

TEST_F(AdminRoutesTest, WithoutATokenEveryAdminEndpointIsForbidden) {
  start("");
  EXPECT_EQ(client_.get(base_ + "/admin/config").status, 403);
  EXPECT_EQ(put_level(R"({"level":"debug"})", "").status, 403);
  EXPECT_EQ(put_level(R"({"level":"debug"})", "anything").status, 403);
  EXPECT_EQ(level_, "info");
}

}  // namespace
}  // namespace sharpline::adapters::http
