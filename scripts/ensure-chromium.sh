#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests (test/browser), which
# drive it through playwright-core, and that a CJK font is installed (fonts-noto-cjk), so that the
# portal's Chinese pages render as Chinese in screenshots, not as boxes. No browser is ever
# downloaded by npm. Idempotent: does nothing when both are there. Installing needs root (CI
# runs as root); otherwise it says how.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CJK_FONT_PACKAGE=fonts-noto-cjk

has_cjk_font() {
  dpkg-query -W -f='${Status}' "$CJK_FONT_PACKAGE" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
if command -v dpkg-query >/dev/null 2>&1 && ! has_cjk_font; then
  missing+=("$CJK_FONT_PACKAGE")
fi

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: missing ${missing[*]} and this user cannot install it." >&2
  echo "ensure-chromium: run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: missing ${missing[*]} and apt-get is not available (not Debian/Ubuntu?)." >&2
  echo "ensure-chromium: install Chromium (at $CHROMIUM) and a CJK font, then run the tests again." >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's ${missing[*]} (once)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: the chromium package installed but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium) and $CJK_FONT_PACKAGE ready."
