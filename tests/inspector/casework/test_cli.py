"""`inspector case show|correct|decide|sign-off` and `inspector audit verify` on a recorded case."""

from __future__ import annotations

import json
import sqlite3

from tests.inspector.casework.builders import record, shipment


def test_the_case_commands_from_correction_to_sign_off(sessions, config, paths, tmp_path, run_cli) -> None:
    rules, cases = sessions
    record(rules, cases, config, "C-1", shipment(tmp_path))
    data = ["--data-dir", str(paths.root)]
    shown = run_cli("case", "show", "C-1", "--json", *data)
    assert shown.code == 0
    doc = json.loads(shown.out)
    assert doc["result"]["case"]["id"] == "C-1" and doc["state"]["status"] == "recorded"
    assert "WEIGHT_INCONSISTENT" in [f["code"] for f in doc["result"]["findings"]]
    assert [a["action"] for a in doc["audit"]] == ["check"]

    bad = run_cli("case", "correct", "C-1", "--doc", "0", "--field", "total_net_weight_kg", "--value", "lots",
                  "--lang", "zh", *data)
    assert bad.code == 2 and "无法识读为总净重" in bad.err
    fixed = run_cli("case", "correct", "C-1", "--doc", "0", "--field", "total_net_weight_kg", "--value", "3,150 kg",
                    "--by", "Li Wei", *data)
    assert fixed.code == 0 and "WEIGHT_INCONSISTENT" not in fixed.out and "total_net_weight_kg" in fixed.out
    assert run_cli("case", "decide", "C-1", "hold", "--note", "no licence", "--by", "Li Wei", *data).code == 0
    signed = run_cli("case", "sign-off", "C-1", "--supervisor", "Wang Fang", *data)
    assert signed.code == 0 and "Signed off by Wang Fang" in signed.out
    refused = run_cli("case", "decide", "C-1", "release", *data)
    assert refused.code == 1 and "read-only" in refused.err

    intact = run_cli("audit", "verify", *data)
    assert intact.code == 0 and "intact" in intact.out
    with sqlite3.connect(paths.cases_db) as db:
        db.execute("UPDATE audit_log SET detail = '{\"note\": \"release\"}' WHERE seq = 3")
    broken = run_cli("audit", "verify", "--json", *data)
    assert broken.code == 1
    assert [(p["kind"], p["seq"]) for p in json.loads(broken.out)["problems"]] == [("edited", 3)]
    assert "Audit row 3" in run_cli("audit", "verify", *data).out
