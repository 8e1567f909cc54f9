"""The diversion routes and the port table in the rules database: migration 0003, seed, queries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from inspector.db.base import make_engine
from inspector.db.migrate import alembic_config, current_revision, head_revision
from inspector.db.rules.models import DiversionRoute, Meta, Port
from inspector.db.rules.repository import diversion_routes, ports, rules_info, rules_version
from inspector.db.rules.seed import open_rules, seed_files, seed_hash
from inspector.paths import DataPaths


def test_a_rules_database_at_0002_upgrades_and_gets_routes_and_ports(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    paths.ensure()
    engine = make_engine(paths.rules_db)
    with engine.begin() as connection:
        command.upgrade(alembic_config("rules", connection), "rules_0002")
    assert "diversion_route" not in inspect(engine).get_table_names()
    with Session(engine) as s, s.begin():  # as an older release left it: seeded, its own hash and version
        s.add_all([Meta(key="seed_hash", value="seed of release 0002"),
                   Meta(key="rules_version", value="seed-2026.11.29-old")])
    engine.dispose()

    engine = open_rules(paths)
    assert current_revision(engine, "rules") == head_revision("rules")
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(DiversionRoute)) == 38
        assert s.scalar(select(func.count()).select_from(Port)) == 135
        assert rules_version(s).endswith(seed_hash()[:12])
    engine.dispose()


def test_seed_digest_covers_the_route_and_port_files() -> None:
    names = {p.name for p in seed_files()}
    assert {"diversion_routes.csv", "ports.csv"} <= names


def test_routes_keep_unsure_flags_sources_and_dates(rules: Session) -> None:
    routes = diversion_routes(rules)
    assert len(routes) == 36  # two rows name no country ("third countries, unnamed")
    assert sum(1 for r in routes if r.unsure) == 13
    georgia = next(r for r in routes if r.country == "GE")
    assert georgia.families == frozenset({"dual_use_general"}) and georgia.date == dt.date(2022, 6, 28)
    assert georgia.source.startswith("https://") and georgia.named_by.startswith("FinCEN")
    unnamed = rules.scalars(select(DiversionRoute).where(DiversionRoute.country.is_(None))).all()
    assert len(unnamed) == 2 and all(r.unsure for r in unnamed)
    assert diversion_routes(rules) is routes  # read once per session


def test_ports_keep_aliases_and_unsure_notes(rules: Session) -> None:
    by_code = {p.locode: p for p in ports(rules)}
    assert by_code["CNSHA"].aliases == ("上海", "Yangshan", "洋山") and by_code["CNSHA"].country == "CN"
    assert by_code["MXZLO"].unsure and by_code["CNSHA"].unsure is None


def test_rules_info_counts_routes_and_ports(rules: Session) -> None:
    counts = rules_info(rules).counts
    assert counts["diversion_route"] == 38 and counts["port"] == 135
