#pragma once

// Builds the field paths used in RecordError messages ("legs[1].price", "home_stats[\"xg\"]")
// while walking a record, without allocating a string per level.

#include <cstddef>
#include <string>
#include <string_view>

namespace sharpline::serde {

class FieldPath {
 public:
  // Appends a segment for the lifetime of the Scope.
  class Scope {
   public:
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
    ~Scope() { path_.text_.resize(size_); }

   private:
    friend class FieldPath;
    Scope(FieldPath& path, std::size_t size) : path_(path), size_(size) {}
    FieldPath& path_;
    std::size_t size_;
  };

  [[nodiscard]] Scope field(std::string_view name) {
    const std::size_t size = text_.size();
    if (!text_.empty()) text_ += '.';
    text_ += name;
    return {*this, size};
  }
  [[nodiscard]] Scope index(std::size_t i) {
    const std::size_t size = text_.size();
    text_ += '[';
    text_ += std::to_string(i);
    text_ += ']';
    return {*this, size};
  }
  [[nodiscard]] Scope key(std::string_view key);

  const std::string& str() const noexcept { return text_; }
  void clear() noexcept { text_.clear(); }

 private:
  std::string text_;
};

// `text` cut to about `limit` bytes (on a UTF-8 character boundary) with "..." appended.
std::string describe_for_error(std::string_view text, std::size_t limit = 40);

}  // namespace sharpline::serde
