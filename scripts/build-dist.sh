#!/usr/bin/env bash
# `make dist`: the frozen app (build.spec) and the two files an inspector's laptop installs from,
#   dist/inspector/                               the one-folder bundle
#   dist/inspector-<version>-linux-x86_64.tar.gz  unpack anywhere; ./install-user.sh (no root needed)
#   dist/inspector_<version>_amd64.deb            dpkg -i: /opt/inspector, /usr/bin links, menu entry
# The version is the package metadata's (pyproject.toml, as installed in .venv).
# Needs: the .venv with the `package` extra, binutils (strip), dpkg-deb, tar, gzip, xz.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
VERSION="$($PY -c 'from importlib.metadata import version; print(version("inspector"))')"
ARCH="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
MAINTAINER="${DEB_MAINTAINER:-Inspector maintainers <inspector@localhost>}"
BUNDLE=dist/inspector
TARBALL="dist/inspector-$VERSION-linux-$(uname -m).tar.gz"
DEB="dist/inspector_${VERSION}_$ARCH.deb"
STAGE=build/deb-root

say() { echo "DIST: $*"; }

say "building the bundle of inspector $VERSION (PyInstaller, build.spec)"
start=$SECONDS
OMP_THREAD_LIMIT=1 .venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller build.spec
say "bundle built in $((SECONDS - start)) s: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"

say "writing $TARBALL"
rm -f dist/inspector-*-linux-*.tar.gz
tar -czf "$TARBALL" --owner=0 --group=0 \
  --transform 's|^install-user\.sh$|inspector/install-user.sh|S' \
  --transform 's|^inspector\.desktop\.in$|inspector/share/inspector.desktop.in|S' \
  -C dist inspector -C ../packaging install-user.sh inspector.desktop.in

# The oldest glibc the bundle runs on: the newest GLIBC_x.y symbol version any of its files uses.
glibc_needed() {
  find "$BUNDLE" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
    | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' \
    | sort -uV | tail -1
}

say "writing $DEB"
rm -rf "$STAGE" dist/inspector_*.deb
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/icons/hicolor/scalable/apps"
cp -al "$BUNDLE" "$STAGE/opt/inspector" 2>/dev/null || cp -a "$BUNDLE" "$STAGE/opt/inspector"
ln -s /opt/inspector/inspector "$STAGE/usr/bin/inspector"
ln -s /opt/inspector/inspector-gui "$STAGE/usr/bin/inspector-gui"
sed 's|@BINDIR@||g' packaging/inspector.desktop.in > "$STAGE/usr/share/applications/inspector.desktop"
cp resources/icons/inspector.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/inspector.svg"
for size in 48 128 256; do
  mkdir -p "$STAGE/usr/share/icons/hicolor/${size}x$size/apps"
  cp "resources/icons/inspector-$size.png" "$STAGE/usr/share/icons/hicolor/${size}x$size/apps/inspector.png"
done
# Qt's GL, EGL and xcb libraries come with the laptop's graphics stack (PyInstaller leaves them out).
depends="libc6 (>= $(glibc_needed)), libgl1, libegl1, libxcb1"
sed -e "s|@VERSION@|$VERSION|" -e "s|@ARCH@|$ARCH|" -e "s|@MAINTAINER@|$MAINTAINER|" \
  -e "s|@DEPENDS@|$depends|" -e "s|@INSTALLED_SIZE@|$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)|" \
  packaging/deb/control.in > "$STAGE/DEBIAN/control"
# No maintainer scripts: the desktop database and icon caches are refreshed by the dpkg triggers of
# desktop-file-utils and the icon themes, where the laptop has them.
dpkg-deb --root-owner-group -Zgzip -z6 --build "$STAGE" "$DEB" >/dev/null
rm -rf "$STAGE"

say "bundle $(du -sh "$BUNDLE" | cut -f1), tarball $(du -h "$TARBALL" | cut -f1), deb $(du -h "$DEB" | cut -f1)"
say "depends: $depends"
