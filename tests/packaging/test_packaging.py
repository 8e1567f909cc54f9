"""The build helpers of build.spec (packaging/) and the smoke test's comparison (scripts/): which Qt
files stay, which Tesseract files are bundled and where, debug information stripped safely, and
the frozen launcher's choice between the app and the command line."""

from __future__ import annotations

import ctypes
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(path: Path) -> ModuleType:
    """Import a build helper by file (packaging/ is not a package; scripts have dashes)."""
    name = "_pkgtest_" + path.stem.replace("-", "_")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


qt_prune = _load(ROOT / "packaging" / "qt_prune.py")
tesseract_files = _load(ROOT / "packaging" / "tesseract_files.py")
debug_strip = _load(ROOT / "packaging" / "debug_strip.py")
compare = _load(ROOT / "scripts" / "compare-checks.py")
launcher = _load(ROOT / "packaging" / "launchers" / "inspector_main.py")

QT = "PySide6/Qt/"


@pytest.mark.parametrize(("dest", "kept"), [
    (QT + "plugins/platforms/libqoffscreen.so", True),
    (QT + "plugins/platforms/libqxcb.so", True),
    (QT + "plugins/platforms/libqvnc.so", False),
    (QT + "plugins/platformthemes/libqgtk3.so", False),
    (QT + "plugins/imageformats/libqpdf.so", False),
    (QT + "plugins/sqldrivers/libqsqlite.so", False),  # a type not listed: dropped whole
    (QT + "lib/libQt6Widgets.so.6", True),
    (QT + "lib/libQt6Pdf.so.6", False),
    (QT + "lib/libQt6Quick.so.6", False),
    (QT + "translations/qtbase_zh_CN.qm", True),
    (QT + "translations/qtdeclarative_zh_CN.qm", False),
    ("cv2/cv2.abi3.so", True),
])
def test_only_the_qt_files_the_app_uses_are_kept(dest: str, kept: bool) -> None:
    assert qt_prune.keep(dest) is kept


def test_the_app_imports_no_qt_module_the_bundle_leaves_out() -> None:
    imported = set()
    for source in (ROOT / "ui").rglob("*.py"):
        imported |= set(re.findall(r"PySide6\.Qt\w+", source.read_text("utf-8")))
    assert imported, "ui/ should import Qt"
    assert not imported & set(qt_prune.UNUSED_QT_MODULES)


def test_links_to_dropped_qt_libraries_go_too() -> None:
    toc = [("libQt6Pdf.so.6", QT + "lib/libQt6Pdf.so.6", "SYMLINK"),
           ("libQt6Core.so.6", QT + "lib/libQt6Core.so.6", "SYMLINK"),
           (QT + "lib/libQt6Pdf.so.6", "/src/libQt6Pdf.so.6", "BINARY")]
    assert qt_prune.prune(toc) == [toc[1]]


@pytest.fixture(scope="module")
def tesseract() -> Path:
    return tesseract_files.find_tesseract()


def test_tesseract_is_bundled_with_its_libraries_but_not_glibc(tesseract: Path) -> None:
    dests = {f.dest: f.source for f in tesseract_files.bundle_files(tesseract)}
    assert "tesseract/tesseract" in dests
    libs = {Path(d).name for d in dests if d.startswith("tesseract/lib/")}
    assert {"libtesseract.so.5", "liblept.so.5"} <= libs
    assert not libs & {"libc.so.6", "libm.so.6", "ld-linux-x86-64.so.2"}
    for lang in ("eng", "chi_sim", "osd"):
        assert dests[f"tesseract/tessdata/{lang}.traineddata"].is_file()
    assert "tesseract/tessdata/configs/tsv" in dests  # `tesseract ... tsv` needs it


def test_the_bundle_layout_is_where_the_engine_looks() -> None:
    from inspector.ocr import tesseract as engine

    assert tesseract_files.BUNDLE_DIR == engine.BUNDLE_DIR


def test_a_missing_language_names_the_package_to_install(tesseract: Path) -> None:
    with pytest.raises(tesseract_files.BundleError, match="tesseract-ocr-kor"):
        tesseract_files.bundle_files(tesseract, ("eng", "kor"))


def test_a_library_collected_at_the_root_becomes_a_link(tesseract: Path) -> None:
    files = tesseract_files.bundle_files(tesseract)
    stdcpp = next(f for f in files if f.dest == "tesseract/lib/libstdc++.so.6")
    toc = tesseract_files.as_toc(files, [("libstdc++.so.6", str(stdcpp.source), "BINARY")])
    by_dest = {dest: (src, kind) for dest, src, kind in toc}
    assert by_dest["tesseract/lib/libstdc++.so.6"] == ("../../libstdc++.so.6", "SYMLINK")
    assert by_dest["tesseract/tesseract"][1] == "DATA"


@pytest.mark.skipif(shutil.which("objcopy") is None, reason="binutils (make dist installs them)")
def test_debug_information_is_stripped_and_the_library_still_loads(tesseract: Path, tmp_path: Path) -> None:
    plain = dict(tesseract_files.linux_libraries(tesseract))["libz.so.1"]
    debug = tmp_path / "libz-debug.so.1"
    (tmp_path / "blob").write_bytes(b"\0" * 200_000)
    subprocess.run(["objcopy", "--add-section", f".debug_info={tmp_path / 'blob'}", str(plain),
                    str(debug)], check=True)
    assert debug_strip.has_debug_info(debug) and not debug_strip.has_debug_info(plain)
    assert not debug_strip.strippable("numpy.libs/libz-debug.so.1", debug)  # auditwheel's: left alone
    toc = debug_strip.strip_debug([("libz-debug.so.1", str(debug), "BINARY")], tmp_path / "work")
    stripped = Path(toc[0][1])
    assert stripped != debug and not debug_strip.has_debug_info(stripped)
    assert stripped.stat().st_size < debug.stat().st_size - 150_000
    assert ctypes.CDLL(str(stripped)).zlibVersion  # still a working library


def _report(lane: str, *findings: tuple[str, str]) -> dict:
    return {"case": {"id": "UNSAVED-1", "lane": lane, "risk_score": 35},
            "documents": [{"path": "a.pdf", "type": "commercial_invoice", "fields": {"net": "4850"}}],
            "findings": [{"code": c, "severity": s, "document": 1, "field": "net", "page": 1}
                         for c, s in findings]}


def test_the_comparison_names_what_differs() -> None:
    dev = _report("red", ("LICENCE_MISSING", "high"), ("CONTROLLED_GOODS", "info"))
    assert compare.differences(dev, _report("red", ("CONTROLLED_GOODS", "info"), ("LICENCE_MISSING", "high"))) == []
    diffs = compare.differences(dev, _report("yellow", ("LICENCE_MISSING", "medium"), ("CONTROLLED_GOODS", "info")))
    assert any(d.startswith("lane:") for d in diffs)
    assert any("missing" in d and "'high'" in d for d in diffs) and any("extra" in d and "'medium'" in d for d in diffs)


def test_the_frozen_program_is_the_command_line_by_default(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["/opt/inspector/inspector", "--version"])
    with pytest.raises(SystemExit) as stop:
        launcher.run()
    assert stop.value.code == 0 and capsys.readouterr().out.startswith("inspector ")


def test_called_as_inspector_gui_it_is_the_desktop_app(monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.app

    started = []
    monkeypatch.setattr(ui.app, "main", lambda: started.append("gui") or 0)
    monkeypatch.setattr(sys, "argv", ["/usr/bin/inspector-gui"])
    assert launcher.run() == 0 and started == ["gui"]
