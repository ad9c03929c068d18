#include "cli/record_input.hpp"

#include <sstream>
#include <stdexcept>

namespace sharpline::cli {

std::vector<InputRecord> read_json_records(std::istream& in) {
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const auto first = text.find_first_not_of(" \t\r\n");
  std::vector<InputRecord> records;
  if (first == std::string::npos) return records;

  if (text[first] == '[') {
    nlohmann::json array;
    try {
      array = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      throw std::runtime_error(std::string("input is not valid JSON: ") + e.what());
    }
    for (std::size_t i = 0; i < array.size(); ++i) {
      records.push_back({array[i], "element " + std::to_string(i + 1)});
    }
    return records;
  }
  // JSON lines; a single pretty-printed object is accepted too.
  try {
    nlohmann::json single = nlohmann::json::parse(text);
    records.push_back({std::move(single), "record 1"});
    return records;
  } catch (const nlohmann::json::parse_error&) {
  }
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      records.push_back({nlohmann::json::parse(line), "line " + std::to_string(number)});
    } catch (const nlohmann::json::parse_error& e) {
      throw std::runtime_error("line " + std::to_string(number) +
                               " is not valid JSON: " + e.what());
    }
  }
  return records;
}

}  // namespace sharpline::cli
