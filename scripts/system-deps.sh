#!/usr/bin/env bash
# Install the Debian/Ubuntu packages Inspector needs, when they are missing.
# Runs apt-get as root, or through sudo when available; otherwise says what to install.
set -euo pipefail

PACKAGES=(
  python3 python3-venv python3-pip
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim tesseract-ocr-osd
  fonts-noto-cjk fonts-dejavu-core
  libgl1 libegl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0 libxcb-xkb1
)
# `make dist` (scripts/system-deps.sh --dist): PyInstaller needs the shared libpython and binutils
# (objdump, strip); dpkg-deb and ldd come with every Debian system.
if [ "${1:-}" = "--dist" ]; then
  PACKAGES+=(binutils libpython3-dev)
fi
# `make test` (scripts/system-deps.sh --test): Debian's PostgreSQL server programs, for the case-store,
# history and sync tests against a real server (tests/pg.py starts a throwaway cluster of its own on a
# unix socket; docs/centre.md). Not installed for `make run`: a laptop keeps its cases in SQLite.
if [ "${1:-}" = "--test" ]; then
  PACKAGES+=(postgresql)
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Not a Debian/Ubuntu system: install Tesseract (with chi_sim and osd), a CJK font and the Qt runtime libraries by hand: ${missing[*]}" >&2
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "Missing packages and no root or sudo: please run as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}" >&2
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
