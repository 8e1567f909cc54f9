"""Issue 11's must-show: one consignment split into three lots leaving through Nansha, Qingdao and
Fuzhou, each lot recorded on its port's laptop, is FRAGMENTATION_SUSPECTED at the centre once the three
bundles are imported there, and on none of the laptops alone. The centre runs on SQLite and on
PostgreSQL (`case_db_url`); the laptops on SQLite, as in the field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from inspector import cli
from inspector.casework import audit
from inspector.checks import fragmentation
from inspector.checks.context import CheckContext
from inspector.config import Config
from inspector.db.cases.repository import list_cases, open_cases
from inspector.sync import import_bundle, recheck_fragmentation
from tests.inspector.history.test_fragmentation_check import CONSIGNEES, papers
from tests.inspector.sync.builders import LOTS, laptop, record_lot, trusting

CASE_ID = "C-20260302-0001"  # every laptop numbers its cases alike: the ids collide at the centre


def _laptops(root: Path) -> list:
    out = []
    for port, name, kg, days, consignee, invoice, loading in LOTS:
        lap = laptop(root / name, port, name)
        record_lot(lap, CASE_ID, kg, days, consignee, invoice, loading)
        out.append(lap)
    return out


def test_three_ports_lots_are_one_consignment_at_the_centre_and_on_no_laptop_alone(
        tmp_path: Path, case_db_url: str, rules_engine) -> None:
    laptops = _laptops(tmp_path)
    with Session(rules_engine) as rules:
        for lap in laptops:  # alone, each laptop knows its own lot only
            with Session(lap.engine) as s:
                assert recheck_fragmentation(s, rules, CASE_ID) is None
    centre_paths = trusting(tmp_path / "centre", *laptops, case_db=case_db_url)
    centre = open_cases(centre_paths)
    for lap in laptops:
        done = import_bundle(centre, centre_paths, lap.export(tmp_path / f"{lap.identity.port}.bundle").path)
        assert [c.action for c in done.cases] == ["imported"]
    with Session(centre) as s, Session(rules_engine) as rules:
        assert {(c.id, c.port) for c in list_cases(s)} == {
            (CASE_ID, "NANSHA"), (f"QINGDAO-{CASE_ID}", "QINGDAO"), (f"FUZHOU-{CASE_ID}", "FUZHOU")}
        assert [c.id for c in list_cases(s, port="QINGDAO")] == [f"QINGDAO-{CASE_ID}"]
        found = recheck_fragmentation(s, rules, f"FUZHOU-{CASE_ID}")
        assert found is not None and found.code == fragmentation.CODE
        assert [c["case_id"] for c in found.evidence["linked_cases"]] == [CASE_ID, f"QINGDAO-{CASE_ID}"]
        assert [c["port_of_loading"] for c in found.evidence["linked_cases"]] == ["NANSHA", "QINGDAO"]
        assert {"just_under_1000_kg", "ports_vary", "sequential_invoices"} <= set(found.evidence["cues"])
        assert found.evidence["aggregate_kg"] == 985 + 978 + 990
        # a fourth lot checked against the centre's pooled history is linked to all three
        new = papers(960.0, 30, consignee=CONSIGNEES[0], invoice="INV-2026-0103", port="Xiamen")
        [f] = fragmentation.check(CheckContext(new, Config(), rules, s, dt.date.fromisoformat(new[0].value("date"))))
        assert len(f.evidence["linked_cases"]) == 3
        assert audit.verify(s) == []  # the centre's own trail: one sync_import row per case
    centre.dispose()


def test_the_command_line_round_trip_reports_the_pattern_at_the_centre(tmp_path: Path, capsys) -> None:
    laptops = _laptops(tmp_path)
    centre = tmp_path / "centre"
    for lap in laptops:
        key = next((lap.paths.root / "sync").glob("*.pub.pem"))
        assert cli.main(["sync", "trust", str(key), "--port", lap.identity.port, "--data-dir", str(centre)]) == 0
    outputs = []
    for lap in laptops:
        bundle = tmp_path / f"{lap.identity.port}.bundle"
        assert cli.main(["sync", "export", str(bundle), "--since", "2026-01-01", "--data-dir", str(lap.paths.root)]) == 0
        assert cli.main(["sync", "import", str(bundle), "--data-dir", str(centre)]) == 0
        outputs.append(capsys.readouterr().out)
    assert "FRAGMENTATION_SUSPECTED" not in outputs[0]
    assert f"FUZHOU-{CASE_ID}: FRAGMENTATION_SUSPECTED" in outputs[2] and f"QINGDAO-{CASE_ID}" in outputs[2]
    assert cli.main(["sync", "import", str(tmp_path / "FUZHOU.bundle"), "--data-dir", str(centre)]) == 0
    assert "was imported before: nothing changed" in capsys.readouterr().out
    assert cli.main(["sync", "status", "--json", "--data-dir", str(centre)]) == 0
    assert '"bundles_imported": 3' in capsys.readouterr().out
