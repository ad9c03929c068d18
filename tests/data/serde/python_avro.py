#!/usr/bin/python3
"""Reference encoder/decoder for sharpline's natural JSON, built on Apache Avro's Python library.

Run with Debian's /usr/bin/python3 (package python3-avro 1.11); the python3 first on PATH may be
another build without the avro module.

The C++ tests use it to check that sharpline's Avro C codec and an independent implementation
agree on the bytes:
  make-fixtures SCHEMAS_DIR OUT_DIR   encode SCHEMAS_DIR/examples/<stem>.json with
                                      SCHEMAS_DIR/<stem>.avsc into OUT_DIR/<stem>.avro (raw Avro
                                      binary, no wire-format header); this made the committed
                                      fixtures in tests/data/serde/python/
  decode-lines SCHEMA_FILE            read base64 Avro payloads, one per line, on stdin and print
                                      each decoded record as one line of natural JSON

Natural JSON differs from what python-avro works with in two places, converted here:
timestamp-millis longs are datetime objects in python-avro and bytes are base64 strings in JSON.
"""

import base64
import datetime
import io
import json
import pathlib
import sys

import avro.io
import avro.schema

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def is_timestamp_millis(schema):
    return schema.type == "long" and schema.get_prop("logicalType") == "timestamp-millis"


def to_python(schema, value):
    """Natural JSON value -> python-avro datum."""
    kind = schema.type
    if kind == "union":
        if value is None:
            return None
        branch = next(b for b in schema.schemas if b.type != "null")
        return to_python(branch, value)
    if is_timestamp_millis(schema):
        return EPOCH + datetime.timedelta(milliseconds=value)
    if kind in ("bytes", "fixed"):
        return base64.b64decode(value, validate=True)
    if kind == "record":
        return {f.name: to_python(f.type, value[f.name]) for f in schema.fields if f.name in value}
    if kind == "array":
        return [to_python(schema.items, v) for v in value]
    if kind == "map":
        return {k: to_python(schema.values, v) for k, v in value.items()}
    return value


def to_natural(schema, value):
    """python-avro datum -> natural JSON value."""
    if isinstance(value, datetime.datetime):
        delta = value - EPOCH
        return (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        return {k: to_natural(None, v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_natural(None, v) for v in value]
    return value


def encode(schema, datum):
    out = io.BytesIO()
    avro.io.DatumWriter(schema).write(datum, avro.io.BinaryEncoder(out))
    return out.getvalue()


def make_fixtures(schemas_dir, out_dir):
    schemas_dir, out_dir = pathlib.Path(schemas_dir), pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in sorted(schemas_dir.glob("*.avsc")):
        schema = avro.schema.parse(path.read_text())
        example = json.loads((schemas_dir / "examples" / (path.stem + ".json")).read_text())
        (out_dir / (path.stem + ".avro")).write_bytes(encode(schema, to_python(schema, example)))
        print(f"wrote {path.stem}.avro")


def decode_lines(schema_file):
    schema = avro.schema.parse(pathlib.Path(schema_file).read_text())
    reader = avro.io.DatumReader(schema)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        buf = io.BytesIO(base64.b64decode(line))
        datum = reader.read(avro.io.BinaryDecoder(buf))
        if buf.tell() != len(buf.getvalue()):
            raise SystemExit(f"{len(buf.getvalue()) - buf.tell()} trailing bytes")
        print(json.dumps(to_natural(schema, datum), ensure_ascii=False, allow_nan=False))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "make-fixtures":
        make_fixtures(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "decode-lines":
        decode_lines(sys.argv[2])
    else:
        raise SystemExit(__doc__)
