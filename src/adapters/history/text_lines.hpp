#pragma once

// Splits file text into lines for the history loaders: drops a leading UTF-8 BOM and accepts
// LF, CRLF and CR-only line ends (files/csv.hpp handles only LF and CRLF).

#include <string_view>
#include <vector>

namespace sharpline::adapters::history {

// Lines without their line ends, views into `text`. A final line end does not add an empty line.
std::vector<std::string_view> split_lines(std::string_view text);

}  // namespace sharpline::adapters::history
