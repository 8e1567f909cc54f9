"""A seeded rules database holding a licence registry, beside a case database: the sessions the
licence and fragmentation checks are tested with."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from inspector.db.cases.repository import open_cases
from inspector.db.rules.repository import import_licences
from inspector.db.rules.seed import open_rules
from inspector.paths import DataPaths

LICENCE_HEADER = ("licence_number,holder,consignee,end_user,destination_country,hs_code,quantity_kg,valid_from,"
                  "valid_to")


@contextmanager
def registry_sessions(paths: DataPaths, *rows: str) -> Iterator[tuple[Session, Session]]:
    """(rules, cases) sessions on `paths`: the rules database seeded and the licence CSV rows (under
    LICENCE_HEADER) imported, the case database empty; engines disposed on exit."""
    paths.ensure()
    csv = paths.root / "lic.csv"
    csv.write_text("\n".join((LICENCE_HEADER, *rows)) + "\n", encoding="utf-8")
    rules_engine, cases_engine = open_rules(paths), open_cases(paths)
    try:
        with Session(rules_engine) as rules, Session(cases_engine) as cases:
            import_licences(rules, csv)
            rules.commit()
            yield rules, cases
    finally:
        rules_engine.dispose()
        cases_engine.dispose()
