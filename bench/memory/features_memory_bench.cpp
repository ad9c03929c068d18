// memory/features_*: resident bytes per live (event, book, market, outcome) in the features
// stage. The real stage runs on the test driver (one partition, in-process records, changelogs
// discarded: on Kafka they leave the process), as the backtest harness creates it, and is fed a
// seeded live feed (quote_feed.hpp). Growth of the malloc heap (mallinfo2 uordblks) and of the
// RSS (/proc/self/statm) from before the first quote to after the last poll has been judged and
// committed, divided by the live quotes; then where the store's bytes are (market_footprint.hpp).
//
//   sharpline_memory_bench [--quotes N] [--polls P] [--move-share S] [--commit-interval N]
//   [--quick]
//
// --quick is 10k quotes for a smoke test (e.g. under ASan, whose allocator makes the figures
// meaningless: report them, do not judge them).
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "backtest/offline_serde.hpp"
#include "memory/market_footprint.hpp"
#include "memory/quote_feed.hpp"
#include "runtime/stream/test_driver.hpp"
#include "stages/features_stage.hpp"
#include "stages/topic_names.hpp"

namespace {

using namespace sharpline;
using bench::memory::FeedOptions;

struct Usage {
  std::size_t heap = 0;
  std::size_t rss = 0;
};

Usage usage() {
  Usage out;
  out.heap = mallinfo2().uordblks;
  std::ifstream statm("/proc/self/statm");
  std::size_t size_pages = 0;
  std::size_t resident_pages = 0;
  statm >> size_pages >> resident_pages;
  out.rss = resident_pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return out;
}

void print(const std::string& name, double value, const std::string& unit,
           const std::string& detail) {
  nlohmann::ordered_json line = {{"name", name},
                                 {"value", value},
                                 {"unit", unit},
                                 {"cores", std::thread::hardware_concurrency()},
                                 {"detail", detail}};
  std::cout << line.dump() << std::endl;
}

struct Options {
  FeedOptions feed;
  std::size_t commit_interval = 4096;  // records per transaction, as the backtest harness
};

Options parse(int argc, char** argv) {
  Options all;
  FeedOptions& options = all.feed;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--quick") {
      options.live_quotes = 10000;
    } else if (arg == "--quotes" && has_value) {
      options.live_quotes = std::stoul(argv[++i]);
    } else if (arg == "--polls" && has_value) {
      options.polls = std::stoi(argv[++i]);
    } else if (arg == "--commit-interval" && has_value) {
      all.commit_interval = std::stoul(argv[++i]);
    } else if (arg == "--move-share" && has_value) {
      options.move_share = std::stod(argv[++i]);
    } else {
      std::cerr << "usage: sharpline_memory_bench [--quotes N] [--polls P] [--move-share S] "
                   "[--commit-interval N] [--quick]\n";
      std::exit(2);
    }
  }
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  const FeedOptions& feed_options = options.feed;
  auto codec = std::make_shared<stages::RecordCodec>(backtest::make_offline_topic_serde(),
                                                     stages::RecordCodec::Wire::kInProcess);
  bench::memory::QuoteFeed feed(feed_options);
  std::cerr << "feed: " << feed.events() << " events, " << feed.live_quotes() << " live quotes, "
            << feed_options.polls << " polls\n";

  runtime::stream::TestDriver driver(
      stages::features_stage(codec, stages::PipelineOptions{}), 1,
      [](const runtime::stream::DeadLetter& letter) {
        static int shown = 0;
        if (shown++ < 3)
          std::cerr << "dead letter: " << letter.error_kind << ": " << letter.reason << "\n";
        return std::vector<uint8_t>(letter.reason.begin(), letter.reason.end());
      },
      feed.poll_ms(0));
  driver.set_commit_interval(options.commit_interval);
  driver.discard_changelogs(true);

  const Usage before = usage();
  {
    const struct mallinfo2 info = mallinfo2();
    std::cerr << "malloc before: arena " << info.arena << ", in use " << info.uordblks << ", free "
              << info.fordblks << ", mmapped " << info.hblkhd << ", rss " << before.rss << "\n";
  }
  std::size_t quotes = 0;
  std::size_t dead_letters = 0;
  std::size_t vectors = 0;
  std::size_t peak_heap = before.heap;
  std::size_t records = 0;
  for (int poll = 0; poll < feed_options.polls; ++poll) {
    if (poll > 0) driver.advance_wall_clock(feed.poll_ms(poll) - feed.poll_ms(poll - 1));
    quotes += feed.poll(poll, [&](const domain::OddsQuote& quote) {
      const auto outcome =
          driver.pipe_value(stages::kOddsTopic, quote.event_id,
                            runtime::stream::InProcessValue::of(quote), quote.observed_ms);
      if (outcome == runtime::stream::RecordOutcome::kDeadLettered) ++dead_letters;
      // Downstream stages own the vectors once sent (the backtest harness drains them per quote).
      vectors += driver.output(stages::kFeaturesTopic).size();
      driver.clear_outputs();
      // The peak, sampled (mallinfo2 walks the free lists): RSS keeps what the heap once held.
      if (++records % 64 == 0) peak_heap = std::max(peak_heap, mallinfo2().uordblks);
    });
    const struct mallinfo2 info = mallinfo2();
    std::cerr << "after poll " << poll << ": in use " << info.uordblks << ", free " << info.fordblks
              << ", arena " << info.arena << "\n";
  }
  // The last poll is judged once its markets have been quiet for 5 s of wall clock.
  for (int second = 0; second < 7; ++second) driver.advance_wall_clock(1000);
  driver.set_commit_interval(1);  // commits: the undo log of the open transaction goes
  vectors += driver.output(stages::kFeaturesTopic).size();
  driver.clear_outputs();
  const Usage after = usage();
  {
    const struct mallinfo2 info = mallinfo2();
    std::cerr << "malloc after: arena " << info.arena << ", in use " << info.uordblks << ", free "
              << info.fordblks << ", mmapped " << info.hblkhd << ", top pad " << info.keepcost
              << "\n";
    malloc_trim(0);
    std::cerr << "rss growth after malloc_trim(0): "
              << (static_cast<double>(usage().rss) - static_cast<double>(before.rss)) /
                     static_cast<double>(feed.live_quotes())
              << " bytes per live quote\n";
  }

  auto& store = dynamic_cast<runtime::stream::KeyValueStore<stages::FeaturesMarket>&>(
      driver.task(0).task_store("markets"));
  const auto footprint = bench::memory::market_footprint(store.entries());
  std::cerr << "quotes piped: " << quotes << ", dead letters: " << dead_letters
            << ", vectors: " << vectors << ", markets: " << footprint.markets
            << ", prices: " << footprint.prices << ", moves held: " << footprint.moves << "\n";
  if (footprint.prices != feed.live_quotes()) {
    std::cerr << "warning: the store holds " << footprint.prices << " prices, the feed has "
              << feed.live_quotes() << " live quotes\n";
  }

  const auto live = static_cast<double>(feed.live_quotes());
  const std::string setup =
      std::to_string(feed.live_quotes()) + " live quotes, " + std::to_string(feed.events()) +
      " NFL/NBA/EPL events x 11 books x " + "h2h/spreads/totals, " +
      std::to_string(feed_options.polls) + " polls 60 s apart, " +
      std::to_string(static_cast<int>(feed_options.move_share * 100)) +
      "% of lines moving per poll (" + std::to_string(footprint.moves) + " moves held)";
  const double heap_per =
      (static_cast<double>(after.heap) - static_cast<double>(before.heap)) / live;
  const double rss_per = (static_cast<double>(after.rss) - static_cast<double>(before.rss)) / live;
  const double peak_per =
      (static_cast<double>(peak_heap) - static_cast<double>(before.heap)) / live;
  print("memory/features_bytes_per_live_quote", rss_per, "bytes",
        "resident (RSS) growth; the live heap is " + std::to_string(static_cast<int>(heap_per)) +
            " B, its peak " + std::to_string(static_cast<int>(peak_per)) + " B; " + setup);
  print("memory/features_heap_bytes_per_live_quote", heap_per, "bytes",
        "malloc heap in use (mallinfo2 uordblks) after the last poll; " + setup);
  print("memory/features_peak_heap_bytes_per_live_quote", peak_per, "bytes",
        "highest heap in use after a record (every 64th), commit interval " +
            std::to_string(options.commit_interval) + " records");
  print("memory/features_rss_bytes_per_live_quote", rss_per, "bytes",
        "/proc/self/statm resident growth; " + setup);
  for (const auto& [part, bytes] : footprint.bytes) {
    print("memory/features_store_" + part + "_bytes_per_live_quote",
          static_cast<double>(bytes) / live, "bytes", "markets store, attributed by walking it");
  }
  print("memory/features_store_attributed_bytes_per_live_quote",
        static_cast<double>(footprint.total()) / live, "bytes",
        "sum of the store parts; the rest of the heap growth is outside the markets store");
  return 0;
}
