"""Forensics: find edited, pasted and reused paperwork, and say where.

Each method looks at one page (`PageEvidence`), one document (`DocumentEvidence`) or the whole case, and
returns `Signal`s: a method name, a score (higher is more suspicious), the page and the box on the clean
page, evidence for the inspector and, for the desktop app, an overlay (heat-map or match lines). The
methods are listed in `registry.py`; `examine.py` runs them after reading; `checks/forensics.py` turns
the signals whose score reaches the method's calibrated threshold (`thresholds.py`) into
TAMPER_SUSPECTED. How each method works and its ROC points: docs/forensics.md.
"""
