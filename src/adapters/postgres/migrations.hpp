// Versioned schema migrations for the Postgres sink, embedded in the binary (V001__init.sql is
// migrations_v001.cpp). Applied at start in one transaction under an advisory lock, so several
// sinks starting together migrate once; each applied migration is recorded in
// schema_migrations with a SHA-256 checksum of its SQL, and a changed checksum refuses to start.
#pragma once

#include <pqxx/connection>
#include <stdexcept>
#include <string>
#include <vector>

namespace sharpline::adapters::postgres {

struct Migration {
  int version = 0;
  std::string name;  // e.g. V001__init.sql
  std::string sql;
};

class MigrationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

extern const char* const kMigrationV001;

// The sink's migrations in version order.
const std::vector<Migration>& sink_migrations();

std::string migration_checksum(const Migration& migration);

struct MigrationReport {
  std::vector<std::string> applied;  // names applied by this call
  int current_version = 0;
};

// Applies the missing migrations; throws MigrationError when an applied migration's checksum
// differs from the embedded one, or the database holds a version this binary does not know.
MigrationReport apply_migrations(pqxx::connection& connection,
                                 const std::vector<Migration>& migrations);

}  // namespace sharpline::adapters::postgres
