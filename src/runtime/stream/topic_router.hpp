// Typed records for processors: a processor built from per-topic handlers, each with the
// decoder of its topic's record type. A decoder failure becomes a DeserializationError, so the
// record is dead-lettered as undecodable without the handler ever seeing it.
#pragma once

#include <functional>
#include <map>
#include <span>
#include <string>
#include <utility>

#include "runtime/stream/processing_error.hpp"
#include "runtime/stream/processor.hpp"

namespace sharpline::runtime::stream {

template <typename T>
struct TypedRecord {
  const InputRecord& raw;  // origin, key, timestamp, headers
  const T& value;          // decoded, or the value handed over in-process (not copied)
  int64_t event_time_ms;
};

class TopicRouter : public Processor {
 public:
  template <typename T>
  using Decoder = std::function<T(std::span<const uint8_t> bytes)>;
  template <typename T>
  using Handler = std::function<void(const TypedRecord<T>&, ProcessorContext&)>;

  template <typename T>
  TopicRouter& on(const std::string& topic, Decoder<T> decode, Handler<T> handle) {
    routes_[topic] = [decode = std::move(decode), handle = std::move(handle)](
                         const InputRecord& record, ProcessorContext& context) {
      if (record.is_tombstone)
        throw ValidationError("a null value (tombstone) where a record was expected");
      std::optional<T> decoded;
      const T* value = nullptr;
      if (record.in_process != nullptr) {
        value = record.in_process->template get<T>();
        if (value == nullptr) {
          throw DeserializationError("an in-process value of another type than the topic's");
        }
      } else {
        try {
          value = &decoded.emplace(decode(record.value));
        } catch (const std::exception& e) {
          throw DeserializationError(e.what());
        }
      }
      handle(TypedRecord<T>{record, *value, context.event_time()}, context);
    };
    return *this;
  }

  void process(const InputRecord& record, ProcessorContext& context) override {
    auto it = routes_.find(record.origin.topic);
    if (it == routes_.end()) {
      throw std::logic_error("no handler for topic " + std::string(record.origin.topic));
    }
    it->second(record, context);
  }

 private:
  std::map<std::string, std::function<void(const InputRecord&, ProcessorContext&)>, std::less<>>
      routes_;
};

}  // namespace sharpline::runtime::stream
