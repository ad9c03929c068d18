#include "runtime/kafka/handles.hpp"

namespace sharpline::runtime::kafka {

void throw_if_error(rd_kafka_error_t* error, const std::string& context) {
  if (error == nullptr) return;
  ErrorPtr owned(error);
  throw KafkaError(context + ": " + rd_kafka_error_string(error), rd_kafka_error_code(error));
}

void throw_if_error(rd_kafka_resp_err_t err, const std::string& context) {
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return;
  throw KafkaError(context + ": " + rd_kafka_err2str(err), err);
}

}  // namespace sharpline::runtime::kafka
