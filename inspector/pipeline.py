"""Runs the stages of a check: intake, clean-up, OCR, extraction, cross-checks, verdict, record."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Collection, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from inspector import __version__, journal
from inspector.checks.context import CheckContext, shipment_date
from inspector.checks.registry import run_checks
from inspector.config import Config
from inspector.db.cases.repository import open_cases, save_case
from inspector.db.rules.repository import rules_version
from inspector.db.rules.seed import open_rules
from inspector.errors import InputUnreadableError, OcrError
from inspector.extract.consensus import corroborate, corroborate_hs
from inspector.extract.fields import extract_document
from inspector.forensics.examine import examine
from inspector.imaging import clean_page, rotate_image
from inspector.imaging.hashing import page_hash
from inspector.imaging.ruling import find_cells
from inspector.intake import errors as intake_errors
from inspector.intake.limits import MAX_CASE_DECODED_BYTES
from inspector.intake.sandbox import Decoder
from inspector.models import CaseResult, CleanPage, DocType, Document, OcrPage, Page
from inspector.ocr.cache import OcrCache, cache_key
from inspector.ocr.reread import PageRereader
from inspector.ocr.tesseract import Tesseract, TesseractArgs, detect_rotation, image_to_words, probe
from inspector.ocr.text_layer import text_layer_page
from inspector.progress import CancelToken, NullProgress, Progress
from inspector.verdict import lane, risk_score, sort_findings, weigh_unsure

log = logging.getLogger(__name__)

# Below these, a page may be sideways or upside down: ask Tesseract OSD and read it again.
REORIENT_CONFIDENCE = 0.55
REORIENT_MIN_WORDS = 8


def _needs_osd(ocr: OcrPage) -> bool:
    """A page that reads badly, or whose words stand taller than wide, is probably turned."""
    if ocr.mean_confidence < REORIENT_CONFIDENCE or len(ocr.words) < REORIENT_MIN_WORDS:
        return True
    long_words = [w for w in ocr.words if len(w.text) >= 4]
    upright = sum(w.bbox[2] > w.bbox[3] for w in long_words)
    return bool(long_words) and upright < len(long_words) / 2


@dataclass(frozen=True)
class PageReading:
    """A page after clean-up and OCR."""

    clean: CleanPage
    ocr: OcrPage
    image_hash: str


@dataclass(frozen=True)
class Reader:
    """Cleans and OCRs pages with one Tesseract installation and one cache."""

    tess: Tesseract
    args: TesseractArgs
    cache: OcrCache | None

    def _ocr(self, clean: CleanPage) -> tuple[OcrPage, str]:
        digest = page_hash(clean.image)
        key = cache_key(digest, self.tess.version, self.args.lang, self.args.psm)
        words = self.cache.get(key) if self.cache else None
        if words is None:
            words = image_to_words(self.tess, clean.image, self.args)
            if self.cache:
                self.cache.put(key, words)
        h, w = clean.image.shape[:2]
        return OcrPage(clean.number, w, h, tuple(words), clean.cells), digest

    def read(self, page: Page) -> PageReading:
        """Clean a page and OCR it; re-orient with OSD when it reads like a sideways page."""
        return self.finish(prepare_page(page))

    def finish(self, clean: CleanPage | Future[CleanPage]) -> PageReading:
        """OCR a cleaned page (or one being cleaned), turning it upright first if it reads badly."""
        if isinstance(clean, Future):
            clean = clean.result()
        if (layer := text_layer_page(clean)) is not None:  # born-digital PDF page: no OCR
            return PageReading(clean, layer, page_hash(clean.image))
        ocr, digest = self._ocr(clean)
        if _needs_osd(ocr):
            rotation = detect_rotation(self.tess, clean.image)
            if rotation:
                log.info("%s page %d: rotating %d degrees (OSD)", clean.source, clean.number, rotation)
                upright = rotate_image(clean.image, rotation)
                clean = replace(clean, image=upright, rotation=rotation, cells=find_cells(upright))
                ocr, digest = self._ocr(clean)
        return PageReading(clean, ocr, digest)


def prepare_page(page: Page) -> CleanPage:
    """Clean a page for OCR and find the ruled boxes of a form on it."""
    clean = clean_page(page)
    return replace(clean, cells=find_cells(clean.image))


def make_reader(config: Config) -> Reader:
    """A Reader for the configured Tesseract; raises MissingDependencyError when it is absent."""
    tess = probe(config.tesseract_cmd, config.tessdata_dir)
    tess.require_languages(config.languages)
    # The OCR cache holds the documents' words in clear: never kept beside an encrypted case database.
    cache = OcrCache(config.data.ocr_cache) if config.use_ocr_cache and not config.data.passphrase else None
    return Reader(tess, TesseractArgs(lang=config.languages), cache)


def _load_all(paths: Sequence[str], cancel: CancelToken) -> tuple[list[list[Page]], list[str | None]]:
    """Decode every file in the sandbox (`intake.sandbox`): a file that is unreadable, hostile or over
    the case's memory budget gets its sentence and the others go on."""
    pages: list[list[Page]] = []
    errors: list[str | None] = []
    decoded = 0
    with Decoder() as decoder:
        for path in paths:
            try:
                mine = decoder.load(path, cancel)
                size = sum(p.image.nbytes for p in mine)
                if decoded + size > MAX_CASE_DECODED_BYTES:
                    raise intake_errors.over_case_budget(decoded + size)
                decoded += size
                pages.append(mine)
                errors.append(None)
            except InputUnreadableError as exc:
                log.warning("%s: %s", path, exc)
                pages.append([])
                errors.append(str(exc))
    return pages, errors


def read_pages(reader: Reader, pages: list[Page], workers: int, progress: Progress,
               cancel: CancelToken) -> list[PageReading | OcrError]:
    """Clean and OCR pages in parallel (one Tesseract process per worker), in input order.

    Clean-up runs in its own thread ahead of OCR, so it overlaps Tesseract instead of adding to it.
    """
    results: list[PageReading | OcrError] = []
    total = len(pages)
    progress.update(0, total, "Reading pages")
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="clean") as prep, \
            ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="ocr") as pool:
        cleaned = [prep.submit(prepare_page, p) for p in pages]
        futures: list[Future[PageReading]] = [pool.submit(reader.finish, c) for c in cleaned]
        try:
            for i, fut in enumerate(futures):
                while not _wait(fut, cancel):
                    pass
                try:
                    results.append(fut.result())
                except OcrError as exc:
                    results.append(exc)
                except Exception as exc:  # noqa: BLE001 - one bad page must not sink the case
                    log.exception("page %d could not be processed", i + 1)
                    results.append(OcrError(f"the page could not be processed ({type(exc).__name__})."))
                progress.update(i + 1, total, f"Read page {i + 1} of {total}")
        finally:
            for fut in [*futures, *cleaned]:
                fut.cancel()
    return results


def _wait(fut: Future[PageReading], cancel: CancelToken) -> bool:
    """Wait a little for a future; raise if cancelled meanwhile. True when it is done."""
    cancel.raise_if_cancelled()
    try:
        fut.exception(timeout=0.2)
    except TimeoutError:
        return False
    except Exception:  # noqa: BLE001 - the error surfaces through fut.result()
        return True
    return True


def _rereader(reader: Reader | None, good: list[PageReading]) -> PageRereader | None:
    """Targeted re-reads of fields that fail their check, on this document's clean pages."""
    if reader is None:
        return None
    return PageRereader(reader.tess, {r.ocr.number: r.clean.image for r in good})


def _document(index: int, path: str, readings: list[PageReading | OcrError],
              error: str | None, reader: Reader | None = None) -> Document:
    failures = [r for r in readings if isinstance(r, OcrError)]
    good = [r for r in readings if isinstance(r, PageReading)]
    if error is None and failures:
        error = f"OCR failed: {failures[0]}"
    if error is not None and not good:
        return Document(index, path, DocType.UNKNOWN, len(readings), error=error)
    try:
        extraction = extract_document([r.ocr for r in good], reread=_rereader(reader, good))
    except Exception:  # noqa: BLE001 - a reading bug must cost one document, not the case
        log.exception("%s: field extraction failed", path)
        return Document(index, path, DocType.UNKNOWN, len(readings), error=error or
                        "Inspector could not read the fields of this document: check it by hand.")
    confs = [r.ocr.mean_confidence for r in good]
    return Document(
        index, path, extraction.type, len(readings), error=error,
        ocr_confidence=sum(confs) / len(confs) if confs else 0.0,
        fields=extraction.fields, items=extraction.items,
        page_hashes=tuple(r.image_hash for r in good), text=extraction.text, unread=extraction.unread,
    )


def _assemble(paths: Sequence[str], per_doc: list[list[Page]], errors: list[str | None],
              readings: list[PageReading | OcrError], reader: Reader | None = None):
    docs, pages, page_map = [], [], {}
    cursor = 0
    for i, path in enumerate(paths):
        mine = readings[cursor: cursor + len(per_doc[i])]
        cursor += len(per_doc[i])
        for r in mine:
            if isinstance(r, PageReading):
                page_map[(i, r.clean.number)] = len(pages)
                pages.append(r.clean)
        docs.append(_document(i, path, mine, errors[i], reader))
    return tuple(docs), tuple(pages), page_map


@dataclass(frozen=True)
class ReadCase:
    """The case as read, before forensics: documents, clean pages, the (document, page) -> page index
    map, and per document each page as decoded, cleaned and read (what forensics look at)."""

    documents: tuple[Document, ...]
    pages: tuple[CleanPage, ...]
    page_map: dict[tuple[int, int], int]
    triples: list[list[tuple[Page, CleanPage, OcrPage]]]


def read_case(paths: Sequence[str], reader: Reader, workers: int, progress: Progress,
              cancel: CancelToken) -> ReadCase:
    """Load, clean, OCR and read every file: its type, fields (corrected, re-read where they failed,
    corroborated across the documents) and items."""
    per_doc, errors = _load_all(paths, cancel)
    flat = [p for pages in per_doc for p in pages]
    readings = read_pages(reader, flat, workers, progress, cancel)
    documents, pages, page_map = _assemble(paths, per_doc, errors, readings, reader)
    documents = corroborate(corroborate_hs(documents))
    return ReadCase(documents, pages, page_map, _page_triples(per_doc, readings, documents))


def read_documents(paths: Sequence[str], reader: Reader, workers: int, progress: Progress,
                   cancel: CancelToken) -> tuple[tuple[Document, ...], tuple[CleanPage, ...], dict]:
    """The case read (`read_case`) and examined for edits (`forensics.examine`): the documents with
    their signals, the clean pages and the map (document index, page number) -> index into the pages."""
    read = read_case(paths, reader, workers, progress, cancel)
    cancel.raise_if_cancelled()
    progress.update(len(read.pages), len(read.pages), "Looking for edits")
    return examine(read.documents, read.triples, workers), read.pages, read.page_map


def _page_triples(per_doc: list[list[Page]], readings: list[PageReading | OcrError],
                  documents: Sequence[Document]) -> list[list[tuple[Page, CleanPage, OcrPage]]]:
    """Per document, each page as decoded, cleaned and read (none for a document that could not be
    read): what the forensic methods look at."""
    out, cursor = [], 0
    for pages, doc in zip(per_doc, documents, strict=True):
        mine = readings[cursor: cursor + len(pages)]
        cursor += len(pages)
        out.append([] if doc.error else [(page, r.clean, r.ocr) for page, r in zip(pages, mine, strict=True)
                                         if isinstance(r, PageReading)])
    return out


def evaluate(documents: tuple[Document, ...], config: Config, rules: Session,
             cases: Session, *, skip: Collection[str] = ()) -> tuple[list, int, object, object]:
    """Run the checks on read documents: (findings, score, lane, shipment date). `skip` names checks not
    to run (a re-check after a correction skips those that need the pages: inspector.casework)."""
    date = shipment_date(documents)
    ctx = CheckContext(documents, config, rules, cases, date)
    findings = sort_findings(weigh_unsure(run_checks(ctx, skip), documents, config.tolerances.low_confidence))
    return findings, risk_score(findings), lane(findings), date


def check_case(paths: Sequence[str], config: Config, *, case_id: str | None = None,
               progress: Progress | None = None, cancel: CancelToken | None = None,
               journal_token: str | None = None) -> CaseResult:
    """Check the paperwork of one shipment and, unless config.save is off, record it in one transaction.

    A saving check is journalled (`inspector.journal`) from its start to its record, so one killed on
    the way is reported on the next start; `journal_token` re-runs such an interrupted check."""
    progress = progress or NullProgress()
    cancel = cancel or CancelToken()
    config.data.ensure()
    reader = make_reader(config)
    with journal.watch(config.data, paths, case_id, enabled=config.save, token=journal_token) as run:
        documents, pages, page_map = read_documents(paths, reader, config.workers, progress, cancel)
        cancel.raise_if_cancelled()
        progress.update(len(pages), len(pages), "Cross-checking")
        result = _judge(documents, pages, page_map, config, case_id)
        if config.save:
            progress.update(len(pages), len(pages), "Recording the case")
            # imported here: casework sits above the pipeline (it re-checks through evaluate)
            from inspector.casework.originals import keep_originals

            keep_originals(config.data, result.documents)  # copies under their sha256, before the record
            result = _record(config, result, new_id=case_id is None, run=run)
    log.info("case %s: %s, score %d, engine %s", result.case_id, result.lane, result.risk_score, __version__)
    return result


def _judge(documents: tuple[Document, ...], pages: tuple[CleanPage, ...], page_map: dict,
           config: Config, case_id: str | None) -> CaseResult:
    """The verdict on read documents, against the rules and the recorded cases (read only)."""
    rules_engine, cases_engine = open_rules(config.data), open_cases(config.data)
    try:
        with Session(rules_engine) as rules, Session(cases_engine) as cases:
            findings, score, verdict_lane, date = evaluate(documents, config, rules, cases)
            version = rules_version(rules)
    finally:
        rules_engine.dispose()
        cases_engine.dispose()
    placeholder = case_id or ("" if config.save else f"UNSAVED-{uuid.uuid4().hex[:8]}")
    return CaseResult(placeholder, verdict_lane, score, date, documents, tuple(findings), version, pages,
                      page_map)


def _record(config: Config, result: CaseResult, *, new_id: bool, run: journal.Run | journal.NoRun) -> CaseResult:
    """Record the case in one transaction, its id noted in the journal before the commit."""
    engine = open_cases(config.data)
    try:
        return save_case(engine, result, new_id=new_id, before_commit=run.assign)
    finally:
        engine.dispose()
