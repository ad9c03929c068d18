// Table sections of the HTML backtest report: forecast scores, per-season and per-kind results,
// and the calibration bins.
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "backtest/html_sections.hpp"
#include "backtest/html_text.hpp"

namespace sharpline::backtest::html {
namespace {

struct Column {
  std::string heading;
  bool numeric = true;
};

std::string table(const std::string& id, const std::vector<Column>& columns,
                  const std::vector<std::vector<std::string>>& rows, const std::string& empty) {
  std::string out = "<table id=\"" + id + "\"><thead><tr>";
  for (const auto& c : columns) {
    out += std::string(c.numeric ? "<th class=\"num\">" : "<th>") + c.heading + "</th>";
  }
  out += "</tr></thead><tbody>";
  if (rows.empty()) {
    out += R"(<tr><td class="empty" colspan=")" + std::to_string(columns.size()) + "\">" + empty +
           "</td></tr>";
  }
  for (const auto& row : rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size() && i < columns.size(); ++i) {
      out += std::string(columns[i].numeric ? "<td class=\"num\">" : "<td>") + row[i] + "</td>";
    }
    out += "</tr>";
  }
  return out + "</tbody></table>";
}

// Signed money/ROI cells are coloured so losses stand out in long tables.
std::string signed_cell(std::optional<double> value, const std::string& text) {
  if (!value || *value == 0) return text;
  return std::string("<span class=\"") + (*value > 0 ? "pos" : "neg") + "\">" + text + "</span>";
}

std::string profit_cell(const nlohmann::json& row) {
  const auto v = number_at(row, "profit");
  return signed_cell(v, fixed_or_dash(v, 2, true));
}

std::string roi_cell(const nlohmann::json& row, const char* key = "roi") {
  const auto v = number_at(row, key);
  return signed_cell(v, percent_or_dash(v, 2, true));
}

// One score row; the lowest (best) of model/open/close is bold.
std::vector<std::string> score_row(const std::string& name, const nlohmann::json& scores) {
  const std::optional<double> values[] = {number_at(scores, "model"),
                                          number_at(scores, "market_open"),
                                          number_at(scores, "market_close")};
  std::optional<double> best;
  for (const auto& v : values) {
    if (v && (!best || *v < *best)) best = v;
  }
  std::vector<std::string> row = {name};
  for (const auto& v : values) {
    const std::string text = fixed_or_dash(v, 4);
    row.push_back(v && best && *v == *best ? "<strong>" + text + "</strong>" : text);
  }
  row.push_back(count_or_dash(number_at(scores, "games")));
  return row;
}

}  // namespace

std::string scores_table(const nlohmann::json& report) {
  std::vector<std::vector<std::string>> rows = {
      score_row("Log loss", object_at(report, "log_loss")),
      score_row("Brier score", object_at(report, "brier"))};
  return table("table-scores",
               {{"Score", false}, {"Model"}, {"Market (open)"}, {"Market (close)"}, {"Games"}},
               rows, "");
}

std::string seasons_table(const nlohmann::json& report) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : array_at(report, "seasons")) {
    rows.push_back({text_or_dash(text_at(s, "season")), count_or_dash(number_at(s, "bets")),
                    fixed_or_dash(number_at(s, "staked"), 2), profit_cell(s), roi_cell(s),
                    percent_or_dash(number_at(s, "clv_mean"), 2, true),
                    fixed_or_dash(number_at(s, "log_loss_model"), 4),
                    fixed_or_dash(number_at(s, "log_loss_market_close"), 4)});
  }
  return table("table-seasons",
               {{"Season", false},
                {"Bets"},
                {"Staked"},
                {"Profit"},
                {"ROI"},
                {"CLV mean"},
                {"Log loss (model)"},
                {"Log loss (close)"}},
               rows, "No per-season rows in this report.");
}

std::string kinds_table(const nlohmann::json& report) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& k : array_at(report, "by_kind")) {
    rows.push_back({text_or_dash(text_at(k, "kind")), count_or_dash(number_at(k, "bets")),
                    fixed_or_dash(number_at(k, "staked"), 2), profit_cell(k), roi_cell(k),
                    percent_or_dash(number_at(k, "clv_mean"), 2, true)});
  }
  return table("table-kinds",
               {{"Kind", false}, {"Bets"}, {"Staked"}, {"Profit"}, {"ROI"}, {"CLV mean"}}, rows,
               "No per-kind rows in this report.");
}

std::string calibration_table(const nlohmann::json& report) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& b : array_at(object_at(report, "calibration"), "bins")) {
    const auto predicted = number_at(b, "predicted");
    const auto observed = number_at(b, "observed");
    std::optional<double> gap;
    if (predicted && observed) gap = *observed - *predicted;
    rows.push_back({fixed_or_dash(number_at(b, "low"), 2) + " \xE2\x80\x93 " +
                        fixed_or_dash(number_at(b, "high"), 2),
                    percent_or_dash(predicted, 1), percent_or_dash(observed, 1),
                    percent_or_dash(gap, 1, true), count_or_dash(number_at(b, "count"))});
  }
  return table(
      "table-calibration",
      {{"Bin", false}, {"Predicted"}, {"Observed"}, {"Observed \xE2\x88\x92 predicted"}, {"Count"}},
      rows, "No calibration bins in this report.");
}

}  // namespace sharpline::backtest::html
