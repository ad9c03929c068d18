// `sharpline report html --from-json REPORT.json [--out PAGE.html]`: renders a saved backtest
// report as the HTML page, so the page can be regenerated (and tested) without a backtest run.
#include "cli/commands/report_command.hpp"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "backtest/html_report.hpp"
#include "cli/args.hpp"

namespace sharpline::cli {
namespace {

nlohmann::json read_report(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw std::runtime_error("cannot read '" + path + "': it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json report;
  try {
    report = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() names the line and column, which is what the user needs to fix the file.
    throw std::runtime_error("'" + path + "' is not valid JSON: " + e.what());
  }
  // The page tolerates any missing field, so a wrong file would render as a page of dashes;
  // reject what is clearly not a backtest report instead.
  if (!report.is_object()) throw std::runtime_error("'" + path + "' is not a JSON object");
  const auto kind = report.find("report");
  if (kind != report.end() && *kind != "sharpline-backtest") {
    throw std::runtime_error(
        "'" + path + "' is not a sharpline-backtest report (\"report\": " + kind->dump() + ")");
  }
  return report;
}

// Writes next to the target and renames, so a failed write never leaves half a page behind.
void write_page(const std::string& path, const std::string& page) {
  const std::filesystem::path target(path);
  std::filesystem::path temp = target;
  temp += ".tmp";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (!file) throw std::runtime_error("cannot write '" + path + "'");
    file << page;
    file.flush();
    if (!file) throw std::runtime_error("cannot write '" + path + "'");
  }
  std::error_code error;
  std::filesystem::rename(temp, target, error);
  if (error) {
    std::filesystem::remove(temp, error);
    throw std::runtime_error("cannot write '" + path + "'");
  }
}

int run_html(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline report html",
                   "Render a backtest report JSON (as the backtest writes it) as one "
                   "self-contained HTML page: inline CSS and SVG charts, no network references.");
  parser.option("from-json", "FILE", "the backtest report JSON to render (required)");
  parser.option("out", "FILE", "where to write the page (default: stdout)");
  parser.epilog(
      "Example:\n  sharpline report html --from-json var/backtest/report.json "
      "--out report.html\n");
  const ParsedArgs parsed = parser.parse(args);
  const auto from = parsed.get("from-json");
  if (!from) parser.fail("--from-json FILE is required");
  const std::string page = backtest::render_html_report(read_report(*from));
  const auto to = parsed.get("out");
  if (!to || *to == "-") {
    out << page;
  } else {
    write_page(*to, page);
  }
  return 0;
}

}  // namespace

int run_report_command(std::span<const std::string> args, std::ostream& out, std::ostream&) {
  const std::string sub = args.empty() ? "" : args[0];
  if (sub == "html") return run_html(args.subspan(1), out);
  if (sub == "--help" || sub == "-h") {
    out << "Usage: sharpline report html --from-json REPORT.json [--out PAGE.html]\n\n"
           "  html   render a backtest report JSON as a self-contained HTML page\n";
    return 0;
  }
  throw UsageError("sharpline report: expected 'html'" +
                   (sub.empty() ? std::string() : ", got '" + sub + "'"));
}

}  // namespace sharpline::cli
