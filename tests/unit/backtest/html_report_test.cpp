// The HTML backtest report: deterministic, escaped, offline, and tolerant of missing data.
#include "backtest/html_report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "backtest/downsample.hpp"
#include "backtest/svg_chart.hpp"

namespace sharpline::backtest {
namespace {

nlohmann::json sample() {
  std::ifstream in(std::string(SHARPLINE_TEST_DATA_DIR) + "/backtest/report_sample.json");
  EXPECT_TRUE(in.good());
  return nlohmann::json::parse(in);
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

// The <svg> element with the given id prefix (its <title id="ID-title">), or "".
std::string svg_with_id(const std::string& page, const std::string& id) {
  const auto title = page.find("aria-labelledby=\"" + id + "-title\"");
  if (title == std::string::npos) return "";
  const auto open = page.rfind("<svg", title);
  const auto close = page.find("</svg>", title);
  return page.substr(open, close - open);
}

TEST(HtmlReport, SameJsonGivesSameBytes) {
  const auto report = sample();
  const std::string first = render_html_report(report);
  EXPECT_EQ(first, render_html_report(report));
  EXPECT_EQ(first, render_html_report(nlohmann::json::parse(report.dump())));
  EXPECT_TRUE(first.starts_with("<!DOCTYPE html>"));
  EXPECT_TRUE(first.ends_with("</html>\n"));
}

TEST(HtmlReport, EveryChartIsAnInlineSvg) {
  const std::string page = render_html_report(sample());
  for (const char* id : {"chart-bankroll", "chart-drawdown", "chart-calibration", "chart-clv"}) {
    const std::string svg = svg_with_id(page, id);
    ASSERT_FALSE(svg.empty()) << id;
    EXPECT_NE(svg.find("<text"), std::string::npos) << id << " has no axis labels";
  }
  EXPECT_NE(svg_with_id(page, "chart-bankroll").find("<polyline"), std::string::npos);
  EXPECT_NE(svg_with_id(page, "chart-drawdown").find("<path"), std::string::npos);
  EXPECT_EQ(count(svg_with_id(page, "chart-calibration"), "<circle"), 10u) << "one per bin";
  EXPECT_EQ(count(svg_with_id(page, "chart-clv"), "<rect"), 1u + 10u) << "background + bars";
  for (const char* table : {"table-scores", "table-seasons", "table-kinds", "table-calibration"}) {
    EXPECT_NE(page.find(std::string("<table id=\"") + table + "\""), std::string::npos) << table;
  }
}

TEST(HtmlReport, HeadlineNumbersAreFormattedWithFixedPrecision) {
  auto report = sample();
  report["roi"] = 0.023;
  report["roi_ci"] = {{"level", 0.95}, {"low", -0.01}, {"high", 0.05}, {"resamples", 2000}};
  report["profit"] = -12.345;
  const std::string page = render_html_report(report);
  EXPECT_NE(page.find("+2.30%"), std::string::npos);
  EXPECT_NE(page.find("95% CI \xE2\x88\x92"
                      "1.00% to +5.00%"),
            std::string::npos);
  EXPECT_NE(page.find("\xE2\x88\x92"
                      "12.35"),
            std::string::npos);
}

TEST(HtmlReport, StringsFromTheJsonAreEscaped) {
  auto report = sample();
  report["dataset"]["name"] = "<script>alert('x')</script>";
  report["strategy"]["books"] = {"a&b", "\"quoted\""};
  report["by_kind"][0]["kind"] = "<img src=x onerror=alert(1)>";
  const std::string page = render_html_report(report);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page.find("a&amp;b, &quot;quoted&quot;"), std::string::npos);
}

TEST(HtmlReport, NoExternalReferences) {
  const std::string page = render_html_report(sample());
  EXPECT_EQ(page.find("http://"), std::string::npos);
  EXPECT_EQ(page.find("https://"), std::string::npos);
  EXPECT_EQ(page.find("src="), std::string::npos);
  EXPECT_EQ(page.find("href="), std::string::npos);
  EXPECT_EQ(page.find("@import"), std::string::npos);
  EXPECT_EQ(page.find("url("), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
}

TEST(HtmlReport, NullAndMissingFieldsRenderAsDashes) {
  auto report = sample();
  report["roi"] = nullptr;
  report["roi_ci"] = nullptr;
  report["log_loss"]["model"] = nullptr;
  report["final_bankroll"] = nullptr;
  report.erase("clv_histogram");
  report["seasons"][0]["profit"] = nullptr;
  report["calibration"]["bins"][0]["count"] = nullptr;
  const std::string page = render_html_report(report);
  EXPECT_GT(count(page, "\xE2\x80\x93"), 4u);
  EXPECT_NE(page.find("No CLV histogram in this report."), std::string::npos);
  EXPECT_NE(page.find("chart-calibration"), std::string::npos);
}

TEST(HtmlReport, AnyJsonShapeRendersWithoutThrowing) {
  for (const auto& json :
       {nlohmann::json(), nlohmann::json::object(), nlohmann::json::array(), nlohmann::json(42),
        nlohmann::json("text"), nlohmann::json::parse(R"({"dataset": 3, "bankroll_curve": {"x": 1},
                               "calibration": {"bins": [null, 1, {"predicted": "a"}]},
                               "clv_histogram": {"edges": [0, 1], "counts": [1, 2, 3]},
                               "seasons": [null, {"season": null}], "roi_ci": [1]})")}) {
    std::string page;
    EXPECT_NO_THROW(page = render_html_report(json)) << json.dump();
    EXPECT_NE(page.find("</html>"), std::string::npos);
  }
}

TEST(HtmlReport, EmptyCurveShowsANoteInsteadOfACurve) {
  auto report = sample();
  report["bankroll_curve"] = nlohmann::json::array();
  const std::string page = render_html_report(report);
  EXPECT_NE(page.find("No bets were settled"), std::string::npos);
  EXPECT_TRUE(svg_with_id(page, "chart-bankroll").empty());
  EXPECT_TRUE(svg_with_id(page, "chart-drawdown").empty());
}

TEST(HtmlReport, LongCurvesAreDownsampledToTheBound) {
  auto report = sample();
  nlohmann::json curve = nlohmann::json::array();
  for (int i = 0; i < 20000; ++i) {
    const double bankroll = 1000 + 100 * std::sin(i / 300.0) + (i == 12345 ? -400 : 0);
    curve.push_back({{"date", "2020-01-01"}, {"bankroll", bankroll}, {"drawdown", 0.01}});
  }
  report["bankroll_curve"] = curve;
  const std::string svg = svg_with_id(render_html_report(report), "chart-bankroll");
  const auto start = svg.find("<polyline points=\"");
  ASSERT_NE(start, std::string::npos);
  const auto end = svg.find('"', start + 18);
  const std::size_t points = count(svg.substr(start, end - start), ",");
  EXPECT_LE(points, kMaxCurvePoints);
  EXPECT_GT(points, kMaxCurvePoints / 2);
}

TEST(Downsample, KeepsEndsAndExtremesWithinTheBound) {
  std::vector<double> values(10000, 1.0);
  values[4321] = -5;  // a single deep trough must survive
  values[777] = 9;
  const auto kept = downsample_min_max(values, 100);
  EXPECT_LE(kept.size(), 100u);
  EXPECT_EQ(kept.front(), 0u);
  EXPECT_EQ(kept.back(), values.size() - 1);
  EXPECT_TRUE(std::is_sorted(kept.begin(), kept.end()));
  EXPECT_NE(std::find(kept.begin(), kept.end(), 4321u), kept.end());
  EXPECT_NE(std::find(kept.begin(), kept.end(), 777u), kept.end());
  EXPECT_EQ(downsample_min_max({1, 2, 3}, 100).size(), 3u);
  EXPECT_EQ(downsample_min_max(values, 2).size(), 2u);
}

TEST(SvgChart, NiceTicksAreRoundAndCoverTheRange) {
  const auto ticks = html::nice_ticks(0.013, 0.987);
  EXPECT_DOUBLE_EQ(ticks.step, 0.2);
  EXPECT_DOUBLE_EQ(ticks.values.front(), 0.0);
  EXPECT_DOUBLE_EQ(ticks.values.back(), 1.0);
  const auto flat = html::nice_ticks(5, 5);  // a constant series still gets a visible range
  EXPECT_LT(flat.values.front(), 5.0);
  EXPECT_GT(flat.values.back(), 5.0);
  EXPECT_EQ(html::digits_for_step(0.05), 2);
  EXPECT_EQ(html::digits_for_step(250), 0);
}

}  // namespace
}  // namespace sharpline::backtest
