#include "cli/args.hpp"

#include <gtest/gtest.h>

namespace sharpline::cli {
namespace {

ArgParser make_parser() {
  ArgParser parser("sharpline test", "A test command.");
  parser.flag("american", "Odds are American.")
      .option("method", "NAME", "Method.")
      .option("book", "ODDS", "One book.", true)
      .positionals("ODDS", "Prices.", 0, -1);
  return parser;
}

TEST(ArgParser, ParsesOptionsFlagsAndNegativeNumbersAsPositionals) {
  const std::vector<std::string> args = {"--method",       "shin",   "--american", "-110", "+120",
                                         "--book=1.9,2.0", "--book", "2.1,1.8",    "-0.5"};
  const ParsedArgs parsed = make_parser().parse(args);
  EXPECT_EQ(parsed.get("method"), "shin");
  EXPECT_TRUE(parsed.has("american"));
  EXPECT_EQ(parsed.positionals(), (std::vector<std::string>{"-110", "+120", "-0.5"}));
  EXPECT_EQ(parsed.all("book"), (std::vector<std::string>{"1.9,2.0", "2.1,1.8"}));
}

TEST(ArgParser, UnknownOptionIsAUsageErrorNamingIt) {
  const std::vector<std::string> args = {"--methd", "shin"};
  try {
    (void)make_parser().parse(args);
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "sharpline test: unknown option '--methd' (see --help)");
  }
}

TEST(ArgParser, MissingValueAndRepeatedSingleOptionAreUsageErrors) {
  EXPECT_THROW((void)make_parser().parse(std::vector<std::string>{"--method"}), UsageError);
  // A forgotten value is not silently replaced by the next option.
  EXPECT_THROW((void)make_parser().parse(std::vector<std::string>{"--method", "--american"}),
               UsageError);
  EXPECT_THROW((void)make_parser().parse(std::vector<std::string>{"--method", "a", "--method=b"}),
               UsageError);
  EXPECT_THROW((void)make_parser().parse(std::vector<std::string>{"--american=yes"}), UsageError);
  EXPECT_THROW((void)make_parser().parse(std::vector<std::string>{"-x"}), UsageError);
}

TEST(ArgParser, HelpCarriesUsage) {
  try {
    (void)make_parser().parse(std::vector<std::string>{"--help"});
    FAIL();
  } catch (const HelpRequested& help) {
    EXPECT_NE(help.text().find("Usage: sharpline test"), std::string::npos);
    EXPECT_NE(help.text().find("--method NAME"), std::string::npos);
  }
}

TEST(ArgParser, PositionalCountBounds) {
  ArgParser parser("sharpline one", "One argument.");
  parser.positionals("FILE", "A file.", 1, 1);
  EXPECT_THROW((void)parser.parse(std::vector<std::string>{}), UsageError);
  EXPECT_THROW((void)parser.parse(std::vector<std::string>{"a", "b"}), UsageError);
  EXPECT_EQ(parser.parse(std::vector<std::string>{"a"}).positionals().size(), 1U);
}

TEST(ArgParser, TypedAccessorsRejectGarbage) {
  const ParsedArgs parsed = make_parser().parse(std::vector<std::string>{"--method", "1.5x"});
  EXPECT_THROW((void)parsed.get_double("method"), UsageError);
  EXPECT_THROW((void)parse_double("nan", "x"), UsageError);
  EXPECT_THROW((void)parse_int("12.5", "x"), UsageError);
  EXPECT_DOUBLE_EQ(parse_double("-0.25", "x"), -0.25);
  EXPECT_EQ(split_list("1,,2"), (std::vector<std::string>{"1", "", "2"}));
}

}  // namespace
}  // namespace sharpline::cli
