#include "backtest/html_report.hpp"

#include <optional>
#include <string>

#include "backtest/html_sections.hpp"
#include "backtest/html_text.hpp"

namespace sharpline::backtest {

using namespace html;  // the page's building blocks

namespace {

// Inline so the page needs nothing but itself; system font stacks instead of web fonts.
constexpr const char* kStyle = R"css(
:root { --fg: #24292f; --muted: #57606a; --line: #d0d7de; --bg: #f6f8fa; --card: #ffffff;
  --pos: #1a7f37; --neg: #cf222e; --accent: #1f6feb; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 28px 32px 48px; }
header.page { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 20px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 10px; }
.subtitle { color: var(--muted); margin: 0; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: 18px 20px; margin-bottom: 18px; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin-bottom: 18px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; margin-top: 2px; }
.card .detail { color: var(--muted); font-size: 12px; margin-top: 2px; }
dl.strategy { display: grid; grid-template-columns: repeat(4, auto 1fr); gap: 6px 14px; margin: 0; }
dl.strategy dt { color: var(--muted); }
dl.strategy dd { margin: 0; font-weight: 600; }
.pos { color: var(--pos); }
.neg { color: var(--neg); }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
.two > section { margin-bottom: 0; }
.row { margin-bottom: 18px; }
.chart-box svg, section > svg { display: block; width: 100%; height: auto; }
.caption, .note { color: var(--muted); margin: 0 0 8px; }
.note { padding: 24px; text-align: center; background: var(--bg); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; }
th { background: var(--bg); font-weight: 600; color: var(--muted); font-size: 12px; }
.num { text-align: right; }
td.empty { color: var(--muted); text-align: center; }
tbody tr:nth-child(even) { background: #fbfcfd; }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 24px; }
)css";

std::string card(const std::string& label, const std::string& value, const std::string& detail,
                 std::optional<double> sign = std::nullopt) {
  std::string cls = "value";
  if (sign && *sign > 0) cls += " pos";
  if (sign && *sign < 0) cls += " neg";
  return R"(<div class="card"><div class="label">)" + label + "</div><div class=\"" + cls + "\">" +
         value + "</div><div class=\"detail\">" + (detail.empty() ? "&nbsp;" : detail) +
         "</div></div>";
}

std::string header(const nlohmann::json& report) {
  const auto& dataset = object_at(report, "dataset");
  const std::string name = text_or_dash(text_at(dataset, "name"));
  std::string seasons = text_or_dash(text_at(dataset, "first_season"));
  const auto last = text_at(dataset, "last_season");
  if (last && last != text_at(dataset, "first_season"))
    seasons += "\xE2\x80\x93" + html_escape(*last);
  return "<header class=\"page\"><h1>Backtest report: " + name +
         "</h1><p class=\"subtitle\">Leagues " + list_or_dash(dataset, "leagues") +
         " \xC2\xB7 seasons " + seasons + " \xC2\xB7 " +
         count_or_dash(number_at(dataset, "events")) + " events \xC2\xB7 " +
         count_or_dash(number_at(dataset, "quotes")) + " quotes \xC2\xB7 " +
         count_or_dash(number_at(dataset, "results")) + " results</p></header>";
}

std::string headline(const nlohmann::json& r) {
  const auto& ci = object_at(r, "roi_ci");
  std::string roi_detail;
  if (number_at(ci, "low") || number_at(ci, "high")) {
    const auto level = number_at(ci, "level");
    roi_detail = (level ? percent(*level, 0) + " CI " : std::string("CI ")) +
                 percent_or_dash(number_at(ci, "low"), 2, true) + " to " +
                 percent_or_dash(number_at(ci, "high"), 2, true);
    if (const auto resamples = number_at(ci, "resamples")) {
      roi_detail += " (" + count_or_dash(resamples) + " bootstrap resamples)";
    }
  }
  const auto profit = number_at(r, "profit");
  const auto roi = number_at(r, "roi");
  const auto clv = number_at(r, "clv_mean");
  const auto dd_amount = number_at(r, "max_drawdown_amount");
  const auto start = number_at(r, "starting_bankroll");
  std::string out = "<div class=\"cards\">";
  out += card("Bets", count_or_dash(number_at(r, "bets")), "");
  out += card("Staked", fixed_or_dash(number_at(r, "staked"), 2), "units");
  out += card("Profit", fixed_or_dash(profit, 2, true), "units", profit);
  out += card("ROI", percent_or_dash(roi, 2, true), roi_detail, roi);
  out += card("CLV mean", percent_or_dash(clv, 2, true), "closing-line value per bet", clv);
  out += card("CLV &gt; 0", percent_or_dash(number_at(r, "clv_positive_share"), 1),
              "share of bets that beat the close");
  out += card("Max drawdown", percent_or_dash(number_at(r, "max_drawdown"), 1),
              dd_amount ? fixed(*dd_amount, 2) + " units below the peak" : "");
  out += card("Final bankroll", fixed_or_dash(number_at(r, "final_bankroll"), 2),
              start ? "from " + fixed(*start, 2) : "");
  return out + "</div>";
}

std::string strategy(const nlohmann::json& report) {
  const auto& s = object_at(report, "strategy");
  const auto item = [](const std::string& term, const std::string& value) {
    return "<dt>" + term + "</dt><dd>" + value + "</dd>";
  };
  std::string kelly = fixed_or_dash(number_at(s, "kelly_multiplier"), 2) + "\xC3\x97";
  if (const auto cap = number_at(s, "kelly_cap")) kelly += ", cap " + percent(*cap, 1);
  return R"(<section id="strategy"><h2>Strategy</h2><dl class="strategy">)" +
         item("Kinds", list_or_dash(s, "kinds")) +
         item("Timing", text_or_dash(text_at(s, "timing"))) +
         item("Minimum EV", percent_or_dash(number_at(s, "min_ev"), 1)) + item("Kelly", kelly) +
         item("Bankroll", fixed_or_dash(number_at(s, "bankroll"), 2)) +
         item("Books", list_or_dash(s, "books")) +
         item("Probabilities", text_or_dash(text_at(s, "probability_source"))) +
         item("Report version", text_or_dash(text_at(report, "version"))) + "</dl></section>";
}

std::string titled(const std::string& id, const std::string& title, const std::string& caption,
                   const std::string& body) {
  return "<section id=\"" + id + "\"><h2>" + title + "</h2>" +
         (caption.empty() ? "" : "<p class=\"caption\">" + caption + "</p>") + body + "</section>";
}

}  // namespace

std::string render_html_report(const nlohmann::json& report) {
  const std::string name = text_or_dash(text_at(object_at(report, "dataset"), "name"));
  const auto& calibration = object_at(report, "calibration");
  std::string calibration_caption =
      "Per-bin mean predicted probability against the observed "
      "frequency; marker area grows with the bin's count.";
  if (const auto ece = number_at(calibration, "ece")) {
    calibration_caption += " Expected calibration error " + percent(*ece, 2) + ".";
  }

  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>sharpline backtest: " +
      name + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n";
  page += header(report) + "\n";
  page += headline(report) + "\n";
  page += strategy(report) + "\n";
  page += bankroll_section(report) + "\n";
  page += "<div class=\"two row\">" +
          titled("calibration", "Calibration", calibration_caption, calibration_chart(report)) +
          titled("clv", "Closing-line value",
                 "Bets by CLV bucket; red buckets lost value against the closing line.",
                 clv_chart(report)) +
          "</div>\n";
  page += titled("scores", "Forecast scores",
                 "Lower is better; the best of the three is in bold. A dash means the source was "
                 "not used.",
                 scores_table(report)) +
          "\n";
  page += titled("seasons", "By season", "", seasons_table(report)) + "\n";
  page += titled("kinds", "By kind", "", kinds_table(report)) + "\n";
  page += titled("calibration-bins", "Calibration bins", "", calibration_table(report)) + "\n";
  page += "<footer>Generated by sharpline from a " + text_or_dash(text_at(report, "report")) +
          " report.</footer>\n</main>\n</body>\n</html>\n";
  return page;
}

}  // namespace sharpline::backtest
