// `sharpline odds devig`, `convert` and `consensus`: questions about one market's prices.
#include <algorithm>
#include <cctype>
#include <ostream>

#include "cli/commands/odds_cli_support.hpp"
#include "cli/commands/odds_subcommands.hpp"
#include "domain/odds/consensus.hpp"
#include "domain/odds/devig.hpp"
#include "domain/odds/formats.hpp"

namespace sharpline::cli::odds_cli {
namespace odds = domain::odds;

void run_devig(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline odds devig",
                   "Remove the bookmaker margin from one market's prices: fair probabilities in "
                   "input order, the margin, and the method's fitted parameter.");
  parser.option("method", "METHOD", "De-vig method (required): " + method_choices() + ".")
      .flag("american", "Prices are American odds (-110, +150) instead of decimal.")
      .positionals("ODDS", "One price per outcome of the market, in order (at least 2).", 2, -1)
      .epilog(
          "Parameters: multiplicative booksum, additive shift, power k, shin z, odds-ratio c,\n"
          "logarithmic c, goto step. \"valid\": false (with \"reason\") flags a result the\n"
          "method defines but that is unusable, e.g. a negative additive probability.\n\n"
          "Examples:\n"
          "  sharpline odds devig --method shin 2.6 2.4 4.3\n"
          "  sharpline odds devig --method power --american -110 -110\n"
          "See docs/odds-math.md for every formula.");
  const ParsedArgs parsed = parser.parse(args);
  const odds::DevigMethod method =
      parse_method(parser, required(parser, parsed, "method", method_choices()));
  const std::vector<double> prices =
      parse_prices(parser, parsed.positionals(), price_format(parsed), "ODDS");

  odds::DevigResult result;
  with_domain_errors(parser, [&] { result = odds::devig(method, prices); });
  Json reply = {{"method", std::string(odds::method_name(method))},
                {"probabilities", result.probabilities},
                {"margin", result.margin},
                {"parameter", result.parameter},
                {"parameter_name", std::string(odds::parameter_name(method))},
                {"valid", result.valid}};
  if (!result.valid) reply["reason"] = result.reason;
  print(out, reply);
}

namespace {

// "5/2", "1/4", "evens" or "evs"; fails naming the text otherwise.
double fractional_price(const ArgParser& parser, const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "evens" || lower == "evs" || lower == "even") return 2.0;
  const auto slash = text.find('/');
  if (slash == std::string::npos) {
    parser.fail("invalid value '" + text + "' for VALUE: fractional odds look like N/M, e.g. 5/2");
  }
  const double numerator = parse_number(parser, text.substr(0, slash), "VALUE");
  const double denominator = parse_number(parser, text.substr(slash + 1), "VALUE");
  if (!(numerator > 0.0) || !(denominator > 0.0)) {
    parser.fail("invalid value '" + text + "' for VALUE: fractional odds need N > 0 and M > 0");
  }
  return odds::fractional_to_decimal(numerator, denominator);
}

}  // namespace

void run_convert(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline odds convert",
                   "Convert prices to decimal, American and implied probability (margin "
                   "included).");
  parser
      .option("from", "FORMAT",
              "Format of the values (required): american|decimal|fractional|implied.")
      .positionals("VALUE", "Prices in that format: 2.5, -110, +150, 5/2, evens, 0.4.", 1, -1)
      .epilog(
          "Examples:\n  sharpline odds convert --from american -110 +150\n"
          "  sharpline odds convert --from fractional 5/2 evens");
  const ParsedArgs parsed = parser.parse(args);
  const std::string from = required(parser, parsed, "from", "american|decimal|fractional|implied");

  std::vector<double> decimals;
  // American input is echoed as given rather than round-tripped (-110 must not come back as
  // -109.99999999999999).
  std::vector<double> american_input;
  for (const std::string& text : parsed.positionals()) {
    if (from == "decimal") {
      decimals.push_back(parse_price(parser, text, PriceFormat::kDecimal, "VALUE"));
    } else if (from == "american") {
      decimals.push_back(parse_price(parser, text, PriceFormat::kAmerican, "VALUE"));
      american_input.push_back(parse_number(parser, text, "VALUE"));
    } else if (from == "fractional") {
      decimals.push_back(fractional_price(parser, text));
    } else if (from == "implied") {
      const double p = parse_number(parser, text, "VALUE");
      if (!(p > 0.0 && p < 1.0)) {
        parser.fail("invalid value '" + text +
                    "' for VALUE: implied probability must be in (0, 1)");
      }
      decimals.push_back(odds::implied_to_decimal(p));
    } else {
      parser.fail("invalid value '" + from +
                  "' for --from: expected american, decimal, fractional or implied");
    }
  }
  Json american = Json::array();
  Json implied = Json::array();
  for (std::size_t i = 0; i < decimals.size(); ++i) {
    const double value =
        american_input.empty() ? odds::decimal_to_american(decimals[i]) : american_input[i];
    // -100 and +100 are the same price; +100 is the convention.
    american.push_back(value == -100.0 ? 100.0 : value);
    implied.push_back(odds::decimal_to_implied(decimals[i]));
  }
  print(out, Json{{"decimal", decimals}, {"american", american}, {"implied", implied}});
}

void run_consensus(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline odds consensus",
                   "Consensus fair probabilities of one market across books: each book is "
                   "de-vigged, books far from the others are dropped, the rest are pooled by "
                   "weight.");
  parser
      .option("book", "[NAME=]O1,O2,...", "One book's prices in outcome order (repeat per book).",
              true)
      .option("method", "METHOD",
              "De-vig method for each book (default multiplicative): " + method_choices() + ".")
      .option("weight", "NAME=W", "Weight of a named book (repeatable; default 1).", true)
      .flag("sharp-weights", "Start from pinnacle 3, circasports 2, bookmaker 2, others 1.")
      .option("threshold", "Z", "Robust z-score beyond which a book is dropped (default 3.5).")
      .option("min-deviation", "P", "Probability difference always tolerated (default 0.01).")
      .flag("american", "Prices are American odds.")
      .epilog(
          "Example:\n  sharpline odds consensus --sharp-weights --method power \\\n"
          "    --book pinnacle=1.95,1.95 --book dk=1.91,1.91 --book stale=1.70,2.25");
  const ParsedArgs parsed = parser.parse(args);
  const odds::DevigMethod method = parse_method(parser, parsed.get_or("method", "multiplicative"));
  const PriceFormat format = price_format(parsed);

  odds::BookWeights weights =
      parsed.has("sharp-weights") ? odds::BookWeights::sharp_books() : odds::BookWeights(1.0);
  for (const std::string& text : parsed.all("weight")) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
      parser.fail("invalid value '" + text + "' for --weight: expected NAME=W");
    }
    const double weight = parse_number(parser, text.substr(eq + 1), "--weight");
    if (weight < 0.0) parser.fail("invalid value '" + text + "' for --weight: must be >= 0");
    weights.set(text.substr(0, eq), weight);
  }
  odds::ConsensusOptions options;
  if (auto z = parsed.get("threshold")) {
    options.outlier_threshold = parse_number(parser, *z, "--threshold");
    if (options.outlier_threshold <= 0.0) {
      parser.fail("invalid value '" + *z + "' for --threshold: must be > 0");
    }
  }
  if (auto d = parsed.get("min-deviation")) {
    options.min_deviation = parse_number(parser, *d, "--min-deviation");
    if (options.min_deviation < 0.0) {
      parser.fail("invalid value '" + *d + "' for --min-deviation: must be >= 0");
    }
  }

  const std::vector<std::string> book_args = parsed.all("book");
  if (book_args.empty()) parser.fail("missing --book (one per bookmaker)");
  std::vector<std::string> names;
  std::vector<std::vector<double>> prices;
  for (std::size_t b = 0; b < book_args.size(); ++b) {
    const std::string& text = book_args[b];
    const auto eq = text.find('=');
    names.push_back(eq == std::string::npos ? "book" + std::to_string(b) : text.substr(0, eq));
    prices.push_back(parse_price_list(parser, eq == std::string::npos ? text : text.substr(eq + 1),
                                      format, "--book", 2));
  }
  std::vector<odds::BookPrices> books;
  for (std::size_t b = 0; b < prices.size(); ++b) {
    books.push_back({names[b], prices[b], weights.weight(names[b])});
  }

  odds::ConsensusResult result;
  with_domain_errors(parser, [&] { result = odds::consensus_fair_price(books, method, options); });
  Json book_list = Json::array();
  for (std::size_t b = 0; b < books.size(); ++b) {
    const bool used = std::find(result.used.begin(), result.used.end(), b) != result.used.end();
    book_list.push_back({{"book", names[b]}, {"weight", books[b].weight}, {"used", used}});
  }
  Json reply = {{"method", std::string(odds::method_name(method))},
                {"probabilities", result.probabilities},
                {"fair_odds", result.fair_odds},
                {"books", book_list},
                {"valid", result.valid}};
  if (!result.valid) reply["reason"] = result.reason;
  print(out, reply);
}

}  // namespace sharpline::cli::odds_cli
