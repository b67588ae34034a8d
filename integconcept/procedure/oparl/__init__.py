"""Council information systems (Ratsinformationssysteme) through the open standard OParl 1.0/1.1.

The client (:mod:`.client`, httpx) follows System → Body → Organization → Meeting with paging
(``links.next``); :mod:`.objects` reads the few OParl objects needed, tolerating missing optional
fields; :mod:`.matching` finds the organisation of each political body of the approval process;
:mod:`.check` turns real session days into findings (rules T050/T051, pack ``oparl``) and
:mod:`.planning` gives ``timeline plan`` the real sessions as its calendar.

This module stays light (no httpx import): validate imports it for the request and the
configuration only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from integconcept.core.errors import UserError

#: Where the rules T050/T051 find the View of the council information system in Context.settings
#: (here, not in .check, so that a run without OParl does not import the client).
VIEW_KEY = "_oparl_view"


class OParlError(UserError):
    """The council information system could not be used; the text is German, the exit code 2."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        super().__init__(f"Das Ratsinformationssystem unter {url} antwortet nicht wie erwartet: {reason}")
        self.url = url
        self.reason = reason
        self.status = status  # the HTTP status when the server answered with an error


class OParlConfigError(UserError):
    """A wrong ``oparl`` setting or option (German message, exit code 2)."""


@dataclass
class OParlConfig:
    """What the user asked for: the OParl URL, the cache folder and explicit organisation names."""

    url: str | None = None
    cache: str | None = None
    organizations: dict[str, str] = field(default_factory=dict)  # body id or name → organisation
    other_servers: bool | None = None  # follow a redirect to another server? None: INTEGCONCEPT_OPARL_WEITERLEITUNG
    other_servers_by: str = ""  # where that came from (German, for the refusal)


def oparl_config(settings: dict | None) -> OParlConfig:
    """Read the ``oparl`` key of the configuration (``[tool.integconcept]`` / ``integconcept.toml``).

    Either a string (the URL) or a table ``{url = "…", cache = "…", organizations = {kreistag = "…"},
    other_servers = false}``.
    """
    value = (settings or {}).get("oparl")
    if value is None:
        return OParlConfig()
    if isinstance(value, str):
        return OParlConfig(url=value.strip() or None)
    if not isinstance(value, dict):
        raise OParlConfigError(
            "Die Einstellung „oparl“ muss die Adresse des Ratsinformationssystems sein "
            '(oparl = "https://…/oparl/v1/system") oder eine Tabelle [tool.integconcept.oparl] '
            "mit url, cache, organizations und other_servers."
        )
    unknown = sorted(set(value) - {"url", "cache", "organizations", "other_servers"})
    if unknown:
        raise OParlConfigError(
            f"Unbekannte Einstellung in [tool.integconcept.oparl]: {', '.join(unknown)}. "
            "Erlaubt sind url, cache, organizations und other_servers."
        )
    url, cache, organizations = value.get("url"), value.get("cache"), value.get("organizations", {})
    other_servers = value.get("other_servers")
    if url is not None and not isinstance(url, str):
        raise OParlConfigError("[tool.integconcept.oparl] url muss eine Adresse (Text) sein.")
    if cache is not None and not isinstance(cache, str):
        raise OParlConfigError("[tool.integconcept.oparl] cache muss ein Ordner (Text) sein.")
    if other_servers is not None and not isinstance(other_servers, bool):
        raise OParlConfigError("[tool.integconcept.oparl] other_servers muss true oder false sein.")
    if not isinstance(organizations, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in organizations.items()
    ):
        raise OParlConfigError(
            "[tool.integconcept.oparl.organizations] ordnet Gremien (Kennung oder Name aus "
            'der Konzeptdatei) Gruppierungen zu, z. B. kreistag = "Kreistag des Kreises Unna".'
        )
    return OParlConfig(
        url=(url or "").strip() or None,
        cache=cache or None,
        organizations=dict(organizations),
        other_servers=other_servers,
        other_servers_by="Einstellung other_servers = false unter [tool.integconcept.oparl]"
        if other_servers is False
        else "",
    )


@dataclass
class RunClock:
    """When the first network request of a command started, shared by the clients of all its servers (the
    deadline for one command with all its servers together)."""

    started: float | None = None


@dataclass
class OParlRequest:
    """What a command passes down: ``--oparl``, ``--oparl-cache`` and ``--oparl-same-server`` (``other_servers``
    False; None: the configuration decides).

    One request may serve several concept files; the organisations and meetings read for one URL
    are kept for the others (``sources``), and the deadline for all servers together runs on one ``clock``.
    """

    url: str | None = None
    cache: str | None = None
    sources: dict = field(default_factory=dict)
    other_servers: bool | None = None
    clock: RunClock = field(default_factory=RunClock)

    def resolve(self, settings: dict | None) -> OParlConfig:
        """The command line wins over the configuration."""
        configured = oparl_config(settings)
        return OParlConfig(
            url=self.url or configured.url,
            cache=self.cache or configured.cache,
            organizations=configured.organizations,
            other_servers=configured.other_servers if self.other_servers is None else self.other_servers,
            other_servers_by=configured.other_servers_by
            if self.other_servers is None
            else "Option --oparl-same-server",
        )

    def close(self) -> None:
        for source in self.sources.values():
            source.close()
        self.sources.clear()


__all__ = ["OParlConfig", "OParlConfigError", "OParlError", "OParlRequest", "RunClock", "oparl_config"]
