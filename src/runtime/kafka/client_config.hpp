// Builds librdkafka configurations from the layered sharpline configuration.
#pragma once

#include <map>
#include <string>

#include "runtime/kafka/handles.hpp"

namespace sharpline::runtime::kafka {

using Properties = std::map<std::string, std::string>;

// Defaults sharpline applies under the user's kafka.* properties (the user's win). They keep
// fetch waits short (a lagging consumer loses data on small-retention brokers) and the group
// session timeout in the 4-6 s band every member of a group must share.
Properties consumer_defaults();
Properties producer_defaults();

// rd_kafka_conf_t from properties; a rejected property is a KafkaError naming it (values of
// secret properties are not echoed).
ConfHandle make_conf(const Properties& properties);

// Merges layers left to right (later wins).
Properties merge(const Properties& base, const Properties& overrides);

}  // namespace sharpline::runtime::kafka
