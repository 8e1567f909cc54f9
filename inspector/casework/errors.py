"""Errors of casework, each with a message for the inspector in English and Simplified Chinese."""

from __future__ import annotations

import datetime as dt

from inspector.errors import InspectorError
from inspector.models import Message


class CaseworkError(InspectorError):
    """A casework action was refused (unknown case, document or field, a value that cannot be read);
    nothing was changed. `message` says what happened and what to do, in both languages."""

    exit_code = 2

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


class CaseLockedError(CaseworkError):
    """The case was signed off: it is read-only, no correction, decision or sign-off is taken."""

    exit_code = 1

    def __init__(self, case_id: str, supervisor: str, signed_off_at: dt.datetime) -> None:
        when = signed_off_at.strftime("%Y-%m-%d %H:%M")
        super().__init__(Message(
            f"Case {case_id} was signed off by {supervisor} on {when} and is read-only: nothing was changed. "
            "Open a new case to record anything further.",
            f"案件 {case_id} 已由 {supervisor} 于 {when} 签批，只读：未作任何更改。如需补充，请新建案件。"))
        self.case_id, self.supervisor, self.signed_off_at = case_id, supervisor, signed_off_at


def unknown_case(case_id: str) -> CaseworkError:
    """The error for a case id that is not recorded."""
    return CaseworkError(Message(f"No case {case_id} is recorded: check the id (inspector history list).",
                                 f"未找到案件 {case_id}：请核对案件编号（inspector history list）。"))
