// The topic serde of a run without a bus (backtests, training): the project's declared topics
// and Avro schemas with an in-memory schema registry, so records cross the stages in the very
// bytes they would have on Kafka.
#pragma once

#include <memory>

#include "serde/topic_serde.hpp"

namespace sharpline::backtest {

// Throws what loading the schemas and topic declarations throws (missing directories).
std::shared_ptr<serde::TopicSerde> make_offline_topic_serde();

}  // namespace sharpline::backtest
