#!/usr/bin/env bash
# The HTML report of `credo simulate` in a real browser: Debian's chromium, headless, loads the
# page from a file (no network), and its DOM has the SVG chart with one bar per gain and loss;
# a screenshot has exactly the bar pixels the counts call for (bars scale to the largest count,
# 220 pixels, 16 high). Skipped (exit 77) where /usr/bin/chromium is not installed.
# Usage: simulate_html_test.sh CREDO DATA_DIR (DATA_DIR is tests/data; the files are in its cli/simulate/).
set -u
chromium=/usr/bin/chromium
if [ ! -x "$chromium" ]; then
    echo "skipped: $chromium is not installed (apt-get install chromium)"
    exit 77
fi
credo="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
data="$2"
. "$(dirname "$0")/expect.sh"
python=/usr/bin/python3

cd "$data/cli/simulate"

browse() {  # browse MODE PAGE [OUTPUT]: --dump-dom prints the DOM, --screenshot writes OUTPUT (PNG)
    local profile
    profile=$(mktemp -d "$tmp/profile.XXXXXX")
    local flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
                 --disable-sync --no-first-run --user-data-dir="$profile" --hide-scrollbars
                 --force-device-scale-factor=1 --window-size=1200,1400)
    if [ "$1" = --dump-dom ]; then
        timeout 120 "$chromium" "${flags[@]}" --dump-dom "file://$2" 2>/dev/null
    else
        timeout 120 "$chromium" "${flags[@]}" --screenshot="$3" "file://$2" >/dev/null 2>&1
    fi
}

bar_pixels() {  # bar_pixels PNG: "red N green M", the pixels of exactly the loss and gain bar colours
    "$python" - "$1" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        assert depth == 8 and colour in (2, 6) and interlace == 0, "unexpected PNG format"
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
channels = 3 if colour == 2 else 4
raw = zlib.decompress(idat)
stride = width * channels
rows, previous = [], bytearray(stride)
for y in range(height):
    start = y * (stride + 1)
    kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
    for i in range(stride):
        left = line[i - channels] if i >= channels else 0
        up = previous[i]
        corner = previous[i - channels] if i >= channels else 0
        if kind == 1: line[i] = (line[i] + left) & 255
        elif kind == 2: line[i] = (line[i] + up) & 255
        elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
    rows.append(line)
    previous = line
red = green = 0
for line in rows:
    for x in range(0, stride, channels):
        rgb = tuple(line[x:x + 3])
        red += rgb == (0xc0, 0x39, 0x2b)
        green += rgb == (0x27, 0xae, 0x60)
print("red", red, "green", green)
PY
}

# The planted change: MTU:CERT-DA loses 4 learners and the MSc 1, nobody gains.
"$credo" simulate --before before.credo --after after_rpl.credo --cohort cohort.jsonl --report "$tmp/rpl.html" 2>/dev/null
browse --dump-dom "$tmp/rpl.html" >"$tmp/dom"
expect "dom chart" 1 "$(grep -c '<svg id="chart"' "$tmp/dom")"
expect "dom lost bars" "MTU:CERT-DA: 4 lost,MTU:MSC-DA: 1 lost" \
    "$(grep -o '<rect class="lost"[^>]*><title>[^<]*' "$tmp/dom" | sed 's/.*<title>//' | paste -sd,)"
expect "dom gained bars" 0 "$(grep -c '<rect class="gained"' "$tmp/dom")"
expect "dom award table" 1 "$(grep -c '<td>MTU:CERT-DA</td><td>Certificate in Data Analytics</td><td class="n">10</td><td class="n">6</td>' "$tmp/dom")"
browse --screenshot "$tmp/rpl.html" "$tmp/rpl.png"
# 4 lost is the largest count: 220 pixels; 1 lost: 55; each 16 high.
expect "rpl bar pixels" "red $(((220 + 55) * 16)) green 0" "$(bar_pixels "$tmp/rpl.png")"

# The reverse: the same learners gain.
"$credo" simulate --before after_rpl.credo --after before.credo --cohort cohort.jsonl --report "$tmp/reverse.html" 2>/dev/null
browse --screenshot "$tmp/reverse.html" "$tmp/reverse.png"
expect "reverse bar pixels" "red 0 green $(((220 + 55) * 16))" "$(bar_pixels "$tmp/reverse.png")"

# Several changes: MTU:CERT-DA gains 1 and loses 2 (the largest: 220 pixels), MTU:CERT-DE
# (removed) loses 1, MTU:CERT-DL (added) gains 1: 110 pixels each.
"$credo" simulate --before before.credo --after after_more.credo --cohort cohort.jsonl --report "$tmp/more.html" 2>/dev/null
browse --dump-dom "$tmp/more.html" >"$tmp/dom"
expect "more dom bars" "MTU:CERT-DA: 2 lost,MTU:CERT-DA: 1 gained,MTU:CERT-DE: 1 lost,MTU:CERT-DL: 1 gained" \
    "$(grep -o '<rect class="[a-z]*"[^>]*><title>[^<]*' "$tmp/dom" | sed 's/.*<title>//' | paste -sd,)"
browse --screenshot "$tmp/more.html" "$tmp/more.png"
expect "more bar pixels" "red $(((220 + 110) * 16)) green $(((110 + 110) * 16))" "$(bar_pixels "$tmp/more.png")"

# No change: the chart says so and draws no bar.
grep -v '"S-09"' cohort.jsonl >"$tmp/good.jsonl"
"$credo" simulate --before before.credo --after before.credo --cohort "$tmp/good.jsonl" --report "$tmp/same.html"
browse --dump-dom "$tmp/same.html" >"$tmp/dom"
expect "same dom chart" 1 "$(grep -c '<svg id="chart"' "$tmp/dom")"
expect "same dom message" 1 "$(grep -c '>no learner gained or lost an award</text>' "$tmp/dom")"
expect "same dom bars" 0 "$(grep -c '<rect' "$tmp/dom")"

# Keep the screenshots for a look when asked (CREDO_KEEP_SCREENSHOTS=DIR).
if [ -n "${CREDO_KEEP_SCREENSHOTS:-}" ]; then cp "$tmp"/*.png "$CREDO_KEEP_SCREENSHOTS"/; fi

finish
