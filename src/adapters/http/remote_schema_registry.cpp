#include "adapters/http/remote_schema_registry.hpp"

#include "adapters/http/schema_registry_routes.hpp"
#include "adapters/http/url.hpp"
#include "serde/embedded_schema_registry.hpp"

namespace sharpline::adapters::http {
namespace {

using nlohmann::json;
using serde::RegisteredSchema;
using serde::SchemaRegistryError;

// "http://host:8081/" → "http://host:8081"; with user_info, "http://<user_info>@host:8081", so
// HttpClient turns it into Basic authorization and redact_url keeps it out of messages.
std::string make_base_url(const std::string& url, const std::string& user_info) {
  std::string base = url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (!user_info.empty()) {
    auto scheme_end = base.find("://");
    if (scheme_end != std::string::npos)
      base.insert(scheme_end + 3, percent_encode(user_info) + "@");
  }
  return base;
}

// Registration cache key: the canonical form when the text is JSON, so an equivalent text reuses
// the id; the raw text otherwise (the registry will reject it anyway).
std::string cache_key(const std::string& schema_json) {
  try {
    return serde::canonical_schema_json(schema_json);
  } catch (const SchemaRegistryError&) {
    return schema_json;
  }
}

}  // namespace

RemoteSchemaRegistry::RemoteSchemaRegistry(RemoteSchemaRegistryOptions options)
    : options_(std::move(options)),
      base_url_(make_base_url(options_.url, options_.basic_auth_user_info)),
      client_(options_.http) {
  parse_url(base_url_);  // a bad URL should fail at startup, not on the first record
  headers_.emplace("Accept",
                   "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, "
                   "application/json");
}

json RemoteSchemaRegistry::call(HttpMethod method, const std::string& path,
                                const std::string& body) {
  auto url = base_url_ + path;
  auto headers = headers_;
  if (!body.empty()) headers.emplace("Content-Type", std::string(kSchemaRegistryContentType));
  auto response = client_.request(method, url, body, headers, options_.timeout);
  auto describe = [&] { return std::string(to_string(method)) + " " + redact_url(url); };
  json parsed = json::parse(response.body, nullptr, false);
  if (response.status >= 200 && response.status < 300) {
    if (parsed.is_discarded()) {
      throw HttpError(describe() + ": schema registry answered with invalid JSON");
    }
    return parsed;
  }
  if (parsed.is_object() && parsed.contains("error_code") &&
      parsed["error_code"].is_number_integer()) {
    const auto& message = parsed["message"];
    throw SchemaRegistryError(
        parsed["error_code"].get<int>(),
        message.is_string() ? message.get<std::string>() : describe() + ": schema registry error");
  }
  throw SchemaRegistryError(response.status, describe() + ": schema registry answered HTTP " +
                                                 std::to_string(response.status));
}

int RemoteSchemaRegistry::register_schema(const std::string& subject,
                                          const std::string& schema_json) {
  auto key = std::make_pair(subject, cache_key(schema_json));
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = id_by_subject_schema_.find(key); it != id_by_subject_schema_.end()) {
      return it->second;
    }
  }
  auto answer = call(HttpMethod::Post, "/subjects/" + percent_encode(subject) + "/versions",
                     json{{"schema", schema_json}}.dump());
  int id = 0;
  try {
    id = answer.at("id").get<int>();
  } catch (const json::exception&) {
    throw HttpError("POST " + redact_url(base_url_) + "/subjects/.../versions: answer has no id");
  }
  std::lock_guard lock(cache_mutex_);
  id_by_subject_schema_.emplace(std::move(key), id);
  return id;
}

std::string RemoteSchemaRegistry::schema_by_id(int id) {
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = schema_by_id_.find(id); it != schema_by_id_.end()) return it->second;
  }
  auto answer = call(HttpMethod::Get, "/schemas/ids/" + std::to_string(id));
  std::string schema;
  try {
    schema = answer.at("schema").get<std::string>();
  } catch (const json::exception&) {
    throw HttpError("GET " + redact_url(base_url_) + "/schemas/ids/" + std::to_string(id) +
                    ": answer has no schema");
  }
  remember_schema(id, schema);
  return schema;
}

RegisteredSchema RemoteSchemaRegistry::latest(const std::string& subject) {
  return fetch_version(subject, "latest");
}

RegisteredSchema RemoteSchemaRegistry::version(const std::string& subject, int version) {
  return fetch_version(subject, std::to_string(version));
}

std::vector<std::string> RemoteSchemaRegistry::subjects() {
  auto answer = call(HttpMethod::Get, "/subjects");
  try {
    return answer.get<std::vector<std::string>>();
  } catch (const json::exception&) {
    throw HttpError("GET " + redact_url(base_url_) + "/subjects: answer is not a list of names");
  }
}

std::vector<int> RemoteSchemaRegistry::versions(const std::string& subject) {
  auto answer = call(HttpMethod::Get, "/subjects/" + percent_encode(subject) + "/versions");
  try {
    return answer.get<std::vector<int>>();
  } catch (const json::exception&) {
    throw HttpError("GET " + redact_url(base_url_) +
                    "/subjects/.../versions: answer is not a list of versions");
  }
}

RegisteredSchema RemoteSchemaRegistry::fetch_version(const std::string& subject,
                                                     const std::string& version) {
  auto answer =
      call(HttpMethod::Get, "/subjects/" + percent_encode(subject) + "/versions/" + version);
  RegisteredSchema registered;
  try {
    registered.id = answer.at("id").get<int>();
    registered.subject = answer.value("subject", subject);
    registered.version = answer.at("version").get<int>();
    registered.schema = answer.at("schema").get<std::string>();
  } catch (const json::exception&) {
    throw HttpError("GET " + redact_url(base_url_) + "/subjects/.../versions/" + version +
                    ": answer lacks id, version or schema");
  }
  remember_schema(registered.id, registered.schema);
  return registered;
}

void RemoteSchemaRegistry::remember_schema(int id, const std::string& schema) {
  std::lock_guard lock(cache_mutex_);
  schema_by_id_.emplace(id, schema);
}

}  // namespace sharpline::adapters::http
