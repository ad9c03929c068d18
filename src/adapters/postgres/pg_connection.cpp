#include "adapters/postgres/pg_connection.hpp"

#include <pqxx/except>
#include <regex>

namespace sharpline::adapters::postgres {

std::string redact_dsn(const std::string& dsn) {
  // key=value form: password=secret or password='sec ret'.
  static const std::regex keyword(R"(((?:^|\s)password\s*=\s*)('([^'\\]|\\.)*'|\S+))",
                                  std::regex::icase);
  // URI form: scheme://user:secret@host, and ?password=... parameters.
  static const std::regex uri(R"(^([a-z]+://[^:/@]*:)[^@]*@)", std::regex::icase);
  static const std::regex param(R"(([?&]password=)[^&]*)", std::regex::icase);
  std::string out = std::regex_replace(dsn, uri, "$1***@");
  out = std::regex_replace(out, param, "$1***");
  return std::regex_replace(out, keyword, "$1***");
}

PgConnection::PgConnection(const std::string& dsn) {
  try {
    connection_ = std::make_unique<pqxx::connection>(dsn);
  } catch (const pqxx::broken_connection& e) {
    // libpq's message may quote parts of the DSN; keep only its first line and name the
    // redacted DSN.
    std::string reason = e.what();
    if (const auto nl = reason.find('\n'); nl != std::string::npos) reason.resize(nl);
    throw pqxx::broken_connection("cannot connect to PostgreSQL (" + redact_dsn(dsn) +
                                  "): " + reason);
  }
}

PgConnection::~PgConnection() {
  try {
    if (connection_) connection_->disconnect();
  } catch (...) {  // a broken connection has nothing left to close
  }
}

}  // namespace sharpline::adapters::postgres
