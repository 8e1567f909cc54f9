"""Read one document type in one layout on a few generated cases and print every error: the quick loop
for extraction work (the full figures come from `benchmarks/accuracy.py`).

    python benchmarks/layout_probe.py DOC_TYPE LAYOUT [--n 6] [--capture clean|random|200|photo]
                                      [--seed 1] [--field F] [--quiet]

Cases are generated once into `--work` (default /tmp/layout_probe) and reused; each holds only the one
document. The engine runs in-process, with the OCR cache of a scratch data directory, so a second run
only pays for extraction.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_score import outcome  # noqa: E402

from inspector.config import Config  # noqa: E402
from inspector.models import FIELD_KINDS, DocType  # noqa: E402
from inspector.paths import DataPaths  # noqa: E402
from inspector.pipeline import check_case  # noqa: E402
from inspector.report.contract import to_contract  # noqa: E402
from inspector.synth.case import write_case  # noqa: E402
from inspector.synth.scan import ScanProfile, random_profile  # noqa: E402

GOODS = ("controlled", "ordinary")


def _profile(capture: str, rng: random.Random) -> ScanProfile | None:
    if capture == "clean":
        return ScanProfile()
    if capture == "200":
        return ScanProfile(dpi=200, angle=rng.uniform(-2, 2), blur=0.5, noise=4.0, jpeg_quality=60)
    if capture == "random":
        return random_profile(rng)
    return None  # photo: the photo simulation decides


def make_cases(work: Path, doc_type: DocType, layout: str, n: int, capture: str, seed: int) -> list[Path]:
    out = []
    for i in range(n):
        case_dir = work / f"{doc_type.value}-{layout}-{capture}-{seed}-{i}"
        if not (case_dir / "truth.json").exists():
            rng = random.Random(f"{seed}:{i}")
            goods = "controlled" if doc_type is DocType.EXPORT_LICENCE else GOODS[i % 2]
            write_case(case_dir, seed=seed * 1000 + i, goods=goods, profile=_profile(capture, rng),
                       doc_types=[doc_type], layouts={doc_type: layout},
                       photos=[doc_type] if capture == "photo" else (), record_scan=True)
        out.append(case_dir)
    return out


def probe(case_dir: Path, config: Config, only: str | None) -> Counter[str]:
    import json
    truth = json.loads((case_dir / "truth.json").read_text(encoding="utf-8"))
    tdoc = truth["documents"][0]
    result = to_contract(check_case([str(case_dir / tdoc["filename"])], config))
    pdoc = result["documents"][0]
    counts: Counter[str] = Counter()
    lines = []
    if pdoc["type"] != tdoc["type"]:
        lines.append(f"   TYPE truth={tdoc['type']} got={pdoc['type']}")
        counts["type_wrong"] += 1
    for name in FIELD_KINDS:
        if only and name != only:
            continue
        want, got = tdoc["fields"].get(name), pdoc["fields"].get(name)
        result_kind = outcome(name, want, got)
        counts[result_kind] += 1
        if result_kind not in ("tp", "tn"):
            lines.append(f"   {result_kind:5} {name}: truth={want!r} got={got!r}")
    titems, pitems = tdoc.get("items") or [], pdoc.get("items") or []
    if len(titems) != len(pitems):
        lines.append(f"   items: truth {len(titems)} got {len(pitems)}")
    for i, titem in enumerate(titems):
        pitem: dict[str, Any] = pitems[i] if i < len(pitems) else {}
        counts["item_hs"] += 1
        if str(titem.get("hs_code")) == str(pitem.get("hs_code")):
            counts["item_hs_ok"] += 1
        else:
            lines.append(f"   item {i} hs: truth={titem.get('hs_code')!r} got={pitem.get('hs_code')!r}")
        for key in ("net_weight_kg", "gross_weight_kg"):
            if titem.get(key) is not None and outcome(key, titem.get(key), pitem.get(key)) != "tp":
                lines.append(f"   item {i} {key}: truth={titem.get(key)!r} got={pitem.get(key)!r}")
    print(f"{case_dir.name}: {tdoc['filename']}")
    for line in lines:
        print(line)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("doc_type", choices=[t.value for t in DocType if t is not DocType.UNKNOWN])
    parser.add_argument("layout")
    parser.add_argument("--n", type=int, default=6)
    parser.add_argument("--capture", choices=("clean", "random", "200", "photo"), default="random")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--field")
    parser.add_argument("--work", type=Path, default=Path("/tmp/layout_probe"))
    args = parser.parse_args(argv)

    doc_type = DocType(args.doc_type)
    cases = make_cases(args.work, doc_type, args.layout, args.n, args.capture, args.seed)
    config = replace(Config(data=DataPaths(args.work / "_data")), save=False)
    total: Counter[str] = Counter()
    for case_dir in cases:
        total += probe(case_dir, config, args.field)
    tp, fp, fn = total["tp"], total["fp"] + total["wrong"], total["fn"] + total["wrong"]
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    print(f"== {doc_type.value}/{args.layout} [{args.capture}] x{len(cases)}: fields F1 {f1:.3f} "
          f"(tp {tp} fp {fp} fn {fn}); item HS {total['item_hs_ok']}/{total['item_hs']}; "
          f"type wrong {total['type_wrong']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
