"""`inspector check` says every finding in English and Chinese: both in the JSON, either on the terminal."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.inspector.conftest import sample_files

CJK = re.compile(r"[\u4e00-\u9fff]")


def _numbers(text: str) -> Counter[str]:
    return Counter(re.findall(r"\d+", text))


def test_json_carries_message_zh_and_validates(data_dir, run_cli) -> None:
    run = run_cli("check", *sample_files(), "--json", "--data-dir", str(data_dir), "--no-save")
    assert run.code == 0
    result = run.json()  # validated against tests/contract/check-output.schema.json
    assert result["findings"]
    for f in result["findings"]:
        assert CJK.search(f["message_zh"]), f
        assert not CJK.search(f["message"].split("'")[0]), f  # "message" stays English
        assert _numbers(f["message"]) == _numbers(f["message_zh"]), f


def test_lang_zh_prints_the_chinese_summary(data_dir, run_cli) -> None:
    zh = run_cli("check", *sample_files(), "--data-dir", str(data_dir), "--no-save", "--lang", "zh")
    en = run_cli("check", *sample_files(), "--data-dir", str(data_dir), "--no-save")
    assert zh.code == en.code == 0
    assert "通道 红色" in zh.out and "LICENCE_MISSING" in zh.out and "出口许可证" in zh.out
    assert "lane RED" in en.out and "红色" not in en.out


def test_lang_must_be_en_or_zh(run_cli) -> None:
    with pytest.raises(SystemExit) as exc:
        run_cli("check", sample_files()[0], "--lang", "fr")
    assert exc.value.code == 2
