#include "adapters/http/schema_registry_routes.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "adapters/http/json_response.hpp"

namespace sharpline::adapters::http {
namespace {

using nlohmann::json;
using serde::RegisteredSchema;
using serde::SchemaRegistryError;
namespace codes = serde::registry_error;

HttpResponse registry_json(const json& body) {
  return json_response(200, body, kSchemaRegistryContentType);
}

// Turns registry answers into Confluent error bodies; anything else is an internal error whose
// details go to the log, not to the client.
HttpHandler registry_handler(std::function<json(const HttpRequest&)> body) {
  return [body = std::move(body)](const HttpRequest& request) {
    try {
      return registry_json(body(request));
    } catch (const SchemaRegistryError& e) {
      return json_error(e.http_status(), e.error_code(), e.what(), kSchemaRegistryContentType);
    } catch (const std::exception& e) {
      spdlog::error("schema registry {} {} failed: {}", to_string(request.method), request.path,
                    e.what());
      return json_error(500, codes::kInternal, "Internal server error", kSchemaRegistryContentType);
    }
  };
}

std::optional<int> parse_int(const std::string& text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

int parse_schema_id(const std::string& text) {
  auto id = parse_int(text);
  if (!id) throw SchemaRegistryError(codes::kUnprocessable, "Invalid schema id '" + text + "'.");
  return *id;
}

// nullopt means "latest", which Confluent also spells -1.
std::optional<int> parse_version(const std::string& text) {
  if (text == "latest") return std::nullopt;
  auto version = parse_int(text);
  if (version && *version == -1) return std::nullopt;
  if (!version || *version < 1) {
    throw SchemaRegistryError(codes::kInvalidVersion,
                              "The specified version '" + text +
                                  "' is not a valid version id. Allowed values are between [1, "
                                  "2^31-1] and the string \"latest\"");
  }
  return version;
}

// The POST body: {"schema": "<schema json as a string>", "schemaType"?: "AVRO",
// "references"?: []}. Other fields (metadata, ruleSet, ...) are ignored, as for a registry
// without those features.
std::string parse_schema_request(const std::string& body) {
  json request;
  try {
    request = json::parse(body);
  } catch (const json::exception& e) {
    throw SchemaRegistryError(codes::kUnprocessable,
                              std::string("Malformed JSON request body: ") + e.what());
  }
  if (!request.is_object()) {
    throw SchemaRegistryError(codes::kUnprocessable, "Request body must be a JSON object.");
  }
  if (auto type = request.find("schemaType"); type != request.end() && !type->is_null()) {
    if (!type->is_string() || type->get<std::string>() != "AVRO") {
      throw SchemaRegistryError(codes::kInvalidSchema, "Invalid schema type " + type->dump() +
                                                           ": this registry supports AVRO only.");
    }
  }
  if (auto refs = request.find("references"); refs != request.end() && !refs->is_null()) {
    if (!refs->is_array() || !refs->empty()) {
      throw SchemaRegistryError(codes::kInvalidSchema,
                                "Schema references are not supported by this registry.");
    }
  }
  auto schema = request.find("schema");
  if (schema == request.end() || !schema->is_string() || schema->get<std::string>().empty()) {
    throw SchemaRegistryError(codes::kInvalidSchema, "Empty schema");
  }
  return schema->get<std::string>();
}

json registered_json(const RegisteredSchema& registered) {
  // Confluent leaves schemaType out for AVRO; clients default to it.
  return {{"subject", registered.subject},
          {"version", registered.version},
          {"id", registered.id},
          {"schema", registered.schema}};
}

}  // namespace

void add_schema_registry_routes(HttpServer& server, serde::EmbeddedSchemaRegistry& registry,
                                bool serve_root) {
  using M = HttpMethod;
  auto* reg = &registry;

  if (serve_root) {
    server.route(M::Get, "/", registry_handler([](const HttpRequest&) { return json::object(); }));
  }
  server.route(M::Get, "/config", registry_handler([](const HttpRequest&) {
                 return json{{"compatibilityLevel", "BACKWARD"}};
               }));
  server.route(M::Get, "/schemas/types",
               registry_handler([](const HttpRequest&) { return json::array({"AVRO"}); }));
  server.route(
      M::Get, "/schemas/ids/{id}", registry_handler([reg](const HttpRequest& request) {
        return json{{"schema", reg->schema_by_id(parse_schema_id(request.path_param("id")))}};
      }));
  server.route(M::Get, "/schemas/ids/{id}/versions",
               registry_handler([reg](const HttpRequest& request) {
                 auto uses = reg->subject_versions(parse_schema_id(request.path_param("id")));
                 json out = json::array();
                 for (const auto& use : uses) {
                   out.push_back({{"subject", use.subject}, {"version", use.version}});
                 }
                 return out;
               }));
  server.route(M::Get, "/subjects",
               registry_handler([reg](const HttpRequest&) { return json(reg->subjects()); }));
  server.route(M::Get, "/subjects/{subject}/versions",
               registry_handler([reg](const HttpRequest& request) {
                 return json(reg->versions(request.path_param("subject")));
               }));
  server.route(
      M::Get, "/subjects/{subject}/versions/{version}",
      registry_handler([reg](const HttpRequest& request) {
        const auto& subject = request.path_param("subject");
        auto version = parse_version(request.path_param("version"));
        return registered_json(version ? reg->version(subject, *version) : reg->latest(subject));
      }));
  server.route(M::Post, "/subjects/{subject}/versions",
               registry_handler([reg](const HttpRequest& request) {
                 auto schema = parse_schema_request(request.body);
                 return json{{"id", reg->register_schema(request.path_param("subject"), schema)}};
               }));
  server.route(M::Post, "/subjects/{subject}", registry_handler([reg](const HttpRequest& request) {
                 auto schema = parse_schema_request(request.body);
                 return registered_json(reg->lookup(request.path_param("subject"), schema));
               }));
}

}  // namespace sharpline::adapters::http
