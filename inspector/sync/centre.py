"""The centre's view of the pooled cases: the fragmentation check run again on a recorded case against
the whole case database (every port's lots), read-only.

A laptop checks a lot against its own history only; at the centre the same check, run on an imported
case, sees the lots of every port (`history.store.earlier_lots` over the pooled summaries). Nothing is
written: the finding is returned (and printed by `inspector sync import`), the case stays as its port
recorded it, so its next version still imports cleanly.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.casework.load import stored_documents
from inspector.checks import fragmentation
from inspector.checks.context import CheckContext
from inspector.config import Config
from inspector.db.cases.models import Case
from inspector.db.cases.repository import case_findings
from inspector.models import Finding


def recheck_fragmentation(cases: Session, rules: Session, case_id: str, config: Config | None = None) -> Finding | None:
    """FRAGMENTATION_SUSPECTED for a recorded case against every lot in this case database before it
    (None when no pattern links it); the case itself is not changed."""
    shipped = cases.scalar(select(Case.shipment_date).where(Case.id == case_id))
    documents = stored_documents(cases, case_id, case_findings(cases, case_id))
    context = CheckContext(documents, config or Config(), rules, cases, shipped)
    return next(iter(fragmentation.check(context)), None)
