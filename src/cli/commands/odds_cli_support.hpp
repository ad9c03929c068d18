// Shared pieces of the `sharpline odds ...` subcommands: reading prices, probabilities and lists
// from arguments with usage errors that name the bad text, and printing the one-line JSON reply.
#pragma once

#include <functional>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "domain/odds/devig.hpp"

namespace sharpline::cli::odds_cli {

// Insertion-ordered, so replies read in the order the contract lists their keys.
using Json = nlohmann::ordered_json;

enum class PriceFormat { kDecimal, kAmerican };

inline PriceFormat price_format(const ParsedArgs& args) {
  return args.has("american") ? PriceFormat::kAmerican : PriceFormat::kDecimal;
}

// A price as decimal odds. `what` names the argument in messages ("ODDS", "--taken").
// Fails with "<command>: invalid value '<text>' for <what>: <reason>".
double parse_price(const ArgParser& parser, const std::string& text, PriceFormat format,
                   const std::string& what);
std::vector<double> parse_prices(const ArgParser& parser, std::span<const std::string> texts,
                                 PriceFormat format, const std::string& what);
// "1.9,2.0,3.5" as prices; at least `min_count` of them.
std::vector<double> parse_price_list(const ArgParser& parser, const std::string& text,
                                     PriceFormat format, const std::string& what,
                                     std::size_t min_count);

double parse_probability(const ArgParser& parser, const std::string& text, const std::string& what);
std::vector<double> parse_probability_list(const ArgParser& parser, const std::string& text,
                                           const std::string& what);

// A finite number; `what` as above.
double parse_number(const ArgParser& parser, const std::string& text, const std::string& what);

// The value of a required option, or a usage error "missing --name (<hint>)".
std::string required(const ArgParser& parser, const ParsedArgs& args, const std::string& name,
                     const std::string& hint);

domain::odds::DevigMethod parse_method(const ArgParser& parser, const std::string& text);
std::string method_choices();

// Runs domain code; its InvalidInput (input the arguments made impossible) becomes a usage error
// of this command.
void with_domain_errors(const ArgParser& parser, const std::function<void()>& body);

// Prints the reply: one JSON object on one line.
void print(std::ostream& out, const Json& reply);

}  // namespace sharpline::cli::odds_cli
