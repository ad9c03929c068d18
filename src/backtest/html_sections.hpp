// The sections of the HTML backtest report, one function each, so html_report.cpp only
// assembles the page. Each returns an HTML fragment; each tolerates missing/null fields.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace sharpline::backtest::html {

// Charts (html_charts.cpp).
std::string bankroll_section(const nlohmann::json& report);
std::string calibration_chart(const nlohmann::json& report);
std::string clv_chart(const nlohmann::json& report);

// Tables (html_tables.cpp).
std::string scores_table(const nlohmann::json& report);
std::string seasons_table(const nlohmann::json& report);
std::string kinds_table(const nlohmann::json& report);
std::string calibration_table(const nlohmann::json& report);

}  // namespace sharpline::backtest::html
