#!/usr/bin/env bash
# Rebuild the desktop app's translations: extract every self.tr() / QCoreApplication.translate() string
# of ui/ into ui/i18n/inspector_<lang>.ts (translations already made are kept, vanished strings
# dropped), then compile the .qm files the app loads. Both are committed: a clean checkout runs and
# tests without the Qt tools. New strings come out as type="unfinished": translate them
# (pyside6-linguist ui/i18n/inspector_zh_CN.ts) and run this again. tests/ui/test_gui_i18n.py fails
# while a string of ui/ has no translation or a .qm is older than its .ts.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
LANGUAGES=${LANGUAGES:-zh_CN}

mapfile -t sources < <(find ui -name '*.py' -not -path '*/__pycache__/*' | LC_ALL=C sort)
for lang in $LANGUAGES; do
    ts="ui/i18n/inspector_${lang}.ts"
    "$BIN/pyside6-lupdate" "${sources[@]}" -ts "$ts" -locations none -no-obsolete -silent
    "$BIN/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm" -silent
    left=$(grep -c 'type="unfinished"' "$ts" || true)
    echo "$ts: ${left} string(s) to translate"
done
