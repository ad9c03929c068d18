#include "runtime/stream/key_value_store.hpp"

#include <gtest/gtest.h>

#include "counting_stage.hpp"

namespace sharpline::runtime::stream {
namespace {

using testing::long_codec;

std::map<std::string, std::optional<std::string>> flush(StateStore& store) {
  std::map<std::string, std::optional<std::string>> changes;
  store.flush_changelog([&](std::string_view key, std::optional<std::string_view> value) {
    changes[std::string(key)] = value ? std::optional<std::string>(*value) : std::nullopt;
  });
  return changes;
}

TEST(KeyValueStore, ChangelogHoldsTheLastWritePerKeyAndTombstones) {
  KeyValueStore<long> store("s", 0, long_codec(), 100);
  store.put("a", 1);
  store.put("a", 2);
  store.put("b", 5);
  store.remove("b");
  const auto changes = flush(store);
  ASSERT_EQ(changes.size(), 2U);
  EXPECT_EQ(changes.at("a"), "2");
  EXPECT_EQ(changes.at("b"), std::nullopt);
  EXPECT_TRUE(flush(store).empty());  // nothing new since
}

TEST(KeyValueStore, RollbackRestoresTheCommittedStateExactly) {
  KeyValueStore<long> store("s", 0, long_codec(), 100);
  store.put("kept", 1);
  store.put("changed", 1);
  store.put("removed", 1);
  store.commit();
  store.put("changed", 2);
  store.put("changed", 3);
  store.remove("removed");
  store.put("added", 9);
  store.rollback();
  EXPECT_EQ(*store.get("kept"), 1);
  EXPECT_EQ(*store.get("changed"), 1);
  EXPECT_EQ(*store.get("removed"), 1);
  EXPECT_EQ(store.get("added"), nullptr);
  EXPECT_EQ(store.size(), 3U);
}

TEST(KeyValueStore, RecordSavepointUndoesOnlyTheFailedRecord) {
  KeyValueStore<long> store("s", 0, long_codec(), 100);
  store.begin_record();
  store.put("a", 1);
  store.begin_record();  // next record
  store.put("a", 2);
  store.put("b", 1);
  store.undo_record();
  EXPECT_EQ(*store.get("a"), 1);
  EXPECT_EQ(store.get("b"), nullptr);
  store.rollback();  // and the transaction still rolls back the first record too
  EXPECT_EQ(store.get("a"), nullptr);
}

TEST(KeyValueStore, BoundIsEnforcedForNewKeysOnly) {
  KeyValueStore<long> store("s", 3, long_codec(), 2);
  store.put("a", 1);
  store.put("b", 1);
  store.put("a", 2);  // an update of an existing key is fine
  try {
    store.put("c", 1);
    FAIL();
  } catch (const StoreFullError& e) {
    EXPECT_NE(std::string(e.what()).find("partition 3"), std::string::npos);
  }
  EXPECT_EQ(store.size(), 2U);
}

TEST(KeyValueStore, RestoreAppliesValuesAndTombstonesWithoutDirtying) {
  KeyValueStore<long> store("s", 0, long_codec(), 100);
  store.restore("a", "7");
  store.restore("b", "1");
  store.restore("b", std::nullopt);
  EXPECT_EQ(*store.get("a"), 7);
  EXPECT_EQ(store.get("b"), nullptr);
  EXPECT_TRUE(flush(store).empty());
}

TEST(KeyValueStore, PrefixScanVisitsOnlyMatchingKeysInOrder) {
  KeyValueStore<long> store("s", 0, long_codec(), 100);
  for (const char* key : {"evt1|b", "evt2|a", "evt1|a", "evt10|a"}) store.put(key, 1);
  std::vector<std::string> seen;
  store.scan_prefix("evt1|", [&](const std::string& key, long) { seen.push_back(key); });
  EXPECT_EQ(seen, (std::vector<std::string>{"evt1|a", "evt1|b"}));
}

TEST(KeyValueStore, ApproximateBytesGrowsWithEntries) {
  KeyValueStore<long> store("s", 0, long_codec(), 1000);
  store.put("a", 1);
  const auto one = store.approximate_bytes();
  for (int i = 0; i < 99; ++i) store.put("key-" + std::to_string(i), i);
  EXPECT_GE(store.approximate_bytes(), 100 * one);
}

}  // namespace
}  // namespace sharpline::runtime::stream
