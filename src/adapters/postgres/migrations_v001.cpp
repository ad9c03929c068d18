// V001__init.sql: the sink's first schema. Migrations are embedded in the binary so the sink
// can bring any database up to date by itself; an applied migration never changes (its checksum
// is recorded), a change is a new V00N file.
#include "adapters/postgres/migrations.hpp"

namespace sharpline::adapters::postgres {

const char* const kMigrationV001 = R"SQL(
-- Tables holding the latest state of something (events, opportunities, grades and their legs)
-- take a record only when it comes later on the same partition than the stored one
-- (src_partition, src_offset): the topic order is the order of the updates, and re-consumed
-- older records change nothing.

-- Fixtures: the latest record per event_id (events.v1 is compacted: last record wins).
CREATE TABLE events (
  event_id       text PRIMARY KEY,
  sport          text NOT NULL,
  league         text,
  season         integer,
  week           integer,
  home_team      text NOT NULL,
  away_team      text NOT NULL,
  commence_at    timestamptz NOT NULL,
  neutral_site   boolean NOT NULL,
  venue          text,
  status         text NOT NULL,
  source         text NOT NULL,
  updated_at     timestamptz NOT NULL,
  external_ids   jsonb NOT NULL,
  src_partition  integer NOT NULL,
  src_offset     bigint NOT NULL
);
CREATE INDEX events_commence_idx ON events (commence_at);
CREATE INDEX events_sport_commence_idx ON events (sport, commence_at);

-- Predictions are immutable: one row per prediction_id.
CREATE TABLE predictions (
  prediction_id  text PRIMARY KEY,
  event_id       text NOT NULL,
  sport          text NOT NULL,
  market         text NOT NULL,
  as_of          timestamptz NOT NULL,
  created_at     timestamptz NOT NULL,
  model_name     text NOT NULL,
  model_version  text NOT NULL,
  role           text NOT NULL CHECK (role IN ('CHAMPION', 'CHALLENGER', 'CONSENSUS')),
  base_value     double precision,
  lock_sha256    text NOT NULL,
  commence_at    timestamptz,
  src_partition  integer NOT NULL,
  src_offset     bigint NOT NULL
);
CREATE INDEX predictions_event_idx ON predictions (event_id, created_at);

CREATE TABLE prediction_outcomes (
  prediction_id  text NOT NULL REFERENCES predictions ON DELETE CASCADE,
  outcome_index  integer NOT NULL,
  outcome        text NOT NULL,
  point          double precision,
  probability    double precision NOT NULL CHECK (probability BETWEEN 0 AND 1),
  PRIMARY KEY (prediction_id, outcome_index)
);

CREATE TABLE prediction_contributions (
  prediction_id  text NOT NULL REFERENCES predictions ON DELETE CASCADE,
  rank           integer NOT NULL,
  feature        text NOT NULL,
  value          double precision NOT NULL,
  outcome        text,
  PRIMARY KEY (prediction_id, rank)
);

-- The current state of each opportunity (its newest record), and every lifecycle record.
CREATE TABLE opportunities (
  opportunity_id    text PRIMARY KEY,
  event_id          text NOT NULL,
  sport             text NOT NULL,
  market            text NOT NULL,
  commence_at       timestamptz,
  kind              text NOT NULL,
  state             text NOT NULL CHECK (state IN ('OPEN', 'UPDATED', 'CLOSED')),
  expected_value    double precision,
  kelly_fraction    double precision,
  arbitrage_return  double precision,
  middle_gap        double precision,
  tier              text,
  prediction_id     text,
  detected_at       timestamptz NOT NULL,
  as_of             timestamptz NOT NULL,
  closed_reason     text,
  src_partition     integer NOT NULL,
  src_offset        bigint NOT NULL
);
CREATE INDEX opportunities_open_ev_idx ON opportunities (expected_value DESC)
  WHERE state <> 'CLOSED';
CREATE INDEX opportunities_event_idx ON opportunities (event_id);

-- The legs of the current state (an opportunity's id hashes its legs' books, outcomes and
-- lines, so the number of legs never changes across its records).
CREATE TABLE opportunity_legs (
  opportunity_id    text NOT NULL REFERENCES opportunities ON DELETE CASCADE,
  leg_index         integer NOT NULL,
  bookmaker         text NOT NULL,
  outcome           text NOT NULL,
  point             double precision,
  price             double precision NOT NULL CHECK (price > 1.0),
  stake             double precision NOT NULL CHECK (stake >= 0),
  fair_probability  double precision CHECK (fair_probability BETWEEN 0 AND 1),
  as_of             timestamptz NOT NULL,
  src_partition     integer NOT NULL,
  src_offset        bigint NOT NULL,
  PRIMARY KEY (opportunity_id, leg_index)
);
CREATE INDEX opportunity_legs_book_idx ON opportunity_legs (bookmaker);

-- Lifecycle history: one row per OPEN / UPDATED / CLOSED record, keyed by what the record says
-- (not where it sits on the topic, so a re-published copy is the same row).
CREATE TABLE opportunity_transitions (
  opportunity_id    text NOT NULL,
  state             text NOT NULL CHECK (state IN ('OPEN', 'UPDATED', 'CLOSED')),
  as_of             timestamptz NOT NULL,
  expected_value    double precision,
  kelly_fraction    double precision,
  arbitrage_return  double precision,
  middle_gap        double precision,
  tier              text,
  closed_reason     text,
  legs              jsonb NOT NULL,
  src_partition     integer NOT NULL,
  src_offset        bigint NOT NULL,
  PRIMARY KEY (opportunity_id, as_of, state)
);

-- Settlements: one per graded opportunity (or graded prediction, kind = 'prediction').
CREATE TABLE grades (
  opportunity_id         text NOT NULL,
  kind                   text NOT NULL,
  event_id               text NOT NULL,
  sport                  text NOT NULL,
  market                 text NOT NULL,
  prediction_id          text,
  total_profit           double precision NOT NULL,
  graded_at              timestamptz NOT NULL,
  home_score             integer,
  away_score             integer,
  strategy               text,
  probability_of_result  double precision,
  brier                  double precision,
  log_loss               double precision,
  src_partition          integer NOT NULL,
  src_offset             bigint NOT NULL,
  PRIMARY KEY (opportunity_id, kind)
);
CREATE INDEX grades_strategy_idx ON grades (strategy);
CREATE INDEX grades_prediction_idx ON grades (prediction_id) WHERE prediction_id IS NOT NULL;

CREATE TABLE grade_legs (
  opportunity_id            text NOT NULL,
  kind                      text NOT NULL,
  leg_index                 integer NOT NULL,
  bookmaker                 text NOT NULL,
  outcome                   text NOT NULL,
  point                     double precision,
  price                     double precision NOT NULL CHECK (price > 1.0),
  stake                     double precision NOT NULL,
  result                    text NOT NULL,
  profit                    double precision NOT NULL,
  closing_price             double precision,
  closing_fair_probability  double precision,
  clv                       double precision,
  graded_at                 timestamptz NOT NULL,
  src_partition             integer NOT NULL,
  src_offset                bigint NOT NULL,
  PRIMARY KEY (opportunity_id, kind, leg_index),
  FOREIGN KEY (opportunity_id, kind) REFERENCES grades ON DELETE CASCADE
);
CREATE INDEX grade_legs_book_idx ON grade_legs (bookmaker);

-- Where each consumer group's next record is, written in the same transaction as the rows: the
-- database is exactly-once whatever happened to the Kafka offset commits.
CREATE TABLE sink_offsets (
  consumer_group  text NOT NULL,
  topic           text NOT NULL,
  partition       integer NOT NULL,
  next_offset     bigint NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, topic, partition)
);
)SQL";

}  // namespace sharpline::adapters::postgres
