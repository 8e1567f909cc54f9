"""Recording and listing checked cases in the case database; every query takes a Session first."""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, IntegrityError, InterfaceError
from sqlalchemy.orm import Session, selectinload

from inspector import __version__
from inspector.db.base import make_engine
from inspector.db.cases.models import (
    Case,
    CaseDocument,
    CaseField,
    CaseFinding,
    CaseItem,
    CasePage,
    CasePagePhash,
    CaseShipment,
)
from inspector.db.cases.phash_index import bands, distance, near_query, number_tokens
from inspector.db.migrate import upgrade
from inspector.errors import InspectorError
from inspector.extract.normalise.weights import item_net_kg
from inspector.history.store import (
    apply_decisions,
    clear_history,
    drop_case_history,
    licence_case_ids,
    record_history,
)
from inspector.history.summary import family_of_findings, summarise
from inspector.models import CaseResult, DocType, Document, FieldValue, Finding, LineItem, Severity
from inspector.paths import DataPaths

log = logging.getLogger(__name__)

ID_PREFIX = "C"
RECORD_LOCK = 0x1A5EC7  # PostgreSQL advisory lock of save_case: a new case id is taken by one writer at a time


class CaseExistsError(InspectorError):
    """A case with this id is already recorded; it is never overwritten."""

    exit_code = 2


class CaseDatabaseError(InspectorError):
    """The case database could not be opened or upgraded; it was left untouched."""


@dataclass(frozen=True)
class CaseSummary:
    """One line of the case list."""

    id: str
    created_at: dt.datetime
    shipment_date: dt.date | None
    lane: str
    risk_score: int
    rules_version: str
    status: str
    documents: int
    findings: int
    port: str | None = None  # the port of origin of an imported case; None: recorded here
    conflict_of: str | None = None  # the case this one is another version of (edited on both sides)


def open_cases(paths: DataPaths) -> Engine:
    """The case database engine: created if missing, upgraded in place, never dropped. It is the SQLite
    file of the data directory (encrypted when a passphrase is set), or the server database of
    `paths.case_db` (a coordination centre's PostgreSQL: docs/centre.md)."""
    if not paths.case_db_is_file:
        return _open_server_cases(paths)
    location = make_url(paths.case_db_url).database or str(paths.cases_db)
    engine = make_engine(location, paths.passphrase)  # encrypted when a passphrase is set
    try:
        upgrade(engine, "cases")
    except DatabaseError as exc:
        engine.dispose()
        raise CaseDatabaseError(
            f"The case database {location} could not be opened ({exc.orig}); "
            "it was left as it is: if it is encrypted, give its passphrase (INSPECTOR_PASSPHRASE or "
            "--passphrase-env); otherwise keep a copy and ask for support."
        ) from exc
    return engine


def _open_server_cases(paths: DataPaths) -> Engine:
    """The case database on a server (PostgreSQL), upgraded in place like the file."""
    shown = paths.case_db_shown()
    if paths.passphrase:
        raise CaseDatabaseError(
            f"A passphrase was given for the case database {shown}, but only a SQLite file is encrypted by "
            "Inspector; a server database is protected by its server. Unset INSPECTOR_PASSPHRASE (or "
            "--passphrase-env) to use it, or drop --case-db / INSPECTOR_CASE_DB to use the encrypted file.")
    try:
        engine = make_engine(paths.case_db_url)
    except (ModuleNotFoundError, ArgumentError) as exc:
        raise CaseDatabaseError(
            f"The case database {shown} cannot be used ({exc}): give a URL such as "
            "postgresql://user@host/inspector, and install the PostgreSQL driver with "
            "`pip install 'inspector[centre]'` (docs/centre.md).") from exc
    try:
        upgrade(engine, "cases")
    except (DatabaseError, InterfaceError) as exc:
        engine.dispose()
        raise CaseDatabaseError(
            f"The case database {shown} could not be opened or upgraded ({getattr(exc, 'orig', exc)}); nothing "
            "was changed. Check that the server runs, that the database exists and that this user may create "
            "tables in it (docs/centre.md).") from exc
    return engine


def new_case_id(s: Session, today: dt.date | None = None) -> str:
    """A new case id such as "C-20261129-0001", numbered per day."""
    prefix = f"{ID_PREFIX}-{(today or dt.date.today()):%Y%m%d}-"
    ids = s.scalars(select(Case.id).where(Case.id.like(f"{prefix}%")))
    numbers = [int(i[len(prefix) :]) for i in ids if i[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def record_case(s: Session, result: CaseResult) -> None:
    """Add a case with everything it found to the session (the caller commits); never overwrite."""
    if s.get(Case, result.case_id) is not None:
        raise CaseExistsError(_exists_message(result.case_id))
    case = _case_row(result)
    case.documents = [_document_row(result, d) for d in result.documents]
    case.findings = [_finding_row(f) for f in result.findings]
    s.add(case)
    try:
        s.flush()
    except IntegrityError as exc:  # recorded meanwhile by another process
        raise CaseExistsError(_exists_message(result.case_id)) from exc
    record_history(s, result.case_id, summarise(result.documents, result.shipment_date,
                                                family_of_findings(result.findings), case.net_weight_kg))
    # imported here: casework sits above this module (it re-checks cases through the pipeline)
    from inspector.casework.record import record_check

    record_check(s, result)  # the files' sha256 and the "check" audit row, in this transaction
    log.info("recorded case %s (%d documents)", result.case_id, len(result.documents))


def save_case(engine: Engine, result: CaseResult, *, new_id: bool = False,
              before_commit: Callable[[str], None] | None = None) -> CaseResult:
    """Record a case and everything it found in ONE write transaction: a process killed at any moment
    leaves either the whole case or none of it. On SQLite the write lock is taken first (BEGIN
    IMMEDIATE), on PostgreSQL an advisory lock, so the new id (`new_id`) cannot be taken by another
    process before the commit, and a concurrent writer waits instead of failing half-way. `before_commit(case_id)` runs inside the
    transaction (the journal notes the id there). Returns the result with its case id."""
    with Session(engine) as s:
        if engine.dialect.name == "sqlite":
            s.execute(text("BEGIN IMMEDIATE"))
        elif engine.dialect.name == "postgresql":  # writers do not exclude each other: one recorder at a time
            s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": RECORD_LOCK})
        if new_id:
            result = replace(result, case_id=new_case_id(s))
        if before_commit is not None:
            before_commit(result.case_id)
        record_case(s, result)
        s.commit()
    return result


def _exists_message(case_id: str) -> str:
    """The message for a case id that is taken."""
    return f"A case with id {case_id} is already recorded; choose another --case-id."


def _case_row(result: CaseResult) -> Case:
    """The Case row of a result."""
    return Case(
        id=result.case_id,
        created_at=dt.datetime.now().replace(microsecond=0),
        shipment_date=result.shipment_date,
        lane=str(result.lane),
        risk_score=int(result.risk_score),
        rules_version=result.rules_version,
        engine_version=__version__,
        status="recorded",
        net_weight_kg=shipment_net_kg(result.documents),
    )


def shipment_net_kg(documents: tuple[Document, ...]) -> float | None:
    """The shipment's net weight in kg: the declared total most documents agree on (the largest
    on a tie), else the largest sum of the goods lines (a line without a net weight counts by its
    quantity when that is in a weight unit: 2.5 MT is 2,500 kg)."""
    readable = [d for d in documents if d.error is None]
    declared = [t for t in (_number(d.value("total_net_weight_kg")) for d in readable) if t and t > 0]
    if declared:
        return max(declared, key=lambda t: (sum(_same_weight(t, u) for u in declared), t))
    sums = [_items_net_kg(d.items) for d in readable]
    complete = [t for t, whole in sums if whole and t > 0]
    return max(complete or [t for t, _ in sums if t > 0], default=None)


def _same_weight(a: float, b: float) -> bool:
    """Two readings of one weight: within 0.5 % (or 1 kg)."""
    return abs(a - b) <= max(1.0, 0.005 * max(a, b))


def _items_net_kg(items: tuple[LineItem, ...]) -> tuple[float, bool]:
    """The net kg of the goods lines and whether every line had one."""
    weights = [item_net_kg(i) for i in items]
    return sum(w for w in weights if w is not None), bool(weights) and None not in weights


def _number(value: Any) -> float | None:
    """A float from a field value, None when it is not a number."""
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _document_row(result: CaseResult, d: Document) -> CaseDocument:
    """A CaseDocument row with its pages, fields and items."""
    row = CaseDocument(
        idx=d.index, path=storable_text(d.path), type=str(d.type), pages=d.pages, error=storable_text(d.error),
        ocr_confidence=d.ocr_confidence, text=d.text or None,  # the text: corrections re-check without OCR
    )  # fmt: skip
    row.page_rows = [_page_row(result, d.index, n, h) for n, h in enumerate(d.page_hashes, 1)]
    row.field_rows = [_field_row(name, fv) for name, fv in d.fields.items()]
    row.item_rows = [_item_row(i, item) for i, item in enumerate(d.items)]
    row.phash_rows = _phash_rows(result.case_id, d)
    row.numbers = number_tokens(d.text) if d.page_phashes else None
    return row


def storable_text(text: str | None) -> str | None:
    """Text SQLite can store: a file name that is not valid UTF-8 reaches Python as surrogate escapes,
    which are kept as visible \\udcXX escapes instead of failing the whole record."""
    if text is None:
        return None
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _phash_rows(case_id: str, d: Document) -> list[CasePagePhash]:
    """The perceptual hash rows of a document's pages (none when its pages were not hashed)."""
    out = []
    for number, phash in enumerate(d.page_phashes, 1):
        regions = list(d.region_phashes[number - 1]) if number <= len(d.region_phashes) else []
        b0, b1, b2, b3 = bands(phash)
        out.append(CasePagePhash(case_id=case_id, page=number, phash=phash, band0=b0, band1=b1, band2=b2,
                                 band3=b3, grid=round(len(regions) ** 0.5), regions=regions))
    return out


def _page_row(result: CaseResult, doc: int, number: int, image_hash: str) -> CasePage:
    """A CasePage row; its size comes from the clean page when the result carries it."""
    width = height = None
    idx = result.page_map.get((doc, number))
    if idx is not None and 0 <= idx < len(result.pages):
        height, width = (int(x) for x in result.pages[idx].image.shape[:2])
    return CasePage(number=number, image_hash=image_hash, width=width, height=height)


def _field_row(name: str, fv: Any) -> CaseField:
    """A CaseField row."""
    return CaseField(
        name=name, value=jsonable(fv.value), raw=fv.raw or "", page=fv.page,
        bbox=jsonable(fv.bbox), confidence=float(fv.confidence),
    )  # fmt: skip


def _item_row(idx: int, item: LineItem) -> CaseItem:
    """A CaseItem row."""
    return CaseItem(
        idx=idx, description=item.description, hs_code=item.hs_code, quantity=item.quantity,
        unit=item.unit, net_weight_kg=item.net_weight_kg, gross_weight_kg=item.gross_weight_kg,
        value=item.value, page=item.page, bbox=jsonable(item.bbox),
    )  # fmt: skip


def _finding_row(f: Finding) -> CaseFinding:
    """A CaseFinding row."""
    return CaseFinding(
        code=f.code, severity=str(f.severity), message=storable_text(f.message),
        message_zh=storable_text(f.message_zh) or None,
        document_idx=f.document, field=f.field, page=f.page, bbox=jsonable(f.bbox),
        evidence=jsonable(dict(f.evidence)),
    )  # fmt: skip


def case_findings(s: Session, case_id: str) -> list[Finding]:
    """The findings recorded with a case, in the order they were recorded (a case recorded before the
    findings were bilingual has an empty `message_zh`)."""
    rows = s.scalars(select(CaseFinding).where(CaseFinding.case_id == case_id).order_by(CaseFinding.id))
    return [
        Finding(code=r.code, severity=Severity(r.severity), message=r.message, document=r.document_idx,
                field=r.field, page=r.page, bbox=tuple(r.bbox) if r.bbox else None,
                evidence=dict(r.evidence or {}), message_zh=r.message_zh or "")
        for r in rows
    ]


def jsonable(value: Any) -> Any:
    """A value made of JSON types only: dates as ISO strings, tuples as lists, enums as values."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if hasattr(value, "item"):  # numpy scalar
        return jsonable(value.item())
    return str(value)


def list_cases(s: Session, limit: int = 100, *, port: str | None = None) -> list[CaseSummary]:
    """The most recent cases first, each with its port of origin (None: recorded here); `port` keeps
    the cases of one port only ("" for those recorded here). Works on the centre's database as on a
    laptop's."""
    docs = select(func.count()).where(CaseDocument.case_id == Case.id).scalar_subquery()
    finds = select(func.count()).where(CaseFinding.case_id == Case.id).scalar_subquery()
    stmt = select(Case, Case.port, Case.conflict_of, docs, finds)
    if port is not None:
        stmt = stmt.where(Case.port.is_(None) if port == "" else Case.port == port)
    stmt = stmt.order_by(Case.created_at.desc(), Case.id.desc()).limit(limit)
    return [_summary(c, n_docs, n_finds, origin, conflict)
            for c, origin, conflict, n_docs, n_finds in s.execute(stmt)]


def _summary(c: Case, documents: int, findings: int, port: str | None = None,
             conflict_of: str | None = None) -> CaseSummary:
    """A CaseSummary from a Case row and its counts."""
    return CaseSummary(
        id=c.id, created_at=c.created_at, shipment_date=c.shipment_date, lane=c.lane,
        risk_score=c.risk_score, rules_version=c.rules_version, status=c.status,
        documents=documents, findings=findings, port=port, conflict_of=conflict_of,
    )  # fmt: skip


def case_ports(s: Session) -> list[str]:
    """The ports of origin of the imported cases, sorted (the centre view's filter)."""
    return sorted(p for p in s.scalars(select(Case.port).where(Case.port.is_not(None)).distinct()) if p)


def case_count(s: Session) -> int:
    """The number of recorded cases."""
    return s.scalar(select(func.count()).select_from(Case)) or 0


@dataclass(frozen=True)
class LedgerEntry:
    """One recorded case that shipped goods under a licence."""

    case_id: str
    shipment_date: dt.date | None
    net_kg: float | None  # None when the case's papers showed no net weight


def licence_ledger(
    s: Session, licence_number: str, *, exclude_case_id: str | None = None,
    before: dt.date | None = None, exclude_pages: frozenset[str] | set[str] = frozenset(),
) -> list[LedgerEntry]:
    """The recorded cases carrying this licence number (ignoring case, spaces and dashes), oldest
    first, each with its net kg recomputed from its recorded fields and goods lines (units
    converted), falling back on the weight stored when it was recorded.

    `before` leaves out cases shipped after that date (re-checking an old case must not count
    later shipments); `exclude_pages` leaves out a case whose pages are exactly these page hashes
    (the same papers checked again are not a second shipment), and of recorded cases with the very
    same pages and net weight only the first counts."""
    ids = set(licence_case_ids(s, licence_number))  # the case_licence index (cases_0004)
    ids.discard(exclude_case_id or "")
    if not ids:
        return []
    out: list[LedgerEntry] = []
    seen: list[tuple[set[str], float | None]] = []
    loaded = selectinload(Case.documents)
    cases = s.scalars(select(Case).where(Case.id.in_(sorted(ids))).order_by(Case.created_at, Case.id).options(
        loaded.selectinload(CaseDocument.page_rows), loaded.selectinload(CaseDocument.field_rows),
        loaded.selectinload(CaseDocument.item_rows)))
    for case in cases:
        if before is not None and case.shipment_date is not None and case.shipment_date > before:
            continue
        pages = _page_hashes(case)
        if exclude_pages and pages == set(exclude_pages):
            continue
        net = shipment_net_kg(tuple(_stored_document(d) for d in case.documents))
        net = net if net is not None else case.net_weight_kg
        if pages and any(pages == p and _same_net(net, n) for p, n in seen):
            continue  # the same papers recorded again: one shipment, counted once
        seen.append((pages, net))
        out.append(LedgerEntry(case.id, case.shipment_date, net))
    return sorted(out, key=lambda e: (e.shipment_date or dt.date.min, e.case_id))


def _same_net(a: float | None, b: float | None) -> bool:
    """The same net weight (both unknown counts as the same)."""
    return (a is None and b is None) or (a is not None and b is not None and _same_weight(a, b))


def _page_hashes(case: Case) -> set[str]:
    """The image hashes of a recorded case's pages."""
    return {p.image_hash for d in case.documents for p in d.page_rows if p.image_hash}


def _stored_document(row: CaseDocument) -> Document:
    """A recorded document with the fields and goods lines the weight needs."""
    fields = {f.name: FieldValue(f.value, f.raw or "", f.page, None, f.confidence) for f in row.field_rows}
    items = tuple(LineItem(description=i.description, hs_code=i.hs_code, quantity=i.quantity, unit=i.unit,
                           net_weight_kg=i.net_weight_kg, gross_weight_kg=i.gross_weight_kg)
                  for i in row.item_rows)
    return Document(row.idx, row.path, error=row.error, fields=fields, items=items)


def rebuild_history(s: Session, *, missing_only: bool = True) -> int:
    """Write the history rows of recorded cases from their stored documents and findings (all of them,
    or those without a summary yet), then replay the inspectors' entity decisions. Reads the columns it
    needs only (it runs inside migration cases_0004). Returns how many cases were summarised."""
    if not missing_only:
        clear_history(s)
    done = set(s.scalars(select(CaseShipment.case_id))) if missing_only else set()
    cases = s.execute(select(Case.id, Case.shipment_date, Case.net_weight_kg).order_by(Case.created_at, Case.id))
    count = 0
    for case_id, shipped, net in cases.all():
        if case_id in done:
            continue
        _record_stored_history(s, case_id, shipped, net)
        count += 1
    if not missing_only:
        apply_decisions(s)
    s.flush()
    return count


def record_case_history(s: Session, case_id: str) -> None:
    """(Re)write one recorded case's history rows from its stored documents and findings: after a case
    arrived from another installation (inspector.sync), so the fragmentation check sees it."""
    drop_case_history(s, case_id)
    shipped, net = s.execute(select(Case.shipment_date, Case.net_weight_kg).where(Case.id == case_id)).one()
    _record_stored_history(s, case_id, shipped, net)
    s.flush()


def _record_stored_history(s: Session, case_id: str, shipped: dt.date | None, net: float | None) -> None:
    documents = _stored_documents(s, case_id)
    family = family_of_findings(
        Finding(code, Severity.INFO, "", evidence=dict(evidence or {})) for code, evidence in s.execute(
            select(CaseFinding.code, CaseFinding.evidence).where(CaseFinding.case_id == case_id)
            .order_by(CaseFinding.id)))
    weight = shipment_net_kg(documents)
    record_history(s, case_id, summarise(documents, shipped, family, weight if weight is not None else net))


def _stored_documents(s: Session, case_id: str) -> tuple[Document, ...]:
    """A recorded case's documents with their types, fields and goods lines (column reads only)."""
    docs = s.execute(select(CaseDocument.id, CaseDocument.idx, CaseDocument.path, CaseDocument.type,
                            CaseDocument.error).where(CaseDocument.case_id == case_id)
                     .order_by(CaseDocument.idx)).all()
    out = []
    for doc_id, idx, path, type_, error in docs:
        fields = {name: FieldValue(value, raw or "", page, None, confidence) for name, value, raw, page, confidence
                  in s.execute(select(CaseField.name, CaseField.value, CaseField.raw, CaseField.page,
                                      CaseField.confidence).where(CaseField.document_id == doc_id))}
        items = tuple(LineItem(description=d or "", hs_code=h, quantity=q, unit=u, net_weight_kg=n, gross_weight_kg=g)
                      for d, h, q, u, n, g in s.execute(
                          select(CaseItem.description, CaseItem.hs_code, CaseItem.quantity, CaseItem.unit,
                                 CaseItem.net_weight_kg, CaseItem.gross_weight_kg)
                          .where(CaseItem.document_id == doc_id).order_by(CaseItem.idx)))
        out.append(Document(idx, path, type=_doc_type(type_), error=error, fields=fields, items=items))
    return tuple(out)


def _doc_type(text: str) -> DocType:
    try:
        return DocType(text)
    except ValueError:
        return DocType.UNKNOWN


def licence_shipped_kg(
    s: Session, licence_number: str, exclude_case_id: str | None = None
) -> float:
    """Net kg already shipped under a licence: the sum over recorded cases that carry it."""
    return sum(e.net_kg or 0.0 for e in licence_ledger(s, licence_number, exclude_case_id=exclude_case_id))


@dataclass(frozen=True)
class StoredField:
    """A field of a recorded document as it was read."""

    value: Any
    raw: str
    page: int | None
    bbox: tuple[int, ...] | None
    confidence: float = 1.0


@dataclass(frozen=True)
class ReuseCandidate:
    """A recorded page whose perceptual hash is within reach of a page of a new document."""

    case_id: str
    document_id: int
    document_idx: int
    document_type: str
    page: int  # the recorded page
    new_page: int  # the new document's page it resembles
    distance: int  # differing bits of the page hashes
    regions: tuple[str, ...]  # the recorded page's tile hashes
    image_hashes: tuple[str, ...]  # the recorded document's page image hashes (same file: same hashes)
    numbers: tuple[str, ...] | None  # the number tokens of the recorded document's text


def reuse_candidates(s: Session, doc: Document, max_distance: int) -> list[ReuseCandidate]:
    """Recorded pages within `max_distance` bits of a page of `doc`, closest first (at most
    phash_index.GUARANTEED_DISTANCE bits are sure to be found). Band-index probes only: the cost
    does not grow with the number of recorded cases (see phash_index)."""
    if not doc.page_phashes:
        return []
    rows = s.execute(near_query(doc.page_phashes).with_only_columns(
        CasePagePhash.id, CasePagePhash.phash)).all()
    best: dict[int, tuple[int, int]] = {}  # row id -> (distance, new page)
    for row_id, phash in rows:
        d, page = min((distance(phash, mine), n) for n, mine in enumerate(doc.page_phashes, 1))
        if d <= max_distance:
            best[row_id] = (d, page)
    if not best:
        return []
    stmt = (select(CasePagePhash, CaseDocument).join(CaseDocument, CaseDocument.id == CasePagePhash.document_id)
            .where(CasePagePhash.id.in_(sorted(best))))
    found = s.execute(stmt).all()
    images: dict[int, list[str]] = {}
    page_rows = select(CasePage.document_id, CasePage.image_hash).where(
        CasePage.document_id.in_(sorted({cd.id for _, cd in found}))).order_by(CasePage.document_id, CasePage.number)
    for document_id, image_hash in s.execute(page_rows):
        images.setdefault(document_id, []).append(image_hash)
    out = []
    for ph, cd in found:
        d, page = best[ph.id]
        out.append(ReuseCandidate(ph.case_id, cd.id, cd.idx, cd.type, ph.page, page, d, tuple(ph.regions or ()),
                                  tuple(images.get(cd.id, ())), tuple(cd.numbers) if cd.numbers is not None else None))
    return sorted(out, key=lambda c: (c.distance, c.case_id, c.document_idx, c.page))


def document_fields(s: Session, document_id: int) -> dict[str, StoredField]:
    """The fields of a recorded document, by name."""
    rows = s.scalars(select(CaseField).where(CaseField.document_id == document_id))
    return {r.name: StoredField(r.value, r.raw or "", r.page, tuple(r.bbox) if r.bbox else None, r.confidence)
            for r in rows}
