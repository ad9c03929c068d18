// Inline SVG chart primitives for the HTML backtest report: a line/area/scatter chart and a bar
// chart (histogram), each with axes, "nice" ticks, grid lines, axis titles and a legend. Plain
// SVG and no script, so the page renders offline and identically everywhere; coordinates are
// written with fixed precision so the same input gives the same bytes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sharpline::backtest::html {

struct ChartPoint {
  double x = 0;
  double y = 0;
  double radius = 0;    // marker radius in px when the series draws markers (0: default)
  std::string tooltip;  // plain text shown on hover (escaped by the chart)
};

struct ChartSeries {
  std::string label;  // legend entry; empty keeps the series out of the legend
  std::string color;  // a CSS colour literal, e.g. "#1f6feb"
  std::vector<ChartPoint> points;
  bool line = true;
  bool dashed = false;
  bool area = false;  // fill between the line and y = 0 (clamped to the axis range)
  bool markers = false;
};

struct ChartAxis {
  std::string title;
  std::optional<double> min;  // fixed range ends; otherwise taken from the data
  std::optional<double> max;
  bool include_zero = false;
  // Tick text for a value given the tick step; default: fixed decimals that fit the step.
  std::function<std::string(double value, double step)> tick_label;
};

struct ChartFrame {
  std::string id;     // unique in the page; used for the <title> element id
  std::string title;  // accessible name (the visible heading is the page's)
  int width = 1120;
  int height = 340;
  ChartAxis x;
  ChartAxis y;
};

struct ChartBar {
  double low = 0;
  double high = 0;
  double value = 0;
  std::string color;
  std::string tooltip;
};

// Evenly spaced round ticks (1, 2, 2.5 or 5 x 10^k) covering [low, high], about `target` of them.
struct Ticks {
  double step = 1;
  std::vector<double> values;
};
Ticks nice_ticks(double low, double high, int target = 6);

// Decimal places that show a tick step exactly (0.05 -> 2, 250 -> 0).
int digits_for_step(double step);

std::string line_chart(const ChartFrame& frame, const std::vector<ChartSeries>& series);
std::string bar_chart(const ChartFrame& frame, const std::vector<ChartBar>& bars);

}  // namespace sharpline::backtest::html
