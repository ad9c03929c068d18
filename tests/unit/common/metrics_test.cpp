#include "common/metrics.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sharpline {
namespace {

bool has_line(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

TEST(MetricsRegistry, RendersCountersAndGaugesWithHelpTypeAndSortedLabels) {
  MetricsRegistry registry;
  registry.counter("sharpline_sink_rows_total", "Rows written", {{"table", "events"}}).inc(3);
  registry.counter("sharpline_sink_rows_total", "Rows written", {{"table", "events"}}).inc();
  registry.gauge("sharpline_sink_db_up", "1 while the database answers").set(1);
  const std::string text = registry.render();
  EXPECT_TRUE(has_line(text, "# HELP sharpline_sink_rows_total Rows written")) << text;
  EXPECT_TRUE(has_line(text, "# TYPE sharpline_sink_rows_total counter")) << text;
  EXPECT_TRUE(has_line(text, "sharpline_sink_rows_total{table=\"events\"} 4")) << text;
  EXPECT_TRUE(has_line(text, "# TYPE sharpline_sink_db_up gauge")) << text;
  EXPECT_TRUE(has_line(text, "sharpline_sink_db_up 1")) << text;
}

TEST(MetricsRegistry, HistogramBucketsAreCumulativeWithShortestBoundsAndCountEqualsInf) {
  MetricsRegistry registry;
  auto& histogram =
      registry.histogram("sharpline_x_seconds", "Latency", {0.00025, 0.1}, {{"stage", "f"}});
  histogram.observe(0.0001);
  histogram.observe(0.05);
  histogram.observe(7);
  const std::string text = registry.render();
  EXPECT_TRUE(has_line(text, "sharpline_x_seconds_bucket{le=\"0.00025\",stage=\"f\"} 1")) << text;
  EXPECT_TRUE(has_line(text, "sharpline_x_seconds_bucket{le=\"0.1\",stage=\"f\"} 2")) << text;
  EXPECT_TRUE(has_line(text, "sharpline_x_seconds_bucket{le=\"+Inf\",stage=\"f\"} 3")) << text;
  EXPECT_TRUE(has_line(text, "sharpline_x_seconds_count{stage=\"f\"} 3")) << text;
  EXPECT_TRUE(has_line(text, "sharpline_x_seconds_sum{stage=\"f\"} 7.0501")) << text;
}

TEST(MetricsRegistry, EscapesLabelValuesAndHelpText) {
  MetricsRegistry registry;
  registry.counter("sharpline_y_total", "Back\\slash and\nnewline", {{"path", "a\"b\\c\nd"}}).inc();
  const std::string text = registry.render();
  EXPECT_TRUE(has_line(text, "# HELP sharpline_y_total Back\\\\slash and\\nnewline")) << text;
  EXPECT_TRUE(has_line(text, "sharpline_y_total{path=\"a\\\"b\\\\c\\nd\"} 1")) << text;
}

TEST(MetricsRegistry, OneNameHasOneType) {
  MetricsRegistry registry;
  registry.counter("sharpline_z_total", "z");
  EXPECT_THROW(registry.gauge("sharpline_z_total", "z"), std::logic_error);
}

}  // namespace
}  // namespace sharpline
