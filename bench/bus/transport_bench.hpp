// bus/transport_passthrough: the ceiling of any stage. A plain librdkafka consumer and producer
// (no transactions, no stage runtime, no decoding) copy the same Confluent-framed quote records
// from one topic to another through the same embedded broker, with the client defaults every
// sharpline client gets (consumer: read_committed, fetch.wait.max.ms 10; producer: idempotent,
// acks all, linger.ms 5, lz4).
#pragma once

#include "bus/bench_env.hpp"

namespace sharpline::bench::bus {

struct TransportResult {
  double records_per_second = 0.0;
  double seconds = 0.0;
  std::size_t records = 0;
};

// On `context`'s embedded broker, in topics of its own (bench.transport.in/out).
TransportResult run_transport(const BenchOptions& options, cli::BusContext& context);

}  // namespace sharpline::bench::bus
