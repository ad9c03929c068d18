// Chart sections of the HTML backtest report: bankroll and drawdown curves, the reliability
// diagram and the CLV histogram, drawn with svg_chart.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "backtest/downsample.hpp"
#include "backtest/html_report.hpp"
#include "backtest/html_sections.hpp"
#include "backtest/html_text.hpp"
#include "backtest/svg_chart.hpp"

namespace sharpline::backtest::html {
namespace {

constexpr const char* kBlue = "#1f6feb";
constexpr const char* kRed = "#cf222e";
constexpr const char* kGreen = "#1a7f37";
constexpr const char* kGrey = "#8c959f";

std::string note(const std::string& text) {
  return "<p class=\"note\">" + text + "</p>";
}

// Percent tick labels with as many decimals as the step needs (0.05 -> "5%", 0.025 -> "2.5%").
std::string percent_tick(double value, double step) {
  return percent(value, std::max(0, digits_for_step(step * 100)));
}

struct CurvePoint {
  double x = 0;  // index of the bet in the full curve, so downsampling keeps positions
  double y = 0;
  std::string date;
};

// The curve's points with a numeric `field`, downsampled to kMaxCurvePoints.
std::vector<CurvePoint> curve_points(const nlohmann::json& curve, const char* field, double sign) {
  std::vector<CurvePoint> all;
  for (std::size_t i = 0; i < curve.size(); ++i) {
    const auto value = number_at(curve[i], field);
    if (!value) continue;
    all.push_back({static_cast<double>(i), sign * *value, text_at(curve[i], "date").value_or("")});
  }
  std::vector<double> values;
  values.reserve(all.size());
  for (const auto& p : all) values.push_back(p.y);
  std::vector<CurvePoint> kept;
  for (const std::size_t i : downsample_min_max(values, kMaxCurvePoints)) kept.push_back(all[i]);
  return kept;
}

// X ticks name the bet's date when the curve has dates, else its number (1-based).
ChartAxis bet_axis(const nlohmann::json& curve) {
  bool dated = !curve.empty();
  for (const auto& point : curve) dated = dated && text_at(point, "date").has_value();
  ChartAxis axis;
  axis.title = dated ? "Settlement date (one step per bet)" : "Bet number";
  axis.tick_label = [&curve, dated](double value, double) -> std::string {
    const auto index = static_cast<long long>(std::llround(value));
    if (index < 0 || static_cast<std::size_t>(index) >= curve.size()) return "";
    if (dated) return text_at(curve[static_cast<std::size_t>(index)], "date").value_or("");
    return std::to_string(index + 1);
  };
  return axis;
}

std::vector<ChartPoint> chart_points(const std::vector<CurvePoint>& points) {
  std::vector<ChartPoint> out;
  out.reserve(points.size());
  for (const auto& p : points) out.push_back({p.x, p.y, 0, ""});
  return out;
}

}  // namespace

std::string bankroll_section(const nlohmann::json& report) {
  const auto& curve = array_at(report, "bankroll_curve");
  const auto bankroll = curve_points(curve, "bankroll", 1.0);
  std::string out = "<section id=\"bankroll\"><h2>Bankroll</h2>";
  if (bankroll.empty()) {
    out += note("No bets were settled, so there is no bankroll curve to draw.");
    out += "</section><section id=\"drawdown\"><h2>Drawdown</h2>";
    out += note("No bets were settled, so there is no drawdown.");
    return out + "</section>";
  }
  if (curve.size() > kMaxCurvePoints) {
    out += "<p class=\"caption\">" + count_or_dash(static_cast<double>(curve.size())) +
           " points, drawn as " + count_or_dash(static_cast<double>(bankroll.size())) +
           " (the minimum and maximum of each stretch are kept).</p>";
  }
  ChartFrame frame;
  frame.id = "chart-bankroll";
  frame.title = "Bankroll after each settled bet";
  frame.x = bet_axis(curve);
  frame.y.title = "Bankroll (units)";
  std::vector<ChartSeries> series;
  ChartSeries line{"Bankroll", kBlue, chart_points(bankroll)};
  series.push_back(line);
  if (const auto start = number_at(report, "starting_bankroll")) {
    ChartSeries reference{
        "Starting bankroll",
        kGrey,
        {{bankroll.front().x, *start, 0, ""}, {bankroll.back().x, *start, 0, ""}}};
    reference.dashed = true;
    series.push_back(reference);
  }
  out += "<div class=\"chart-box\">" + line_chart(frame, series) + "</div></section>";

  out += "<section id=\"drawdown\"><h2>Drawdown</h2>";
  const auto drawdown = curve_points(curve, "drawdown", -1.0);
  if (drawdown.empty()) return out + note("The curve has no drawdown values.") + "</section>";
  ChartFrame dd_frame;
  dd_frame.id = "chart-drawdown";
  dd_frame.title = "Drawdown from the running bankroll peak";
  dd_frame.height = 240;
  dd_frame.x = bet_axis(curve);
  dd_frame.y.title = "Below peak";
  dd_frame.y.include_zero = true;
  dd_frame.y.max = 0.0;
  dd_frame.y.tick_label = percent_tick;
  ChartSeries dd{"Drawdown", kRed, chart_points(drawdown)};
  dd.area = true;
  out += "<div class=\"chart-box\">" + line_chart(dd_frame, {dd}) + "</div></section>";
  return out;
}

std::string calibration_chart(const nlohmann::json& report) {
  const auto& calibration = object_at(report, "calibration");
  const auto& bins = array_at(calibration, "bins");
  double max_count = 0;
  for (const auto& bin : bins) max_count = std::max(max_count, number_at(bin, "count").value_or(0));
  std::vector<ChartPoint> points;
  for (const auto& bin : bins) {
    const auto predicted = number_at(bin, "predicted");
    const auto observed = number_at(bin, "observed");
    if (!predicted || !observed) continue;
    const double count = number_at(bin, "count").value_or(0);
    // Area, not radius, proportional to the count: the eye reads area.
    const double radius = 3 + (max_count > 0 ? 9 * std::sqrt(count / max_count) : 0);
    points.push_back({*predicted, *observed, radius,
                      fixed_or_dash(number_at(bin, "low"), 2) + "\xE2\x80\x93" +
                          fixed_or_dash(number_at(bin, "high"), 2) + ": predicted " +
                          percent(*predicted, 1) + ", observed " + percent(*observed, 1) +
                          ", n = " + count_or_dash(count)});
  }
  if (points.empty()) return note("No calibration bins in this report.");
  ChartFrame frame;
  frame.id = "chart-calibration";
  frame.title = "Reliability diagram: predicted probability against observed frequency";
  frame.width = 540;
  frame.height = 440;
  frame.x = {"Predicted probability", 0.0, 1.0, false, percent_tick};
  frame.y = {"Observed frequency", 0.0, 1.0, false, percent_tick};
  ChartSeries diagonal{"Perfectly calibrated", kGrey, {{0, 0, 0, ""}, {1, 1, 0, ""}}};
  diagonal.dashed = true;
  const std::string source = text_at(calibration, "source").value_or("");
  ChartSeries observed{source.empty() ? "Observed" : "Observed (" + source + ")", kBlue, points};
  observed.markers = true;
  return line_chart(frame, {diagonal, observed});
}

std::string clv_chart(const nlohmann::json& report) {
  const auto& histogram = object_at(report, "clv_histogram");
  const auto& edges = array_at(histogram, "edges");
  const auto& counts = array_at(histogram, "counts");
  std::vector<ChartBar> bars;
  for (std::size_t i = 0; i < counts.size() && i + 1 < edges.size(); ++i) {
    if (!edges[i].is_number() || !edges[i + 1].is_number() || !counts[i].is_number()) continue;
    const double low = edges[i].get<double>();
    const double high = edges[i + 1].get<double>();
    const double count = counts[i].get<double>();
    if (!std::isfinite(low) || !std::isfinite(high) || !std::isfinite(count)) continue;
    bars.push_back({low, high, count, high <= 0 ? kRed : kGreen,
                    percent(low, 1, true) + " to " + percent(high, 1, true) + ": " +
                        count_or_dash(count) + " bets"});
  }
  if (bars.empty()) return note("No CLV histogram in this report.");
  ChartFrame frame;
  frame.id = "chart-clv";
  frame.title = "Distribution of closing-line value per bet";
  frame.width = 540;
  frame.height = 440;
  frame.x.title = "Closing-line value";
  frame.x.tick_label = percent_tick;
  frame.y.title = "Bets";
  return bar_chart(frame, bars);
}

}  // namespace sharpline::backtest::html
