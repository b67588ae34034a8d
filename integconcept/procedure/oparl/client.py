"""HTTP access to an OParl server: bounded, with timeouts, German errors and an optional disk cache.

Why httpx (and not urllib by hand or requests): it has a timeout on every request by default and
separate connect/read timeouts (requests waits forever unless each call passes one), it keeps one
connection open for the many page requests of a list, follows redirects on request, streams a body
so an oversized answer can be cut off, and its exceptions separate "no connection", "timeout" and
"protocol error" cleanly, so each gets its own German message. It is well kept (encode/httpx) and
pure Python.

Every failure becomes :class:`~integconcept.procedure.oparl.OParlError`; nothing else escapes.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urljoin, urlsplit

from integconcept.procedure.oparl import OParlError


def _other_hosts_allowed() -> bool:
    """``INTEGCONCEPT_OPARL_WEITERLEITUNG=nein`` (or ``no``/``0``/``false``) refuses redirects to another server."""
    value = os.environ.get("INTEGCONCEPT_OPARL_WEITERLEITUNG", "").strip().lower()
    return value not in ("nein", "no", "0", "false", "aus")


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 5.0  # seconds to establish a connection
    timeout: float = 20.0  # seconds for one answer, all of it (headers and body), however slowly it trickles
    run_deadline: float = 120.0  # seconds for all requests of one command to this server together
    total_deadline: float = 300.0  # seconds for all requests of one command to all its servers together
    max_requests: int = 400  # network requests per check (cached answers do not count)
    max_pages: int = 100  # pages of one list (links.next)
    max_bytes: int = 20 * 1024 * 1024  # size of one answer
    other_hosts: bool | None = None  # follow a redirect to another server? None: INTEGCONCEPT_OPARL_WEITERLEITUNG
    other_hosts_by: str = ""  # where a refusal comes from (German): the setting or the option


class Cache:
    """Answers on disk, one JSON file per URL (``<sha256>.json`` with the URL inside).

    An answer in the cache is used instead of asking the server, so a check can be repeated
    offline; to refresh, delete the folder. Only good (OParl JSON) answers are stored.
    """

    def __init__(self, folder: str):
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise OParlError(
                str(folder),
                f"der Zwischenspeicher „{folder}“ ist eine Datei, kein Ordner (--oparl-cache erwartet einen Ordner).",
            )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OParlError(
                str(folder),
                f"der Ordner „{folder}“ für den Zwischenspeicher kann nicht angelegt werden ({exc.strerror or exc}).",
            ) from None

    def _path(self, url: str) -> Path:
        return self.folder / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")

    def get(self, url: str):
        path = self._path(url)
        try:
            with open(path, encoding="utf-8") as handle:
                entry = json.load(handle)
        except (OSError, ValueError):
            return None
        if isinstance(entry, dict) and entry.get("url") == url and "data" in entry:
            return entry["data"]
        return None

    def put(self, url: str, data) -> None:
        from integconcept.core.output import atomic_write

        try:
            atomic_write(self._path(url), json.dumps({"url": url, "data": data}, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # a cache that cannot be written only costs a request next time


def _status_text(code: int) -> str:
    from http import HTTPStatus

    try:
        return f"{code} ({HTTPStatus(code).phrase})"
    except ValueError:
        return str(code)


class Client:
    """GET OParl JSON from one server; ``entry`` is the URL the user gave (named in every error)."""

    def __init__(
        self,
        entry: str,
        *,
        cache: str | None = None,
        limits: Limits | None = None,
        notify: Callable[[str], None] | None = None,
        clock=None,
    ):
        from integconcept.procedure.oparl import RunClock

        self.entry = entry
        self.limits = limits or Limits()
        self.clock = clock if clock is not None else RunClock()  # shared by all servers of one command
        self.cache = Cache(cache) if cache else None
        self.requests = 0
        self._http = None
        self._started: float | None = None  # monotonic time of the first network request
        self._notify = notify or (lambda text: sys.stderr.write(text + "\n"))
        self._told: set[tuple[str, str]] = set()

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def fail(self, reason: str, url: str | None = None, status: int | None = None) -> OParlError:
        if url and url != self.entry:
            reason = f"{reason} (Abruf von {url})"
        return OParlError(self.entry, reason, status)

    def _client(self):
        if self._http is None:
            import httpx

            from integconcept import __version__

            self._http = httpx.Client(
                timeout=httpx.Timeout(self.limits.timeout, connect=self.limits.connect_timeout),
                follow_redirects=True,
                max_redirects=5,
                event_hooks={"response": [self._redirect_hook]},
                headers={"Accept": "application/json", "User-Agent": f"integconcept/{__version__} (OParl-Client)"},
            )
        return self._http

    def get(self, url: str):
        """The parsed JSON at ``url`` (from the cache when there)."""
        if not url.lower().startswith(("http://", "https://")):
            raise self.fail(f"„{url}“ ist keine http- oder https-Adresse.", None)
        if self.cache is not None and (cached := self.cache.get(url)) is not None:
            return cached
        self.requests += 1
        if self.requests > self.limits.max_requests:
            raise self.fail(
                f"für die Prüfung wären mehr als {self.limits.max_requests} Anfragen nötig; "
                "die Abfrage wurde abgebrochen.",
                url,
            )
        data = self._fetch(url)
        if self.cache is not None:
            self.cache.put(url, data)
        return data

    def _redirect_hook(self, response) -> None:
        """Every answer on the way: a redirect to another server is shown, or refused by the setting."""
        location = response.headers.get("location")
        if not (300 <= response.status_code < 400 and location):
            return
        target_url = urljoin(str(response.request.url), location.strip())
        source, target = urlsplit(str(response.request.url)), urlsplit(target_url)
        if (target.hostname or "").lower() == (source.hostname or "").lower():
            return
        if self.limits.other_hosts is not None:
            allowed, by = self.limits.other_hosts, self.limits.other_hosts_by
        else:
            allowed, by = _other_hosts_allowed(), "Umgebungsvariable INTEGCONCEPT_OPARL_WEITERLEITUNG=nein"
        if not allowed:
            raise _Refused(
                f"die Adresse leitet auf einen anderen Server weiter ({source.hostname} → "
                f"{target.hostname}); Weiterleitungen auf andere Server sind abgeschaltet "
                f"({by or 'Einstellung other_servers = false'})."
            )
        pair = (source.hostname or "", target.hostname or "")
        if pair not in self._told:
            self._told.add(pair)
            self._notify(
                f"Hinweis: Das Ratsinformationssystem unter {self.entry} leitet auf einen anderen Server "
                f"weiter: {source.hostname} → {target.hostname} ({target_url}). Die Daten "
                "kommen von dort."
            )

    def _fetch(self, url: str):
        """One answer within ``limits.timeout`` seconds in total and within what is left of ``run_deadline`` (this
        server) and ``total_deadline`` (all servers of the command, on the shared clock).

        httpx bounds each read, not the answer: a server trickling one byte a second held a command as long
        as it liked. The request runs in a worker thread; when the deadline passes first, its connection is
        closed and the German message names the server."""
        now = time.monotonic()
        if self._started is None:
            self._started = now
        if self.clock.started is None:
            self.clock.started = now
        left = self.limits.run_deadline - (now - self._started)
        total_left = self.limits.total_deadline - (now - self.clock.started)
        if total_left <= 0:
            raise self.fail(self._total_exceeded(), url)
        if left <= 0:
            raise self.fail(
                f"alle Abrufe zusammen dauerten länger als {_seconds(self.limits.run_deadline)}; die "
                "Abfrage wurde abgebrochen.",
                url,
            )
        wait = min(self.limits.timeout, left, total_left)
        outcome: dict = {}
        client = self._client()

        def work() -> None:
            try:
                outcome["value"] = self._fetch_now(client, url)
            except BaseException as exc:  # handed to the caller's thread
                outcome["error"] = exc

        worker = threading.Thread(target=work, name="oparl-abruf", daemon=True)
        worker.start()
        worker.join(wait)
        if worker.is_alive():  # the deadline passed: drop the connection (the worker ends on its own)
            self._http = None
            try:
                client.close()
            except Exception:
                pass
            if wait < self.limits.timeout and total_left < left:
                raise self.fail(self._total_exceeded(), url)
            if wait < self.limits.timeout:
                raise self.fail(
                    f"alle Abrufe zusammen dauerten länger als {_seconds(self.limits.run_deadline)}; "
                    "die Abfrage wurde abgebrochen.",
                    url,
                )
            raise self.fail(
                f"keine vollständige Antwort innerhalb von {_seconds(self.limits.timeout)} "
                "(Zeitüberschreitung; der Server antwortet zu langsam).",
                url,
            )
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    def _total_exceeded(self) -> str:
        return (
            f"alle Abrufe dieses Befehls bei allen Ratsinformationssystemen zusammen dauerten länger als "
            f"{_seconds(self.limits.total_deadline)}; die Abfrage wurde abgebrochen."
        )

    def _fetch_now(self, client, url: str):
        import httpx

        try:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise self.fail(f"HTTP-Status {_status_text(response.status_code)}.", url, response.status_code)
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.limits.max_bytes:
                        raise self.fail(f"die Antwort ist größer als {self.limits.max_bytes // (1024 * 1024)} MB.", url)
                    chunks.append(chunk)
                content_type = response.headers.get("content-type", "")
        except _Refused as exc:
            raise self.fail(str(exc), url) from None
        except httpx.TimeoutException:
            raise self.fail(
                f"keine Antwort innerhalb von {_seconds(self.limits.timeout)} (Zeitüberschreitung).", url
            ) from None
        except httpx.ConnectError as exc:
            raise self.fail(
                f"keine Verbindung möglich ({exc}). Stimmt die Adresse, und ist der Server erreichbar?", url
            ) from None
        except httpx.TooManyRedirects:
            raise self.fail("zu viele Weiterleitungen.", url) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise self.fail(f"die Adresse ist ungültig ({exc}).", url) from None
        except httpx.HTTPError as exc:  # protocol errors, broken connections …
            raise self.fail(f"die Verbindung brach ab oder die Antwort war kein gültiges HTTP ({exc}).", url) from None
        raw = b"".join(chunks)
        try:
            return json.loads(raw)
        except RecursionError:
            raise self.fail("die Antwort ist unsinnig tief verschachteltes JSON.", url) from None
        except ValueError as exc:
            start = raw.lstrip()[:1]
            if "html" in content_type.lower() or start == b"<":
                raise self.fail(
                    "statt OParl-JSON kam eine HTML-Seite. Ist das die Adresse der "
                    "OParl-Schnittstelle (meist …/oparl/… oder …/system)?",
                    url,
                ) from None
            where = f" (Zeile {exc.lineno}, Spalte {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
            raise self.fail(f"die Antwort ist kein gültiges JSON{where}.", url) from None

    def get_object(self, url: str, what: str) -> dict:
        data = self.get(url)
        if not isinstance(data, dict):
            raise self.fail(f"statt eines OParl-Objekts ({what}) kam {_describe(data)}.", url)
        return data

    def items(self, url: str, what: str) -> Iterator[dict]:
        """All objects of an OParl list, page by page along ``links.next`` (bounded)."""
        seen: set[str] = set()
        pages = 0
        next_url: str | None = url
        while next_url:
            if next_url in seen:
                raise self.fail(
                    f"die Liste der {what} verweist mit links.next auf eine schon gelesene Seite "
                    "(endlose Seitenfolge).",
                    next_url,
                )
            seen.add(next_url)
            pages += 1
            if pages > self.limits.max_pages:
                raise self.fail(
                    f"die Liste der {what} hat mehr als {self.limits.max_pages} Seiten; die Abfrage wurde abgebrochen.",
                    next_url,
                )
            page = self.get(next_url)
            if isinstance(page, list):  # deviation: a bare array instead of {"data": […]}
                entries, following = page, None
            elif isinstance(page, dict) and isinstance(page.get("data"), list):
                entries = page["data"]
                links = page.get("links")
                following = links.get("next") if isinstance(links, dict) else None
            else:
                raise self.fail(f"statt einer OParl-Liste der {what} (mit „data“) kam {_describe(page)}.", next_url)
            for entry in entries:
                if isinstance(entry, str) and entry.lower().startswith(("http://", "https://")):
                    entry = self.get(entry)  # deviation: URLs instead of embedded objects
                if isinstance(entry, dict):
                    yield entry
            next_url = (
                urljoin(next_url, following.strip()) if isinstance(following, str) and following.strip() else None
            )


def _describe(data) -> str:
    if isinstance(data, dict):
        keys = ", ".join(sorted(map(str, data))[:6])
        return f"ein JSON-Objekt ohne die erwarteten Angaben (Schlüssel: {keys or 'keine'})"
    if isinstance(data, list):
        return "eine JSON-Liste"
    return f"der JSON-Wert {json.dumps(data, ensure_ascii=False)[:40]}"


class _Refused(Exception):
    """A redirect the setting does not allow (raised in the event hook, turned into an OParlError)."""


def _seconds(value: float) -> str:
    text = f"{value:g}".replace(".", ",")
    return f"{text} Sekunde" if value == 1 else f"{text} Sekunden"
