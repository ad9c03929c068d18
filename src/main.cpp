#include <iostream>
#include <string>
#include <vector>

#include "cli/command_table.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return sharpline::cli::dispatch(args, std::cout, std::cerr);
}
