"""`inspector case show|correct|decide|sign-off` and `inspector audit verify`: casework without a window."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sqlalchemy.orm import Session

from inspector.casework import audit
from inspector.casework.correct import correct_field, correct_item
from inspector.casework.errors import CaseworkError
from inspector.casework.load import load_case
from inspector.casework.record import default_actor
from inspector.casework.state import CaseState, Decision, case_state, decide, sign_off
from inspector.config import Config
from inspector.db.cases.repository import jsonable, open_cases
from inspector.db.rules.seed import open_rules
from inspector.models import Message
from inspector.report.contract import to_contract
from inspector.report.text import summary

EXIT_OK, EXIT_PROBLEMS = 0, 1


def add_casework_parsers(sub: Any, add_data_dir: Any) -> None:
    """The `case` and `audit` subcommands."""
    case = sub.add_parser("case", help="one recorded case: show, correct a field, decide, sign off")
    actions = case.add_subparsers(dest="case_command", required=True)
    show = actions.add_parser("show", help="a recorded case with its decision, sign-off and corrections")
    correct = actions.add_parser("correct", help="correct a field as read (the case is re-checked at once)")
    decision = actions.add_parser("decide", help="take or change the decision (until sign-off)")
    signed = actions.add_parser("sign-off", help="the supervisor signs the decision: the case becomes read-only")
    for p in (show, correct, decision, signed):
        p.add_argument("case_id", metavar="ID")
    correct.add_argument("--doc", type=int, required=True, metavar="N", help="the document's number (0, 1...)")
    correct.add_argument("--field", required=True, metavar="F", help="a contract field (e.g. total_net_weight_kg), "
                         "or with --item a goods line's column (e.g. hs_code)")
    correct.add_argument("--value", required=True, metavar="V", help='the value on the paper ("" clears it)')
    correct.add_argument("--item", type=int, metavar="N", help="correct goods line N (0, 1...) instead of a field")
    decision.add_argument("decision", choices=[d.value for d in Decision])
    decision.add_argument("--note", default="", help="the inspector's note")
    signed.add_argument("--supervisor", required=True, metavar="NAME")
    for p in (correct, decision):
        p.add_argument("--by", default=None, metavar="NAME", help="who acts (default: the login name)")
    for p in (show, correct, decision, signed):
        p.add_argument("--json", action="store_true", help="print JSON on stdout")
        p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the text output")
        add_data_dir(p)
    trail = sub.add_parser("audit", help="the audit trail").add_subparsers(dest="audit_command", required=True)
    verify = trail.add_parser("verify", help="check the hash chain and the cases against it (exit 1 on a problem)")
    verify.add_argument("--anchor", metavar="SEQ:HASH", help="a head noted earlier: row SEQ must still have HASH")
    verify.add_argument("--no-cases", action="store_true", help="check the chain only, not the cases' digests")
    verify.add_argument("--json", action="store_true", help="print JSON on stdout")
    verify.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the text output")
    add_data_dir(verify)


def run_casework(args: argparse.Namespace, config: Config) -> int:
    """Run one `case` or `audit` action; a refused action prints its message in the chosen language."""
    engine = open_cases(config.data)
    try:
        with Session(engine) as s:
            if args.command == "audit":
                return _verify(s, args)
            return _case(s, args, config)
    except CaseworkError as exc:
        print(f"inspector: {exc.message.zh if args.lang == 'zh' else exc.message.en}", file=sys.stderr)
        return exc.exit_code
    finally:
        engine.dispose()


def _case(s: Session, args: argparse.Namespace, config: Config) -> int:
    who = (args.by or default_actor()) if hasattr(args, "by") else ""
    if args.case_command == "correct":
        rules_engine = open_rules(config.data)
        try:
            with Session(rules_engine) as rules:
                if args.item is None:
                    correct_field(s, args.case_id, args.doc, args.field, args.value, actor=who, rules=rules,
                                  config=config)
                else:
                    correct_item(s, args.case_id, args.doc, args.item, args.field, args.value, actor=who,
                                 rules=rules, config=config)
        finally:
            rules_engine.dispose()
    elif args.case_command == "decide":
        decide(s, args.case_id, args.decision, args.note, actor=who)
    elif args.case_command == "sign-off":
        sign_off(s, args.case_id, supervisor=args.supervisor)
    return _show(s, args)


def _show(s: Session, args: argparse.Namespace) -> int:
    result, state = load_case(s, args.case_id), case_state(s, args.case_id)
    if args.json:
        data = {"result": to_contract(result), "state": _state_json(state),
                "rules_version": result.rules_version,
                "audit": [jsonable(vars(e)) for e in audit.entries(s, args.case_id)]}
        sys.stdout.buffer.write(json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")
        sys.stdout.flush()
        return EXIT_OK
    print(summary(result, args.lang))
    print("\n".join(_state_lines(state, args.lang)))
    return EXIT_OK


def _state_json(state: CaseState) -> dict[str, Any]:
    return jsonable({**vars(state), "locked": state.locked,
                     "corrections": [vars(c) for c in state.corrections],
                     "decisions": [vars(d) for d in state.decisions]})


_WORDS = {
    "en": {"status": "Status: {status}", "decision": "Decision: {decision} by {who} at {at}{note}",
           "none": "Decision: none yet", "signed": "Signed off by {who} at {at}: read-only",
           "corrections": "Corrections ({n}):", "correction": "  doc {doc}{item} {field}: {old!r} -> {new!r} by {who} at {at}"},
    "zh": {"status": "状态：{status}", "decision": "处理决定：{decision}（{who}，{at}）{note}",
           "none": "处理决定：尚无", "signed": "已由 {who} 于 {at} 签批：只读",
           "corrections": "更正（{n}）：", "correction": "  单据 {doc}{item} {field}：{old!r} -> {new!r}（{who}，{at}）"},
}


def _state_lines(state: CaseState, lang: str) -> list[str]:
    w = _WORDS[lang]
    lines = ["", w["status"].format(status=state.status.value)]
    if state.decision is None:
        lines.append(w["none"])
    else:
        label = state.decision.label.zh if lang == "zh" else state.decision.label.en
        note = f" - {state.note}" if state.note else ""
        lines.append(w["decision"].format(decision=label, who=state.decided_by, at=state.decided_at, note=note))
    if state.locked:
        lines.append(w["signed"].format(who=state.signed_off_by, at=state.signed_off_at))
    lines.append(w["corrections"].format(n=len(state.corrections)))
    for c in state.corrections:
        item = f" item {c.item_index}" if c.item_index is not None else ""
        lines.append(w["correction"].format(doc=c.document_index, item=item, field=c.field, old=c.old_value,
                                            new=c.new_value, who=c.actor, at=c.at))
    return lines


def _verify(s: Session, args: argparse.Namespace) -> int:
    anchor = _anchor(args.anchor) if args.anchor else None
    problems = audit.verify(s, cases=not args.no_cases, anchor=anchor)
    last = audit.head(s)
    if args.json:
        print(json.dumps({"intact": not problems, "rows": last.seq if last else 0,
                          "head": {"seq": last.seq, "hash": last.hash} if last else None,
                          "problems": [{"kind": p.kind, "seq": p.seq, "row_id": p.row_id, "case_id": p.case_id,
                                        "message": p.message.en, "message_zh": p.message.zh} for p in problems]},
                         ensure_ascii=False, indent=2))
    else:
        for p in problems:
            print(f"{p.kind:12} {p.message.zh if args.lang == 'zh' else p.message.en}")
        head = f"{last.seq}:{last.hash}" if last else "(empty)"
        state = ("intact" if not problems else f"{len(problems)} problem(s)") if args.lang == "en" else (
            "完整" if not problems else f"发现 {len(problems)} 处问题")
        print(f"audit trail {state}; head {head}")
    return EXIT_PROBLEMS if problems else EXIT_OK


def _anchor(text: str) -> tuple[int, str]:
    seq, _, digest = text.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        raise CaseworkError(Message(f"--anchor {text!r}: write SEQ:HASH as `inspector audit verify` printed it.",
                                    f"--anchor {text!r}：请按 `inspector audit verify` 输出的格式填写 SEQ:HASH。"))
    return int(seq), digest.lower()
