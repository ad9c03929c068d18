#include "cli/args.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace sharpline::cli {
namespace {

// "-110", "-0.5", "-.5" are values; "-x" is a (rejected) short option.
bool looks_like_negative_number(const std::string& arg) {
  return arg.size() >= 2 && arg[0] == '-' &&
         (std::isdigit(static_cast<unsigned char>(arg[1])) != 0 || arg[1] == '.');
}

}  // namespace

bool ParsedArgs::has(const std::string& name) const {
  return values_.contains(name);
}

std::optional<std::string> ParsedArgs::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string ParsedArgs::get_or(const std::string& name, const std::string& fallback) const {
  return get(name).value_or(fallback);
}

std::vector<std::string> ParsedArgs::all(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::optional<double> ParsedArgs::get_double(const std::string& name) const {
  auto value = get(name);
  if (!value) return std::nullopt;
  try {
    return parse_double(*value, "--" + name);
  } catch (const UsageError& e) {
    throw UsageError(command_ + ": " + e.what());
  }
}

std::optional<long long> ParsedArgs::get_int(const std::string& name) const {
  auto value = get(name);
  if (!value) return std::nullopt;
  try {
    return parse_int(*value, "--" + name);
  } catch (const UsageError& e) {
    throw UsageError(command_ + ": " + e.what());
  }
}

ArgParser::ArgParser(std::string command, std::string summary)
    : command_(std::move(command)), summary_(std::move(summary)) {}

ArgParser& ArgParser::flag(const std::string& name, const std::string& help) {
  specs_.push_back({name, "", help, true});
  return *this;
}

ArgParser& ArgParser::option(const std::string& name, const std::string& metavar,
                             const std::string& help, bool repeatable) {
  specs_.push_back({name, metavar, help, repeatable});
  return *this;
}

ArgParser& ArgParser::positionals(const std::string& metavar, const std::string& help,
                                  int min_count, int max_count) {
  positional_metavar_ = metavar;
  positional_help_ = help;
  positional_min_ = min_count;
  positional_max_ = max_count;
  return *this;
}

ArgParser& ArgParser::epilog(const std::string& text) {
  epilog_ = text;
  return *this;
}

const ArgParser::Spec* ArgParser::find(const std::string& name) const {
  for (const auto& spec : specs_) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

void ArgParser::fail(const std::string& message) const {
  throw UsageError(command_ + ": " + message);
}

ParsedArgs ArgParser::parse(std::span<const std::string> args) const {
  ParsedArgs parsed;
  parsed.command_ = command_;
  bool only_positionals = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (only_positionals || arg == "-" || !arg.starts_with("-") ||
        looks_like_negative_number(arg)) {
      parsed.positionals_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positionals = true;
      continue;
    }
    if (arg == "--help" || arg == "-h") throw HelpRequested(help());
    if (!arg.starts_with("--")) fail("unknown option '" + arg + "' (options are spelled --name)");

    std::string name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const Spec* spec = find(name);
    if (spec == nullptr) fail("unknown option '--" + name + "' (see --help)");

    std::string value;
    if (spec->metavar.empty()) {
      if (inline_value) fail("option '--" + name + "' takes no value");
    } else if (inline_value) {
      value = *inline_value;
    } else {
      // "--bootstrap --log-level warn" is a forgotten value, not a bootstrap named "--log-level".
      if (i + 1 >= args.size() || (args[i + 1].starts_with("--") && args[i + 1].size() > 2)) {
        fail("option '--" + name + "' needs a value " + spec->metavar);
      }
      value = args[++i];
    }
    auto& slot = parsed.values_[name];
    if (!spec->repeatable && !slot.empty()) fail("option '--" + name + "' given more than once");
    slot.push_back(value);
    parsed.ordered_.emplace_back(name, value);
  }
  const int count = static_cast<int>(parsed.positionals_.size());
  if (count < positional_min_) {
    fail(positional_metavar_.empty() ? "missing arguments"
                                     : "missing " + positional_metavar_ + " (see --help)");
  }
  if (positional_max_ >= 0 && count > positional_max_) {
    fail("unexpected argument '" + parsed.positionals_[static_cast<std::size_t>(positional_max_)] +
         "'");
  }
  return parsed;
}

std::string ArgParser::help() const {
  std::ostringstream out;
  out << "Usage: " << command_;
  if (!specs_.empty()) out << " [options]";
  if (!positional_metavar_.empty()) {
    out << " " << positional_metavar_ << (positional_max_ != 1 ? "..." : "");
  }
  out << "\n\n" << summary_ << "\n";
  if (!positional_metavar_.empty() && !positional_help_.empty()) {
    out << "\nArguments:\n  " << positional_metavar_ << "\n      " << positional_help_ << "\n";
  }
  out << "\nOptions:\n";
  for (const auto& spec : specs_) {
    out << "  --" << spec.name;
    if (!spec.metavar.empty()) out << " " << spec.metavar;
    out << "\n      " << spec.help << "\n";
  }
  out << "  --help\n      Show this help and exit.\n";
  if (!epilog_.empty()) out << "\n" << epilog_ << (epilog_.ends_with('\n') ? "" : "\n");
  return out.str();
}

std::vector<std::string> split_list(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : text) {
    if (c == separator) {
      parts.push_back(current);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  parts.push_back(current);
  return parts;
}

double parse_double(const std::string& text, const std::string& what) {
  if (text.empty()) throw UsageError("empty value for " + what);
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(value)) {
    throw UsageError("invalid value '" + text + "' for " + what + ": not a finite number");
  }
  return value;
}

long long parse_int(const std::string& text, const std::string& what) {
  if (text.empty()) throw UsageError("empty value for " + what);
  errno = 0;
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (end != text.c_str() + text.size() || errno == ERANGE) {
    throw UsageError("invalid value '" + text + "' for " + what + ": not an integer");
  }
  return value;
}

}  // namespace sharpline::cli
