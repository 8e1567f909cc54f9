"""Cross-checks: one module per finding family, registered in `registry.CHECKS`."""
