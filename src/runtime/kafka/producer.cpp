#include "runtime/kafka/producer.hpp"

namespace sharpline::runtime::kafka {

Producer::Producer(const Properties& properties) {
  ConfHandle conf = make_conf(merge(producer_defaults(), properties));
  rd_kafka_conf_set_dr_msg_cb(conf.get(), &Producer::on_delivery);
  rd_kafka_conf_set_opaque(conf.get(), this);
  char errstr[512];
  handle_.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof errstr));
  if (!handle_) throw KafkaError(std::string("cannot create producer: ") + errstr);
  (void)conf.release();  // rd_kafka_new took ownership
}

Producer::~Producer() {
  if (handle_) rd_kafka_flush(handle_.get(), 5000);
}

void Producer::on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
  auto* self = static_cast<Producer*>(opaque);
  if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    if (self->failed_.fetch_add(1) == 0) {
      self->first_error_ = std::string("delivery to ") + rd_kafka_topic_name(message->rkt) +
                           " failed: " + rd_kafka_err2str(message->err);
    }
  } else {
    self->delivered_.fetch_add(1);
  }
}

void Producer::send(const OutgoingRecord& record) {
  HeadersPtr headers;
  if (!record.headers.empty()) {
    headers.reset(rd_kafka_headers_new(record.headers.size()));
    for (const auto& header : record.headers) {
      rd_kafka_header_add(headers.get(), header.name.data(),
                          static_cast<ssize_t>(header.name.size()), header.value.data(),
                          static_cast<ssize_t>(header.value.size()));
    }
  }
  // librdkafka's V_ macros cast their arguments without parentheses: pass plain variables.
  const void* key = record.key ? record.key->data() : nullptr;
  const size_t key_size = record.key ? record.key->size() : 0;
  void* value = const_cast<uint8_t*>(record.value.data());
  const size_t value_size = record.value.size();
  for (;;) {
    rd_kafka_headers_t* raw_headers = headers.get();
    const rd_kafka_resp_err_t err = rd_kafka_producev(
        handle_.get(), RD_KAFKA_V_TOPIC(record.topic.c_str()),
        RD_KAFKA_V_PARTITION(record.partition), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_VALUE(value, value_size), RD_KAFKA_V_KEY(key, key_size),
        RD_KAFKA_V_TIMESTAMP(record.timestamp_ms), RD_KAFKA_V_HEADERS(raw_headers), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      (void)headers.release();  // the message owns its headers now
      break;
    }
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      throw KafkaError("produce to " + record.topic + " failed: " + rd_kafka_err2str(err), err);
    }
    rd_kafka_poll(handle_.get(), 50);  // make room by serving delivery reports
  }
  rd_kafka_poll(handle_.get(), 0);
}

void Producer::flush(int timeout_ms) {
  const rd_kafka_resp_err_t err = rd_kafka_flush(handle_.get(), timeout_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw KafkaError("flush timed out with " + std::to_string(rd_kafka_outq_len(handle_.get())) +
                         " records undelivered",
                     err);
  }
  if (failed_.load() > 0) throw KafkaError(first_error_);
}

}  // namespace sharpline::runtime::kafka
