// An ordered in-memory key-value store with changelog, undo log and an entry bound.
//
// Ordered (std::map) so processors can scan a key prefix, e.g. every quote of one event:
// keys start with the event id. Memory per entry: a map node (~48 bytes), the key string
// (32 bytes, more past 15 characters), the value, plus dirty/undo bookkeeping only for keys
// written in the open transaction.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "runtime/stream/state_store.hpp"

namespace sharpline::runtime::stream {

template <typename V>
struct StoreCodec {
  std::function<void(const V&, std::string& out)> encode;
  std::function<V(std::string_view bytes)> decode;
  // Bytes a value owns beyond sizeof(V) (strings, vectors); used for approximate_bytes().
  std::function<std::size_t(const V&)> heap_bytes = [](const V&) { return std::size_t{0}; };
};

// Store codec for values that are already bytes.
inline StoreCodec<std::string> bytes_codec() {
  return {[](const std::string& v, std::string& out) { out = v; },
          [](std::string_view bytes) { return std::string(bytes); },
          [](const std::string& v) { return v.capacity() > 15 ? v.capacity() : 0; }};
}

template <typename V>
class KeyValueStore final : public StateStore {
 public:
  using Map = std::map<std::string, V, std::less<>>;

  KeyValueStore(std::string name, int32_t partition, StoreCodec<V> codec, std::size_t max_entries)
      : StateStore(std::move(name), partition),
        codec_(std::move(codec)),
        max_entries_(max_entries) {}

  const V* get(std::string_view key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second;
  }

  void put(std::string_view key, V value) {
    auto it = entries_.find(key);
    if (it == entries_.end()) {
      if (entries_.size() >= max_entries_) {
        throw StoreFullError("store " + name() + " partition " + std::to_string(partition()) +
                             " is full (" + std::to_string(max_entries_) +
                             " entries); raise its bound or shorten its retention");
      }
      remember(key, nullptr);
      entries_.emplace(std::string(key), std::move(value));
    } else {
      remember(key, &it->second);
      it->second = std::move(value);
    }
    dirty_.emplace(key);
  }

  bool remove(std::string_view key) {
    auto it = entries_.find(key);
    if (it == entries_.end()) return false;
    remember(key, &it->second);
    entries_.erase(it);
    dirty_.emplace(key);
    return true;
  }

  // Visits entries whose key starts with prefix, in key order.
  template <typename F>
  void scan_prefix(std::string_view prefix, F&& visit) const {
    for (auto it = entries_.lower_bound(prefix);
         it != entries_.end() && std::string_view(it->first).starts_with(prefix); ++it) {
      visit(it->first, it->second);
    }
  }

  const Map& entries() const { return entries_; }

  void flush_changelog(const ChangelogSink& sink) override {
    std::string buffer;
    for (const auto& key : dirty_) {
      auto it = entries_.find(key);
      if (it == entries_.end()) {
        sink(key, std::nullopt);
      } else {
        buffer.clear();
        codec_.encode(it->second, buffer);
        sink(key, buffer);
      }
    }
    dirty_.clear();
  }

  void commit() override {
    undo_.clear();
    dirty_.clear();
    record_undo_.clear();
  }

  void rollback() override {
    for (auto& [key, before] : undo_) {
      if (before) {
        entries_.insert_or_assign(key, std::move(*before));
      } else {
        entries_.erase(key);
      }
    }
    undo_.clear();
    dirty_.clear();
    record_undo_.clear();
  }

  void begin_record() override { record_undo_.clear(); }

  void undo_record() override {
    for (auto it = record_undo_.rbegin(); it != record_undo_.rend(); ++it) {
      std::optional<V>* before = &it->before;
      auto first_touch = undo_.end();
      if (it->first_touch) {
        // The record was the transaction's first to touch the key: its before-value is the
        // transaction's, and once restored the transaction no longer has touched the key.
        first_touch = undo_.find(it->key);
        before = &first_touch->second;
      }
      if (*before) {
        entries_.insert_or_assign(it->key, std::move(**before));
      } else {
        entries_.erase(it->key);
      }
      if (first_touch != undo_.end()) undo_.erase(first_touch);
    }
    record_undo_.clear();
  }

  void restore(std::string_view key, std::optional<std::string_view> value) override {
    if (value) {
      entries_.insert_or_assign(std::string(key), codec_.decode(*value));
    } else if (auto it = entries_.find(key); it != entries_.end()) {
      entries_.erase(it);
    }
  }

  void for_each_encoded(
      const std::function<void(std::string_view, std::string_view)>& visit) const override {
    std::string buffer;
    for (const auto& [key, value] : entries_) {
      buffer.clear();
      codec_.encode(value, buffer);
      visit(key, buffer);
    }
  }

  std::size_t size() const override { return entries_.size(); }

  std::size_t approximate_bytes() const override {
    constexpr std::size_t kNodeOverhead = 48;  // red-black tree node: 3 pointers, colour, padding
    std::size_t bytes = 0;
    for (const auto& [key, value] : entries_) {
      bytes += kNodeOverhead + sizeof(std::string) + sizeof(V) +
               (key.capacity() > 15 ? key.capacity() : 0) + codec_.heap_bytes(value);
    }
    return bytes;
  }

  void clear() override {
    entries_.clear();
    undo_.clear();
    dirty_.clear();
    record_undo_.clear();
  }

 private:
  // Keeps the value a key had before the open transaction, and before the open record, first
  // touched it (null: absent). `before` is about to be overwritten or erased, so it is moved,
  // never copied: a copy per write doubled the cost of a put and, for a record that rewrites
  // many entries, briefly held the store twice more.
  void remember(std::string_view key, V* before) {
    std::string owned(key);
    RecordUndo undo{owned, std::nullopt, false};
    if (!undo_.contains(owned)) {
      undo_.emplace(std::move(owned),
                    before != nullptr ? std::optional<V>(std::move(*before)) : std::nullopt);
      undo.first_touch = true;
    } else if (before != nullptr) {
      undo.before = std::move(*before);
    }
    record_undo_.push_back(std::move(undo));
  }

  struct RecordUndo {
    std::string key;
    std::optional<V> before;  // empty when first_touch: then undo_[key] holds it
    bool first_touch = false;
  };

  StoreCodec<V> codec_;
  std::size_t max_entries_;
  Map entries_;
  std::set<std::string, std::less<>> dirty_;
  std::unordered_map<std::string, std::optional<V>> undo_;
  std::vector<RecordUndo> record_undo_;
};

}  // namespace sharpline::runtime::stream
