"""A small OParl 1.1 server for the tests, on 127.0.0.1 in a thread (nothing leaves the machine).

It serves System → Body list → Body → Organization list → meeting lists of each organisation and
of the body, all paged with ``links.next`` (``page_size`` objects per page) in the list format of
the specification (``data``, ``pagination``, ``links``). ``faults`` replace the answer of a path
(with or without query) by a status, a body and a content type, to imitate broken servers.

The Kreis Unna data: the three sessions named in the approval process of
``examples/kreis-unna-2012.yaml`` are the real ones (Ausschuss für Arbeit, Soziales und Familie
24.09.2012, Kreisausschuss 29.10.2012, Kreistag 30.10.2012). All other meetings are invented for the
tests (paging, nearest sessions, a cancelled session) and say so in their name ("Testsitzung").
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

V = "https://schema.oparl.org/1.1/"


@dataclass
class Org:
    key: str
    name: str
    classification: str | None = None
    organization_type: str = "Gremium"
    short_name: str | None = None
    meetings: list[tuple[str, bool]] = field(default_factory=list)  # (ISO start, cancelled)
    with_meeting_list: bool = True  # False: a vendor that leaves out Organization.meeting


def unna_organizations() -> list[Org]:
    return [
        Org(
            "kt",
            "Kreistag",
            "Parlament",
            meetings=[
                ("2012-03-27T16:00:00+02:00", False),
                ("2012-07-03T16:00:00+02:00", False),
                ("2012-10-30T15:00:00+01:00", False),
                ("2012-12-18T16:00:00+01:00", False),
            ],
        ),
        Org(
            "ka",
            "Kreisausschuss",
            "Hauptausschuss",
            meetings=[
                ("2012-06-25T15:00:00+02:00", False),
                ("2012-10-22T15:00:00+02:00", True),
                ("2012-10-29T15:00:00+01:00", False),
                ("2012-12-10T15:00:00+01:00", False),
            ],
        ),
        Org(
            "aasf",
            "Ausschuss für Arbeit, Soziales und Familie",
            "Ausschuss",
            meetings=[
                ("2012-05-14T15:00:00+02:00", False),
                ("2012-09-24T15:00:00+02:00", False),
                ("2012-11-26T15:00:00+01:00", False),
            ],
        ),
        Org(
            "akjf",
            "Ausschuss für Kinder, Jugend und Familie",
            "Ausschuss",
            meetings=[("2012-09-20T15:00:00+02:00", False)],
        ),
        Org("aelt", "Ältestenrat des Kreistags", "Ausschuss", meetings=[("2012-10-15T14:00:00+02:00", False)]),
        Org("spd", "SPD-Kreistagsfraktion", "Fraktion", "Fraktion"),
        Org("cdu", "CDU-Kreistagsfraktion", "Fraktion", "Fraktion"),
    ]


class OParlServer:
    def __init__(
        self,
        organizations: list[Org] | None = None,
        *,
        page_size: int = 2,
        body_name: str = "Kreis Unna",
        bodies: int = 1,
    ):
        self.organizations = organizations if organizations is not None else unna_organizations()
        self.page_size = page_size
        self.body_name = body_name
        self.bodies = bodies
        self.faults: dict[str, tuple[int, str | bytes, str]] = {}
        self.requests: list[str] = []
        handler = self._handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}/oparl/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    # ----------------------------------------------------------------- lifecycle

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def system(self) -> str:
        return f"{self.base}/system"

    @property
    def body_url(self) -> str:
        return f"{self.base}/bodies/1"

    # ----------------------------------------------------------------- objects

    def _body(self, number: int = 1) -> dict:
        b = f"{self.base}/bodies/{number}"
        name = self.body_name if number == 1 else f"Gemeinde {number}"
        return {
            "id": b,
            "type": V + "Body",
            "system": self.system,
            "name": name,
            "shortName": name,
            "organization": f"{b}/organizations",
            "person": f"{b}/people",
            "meeting": f"{b}/meetings",
            "paper": f"{b}/papers",
            "legislativeTerm": [],
            "created": "2012-01-01T00:00:00+01:00",
            "modified": "2012-12-31T00:00:00+01:00",
        }

    def _organization(self, org: Org) -> dict:
        data = {
            "id": f"{self.base}/organizations/{org.key}",
            "type": V + "Organization",
            "body": self.body_url,
            "name": org.name,
            "organizationType": org.organization_type,
            "created": "2012-01-01T00:00:00+01:00",
            "modified": "2012-12-31T00:00:00+01:00",
        }
        if org.classification:
            data["classification"] = org.classification
        if org.short_name:
            data["shortName"] = org.short_name
        if org.with_meeting_list:
            data["meeting"] = f"{self.base}/organizations/{org.key}/meetings"
        return data

    def _meeting(self, org: Org, index: int, start: str, cancelled: bool) -> dict:
        real = (org.key, start[:10]) in {("kt", "2012-10-30"), ("ka", "2012-10-29"), ("aasf", "2012-09-24")}
        data = {
            "id": f"{self.base}/meetings/{org.key}-{index}",
            "type": V + "Meeting",
            "name": f"{index + 1}. Sitzung {org.name}" + ("" if real else " (Testsitzung)"),
            "meetingState": "durchgeführt",
            "start": start,
            "end": start[:11] + "18:00:00" + start[19:],
            "organization": [f"{self.base}/organizations/{org.key}"],
            "created": "2012-01-01T00:00:00+01:00",
            "modified": "2012-12-31T00:00:00+01:00",
        }
        if cancelled:
            data["cancelled"] = True
        return data

    def _meetings(self, org: Org) -> list[dict]:
        return [self._meeting(org, i, start, cancelled) for i, (start, cancelled) in enumerate(org.meetings)]

    def _page(self, path: str, items: list[dict], page: int) -> dict:
        size = self.page_size
        total = max(1, -(-len(items) // size))
        url = f"{self.base}{path}"
        links = {"first": url, "self": f"{url}?page={page}" if page > 1 else url, "last": f"{url}?page={total}"}
        if page > 1:
            links["prev"] = f"{url}?page={page - 1}" if page > 2 else url
        if page < total:
            links["next"] = f"{url}?page={page + 1}"
        return {
            "data": items[(page - 1) * size : page * size],
            "pagination": {
                "totalElements": len(items),
                "elementsPerPage": size,
                "currentPage": page,
                "totalPages": total,
            },
            "links": links,
        }

    def answer(self, path: str, query: dict) -> dict | None:
        page = int(query.get("page", ["1"])[0])
        if path == "/system":
            return {
                "id": self.system,
                "type": V + "System",
                "oparlVersion": V,
                "name": "Testsystem",
                "body": f"{self.base}/bodies",
            }
        if path == "/bodies":
            return self._page(path, [self._body(n) for n in range(1, self.bodies + 1)], page)
        if path.startswith("/bodies/") and path.count("/") == 2:
            return self._body(int(path.split("/")[2]))
        if path == "/bodies/1/organizations":
            return self._page(path, [self._organization(o) for o in self.organizations], page)
        if path == "/bodies/1/meetings":
            return self._page(path, [m for o in self.organizations for m in self._meetings(o)], page)
        if path.startswith("/organizations/") and path.endswith("/meetings"):
            key = path.split("/")[2]
            org = next((o for o in self.organizations if o.key == key), None)
            return None if org is None else self._page(path, self._meetings(org), page)
        return None

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output clean
                pass

            def do_GET(self):
                parts = urlsplit(self.path)
                server.requests.append(self.path)
                path = parts.path.removeprefix("/oparl/v1")
                fault = server.faults.get(
                    parts.path.removeprefix("/oparl/v1") + (f"?{parts.query}" if parts.query else "")
                ) or server.faults.get(path)
                if fault is not None:
                    status, body, content_type = fault
                    self._send(status, body.encode("utf-8") if isinstance(body, str) else body, content_type)
                    return
                data = server.answer(path, parse_qs(parts.query))
                if data is None:
                    self._send(404, json.dumps({"error": "not found"}).encode(), "application/json")
                else:
                    self._send(
                        200, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8"
                    )

            def _send(self, status: int, body: bytes, content_type: str):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
