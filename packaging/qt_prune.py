"""Which Qt files build.spec keeps: the plugins the app uses and the libraries they need, nothing
else. PyInstaller's Qt hooks collect every plugin of a used module (GTK theme, VNC, EGLFS, PDF and
SVG image readers, ...) and then every library those plugins load (GTK, cairo, pango for libqgtk3
alone). `limit_plugin_collection` stops the hooks from collecting the unused plugins, so their
libraries are never analysed in; `prune` then drops what is left over (translations, Qt libraries
of unused modules, links to dropped files). Less to ship, and no code that can misbehave on a
laptop (libqgtk3 crashes with some GTK themes).

The app draws numpy images (ui/convert.py) and saves screenshots as PNG, which QtGui reads and
writes without plugins, so no image-format plugin is kept.
"""

from __future__ import annotations

import os
import re
from pathlib import PurePosixPath

QT_PREFIX = "PySide6/Qt/"

# Qt modules the app does not import (ui/ uses QtCore, QtGui and QtWidgets): left out of the bundle.
# tests/packaging checks that ui/ imports none of them.
UNUSED_QT_MODULES = tuple("PySide6." + m for m in (
    "QtNetwork", "QtQml", "QtQuick", "QtQuickWidgets", "QtQuickControls2", "QtSvg", "QtSvgWidgets",
    "QtOpenGL", "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtSql", "QtTest",
    "QtUiTools", "QtXml", "QtDBus", "QtConcurrent", "QtDesigner", "QtHelp", "QtMultimedia",
    "QtWebEngineCore", "QtWebEngineWidgets", "QtCharts", "Qt3DCore",
))

# plugin type -> plugin files kept; types not listed here are dropped whole.
PLUGINS: dict[str, frozenset[str]] = {
    "platforms": frozenset({"libqoffscreen.so", "libqxcb.so", "libqwayland.so"}),
    "xcbglintegrations": frozenset({"libqxcb-glx-integration.so", "libqxcb-egl-integration.so"}),
    "wayland-shell-integration": frozenset({"libxdg-shell.so"}),
    "wayland-decoration-client": frozenset({"libadwaita.so", "libbradient.so"}),
    "wayland-graphics-integration-client": frozenset({"libqt-plugin-wayland-egl.so",
                                                      "libshm-emulation-server.so"}),
    "platforminputcontexts": frozenset({"libcomposeplatforminputcontextplugin.so",
                                        "libibusplatforminputcontextplugin.so"}),
    "platformthemes": frozenset({"libqxdgdesktopportal.so"}),  # never libqgtk3.so
}

# Qt libraries only the dropped plugins or unused modules load.
DROPPED_LIBRARIES = re.compile(
    r"^libQt6(Pdf|Svg|SvgWidgets|Qml\w*|Quick\w*|Network|OpenGLWidgets|EglFs\w*|"
    r"EglFSDeviceIntegration|WaylandCompositor|WaylandEgl\w*|WlShellIntegration|VirtualKeyboard\w*)\.so"
)

# Qt's own translations: the languages the app speaks.
KEPT_TRANSLATIONS = re.compile(r"^qtbase_(zh_CN|en)\.qm$")


def keep(dest: str) -> bool:
    """Whether a file collected under this bundle path stays in the bundle."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if not str(path).startswith(QT_PREFIX):
        return True
    parts = path.parts[len(PurePosixPath(QT_PREFIX).parts):]
    if parts[0] == "plugins" and len(parts) == 3:
        return parts[2] in PLUGINS.get(parts[1], frozenset())  # unlisted types: none kept
    if parts[0] == "lib":
        return not DROPPED_LIBRARIES.match(parts[-1])
    if parts[0] == "translations":
        return bool(KEPT_TRANSLATIONS.match(parts[-1]))
    return True


def _kept(entry: tuple[str, str, str]) -> bool:
    dest, source, typecode = entry
    if typecode == "SYMLINK":  # source is the link's target, relative to the link
        target = os.path.normpath(os.path.join(os.path.dirname(dest), source))
        return keep(dest) and keep(target)
    return keep(dest)


def prune(toc: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """A PyInstaller TOC without the Qt files `keep` rejects, nor links to them."""
    return [entry for entry in toc if _kept(entry)]


def limit_plugin_collection() -> None:
    """Make PyInstaller's Qt hooks collect only the plugins `keep` accepts (call before Analysis).

    Patches `QtLibraryInfo.collect_plugins` of the PyInstaller pinned in constraints.txt; with a
    PyInstaller that lacks it, `prune` alone still removes the plugins (not their libraries)."""
    try:
        from PyInstaller.utils.hooks.qt import QtLibraryInfo
    except ImportError:
        return
    original = getattr(QtLibraryInfo, "collect_plugins", None)
    if original is None or getattr(original, "limited", False):
        return

    def collect_plugins(self, plugin_type):  # type: ignore[no-untyped-def]
        found = original(self, plugin_type)
        return [(src, dst) for src, dst in found if keep(f"{dst}/{os.path.basename(src)}")]

    collect_plugins.limited = True  # type: ignore[attr-defined]
    QtLibraryInfo.collect_plugins = collect_plugins
