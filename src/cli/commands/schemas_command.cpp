// `sharpline schemas list|show`: the record schemas, their topics and registry ids.
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/args.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/bus_commands.hpp"
#include "cli/common_options.hpp"
#include "serde/schema_catalog.hpp"
#include "serde/schema_dir.hpp"

namespace sharpline::cli {

int run_schemas_command(std::span<const std::string> args, std::ostream& out, std::ostream&) {
  const std::string sub = args.empty() ? "" : args[0];
  if (sub == "list") {
    ArgParser parser("sharpline schemas list",
                     "Print one JSON line per declared topic with a schema: topic, subject, "
                     "schema file, record name and the schema id the registry gives it.");
    add_common_options(parser, kConfigOptions | kBusOptions);
    const ParsedArgs parsed = parser.parse(args.subspan(1));
    const Config config = config_from_args(parsed);
    init_command_logging(config, "schemas");
    auto context = BusContext::open(config);
    for (const auto& topic : context->bus().topics()) {
      if (topic.value_schema == "bytes") continue;
      const auto& entry = context->catalog().at(topic.value_schema);
      out << nlohmann::json{{"topic", topic.name},
                            {"subject", serde::value_subject(topic.name)},
                            {"schema_file", entry.path.filename().string()},
                            {"record", entry.full_name},
                            {"id", context->serde().schema_id(topic.name)}}
                 .dump()
          << "\n";
    }
    return 0;
  }
  if (sub == "show") {
    ArgParser parser("sharpline schemas show", "Print a schema (by file stem or record name).");
    parser.positionals("NAME", "e.g. odds_quote or sharpline.v1.OddsQuote", 1, 1);
    add_common_options(parser, kConfigOptions);
    const ParsedArgs parsed = parser.parse(args.subspan(1));
    const Config config = config_from_args(parsed);
    const std::string dir = config.get_or("schemas.dir", "");
    const auto catalog = serde::SchemaCatalog::load(dir.empty() ? serde::find_schemas_dir()
                                                                : serde::find_schemas_dir(dir));
    const auto* entry = catalog.find(parsed.positionals()[0]);
    if (entry == nullptr) parser.fail("no schema named '" + parsed.positionals()[0] + "'");
    out << nlohmann::json::parse(entry->text()).dump(2) << "\n";
    return 0;
  }
  if (sub == "--help" || sub == "-h") {
    out << "Usage: sharpline schemas list|show [options]\n\n"
           "  list   topics, subjects and schema ids\n"
           "  show   print one schema\n";
    return 0;
  }
  throw UsageError("sharpline schemas: expected 'list' or 'show'" +
                   (sub.empty() ? std::string() : ", got '" + sub + "'"));
}

}  // namespace sharpline::cli
