"""The typed keys of the project configuration (``[tool.integconcept]`` / ``integconcept.toml``), checked by
:func:`integconcept.document.config.check_config`: pydantic models, imported only when a configuration file
is there to check (``validate`` without one starts without pydantic).

Adding a key is one line in :class:`ProjectConfig` (or :class:`TimelineConfig`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)  # built when a file is checked


class TimelineConfig(_Strict):
    """``[tool.integconcept.timeline]``: the rules of procedure the timeline checks assume."""

    notice_period_days: int | None = Field(None, ge=0, le=60, description="Ladungsfrist (Anzahl).")
    notice_period_unit: Literal["calendar_days", "working_days"] | None = Field(
        None, description="Einheit der Ladungsfrist: calendar_days oder working_days."
    )
    session_day_counts: bool | None = Field(
        None, description="Zählt der Sitzungstag zur Frist (wie in Hilden)? Standard: nein (wie im BGB)."
    )
    min_consultation_days: int | None = Field(
        None, ge=0, le=365, description="Mindestzeit für Rückmeldungen der Gemeinden und Partner (Tage)."
    )
    main_committee_after_committees: bool | None = Field(
        None,
        description="Kreisfreie Stadt: Schreibt die Geschäftsordnung vor, dass der Hauptausschuss nach "
        "den Fachausschüssen berät? Standard: nein (die GO NRW ordnet keine Reihenfolge). Im "
        "Kreis gilt die Reihenfolge immer (§ 50 KrO NRW).",
    )


class RenderConfig(_Strict):
    """``[tool.integconcept.render]``: how ``render`` builds the document."""

    keep_header: bool | None = Field(
        None, description="Kopf- und Fußzeile der eigenen Vorlage behalten statt der von integconcept."
    )
    soffice: str | None = Field(
        None,
        description="Pfad zu LibreOffice (soffice.exe bzw. soffice) für --pdf, wenn es nicht an der üblichen "
        "Stelle installiert ist, z. B. „D:\\Programme\\LibreOffice\\program\\soffice.exe“.",
    )


class VorlageConfig(_Strict):
    """``[tool.integconcept.vorlage]``: the head of a Beschlussvorlage when the concept file does not hold it."""

    number: str | None = Field(None, description="Vorlagen- oder Drucksachennummer (sonst adoption.reference).")
    lead: str | None = Field(None, description="Federführung: Amt oder Fachbereich (sonst adoption.lead).")


class OParlSettings(_Strict):
    """``[tool.integconcept.oparl]``: the council information system to check the sessions against."""

    url: str | None = Field(None, description="Adresse des OParl-Systems oder -Körperschaft.")
    cache: str | None = Field(None, description="Ordner für den Zwischenspeicher der Antworten.")
    organizations: dict[str, str] = Field(
        default_factory=dict, description="Gremium (Kennung oder Name) → Name oder Adresse der OParl-Gruppierung."
    )
    other_servers: bool | None = Field(
        None,
        description="Weiterleitungen auf einen anderen Server folgen (Standard: ja, mit Hinweis; false: ablehnen).",
    )


class ProjectConfig(_Strict):
    """``[tool.integconcept]`` / ``integconcept.toml``."""

    select: list[str] | str | None = Field(None, description="Nur diese Regeln (Codes, Code-Anfänge, Pakete).")
    ignore: list[str] | str | None = Field(None, description="Diese Regeln nicht anwenden.")
    # pydantic's default_factory, misread by mypy without the pydantic plugin (also below)
    timeline: TimelineConfig = Field(default_factory=TimelineConfig)  # type: ignore[arg-type]
    rules: dict[str, dict[str, object]] = Field(
        default_factory=dict, description="Optionen einzelner Regeln: [tool.integconcept.rules.K006]."
    )
    render: RenderConfig = Field(default_factory=RenderConfig)  # type: ignore[arg-type]
    vorlage: VorlageConfig = Field(default_factory=VorlageConfig)  # type: ignore[arg-type]
    oparl: str | OParlSettings | None = Field(
        None,
        description="Ratsinformationssystem (OParl): Adresse oder Tabelle mit url, cache, organizations, other_servers.",
    )
