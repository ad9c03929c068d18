#include "adapters/history/table.hpp"

#include <gtest/gtest.h>

#include "adapters/history/text_lines.hpp"

namespace sharpline::adapters::history {
namespace {

TEST(HistoryTextLines, AcceptsBomAndEveryLineEnd) {
  const auto lines = split_lines(
      "\xEF\xBB\xBF"
      "a,b\r\n1,2\r3,4\n5,6");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "a,b");
  EXPECT_EQ(lines[1], "1,2");
  EXPECT_EQ(lines[2], "3,4");
  EXPECT_EQ(lines[3], "5,6");
  EXPECT_EQ(split_lines("x\n").size(), 1u);
  EXPECT_EQ(split_lines("x\n\ny").size(), 3u);
}

TEST(HistoryTable, ReadsCellsByNameWithLineNumbers) {
  const Table t = Table::parse("Name,\"Odds, dec\",X\r\n Ann ,2.5\r,,\r\"bad,1\r", "t.csv");
  ASSERT_EQ(t.rows().size(), 3u);
  EXPECT_EQ(t.cell(t.rows()[0], "Name"), "Ann");
  EXPECT_EQ(t.cell(t.rows()[0], "Odds, dec"), "2.5");
  EXPECT_EQ(t.cell(t.rows()[0], "X"), "");        // short row
  EXPECT_EQ(t.cell(t.rows()[0], "Missing"), "");  // absent column
  EXPECT_EQ(t.rows()[0].line, 2u);
  EXPECT_TRUE(t.rows()[1].blank());
  EXPECT_TRUE(t.rows()[2].malformed);
  EXPECT_FALSE(t.rows()[2].blank());
}

TEST(HistoryTable, RenamesColumns) {
  Table t = Table::parse("A_2_5,B\n1.9,2\n", "t.csv");
  t.rename_columns({{"A_2_5", "A>2.5"}});
  EXPECT_EQ(t.cell(t.rows()[0], "A>2.5"), "1.9");
  EXPECT_FALSE(t.column("A_2_5"));
}

TEST(HistoryNumbers, ParsesOnlyWholeNumericCells) {
  EXPECT_EQ(parse_number("3.0"), 3.0);
  EXPECT_EQ(parse_number("+110"), 110.0);
  EXPECT_EQ(parse_number(" -1.5 "), -1.5);
  EXPECT_FALSE(parse_number(""));
  EXPECT_FALSE(parse_number("pk"));
  EXPECT_FALSE(parse_number("1.5x"));
  EXPECT_EQ(parse_int("3.0"), 3);
  EXPECT_FALSE(parse_int("3.5"));
}

TEST(HistoryTable, MissingFileThrows) {
  EXPECT_THROW(Table::read("/nonexistent/file.csv.gz"), std::runtime_error);
}

}  // namespace
}  // namespace sharpline::adapters::history
