// RAII owner of one PostgreSQL connection (libpqxx), with the DSN kept out of logs and error
// messages. Adapter error policy: failures are exceptions (pqxx::broken_connection when the
// server is away, pqxx::sql_error for statements the server rejected).
#pragma once

#include <memory>
#include <pqxx/connection>
#include <string>

namespace sharpline::adapters::postgres {

// The DSN with any password replaced by "***" (key=value "password=..." and URI
// "postgresql://user:secret@host/db" forms), for logs and messages.
std::string redact_dsn(const std::string& dsn);

class PgConnection {
 public:
  // Connects (throws pqxx::broken_connection when the server cannot be reached; the message
  // names the redacted DSN).
  explicit PgConnection(const std::string& dsn);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  pqxx::connection& get() { return *connection_; }
  bool is_open() const { return connection_ && connection_->is_open(); }

 private:
  std::unique_ptr<pqxx::connection> connection_;
};

}  // namespace sharpline::adapters::postgres
