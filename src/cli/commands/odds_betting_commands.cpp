// `sharpline odds kelly`, `arb`, `ev`, `clv` and `middle`: sizing and judging bets.
#include <cmath>
#include <limits>
#include <optional>
#include <ostream>

#include "cli/commands/odds_cli_support.hpp"
#include "cli/commands/odds_subcommands.hpp"
#include "domain/odds/arbitrage.hpp"
#include "domain/odds/kelly.hpp"
#include "domain/odds/middles.hpp"
#include "domain/odds/value.hpp"

namespace sharpline::cli::odds_cli {
namespace odds = domain::odds;

namespace {

// --odds and --prob of kelly and ev: same count, probabilities of exclusive outcomes.
struct PricedBeliefs {
  std::vector<double> prices;
  std::vector<double> probabilities;
};

PricedBeliefs priced_beliefs(const ArgParser& parser, const ParsedArgs& parsed) {
  PricedBeliefs beliefs;
  const std::string odds_text = required(parser, parsed, "odds", "comma-separated prices");
  const std::string prob_text = required(parser, parsed, "prob", "comma-separated probabilities");
  beliefs.prices = parse_price_list(parser, odds_text, price_format(parsed), "--odds", 1);
  beliefs.probabilities = parse_probability_list(parser, prob_text, "--prob");
  if (beliefs.probabilities.size() != beliefs.prices.size()) {
    const std::size_t count = beliefs.probabilities.size();
    parser.fail("--prob has " + std::to_string(count) + (count == 1 ? " value" : " values") +
                " for " + std::to_string(beliefs.prices.size()) + " prices in --odds");
  }
  double sum = 0.0;
  for (double p : beliefs.probabilities) sum += p;
  if (sum > 1.0 + 1e-9) {
    parser.fail("invalid value '" + prob_text +
                "' for --prob: probabilities of mutually exclusive outcomes must sum to at most 1");
  }
  return beliefs;
}

double fraction_option(const ArgParser& parser, const ParsedArgs& parsed, const std::string& name) {
  const auto text = parsed.get(name);
  if (!text) return 1.0;
  const double value = parse_number(parser, *text, "--" + name);
  if (!(value > 0.0 && value <= 1.0)) {
    parser.fail("invalid value '" + *text + "' for --" + name + ": must be in (0, 1]");
  }
  return value;
}

// "LINE@ODDS", e.g. 45.5@1.91 or -2.5@-110 (with --american).
odds::MiddleLeg middle_leg(const ArgParser& parser, const std::string& text, PriceFormat format,
                           const std::string& what) {
  const auto at = text.find('@');
  if (at == std::string::npos) {
    parser.fail("invalid value '" + text + "' for " + what +
                ": expected LINE@ODDS, e.g. 45.5@1.91");
  }
  return {parse_number(parser, text.substr(0, at), what),
          parse_price(parser, text.substr(at + 1), format, what)};
}

// JSON has no infinity; an impossible fair price (probability 0) is null.
Json finite_or_null(double value) {
  return std::isfinite(value) ? Json(value) : Json(nullptr);
}

}  // namespace

void run_kelly(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline odds kelly",
                   "Kelly stakes as fractions of the bankroll. One price: a single bet. Several: "
                   "mutually exclusive outcomes of one market, staked together (Smoczynski & "
                   "Tomkins 2010). Probabilities may sum to less than 1; the rest is an outcome "
                   "that loses every bet.");
  parser.option("odds", "O1[,O2,...]", "Prices offered (required).")
      .option("prob", "P1[,P2,...]", "Your fair probabilities, same order (required).")
      .option("fraction", "F", "Fractional Kelly in (0, 1] (default 1).")
      .option("cap", "C", "Largest total stake in (0, 1] (default 1).")
      .flag("american", "Prices are American odds.")
      .epilog(
          "Reply: stakes (fraction applied), their total, and the expected log growth per\n"
          "bet at those stakes.\n\nExamples:\n"
          "  sharpline odds kelly --odds 2.0 --prob 0.6\n"
          "  sharpline odds kelly --odds 2.4,3.1,3.3 --prob 0.45,0.33,0.22 --fraction 0.5");
  const ParsedArgs parsed = parser.parse(args);
  const PricedBeliefs beliefs = priced_beliefs(parser, parsed);
  const odds::KellyOptions options{.fraction = fraction_option(parser, parsed, "fraction"),
                                   .cap = fraction_option(parser, parsed, "cap")};
  odds::KellyResult result;
  with_domain_errors(parser,
                     [&] { result = odds::kelly(beliefs.prices, beliefs.probabilities, options); });
  print(out, Json{{"stakes", result.stakes},
                  {"total", result.total},
                  {"growth", finite_or_null(result.growth)}});
}

void run_arb(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline odds arb",
                   "Best price per outcome across books and the equal-payout stake split over "
                   "them; an arbitrage when the return is positive.");
  parser
      .option("book", "O1,O2,...", "One bookmaker's prices in outcome order (repeat per book).",
              true)
      .flag("american", "Prices are American odds.")
      .epilog(
          "Book indices in the reply follow the order of --book, from 0; stakes sum to 1.\n\n"
          "Example:\n  sharpline odds arb --book 2.10,1.95 --book 1.90,2.15");
  const ParsedArgs parsed = parser.parse(args);
  const std::vector<std::string> book_args = parsed.all("book");
  if (book_args.empty()) parser.fail("missing --book (one per bookmaker)");
  std::vector<std::vector<double>> books;
  for (const std::string& text : book_args) {
    books.push_back(parse_price_list(parser, text, price_format(parsed), "--book", 2));
    if (books.back().size() != books.front().size()) {
      parser.fail("invalid value '" + text + "' for --book: has " +
                  std::to_string(books.back().size()) + " prices, the first book has " +
                  std::to_string(books.front().size()));
    }
  }
  odds::Arbitrage arb;
  with_domain_errors(parser, [&] { arb = odds::find_arbitrage(books); });
  Json legs = Json::array();
  for (const odds::ArbitrageLeg& leg : arb.legs) {
    legs.push_back({{"outcome", leg.outcome},
                    {"book", leg.book},
                    {"odds", leg.decimal_odds},
                    {"stake", leg.stake}});
  }
  print(out, Json{{"arbitrage", arb.is_arbitrage},
                  {"return", arb.return_rate},
                  {"booksum", arb.booksum},
                  {"legs", legs}});
}

void run_ev(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline odds ev",
                   "Expected value per unit staked of each price given a fair probability: "
                   "p * odds - 1.");
  parser.option("odds", "O1[,O2,...]", "Prices offered (required).")
      .option("prob", "P1[,P2,...]", "Fair probabilities, same order (required).")
      .flag("american", "Prices are American odds.")
      .epilog("Example:\n  sharpline odds ev --odds 2.10 --prob 0.5");
  const ParsedArgs parsed = parser.parse(args);
  const PricedBeliefs beliefs = priced_beliefs(parser, parsed);
  Json ev = Json::array();
  Json fair = Json::array();
  with_domain_errors(parser, [&] {
    for (std::size_t i = 0; i < beliefs.prices.size(); ++i) {
      ev.push_back(odds::expected_value(beliefs.prices[i], beliefs.probabilities[i]));
      const double p = beliefs.probabilities[i];
      fair.push_back(finite_or_null(p > 0.0 ? 1.0 / p : std::numeric_limits<double>::infinity()));
    }
  });
  print(out, Json{{"ev", ev}, {"fair_odds", fair}});
}

void run_clv(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline odds clv",
                   "Closing-line value of a taken price: taken * closing fair probability - 1. "
                   "The closing market is de-vigged first, unless its fair probability is given.");
  parser.option("taken", "PRICE", "The price you took (required).")
      .option("closing", "C1,C2,...", "Closing prices of every outcome of the market.")
      .option("outcome", "I", "Which outcome of --closing you took, from 0 (default 0).")
      .option("method", "METHOD",
              "De-vig method for --closing (default multiplicative): " + method_choices() + ".")
      .option("closing-prob", "P", "The closing fair probability itself, instead of --closing.")
      .flag("american", "Prices are American odds.")
      .epilog(
          "Examples:\n  sharpline odds clv --taken 2.10 --closing 1.95,1.95\n"
          "  sharpline odds clv --american --taken +120 --closing -105,-115 --method shin");
  const ParsedArgs parsed = parser.parse(args);
  const PriceFormat format = price_format(parsed);
  const double taken = parse_price(parser, required(parser, parsed, "taken", "the price you took"),
                                   format, "--taken");
  const auto closing = parsed.get("closing");
  const auto closing_prob = parsed.get("closing-prob");
  if (closing.has_value() == closing_prob.has_value()) {
    parser.fail("give exactly one of --closing (the closing prices) or --closing-prob");
  }

  Json reply;
  if (closing_prob) {
    const double p = parse_probability(parser, *closing_prob, "--closing-prob");
    if (p == 0.0)
      parser.fail("invalid value '" + *closing_prob + "' for --closing-prob: must be > 0");
    reply = {{"clv", odds::closing_line_value(taken, p)},
             {"closing_fair_probability", p},
             {"closing_fair_odds", 1.0 / p},
             {"method", nullptr},
             {"valid", true}};
  } else {
    const std::vector<double> market = parse_price_list(parser, *closing, format, "--closing", 2);
    const odds::DevigMethod method =
        parse_method(parser, parsed.get_or("method", "multiplicative"));
    std::size_t outcome = 0;
    if (const auto index = parsed.get_int("outcome")) {
      if (*index < 0 || static_cast<std::size_t>(*index) >= market.size()) {
        parser.fail("invalid value '" + std::to_string(*index) + "' for --outcome: the closing " +
                    "market has outcomes 0 to " + std::to_string(market.size() - 1));
      }
      outcome = static_cast<std::size_t>(*index);
    }
    odds::ClosingLineValue clv;
    with_domain_errors(parser,
                       [&] { clv = odds::closing_line_value(taken, market, outcome, method); });
    reply = {{"clv", clv.clv},
             {"closing_fair_probability", clv.closing_fair_probability},
             {"closing_fair_odds", finite_or_null(clv.closing_fair_odds)},
             {"method", std::string(odds::method_name(method))},
             {"valid", clv.valid}};
    if (!clv.valid) reply["reason"] = clv.reason;
  }
  print(out, reply);
}

void run_middle(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline odds middle",
                   "A middle: two bets on opposite sides of a total or spread whose lines leave a "
                   "gap, so both win when the result lands inside it.");
  parser.option("over", "LINE@ODDS", "Total: the over bet, e.g. 45.5@1.91.")
      .option("under", "LINE@ODDS", "Total: the under bet, e.g. 48.5@1.91.")
      .option("team1", "LINE@ODDS", "Spread: the bet on team 1 with its handicap, e.g. 3.5@1.95.")
      .option("team2", "LINE@ODDS", "Spread: the bet on team 2 with its handicap, e.g. -2.5@1.90.")
      .flag("american", "Prices are American odds.")
      .epilog(
          "The window is open: (low, high) of the total, or of team 1's margin for a\n"
          "spread. Stakes split for an equal payout when one side wins; break-even is the\n"
          "chance of landing in the window that makes the pair worth taking.\n\nExamples:\n"
          "  sharpline odds middle --over 45.5@1.91 --under 48.5@1.91\n"
          "  sharpline odds middle --team1 3.5@1.95 --team2 -2.5@1.90");
  const ParsedArgs parsed = parser.parse(args);
  const PriceFormat format = price_format(parsed);
  const bool total = parsed.has("over") || parsed.has("under");
  const bool spread = parsed.has("team1") || parsed.has("team2");
  if (total == spread) {
    parser.fail("give either --over and --under (a total) or --team1 and --team2 (a spread)");
  }
  odds::Middle middle;
  if (total) {
    const auto over =
        middle_leg(parser, required(parser, parsed, "over", "LINE@ODDS"), format, "--over");
    const auto under =
        middle_leg(parser, required(parser, parsed, "under", "LINE@ODDS"), format, "--under");
    with_domain_errors(parser, [&] { middle = odds::total_middle(over, under); });
  } else {
    const auto team1 =
        middle_leg(parser, required(parser, parsed, "team1", "LINE@ODDS"), format, "--team1");
    const auto team2 =
        middle_leg(parser, required(parser, parsed, "team2", "LINE@ODDS"), format, "--team2");
    with_domain_errors(parser, [&] { middle = odds::spread_middle(team1, team2); });
  }
  print(out, Json{{"type", total ? "total" : "spread"},
                  {"middle", middle.is_middle},
                  {"width", middle.width},
                  {"window", {middle.low, middle.high}},
                  {"integer_outcomes", middle.integer_outcomes},
                  {"stakes", {middle.stake1, middle.stake2}},
                  {"profit_one_side", middle.profit_one_side},
                  {"profit_both", middle.profit_both},
                  {"breakeven_probability", middle.breakeven_probability}});
}

}  // namespace sharpline::cli::odds_cli
