"""The browsable static site: a page per document, task, body and target, with diagrams and search."""
