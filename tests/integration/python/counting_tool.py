#!/usr/bin/python3
"""Feeds and checks the counting stage in the runtime's multi-process tests.

  counting_tool.py produce --bootstrap B --records N --keys K [--poison-every P] [--start S]
  counting_tool.py collect --bootstrap B --expect N [--timeout T]
      waits until test.counts holds N distinct values, then prints a JSON summary:
      distinct values, duplicates, final count per key, dead letters with their headers.

Record i (from --start) has key "k<i % K>" and value "x", or "poison" when i % P == P - 1.
"""
import argparse
import json
import sys
import time

from confluent_kafka import Consumer, Producer, TopicPartition


def produce(args):
    producer = Producer({"bootstrap.servers": args.bootstrap, "partitioner": "murmur2_random",
                         "enable.idempotence": True})
    for i in range(args.start, args.start + args.records):
        poison = args.poison_every and i % args.poison_every == args.poison_every - 1
        producer.produce("test.input", key=f"k{i % args.keys}", value=b"poison" if poison else b"x")
        if i % 1000 == 0:
            producer.poll(0)
    if producer.flush(30) != 0:
        print("FAIL: records left undelivered")
        return 1
    return 0


def read_topic(bootstrap, topic, partitions=4):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "counting-check",
                         "enable.auto.commit": False, "isolation.level": "read_committed",
                         "enable.partition.eof": True})
    consumer.assign([TopicPartition(topic, p, 0) for p in range(partitions)])
    records, eof = [], set()
    deadline = time.time() + 10
    while len(eof) < partitions and time.time() < deadline:
        msg = consumer.poll(0.2)
        if msg is None:
            continue
        if msg.error():
            if msg.error().code() == -191:  # _PARTITION_EOF
                eof.add(msg.partition())
            continue
        records.append(msg)
    consumer.close()
    return records


def collect(args):
    deadline = time.time() + args.timeout
    while True:
        values = [m.value().decode() for m in read_topic(args.bootstrap, "test.counts")]
        distinct = set(values)
        if len(distinct) >= args.expect or time.time() > deadline:
            break
        time.sleep(0.5)
    final = {}
    for v in distinct:
        key, count = v.split("=")
        final[key] = max(final.get(key, 0), int(count))
    dead = []
    for m in read_topic(args.bootstrap, "sharpline.deadletter.v1", partitions=3):
        dead.append({"key": m.key().decode() if m.key() else None,
                     "value": m.value().decode(),
                     "headers": {k: v.decode() for k, v in (m.headers() or [])}})
    print(json.dumps({"distinct": len(distinct), "records": len(values),
                      "duplicates": len(values) - len(distinct), "final": final,
                      "values": sorted(distinct), "dead_letters": dead}))
    return 0


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("produce")
    p.add_argument("--bootstrap", required=True)
    p.add_argument("--records", type=int, required=True)
    p.add_argument("--keys", type=int, default=10)
    p.add_argument("--poison-every", type=int, default=0)
    p.add_argument("--start", type=int, default=0)
    c = sub.add_parser("collect")
    c.add_argument("--bootstrap", required=True)
    c.add_argument("--expect", type=int, required=True)
    c.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    return produce(args) if args.command == "produce" else collect(args)


if __name__ == "__main__":
    sys.exit(main())
