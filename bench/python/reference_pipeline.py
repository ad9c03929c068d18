#!/usr/bin/python3
"""The features -> opportunities logic of sharpline, written the way a quant developer would
write it in Python with numpy: the yardstick for issue 9's "at least 50x the Python reference".

It reads the same files as `sharpline backtest` and processes the quotes in time order, one
market poll at a time (a poll = the books' prices of one market at one time). Per poll, with
the pipeline's default options (src/stages/pipeline_options.*, src/common/config_keys.cpp):

  * market state: plain dicts per market, line -> book -> prices (a book keeps its last price
    until it quotes again, as in the features stage; an NFL snapshot is the market's whole state,
    so there a line a book stopped quoting is gone, like the collector's REMOVED records);
  * view per line (h2h / 1X2: one line; totals: Over L with Under L; spreads: home at p with
    away at -p), as numpy arrays of books x outcomes: best price and its book, books quoting,
    Shin de-vig of every book quoting the whole line (vectorised Newton for 3 outcomes,
    Strumbelj's closed form for 2), weighted pool (pinnacle 3, circasports 2, bookmaker 2,
    others 1) after robust-z outlier rejection (weighted median and MAD, z 3.5, floor 0.01,
    >= 3 books) -- src/domain/odds/consensus.*, src/domain/market/market_view.*;
  * emission rule: a vector only when a line or a book appears or goes, a best price or its
    book changes, or a consensus probability moves >= 0.005 (src/domain/market/emission_rule.*);
  * opportunities on each vector: value (EV = p D - 1 >= 0.02, >= 3 books quoting, p >= 0.02,
    simultaneous Kelly over the line's outcomes x 0.25, capped at 0.05 -- Smoczynski & Tomkins,
    src/domain/odds/kelly.*) and arbitrage (1 / sum(1/D) - 1 >= 0.0005, equal-payout stakes);
    an opportunity is counted as opened when its (kind, line, outcome, book) was not open on the
    market's previous vector.

Left out (so the real pipeline does more work per record): steam and middles, the feature
vector's other fields (Elo, rest, weather, openings), model inference, hysteresis and the
opportunity lifecycle records, tiers and alert text, grading and the bettor, Avro/JSON records
between stages, state stores and changelogs.

Timed: the processing only (sorting the quotes into time order, grouping polls, all of the
above). Reading and parsing the files is timed separately and reported in `detail`. Records are
the quotes read: on nfl-snapshots every outcome of every poll (2.5 million), of which a market
whose prices did not move since its last poll is skipped, as the features stage skips it.
A whole-season array program (every match at once) would be faster, but it could not run live,
and sharpline runs live.

Sanity check against `sharpline backtest` (default strategy: value bets, h2h/1X2, at close):
"value open at close" is 822 on the --quick files (D1 2012-2014), where the backtest takes 832
bets; on nfl-snapshots it is 6 against 1 bet (the reference also reads the games nflverse does
not have, 269 events against 251, and has no hysteresis).

bench/python/backtest_ratio.py runs this and `sharpline backtest` on the same data and prints
the speed ratio.

  bench/python/reference_pipeline.py --data-dir ../shared/data --dataset football-data [--quick]
  bench/python/reference_pipeline.py --data-dir ../shared/data --dataset nfl-snapshots [--quick]

Prints one JSON line per figure on stdout (records/s and events/s), progress on stderr.
"""

import argparse
import csv
import gzip
import io
import json
import os
import sys
import time
from datetime import datetime, timedelta, timezone
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

# Defaults of the pipeline (src/common/config_keys.cpp, src/domain/opportunities/detection.hpp).
MIN_EV = 0.02
MIN_BOOKS = 3
MIN_PROBABILITY = 0.02
KELLY_MULTIPLIER = 0.25
KELLY_CAP = 0.05
MIN_ARBITRAGE_RETURN = 0.0005
EMIT_MIN_PROBABILITY_CHANGE = 0.005
OUTLIER_THRESHOLD = 3.5
OUTLIER_MIN_DEVIATION = 0.01
OUTLIER_MIN_BOOKS = 3
MAD_TO_SIGMA = 1.4826
BOOK_WEIGHTS = {"pinnacle": 3.0, "circasports": 2.0, "bookmaker": 2.0}

# football-data.co.uk columns (src/adapters/history/football_data_loader.cpp); the aggregate
# columns (Max, Avg, BbMx, BbAv) are not books and are dropped, as `sharpline backtest` does.
ONE_X_TWO_BOOKS = [("B365", "bet365"), ("BW", "bwin"), ("IW", "interwetten"),
                   ("PS", "pinnacle"), ("WH", "williamhill"), ("VC", "betvictor"),
                   ("LB", "ladbrokes"), ("SJ", "stanjames"), ("GB", "gamebookers"),
                   ("BS", "bluesquare")]
TOTALS_BOOKS = [("B365", "bet365"), ("P", "pinnacle")]
OPENING_LEAD = timedelta(hours=48)  # pre-closing prices: stamped kickoff - 48 h
CLOSING_LEAD = timedelta(minutes=1)  # closing prices: kickoff - 1 min
UK = ZoneInfo("Europe/London")

# One quote: (time_ms, event, market, line, outcome index, book, decimal price, commence_ms).
# Outcome indices: 1X2 home 0, draw 1, away 2; totals over 0, under 1; h2h and spreads away 0,
# home 1. The line is the total, the home side's spread, or 0 for moneylines.
T, EVENT, MARKET, LINE, OUTCOME, BOOK, PRICE, COMMENCE = range(8)
OUTCOMES = {"h2h_3way": 3, "totals": 2, "h2h": 2, "spreads": 2}


# ---------------------------------------------------------------------------------- loading

def _price(text):
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value > 1.0 else None


def _kickoff_ms(date_text, time_text):
    day, month, year = date_text.split("/")
    year = int(year) + (2000 if len(year) == 2 else 0)
    hour, minute = (int(x) for x in time_text.split(":")) if time_text else (15, 0)
    local = datetime(year, int(month), int(day), hour, minute, tzinfo=UK)
    return int(local.astimezone(timezone.utc).timestamp() * 1000)


def load_football_data(data_dir, quick):
    files = sorted((Path(data_dir) / "football_data").glob("*.csv*"))
    if not files:
        sys.exit(f"reference_pipeline: no football_data files under {data_dir}")
    if quick:
        files = files[:3]
    quotes, events = [], 0
    open_ms, close_ms = OPENING_LEAD // timedelta(milliseconds=1), 60_000
    for path in files:
        raw = gzip.open(path, "rb").read() if path.suffix == ".gz" else path.read_bytes()
        text = raw.decode("utf-8-sig", errors="replace")
        rows = csv.reader(io.StringIO(text))
        header = next(rows)
        # pandas re-saved the F1 files: X>2.5 became X_2_5 and X<2.5 became X_2_5_1.
        header = [h[:-6] + "<2.5" if h.endswith("_2_5_1") else
                  h[:-4] + ">2.5" if h.endswith("_2_5") else h for h in header]
        col = {name: i for i, name in enumerate(header)}
        for row in rows:
            if len(row) < len(header) or not row[col["HomeTeam"]]:
                continue
            try:
                kickoff = _kickoff_ms(row[col["Date"]], row[col.get("Time", -1)]
                                      if "Time" in col else "")
            except ValueError:
                continue
            event = f'{row[col["Div"]]}:{row[col["Date"]]}:{row[col["HomeTeam"]]}'
            events += 1
            for closing, at in ((False, kickoff - open_ms), (True, kickoff - close_ms)):
                c = "C" if closing else ""
                for prefix, book in ONE_X_TWO_BOOKS:
                    for k, side in enumerate("HDA"):
                        i = col.get(prefix + c + side)
                        price = _price(row[i]) if i is not None else None
                        if price:
                            quotes.append((at, event, "h2h_3way", 0.0, k, book, price, kickoff))
                for prefix, book in TOTALS_BOOKS:
                    for k, side in enumerate("><"):
                        i = col.get(prefix + c + side + "2.5")
                        price = _price(row[i]) if i is not None else None
                        if price:
                            quotes.append((at, event, "totals", 2.5, k, book, price, kickoff))
    return quotes, events, len(files)


def _iso_ms(text):
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def _american(price):
    return 1.0 + (price / 100.0 if price > 0 else 100.0 / -price)


def load_nfl_snapshots(data_dir, quick):
    path = Path(data_dir) / "odds_api_v4" / "nfl_2025_season_snapshots_hourly.jsonl.gz"
    if not path.exists():
        sys.exit(f"reference_pipeline: {path}: no such file")
    quotes, events, polls = [], set(), 0
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            snapshot = json.loads(line)
            polls += 1
            at = _iso_ms(snapshot["committed_at"])
            for game in snapshot["response"]:
                event, home = game["id"], game["home_team"]
                commence = _iso_ms(game["commence_time"])
                events.add(event)
                for bookmaker in game.get("bookmakers", []):
                    book = bookmaker["key"]
                    for market in bookmaker.get("markets", []):
                        key = market["key"]
                        if key not in OUTCOMES:
                            continue
                        for o in market.get("outcomes", []):
                            name, point = o["name"], o.get("point")
                            if key == "totals":
                                line_, k = float(point), 0 if name == "Over" else 1
                            elif key == "spreads":
                                k = 1 if name == home else 0
                                line_ = float(point) if k == 1 else -float(point)
                            else:
                                line_, k = 0.0, 1 if name == home else 0
                            quotes.append((at, event, key, line_, k, book,
                                           _american(o["price"]), commence))
            if quick and polls >= 200:
                break
    return quotes, len(events), polls


# ------------------------------------------------------------------------------- odds math

def shin(odds):
    """Shin fair probabilities of every book (rows) and whether each book could be de-vigged."""
    r = 1.0 / odds
    booksum = r.sum(axis=1)
    a = 4.0 * r * r / booksum[:, None]
    if odds.shape[1] == 2:  # Strumbelj (2014): z in closed form
        d2 = (r[:, 0] - r[:, 1]) ** 2
        z = (booksum - 1.0) * (d2 - booksum) / (booksum * (d2 - 1.0))
    else:  # sum_i p_i(z) = 1 by Newton, all books at once (decreasing, convex: monotone from 0)
        z = np.zeros(len(booksum))
        for _ in range(30):
            zc = z[:, None]
            s = np.sqrt(zc * zc + (1.0 - zc) * a)
            den = s + zc
            f = (a / (2.0 * den)).sum(axis=1) - 1.0
            if np.abs(f).max() < 1e-13:
                break
            slope = (-a * (2.0 * s + 2.0 * zc - a) / (4.0 * s * den * den)).sum(axis=1)
            z = np.minimum(np.maximum(z - f / slope, 0.0), 1.0)  # np.clip is slower here
    zc = z[:, None]
    p = a / (2.0 * (np.sqrt(zc * zc + (1.0 - zc) * a) + zc))
    p /= p.sum(axis=1, keepdims=True)
    return p, (booksum >= 1.0) & (z > -1e-12)


def weighted_median(values, weights):
    """Lower weighted median of every column of `values` (books x outcomes)."""
    order = np.argsort(values, axis=0, kind="stable")
    cumulative = np.cumsum(weights[order], axis=0)
    row = (cumulative >= 0.5 * weights.sum()).argmax(axis=0)
    return np.take_along_axis(values, order, axis=0)[row, np.arange(values.shape[1])]


def consensus(probabilities, weights):
    keep = weights > 0
    if keep.sum() >= OUTLIER_MIN_BOOKS:
        median = weighted_median(probabilities, weights)
        deviation = np.abs(probabilities - median)
        spread = MAD_TO_SIGMA * weighted_median(deviation, weights)
        tolerance = np.maximum(OUTLIER_THRESHOLD * spread, OUTLIER_MIN_DEVIATION)
        keep &= (deviation <= tolerance).all(axis=1)
    if not keep.any():
        return None
    pooled = weights[keep] @ probabilities[keep]
    return pooled / pooled.sum()


def simultaneous_kelly(prices, probabilities):
    """Smoczynski & Tomkins over one line's outcomes, x KELLY_MULTIPLIER, capped at KELLY_CAP."""
    n = len(prices)
    revenue = probabilities * prices
    order = np.argsort(-revenue, kind="stable")
    cum_p = np.cumsum(probabilities[order])
    cum_q = np.cumsum(1.0 / prices[order])
    room = 1.0 - cum_q
    with np.errstate(divide="ignore", invalid="ignore"):
        after = np.where(room > 0.0, np.maximum(0.0, (1.0 - cum_p) / room), 0.0)
    before = np.concatenate(([1.0], after[:-1]))  # reserve rate before adding each outcome
    fails = revenue[order] <= before
    chosen = n if not fails.any() else int(fails.argmax())
    stakes = np.zeros(n)
    if chosen:
        picked = order[:chosen]
        if n == 1:
            p, d = probabilities[0], prices[0]
            stakes[0] = p - (1.0 - p) / (d - 1.0)
        else:
            stakes[picked] = probabilities[picked] - after[chosen - 1] / prices[picked]
    stakes = np.maximum(stakes, 0.0) * KELLY_MULTIPLIER
    total = stakes.sum()
    if total > KELLY_CAP:
        stakes *= KELLY_CAP / total
    return stakes


# ------------------------------------------------------------------------------ processing

class Counts:
    def __init__(self):
        self.polls = self.vectors = 0
        self.value_detected = self.value_opened = 0
        self.arbitrage_detected = self.arbitrage_opened = 0
        self.value_stake = 0.0
        self.value_open_at_close = 0


def view_line(books, rows):
    """Best prices, their books, books quoting and consensus of one line; None without one."""
    prices = np.array(rows, dtype=float)  # books x outcomes, NaN where a book does not quote
    quoted = ~np.isnan(prices)
    complete = quoted.all(axis=1)
    if not complete.any():
        return None  # no book quotes the whole line: no fair price, not in the view
    fair, ok = shin(prices[complete])
    weights = np.array([BOOK_WEIGHTS.get(b, 1.0) for b, c in zip(books, complete) if c])[ok]
    if not ok.any():
        return None
    p = consensus(fair[ok], weights)
    if p is None:
        return None
    filled = np.where(quoted, prices, 0.0)
    best_row = filled.argmax(axis=0)  # first book on ties, as the C++ (books in key order)
    best = filled[best_row, np.arange(prices.shape[1])]
    return best, tuple(books[i] for i in best_row), quoted.sum(axis=0), p


def changed(last, view):
    """The emission rule on one market's view (dict line -> view) against the last vector."""
    if last is None or last.keys() != view.keys():
        return True
    for line, (best, best_books, quoting, p) in view.items():
        l_best, l_books, l_quoting, l_p = last[line]
        if (best_books != l_books or not np.array_equal(quoting, l_quoting)
                or not np.array_equal(best, l_best)
                or np.abs(p - l_p).max() >= EMIT_MIN_PROBABILITY_CHANGE):
            return True
    return False


def detect(view, counts):
    """Value and arbitrage opportunities of one vector: the set of their keys."""
    found = set()
    for line, (best, best_books, quoting, p) in view.items():
        stakes = simultaneous_kelly(best, p)
        ev = p * best - 1.0
        value = (ev >= MIN_EV) & (quoting >= MIN_BOOKS) & (p >= MIN_PROBABILITY) & (stakes > 0)
        for k in np.flatnonzero(value):
            found.add(("value", line, int(k), best_books[k]))
            counts.value_stake += stakes[k]
        counts.value_detected += int(value.sum())
        arbitrage_return = 1.0 / (1.0 / best).sum() - 1.0
        if arbitrage_return >= MIN_ARBITRAGE_RETURN:
            found.add(("arbitrage", line, best_books))
            counts.arbitrage_detected += 1
    return found


def process(quotes, snapshot_polls):
    """Every quote in time order, market poll by market poll. Returns the counts."""
    counts = Counts()
    markets = {}  # (event, market) -> {"lines": {line: {book: [prices]}}, "last", "open"}
    quotes.sort(key=itemgetter(T, EVENT, MARKET))
    for (at, event, market_key), poll in groupby(quotes, key=itemgetter(T, EVENT, MARKET)):
        poll = list(poll)
        if at >= poll[0][COMMENCE]:
            continue  # in-play: not a pre-match line
        counts.polls += 1
        market = markets.get((event, market_key))
        if market is None:
            market = markets[(event, market_key)] = {"lines": {}, "last": None, "open": set()}
        # A snapshot is the market's whole state; other feeds update the books they quote.
        lines = {} if snapshot_polls else market["lines"]
        width = OUTCOMES[market_key]
        dirty = False
        for q in poll:
            books = lines.setdefault(q[LINE], {})
            row = books.get(q[BOOK])
            if row is None:
                row = books[q[BOOK]] = [np.nan] * width  # the one NaN object: lists compare
            if row[q[OUTCOME]] != q[PRICE]:
                row[q[OUTCOME]] = q[PRICE]
                dirty = True
        if snapshot_polls:
            dirty = lines != market["lines"]
            market["lines"] = lines
        if not dirty:
            continue  # same prices as the last poll: nothing to judge
        view = {}
        for line, books in lines.items():
            line_view = view_line(list(books.keys()), list(books.values()))
            if line_view is not None:
                view[line] = line_view
        if not view or not changed(market["last"], view):
            continue
        market["last"] = view
        counts.vectors += 1
        found = detect(view, counts)
        for key in found - market["open"]:
            if key[0] == "value":
                counts.value_opened += 1
            else:
                counts.arbitrage_opened += 1
        market["open"] = found
    # What `sharpline backtest`'s default strategy bets (value, moneyline or 1X2, at close) is
    # roughly what is still open on each such market's last pre-kickoff vector.
    counts.value_open_at_close = sum(
        1 for (_, key), market in markets.items() if key in ("h2h", "h2h_3way")
        for opportunity in market["open"] if opportunity[0] == "value")
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default=os.environ.get(
        "SHARPLINE_DATA_DIR", str(Path(__file__).resolve().parents[3] / "shared" / "data")))
    parser.add_argument("--dataset", choices=["football-data", "nfl-snapshots"],
                        default="football-data")
    parser.add_argument("--quick", action="store_true", help="a few files or polls only")
    args = parser.parse_args()

    started = time.perf_counter()
    if args.dataset == "football-data":
        quotes, events, files = load_football_data(args.data_dir, args.quick)
        source, snapshot_polls = f"{files} files", False
    else:
        quotes, events, polls = load_nfl_snapshots(args.data_dir, args.quick)
        source, snapshot_polls = f"{polls} snapshots", True
    load_s = time.perf_counter() - started
    records = len(quotes)
    print(f"reference_pipeline: {args.dataset}: {records} quotes of {events} events from "
          f"{source} in {load_s:.1f} s", file=sys.stderr)

    started, cpu_started = time.perf_counter(), time.process_time()
    counts = process(quotes, snapshot_polls)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    print(f"reference_pipeline: {counts.polls} market polls, {counts.vectors} vectors, value "
          f"{counts.value_detected} detected / {counts.value_opened} opened, arbitrage "
          f"{counts.arbitrage_detected} detected / {counts.arbitrage_opened} opened, "
          f"{seconds:.2f} s; value bets open at close (h2h, 1X2): {counts.value_open_at_close}",
          file=sys.stderr)

    name = args.dataset.replace("-", "_") + ("_quick" if args.quick else "")
    detail = (f"{records} quotes, {counts.polls} market polls, {counts.vectors} vectors, "
              f"{counts.value_opened} value and {counts.arbitrage_opened} arbitrage "
              f"opportunities opened ({counts.value_detected} and {counts.arbitrage_detected} "
              f"detections, {counts.value_open_at_close} value open at close on h2h/1X2), "
              f"{events} events, processing {seconds:.2f} s wall ({cpu_seconds:.2f} s "
              f"CPU), load {load_s:.1f} s, "
              f"numpy {np.__version__}, one thread")
    cores = os.cpu_count()
    for figure, value, unit in ((f"python_reference/{name}_records_per_s", records / seconds,
                                 "records/s"),
                                (f"python_reference/{name}_events_per_s", events / seconds,
                                 "events/s")):
        print(json.dumps({"name": figure, "value": round(value, 1), "unit": unit,
                          "cores": cores, "detail": detail}))


if __name__ == "__main__":
    main()
