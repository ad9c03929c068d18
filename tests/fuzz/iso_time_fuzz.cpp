// ISO-8601 UTC timestamps. No error type: malformed text is nullopt. Whatever is accepted
// formats back to text that parses to the same instant.
#include "adapters/sources/iso_time.hpp"
#include "fuzz_support.hpp"

using namespace sharpline::adapters::sources;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto ms = parse_iso8601_ms(sharpline::fuzz::as_text(data, size));
  if (ms) {
    const std::string text = format_iso8601_ms(*ms);
    SHARPLINE_FUZZ_CHECK(parse_iso8601_ms(text) == ms);
  }
  return 0;
}
