#include "cli/commands/odds_cli_support.hpp"

#include <ostream>

#include "domain/errors.hpp"
#include "domain/odds/formats.hpp"

namespace sharpline::cli::odds_cli {
namespace {

[[noreturn]] void invalid(const ArgParser& parser, const std::string& text, const std::string& what,
                          std::string_view reason) {
  parser.fail("invalid value '" + text + "' for " + what + ": " + std::string(reason));
}

}  // namespace

double parse_number(const ArgParser& parser, const std::string& text, const std::string& what) {
  try {
    return parse_double(text, what);
  } catch (const UsageError& e) {
    parser.fail(e.what());
  }
}

double parse_price(const ArgParser& parser, const std::string& text, PriceFormat format,
                   const std::string& what) {
  const double value = parse_number(parser, text, what);
  if (format == PriceFormat::kAmerican) {
    if (const auto problem = domain::odds::american_odds_problem(value)) {
      invalid(parser, text, what, *problem);
    }
    return domain::odds::american_to_decimal(value);
  }
  if (const auto problem = domain::odds::decimal_odds_problem(value)) {
    invalid(parser, text, what, *problem);
  }
  return value;
}

std::vector<double> parse_prices(const ArgParser& parser, std::span<const std::string> texts,
                                 PriceFormat format, const std::string& what) {
  std::vector<double> prices;
  prices.reserve(texts.size());
  for (const std::string& text : texts) prices.push_back(parse_price(parser, text, format, what));
  return prices;
}

std::vector<double> parse_price_list(const ArgParser& parser, const std::string& text,
                                     PriceFormat format, const std::string& what,
                                     std::size_t min_count) {
  const std::vector<std::string> parts = split_list(text);
  if (parts.size() < min_count) {
    invalid(parser, text, what,
            "expected at least " + std::to_string(min_count) + " comma-separated prices");
  }
  return parse_prices(parser, parts, format, what);
}

double parse_probability(const ArgParser& parser, const std::string& text,
                         const std::string& what) {
  const double value = parse_number(parser, text, what);
  if (const auto problem = domain::odds::probability_problem(value)) {
    invalid(parser, text, what, *problem);
  }
  return value;
}

std::vector<double> parse_probability_list(const ArgParser& parser, const std::string& text,
                                           const std::string& what) {
  std::vector<double> values;
  for (const std::string& part : split_list(text)) {
    values.push_back(parse_probability(parser, part, what));
  }
  return values;
}

std::string required(const ArgParser& parser, const ParsedArgs& args, const std::string& name,
                     const std::string& hint) {
  auto value = args.get(name);
  if (!value) parser.fail("missing --" + name + " (" + hint + ")");
  return *value;
}

std::string method_choices() {
  std::string choices;
  for (domain::odds::DevigMethod method : domain::odds::kAllDevigMethods) {
    if (!choices.empty()) choices += '|';
    choices += domain::odds::method_name(method);
  }
  return choices;
}

domain::odds::DevigMethod parse_method(const ArgParser& parser, const std::string& text) {
  const auto method = domain::odds::parse_devig_method(text);
  if (!method) invalid(parser, text, "--method", "expected one of " + method_choices());
  return *method;
}

void with_domain_errors(const ArgParser& parser, const std::function<void()>& body) {
  try {
    body();
  } catch (const domain::InvalidInput& e) {
    parser.fail(e.what());
  }
}

void print(std::ostream& out, const Json& reply) {
  out << reply.dump() << "\n";
}

}  // namespace sharpline::cli::odds_cli
