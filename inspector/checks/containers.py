"""CONTAINER_CHECK_DIGIT: an ISO 6346 container number whose check digit is wrong."""

from __future__ import annotations

from collections.abc import Iterator

from inspector.checks.context import CheckContext, finding
from inspector.extract.normalise import iso6346_check_digit, iso6346_valid
from inspector.models import Finding, Message, Severity


def check(ctx: CheckContext) -> Iterator[Finding]:
    """One finding per distinct invalid container number, on the first document that shows it."""
    seen: set[str] = set()
    for doc, fv in ctx.with_field("container_numbers"):
        for number in fv.value:
            if number in seen or iso6346_valid(number):
                continue
            seen.add(number)
            expected = iso6346_check_digit(number[:10])
            yield finding(
                "CONTAINER_CHECK_DIGIT", Severity.MEDIUM, Message(
                    f"Container number {number} fails its ISO 6346 check digit (expected {expected}): "
                    "it may be invented or mistyped.",
                    f"集装箱号 {number} 未通过 ISO 6346 校验位检查（校验位应为 {expected}）：可能系编造或录入错误。"),
                doc, "container_numbers", fv,
                container=number, expected_check_digit=expected,
            )
