"""The fragmentation patterns, each with a near miss that must not fire."""

from __future__ import annotations

import datetime as dt

from inspector.history.fragmentation import Lot, Settings, Threshold, detect
from inspector.models import Severity

DAY = dt.date(2026, 3, 1)


def lot(n: int, kg: float, days: int, **kw) -> Lot:
    return Lot(f"case-{n}", DAY + dt.timedelta(days=days), kg, "germanium", 1, 2, **kw)


def test_lots_each_just_under_a_round_quantity_that_together_exceed_it_are_linked() -> None:
    earlier = [lot(1, 485.0, 0), lot(2, 492.0, 12)]
    found = detect(lot(3, 478.0, 25), earlier, Settings())
    assert found is not None and found.severity == Severity.MEDIUM
    assert [x.case_id for x in found.linked] == ["case-1", "case-2"]
    assert found.threshold.kg == 500 and found.aggregate_kg == 485 + 492 + 478 and found.window_days == 30


def test_a_steady_run_under_any_round_quantity_counts_and_the_office_threshold_comes_first() -> None:
    found = detect(lot(2, 990.0, 20), [lot(1, 985.0, 0)], Settings())
    assert found is not None and found.threshold.kg == 1000
    office = Settings(thresholds=(Threshold(1000.0, "germanium", "MOFCOM notice (test)"),))
    found = detect(lot(2, 990.0, 20), [lot(1, 985.0, 0)], office)
    assert found.threshold.source == "MOFCOM notice (test)"


def test_two_honest_shipments_a_month_apart_and_clear_of_thresholds_are_not_linked() -> None:
    assert detect(lot(2, 820.0, 33), [lot(1, 640.0, 0)], Settings()) is None
    # just under a threshold once, but the earlier lot is not: nothing dodged
    assert detect(lot(2, 490.0, 20), [lot(1, 300.0, 0)], Settings()) is None
    # hugging lots outside the 90-day window are not a run
    assert detect(lot(2, 490.0, 120), [lot(1, 485.0, 0)], Settings()) is None


def test_the_90_day_window_links_what_the_30_day_window_misses() -> None:
    found = detect(lot(2, 490.0, 60), [lot(1, 485.0, 0)], Settings())
    assert found is not None and found.window_days == 90


def test_links_between_lots_raise_a_quantity_pattern_to_high() -> None:
    earlier = [lot(1, 485.0, 0, invoice_number="INV-2026-0384", containers=frozenset({"MSCU4893309"}))]
    found = detect(lot(2, 490.0, 10, invoice_number="INV-2026-0385", containers=frozenset({"MSCU4893309"})),
                   earlier, Settings())
    assert found.severity == Severity.HIGH
    assert {"sequential_invoices", "same_container"} <= set(found.cues)


def test_lots_that_together_exceed_the_licence_are_linked_and_a_licensed_exporter_within_it_is_not() -> None:
    earlier = [lot(1, 700.0, 0, licence_number="L-1"), lot(2, 650.0, 15, licence_number="L-1")]
    over = detect(lot(3, 720.0, 28, licence_number="L-1"), earlier, Settings(), licence_kg=2000.0)
    assert over is not None and "licence_exceeded" in over.cues and over.licence_kg == 2000.0
    assert detect(lot(3, 500.0, 28, licence_number="L-1"), earlier, Settings(), licence_kg=2000.0) is None


def test_links_alone_are_low_and_one_kind_of_link_is_not_enough() -> None:
    earlier = [lot(1, 640.0, 0, invoice_number="INV-0384", vessel_voyage="MSC TINA 031W")]
    two = detect(lot(2, 820.0, 5, invoice_number="INV-0385", vessel_voyage="MSC TINA 031W"), earlier, Settings())
    assert two is not None and two.severity == Severity.LOW
    one = detect(lot(2, 820.0, 5, invoice_number="INV-0385"), earlier, Settings())
    assert one is None


def test_a_stream_through_different_ports_is_a_link() -> None:
    earlier = [lot(1, 640.0, 0, port_of_loading="CNSHA"), lot(2, 700.0, 10, port_of_loading="CNNGB")]
    found = detect(lot(3, 820.0, 20, port_of_loading="CNQIN", invoice_number="A-11"),
                   [*earlier[:1], lot(2, 700.0, 10, port_of_loading="CNNGB", invoice_number="A-10")], Settings())
    assert found is not None and {"ports_vary", "sequential_invoices"} <= set(found.cues)
