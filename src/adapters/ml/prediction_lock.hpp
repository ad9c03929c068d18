// The lock hash of a prediction: SHA-256 over a canonical text of every field of a
// domain::Prediction except lock_sha256 itself, so anyone holding the record can recompute it
// later and see that nothing (probabilities, model version, creation time...) was changed after
// the fact. The text is defined in docs/models.md ("Prediction lock") and by
// canonical_prediction_text below; it is versioned by its first line.
#pragma once

#include <string>

#include "domain/records/pipeline_records.hpp"

namespace sharpline::adapters::ml {

// The canonical serialization (UTF-8 bytes, '\n' after every field), in this fixed order:
//   sharpline.prediction.lock.v1
//   prediction_id, event_id, sport, market, as_of_ms, created_ms, model_name, model_version,
//   role, outcomes, contributions, base_value, commence_ms
// Each field is written "<name>=<value>\n" where the value is:
//   string        s<byte length>:<bytes>
//   integer       i<decimal>
//   double        d<printf %.17g>
//   absent        -                      (an empty std::optional)
//   role          champion | challenger | consensus
//   list          [<count> then each element's values separated by ';', then ']'
//                 outcomes: outcome;point;probability   contributions: feature;value;outcome
std::string canonical_prediction_text(const domain::Prediction& prediction);

// 64 lower-case hex digits: sha256(canonical_prediction_text(prediction)).
std::string prediction_lock(const domain::Prediction& prediction);

// True if prediction.lock_sha256 equals prediction_lock(prediction).
bool verify_prediction_lock(const domain::Prediction& prediction);

}  // namespace sharpline::adapters::ml
