#include "backtest/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "backtest/html_text.hpp"
#include "domain/number_text.hpp"

namespace sharpline::backtest::html {
namespace {

// Plot-area margins in px: room for y tick labels and title (left), x labels and title
// (bottom), and the legend row (top).
constexpr double kLeft = 78;
constexpr double kRight = 24;
constexpr double kTop = 36;
constexpr double kBottom = 58;
constexpr const char* kAxisColor = "#57606a";
constexpr const char* kGridColor = "#e6e9ee";
constexpr const char* kTextColor = "#24292f";

// SVG coordinates: one decimal is sub-pixel and keeps the output compact and deterministic.
std::string px(double value) {
  std::string text = domain::fixed_text(value, 1);
  if (text == "-0.0") text = "0.0";
  return text;
}

struct Scale {
  double domain_low = 0;
  double domain_high = 1;
  double range_low = 0;
  double range_high = 1;
  double operator()(double v) const {
    const double span = domain_high - domain_low;
    const double t = span == 0 ? 0.5 : (v - domain_low) / span;
    return range_low + t * (range_high - range_low);
  }
};

struct Range {
  double low = std::numeric_limits<double>::infinity();
  double high = -std::numeric_limits<double>::infinity();
  void add(double v) {
    low = std::min(low, v);
    high = std::max(high, v);
  }
  bool empty() const { return !(low <= high); }
};

// The axis range and its ticks: fixed ends when given (ticks only inside them, so an odd end like
// 12% does not crowd the 10% label), otherwise the data widened to the nearest round ticks.
struct AxisLayout {
  double low = 0;
  double high = 1;
  Ticks ticks;
};

AxisLayout axis_layout(const ChartAxis& axis, Range data) {
  if (data.empty()) data = Range{0, 1};
  if (axis.include_zero) data.add(0);
  if (axis.min) data.low = *axis.min;
  if (axis.max) data.high = *axis.max;
  AxisLayout layout;
  layout.ticks = nice_ticks(data.low, data.high);
  layout.low = axis.min.value_or(layout.ticks.values.front());
  layout.high = axis.max.value_or(layout.ticks.values.back());
  if (layout.high <= layout.low) layout.high = layout.low + 1;
  std::vector<double> inside;
  const double slack = 1e-9 * (layout.high - layout.low);
  for (const double v : layout.ticks.values) {
    if (v >= layout.low - slack && v <= layout.high + slack) inside.push_back(v);
  }
  if (inside.empty()) inside = {layout.low, layout.high};
  layout.ticks.values = inside;
  return layout;
}

std::string tick_text(const ChartAxis& axis, double value, double step) {
  if (axis.tick_label) return axis.tick_label(value, step);
  return fixed(value, digits_for_step(step));
}

std::string open_svg(const ChartFrame& frame) {
  const std::string w = std::to_string(frame.width);
  const std::string h = std::to_string(frame.height);
  std::string out = R"(<svg class="chart" viewBox="0 0 )" + w + " " + h + "\" width=\"" + w +
                    "\" height=\"" + h + R"(" role="img" aria-labelledby=")" +
                    html_escape(frame.id) + R"(-title" font-family="sans-serif" font-size="12">)";
  out +=
      "<title id=\"" + html_escape(frame.id) + "-title\">" + html_escape(frame.title) + "</title>";
  out += R"(<rect x="0" y="0" width=")" + w + "\" height=\"" + h + R"(" fill="#ffffff"/>)";
  return out;
}

// Grid, axis lines, tick labels and axis titles around the plot area.
std::string axes(const ChartFrame& frame, const Scale& xs, const Scale& ys, const Ticks& xt,
                 const Ticks& yt) {
  const double left = kLeft;
  const double right = frame.width - kRight;
  const double top = kTop;
  const double bottom = frame.height - kBottom;
  std::string out = R"(<g class="grid" stroke=")" + std::string(kGridColor) + "\">";
  for (const double v : yt.values) {
    out += "<line x1=\"" + px(left) + "\" y1=\"" + px(ys(v)) + "\" x2=\"" + px(right) + "\" y2=\"" +
           px(ys(v)) + "\"/>";
  }
  for (const double v : xt.values) {
    out += "<line x1=\"" + px(xs(v)) + "\" y1=\"" + px(top) + "\" x2=\"" + px(xs(v)) + "\" y2=\"" +
           px(bottom) + "\"/>";
  }
  out += "</g>";
  out += R"(<g class="axis" stroke=")" + std::string(kAxisColor) + "\">";
  out += "<line x1=\"" + px(left) + "\" y1=\"" + px(bottom) + "\" x2=\"" + px(right) + "\" y2=\"" +
         px(bottom) + "\"/>";
  out += "<line x1=\"" + px(left) + "\" y1=\"" + px(top) + "\" x2=\"" + px(left) + "\" y2=\"" +
         px(bottom) + "\"/>";
  for (const double v : xt.values) {
    out += "<line x1=\"" + px(xs(v)) + "\" y1=\"" + px(bottom) + "\" x2=\"" + px(xs(v)) +
           "\" y2=\"" + px(bottom + 5) + "\"/>";
  }
  for (const double v : yt.values) {
    out += "<line x1=\"" + px(left - 5) + "\" y1=\"" + px(ys(v)) + "\" x2=\"" + px(left) +
           "\" y2=\"" + px(ys(v)) + "\"/>";
  }
  out += "</g>";
  out += R"(<g class="ticks" fill=")" + std::string(kAxisColor) + "\">";
  for (const double v : xt.values) {
    out += "<text x=\"" + px(xs(v)) + "\" y=\"" + px(bottom + 19) + R"(" text-anchor="middle">)" +
           html_escape(tick_text(frame.x, v, xt.step)) + "</text>";
  }
  for (const double v : yt.values) {
    out += "<text x=\"" + px(left - 9) + "\" y=\"" + px(ys(v) + 4) + R"(" text-anchor="end">)" +
           html_escape(tick_text(frame.y, v, yt.step)) + "</text>";
  }
  out += "</g>";
  out += R"(<g class="axis-titles" fill=")" + std::string(kTextColor) + R"(" font-size="13">)";
  if (!frame.x.title.empty()) {
    out += "<text x=\"" + px((left + right) / 2) + "\" y=\"" + px(frame.height - 14.0) +
           R"(" text-anchor="middle">)" + html_escape(frame.x.title) + "</text>";
  }
  if (!frame.y.title.empty()) {
    const double cy = (top + bottom) / 2;
    out += R"(<text x="18" y=")" + px(cy) + R"(" text-anchor="middle" transform="rotate(-90 18 )" +
           px(cy) + ")\">" + html_escape(frame.y.title) + "</text>";
  }
  out += "</g>";
  return out;
}

std::string legend(const std::vector<ChartSeries>& series) {
  std::string out = R"(<g class="legend" fill=")" + std::string(kTextColor) + "\">";
  double x = kLeft;
  const double y = 16;
  for (const auto& s : series) {
    if (s.label.empty()) continue;
    if (s.line || s.area) {
      out += "<line x1=\"" + px(x) + "\" y1=\"" + px(y) + "\" x2=\"" + px(x + 22) + "\" y2=\"" +
             px(y) + "\" stroke=\"" + html_escape(s.color) + R"(" stroke-width="3")" +
             (s.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>";
    } else {
      out += "<circle cx=\"" + px(x + 11) + "\" cy=\"" + px(y) + R"(" r="5" fill=")" +
             html_escape(s.color) + "\"/>";
    }
    out += "<text x=\"" + px(x + 28) + "\" y=\"" + px(y + 4) + "\">" + html_escape(s.label) +
           "</text>";
    // No text metrics without a browser: ~7 px per character at 12 px is a safe estimate.
    x += 28 + 7.0 * static_cast<double>(s.label.size()) + 24;
  }
  out += "</g>";
  return out;
}

}  // namespace

Ticks nice_ticks(double low, double high, int target) {
  if (!std::isfinite(low) || !std::isfinite(high)) {
    low = 0;
    high = 1;
  }
  if (high < low) std::swap(low, high);
  if (high == low) {
    const double pad = low == 0 ? 1 : std::abs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  target = std::max(target, 2);
  const double raw = (high - low) / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * magnitude;
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * magnitude >= raw * (1 - 1e-9)) {
      step = m * magnitude;
      break;
    }
  }
  Ticks ticks;
  ticks.step = step;
  // Integer multiples of the step, so no floating drift accumulates along the axis.
  const auto first = static_cast<long long>(std::floor(low / step + 1e-9));
  const auto last = static_cast<long long>(std::ceil(high / step - 1e-9));
  for (long long k = first; k <= last; ++k) {
    const double v = static_cast<double>(k) * step;
    ticks.values.push_back(v == 0 ? 0.0 : v);  // never -0
  }
  return ticks;
}

int digits_for_step(double step) {
  for (int d = 0; d < 8; ++d) {
    const double scaled = step * std::pow(10.0, d);
    if (std::abs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) return d;
  }
  return 8;
}

std::string line_chart(const ChartFrame& frame, const std::vector<ChartSeries>& series) {
  Range xr;
  Range yr;
  for (const auto& s : series) {
    for (const auto& p : s.points) {
      xr.add(p.x);
      yr.add(p.y);
    }
  }
  const AxisLayout xl = axis_layout(frame.x, xr);
  const AxisLayout yl = axis_layout(frame.y, yr);
  const Ticks& xt = xl.ticks;
  const Ticks& yt = yl.ticks;
  const Scale xs{xl.low, xl.high, kLeft, frame.width - kRight};
  const Scale ys{yl.low, yl.high, frame.height - kBottom, kTop};

  std::string out = open_svg(frame);
  out += axes(frame, xs, ys, xt, yt);
  const double baseline = ys(std::clamp(0.0, yl.low, yl.high));
  for (const auto& s : series) {
    if (s.points.empty()) continue;
    const std::string color = html_escape(s.color);
    if (s.area) {
      std::string d = "M" + px(xs(s.points.front().x)) + "," + px(baseline);
      for (const auto& p : s.points) d += " L" + px(xs(p.x)) + "," + px(ys(p.y));
      d += " L" + px(xs(s.points.back().x)) + "," + px(baseline) + " Z";
      out += "<path d=\"";
      out += d;
      out += "\" fill=\"";
      out += color;
      out += R"(" fill-opacity="0.18" stroke="none"/>)";
    }
    if (s.line) {
      std::string points;
      for (const auto& p : s.points) {
        if (!points.empty()) points += ' ';
        points += px(xs(p.x)) + "," + px(ys(p.y));
      }
      out += "<polyline points=\"";
      out += points;
      out += R"(" fill="none" stroke=")";
      out += color;
      out += R"(" stroke-width="2" stroke-linejoin="round")";
      if (s.dashed) out += " stroke-dasharray=\"6 4\"";
      out += "/>";
    }
    if (s.markers) {
      out += R"(<g class="markers" fill=")" + color +
             R"(" fill-opacity="0.85" stroke="#ffffff" stroke-width="1.5">)";
      for (const auto& p : s.points) {
        const double r = p.radius > 0 ? p.radius : 4;
        out += "<circle cx=\"" + px(xs(p.x)) + "\" cy=\"" + px(ys(p.y)) + "\" r=\"" + px(r) + "\">";
        if (!p.tooltip.empty()) out += "<title>" + html_escape(p.tooltip) + "</title>";
        out += "</circle>";
      }
      out += "</g>";
    }
  }
  out += legend(series);
  out += "</svg>";
  return out;
}

std::string bar_chart(const ChartFrame& frame, const std::vector<ChartBar>& bars) {
  Range xr;
  Range yr;
  yr.add(0);
  for (const auto& b : bars) {
    xr.add(b.low);
    xr.add(b.high);
    yr.add(b.value);
  }
  ChartAxis x_axis = frame.x;
  // Bars fill the edge range exactly; rounding the x axis outwards would leave empty margins.
  if (!xr.empty()) {
    x_axis.min = x_axis.min.value_or(xr.low);
    x_axis.max = x_axis.max.value_or(xr.high);
  }
  const AxisLayout xl = axis_layout(x_axis, xr);
  const AxisLayout yl = axis_layout(frame.y, yr);
  const Ticks& xt = xl.ticks;
  const Ticks& yt = yl.ticks;
  const Scale xs{xl.low, xl.high, kLeft, frame.width - kRight};
  const Scale ys{yl.low, yl.high, frame.height - kBottom, kTop};

  ChartFrame shown = frame;
  shown.x = x_axis;
  std::string out = open_svg(shown);
  out += axes(shown, xs, ys, xt, yt);
  out += R"(<g class="bars" stroke="#ffffff" stroke-width="1">)";
  for (const auto& b : bars) {
    const double x0 = xs(b.low);
    const double x1 = xs(b.high);
    const double y0 = ys(std::max(b.value, 0.0));
    const double y1 = ys(0);
    out += "<rect x=\"" + px(x0) + "\" y=\"" + px(y0) + "\" width=\"" + px(std::max(x1 - x0, 0.0)) +
           "\" height=\"" + px(std::max(y1 - y0, 0.0)) + "\" fill=\"" + html_escape(b.color) +
           "\">";
    if (!b.tooltip.empty()) out += "<title>" + html_escape(b.tooltip) + "</title>";
    out += "</rect>";
  }
  out += "</g>";
  if (xl.low < 0 && xl.high > 0) {
    out += R"(<line class="zero" x1=")" + px(xs(0)) + "\" y1=\"" + px(kTop) + "\" x2=\"" +
           px(xs(0)) + "\" y2=\"" + px(frame.height - kBottom) + "\" stroke=\"" + kTextColor +
           R"(" stroke-width="1.5" stroke-dasharray="4 3"/>)";
  }
  out += "</svg>";
  return out;
}

}  // namespace sharpline::backtest::html
