"""``lineage publish``: push the built graph, named graphs kept, into a triple store the user runs.

Modules: :mod:`~lineage.publish.target` (URLs, credentials, HTTP),
:mod:`~lineage.publish.batches` (graphs cut into N-Triples batches),
:mod:`~lineage.publish.run` (replace each graph, then check the counts).
"""
