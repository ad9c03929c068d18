#!/usr/bin/python3
"""Opens an HTML page in headless Chromium and fails if the browser reports a console message,
the screenshot is missing or blank, or the DOM lacks the expected inline SVG charts.

Usage:
  html_report_check.py PAGE.html --screenshot OUT.png [--min-svg N] [--expect-color #rrggbb ...]
  html_report_check.py --self-test      # the detector must flag a console.error and a broken script

Chromium 156 writes every console message to stderr (with --enable-logging=stderr) as
  [pid:tid:date:INFO:CONSOLE:1] "text", source: file:///page.html (1)
at INFO level whatever the JavaScript level (console.log, .warn and .error look the same), and
uncaught exceptions as "Uncaught <Error>: ...". Our report has no script, so ANY console line is
a failure; older Chromium spelled it "CONSOLE(1)", which is matched too.

Only the Python standard library: the PNG is decoded with zlib here (8-bit RGB/RGBA, which is
what Chromium writes), so the test needs no extra Debian package beyond chromium.
"""
import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

CONSOLE = re.compile(r":CONSOLE[:(]|\bUncaught\b")
EXTERNAL = re.compile(r"https?://|\bsrc\s*=|@import|url\(", re.IGNORECASE)


def chromium_binary():
    return os.environ.get("CHROMIUM", "/usr/bin/chromium")


def run_chromium(extra_args, url, profile):
    command = [
        chromium_binary(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile,
        "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
    ] + extra_args + [url]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


def console_lines(stderr):
    return [line for line in stderr.splitlines() if CONSOLE.search(line)]


def decode_png(path):
    """Returns (width, height, channels, rows) with rows a list of bytes, unfiltered."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, color_type, _, _, interlace = header
    channels = {2: 3, 6: 4}.get(color_type)
    if depth != 8 or channels is None or interlace != 0:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {color_type}, interlace {interlace})")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        filter_type = raw[start]
        row = bytearray(raw[start + 1:start + 1 + stride])
        if filter_type == 1:
            for i in range(channels, stride):
                row[i] = (row[i] + row[i - channels]) & 0xFF
        elif filter_type == 2:
            row = bytearray((a + b) & 0xFF for a, b in zip(row, previous))
        elif filter_type == 3:
            for i in range(stride):
                left = row[i - channels] if i >= channels else 0
                row[i] = (row[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif filter_type == 4:
            for i in range(stride):
                a = row[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                row[i] = (row[i] + pred) & 0xFF
        elif filter_type != 0:
            raise ValueError(f"bad PNG filter {filter_type} in row {y}")
        rows.append(bytes(row))
        previous = row
    return width, height, channels, rows


def screenshot_problems(path, expect_colors, min_busy_bands):
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return ["no screenshot was written"]
    try:
        width, height, channels, rows = decode_png(path)
    except (ValueError, zlib.error, struct.error, TypeError) as error:
        return [f"screenshot is not a readable PNG: {error}"]
    problems = []
    colours = set()
    wanted = {c: 0 for c in expect_colors}
    targets = {c: tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in expect_colors}
    band_height, busy_bands = 200, 0
    for band_start in range(0, height, band_height):
        band_colours = set()
        for y in range(band_start, min(height, band_start + band_height), 2):
            row = rows[y]
            for x in range(0, width * channels, channels * 2):
                pixel = (row[x], row[x + 1], row[x + 2])
                band_colours.add(pixel)
        colours |= band_colours
        if len(band_colours) >= 8:
            busy_bands += 1
    for colour, rgb in targets.items():
        for row in rows[::2]:
            for x in range(0, width * channels, channels):
                if abs(row[x] - rgb[0]) <= 6 and abs(row[x + 1] - rgb[1]) <= 6 and abs(row[x + 2] - rgb[2]) <= 6:
                    wanted[colour] += 1
            if wanted[colour] >= 50:
                break
    if len(colours) < 32:
        problems.append(f"screenshot looks blank: only {len(colours)} distinct colours")
    if busy_bands < min_busy_bands:
        problems.append(f"only {busy_bands} of {(height + band_height - 1) // band_height} "
                        f"{band_height}-px bands have content (want >= {min_busy_bands})")
    for colour, count in wanted.items():
        if count < 50:
            problems.append(f"chart colour {colour} is (almost) absent: {count} pixels")
    return problems


def check(page, screenshot, min_svg, expect_colors, min_busy_bands):
    """Returns the list of problems found (empty: the page passed)."""
    url = "file://" + os.path.abspath(page)
    problems = []
    profile = tempfile.mkdtemp(prefix="sharpline-chromium-")
    try:
        shot = run_chromium(["--screenshot=" + os.path.abspath(screenshot), "--window-size=1280,2400"],
                            url, profile)
        dom = run_chromium(["--dump-dom"], url, profile)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for name, result in (("screenshot", shot), ("dump-dom", dom)):
        if result.returncode != 0:
            problems.append(f"chromium ({name}) exited with {result.returncode}")
        for line in console_lines(result.stderr):
            problems.append(f"console message ({name}): {line.strip()}")
    svg_count = dom.stdout.count("<svg")
    if svg_count < min_svg:
        problems.append(f"DOM has {svg_count} <svg> elements, want >= {min_svg}")
    for match in sorted(set(EXTERNAL.findall(dom.stdout))):
        problems.append(f"DOM has an external reference: {match!r}")
    problems += screenshot_problems(screenshot, expect_colors, min_busy_bands)
    return problems


def self_test():
    """The detector must flag both kinds of script failure; a plain page must pass."""
    work = tempfile.mkdtemp(prefix="sharpline-html-selftest-")
    body = "".join(f"<p style='color:hsl({i * 7},70%,40%);font-size:{10 + i}px'>row {i}</p>" for i in range(40))
    pages = {
        "console_error": (f"<!DOCTYPE html><html><body>{body}<script>console.error('x')</script></body></html>", True),
        "broken_script": (f"<!DOCTYPE html><html><body>{body}<script>this is not javascript(</script></body></html>", True),
        "plain": (f"<!DOCTYPE html><html><body>{body}</body></html>", False),
    }
    failures = 0
    try:
        for name, (html, should_fail) in pages.items():
            path = os.path.join(work, name + ".html")
            with open(path, "w") as out:
                out.write(html)
            problems = check(path, os.path.join(work, name + ".png"), 0, [], 1)
            console = [p for p in problems if p.startswith("console message")]
            flagged = bool(console)
            verdict = "ok" if flagged == should_fail else "WRONG"
            print(f"self-test {name}: {'flagged' if flagged else 'clean'} ({verdict})")
            for problem in problems:
                print("    " + problem)
            if flagged != should_fail or (not should_fail and problems):
                failures += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?")
    parser.add_argument("--screenshot", help="where to write the PNG")
    parser.add_argument("--min-svg", type=int, default=1, help="minimum <svg> elements in the DOM")
    parser.add_argument("--expect-color", action="append", default=[], metavar="#RRGGBB",
                        help="a colour that must cover >= 50 pixels (a chart's series colour)")
    parser.add_argument("--min-busy-bands", type=int, default=4,
                        help="minimum 200-px horizontal bands with >= 8 colours")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    if not args.page or not args.screenshot:
        parser.error("PAGE and --screenshot are required (or --self-test)")
    problems = check(args.page, args.screenshot, args.min_svg, args.expect_color, args.min_busy_bands)
    for problem in problems:
        print("FAIL: " + problem, file=sys.stderr)
    if not problems:
        print(f"html_report_check: {args.page} OK (screenshot {args.screenshot})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
