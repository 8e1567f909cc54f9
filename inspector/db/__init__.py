"""The engine's two databases: the rules database (reference data) and the case database (records)."""
