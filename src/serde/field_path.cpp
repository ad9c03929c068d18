#include "serde/field_path.hpp"

#include <nlohmann/json.hpp>

namespace sharpline::serde {

FieldPath::Scope FieldPath::key(std::string_view key) {
  const std::size_t size = text_.size();
  text_ += '[';
  // Keys come from data; quote them JSON-style so odd characters stay visible and unambiguous.
  text_ += nlohmann::json(std::string(key))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text_ += ']';
  return {*this, size};
}

std::string describe_for_error(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  // Cut on a character boundary: the message may end up in an Avro string (dead letters).
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

}  // namespace sharpline::serde
