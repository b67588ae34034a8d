"""One council information system: its body, organisations and the session days of each.

``Source(url)`` accepts the URL of an OParl System (its body list is read; with several bodies the
one named like the authority is taken) or of a Body. Organisations are read once; the meetings of an
organisation come from its own ``meeting`` list, or, when a server leaves that out, from the body's
list of all meetings filtered by ``organization``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from integconcept.procedure.oparl import OParlError
from integconcept.procedure.oparl.client import Client, Limits
from integconcept.procedure.oparl.matching import words
from integconcept.procedure.oparl.objects import (
    Body,
    Meeting,
    Organization,
    read_body,
    read_meeting,
    read_organization,
    type_name,
)


@dataclass
class Sessions:
    """Session days of one body (one or more organisations); cancelled meetings count as none."""

    days: set[dt.date] = field(default_factory=set)
    cancelled: set[dt.date] = field(default_factory=set)

    def held_on(self, day: dt.date) -> bool:
        return day in self.days

    def within(self, start: dt.date, end: dt.date) -> list[dt.date]:
        return sorted(d for d in self.days if start <= d <= end)

    def before(self, day: dt.date) -> dt.date | None:
        return max((d for d in self.days if d < day), default=None)

    def after(self, day: dt.date) -> dt.date | None:
        return min((d for d in self.days if d > day), default=None)


class Source:
    def __init__(
        self, url: str, *, cache: str | None = None, authority: str = "", limits: Limits | None = None, clock=None
    ):
        self.url = url.strip()
        self.authority = authority
        self.client = Client(self.url, cache=cache, limits=limits, clock=clock)
        self._body: Body | None = None
        self._organizations: list[Organization] | None = None
        self._meetings: dict[str, list[Meeting]] = {}
        self._all_meetings: list[Meeting] | None = None

    def close(self) -> None:
        self.client.close()

    # ----------------------------------------------------------------- System → Body

    def body(self) -> Body:
        if self._body is None:
            entry = self.client.get(self.url)
            self._body = self._body_from(entry)
        return self._body

    def _body_from(self, entry) -> Body:
        if isinstance(entry, dict) and isinstance(entry.get("data"), list):  # the URL of a body list
            return self._choose(list(self.client.items(self.url, "Körperschaften")))
        if not isinstance(entry, dict):
            raise self.client.fail("statt eines OParl-Objekts (System oder Body) kam kein JSON-Objekt.")
        kind = type_name(entry)
        if kind == "System" or (not kind and "oparlVersion" in entry):
            bodies_url = entry.get("body")
            if not isinstance(bodies_url, str) or not bodies_url.strip():
                raise self.client.fail("das System-Objekt nennt keine Liste der Körperschaften („body“).")
            return self._choose(list(self.client.items(bodies_url.strip(), "Körperschaften")))
        if kind == "Body" or (not kind and "organization" in entry and "meeting" in entry):
            body = read_body(entry)
            if body is None:
                raise self.client.fail("die Körperschaft (Body) ist als gelöscht gekennzeichnet.")
            return body
        found = f"ein Objekt vom Typ „{entry.get('type')}“" if kind else "ein JSON-Objekt ohne OParl-Typ (type)"
        raise self.client.fail(f"erwartet wurde ein OParl-System oder eine Körperschaft (Body), es kam {found}.")

    def _choose(self, entries: list[dict]) -> Body:
        bodies = [b for b in (read_body(e) for e in entries) if b is not None]
        if not bodies:
            raise self.client.fail("das System enthält keine Körperschaft (Body).")
        if len(bodies) == 1:
            return bodies[0]
        wanted = [w for w in words(self.authority) if w not in ("kreis", "stadt")]
        fitting = [b for b in bodies if wanted and all(w in words(b.name) for w in wanted)]
        if len(fitting) == 1:
            return fitting[0]
        names = ", ".join(f"„{b.name}“ ({b.id})" for b in bodies[:10])
        raise self.client.fail(
            f"das System enthält {len(bodies)} Körperschaften ({names}) und keine passt "
            f"eindeutig zu „{self.authority}“. Geben Sie die Adresse der Körperschaft an."
        )

    # ----------------------------------------------------------------- organisations and meetings

    def organizations(self) -> list[Organization]:
        if self._organizations is None:
            body = self.body()
            if body.organization is None:
                raise self.client.fail(
                    f"die Körperschaft „{body.name}“ nennt keine Liste ihrer Gruppierungen („organization“)."
                )
            seen: set[str] = set()
            found = []
            for entry in self.client.items(body.organization, "Gruppierungen"):
                organization = read_organization(entry)
                if organization is not None and organization.id not in seen:
                    seen.add(organization.id)
                    found.append(organization)
            self._organizations = found
        return self._organizations

    def meetings(self, organization: Organization) -> list[Meeting]:
        if organization.id not in self._meetings:
            found = None
            if organization.meeting:
                entries = self.client.items(organization.meeting, f"Sitzungen von „{organization.name}“")
                try:
                    found = [m for m in (read_meeting(e) for e in entries) if m is not None]
                except OParlError as exc:
                    if exc.status not in (404, 410):  # a vendor that links a list it does not serve
                        raise
            if found is None:
                found = [m for m in self._body_meetings() if organization.id in m.organizations]
            self._meetings[organization.id] = found
        return self._meetings[organization.id]

    def _body_meetings(self) -> list[Meeting]:
        if self._all_meetings is None:
            body = self.body()
            if body.meeting is None:
                raise self.client.fail(
                    f"weder die Gruppierungen noch die Körperschaft „{body.name}“ nennen eine "
                    "Liste ihrer Sitzungen („meeting“)."
                )
            entries = self.client.items(body.meeting, "Sitzungen")
            self._all_meetings = [m for m in (read_meeting(e) for e in entries) if m is not None]
        return self._all_meetings

    def sessions(self, organizations: list[Organization]) -> Sessions:
        result = Sessions()
        for organization in organizations:
            for meeting in self.meetings(organization):
                (result.cancelled if meeting.cancelled else result.days).update(meeting.days())
        result.cancelled -= result.days  # a held session that day wins over a cancelled one
        return result


def open_source(
    url: str,
    *,
    cache: str | None,
    authority: str,
    sources: dict | None = None,
    other_servers: bool | None = None,
    other_servers_by: str = "",
    clock=None,
) -> Source:
    """A source per (URL, cache), shared through ``sources`` by all files of one command; ``other_servers``:
    follow a redirect to another server (None: the environment decides); ``clock``: the command's
    :class:`~integconcept.procedure.oparl.RunClock` for the deadline of all servers together."""
    key = (url.strip(), cache)
    if sources is not None and key in sources:
        return sources[key]
    if not url.strip().lower().startswith(("http://", "https://")):
        raise OParlError(
            url,
            "die Adresse muss mit http:// oder https:// beginnen, z. B. "
            "https://ratsinfo.kreis-beispiel.de/oparl/v1/system.",
        )
    limits = Limits(other_hosts=other_servers, other_hosts_by=other_servers_by)
    source = Source(url, cache=cache, authority=authority, limits=limits, clock=clock)
    if sources is not None:
        sources[key] = source
    return source


def source_for(config, request, authority: str) -> Source:
    """The source of a command's resolved :class:`~integconcept.procedure.oparl.OParlConfig` (its URL, cache and
    redirect setting) and :class:`~integconcept.procedure.oparl.OParlRequest` (the sources shared by its files,
    its clock), for the concept of ``authority``."""
    assert config.url is not None, "asked only where a council information system is configured"
    return open_source(
        config.url,
        cache=config.cache,
        authority=authority,
        sources=request.sources,
        other_servers=config.other_servers,
        other_servers_by=config.other_servers_by,
        clock=request.clock,
    )
