"""Checks for tests/integration/pipeline_run_test.sh (Debian's /usr/bin/python3, stdlib only).

  pipeline_check.py in-process --summary S --opportunities O --grades G --games GAMES.csv.gz
  pipeline_check.py same --opportunities A --other B

Exits non-zero with a message naming what did not hold.
"""
import argparse
import csv
import gzip
import json
import os
import re
import sys

SAINTS_GAME = "americanfootball_nfl:2025-09-14:san-francisco-49ers@new-orleans-saints"
STEAM_GAME = "americanfootball_nfl:2025-09-14:seattle-seahawks@pittsburgh-steelers"
SUMMARY_KEYS = ["topics", "predictions", "opportunities", "graded", "roi", "clv_mean",
                "deadletter", "seconds"]


def fail(message):
    print("pipeline_check: " + message, file=sys.stderr)
    sys.exit(1)


def read_lines(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def team_slugs():
    """nflverse team code -> canonical team slug, from the project's mapping table."""
    src = os.environ.get("SHARPLINE_SOURCE_DIR",
                         os.path.join(os.path.dirname(__file__), "..", "..", ".."))
    table = os.path.join(src, "src", "adapters", "entities", "mappings", "americanfootball_nfl.csv")
    codes = {}
    with open(table) as f:
        for row in csv.DictReader(f):
            codes[row["alias"]] = slug(row["canonical"])
    return codes


def real_scores(games_path):
    """(game day, away slug, home slug) -> (home score, away score) for 2025."""
    codes = team_slugs()
    scores = {}
    with gzip.open(games_path, "rt") as f:
        for row in csv.DictReader(f):
            if row["season"] != "2025" or not row["home_score"]:
                continue
            key = (row["gameday"], codes[row["away_team"]], codes[row["home_team"]])
            scores[key] = (int(row["home_score"]), int(row["away_score"]))
    return scores


def settle(market, outcome, point, home, away, home_score, away_score):
    """WIN/LOSE/PUSH/VOID of one leg, outcome names compared by slug (whole and half lines)."""
    diff = home_score - away_score
    side = slug(outcome)
    if market == "h2h":
        if diff == 0:
            return "VOID"
        return "WIN" if (side == home) == (diff > 0) else "LOSE"
    if market == "spreads":
        margin = (diff if side == home else -diff) + point
    elif market == "totals":
        total = home_score + away_score
        margin = total - point if outcome == "Over" else point - total
    else:
        return None
    return "WIN" if margin > 0 else "LOSE" if margin < 0 else "PUSH"


def check_in_process(args):
    summary = json.load(open(args.summary))
    for key in SUMMARY_KEYS:
        if key not in summary:
            fail("summary lacks key " + key)
    for kind in ["value", "arbitrage", "middle", "steam"]:
        if kind not in summary["opportunities"]:
            fail("summary opportunities lack " + kind)
    if not summary["nothing_lost"]:
        fail("summary says records were lost: " + json.dumps(summary["stages"]))
    if not summary["monitor_complete"]:
        fail("the monitor did not read every committed record")
    topics = summary["topics"]
    for topic in ["sharpline.odds.v1", "sharpline.features.v1", "sharpline.predictions.v1",
                  "sharpline.opportunities.v1", "sharpline.alerts.v1", "sharpline.grades.v1"]:
        if topics.get(topic, 0) <= 0:
            fail("no records on " + topic)
    if summary["graded"] <= 0:
        fail("nothing graded")

    opportunities = read_lines(args.opportunities)
    # The known arbitrage: betus had the Saints at 2.95 while betonlineag had the 49ers at 1.645.
    arbs = [o for o in opportunities if o["kind"] == "arbitrage" and o["state"] == "OPEN"
            and o["event_id"] == SAINTS_GAME and o["market"] == "h2h"]
    if not arbs:
        fail("the 49ers @ Saints arbitrage was not found")
    legs = {(leg["bookmaker"], leg["outcome"]): leg for leg in arbs[0]["legs"]}
    saints = legs.get(("betus", "New Orleans Saints"))
    niners = legs.get(("betonlineag", "San Francisco 49ers"))
    if saints is None or niners is None or len(legs) != 2:
        fail("arbitrage legs are " + json.dumps(arbs[0]["legs"]))
    if abs(saints["price"] - 2.95) > 1e-9 or abs(niners["price"] - (1 + 100 / 155)) > 1e-9:
        fail("arbitrage prices are %s / %s" % (saints["price"], niners["price"]))
    expected_return = 1 / (1 / saints["price"] + 1 / niners["price"]) - 1
    if abs(arbs[0]["arbitrage_return"] - expected_return) > 1e-9:
        fail("arbitrage return %s, expected %s" % (arbs[0]["arbitrage_return"], expected_return))
    if abs(saints["stake"] + niners["stake"] - 0.05) > 1e-9:  # opportunities.kelly.cap
        fail("arbitrage stakes do not sum to 5% of bankroll")
    if abs(saints["stake"] * saints["price"] - niners["stake"] * niners["price"]) > 1e-9:
        fail("arbitrage stakes do not pay the same either way")

    # The steam move: books shortened the Steelers; draftkings had not moved yet.
    steams = [o for o in opportunities if o["kind"] == "steam" and o["event_id"] == STEAM_GAME]
    if not steams:
        fail("no steam flagged on Seahawks @ Steelers")
    if steams[0]["legs"][0]["outcome"] != "Pittsburgh Steelers":
        fail("steam leg is " + json.dumps(steams[0]["legs"]))

    # Every graded leg agrees with the real final score.
    scores = real_scores(args.games)
    grades = [g for g in read_lines(args.grades) if g["kind"] != "prediction"]
    if not grades:
        fail("no opportunity grades")
    checked = 0
    for grade in grades:
        _, day, teams = grade["event_id"].split(":")[:3]
        away, home = teams.split("@")
        real = scores.get((day, away, home))
        if real is None:
            fail("no nflverse score for " + grade["event_id"])
        if (grade["home_score"], grade["away_score"]) != real:
            fail("%s graded on %s-%s, real %s-%s" % (grade["event_id"], grade["home_score"],
                                                     grade["away_score"], real[0], real[1]))
        for leg in grade["legs"]:
            expected = settle(grade["market"], leg["outcome"], leg["point"], home, away, *real)
            if expected is not None and leg["result"] != expected:
                fail("%s %s %s %s graded %s, expected %s" % (
                    grade["event_id"], grade["market"], leg["outcome"], leg["point"],
                    leg["result"], expected))
            checked += 1
    saints_arb = [g for g in grades if g["opportunity_id"] == arbs[0]["opportunity_id"]]
    if not saints_arb:
        fail("the arbitrage was not graded")
    by_book = {leg["bookmaker"]: leg["result"] for leg in saints_arb[0]["legs"]}
    if by_book != {"betus": "LOSE", "betonlineag": "WIN"}:  # 49ers won 26-21
        fail("arbitrage graded " + json.dumps(by_book))
    if saints_arb[0]["total_profit"] <= 0:
        fail("an arbitrage lost money: " + json.dumps(saints_arb[0]))
    print("in-process: %d opportunities, %d grades, %d legs checked against nflverse" % (
        len(opportunities), len(grades), checked))


def identity(record):
    legs = tuple((leg["bookmaker"], leg["outcome"], leg["point"], round(leg["price"], 9))
                 for leg in record["legs"])
    return (record["opportunity_id"], record["state"], record["as_of_ms"], legs,
            record.get("closed_reason"))


def check_same(args):
    a = sorted(set(identity(r) for r in read_lines(args.opportunities)))
    b = sorted(set(identity(r) for r in read_lines(args.other)))
    if not a:
        fail("no opportunities to compare")
    if a != b:
        only_a = [x for x in a if x not in set(b)][:3]
        only_b = [x for x in b if x not in set(a)][:3]
        fail("%d vs %d opportunity records; only in-process: %s; only separate: %s" % (
            len(a), len(b), only_a, only_b))
    print("same: %d opportunity records" % len(a))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["in-process", "same"])
    parser.add_argument("--summary")
    parser.add_argument("--opportunities")
    parser.add_argument("--grades")
    parser.add_argument("--games")
    parser.add_argument("--other")
    args = parser.parse_args()
    if args.mode == "in-process":
        check_in_process(args)
    else:
        check_same(args)


if __name__ == "__main__":
    main()
