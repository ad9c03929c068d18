// The undo logs move a written key's old value instead of copying it; the value a record first
// touched is kept once (for both the record and the transaction). These pin that record undo and
// transaction rollback still restore exactly, with values that own heap memory.
#include <gtest/gtest.h>

#include <string>

#include "runtime/stream/key_value_store.hpp"

namespace sharpline::runtime::stream {
namespace {

const std::string kLong = "a value long enough to live on the heap, not in the string";

struct CommittedStore {
  CommittedStore() {
    store.put("a", kLong + " a");
    store.put("r", kLong + " r");
    store.commit();
  }
  KeyValueStore<std::string> store{"s", 0, bytes_codec(), 100};
};

TEST(KeyValueStoreUndo, RecordUndoAfterEarlierRecordKeepsTheEarlierRecordsWrites) {
  CommittedStore fixture;
  auto& store = fixture.store;
  store.begin_record();
  store.put("a", kLong + " 1");
  store.begin_record();
  store.put("a", kLong + " 2");
  store.remove("a");
  store.put("b", kLong + " b");
  store.undo_record();
  EXPECT_EQ(*store.get("a"), kLong + " 1");
  EXPECT_EQ(store.get("b"), nullptr);
  store.rollback();
  EXPECT_EQ(*store.get("a"), kLong + " a");
  EXPECT_EQ(store.size(), 2U);
}

TEST(KeyValueStoreUndo, UndoOfTheFirstTouchingRecordRestoresTheCommittedValue) {
  CommittedStore fixture;
  auto& store = fixture.store;
  store.begin_record();
  store.put("a", kLong + " 1");
  store.put("a", kLong + " 2");
  store.remove("r");
  store.put("n", kLong + " n");
  store.put("n", kLong + " n2");
  store.undo_record();
  EXPECT_EQ(*store.get("a"), kLong + " a");
  EXPECT_EQ(*store.get("r"), kLong + " r");
  EXPECT_EQ(store.get("n"), nullptr);
  // The transaction goes on: a later write and a rollback still find the committed value.
  store.begin_record();
  store.put("a", kLong + " 3");
  EXPECT_EQ(*store.get("a"), kLong + " 3");
  store.rollback();
  EXPECT_EQ(*store.get("a"), kLong + " a");
  EXPECT_EQ(*store.get("r"), kLong + " r");
  EXPECT_EQ(store.get("n"), nullptr);
}

TEST(KeyValueStoreUndo, CommitAfterAnUndoneRecordKeepsTheOtherRecords) {
  CommittedStore fixture;
  auto& store = fixture.store;
  store.begin_record();
  store.put("a", kLong + " 1");
  store.begin_record();
  store.put("r", kLong + " 2");
  store.undo_record();
  store.commit();
  store.rollback();  // nothing open: nothing changes
  EXPECT_EQ(*store.get("a"), kLong + " 1");
  EXPECT_EQ(*store.get("r"), kLong + " r");
}

}  // namespace
}  // namespace sharpline::runtime::stream
