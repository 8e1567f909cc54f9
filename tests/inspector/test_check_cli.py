"""`inspector check` end to end, through the command line, with real Tesseract on generated scans."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from inspector.db.cases.repository import list_cases, open_cases
from inspector.paths import DataPaths
from inspector.synth.case import write_case
from inspector.synth.scan import ScanProfile
from inspector.synth.truth import CaseTruth
from tests.data.bad import make_bad
from tests.inspector.conftest import CONTRACT, copy_sample, sample_files

LICENCE_HEADER = ["licence_number", "holder", "consignee", "end_user", "destination_country", "hs_code",
                  "quantity_kg", "valid_from", "valid_to"]

# The layouts this suite reads end to end; the other layouts are measured by benchmarks/accuracy.py
# and covered layout by layout in tests/inspector/extract.
LAYOUTS = {"commercial_invoice": "table", "packing_list": "blocks", "export_declaration": "cn_customs",
           "bill_of_lading": "carrier", "export_licence": "cn_dual_use", "certificate_of_origin": "ccpit"}

# Generated shipments, each scanned differently, each with one planted problem.
CASES = {
    "weight_mismatch": dict(seed=11, problem="weight_mismatch",
                            profile=ScanProfile(dpi=300, angle=2.0, noise=6, jpeg_quality=60)),
    "bad_container": dict(seed=12, problem="bad_container", profile=ScanProfile(dpi=200, angle=-3.0)),
    "party_mismatch": dict(seed=14, problem="party_mismatch",
                           profile=ScanProfile(dpi=300, angle=-1.5, jpeg_quality=45, noise=8)),
    "gross_below_net": dict(seed=15, problem="gross_below_net", profile=ScanProfile(dpi=200, angle=1.0)),
}


def _same(truth, got) -> bool:
    if isinstance(truth, str) and isinstance(got, str):
        return truth.casefold().rstrip(".") == got.casefold().rstrip(".")
    return truth == got


def field_accuracy(result: dict, truth: CaseTruth) -> float:
    """Share of the truth's document fields read exactly (strings compared without case)."""
    pairs = [(v, doc["fields"].get(k)) for doc, td in zip(result["documents"], truth.documents, strict=True)
             for k, v in td.fields.items()]
    return sum(_same(t, g) for t, g in pairs) / len(pairs)


def _licence_csv(truth: CaseTruth, path: Path) -> Path:
    """A licence registry holding the case's licence, as the authority would have issued it."""
    lic = next(d for d in truth.documents if d.type == "export_licence")
    f, item = lic.fields, lic.items[0]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(LICENCE_HEADER)
        writer.writerow([f["licence_number"], f["exporter"], f["consignee"], f["end_user"],
                         f["country_of_destination"], item.hs_code, 100000, "2026-01-01", "2027-12-31"])
    return path


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, CaseTruth]]:
    root = tmp_path_factory.mktemp("cases")
    return {name: (root / name, write_case(root / name, layouts=LAYOUTS, **kw)) for name, kw in CASES.items()}


def _files(case_dir: Path) -> list[str]:
    return sorted(str(p) for p in case_dir.iterdir() if p.name != "truth.json")


@pytest.mark.parametrize("name", list(CASES))
def test_planted_problem_is_found_and_fields_are_read(name, generated, data_dir, run_cli, tmp_path) -> None:
    case_dir, truth = generated[name]
    assert run_cli("rules", "import-licences", str(_licence_csv(truth, tmp_path / "lic.csv")),
                   "--data-dir", str(data_dir)).code == 0
    run = run_cli("check", *_files(case_dir), "--json", "--data-dir", str(data_dir))
    assert run.code == 0
    result = run.json()
    codes = {f["code"] for f in result["findings"]}
    assert set(truth.planted) <= codes
    assert "LICENCE_NOT_FOUND" not in codes and "LICENCE_MISSING" not in codes
    assert [d["type"] for d in result["documents"]] == [d.type for d in truth.documents]
    assert field_accuracy(result, truth) >= 0.90
    assert result["case"]["lane"] in ("yellow", "red")


def test_planted_findings_point_at_the_scan(generated, data_dir, run_cli) -> None:
    case_dir, _ = generated["bad_container"]
    result = run_cli("check", *_files(case_dir), "--json", "--data-dir", str(data_dir), "--no-save").json()
    finding = next(f for f in result["findings"] if f["code"] == "CONTAINER_CHECK_DIGIT")
    doc = result["documents"][finding["document"]]
    assert doc["type"] == "bill_of_lading" and finding["page"] == 1
    x, y, w, h = finding["bbox"]
    assert 0 < x < 2480 and 0 < y < 3508 and 0 < w < 2480 and 0 < h < 200
    assert finding["evidence"]["container"] in doc["fields"]["container_numbers"]


def test_clean_shipment_of_ordinary_goods_goes_green(tmp_path, data_dir, run_cli) -> None:
    truth = write_case(tmp_path / "clean", seed=13, goods="ordinary", layouts=LAYOUTS,
                       profile=ScanProfile(dpi=300, angle=1.0, blur=0.6))
    result = run_cli("check", *_files(tmp_path / "clean"), "--json", "--data-dir", str(data_dir)).json()
    assert result["case"]["lane"] == "green", result["findings"]
    assert result["case"]["shipment_date"] == truth.shipment_date
    assert field_accuracy(result, truth) >= 0.90


def test_sample_case_licence_missing_is_red_and_recorded(data_dir, run_cli) -> None:
    truth = CaseTruth.from_json((Path(sample_files()[0]).parent / "truth.json").read_text("utf-8"))
    run = run_cli("check", *sample_files(), "--json", "--data-dir", str(data_dir), "--case-id", "PORT-1")
    result = run.json()
    assert run.code == 0
    assert result["case"]["id"] == "PORT-1" and result["case"]["lane"] == "red"
    codes = [f["code"] for f in result["findings"]]
    assert set(truth.planted) <= set(codes)
    assert codes[0] == "LICENCE_MISSING"  # most serious first
    assert field_accuracy(result, truth) >= 0.95
    with Session(open_cases(DataPaths(data_dir))) as s:
        assert [c.id for c in list_cases(s)] == ["PORT-1"]
    again = run_cli("check", *sample_files(), "--data-dir", str(data_dir), "--case-id", "PORT-1")
    assert again.code == 2 and "PORT-1" in again.err


def test_no_save_records_nothing_and_text_output_is_readable(data_dir, run_cli) -> None:
    run = run_cli("check", *sample_files(), "--data-dir", str(data_dir), "--no-save")
    assert run.code == 0
    assert "lane RED" in run.out and "LICENCE_MISSING" in run.out
    assert "Reading pages" in run.err and "Reading pages" not in run.out
    with Session(open_cases(DataPaths(data_dir))) as s:
        assert list_cases(s) == []


@pytest.mark.parametrize("bad", ["empty.pdf", "truncated.jpg", "random.pdf", "encrypted.pdf", "bomb.png",
                                 "huge_page.pdf", "letter.docx", "notes.txt"])
def test_bad_input_is_unreadable_and_the_rest_is_still_checked(bad, tmp_path, data_dir, run_cli) -> None:
    files = copy_sample(tmp_path / "case")
    bad_path = tmp_path / "case" / bad
    bad_path.write_bytes(make_bad.MAKERS[bad]())
    run = run_cli("check", files[0], str(bad_path), files[1], "--json", "--data-dir", str(data_dir),
                  "--case-id", "BAD-1")
    assert run.code == 3
    result = run.json()
    assert [d["path"] for d in result["documents"]] == [files[0], str(bad_path), files[1]]
    broken = result["documents"][1]
    assert broken["error"] and broken["error"].endswith(".") and len(broken["error"]) > 20
    unreadable = [f for f in result["findings"] if f["code"] == "INPUT_UNREADABLE"]
    assert len(unreadable) == 1 and unreadable[0]["document"] == 1
    assert result["documents"][0]["type"] == "commercial_invoice"
    assert result["documents"][0]["fields"]["total_net_weight_kg"] == 3150.0
    with Session(open_cases(DataPaths(data_dir))) as s:
        assert [c.id for c in list_cases(s)] == ["BAD-1"]


def test_missing_file_is_unreadable(data_dir, run_cli, tmp_path) -> None:
    run = run_cli("check", str(tmp_path / "nowhere.pdf"), "--json", "--data-dir", str(data_dir))
    assert run.code == 3
    assert "does not exist" in run.json()["documents"][0]["error"]


def test_missing_tesseract_is_one_clear_error(tmp_path) -> None:
    env = {**os.environ, "PATH": str(tmp_path)}  # a PATH without tesseract
    proc = subprocess.run([sys.executable, "-m", "inspector", "check", sample_files()[0], "--data-dir",
                           str(tmp_path / "d")], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 4
    assert "sudo apt install tesseract-ocr" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_bad_usage_exits_2(run_cli) -> None:
    with pytest.raises(SystemExit) as exc:
        run_cli("check")
    assert exc.value.code == 2


def test_schema_copy_matches_the_shared_contract() -> None:
    shared = Path(__file__).resolve().parents[3] / "shared" / "contract" / "check-output.schema.json"
    if not shared.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert json.loads(shared.read_text("utf-8")) == json.loads(CONTRACT.read_text("utf-8"))


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_a_page_scanned_sideways_or_upside_down_is_turned_upright(turns, tmp_path, data_dir, run_cli) -> None:
    import cv2
    import numpy as np

    from inspector.intake import load_pages

    page = load_pages(sample_files()[1])[0].image  # the packing list
    turned = tmp_path / "turned.png"
    cv2.imwrite(str(turned), np.ascontiguousarray(np.rot90(page, turns)))
    result = run_cli("check", str(turned), "--json", "--data-dir", str(data_dir), "--no-save").json()
    fields = result["documents"][0]["fields"]
    assert result["documents"][0]["type"] == "packing_list"
    assert fields["total_gross_weight_kg"] == 3433.5 and fields["invoice_number"] == "2026441833"
