"""The organisation charts as graphs: boxes (bodies, the KI, groups of tasks) and their links, built from the
model, with levels for the layout and a German alt text that says who is linked to whom."""

from __future__ import annotations

from dataclasses import dataclass, field

from integconcept.document.markup import plain_text

#: the reserved link target for the Kommunales Integrationszentrum in Network.linked_to
KI_LINK_ID = "ki"

#: Member categories in the plural, for the "Mitglieder: …" line of a box (labels.py has the singular).
_CATEGORY_LABELS = {
    "municipality": "Städte und Gemeinden",
    "county_administration": "Kreisverwaltung",
    "municipal_institution": "kommunale Einrichtungen",
    "school_supervision": "Schulaufsicht",
    "free_provider": "freie Träger",
    "migrant_organisation": "Migrantenorganisationen",
    "integration_council": "Integrationsräte",
    "state_or_federal": "Land und Bund",
    "business": "Wirtschaft",
    "science": "Wissenschaft",
    "volunteers": "Ehrenamtliche",
    "other": "weitere",
}


def drawable(text: str, limit: int | None = None) -> str:
    """Text the font engine can draw: no control characters or lone surrogates, optionally shortened."""
    import unicodedata

    clean = "".join(ch if unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn") else " " for ch in text)
    clean = " ".join(clean.split())
    if limit is not None and len(clean) > limit:
        clean = clean[: limit - 1].rstrip() + "…"
    return clean


@dataclass
class _Node:
    id: str
    title: str
    lines: list[str] = field(default_factory=list)  # smaller text under the title
    level: int = 0
    emphasis: bool = False
    stack_under: str | None = None  # drawn in a column below this node instead of in a row


@dataclass
class _Graph:
    nodes: list[_Node]
    edges: list[tuple[str, str, str]]  # (from id, to id, German verb phrase for the alt text)
    summary: list[str] = field(default_factory=list)  # extra sentences for the alt text


def _plain(text: str | None) -> str:
    if not text:
        return ""
    flat = " ".join(plain_text(text).split())
    return flat.rstrip(",;").strip()


def _members_line(members) -> str:
    labels: list[str] = []
    for member in members:
        label = _CATEGORY_LABELS.get(member.category.value if member.category else "other", "weitere")
        if label not in labels:
            labels.append(label)
    return ", ".join(labels)


def _printed(obj, name: str):
    """A field's value, or None when the concept keeps it for the checks only (``not_printed``): a chart
    prints no more than the document does."""
    if obj is None or name in (getattr(obj, "not_printed", None) or ()):
        return None
    return getattr(obj, name)


def _steering_graph(concept) -> _Graph:
    nodes: list[_Node] = []
    edges: list[tuple[str, str, str]] = []
    summary: list[str] = []
    strategic = concept.implementation.strategic if concept.implementation else None
    group = strategic.steering_group if strategic else None
    bodies = concept.networks.bodies if concept.networks else []
    if group is not None:
        lines = []
        if _printed(group, "chair"):
            lines.append(f"Vorsitz: {group.chair}")
        if _printed(group, "members"):
            lines.append("Mitglieder: " + ", ".join(_plain(m.name) for m in group.members))
        nodes.append(_Node(group.id, group.name, lines, 0, emphasis=True))
    for body in bodies:
        lines = []
        if body.chair:
            lines.append(f"Vorsitz: {body.chair}")
        if body.management:
            lines.append(f"Geschäftsführung: {body.management}")
        if body.expected_members:
            lines.append("Mitglieder: " + _members_line(body.expected_members))
        nodes.append(_Node(body.id, body.name, lines, 1))
        if body.expected_members:
            summary.append(
                f"Mitglieder von {body.name}: " + "; ".join(_plain(m.name) for m in body.expected_members) + "."
            )
    known = {n.id for n in nodes}
    explicit = any(body.linked_to for body in bodies)
    ki_used = any(KI_LINK_ID in body.linked_to for body in bodies)
    if ki_used:
        nodes.append(_Node(KI_LINK_ID, _ki_name(concept), [], 2, emphasis=True))
        known.add(KI_LINK_ID)
    if explicit:
        for body in bodies:
            for target in body.linked_to:
                if target in known and target != body.id:
                    edges.append((body.id, target, "verbunden mit"))
    elif group is not None:
        edges = [(group.id, body.id, "verbunden mit") for body in bodies]
    _assign_levels(nodes, edges, group.id if group else None)
    return _Graph(nodes, edges, summary)


def _ki_name(concept) -> str:
    organisation = concept.organisation
    return _printed(organisation, "ki_name") or "Kommunales Integrationszentrum"


def _ki_graph(concept) -> _Graph:
    organisation = concept.organisation
    nodes: list[_Node] = []
    edges: list[tuple[str, str, str]] = []
    summary: list[str] = []
    nodes.append(_Node("authority", concept.authority.name, [], 0))
    parent = "authority"
    if _printed(organisation, "attachment"):
        nodes.append(_Node("attachment", organisation.attachment, [], 1))
        edges.append(("authority", "attachment", "darunter"))
        parent = "attachment"
    ki_lines = []
    if _printed(organisation, "predecessor"):
        ki_lines.append(f"ehemals {organisation.predecessor}")
    if _printed(organisation, "start") is not None:
        ki_lines.append(f"Arbeitsbeginn: {organisation.start.german()}")
    nodes.append(_Node(KI_LINK_ID, _ki_name(concept), ki_lines, 2, emphasis=True))
    edges.append((parent, KI_LINK_ID, "darunter"))
    groups = concept.ki_tasks.groups if concept.ki_tasks else []
    for group in groups:
        gid = f"group-{group.id}"
        nodes.append(_Node(gid, group.name, [], 3))
        edges.append((KI_LINK_ID, gid, "Aufgabenbereiche"))
        for area in group.areas:
            aid = f"area-{area.id}"
            nodes.append(_Node(aid, area.name, [], 4, stack_under=gid))
            edges.append((gid, aid, "mit den Bereichen"))
    operational = concept.implementation.operational if concept.implementation else None
    if operational is not None and operational.institutions:
        partner_lines = []
        for item in operational.institutions:
            text = f"{item.count} {item.name}" if item.count is not None else item.name
            partner_lines.append(text)
        nodes.append(_Node("partners", "Partnerinstitutionen", partner_lines, 3))
        edges.append((KI_LINK_ID, "partners", "Ansprech- und Netzwerkpartnerin für"))
    return _Graph(nodes, edges, summary)


def _assign_levels(nodes: list[_Node], edges, root: str | None) -> None:
    """Level = distance from the steering group over the links; unlinked bodies go below the rest."""
    if root is None:
        return
    neighbours: dict[str, list[str]] = {n.id: [] for n in nodes}
    for a, b, _ in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    level = {root: 0}
    queue = [root]
    while queue:
        current = queue.pop(0)
        for other in neighbours[current]:
            if other not in level:
                level[other] = level[current] + 1
                queue.append(other)
    bottom = max(level.values()) + 1
    for node in nodes:
        node.level = level.get(node.id, bottom)


def _graph_alt_text(title: str, graph: _Graph) -> str:
    names = {n.id: n for n in graph.nodes}

    def describe(node: _Node) -> str:
        return node.title + (f" ({'; '.join(node.lines)})" if node.lines else "")

    sentences = [f"Organigramm „{title}“."]
    described: set[str] = set()
    by_source: dict[str, list[tuple[str, str]]] = {}
    for a, b, verb in graph.edges:
        by_source.setdefault(a, []).append((b, verb))
    for source, targets in by_source.items():
        node = names[source]
        groups: dict[str, list[str]] = {}
        for target, verb in targets:
            text = names[target].title if target in described else describe(names[target])
            groups.setdefault(verb, []).append(text)
            described.add(target)
        subject = node.title if source in described else describe(node)
        described.add(source)
        parts = [f"{verb} {_join(items)}" for verb, items in groups.items()]
        sentences.append(f"{subject}: {'; '.join(parts)}.")
    for node in graph.nodes:
        if node.id not in described:
            sentences.append(f"Ohne Verbindung: {describe(node)}.")
    sentences.extend(graph.summary)
    return " ".join(sentences)


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " und " + items[-1]
