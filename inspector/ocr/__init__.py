"""OCR with Tesseract: probe, run, cache."""
