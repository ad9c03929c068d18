#include "adapters/postgres/migrations.hpp"

#include <map>
#include <pqxx/pqxx>

#include "adapters/ml/sha256.hpp"

namespace sharpline::adapters::postgres {
namespace {

// pg_advisory_xact_lock key: "sharpline" sink migrations (any constant shared by all sinks).
constexpr long long kMigrationLock = 0x5348504C4D494731LL;

}  // namespace

const std::vector<Migration>& sink_migrations() {
  static const std::vector<Migration> migrations = {
      {1, "V001__init.sql", kMigrationV001},
  };
  return migrations;
}

std::string migration_checksum(const Migration& migration) {
  return ml::sha256_hex(std::string_view(migration.sql));
}

MigrationReport apply_migrations(pqxx::connection& connection,
                                 const std::vector<Migration>& migrations) {
  MigrationReport report;
  pqxx::work txn(connection, "sharpline-migrations");
  txn.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLock) + ")");
  txn.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
      " applied_at timestamptz NOT NULL DEFAULT now())");
  std::map<int, std::pair<std::string, std::string>> applied;
  for (const auto& row : txn.exec("SELECT version, name, checksum FROM schema_migrations")) {
    applied[row[0].as<int>()] = {row[1].as<std::string>(), row[2].as<std::string>()};
  }
  for (const auto& [version, entry] : applied) {
    bool known = false;
    for (const auto& m : migrations) known = known || m.version == version;
    if (!known) {
      throw MigrationError("the database has migration " + entry.first + " (version " +
                           std::to_string(version) +
                           ") that this sharpline does not know; upgrade sharpline");
    }
  }
  for (const auto& migration : migrations) {
    const std::string checksum = migration_checksum(migration);
    if (const auto it = applied.find(migration.version); it != applied.end()) {
      if (it->second.second != checksum) {
        throw MigrationError("migration " + migration.name +
                             " was changed after it was applied (checksum in schema_migrations " +
                             it->second.second + ", embedded " + checksum +
                             "); add a new migration instead of editing an applied one");
      }
      report.current_version = migration.version;
      continue;
    }
    txn.exec(migration.sql);
    txn.exec("INSERT INTO schema_migrations (version, name, checksum) VALUES (" +
             std::to_string(migration.version) + ", " + txn.quote(migration.name) + ", " +
             txn.quote(checksum) + ")");
    report.applied.push_back(migration.name);
    report.current_version = migration.version;
  }
  txn.commit();
  return report;
}

}  // namespace sharpline::adapters::postgres
