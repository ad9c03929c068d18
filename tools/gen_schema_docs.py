#!/usr/bin/env python3
"""Generate the field reference of docs/schemas.md from the docs in schemas/*.avsc.

    tools/gen_schema_docs.py            print the generated Markdown
    tools/gen_schema_docs.py --write    replace the generated section of docs/schemas.md
    tools/gen_schema_docs.py --check    exit 1 if docs/schemas.md is out of date

The section sits between the markers BEGIN and END below. Standard library only.
"""

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
DOC = ROOT / "docs" / "schemas.md"
BEGIN = "<!-- BEGIN GENERATED FIELDS (tools/gen_schema_docs.py) -->"
END = "<!-- END GENERATED FIELDS -->"


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


class Renderer:
    def __init__(self):
        self.sections = []  # (heading, doc, rows) for the top record and every nested record
        self.seen = set()

    def type_name(self, t, namespace):
        """A short, readable spelling of an Avro type; collects nested records as sections."""
        if isinstance(t, str):
            return t.split(".")[-1]
        if isinstance(t, list):
            branches = [b for b in t if b != "null"]
            inner = " | ".join(self.type_name(b, namespace) for b in branches)
            return inner + " or null" if len(branches) < len(t) else inner
        kind = t["type"]
        if isinstance(kind, (dict, list)):
            return self.type_name(kind, namespace)
        if kind == "record":
            self.record(t, namespace)
            return t["name"]
        if kind == "enum":
            return "enum " + t["name"] + " {" + ", ".join(t["symbols"]) + "}"
        if kind == "array":
            return "array<" + self.type_name(t["items"], namespace) + ">"
        if kind == "map":
            return "map<string, " + self.type_name(t["values"], namespace) + ">"
        if kind == "fixed":
            return f"fixed {t['name']} ({t['size']} bytes)"
        if "logicalType" in t:
            return f"{kind} ({t['logicalType']})"
        return kind

    def record(self, schema, namespace):
        namespace = schema.get("namespace", namespace)
        name = schema["name"]
        if name in self.seen:
            return
        self.seen.add(name)
        rows = []
        section = (name, schema.get("doc", ""), rows)
        self.sections.append(section)
        for field in schema["fields"]:
            default = json.dumps(field["default"]) if "default" in field else "required"
            rows.append((field["name"], self.type_name(field["type"], namespace), default,
                         field.get("doc", "")))


def render():
    out = []
    for path in sorted(SCHEMAS.glob("*.avsc")):
        schema = json.loads(path.read_text())
        renderer = Renderer()
        renderer.record(schema, "")
        for index, (name, doc, rows) in enumerate(renderer.sections):
            if index == 0:
                out.append(f"### {name} (`schemas/{path.name}`)\n")
            else:
                out.append(f"#### {name} (inside {renderer.sections[0][0]})\n")
            out.append(doc + "\n")
            out.append("| Field | Type | Default | Meaning and unit |")
            out.append("|---|---|---|---|")
            for field, type_name, default, field_doc in rows:
                out.append(f"| `{field}` | `{cell(type_name)}` | {cell(default)} | {cell(field_doc)} |")
            out.append("")
    return "\n".join(out)


def replaced(document, generated):
    head, rest = document.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + BEGIN + "\n\n" + generated + "\n" + END + tail


def main(argv):
    generated = render()
    if len(argv) == 1:
        print(generated)
        return 0
    current = DOC.read_text()
    wanted = replaced(current, generated)
    if argv[1] == "--write":
        DOC.write_text(wanted)
        return 0
    if argv[1] == "--check":
        if current != wanted:
            print(f"{DOC} is out of date: run tools/gen_schema_docs.py --write", file=sys.stderr)
            return 1
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
