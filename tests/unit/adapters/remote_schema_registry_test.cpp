// The remote client against the embedded registry served over real HTTP on 127.0.0.1.

#include "adapters/http/remote_schema_registry.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <functional>

#include "adapters/http/json_response.hpp"
#include "adapters/http/schema_registry_routes.hpp"

namespace sharpline::adapters::http {
namespace {

using serde::SchemaRegistryError;

const std::string kOdds =
    R"({"type":"record","name":"Odds","fields":[{"name":"price","type":"double"}]})";
const std::string kOddsSpaced =
    R"({ "type": "record", "name": "Odds", "fields": [ {"name": "price", "type": "double"} ] })";
const std::string kMatch =
    R"({"type":"record","name":"Match","fields":[{"name":"id","type":"string"}]})";

int code_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const SchemaRegistryError& e) {
    return e.error_code();
  }
  return 0;
}

class RemoteSchemaRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HttpServerOptions options;
    options.port = 0;
    server_ = std::make_unique<HttpServer>(options);
    add_schema_registry_routes(*server_, embedded_);
    server_->start();
    RemoteSchemaRegistryOptions remote;
    remote.url = "http://" + server_->address() + "/";
    remote.timeout = std::chrono::milliseconds(3000);
    remote_ = std::make_unique<RemoteSchemaRegistry>(remote);
  }

  serde::EmbeddedSchemaRegistry embedded_;
  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<RemoteSchemaRegistry> remote_;
};

TEST_F(RemoteSchemaRegistryTest, RoundTripsThroughTheEmbeddedRegistry) {
  EXPECT_EQ(remote_->register_schema("odds-value", kOdds), 1);
  EXPECT_EQ(remote_->register_schema("matches-value", kMatch), 2);
  EXPECT_EQ(embedded_.latest("odds-value").id, 1);  // really went over the wire

  EXPECT_EQ(remote_->schema_by_id(2), kMatch);
  auto latest = remote_->latest("odds-value");
  EXPECT_EQ(latest.id, 1);
  EXPECT_EQ(latest.subject, "odds-value");
  EXPECT_EQ(latest.version, 1);
  EXPECT_EQ(latest.schema, kOdds);
  EXPECT_EQ(remote_->version("matches-value", 1).id, 2);
  EXPECT_EQ(remote_->subjects(), (std::vector<std::string>{"matches-value", "odds-value"}));
  EXPECT_EQ(remote_->versions("odds-value"), std::vector<int>{1});
}

TEST_F(RemoteSchemaRegistryTest, SameSchemaGetsTheSameIdUnderAnySubject) {
  int id = remote_->register_schema("odds-value", kOdds);
  EXPECT_EQ(remote_->register_schema("odds-value", kOddsSpaced), id);
  EXPECT_EQ(remote_->register_schema("odds-copy-value", kOdds), id);
  EXPECT_EQ(embedded_.versions("odds-copy-value"), std::vector<int>{1});
}

TEST_F(RemoteSchemaRegistryTest, RegistryErrorsKeepTheirConfluentCodes) {
  remote_->register_schema("odds-value", kOdds);
  try {
    remote_->latest("nope");
    FAIL();
  } catch (const SchemaRegistryError& e) {
    EXPECT_EQ(e.error_code(), 40401);
    EXPECT_STREQ(e.what(), "Subject 'nope' not found.");
  }
  EXPECT_EQ(code_of([&] { remote_->version("odds-value", 5); }), 40402);
  EXPECT_EQ(code_of([&] { remote_->schema_by_id(99); }), 40403);
  EXPECT_EQ(code_of([&] { remote_->register_schema("odds-value", R"({"type":"bogus"})"); }), 42201);
  EXPECT_EQ(code_of([&] { remote_->versions("nope"); }), 40401);
}

TEST_F(RemoteSchemaRegistryTest, ImmutableAnswersAreCachedOthersAreNot) {
  int id = remote_->register_schema("odds-value", kOdds);
  EXPECT_EQ(remote_->schema_by_id(id), kOdds);
  server_->stop();  // from here on only the cache can answer

  EXPECT_EQ(remote_->schema_by_id(id), kOdds);
  EXPECT_EQ(remote_->register_schema("odds-value", kOddsSpaced), id);
  EXPECT_THROW(remote_->latest("odds-value"), HttpError);
  EXPECT_THROW(remote_->register_schema("matches-value", kMatch), HttpError);
}

TEST(RemoteSchemaRegistry, SendsBasicAuthAndMapsNonJsonErrors) {
  HttpServerOptions options;
  options.port = 0;
  HttpServer server(options);
  server.route(HttpMethod::Get, "/subjects", [](const HttpRequest& request) {
    return json_response(200,
                         nlohmann::json::array({request.header("Authorization").value_or("")}));
  });
  server.route(HttpMethod::Get, "/schemas/ids/{id}",
               [](const HttpRequest&) { return HttpResponse::text(503, "upstream down"); });
  server.route(HttpMethod::Get, "/subjects/{subject}/versions",
               [](const HttpRequest&) { return HttpResponse::text(200, "not json"); });
  server.start();

  RemoteSchemaRegistryOptions remote;
  remote.url = "http://" + server.address();
  remote.basic_auth_user_info = "key:secret";
  RemoteSchemaRegistry registry(remote);
  EXPECT_EQ(registry.subjects(), std::vector<std::string>{"Basic a2V5OnNlY3JldA=="});
  try {
    registry.schema_by_id(1);
    FAIL();
  } catch (const SchemaRegistryError& e) {
    EXPECT_EQ(e.error_code(), 503);
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << e.what();
  }
  EXPECT_THROW(registry.versions("x"), HttpError);
}

TEST(RemoteSchemaRegistry, UnreachableRegistryIsAnHttpError) {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor probe(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  auto port = probe.local_endpoint().port();
  probe.close();
  RemoteSchemaRegistryOptions remote;
  remote.url = "http://127.0.0.1:" + std::to_string(port);
  RemoteSchemaRegistry registry(remote);
  EXPECT_THROW(registry.schema_by_id(1), HttpError);
  RemoteSchemaRegistryOptions bad;
  bad.url = "localhost:8081";
  EXPECT_THROW(RemoteSchemaRegistry{bad}, HttpError);
}

}  // namespace
}  // namespace sharpline::adapters::http
