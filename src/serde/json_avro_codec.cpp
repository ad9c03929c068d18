#include "serde/json_avro_codec.hpp"

#include <set>
#include <string>

#include "serde/avro_to_json.hpp"
#include "serde/binary_check.hpp"
#include "serde/errors.hpp"
#include "serde/json_to_avro.hpp"

namespace sharpline::serde {
namespace {

// One Avro C generic value of some schema, released on scope exit.
class GenericValue {
 public:
  explicit GenericValue(avro_schema_t schema) : iface_(avro_generic_class_from_schema(schema)) {
    if (iface_ == nullptr) throw SchemaError(std::string("Avro C: ") + avro_strerror());
    if (avro_generic_value_new(iface_, &value_) != 0) {
      avro_value_iface_decref(iface_);
      throw SchemaError(std::string("Avro C: ") + avro_strerror());
    }
  }
  GenericValue(const GenericValue&) = delete;
  GenericValue& operator=(const GenericValue&) = delete;
  ~GenericValue() {
    avro_value_decref(&value_);
    avro_value_iface_decref(iface_);
  }
  avro_value_t& get() noexcept { return value_; }

 private:
  avro_value_iface_t* iface_;
  avro_value_t value_;
};

// Encodes every field default once, so a bad default fails at start-up, naming the field,
// rather than on the first record that omits the field.
void check_defaults(const SchemaNode& node, std::set<const SchemaNode*>& seen) {
  if (!seen.insert(&node).second) return;
  for (const FieldNode& field : node.fields) {
    if (field.default_value) {
      GenericValue value(field.type->avro);
      JsonToAvroOptions options;
      options.schema_default = true;
      options.allow_non_finite = true;  // a default NaN is legal Avro (spelt "NaN")
      try {
        json_to_avro(*field.type, *field.default_value, value.get(), options);
      } catch (const RecordError& e) {
        throw SchemaError(node.full_name + "." + field.name + ": invalid default " +
                          field.default_value->dump() + ": " + e.problem());
      }
    }
    check_defaults(*field.type, seen);
  }
  if (node.items != nullptr) check_defaults(*node.items, seen);
  if (node.values != nullptr) check_defaults(*node.values, seen);
  for (const SchemaNode* branch : node.branches) check_defaults(*branch, seen);
}

}  // namespace

struct JsonAvroCodec::Shared {
  AvroSchema schema;
  CodecOptions options;
};

struct JsonAvroCodec::Scratch {
  explicit Scratch(avro_schema_t schema) : value(schema) {
    // Dummy buffers: the real ones are attached per call with *_set_dest / *_set_source.
    writer = avro_writer_memory(dummy, sizeof dummy);
    reader = avro_reader_memory(dummy, sizeof dummy);
    if (writer == nullptr || reader == nullptr) {
      release();
      throw SchemaError(std::string("Avro C: ") + avro_strerror());
    }
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  ~Scratch() { release(); }

  void release() noexcept {
    if (writer != nullptr) avro_writer_free(writer);
    if (reader != nullptr) avro_reader_free(reader);
    writer = nullptr;
    reader = nullptr;
  }

  GenericValue value;
  char dummy[1] = {0};
  avro_writer_t writer = nullptr;
  avro_reader_t reader = nullptr;
};

JsonAvroCodec::JsonAvroCodec(AvroSchema schema, CodecOptions options)
    : shared_(std::make_shared<const Shared>(Shared{std::move(schema), options})) {
  std::set<const SchemaNode*> seen;
  check_defaults(shared_->schema.root(), seen);
}

JsonAvroCodec::JsonAvroCodec(const JsonAvroCodec& other) : shared_(other.shared_) {}

JsonAvroCodec& JsonAvroCodec::operator=(const JsonAvroCodec& other) {
  if (this != &other) {
    shared_ = other.shared_;
    scratch_.reset();
  }
  return *this;
}

JsonAvroCodec::JsonAvroCodec(JsonAvroCodec&& other) noexcept = default;
JsonAvroCodec& JsonAvroCodec::operator=(JsonAvroCodec&& other) noexcept = default;
JsonAvroCodec::~JsonAvroCodec() = default;

JsonAvroCodec::Scratch& JsonAvroCodec::scratch() const {
  if (!scratch_) scratch_ = std::make_unique<Scratch>(shared_->schema.get());
  return *scratch_;
}

void JsonAvroCodec::encode(const nlohmann::json& record, std::vector<uint8_t>& out) const {
  Scratch& s = scratch();
  avro_value_t& value = s.value.get();
  if (avro_value_reset(&value) != 0)
    throw RecordError("", std::string("Avro C: ") + avro_strerror());
  JsonToAvroOptions options;
  options.allow_non_finite = shared_->options.allow_non_finite;
  json_to_avro(shared_->schema.root(), record, value, options);

  size_t size = 0;
  if (avro_value_sizeof(&value, &size) != 0) {
    throw RecordError("", std::string("Avro C: ") + avro_strerror());
  }
  const std::size_t start = out.size();
  out.resize(start + size);
  avro_writer_memory_set_dest(s.writer, reinterpret_cast<const char*>(out.data() + start),
                              static_cast<int64_t>(size));
  if (avro_value_write(s.writer, &value) != 0) {
    out.resize(start);
    throw RecordError("", std::string("Avro C: ") + avro_strerror());
  }
}

std::vector<uint8_t> JsonAvroCodec::encode(const nlohmann::json& record) const {
  std::vector<uint8_t> out;
  encode(record, out);
  return out;
}

nlohmann::json JsonAvroCodec::decode(std::span<const uint8_t> bytes) const {
  const SchemaNode& root = shared_->schema.root();
  BinaryCheckOptions check_options;
  check_options.allow_non_finite = shared_->options.allow_non_finite;
  check_binary(root, bytes, check_options);

  Scratch& s = scratch();
  // Avro C wants a non-null buffer even for an empty value (records of nulls).
  const char* data = bytes.empty() ? s.dummy : reinterpret_cast<const char*>(bytes.data());
  avro_reader_memory_set_source(s.reader, data, static_cast<int64_t>(bytes.size()));
  avro_value_t& value = s.value.get();
  if (avro_value_read(s.reader, &value) != 0) {
    throw RecordError("", std::string("Avro C could not read the value: ") + avro_strerror());
  }
  return avro_to_json(root, value);
}

const AvroSchema& JsonAvroCodec::schema() const noexcept {
  return shared_->schema;
}
const CodecOptions& JsonAvroCodec::options() const noexcept {
  return shared_->options;
}

}  // namespace sharpline::serde
