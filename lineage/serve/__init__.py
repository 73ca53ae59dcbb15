"""``lineage serve``: a read-only SPARQL endpoint over the built store, with the named queries, traces and the site.

Modules: :mod:`~lineage.serve.app` (HTTP routes), :mod:`~lineage.serve.protocol`
(SPARQL Protocol requests), :mod:`~lineage.serve.negotiation` (result formats),
:mod:`~lineage.serve.pool` and :mod:`~lineage.serve.worker` (queries in killable
processes), :mod:`~lineage.serve.jobs` (what crosses the pipe),
:mod:`~lineage.serve.federation` (``SERVICE`` kept off), :mod:`~lineage.serve.named`
(``/api``), :mod:`~lineage.serve.tracing` (``/trace``), :mod:`~lineage.serve.served`
(the graph held by the endpoint), :mod:`~lineage.serve.site` and
:mod:`~lineage.serve.page` (static files, the endpoint's page),
:mod:`~lineage.serve.settings` and :mod:`~lineage.serve.storedir` (limits, which store).

This package imports nothing at load time: the workers import it too.
"""
