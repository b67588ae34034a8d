"""The few OParl objects needed (Body, Organization, Meeting), read tolerantly.

Real servers deviate from the specification: optional fields are missing, booleans arrive as
strings, a date-time is only a date, ``type`` names another OParl version. Every reader here takes
what it can and returns None for an object it cannot use, so one odd meeting never stops a check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: A multi-day meeting longer than this is a data error; only its first day counts.
MAX_MEETING_DAYS = 7


def text(value) -> str | None:
    """A non-empty string, stripped; anything else None."""
    return value.strip() or None if isinstance(value, str) else None


def url(value) -> str | None:
    value = text(value)
    return value if value and value.lower().startswith(("http://", "https://")) else None


def flag(value) -> bool:
    """OParl booleans; some servers send "true"/"1"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "ja", "yes")
    if isinstance(value, int):
        return value == 1
    return False


def day(value) -> dt.date | None:
    """The calendar day of an OParl date-time (in its own offset, i.e. local time), or of a date."""
    value = text(value)
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        pass
    else:
        if moment.utcoffset() == dt.timedelta(0):  # given in UTC: the day in Germany counts
            moment = _german_time(moment)
        return moment.date()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _german_time(moment: dt.datetime) -> dt.datetime:
    try:
        from zoneinfo import ZoneInfo

        return moment.astimezone(ZoneInfo("Europe/Berlin"))
    except Exception:  # no time zone data installed: keep UTC (at most an hour or two off)
        return moment


def type_name(obj: dict) -> str:
    """ "System", "Body", "Organization", "Meeting" … from ``type`` (any OParl version), or ""."""
    value = text(obj.get("type")) or ""
    return value.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    organization: str | None  # URL of the list of organisations
    meeting: str | None  # URL of the list of all meetings


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    short_name: str | None = None
    classification: str | None = None
    organization_type: str | None = None
    meeting: str | None = None  # URL of the list of its meetings

    @property
    def label(self) -> str:
        return self.name

    @property
    def is_group(self) -> bool:
        """A parliamentary group or party: it holds no sessions of a committee or the council."""
        kinds = {(self.classification or "").lower(), (self.organization_type or "").lower()}
        return bool(kinds & {"fraktion", "partei", "gruppe"})

    @property
    def is_parliament(self) -> bool:
        return "parlament" in (self.classification or "").lower()


@dataclass(frozen=True)
class Meeting:
    id: str
    name: str | None
    start: dt.date
    end: dt.date
    cancelled: bool
    organizations: tuple[str, ...]

    def days(self) -> list[dt.date]:
        if self.end <= self.start or (self.end - self.start).days >= MAX_MEETING_DAYS:
            return [self.start]
        return [self.start + dt.timedelta(days=n) for n in range((self.end - self.start).days + 1)]


def read_body(obj: dict) -> Body | None:
    if not isinstance(obj, dict) or flag(obj.get("deleted")):
        return None
    identifier = url(obj.get("id")) or text(obj.get("id")) or ""
    name = text(obj.get("name")) or text(obj.get("shortName")) or identifier
    return Body(identifier, name, url(obj.get("organization")), url(obj.get("meeting")))


def read_organization(obj) -> Organization | None:
    if not isinstance(obj, dict) or flag(obj.get("deleted")):
        return None
    identifier = text(obj.get("id"))
    name = text(obj.get("name")) or text(obj.get("shortName"))
    if identifier is None or name is None:
        return None
    return Organization(
        identifier,
        name,
        text(obj.get("shortName")),
        text(obj.get("classification")),
        text(obj.get("organizationType")),
        url(obj.get("meeting")),
    )


def read_meeting(obj) -> Meeting | None:
    if not isinstance(obj, dict) or flag(obj.get("deleted")):
        return None
    start = day(obj.get("start"))
    if start is None:
        return None
    end = day(obj.get("end")) or start
    organizations = obj.get("organization")
    if isinstance(organizations, str):  # a single URL instead of a list
        organizations = [organizations]
    if not isinstance(organizations, list):
        organizations = []
    return Meeting(
        text(obj.get("id")) or "",
        text(obj.get("name")),
        start,
        end,
        flag(obj.get("cancelled")),
        tuple(o for o in organizations if isinstance(o, str)),
    )
