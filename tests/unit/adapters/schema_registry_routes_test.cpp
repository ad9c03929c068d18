#include "adapters/http/schema_registry_routes.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "adapters/http/http_client.hpp"

namespace sharpline::adapters::http {
namespace {

using nlohmann::json;

const std::string kOdds =
    R"({"type":"record","name":"Odds","fields":[{"name":"price","type":"double"}]})";
const std::string kOddsV2 =
    R"({"type":"record","name":"Odds","fields":[{"name":"price","type":"double"},{"name":"book","type":"string","default":""}]})";

class SchemaRegistryRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HttpServerOptions options;
    options.port = 0;
    server_ = std::make_unique<HttpServer>(options);
    add_schema_registry_routes(*server_, registry_);
    server_->start();
  }

  HttpClientResponse get(const std::string& target) {
    return client_.get("http://" + server_->address() + target);
  }
  HttpClientResponse post(const std::string& target, const std::string& body) {
    return client_.post("http://" + server_->address() + target, body,
                        {{"Content-Type", "application/vnd.schemaregistry.v1+json"}});
  }
  HttpClientResponse register_schema(const std::string& subject, const std::string& schema) {
    return post("/subjects/" + subject + "/versions", json{{"schema", schema}}.dump());
  }
  static void expect_error(const HttpClientResponse& response, int status, int code) {
    EXPECT_EQ(response.status, status) << response.body;
    EXPECT_EQ(response.header("Content-Type"), "application/vnd.schemaregistry.v1+json");
    auto body = json::parse(response.body);
    EXPECT_EQ(body["error_code"], code) << response.body;
    EXPECT_TRUE(body["message"].is_string());
    EXPECT_EQ(body.size(), 2u) << response.body;
  }

  serde::EmbeddedSchemaRegistry registry_;  // outlives the server
  std::unique_ptr<HttpServer> server_;
  HttpClient client_;
};

TEST_F(SchemaRegistryRoutesTest, RegisterAnswersIdWithRegistryContentType) {
  auto response = register_schema("odds-value", kOdds);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("Content-Type"), "application/vnd.schemaregistry.v1+json");
  EXPECT_EQ(json::parse(response.body), json({{"id", 1}}));
  EXPECT_EQ(json::parse(register_schema("odds-value", kOdds).body), json({{"id", 1}}));
  auto typed =
      post("/subjects/odds-archive-value/versions",
           json{{"schema", kOdds}, {"schemaType", "AVRO"}, {"references", json::array()}}.dump());
  EXPECT_EQ(json::parse(typed.body), json({{"id", 1}}));
}

TEST_F(SchemaRegistryRoutesTest, SchemaByIdHasConfluentShape) {
  register_schema("odds-value", kOdds);
  auto response = get("/schemas/ids/1");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(json::parse(response.body), json({{"schema", kOdds}}));
  expect_error(get("/schemas/ids/7"), 404, 40403);
  EXPECT_EQ(json::parse(get("/schemas/ids/7").body)["message"], "Schema 7 not found.");
  expect_error(get("/schemas/ids/abc"), 422, 422);
}

TEST_F(SchemaRegistryRoutesTest, VersionsLatestAndNumbered) {
  register_schema("odds-value", kOdds);
  register_schema("odds-value", kOddsV2);
  EXPECT_EQ(json::parse(get("/subjects").body), json::array({"odds-value"}));
  EXPECT_EQ(json::parse(get("/subjects/odds-value/versions").body), json::array({1, 2}));
  json latest = {{"subject", "odds-value"}, {"version", 2}, {"id", 2}, {"schema", kOddsV2}};
  EXPECT_EQ(json::parse(get("/subjects/odds-value/versions/latest").body), latest);
  EXPECT_EQ(json::parse(get("/subjects/odds-value/versions/-1").body), latest);
  EXPECT_EQ(json::parse(get("/subjects/odds-value/versions/1").body),
            json({{"subject", "odds-value"}, {"version", 1}, {"id", 1}, {"schema", kOdds}}));
  EXPECT_EQ(json::parse(get("/schemas/ids/1/versions").body),
            json::array({{{"subject", "odds-value"}, {"version", 1}}}));
}

TEST_F(SchemaRegistryRoutesTest, MissingThingsGetConfluentErrorBodies) {
  register_schema("odds-value", kOdds);
  auto missing = get("/subjects/nope/versions/latest");
  expect_error(missing, 404, 40401);
  EXPECT_EQ(json::parse(missing.body),
            json({{"error_code", 40401}, {"message", "Subject 'nope' not found."}}));
  expect_error(get("/subjects/nope/versions"), 404, 40401);
  expect_error(get("/subjects/odds-value/versions/9"), 404, 40402);
  expect_error(get("/subjects/odds-value/versions/abc"), 422, 42202);
  expect_error(get("/subjects/odds-value/versions/0"), 422, 42202);
  expect_error(get("/schemas/ids/3/versions"), 404, 40403);
}

TEST_F(SchemaRegistryRoutesTest, BadRegistrationsAre422) {
  expect_error(register_schema("odds-value", R"({"type":"nonsense"})"), 422, 42201);
  expect_error(post("/subjects/odds-value/versions", "{not json"), 422, 422);
  expect_error(post("/subjects/odds-value/versions", "[]"), 422, 422);
  expect_error(post("/subjects/odds-value/versions", R"({"schemaType":"AVRO"})"), 422, 42201);
  expect_error(post("/subjects/odds-value/versions",
                    json{{"schema", "syntax = \"proto3\";"}, {"schemaType", "PROTOBUF"}}.dump()),
               422, 42201);
  expect_error(post("/subjects/odds-value/versions",
                    json{{"schema", kOdds}, {"references", json::array({{{"name", "x"}}})}}.dump()),
               422, 42201);
  EXPECT_EQ(json::parse(get("/subjects").body), json::array());
}

TEST_F(SchemaRegistryRoutesTest, LookupUnderSubject) {
  register_schema("odds-value", kOdds);
  auto found = post("/subjects/odds-value", json{{"schema", kOdds}}.dump());
  EXPECT_EQ(found.status, 200);
  EXPECT_EQ(json::parse(found.body),
            json({{"subject", "odds-value"}, {"version", 1}, {"id", 1}, {"schema", kOdds}}));
  expect_error(post("/subjects/odds-value", json{{"schema", kOddsV2}}.dump()), 404, 40403);
  expect_error(post("/subjects/nope", json{{"schema", kOdds}}.dump()), 404, 40401);
}

TEST_F(SchemaRegistryRoutesTest, ConfigTypesAndRoot) {
  EXPECT_EQ(json::parse(get("/config").body), json({{"compatibilityLevel", "BACKWARD"}}));
  EXPECT_EQ(json::parse(get("/schemas/types").body), json::array({"AVRO"}));
  EXPECT_EQ(json::parse(get("/").body), json::object());
}

TEST_F(SchemaRegistryRoutesTest, SubjectNamesArePercentDecoded) {
  EXPECT_EQ(register_schema("odds%2Fraw-value", kOdds).status, 200);
  EXPECT_EQ(json::parse(get("/subjects").body), json::array({"odds/raw-value"}));
  EXPECT_EQ(json::parse(get("/subjects/odds%2Fraw-value/versions/latest").body)["subject"],
            "odds/raw-value");
}

}  // namespace
}  // namespace sharpline::adapters::http
