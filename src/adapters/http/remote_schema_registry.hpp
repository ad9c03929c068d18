#pragma once

// SchemaRegistry backed by a Confluent-compatible registry over HTTP (--schema-registry URL).
//
// Errors: the registry's own answers (40401, 42201, ...) are serde::SchemaRegistryError with the
// registry's error code (the HTTP status when the body has none); no answer at all, or an answer
// that is not the expected JSON, is HttpError.
//
// Caching: schemas are immutable once registered, so id → schema and (subject, schema) → id are
// cached for the life of the object; "latest", version lists and subject lists always ask.

#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "adapters/http/http_client.hpp"
#include "serde/schema_registry.hpp"

namespace sharpline::adapters::http {

struct RemoteSchemaRegistryOptions {
  // Base URL, e.g. "http://localhost:8081" or "https://key:secret@psrc-x.confluent.cloud";
  // userinfo becomes Basic authorization.
  std::string url;
  std::string basic_auth_user_info;  // "key:secret", instead of userinfo in the URL
  std::chrono::milliseconds timeout{std::chrono::seconds(10)};
  HttpClientOptions http;
};

class RemoteSchemaRegistry final : public serde::SchemaRegistry {
 public:
  // Throws HttpError for a URL that is not http(s) or a TLS setup failure.
  explicit RemoteSchemaRegistry(RemoteSchemaRegistryOptions options);

  int register_schema(const std::string& subject, const std::string& schema_json) override;
  std::string schema_by_id(int id) override;
  serde::RegisteredSchema latest(const std::string& subject) override;
  serde::RegisteredSchema version(const std::string& subject, int version) override;
  std::vector<std::string> subjects() override;
  std::vector<int> versions(const std::string& subject) override;

 private:
  nlohmann::json call(HttpMethod method, const std::string& path, const std::string& body = {});
  serde::RegisteredSchema fetch_version(const std::string& subject, const std::string& version);
  void remember_schema(int id, const std::string& schema);

  RemoteSchemaRegistryOptions options_;
  std::string base_url_;  // without a trailing '/'
  HttpHeaders headers_;
  HttpClient client_;

  std::mutex cache_mutex_;
  std::unordered_map<int, std::string> schema_by_id_;
  std::map<std::pair<std::string, std::string>, int> id_by_subject_schema_;
};

}  // namespace sharpline::adapters::http
