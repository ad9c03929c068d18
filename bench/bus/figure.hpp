// One benchmark figure as the JSON line bench/run collects:
//   {"name": "bus/...", "value": 1.0, "unit": "...", "cores": 2, "detail": "..."}
#pragma once

#include <string>

namespace sharpline::bench::bus {

void print_figure(const std::string& name, double value, const std::string& unit,
                  const std::string& detail);

}  // namespace sharpline::bench::bus
