"""Which node pages show a facet of a node (:mod:`lineage.site.fingerprint`): the pages a change must render again.

Each rule below is the converse of something a page reads, as
:mod:`lineage.site.pages` and :mod:`lineage.site.diagrams` build it:

- every facet of a node is shown on its own page;
- ``down`` (links down) is walked by the diagrams down of the node's ancestors
  (a document or part draws, or counts, everything below it);
- ``up`` (links up) is walked by every diagram and path through the node: those
  of its descendants (up), its ancestors (down), the bodies leading a task at or
  below it and the targets stated at or below it (up from the task, the node
  stating the target);
- ``label`` (name, page, box, table row) is shown by all of those, by the nodes
  linked to it (cites, based on, reports on), and wherever it is listed or linked:
  the bodies a task names and the containers listing the task, the pages listing
  a value (where it is stated, that node's document, its responsible body), a
  body's documents, targets, tasks (and their rows elsewhere), sub-bodies and
  parent, a document's issuer, and the documents whose reports or printed dates
  name a document;
- ``own`` is shown on the node's page only.

Both the rules and the digests are taken on the new data: a page none of whose
readings changed read the same things the last time, and shows the same.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from functools import cached_property

from lineage.site.collect import SiteData
from lineage.site.pages import PageIndex


def pages_to_render(data: SiteData, index: PageIndex, moved: Mapping[str, set[str]]) -> set[str]:
    """The nodes whose page shows one of the facets in ``moved`` (facet → nodes whose digest changed)."""
    readers = Readers(data, index)
    found: set[str] = set()
    for nodes in moved.values():
        found |= nodes
    for iri in moved.get("down", set()):
        found |= readers.ancestors(iri)
    for iri in moved.get("up", set()) | moved.get("label", set()):
        found |= readers.chain(iri)
    for iri in moved.get("label", ()):
        found |= readers.of_label(iri)
    return found


def turtle_owners(changed: Iterable[str], nodes: Collection[str]) -> set[str]:
    """The nodes whose Turtle holds a statement about an IRI of ``changed``: itself, or an IRI under its own.

    A page's statements (:mod:`lineage.site.rdf`) are those of its node and of
    the nodes it owns, which are blank or named under its IRI (``…/57/1``);
    ``changed`` names the subject of every statement that came or went.
    """
    owners = set()
    for iri in changed:
        stem = iri
        while True:
            if stem in nodes:
                owners.add(stem)
            cut = stem.rfind("/")
            if cut <= stem.find("//") + 1:
                break
            stem = stem[:cut]
    return owners


class Readers:
    """The pages that read a node, over the new data."""

    def __init__(self, data: SiteData, index: PageIndex) -> None:
        self.data = data
        self.index = index
        self._ancestors: dict[str, set[str]] = {}
        self._chain: dict[str, set[str]] = {}

    def ancestors(self, iri: str) -> set[str]:
        """Every node above ``iri``: their diagrams down, and lists of what implements them, reach it."""
        found = self._ancestors.get(iri)
        if found is None:
            closure = self.data.closure
            found = self._ancestors[iri] = set(closure.ancestors(iri)) if iri in closure else set()
        return found

    def chain(self, iri: str) -> set[str]:
        """The pages drawing ``iri`` in a diagram or path: its ancestors and descendants, and the bodies
        and targets whose diagrams go up through it."""
        found = self._chain.get(iri)
        if found is not None:
            return found
        closure = self.data.closure
        found = set()
        if iri in closure:
            below = closure.descendants(iri)
            found = self.ancestors(iri) | set(below)
            roles, stated = self.data.roles, self.stated_in
            for node in (iri, *below):
                found.update(roles.get(node, {}).get("lead", ()))
                found.update(stated.get(node, ()))
        self._chain[iri] = found
        return found

    def of_label(self, iri: str) -> set[str]:
        """The pages that link or list ``iri`` other than through a chain (see :meth:`chain`)."""
        data, index = self.data, self.index
        found: set[str] = set()
        view = data.view
        if iri in view:
            found.update(view.predecessors(iri))
            found.update(view.successors(iri))
        for bodies in data.roles.get(iri, {}).values():  # a task's row on the pages of its bodies
            found.update(bodies)
        value = data.values.get(iri)
        if value is not None:  # a value's row where it is stated, in that node's document, on its body's page
            if value.stated_in:
                found.add(value.stated_in)
                document = index.document_of.get(value.stated_in)
                if document:
                    found.add(document)
            if value.responsible:
                found.add(value.responsible)
        record = data.documents.get(iri)
        if record is not None and record.get("issuer_iri"):
            found.add(record["issuer_iri"])
        body = data.bodies.get(iri)
        if body is not None and body.parent:
            found.add(body.parent)
        # as a body: what it issued, is responsible for, has under it, and the tasks naming it, with their rows
        found.update(index.issued_by.get(iri, ()))
        found.update(index.values_of_body.get(iri, ()))
        found.update(index.sub_bodies.get(iri, ()))
        for tasks in data.body_tasks.get(iri, {}).values():
            for task in tasks:
                found.add(task)
                found.update(self.containers(task))
                for bodies in data.roles.get(task, {}).values():
                    found.update(bodies)
        found.update(self.stated_in.get(iri, ()))
        found.update(self.citing_reports.get(iri, ()))
        found.update(self.citing_dates.get(iri, ()))
        return found

    def containers(self, task: str) -> set[str]:
        """The document and parts listing ``task`` among their tasks."""
        found = set(self.data.closure.parents(task)) if task in self.data.closure else set()
        document = self.index.document_of.get(task)
        if document:
            found.add(document)
        return found

    @cached_property
    def stated_in(self) -> dict[str, list[str]]:
        """Node → the values stated in it (their pages draw its chain up)."""
        found: dict[str, list[str]] = defaultdict(list)
        for iri, value in self.data.values.items():
            if value.stated_in:
                found[value.stated_in].append(iri)
        return found

    @cached_property
    def citing_reports(self) -> dict[str, set[str]]:
        """Report → the documents whose page lists a statement of it."""
        found: dict[str, set[str]] = defaultdict(set)
        for directive, statements in self.data.reports.items():
            for statement in statements:
                if statement.report:
                    found[statement.report].add(directive)
        return found

    @cached_property
    def citing_dates(self) -> dict[str, set[str]]:
        """Document → the documents whose page names it as the source of a printed date."""
        found: dict[str, set[str]] = defaultdict(set)
        for iri, record in self.data.documents.items():
            for printed in record["dates_printed"]:
                found[printed["source"]].add(iri)
        return found
