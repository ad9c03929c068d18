// SHA-256 (OpenSSL EVP) as lower-case hex.
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sharpline::adapters::ml {

class HashError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// 64 lower-case hex digits. Throws HashError if OpenSSL fails.
std::string sha256_hex(std::string_view bytes);
std::string sha256_hex(std::span<const std::byte> bytes);
// The hash of a file's bytes; throws HashError if it cannot be read.
std::string sha256_file_hex(const std::filesystem::path& path);

}  // namespace sharpline::adapters::ml
