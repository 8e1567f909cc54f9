"""Outputs of a check: the contract JSON and the human-readable summary."""
