#include "bus/figure.hpp"

#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

namespace sharpline::bench::bus {

void print_figure(const std::string& name, double value, const std::string& unit,
                  const std::string& detail) {
  const nlohmann::ordered_json line = {{"name", name},
                                       {"value", value},
                                       {"unit", unit},
                                       {"cores", std::thread::hardware_concurrency()},
                                       {"detail", detail}};
  // Flushed per line: the harness may read them while later groups still run.
  std::cout << line.dump() << std::endl;
}

}  // namespace sharpline::bench::bus
