#!/usr/bin/python3
"""Deterministic records for the Postgres sink test, one JSON-lines file per topic.

  sink_records.py OUT_DIR WAVE EVENTS [--bad]

Wave WAVE uses ids no other wave uses. Per event: 2 event records (scheduled, then final),
1 prediction (published twice, as a retried producer would), 2 opportunities with OPEN, UPDATED
and CLOSED records (1 or 2 legs), and 1 grade per opportunity. --bad adds one opportunity whose
leg price (0.5) the database refuses. Prints the rows the wave adds per table as JSON, and the
records written per topic.
"""
import json
import pathlib
import sys

out, wave, events = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
bad = "--bad" in sys.argv[4:]
out.mkdir(parents=True, exist_ok=True)
BASE = 1_730_000_000_000 + wave * 10_000_000
files = {t: [] for t in ("events", "predictions", "opportunities", "grades")}
rows = dict.fromkeys(["events", "predictions", "prediction_outcomes", "prediction_contributions",
                      "opportunities", "opportunity_legs", "opportunity_transitions", "grades",
                      "grade_legs"], 0)


def leg(i, n, price):
    return {"bookmaker": f"book{(i + n) % 5}", "outcome": "Home" if n == 0 else "Away",
            "point": None if n == 0 else -3.5, "price": price, "stake": 0.01 + n / 100,
            "fair_probability": 0.55}


def graded_leg(i, n):
    graded = {k: v for k, v in leg(i, n, 2.1).items() if k != "fair_probability"}
    graded.update(result="WIN" if n == 0 else "LOSE", profit=0.011 if n == 0 else -0.02,
                  closing_price=2.0, closing_fair_probability=0.52, clv=0.09)
    return graded


for i in range(events):
    eid = f"w{wave}-e{i}"
    commence = BASE + i * 60_000
    for status, updated in (("scheduled", BASE - 1000), ("final", commence + 4 * 3600_000)):
        files["events"].append({
            "event_id": eid, "sport": "americanfootball_nfl", "league": "NFL", "season": 2024,
            "week": 1 + i % 18, "home_team": f"Home {i}", "away_team": f"Away {i}",
            "commence_ms": commence, "neutral_site": i % 7 == 0, "venue": None,
            "status": status, "source": "test", "updated_ms": updated,
            "external_ids": {"espn": str(i)}})
    rows["events"] += 1
    pid = f"w{wave}-p{i}"
    prediction = {
        "prediction_id": pid, "event_id": eid, "sport": "americanfootball_nfl", "market": "h2h",
        "as_of_ms": BASE, "created_ms": BASE + 5, "model_name": "nfl_h2h_xgb",
        "model_version": "test", "role": "CHAMPION",
        "outcomes": [{"outcome": "Home", "point": None, "probability": 0.55},
                     {"outcome": "Away", "point": None, "probability": 0.45}],
        "contributions": [{"feature": f"f{k}", "value": 0.1 * k, "outcome": None}
                          for k in range(3)],
        "base_value": 0.02, "lock_sha256": "0" * 64, "commence_ms": commence}
    files["predictions"] += [prediction, prediction]
    rows["predictions"] += 1
    rows["prediction_outcomes"] += 2
    rows["prediction_contributions"] += 3
    for k in range(2):
        oid = f"w{wave}-o{i}-{k}"
        nlegs = 1 + k
        for n_state, state in enumerate(("OPEN", "UPDATED", "CLOSED")):
            files["opportunities"].append({
                "opportunity_id": oid, "event_id": eid, "sport": "americanfootball_nfl",
                "market": "h2h", "commence_ms": commence, "kind": "value" if k == 0 else "arbitrage",
                "state": state, "legs": [leg(i, n, 1.9 + n_state / 10) for n in range(nlegs)],
                "expected_value": 0.03 + n_state / 100, "kelly_fraction": 0.05,
                "arbitrage_return": None if k == 0 else 0.01, "middle_gap": None,
                "tier": "A", "prediction_id": pid, "detected_ms": BASE + 10,
                "as_of_ms": BASE + 10 + n_state * 1000,
                "closed_reason": "event_started" if state == "CLOSED" else None})
        rows["opportunities"] += 1
        rows["opportunity_legs"] += nlegs
        rows["opportunity_transitions"] += 3
        files["grades"].append({
            "opportunity_id": oid, "event_id": eid, "sport": "americanfootball_nfl",
            "market": "h2h", "kind": "value" if k == 0 else "arbitrage", "prediction_id": pid,
            "legs": [graded_leg(i, n) for n in range(nlegs)],
            "total_profit": 0.011 - 0.02 * (nlegs - 1), "graded_ms": commence + 5 * 3600_000,
            "home_score": 24, "away_score": 17, "strategy": f"value:{'AB'[k]}",
            "probability_of_result": None, "brier": None, "log_loss": None})
        rows["grades"] += 1
        rows["grade_legs"] += nlegs
if bad:
    record = dict(files["opportunities"][0])
    record.update(opportunity_id=f"w{wave}-bad", legs=[leg(0, 0, 0.5)], state="OPEN")
    files["opportunities"].append(record)
for topic, records in files.items():
    (out / f"{topic}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
print(json.dumps({"rows": rows, "records": {t: len(r) for t, r in files.items()}}))
