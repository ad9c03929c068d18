#include "serde/embedded_schema_registry.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <thread>

namespace sharpline::serde {
namespace {

const std::string kOdds =
    R"({"type":"record","name":"Odds","namespace":"sharpline","fields":[{"name":"price","type":"double"}]})";
const std::string kOddsReformatted = R"({
  "namespace": "sharpline", "name": "Odds",
  "fields": [ { "type": "double", "name": "price" } ],
  "type": "record"
})";
const std::string kOddsWithDefault =
    R"({"type":"record","name":"Odds","namespace":"sharpline","fields":[{"name":"price","type":"double","default":1.0}]})";
const std::string kMatch =
    R"({"type":"record","name":"Match","fields":[{"name":"id","type":"string"},{"name":"kickoff","type":{"type":"long","logicalType":"timestamp-millis"}}]})";

int code_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const SchemaRegistryError& e) {
    return e.error_code();
  }
  return 0;
}

TEST(EmbeddedSchemaRegistry, IdsAreSequentialFromOneInRegistrationOrder) {
  EmbeddedSchemaRegistry registry;
  EXPECT_EQ(registry.register_schema("odds-value", kOdds), 1);
  EXPECT_EQ(registry.register_schema("matches-value", kMatch), 2);
  EXPECT_EQ(registry.register_schema("odds-value", kOddsWithDefault), 3);
  EXPECT_EQ(registry.register_schema("names-value", R"("string")"), 4);
}

TEST(EmbeddedSchemaRegistry, SameOrderGivesSameIdsInAFreshRegistry) {
  EmbeddedSchemaRegistry before_restart;
  EmbeddedSchemaRegistry after_restart;
  for (auto* registry : {&before_restart, &after_restart}) {
    registry->register_schema("odds-value", kOdds);
    registry->register_schema("matches-value", kMatch);
  }
  EXPECT_EQ(before_restart.latest("matches-value").id, after_restart.latest("matches-value").id);
  EXPECT_EQ(before_restart.schema_by_id(2), after_restart.schema_by_id(2));
}

TEST(EmbeddedSchemaRegistry, RegisteringAgainKeepsIdAndVersion) {
  EmbeddedSchemaRegistry registry;
  EXPECT_EQ(registry.register_schema("odds-value", kOdds), 1);
  EXPECT_EQ(registry.register_schema("odds-value", kOdds), 1);
  EXPECT_EQ(registry.register_schema("odds-value", kOddsReformatted), 1);
  EXPECT_EQ(registry.versions("odds-value"), std::vector<int>{1});
}

TEST(EmbeddedSchemaRegistry, SameSchemaUnderAnotherSubjectSharesTheId) {
  EmbeddedSchemaRegistry registry;
  registry.register_schema("matches-value", kMatch);
  int id = registry.register_schema("odds-value", kOdds);
  EXPECT_EQ(registry.register_schema("odds-archive-value", kOdds), id);
  auto archived = registry.latest("odds-archive-value");
  EXPECT_EQ(archived.id, id);
  EXPECT_EQ(archived.version, 1);
  auto uses = registry.subject_versions(id);
  ASSERT_EQ(uses.size(), 2u);
  EXPECT_EQ(uses[0].subject, "odds-archive-value");
  EXPECT_EQ(uses[1].subject, "odds-value");
}

TEST(EmbeddedSchemaRegistry, MeaningfulChangesMakeANewSchema) {
  EmbeddedSchemaRegistry registry;
  int plain = registry.register_schema("odds-value", kOdds);
  int with_default = registry.register_schema("odds-value", kOddsWithDefault);
  EXPECT_NE(plain, with_default);
  EXPECT_EQ(registry.versions("odds-value"), (std::vector<int>{1, 2}));
  EXPECT_EQ(registry.latest("odds-value").id, with_default);
  EXPECT_EQ(registry.version("odds-value", 1).id, plain);
  EXPECT_EQ(registry.version("odds-value", -1).id, with_default);
}

TEST(EmbeddedSchemaRegistry, StoresCompactJsonInTheFirstKeyOrder) {
  EmbeddedSchemaRegistry registry;
  int id = registry.register_schema("odds-value", kOddsReformatted);
  EXPECT_EQ(
      registry.schema_by_id(id),
      R"({"namespace":"sharpline","name":"Odds","fields":[{"type":"double","name":"price"}],"type":"record"})");
  EXPECT_EQ(canonical_schema_json(kOdds), canonical_schema_json(kOddsReformatted));
}

TEST(EmbeddedSchemaRegistry, InvalidSchemasAreRejectedWith42201) {
  EmbeddedSchemaRegistry registry;
  try {
    registry.register_schema(
        "odds-value", R"({"type":"record","name":"X","fields":[{"name":"a","type":"Nope"}]})");
    FAIL() << "accepted an unknown type";
  } catch (const SchemaRegistryError& e) {
    EXPECT_EQ(e.error_code(), 42201);
    EXPECT_EQ(e.http_status(), 422);
    EXPECT_NE(std::string(e.what()).find("Nope"), std::string::npos) << e.what();
  }
  EXPECT_EQ(code_of([&] { registry.register_schema("odds-value", "{not json"); }), 42201);
  EXPECT_EQ(code_of([&] { registry.register_schema("odds-value", R"({"type":"recrd"})"); }), 42201);
  EXPECT_EQ(code_of([&] { registry.register_schema("", kOdds); }), 422);
  EXPECT_TRUE(registry.subjects().empty());
}

TEST(EmbeddedSchemaRegistry, MissingThingsHaveConfluentCodes) {
  EmbeddedSchemaRegistry registry;
  registry.register_schema("odds-value", kOdds);
  try {
    registry.latest("nope");
    FAIL();
  } catch (const SchemaRegistryError& e) {
    EXPECT_EQ(e.error_code(), 40401);
    EXPECT_EQ(e.http_status(), 404);
    EXPECT_STREQ(e.what(), "Subject 'nope' not found.");
  }
  EXPECT_EQ(code_of([&] { registry.version("odds-value", 2); }), 40402);
  EXPECT_EQ(code_of([&] { registry.version("odds-value", 0); }), 42202);
  EXPECT_EQ(code_of([&] { registry.version("nope", 1); }), 40401);
  EXPECT_EQ(code_of([&] { registry.versions("nope"); }), 40401);
  EXPECT_EQ(code_of([&] { registry.schema_by_id(2); }), 40403);
  EXPECT_EQ(code_of([&] { registry.schema_by_id(0); }), 40403);
  EXPECT_EQ(code_of([&] { registry.subject_versions(9); }), 40403);
}

TEST(EmbeddedSchemaRegistry, LookupFindsTheVersionHoldingASchema) {
  EmbeddedSchemaRegistry registry;
  registry.register_schema("odds-value", kOdds);
  registry.register_schema("odds-value", kOddsWithDefault);
  registry.register_schema("matches-value", kMatch);
  auto found = registry.lookup("odds-value", kOddsReformatted);
  EXPECT_EQ(found.id, 1);
  EXPECT_EQ(found.version, 1);
  EXPECT_EQ(found.subject, "odds-value");
  EXPECT_EQ(code_of([&] { registry.lookup("odds-value", kMatch); }), 40403);
  EXPECT_EQ(code_of([&] { registry.lookup("nope", kOdds); }), 40401);
  EXPECT_EQ(code_of([&] { registry.lookup("odds-value", "[oops"); }), 42201);
}

TEST(EmbeddedSchemaRegistry, SubjectsAreSorted) {
  EmbeddedSchemaRegistry registry;
  registry.register_schema("odds-value", kOdds);
  registry.register_schema("alerts-value", kMatch);
  EXPECT_EQ(registry.subjects(), (std::vector<std::string>{"alerts-value", "odds-value"}));
}

TEST(EmbeddedSchemaRegistry, ConcurrentRegistrationsAgreeOnIds) {
  EmbeddedSchemaRegistry registry;
  auto schema = [](int n) {
    return R"({"type":"record","name":"R)" + std::to_string(n) +
           R"(","fields":[{"name":"f","type":"int"}]})";
  };
  constexpr int kSchemas = 40;
  std::vector<std::vector<int>> seen(4, std::vector<int>(kSchemas));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kSchemas; ++i) {
        int n = (i + t * 7) % kSchemas;  // each thread in another order
        seen[t][n] = registry.register_schema("s" + std::to_string(n % 3), schema(n));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<int> ids(seen[0].begin(), seen[0].end());
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kSchemas));
  EXPECT_EQ(*ids.begin(), 1);
  EXPECT_EQ(*ids.rbegin(), kSchemas);
  for (int t = 1; t < 4; ++t) EXPECT_EQ(seen[t], seen[0]);
  for (int n = 0; n < kSchemas; ++n) EXPECT_EQ(registry.schema_by_id(seen[0][n]), schema(n));
}

}  // namespace
}  // namespace sharpline::serde
