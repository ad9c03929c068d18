// Reading JSON records from files or stdin for `produce` (JSON lines, one array, or one object).
#pragma once

#include <istream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sharpline::cli {

struct InputRecord {
  nlohmann::json value;
  std::string where;  // "line 3" or "element 2", for error messages
};

// Throws std::runtime_error naming the line of a JSON syntax error.
std::vector<InputRecord> read_json_records(std::istream& in);

}  // namespace sharpline::cli
