"""The case database: every checked case with its documents, pages, fields, items and findings."""
