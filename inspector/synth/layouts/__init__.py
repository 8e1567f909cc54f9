"""Page layouts of the synthetic documents, one module per document type."""
