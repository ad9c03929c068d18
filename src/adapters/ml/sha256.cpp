#include "adapters/ml/sha256.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <memory>

namespace sharpline::adapters::ml {
namespace {

struct Hasher {
  Hasher() : ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
      throw HashError("SHA-256: EVP_DigestInit_ex failed");
    }
  }
  // NOLINTNEXTLINE(readability-make-member-function-const): advances the digest state
  void update(const void* data, std::size_t size) {
    if (EVP_DigestUpdate(ctx.get(), data, size) != 1) {
      throw HashError("SHA-256: EVP_DigestUpdate failed");
    }
  }
  // NOLINTNEXTLINE(readability-make-member-function-const): finalizes the digest
  std::string hex() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1) {
      throw HashError("SHA-256: EVP_DigestFinal_ex failed");
    }
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(std::size_t{2} * length);
    for (unsigned int i = 0; i < length; ++i) {
      out.push_back(kDigits[digest[i] >> 4]);
      out.push_back(kDigits[digest[i] & 0x0f]);
    }
    return out;
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx;
};

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  Hasher hasher;
  hasher.update(bytes.data(), bytes.size());
  return hasher.hex();
}

std::string sha256_hex(std::span<const std::byte> bytes) {
  Hasher hasher;
  hasher.update(bytes.data(), bytes.size());
  return hasher.hex();
}

std::string sha256_file_hex(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw HashError("cannot read " + path.string());
  Hasher hasher;
  std::array<char, 1 << 16> buffer{};
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = in.gcount();
    if (got > 0) hasher.update(buffer.data(), static_cast<std::size_t>(got));
  }
  if (in.bad()) throw HashError("error reading " + path.string());
  return hasher.hex();
}

}  // namespace sharpline::adapters::ml
