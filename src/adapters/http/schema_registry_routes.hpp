#pragma once

// Serves an EmbeddedSchemaRegistry with the Confluent Schema Registry REST API, so Confluent
// clients (Python confluent-kafka, curl scripts, Kafka tools) can use it unchanged: same paths,
// JSON shapes, content type and {"error_code","message"} error bodies. See
// docs/schema-registry.md for every endpoint.

#include <string_view>

#include "adapters/http/http_server.hpp"
#include "serde/embedded_schema_registry.hpp"

namespace sharpline::adapters::http {

inline constexpr std::string_view kSchemaRegistryContentType =
    "application/vnd.schemaregistry.v1+json";

// Registers the routes on a server that has not started yet. `registry` must outlive `server`.
// serve_root = false leaves GET / (Confluent's `{}`) to the caller: the live page answers it.
void add_schema_registry_routes(HttpServer& server, serde::EmbeddedSchemaRegistry& registry,
                                bool serve_root = true);

}  // namespace sharpline::adapters::http
