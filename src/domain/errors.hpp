// Error policy of the domain layer (src/domain/**), which every stage relies on:
//
// 1. Impossible input throws sharpline::domain::InvalidInput (a std::invalid_argument). Impossible
//    means the question itself has no answer: decimal odds <= 1, American odds in (-100, 100),
//    NaN or infinite numbers, an empty market, a probability outside [0, 1], spans or vectors
//    whose sizes do not match, an unknown method name. The message names the offending value,
//    e.g. "decimal odds must be > 1, got 0.9 (outcome 2)", so a CLI or a stage can pass it on as
//    is.
//
// 2. A result that is mathematically defined but unusable is returned as a value with
//    valid == false and a human-readable reason, never silently: the additive method giving a
//    negative probability on a long-shot market, Shin's z coming out negative on an under-round
//    book, a root finder that did not converge. Callers decide whether to drop, fall back or
//    report; the numbers are still filled in so they can be inspected.
//
// Domain code never logs, never does I/O and never terminates the process.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sharpline::domain {

class InvalidInput : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Shortest round-trip text of a double ("0.9", "-110", "nan", "inf"), for error messages.
std::string format_value(double value);

// Throws InvalidInput with `what`, followed by ", got <value>" and, when `index` is not npos,
// " (outcome <index>)". Kept out of line so validation in hot paths stays small.
[[noreturn]] void throw_invalid(std::string_view what, double value,
                                std::size_t index = std::string_view::npos);

}  // namespace sharpline::domain
