#!/usr/bin/env bash
# Screenshots an HTML export with headless Chromium: html/index.html and one page.
#
#   scripts/html-screenshot.sh OUT_DIR [PAGE]
#
# OUT_DIR is an export folder (the one holding html/). PAGE is a page's file name in html/ (for instance
# "Getting started.html"); without it, the first page other than index.html is taken. The PNGs go to
# OUT_DIR/screenshots/. Pages open from file:// URLs, so nothing is served; the browser runs with a throwaway
# profile, no sandbox (containers) and no background networking. SCREENSHOT_HEIGHT (default 1600) makes the
# window taller, to see more of a long page.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $0 OUT_DIR [PAGE]" >&2
    exit 2
fi
out=$(cd "$1" && pwd)
html="$out/html"
if [[ ! -f "$html/index.html" ]]; then
    echo "no $html/index.html: export with the html writer first" >&2
    exit 1
fi
page=${2:-}
if [[ -z "$page" ]]; then
    page=$(find "$html" -maxdepth 1 -name '*.html' ! -name index.html -printf '%f\n' | LC_ALL=C sort | head -n 1)
fi
if [[ ! -f "$html/$page" ]]; then
    echo "no page $html/$page" >&2
    exit 1
fi

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z "$browser" ]]; then
    echo "no Chromium found: apt-get install -y chromium" >&2
    exit 1
fi

shots="$out/screenshots"
mkdir -p "$shots"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# file:// URL of a path: percent-encode every byte outside the unreserved set and '/'
file_url() {
    python3 -c 'import sys, urllib.parse; print("file://" + urllib.parse.quote(sys.argv[1]))' "$1"
}

shoot() {
    local source=$1 target=$2
    "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --hide-scrollbars --window-size=1280,"${SCREENSHOT_HEIGHT:-1600}" \
        --screenshot="$target" "$(file_url "$source")" >/dev/null 2>&1
    if [[ ! -s "$target" ]]; then
        echo "no screenshot of $source" >&2
        exit 1
    fi
    echo "$target"
}

shoot "$html/index.html" "$shots/index.png"
name=${page%.html}
shoot "$html/$page" "$shots/$(printf '%s' "$name" | tr -c 'A-Za-z0-9._-' '_').png"
