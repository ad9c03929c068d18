#include "runtime/stream/state_snapshot.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace sharpline::runtime::stream {
namespace {

constexpr char kMagic[8] = {'S', 'L', 'S', 'N', 'A', 'P', '0', '1'};

void put_u64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

bool get_u64(std::string_view& in, uint64_t& v) {
  if (in.size() < 8) return false;
  v = 0;
  for (int i = 0; i < 8; ++i)
    v |= static_cast<uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  in.remove_prefix(8);
  return true;
}

bool get_bytes(std::string_view& in, std::string_view& out) {
  uint64_t size = 0;
  if (!get_u64(in, size) || in.size() < size) return false;
  out = in.substr(0, size);
  in.remove_prefix(size);
  return true;
}

}  // namespace

std::string snapshot_path(const std::string& state_dir, const std::string& application_id,
                          const std::string& store, int32_t partition) {
  return state_dir + "/" + application_id + "/" + store + "-" + std::to_string(partition) +
         ".snapshot";
}

void write_snapshot(const std::string& path, const StateStore& store, int64_t changelog_offset) {
  std::string data(kMagic, sizeof kMagic);
  put_u64(data, static_cast<uint64_t>(changelog_offset));
  put_u64(data, store.size());
  store.for_each_encoded([&](std::string_view key, std::string_view value) {
    put_u64(data, key.size());
    data.append(key);
    put_u64(data, value.size());
    data.append(value);
  });
  put_u64(data, data.size());  // trailer: detects truncation
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) throw std::runtime_error("cannot write snapshot " + temporary);
  }
  std::filesystem::rename(temporary, path);
}

std::optional<int64_t> load_snapshot(const std::string& path, StateStore& store) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  std::filesystem::remove(path);
  std::string_view view(data);
  uint64_t offset = 0;
  uint64_t count = 0;
  uint64_t trailer = 0;
  if (view.size() < sizeof kMagic + 24 || std::memcmp(view.data(), kMagic, sizeof kMagic) != 0) {
    return std::nullopt;
  }
  std::string_view tail = view.substr(view.size() - 8);
  if (!get_u64(tail, trailer) || trailer != view.size() - 8) return std::nullopt;
  view = view.substr(sizeof kMagic, view.size() - sizeof kMagic - 8);
  if (!get_u64(view, offset) || !get_u64(view, count)) return std::nullopt;
  for (uint64_t i = 0; i < count; ++i) {
    std::string_view key;
    std::string_view value;
    if (!get_bytes(view, key) || !get_bytes(view, value)) {
      store.clear();
      return std::nullopt;
    }
    store.restore(key, value);
  }
  return static_cast<int64_t>(offset);
}

}  // namespace sharpline::runtime::stream
