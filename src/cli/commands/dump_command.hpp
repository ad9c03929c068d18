// `sharpline dump`: topics from the beginning to their high watermark as JSON lines, for
// `sharpline replay --from-dump` (docs/cli.md).
#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace sharpline::cli {

int run_dump_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace sharpline::cli
