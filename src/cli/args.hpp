// Command-line argument parsing shared by every `sharpline` command.
//
// Style (the same for every command, documented in docs/cli.md):
//   --name VALUE | --name=VALUE   option with a value
//   --flag                        boolean flag
//   --help / -h                   usage on stdout, exit 0
//   anything else                 positional; "-110" or "-0.5" are values, not options
// Parsing errors throw UsageError; main() turns them into exit code 2 with one line on stderr.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace sharpline::cli {

// A mistake in how the command was called: exit code 2, one line naming the bad option.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown by parse() when --help was given; carries the rendered usage text.
class HelpRequested : public std::exception {
 public:
  explicit HelpRequested(std::string text) : text_(std::move(text)) {}
  const char* what() const noexcept override { return text_.c_str(); }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

class ParsedArgs {
 public:
  bool has(const std::string& name) const;
  // Last value given for an option (options may be repeated; the last one wins for get()).
  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, const std::string& fallback) const;
  // Every value given for a repeatable option, in order.
  std::vector<std::string> all(const std::string& name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

  // Typed accessors: a malformed value is a UsageError naming the option.
  std::optional<double> get_double(const std::string& name) const;
  std::optional<long long> get_int(const std::string& name) const;

  // Every option value in the order given, as (name, value); flags have an empty value.
  const std::vector<std::pair<std::string, std::string>>& ordered() const { return ordered_; }

  const std::string& command() const { return command_; }

 private:
  friend class ArgParser;
  std::string command_;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::pair<std::string, std::string>> ordered_;
  std::vector<std::string> positionals_;
};

class ArgParser {
 public:
  // command: full command path for messages, e.g. "sharpline odds devig".
  ArgParser(std::string command, std::string summary);

  ArgParser& flag(const std::string& name, const std::string& help);
  ArgParser& option(const std::string& name, const std::string& metavar, const std::string& help,
                    bool repeatable = false);
  // Documents positional arguments in --help; min/max bound their count (max < 0: unbounded).
  ArgParser& positionals(const std::string& metavar, const std::string& help, int min_count = 0,
                         int max_count = 0);
  // Free text appended to --help (examples, notes).
  ArgParser& epilog(const std::string& text);

  ParsedArgs parse(std::span<const std::string> args) const;
  std::string help() const;
  const std::string& command() const { return command_; }

  // Formats "<command>: <message>" as every usage error should read.
  [[noreturn]] void fail(const std::string& message) const;

 private:
  struct Spec {
    std::string name;
    std::string metavar;  // empty for flags
    std::string help;
    bool repeatable = false;
  };
  const Spec* find(const std::string& name) const;

  std::string command_;
  std::string summary_;
  std::vector<Spec> specs_;
  std::string positional_metavar_;
  std::string positional_help_;
  int positional_min_ = 0;
  int positional_max_ = 0;
  std::string epilog_;
};

// Splits "a,b,c" into its parts (empty parts are kept so errors can point at them).
std::vector<std::string> split_list(const std::string& text, char separator = ',');

// Strict number parsing: the whole text must be a finite number. Throws UsageError naming `what`.
double parse_double(const std::string& text, const std::string& what);
long long parse_int(const std::string& text, const std::string& what);

}  // namespace sharpline::cli
