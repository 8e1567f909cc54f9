"""The fragmentation check's windows and thresholds in the rules database (table history_setting).

Seeded from resources/data/history/thresholds.csv; rows whose source starts with "office" are the
office's own (`set_history_setting`), kept across reseeds and preferred to a seeded row of the same
name and family. Read once per session (`fragmentation_settings`, cached in `session.info`).
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from inspector.db.rules.models import HistorySetting
from inspector.db.rules.seed import OFFICE_SOURCE
from inspector.history.fragmentation import Settings, Threshold

_CACHE = "fragmentation_settings"
_SCALARS = {"just_under": float, "sequential_gap": int, "min_ports": int}


def fragmentation_settings(s: Session) -> Settings:
    """The Settings in force: per name (and family), the office's rows over the seeded ones; the
    built-in defaults for a name without rows (an unseeded database)."""
    if _CACHE in s.info:
        return s.info[_CACHE]
    rows = s.execute(select(HistorySetting.name, HistorySetting.family, HistorySetting.value,
                            HistorySetting.source).order_by(HistorySetting.id)).all()
    office = {(r.name, r.family) for r in rows if r.source.startswith(OFFICE_SOURCE)}
    office_names = {name for name, family in office if name in ("window_days", "round_kg")}
    kept = [r for r in rows if r.source.startswith(OFFICE_SOURCE) or (
        (r.name, r.family) not in office and r.name not in office_names)]
    default = Settings()
    by_name: dict[str, list] = {}
    for r in kept:
        by_name.setdefault(r.name, []).append(r)
    windows = tuple(sorted({int(r.value) for r in by_name.get("window_days", []) if r.value > 0}))
    rounds = tuple(sorted({float(r.value) for r in by_name.get("round_kg", []) if r.value > 0}))
    thresholds = tuple(Threshold(float(r.value), r.family or "*", r.source or "office threshold")
                       for r in by_name.get("threshold_kg", []) if r.value > 0)
    scalars = {name: cast(by_name[name][-1].value) for name, cast in _SCALARS.items() if by_name.get(name)}
    settings = Settings(windows_days=windows or default.windows_days, thresholds=thresholds,
                        round_kg=rounds if "round_kg" in by_name else default.round_kg, **scalars)
    s.info[_CACHE] = settings
    return settings


def set_history_setting(s: Session, name: str, value: float, source: str, family: str = "*",
                        notes: str | None = None, *, replace: bool = True) -> None:
    """An office's own window, threshold or tolerance (kept across reseeds); `replace` drops the office's
    earlier rows of that name and family first."""
    if not source.startswith(OFFICE_SOURCE):
        source = f"{OFFICE_SOURCE}: {source}"
    if replace:
        s.execute(delete(HistorySetting).where(HistorySetting.name == name, HistorySetting.family == family,
                                               HistorySetting.source.like(f"{OFFICE_SOURCE}%")))
    s.add(HistorySetting(name=name, family=family, value=float(value), source=source, notes=notes))
    s.flush()
    s.info.pop(_CACHE, None)


def settings_evidence(settings: Settings) -> dict:
    """The values used, as recorded in a verdict."""
    return {"windows_days": list(settings.windows_days), "just_under": settings.just_under,
            "round_kg": list(settings.round_kg), "sequential_gap": settings.sequential_gap,
            "min_ports": settings.min_ports,
            "thresholds": [{"kg": t.kg, "family": t.family, "source": t.source} for t in settings.thresholds]}
