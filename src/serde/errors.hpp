#pragma once

// Error policy of the serialization layer (sharpline::serde).
//
// Every failure is reported by throwing an exception derived from SerdeError, itself a
// std::runtime_error, so a caller that only wants "could not (de)serialize" catches SerdeError
// and routes the record to the dead-letter topic with what() as the reason. The subclasses let
// callers pick the dead-letter error_kind without parsing messages:
//   SchemaError      - a schema text is invalid or cannot be found (a deployment problem;
//                      messages name the file when one is involved). Thrown at start-up.
//   RecordError      - a record does not fit its schema: bad JSON on encode, malformed or
//                      truncated Avro binary on decode. what() is "<field path>: <problem>",
//                      path() and problem() give the two parts.
//   WireFormatError  - bytes are not a Confluent-framed message (too short, wrong magic byte).
// No function of this layer reports errors through return codes, errno or Avro C's global
// error string; the latter is copied into the exception message where it helps.

#include <stdexcept>
#include <string>

namespace sharpline::serde {

class SerdeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SchemaError : public SerdeError {
 public:
  using SerdeError::SerdeError;
};

class RecordError : public SerdeError {
 public:
  // path is the field path in natural-JSON terms ("legs[1].price", "headers[\"x-id\"]"); empty
  // for the record itself.
  RecordError(std::string path, std::string problem)
      : SerdeError(path.empty() ? problem : path + ": " + problem),
        path_(std::move(path)),
        problem_(std::move(problem)) {}

  const std::string& path() const noexcept { return path_; }
  const std::string& problem() const noexcept { return problem_; }

 private:
  std::string path_;
  std::string problem_;
};

class WireFormatError : public SerdeError {
 public:
  using SerdeError::SerdeError;
};

}  // namespace sharpline::serde
