"""Synthetic export paperwork with exact ground truth, for testing the engine."""
