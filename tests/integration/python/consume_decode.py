#!/usr/bin/python3
"""Reads a sharpline topic with confluent-kafka and decodes every record with python3-avro,
fetching the writer schema from the schema registry by the id in the Confluent wire format.

Run with Debian's /usr/bin/python3 (python3-confluent-kafka, python3-avro, python3-requests).
Exit 0 when exactly the expected records arrived (order within the topic is not assumed).

  consume_decode.py --bootstrap HOST:PORT --registry URL --topic T --expect FILE.jsonl
"""
import argparse
import datetime
import io
import json
import struct
import sys
import time
import urllib.request

import avro.io
import avro.schema
from confluent_kafka import Consumer, KafkaException
from confluent_kafka.schema_registry import SchemaRegistryClient


def fetch_schema(registry, schema_id, cache):
    if schema_id not in cache:
        with urllib.request.urlopen(f"{registry}/schemas/ids/{schema_id}", timeout=10) as resp:
            body = json.load(resp)
        cache[schema_id] = avro.schema.parse(body["schema"])
    return cache[schema_id]


def decode(value, registry, cache):
    if len(value) < 5 or value[0] != 0:
        raise ValueError(f"not Confluent wire format: first bytes {value[:5]!r}")
    (schema_id,) = struct.unpack(">I", value[1:5])
    schema = fetch_schema(registry, schema_id, cache)
    reader = avro.io.DatumReader(schema)
    return schema_id, reader.read(avro.io.BinaryDecoder(io.BytesIO(value[5:])))


def to_epoch_ms(value):
    """python3-avro turns timestamp-millis into datetimes; the JSON side carries epoch ms."""
    if isinstance(value, datetime.datetime):
        return int(round(value.timestamp() * 1000))
    if isinstance(value, dict):
        return {k: to_epoch_ms(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_epoch_ms(v) for v in value]
    return value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--expect", required=True, help="JSON lines: the records produced")
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()

    expected = [json.loads(line) for line in open(args.expect) if line.strip()]

    # The registry speaks the Confluent API: the official client can use it.
    client = SchemaRegistryClient({"url": args.registry})
    latest = client.get_latest_version(f"{args.topic}-value")
    print(f"registry: subject {args.topic}-value version {latest.version} id {latest.schema_id}")

    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": "python-interop-test",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "isolation.level": "read_committed",
        "session.timeout.ms": 6000,
    })
    consumer.subscribe([args.topic])
    received, ids, cache = [], set(), {}
    deadline = time.time() + args.timeout
    try:
        while len(received) < len(expected) and time.time() < deadline:
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            if msg.error():
                raise KafkaException(msg.error())
            schema_id, record = decode(msg.value(), args.registry, cache)
            ids.add(schema_id)
            key = msg.key().decode() if msg.key() is not None else None
            if key != record.get("event_id"):
                print(f"FAIL: key {key!r} is not the record's event_id {record.get('event_id')!r}")
                return 1
            received.append(to_epoch_ms(record))
    finally:
        consumer.close()

    if ids != {latest.schema_id}:
        print(f"FAIL: records carry schema ids {ids}, registry says {latest.schema_id}")
        return 1
    canon = lambda rs: sorted(json.dumps(r, sort_keys=True) for r in rs)
    if canon(received) != canon(expected):
        print(f"FAIL: received {len(received)} records, expected {len(expected)}")
        for r in received:
            print("  got", json.dumps(r, sort_keys=True))
        for r in expected:
            print("  exp", json.dumps(r, sort_keys=True))
        return 1
    print(f"OK: {len(received)} records decoded with python3-avro, schema id {latest.schema_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
