#!/usr/bin/env bash
# Install Inspector for the current user, without root: run it from the unpacked tarball folder
# (`./install-user.sh`). Links ~/.local/bin/inspector and inspector-gui to this folder, and adds the
# desktop entry and icons under ~/.local/share. `./install-user.sh --remove` takes them away again.
# The folder itself is the app: keep it where it is (moving it needs a new ./install-user.sh).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN="$HOME/.local/bin"
ICONS="$HERE/_internal/resources/icons"
DESKTOP="$DATA/applications/inspector.desktop"

if [ "${1:-}" = "--remove" ]; then
  rm -f "$BIN/inspector" "$BIN/inspector-gui" "$DESKTOP" "$DATA/icons/hicolor/scalable/apps/inspector.svg"
  for size in 48 128 256; do rm -f "$DATA/icons/hicolor/${size}x${size}/apps/inspector.png"; done
  echo "Inspector's links, desktop entry and icons are removed; delete $HERE to remove the app."
  echo "Your cases stay in ${XDG_DATA_HOME:-$HOME/.local/share}/inspector."
  exit 0
fi

[ -x "$HERE/inspector" ] || { echo "Run this script from the unpacked Inspector folder." >&2; exit 1; }
mkdir -p "$BIN" "$DATA/applications" "$DATA/icons/hicolor/scalable/apps"
ln -sfn "$HERE/inspector" "$BIN/inspector"
ln -sfn "$HERE/inspector-gui" "$BIN/inspector-gui"
sed "s|@BINDIR@|$HERE/|g" "$HERE/share/inspector.desktop.in" > "$DESKTOP"
cp "$ICONS/inspector.svg" "$DATA/icons/hicolor/scalable/apps/inspector.svg"
for size in 48 128 256; do
  mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps"
  cp "$ICONS/inspector-$size.png" "$DATA/icons/hicolor/${size}x${size}/apps/inspector.png"
done
command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
echo "Inspector is installed for ${USER:-$(id -un)}: 'inspector-gui' (or the menu entry) opens the app,"
echo "'inspector --help' shows the command line."
case ":$PATH:" in *":$BIN:"*) ;; *) echo "Add $BIN to your PATH to type the commands without their folder." ;; esac
