// The self-contained HTML page for a backtest report (issue 7): headline numbers, bankroll and
// drawdown curves, calibration, CLV distribution and the score/season/kind tables, from the JSON
// the backtest writes ({"report": "sharpline-backtest", "version": 1, ...}).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace sharpline::backtest {

// Curves longer than this are downsampled (min/max per bucket) before they become SVG.
inline constexpr std::size_t kMaxCurvePoints = 1500;

// One HTML5 document with inline CSS and inline SVG charts: no network references and no script,
// so it opens offline and archives as one file. Deterministic: the same JSON gives the same
// bytes. Every string from the JSON is HTML-escaped; missing or null fields render as an en
// dash; never throws on a well-formed JSON value of any shape.
std::string render_html_report(const nlohmann::json& report);

}  // namespace sharpline::backtest
