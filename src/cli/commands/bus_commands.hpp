// Commands that use the bus: run, broker, topics, schemas, produce, consume.
#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace sharpline::cli {

int run_run_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int run_broker_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int run_topics_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int run_schemas_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int run_produce_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int run_stage_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int run_consume_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace sharpline::cli
