// The declared configuration keys. Add a key here before reading it anywhere else.
#include <algorithm>

#include "common/config.hpp"

namespace sharpline {
namespace {

std::vector<ConfigKey> make_keys() {
  std::vector<ConfigKey> keys = {
      {"bootstrap", ConfigType::kString, "",
       "Kafka bootstrap servers HOST:PORT[,...]; empty starts an embedded broker in-process."},
      {"embedded.brokers", ConfigType::kInt, "1",
       "Number of brokers in the embedded (mock) cluster."},
      {"schema.registry.url", ConfigType::kUrl, "",
       "Confluent-compatible Schema Registry URL; empty uses the embedded registry."},
      {"schema.registry.basic.auth", ConfigType::kString, "",
       "USER:PASSWORD for the Schema Registry (secret: environment or file only).", true},
      {"http.listen", ConfigType::kHostPort, "127.0.0.1:8088",
       "Where long-running commands serve /health, /ready, /metrics and the registry; port 0 "
       "picks a free port."},
      {"http.admin.token", ConfigType::kString, "",
       "Bearer token required by admin endpoints (secret: environment or file only).", true},
      {"http.live.enabled", ConfigType::kBool, "true",
       "Serve the live page: GET / (open opportunities, alert feed), /api/opportunities, "
       "/api/alerts and the /alerts/stream SSE stream."},
      {"http.live.alerts", ConfigType::kInt, "100",
       "Recent alerts the live page keeps (and reads back per alerts partition at start)."},
      {"http.live.opportunities", ConfigType::kInt, "1000",
       "Most open opportunities the live page keeps (the stalest are dropped)."},
      {"http.live.lookback", ConfigType::kInt, "1000",
       "Opportunity records per partition the live page reads back at start to rebuild the "
       "open set."},
      {"log.level", ConfigType::kString, "info", "trace, debug, info, warn, error or off."},
      {"log.format", ConfigType::kString, "json", "json (one object per line) or text."},
      {"data.dir", ConfigType::kString, "",
       "Directory of the shared public data sets (default: ../shared/data next to the source "
       "tree)."},
      {"schemas.dir", ConfigType::kString, "", "Directory of the Avro schemas (*.avsc)."},
      {"topics.dir", ConfigType::kString, "", "Directory of the declared topics (*.json)."},
      {"topics.replication.factor", ConfigType::kInt, "-1",
       "Replication factor for topics created by `topics apply` (-1: broker default)."},
      {"stage.processing.guarantee", ConfigType::kString, "exactly_once",
       "exactly_once (Kafka transactions) or at_least_once (faster; duplicates after failures)."},
      {"stage.commit.interval.ms", ConfigType::kInt, "100",
       "How often a stage commits its transaction (latency of outputs vs. throughput)."},
      {"stage.state.dir", ConfigType::kString, "",
       "Directory for store snapshots between runs; empty: no snapshots, every start restores "
       "the whole changelog."},
      {"stage.rebalance.protocol", ConfigType::kString, "eager",
       "eager (range assignor) or cooperative-sticky (real clusters)."},
      {"stage.idle.timeout.ms", ConfigType::kInt, "30000",
       "After this long without records, a partition's stream time follows the wall clock."},
      {"stage.retry.backoff.ms", ConfigType::kInt, "100",
       "First pause before retrying a record after a transient failure (doubles each time)."},
      {"stage.retry.backoff.max.ms", ConfigType::kInt, "10000", "Longest pause between retries."},
      {"sink.postgres.dsn", ConfigType::kString, "",
       "libpq connection string or URI of the Postgres sink's database (secret: environment or "
       "file only; better keep the password in PGPASSWORD or PGPASSFILE).",
       true},
      {"sink.postgres.group", ConfigType::kString, "sharpline-sink-postgres",
       "Consumer group of the Postgres sink (its offsets are stored in the database too)."},
      {"sink.postgres.batch.size", ConfigType::kInt, "1000",
       "Postgres sink: records per database transaction at most."},
      {"sink.postgres.batch.ms", ConfigType::kInt, "500",
       "Postgres sink: the longest a record waits for its batch to be written."},
      {"sink.postgres.retry.backoff.ms", ConfigType::kInt, "200",
       "Postgres sink: first pause before reconnecting to the database (doubles each time)."},
      {"sink.postgres.retry.backoff.max.ms", ConfigType::kInt, "5000",
       "Postgres sink: longest pause between reconnection attempts."},
      {"stage.mirror.offset.commits", ConfigType::kString, "auto",
       "auto, true or false: also commit offsets outside the transaction (needed only on the "
       "embedded broker, whose transactional offset commits are not stored; auto = when this "
       "process hosts the embedded broker)."},
      {"features.devig.method", ConfigType::kString, "shin",
       "De-vig method of the consensus: multiplicative, additive, power, shin, odds-ratio, "
       "logarithmic or goto."},
      {"features.book.weights", ConfigType::kString, "pinnacle=3,circasports=2,bookmaker=2",
       "Consensus weight per book, BOOK=W comma list; default=W for unlisted books (1)."},
      {"features.bettable.books", ConfigType::kString, "",
       "Books you can bet at, comma list (empty: all): best prices and opportunities use only "
       "these; the consensus still uses every book."},
      {"features.steam.min.books", ConfigType::kInt, "3",
       "Steam: books that must move the same direction within the window."},
      {"features.steam.min.move", ConfigType::kDouble, "0.02",
       "Steam: smallest move of a book's implied probability (0.02 = 2 points)."},
      {"features.steam.window.minutes", ConfigType::kInt, "60", "Steam: the window."},
      {"features.emit.min.probability.change", ConfigType::kDouble, "0.005",
       "A feature vector is emitted when a consensus probability moved at least this much "
       "(or a best price, book count or steam changed)."},
      {"inference.model.dir", ConfigType::kString, "",
       "Directory of XGBoost models (*.meta.json); empty: market-consensus predictions only."},
      {"inference.refresh.seconds", ConfigType::kInt, "10",
       "How often the inference stage looks for new model files."},
      {"inference.contributions.top", ConfigType::kInt, "5",
       "SHAP contributions kept per prediction (largest absolute first)."},
      {"opportunities.probability.source", ConfigType::kString, "consensus",
       "Fair probabilities for value bets: consensus (de-vigged market) or model (champion "
       "prediction where there is one)."},
      {"opportunities.value.min.ev", ConfigType::kDouble, "0.02",
       "Smallest expected value of a value bet (0.02 = +2%)."},
      {"opportunities.value.min.books", ConfigType::kInt, "3",
       "Books that must quote a line before its consensus is trusted for value bets."},
      {"opportunities.kelly.multiplier", ConfigType::kDouble, "0.25", "Fractional Kelly."},
      {"opportunities.kelly.cap", ConfigType::kDouble, "0.05",
       "Largest stake on one line (value bets, simultaneous Kelly), and the total stake of one "
       "arbitrage or middle, as a fraction of bankroll."},
      {"opportunities.arbitrage.min.return", ConfigType::kDouble, "0.0005",
       "Smallest guaranteed return of an arbitrage."},
      {"opportunities.middle.max.cost", ConfigType::kDouble, "0.04",
       "Largest loss per unit staked of a middle when only one side wins."},
      {"opportunities.steam.min.ev", ConfigType::kDouble, "0.0",
       "Smallest EV of the stale price of a steam move against the consensus."},
      {"opportunities.hysteresis", ConfigType::kDouble, "0.005",
       "Keep-alive margin below the opening thresholds (no flapping)."},
      {"opportunities.update.min.ev.change", ConfigType::kDouble, "0.005",
       "EV change that makes an open opportunity re-emit as UPDATED."},
      {"odds_api.api_key", ConfigType::kString, "",
       "The Odds API key for `collect odds --source api` (secret: SHARPLINE_ODDS_API_API_KEY or "
       "SHARPLINE_ODDS_API_API_KEY_FILE, or a {\"file\"|\"env\"} reference).",
       true},
      {"odds_api.base.url", ConfigType::kUrl, "https://api.the-odds-api.com",
       "The Odds API base URL (a fixture server in tests)."},
      {"odds_api.sports", ConfigType::kString, "americanfootball_nfl",
       "Comma list of sport keys polled by `collect odds --source api` (round-robin)."},
      {"odds_api.regions", ConfigType::kString, "us", "regions= of /odds requests (comma list)."},
      {"odds_api.markets", ConfigType::kString, "h2h,spreads,totals",
       "markets= of /odds requests (comma list); each market in each region costs one credit."},
      {"odds_api.bookmakers", ConfigType::kString, "",
       "bookmakers= of /odds requests (comma list); empty: not sent, regions decide."},
      {"odds_api.odds.format", ConfigType::kString, "decimal",
       "oddsFormat= of /odds requests: decimal or american."},
      {"odds_api.interval.seconds", ConfigType::kInt, "600",
       "Base poll interval per sport when none of its events starts within the near window."},
      {"odds_api.sport.intervals", ConfigType::kString, "",
       "Per-sport base intervals overriding odds_api.interval.seconds, e.g. "
       "\"baseball_mlb=300,americanfootball_nfl=900\"."},
      {"odds_api.near.interval.seconds", ConfigType::kInt, "120",
       "Poll interval of a sport while one of its events starts within the near window."},
      {"odds_api.near.window.minutes", ConfigType::kInt, "180",
       "How soon before an event's start its sport is polled at the near interval."},
      {"odds_api.timeout.ms", ConfigType::kInt, "10000", "Timeout of one /odds request attempt."},
      {"odds_api.quota.until", ConfigType::kString, "",
       "ISO-8601 UTC end of the quota period the remaining credits must last until; empty: the "
       "start of the next calendar month (UTC)."},
      {"alerts.webhook.subscribers", ConfigType::kString, "",
       "Subscribers file (JSON) of `alerts webhook` (docs/alerts.md)."},
      {"alerts.webhook.max.attempts", ConfigType::kInt, "5",
       "Webhook POST attempts per alert before its dead letter, for subscribers that do not set "
       "max_attempts (first attempt included)."},
      {"alerts.webhook.backoff.initial.ms", ConfigType::kInt, "500",
       "Ceiling of the first webhook retry's jittered wait (doubles per retry)."},
      {"alerts.webhook.backoff.max.ms", ConfigType::kInt, "30000",
       "Largest ceiling of a webhook retry's jittered wait."},
      {"alerts.webhook.timeout.ms", ConfigType::kInt, "5000",
       "Timeout of one webhook POST attempt, connect to last byte."},
      {"alerts.webhook.retry.after.max.ms", ConfigType::kInt, "300000",
       "Longest Retry-After (on 429/503) a webhook retry waits for."},
      {"instance.id", ConfigType::kString, "",
       "Name of this process in logs and metrics (default: hostname-pid)."},
  };
  std::sort(keys.begin(), keys.end(),
            [](const ConfigKey& a, const ConfigKey& b) { return a.name < b.name; });
  return keys;
}

}  // namespace

const std::vector<ConfigKey>& config_keys() {
  static const std::vector<ConfigKey> keys = make_keys();
  return keys;
}

const ConfigKey* find_config_key(std::string_view name) {
  for (const auto& key : config_keys()) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

}  // namespace sharpline
