"""Generate the bundled sample case: `python -m inspector.synth.sample [OUT_DIR]`."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from inspector.models import DocType
from inspector.paths import resource
from inspector.synth.case import write_case
from inspector.synth.scan import ScanProfile
from inspector.synth.truth import CaseTruth

SAMPLE_SEED = 20260312
SAMPLE_FORMATS = {
    DocType.COMMERCIAL_INVOICE: "pdf",
    DocType.PACKING_LIST: "png",
    DocType.EXPORT_DECLARATION: "jpg",
    DocType.BILL_OF_LADING: "png",
}
SAMPLE_PROFILES = {
    DocType.COMMERCIAL_INVOICE: ScanProfile(blur=0.4, jpeg_quality=80),
    DocType.PACKING_LIST: ScanProfile(angle=-0.4, blur=0.5),
    DocType.EXPORT_DECLARATION: ScanProfile(angle=1.5, blur=0.5, noise=3.0, uneven_light=0.06, jpeg_quality=80),
    DocType.BILL_OF_LADING: ScanProfile(dpi=200, angle=0.3, blur=0.4),
}


def write_sample(out_dir: Path) -> CaseTruth:
    """The sample: dysprosium oxide (controlled) shipped with no export licence on any document."""
    return write_case(out_dir, seed=SAMPLE_SEED, goods="controlled", problem="licence_missing",
                      products=("dysprosium_oxide",), formats=SAMPLE_FORMATS, profile=SAMPLE_PROFILES,
                      doc_types=tuple(SAMPLE_FORMATS))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: write the sample case (default: resources/samples)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out_dir", nargs="?", type=Path, default=resource("samples"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    truth = write_sample(args.out_dir)
    print(f"{truth.case}: {len(truth.documents)} documents in {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
