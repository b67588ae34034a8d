"""The studio's web application (Starlette, server-rendered with Jinja2, one small script of our own).

Security on a shared PC: the server listens on 127.0.0.1 only; the first request carries a random
token in the URL, which becomes an HttpOnly, SameSite=Strict cookie required by every later request;
the Host header must name the loopback address and port (DNS rebinding); every state change needs an
Origin (or Referer) of the studio itself; files are read and written only inside the session's folder;
uploads are bounded; the pages load nothing from elsewhere (Content-Security-Policy 'self').
"""

from __future__ import annotations

import datetime as dt
import hmac
import io
import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from integconcept.core.errors import UserError
from integconcept.core.findings import json_pointer
from integconcept.studio import forms
from integconcept.studio.session import ConflictError, Session, StudioError, safe_name

if TYPE_CHECKING:
    from integconcept.document.model import Concept

COOKIE = "integconcept_studio"
#: Uploads: a Word document as `import` bounds it, a concept file as `validate` bounds it.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_YAML_BYTES = 5 * 1024 * 1024
MAX_RETURNS = 50  # returned Word copies of one consultation held at once
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
STATIC = Path(__file__).parent / "static"

_env = Environment(
    loader=PackageLoader("integconcept.studio", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["field_id"] = lambda pointer: forms._id(pointer)


def create_app(session: Session, token: str, port: int) -> ASGIApp:
    """The application for ``session``; ``port`` is the one the server listens on (Host check)."""
    allowed_hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
    allowed_origins = {f"http://{host}" for host in allowed_hosts}

    def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        context.setdefault("session", session)
        context.setdefault("chapters", forms.chapters())
        context.setdefault("current", "")
        html = _env.get_template(name).render(request=request, **context)
        return HTMLResponse(html, status_code=status)

    def error_page(request: Request, status: int, message: str) -> HTMLResponse:
        titles = {
            400: "Ungültige Anfrage",
            403: "Zugriff verweigert",
            404: "Nicht gefunden",
            405: "Nicht erlaubt",
            413: "Datei zu groß",
            500: "Interner Fehler",
        }
        return page(request, "error.html", status, title=titles.get(status, "Fehler"), message=message)

    # ------------------------------------------------------------------ security

    async def guard(scope, receive, send, app):
        request = Request(scope, receive)
        host = request.headers.get("host", "")
        if host not in allowed_hosts:
            response = HTMLResponse(
                _plain_error(
                    "Zugriff verweigert", "Das Studio antwortet nur unter http://127.0.0.1 auf diesem Rechner."
                ),
                status_code=403,
            )
            await response(scope, receive, send)
            return
        given = request.query_params.get("token")
        cookie = request.cookies.get(COOKIE, "")
        if given is not None and hmac.compare_digest(given, token):
            target = request.url.path
            response = RedirectResponse(target if target != "" else "/", status_code=303)
            response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
            await response(scope, receive, send)
            return
        if not cookie or not hmac.compare_digest(cookie, token):
            response = HTMLResponse(
                _plain_error(
                    "Zugriff verweigert",
                    "Diese Seite ist nur mit dem Link erreichbar, "
                    "den „integconcept studio“ beim Start ausgegeben hat (mit "
                    "?token=…). Bitte den Link aus dem Fenster der "
                    "Eingabeaufforderung öffnen.",
                ),
                status_code=403,
            )
            await response(scope, receive, send)
            return
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_UPLOAD_BYTES + 1024 * 1024:
            response = HTMLResponse(
                _plain_error(
                    "Datei zu groß",
                    "Die hochgeladene Datei ist zu groß (höchstens "
                    f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB). Es wurde nichts "
                    "übernommen.",
                ),
                status_code=413,
            )
            await response(scope, receive, send)
            return
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("origin")
            if origin is None and request.headers.get("referer"):
                parts = urlsplit(request.headers["referer"])
                origin = f"{parts.scheme}://{parts.netloc}"
            if origin not in allowed_origins:
                response = HTMLResponse(
                    _plain_error(
                        "Zugriff verweigert",
                        "Änderungen werden nur aus dem Studio "
                        "selbst angenommen (fremde Herkunft der Anfrage); es wurde "
                        "nichts geändert.",
                    ),
                    status_code=403,
                )
                await response(scope, receive, send)
                return
        await app(scope, receive, send)

    # ------------------------------------------------------------------ pages

    def needs_concept(back: str) -> RedirectResponse:
        """The concept does not fit the model yet: back to ``back`` with what to do."""
        return RedirectResponse(
            _with_message(back, "Das Konzept hat Fehler im Aufbau (siehe Befunde); bitte zuerst beheben."),
            status_code=303,
        )

    def need_file(request: Request) -> None:
        """Pages about the opened concept: without one, back to the start page."""
        if session.file is None:
            raise HTTPException(303, headers={"Location": "/"})

    async def home(request: Request):
        if session.file is not None:
            return RedirectResponse("/kapitel/allgemein", status_code=303)
        from integconcept.drafting.init import BASES, KINDS

        yaml_files = sorted(p.name for p in session.root.glob("*.y*ml") if p.is_file())[:200]
        return page(
            request,
            "start.html",
            title="Start",
            bases=BASES,
            kinds=KINDS,
            files=yaml_files,
            message=request.query_params.get("meldung", ""),
            law_labels=_law_labels(),
        )

    async def chapter(request: Request):
        need_file(request)
        slug = request.path_params["slug"]
        found = [c for c in forms.chapters() if c[0] == slug]
        if not found:
            return error_page(request, 404, "Dieses Kapitel gibt es nicht.")
        _, title, keys = found[0]
        data = session.data()
        html = forms.FormWriter(data, slug).chapter_html(keys)
        return page(
            request,
            "editor.html",
            title=title,
            current=slug,
            form=html,
            findings_json=Markup(_json_for_script(findings_payload(session))),
            message=request.query_params.get("meldung", ""),
        )

    async def edit(request: Request):
        need_file(request)
        try:
            body = json.loads(await _bounded_body(request, 2 * 1024 * 1024))
            path = forms.parse_pointer(str(body["path"]))
            kind = forms.kind_at(path)
            if kind is None:
                return JSONResponse({"error": "Dieses Feld gibt es im Modell nicht."}, status_code=400)
            raw = body.get("value")
            if kind.name == "literal_list":
                value = [str(v) for v in raw] if isinstance(raw, list) and raw else None
            else:
                value = forms.from_form(kind, "" if raw is None else str(raw))
        except (ValueError, KeyError, TypeError):
            return JSONResponse({"error": "Die Änderung war unlesbar."}, status_code=400)
        from integconcept.document.edit import set_value

        try:
            if session.set_scalar(path, value) is None:
                session.apply(lambda text: set_value(text, path, value))
        except StudioError as exc:
            return JSONResponse({"error": exc.message, **findings_payload(session)}, status_code=409)
        payload = findings_payload(session)
        if kind.name == "text" or isinstance(value, str) and "\n" in value:
            payload["markup"] = str(forms.markup_html(value if isinstance(value, str) else ""))
        payload["shown"] = forms.to_form(kind, value)
        return JSONResponse(payload)

    async def list_action(request: Request):
        need_file(request)
        from integconcept.document.edit import insert_item, move_item, remove_item

        form = await request.form(max_files=0, max_fields=20)
        chapter_slug = str(form.get("chapter", "allgemein"))
        try:
            path = forms.parse_pointer(str(form.get("path", "")))
            op = str(form.get("op", ""))
            index = int(str(form.get("index", "-1")) or -1)
        except ValueError:
            return error_page(request, 400, "Die Aktion war unlesbar.")
        kind = forms.kind_at(path)
        if kind is None or kind.name != "list":
            return error_page(request, 400, "Hier ist keine Liste.")
        anchor = json_pointer(path)
        try:
            if op == "add":
                value = new_entry(kind, str(form.get("name", "")), session.data(), path)
                session.apply(lambda text: insert_item(text, path, None, value))
                count = len(_list_at(session.data(), path))
                anchor = json_pointer(path + (count - 1,))
            elif op == "remove":
                session.apply(lambda text: remove_item(text, path, index))
            elif op in ("up", "down"):
                target = index - 1 if op == "up" else index + 1
                session.apply(lambda text: move_item(text, path, index, target))
                anchor = json_pointer(path + (target,))
            else:
                return error_page(request, 400, "Unbekannte Aktion.")
        except StudioError as exc:
            return _redirect(chapter_slug, exc.message, anchor)
        return _redirect(chapter_slug, "", anchor)

    async def save(request: Request):
        need_file(request)
        form = await request.form(max_files=0, max_fields=5)
        back = str(form.get("back", "/kapitel/allgemein"))
        if not back.startswith("/") or back.startswith("//"):
            back = "/kapitel/allgemein"
        try:
            session.save(overwrite=form.get("overwrite") == "1")
        except ConflictError:
            return page(request, "conflict.html", 409, title="Datei wurde geändert", back=back)
        except StudioError as exc:
            return RedirectResponse(_with_message(back, exc.message), status_code=303)
        return RedirectResponse(_with_message(back, "Gespeichert."), status_code=303)

    async def reload(request: Request):
        need_file(request)
        session.reload()
        return RedirectResponse(
            _with_message("/kapitel/allgemein", "Neu geladen: die Fassung auf der Festplatte."), status_code=303
        )

    async def mine(request: Request):
        need_file(request)
        name = session.opened.stem + "-meine-fassung" + session.opened.suffix
        return _download(session.mine_bytes(), name, "application/yaml; charset=utf-8")

    async def silence(request: Request):
        need_file(request)
        form = await request.form(max_files=0, max_fields=10)
        try:
            number = int(str(form.get("index", "-1")))
            finding = session.findings[number]
            if finding.code != form.get("code"):
                raise IndexError
        except (ValueError, IndexError):
            return RedirectResponse(
                _with_message(
                    str(form.get("back", "/")), "Der Befund hat sich inzwischen geändert; bitte erneut versuchen."
                ),
                status_code=303,
            )
        back = _safe_back(str(form.get("back", "/kapitel/allgemein")))
        try:
            session.add_silence(finding, str(form.get("reason", "")))
        except (StudioError, ValueError) as exc:
            return RedirectResponse(_with_message(back, getattr(exc, "message", str(exc))), status_code=303)
        return RedirectResponse(
            _with_message(back, f"{finding.code} stummgeschaltet (wird mit „Speichern“ in die Datei geschrieben)."),
            status_code=303,
        )

    async def preview(request: Request):
        need_file(request)
        concept = session.concept
        body, real, message = None, False, ""
        if concept is not None:
            try:
                from integconcept.render.html import concept_html
            except ImportError:  # an older library without the HTML rendering
                body = fallback_preview(concept)
            else:
                outside = images_outside(session, concept)
                body, real = Markup(concept_html(concept, base_dir=None if outside else session.opened.parent)), True
                if outside:
                    message = outside_message(outside)
        return page(
            request,
            "preview.html",
            title="Vorschau",
            current="vorschau",
            body=body,
            real=real,
            message=message,
            draft=concept is not None and getattr(concept.status, "value", "") == "draft",
        )

    async def preview_css(request: Request):
        try:
            from integconcept.render.html import preview_css as css
        except ImportError:
            return Response("", media_type="text/css")
        return Response(css(), media_type="text/css; charset=utf-8")

    async def procedure(request: Request, plan=None, plan_error: str = "", asked: dict | None = None):
        need_file(request)
        concept = session.concept
        svg, steps = None, []
        if concept is not None:
            from integconcept.reporting import timeline as report

            codes = report.timeline_codes()
            findings = [f for f in session.findings if f.code in codes]
            try:
                from integconcept.reporting.timeline_svg import timeline_svg  # lands with the preview work

                svg = Markup(timeline_svg(concept, findings, session.checked.settings))
            except ImportError:
                svg = None
            process = concept.approval_process
            for index, step in enumerate(process.steps if process else []):
                on_step = [f for f in findings if tuple(f.path[:3]) == ("approval_process", "steps", index)]
                steps.append((index, step, on_step))
        return page(
            request,
            "procedure.html",
            title="Gremienlauf",
            current="zeitplan",
            svg=svg,
            steps=steps,
            plan=plan,
            plan_error=plan_error,
            asked=asked or {},
            german_date=_german_date,
            message=request.query_params.get("meldung", ""),
            body_kinds=forms.model_kind(("approval_process", "steps", 0, "body_kind")).choices,
        )

    async def procedure_page(request: Request):
        return await procedure(request, plan=session.plan or None)

    async def plan(request: Request):
        need_file(request)
        form = await request.form(max_files=1, max_fields=10)
        from integconcept.commands.plan import PlanRequest, run_plan

        upload = form.get("calendar")
        calendar_path = None
        asked = {key: str(form.get(key, "")) for key in ("council_date", "committee", "oparl")}
        try:
            with tempfile.TemporaryDirectory(prefix="integconcept-studio-") as folder:
                if isinstance(upload, UploadFile) and upload.filename:
                    data = await _read_upload(upload, MAX_YAML_BYTES)
                    calendar_path = str(Path(folder) / "sitzungen.ics")
                    Path(calendar_path).write_bytes(data)
                asking = PlanRequest(
                    council_date=forms.from_form(forms.Kind("day"), str(form.get("council_date", ""))) or "",
                    file=str(session.file),
                    committee=str(form.get("committee", "")).strip() or None,
                    calendar_file=calendar_path,
                    oparl=str(form.get("oparl", "")).strip() or None,
                )
                code, text = run_plan(asking, "yaml")
        except UserError as exc:
            return await procedure(request, plan_error=exc.message, asked=asked)
        import yaml

        proposal = yaml.safe_load(text) if text else None
        steps = _plan_steps(proposal)
        session.plan = steps
        return await procedure(request, plan=steps, asked=asked)

    async def adopt(request: Request):
        need_file(request)
        form = await request.form(max_files=0, max_fields=5)
        steps = getattr(session, "plan", None) or []
        try:
            step = steps[int(str(form.get("index", "-1")))]
        except (ValueError, IndexError):
            return RedirectResponse("/gremienlauf", status_code=303)
        from integconcept.document.edit import insert_item

        existing = {s.get("id") for s in _list_at(session.data(), ("approval_process", "steps"))}
        value = dict(step)
        base, number = value.get("id", "schritt"), 2
        while value.get("id") in existing:
            value["id"] = f"{base}-{number}"
            number += 1
        session.apply(lambda text: insert_item(text, ("approval_process", "steps"), None, value))
        return RedirectResponse(
            _with_message(
                "/gremienlauf", f"Schritt „{value.get('body', value['id'])}“ übernommen (noch nicht gespeichert)."
            ),
            status_code=303,
        )

    async def downloads(request: Request):
        need_file(request)
        from integconcept.render.pdf import find_soffice

        return page(
            request,
            "downloads.html",
            title="Herunterladen",
            current="downloads",
            has_pdf=find_soffice() is not None,
            message=request.query_params.get("meldung", ""),
        )

    async def download(request: Request):
        need_file(request)
        what = request.path_params["what"]
        stem = session.opened.stem
        if what == "befunde.json":
            from integconcept.reporting.reporters import JsonReporter

            buffer = io.StringIO()
            JsonReporter(buffer).report([session.checked])
            return _download(buffer.getvalue().encode("utf-8"), f"{stem}-befunde.json", "application/json")
        concept = session.concept
        if concept is None:
            return needs_concept("/downloads")
        if what == "ics":
            from integconcept.reporting import timeline as report
            from integconcept.reporting.ics import timeline_ics

            codes = report.timeline_codes()
            timeline = report.build(
                str(session.file), concept, [f for f in session.findings if f.code in codes], session.checked.settings
            )
            return _download(timeline_ics(timeline), f"{stem}.ics", "text/calendar")
        if what in ("docx", "pdf"):
            try:
                docx = render_docx(session, concept)
                if what == "pdf":
                    from integconcept.render.pdf import check_pdf_tools, docx_to_pdf

                    return _download(docx_to_pdf(docx, check_pdf_tools()), f"{stem}.pdf", "application/pdf")
            except UserError as exc:
                return RedirectResponse(_with_message("/downloads", exc.message), status_code=303)
            return _download(
                docx, f"{stem}.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            )
        return error_page(request, 404, "Diesen Download gibt es nicht.")

    async def synopse(request: Request):
        need_file(request)
        form = await request.form(max_files=1, max_fields=5)
        upload = form.get("old")
        if not isinstance(upload, UploadFile) or not upload.filename:
            return RedirectResponse(
                _with_message("/downloads", "Bitte die frühere Fassung (YAML-Datei) wählen."), status_code=303
            )
        if session.dirty:
            return RedirectResponse(
                _with_message(
                    "/downloads", "Bitte zuerst speichern: die Synopse vergleicht mit der gespeicherten Datei."
                ),
                status_code=303,
            )
        try:
            data = await _read_upload(upload, MAX_YAML_BYTES)
            from integconcept.drafting.diff import compare_files
            from integconcept.drafting.synopse import render_synopse

            text = data.decode("utf-8-sig")
            comparison = compare_files("-", str(session.file), stdin=io.StringIO(text))
            document = render_synopse(comparison, session.template)
        except UnicodeDecodeError:
            return RedirectResponse(
                _with_message("/downloads", "Die frühere Fassung ist keine UTF-8-Textdatei."), status_code=303
            )
        except UserError as exc:
            return RedirectResponse(_with_message("/downloads", exc.message), status_code=303)
        return _download(
            document,
            f"{session.opened.stem}-synopse.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )

    # ------------------------------------------------------------------ committee papers

    def sitting_page(request: Request, *, collected=None, problem: str = "", status: int = 200):
        from integconcept.drafting.feedback import KIND_LABELS, german_date

        concept = session.concept
        steps, error = [], ""
        if concept is not None:
            from integconcept.drafting.vorlage import political_steps, session_date

            steps = [(s.id, s.body, session_date(s)) for s in political_steps(concept)]
            if collected is None and session.returns:
                try:
                    collected = read_returns(concept)
                except UserError as exc:
                    session.returns = {}
                    error = exc.message
        return page(
            request,
            "sitting.html",
            status,
            title="Beschlussvorlage und Rückmeldungen",
            current="sitzung",
            concept_ok=concept is not None,
            steps=steps,
            today=dt.date.today().isoformat(),
            returns=list(session.returns),
            collected=collected,
            kinds=KIND_LABELS,
            german_date=german_date,
            problem=problem or error,
            message=request.query_params.get("meldung", ""),
        )

    def read_returns(concept, returns: dict[str, bytes] | None = None):
        from integconcept.drafting.feedback import read_feedback

        returns = session.returns if returns is None else returns
        return read_feedback(concept, list(returns), returns)

    async def sitting(request: Request):
        need_file(request)
        return sitting_page(request)

    async def add_returns(request: Request):
        need_file(request)
        form = await request.form(max_files=MAX_RETURNS, max_fields=5)
        uploads = [u for u in form.getlist("rueckmeldung") if isinstance(u, UploadFile) and u.filename]
        if not uploads:
            return RedirectResponse(
                _with_message("/sitzung", "Bitte eine oder mehrere zurückgeschickte Word-Dateien wählen."),
                status_code=303,
            )
        concept = session.concept
        if concept is None:
            return needs_concept("/sitzung")
        returns = dict(session.returns)
        try:
            for upload in uploads:
                data = await _read_upload(upload, MAX_UPLOAD_BYTES)
                returns[_unique_name(returns, upload.filename or "Rücklauf.docx")] = data
            if len(returns) > MAX_RETURNS:
                raise StudioError(f"Höchstens {MAX_RETURNS} Rückläufe auf einmal; bitte weniger Dateien wählen.")
            collected = read_returns(concept, returns)
        except (UserError, StudioError) as exc:
            return sitting_page(request, problem=getattr(exc, "message", str(exc)), status=400)
        session.returns = returns
        added = len(uploads)
        return RedirectResponse(
            _with_message(
                "/sitzung",
                f"{added} {'Datei' if added == 1 else 'Dateien'} gelesen: {len(collected.remarks)} "
                f"{'Anmerkung' if len(collected.remarks) == 1 else 'Anmerkungen'} insgesamt.",
            ),
            status_code=303,
        )

    async def clear_returns(request: Request):
        need_file(request)
        session.returns = {}
        return RedirectResponse(_with_message("/sitzung", "Die Rückläufe wurden entfernt."), status_code=303)

    async def weighing_table(request: Request):
        need_file(request)
        concept = session.concept
        if concept is None or not session.returns:
            return RedirectResponse(
                _with_message("/sitzung", "Zuerst die zurückgeschickten Word-Dateien hochladen."), status_code=303
            )
        from integconcept.drafting.feedback import render_table

        try:
            data = render_table(concept, read_returns(concept), session.template)
        except UserError as exc:
            return RedirectResponse(_with_message("/sitzung", exc.message), status_code=303)
        return _download(data, f"{session.opened.stem}-abwaegungstabelle.docx", DOCX_TYPE)

    async def vorlage(request: Request):
        need_file(request)
        form = await request.form(max_files=1, max_fields=10)
        concept = session.concept
        if concept is None:
            return needs_concept("/sitzung")
        from integconcept.commands.vorlage import parse_day_option, vorlage_input
        from integconcept.drafting.vorlage import render_vorlage

        step = str(form.get("step", ""))
        try:
            # the browser sends JJJJ-MM-TT; a typed 15.10.2012 is read as the other date fields of the studio
            typed = forms.from_form(forms.Kind("day"), str(form.get("date", "")))
            day = parse_day_option(str(typed) if typed else None, "Datum der Vorlage")
            previous = None
            upload = form.get("previous")
            if isinstance(upload, UploadFile) and upload.filename:
                from integconcept.drafting.diff import load_concept

                data = await _read_upload(upload, MAX_YAML_BYTES)
                try:
                    text = data.decode("utf-8-sig")
                except UnicodeDecodeError:
                    raise StudioError(f"„{upload.filename}“ ist keine UTF-8-Textdatei (YAML).") from None
                previous = load_concept("-", stdin=io.StringIO(text), name=upload.filename)
            collected = read_returns(concept) if form.get("with_returns") and session.returns else None
            given = vorlage_input(step, day, session.checked.settings, previous, collected)
            made = render_vorlage(concept, given, session.template, base_dir=session.opened.parent)
        except (UserError, StudioError) as exc:
            return sitting_page(request, problem=getattr(exc, "message", str(exc)), status=400)
        return _download(made.data, f"beschlussvorlage-{made.step.id}.docx", DOCX_TYPE)

    # ------------------------------------------------------------------ start page actions

    async def new_concept(request: Request):
        form = await request.form(max_files=0, max_fields=10)
        from integconcept.drafting.init import InitError, InitOptions, init_file

        try:
            name = safe_name(str(form.get("file", "")), ".yaml")
            target = session.resolve(name, must_exist=False)
            municipalities = [
                m.strip() for m in str(form.get("municipalities", "")).replace(",", "\n").split("\n") if m.strip()
            ]
            options = InitOptions(
                str(form.get("authority", "")).strip(),
                str(form.get("kind", "")),
                str(form.get("basis", "")),
                municipalities,
            )
            init_file(str(target), options)
            session.open(target)
        except (InitError, StudioError) as exc:
            return RedirectResponse(_with_message("/", exc.message), status_code=303)
        return RedirectResponse(
            _with_message("/kapitel/allgemein", f"Neues Konzept angelegt: {target.name}"), status_code=303
        )

    async def open_file(request: Request):
        form = await request.form(max_files=0, max_fields=5)
        try:
            session.open(session.resolve(str(form.get("file", ""))))
        except StudioError as exc:
            return RedirectResponse(_with_message("/", exc.message), status_code=303)
        return RedirectResponse("/kapitel/allgemein", status_code=303)

    async def import_word(request: Request):
        form = await request.form(max_files=1, max_fields=5)
        upload = form.get("docx")
        if not isinstance(upload, UploadFile) or not upload.filename:
            return RedirectResponse(_with_message("/", "Bitte ein Word-Dokument (.docx) wählen."), status_code=303)
        from integconcept.commands.importing import write_import

        try:
            data = await _read_upload(upload, MAX_UPLOAD_BYTES)
            original = Path(upload.filename.replace("\\", "/")).name
            if not original.lower().endswith(".docx"):
                raise StudioError(
                    "Bitte ein Word-Dokument im Format .docx wählen (ältere .doc-Dateien zuerst in "
                    "Word als .docx speichern)."
                )
            name = safe_name(str(form.get("file", "")) or Path(original).stem + ".yaml", ".yaml")
            target = session.resolve(name, must_exist=False)
            with tempfile.TemporaryDirectory(prefix="integconcept-studio-") as folder:
                source = Path(folder) / original
                source.write_bytes(data)
                write_import(str(source), str(target))
            session.open(target)
        except UserError as exc:
            return RedirectResponse(_with_message("/", exc.message), status_code=303)
        return RedirectResponse(
            _with_message(
                "/kapitel/allgemein",
                f"Importiert: {target.name}. Die Stellen mit „zu prüfen“ stehen in der Liste rechts.",
            ),
            status_code=303,
        )

    async def close_file(request: Request):
        if session.dirty:
            return RedirectResponse(
                _with_message("/kapitel/allgemein", "Es gibt ungespeicherte Änderungen: bitte zuerst speichern."),
                status_code=303,
            )
        session.file = None
        session.result = None
        session.returns = {}
        return RedirectResponse("/", status_code=303)

    async def findings_api(request: Request):
        need_file(request)
        return JSONResponse(findings_payload(session))

    async def http_error(request: Request, exc: Exception):
        assert isinstance(exc, HTTPException), "registered for HTTPException only"
        if exc.status_code in (301, 302, 303) and exc.headers and "Location" in exc.headers:
            return RedirectResponse(exc.headers["Location"], status_code=303)
        messages = {
            404: "Diese Seite gibt es im Studio nicht.",
            405: "Diese Anfrage ist hier nicht erlaubt.",
            413: "Die Datei ist zu groß.",
        }
        return error_page(
            request,
            exc.status_code,
            exc.detail
            if isinstance(exc.detail, str) and exc.status_code == 413
            else messages.get(exc.status_code, "Die Anfrage ging nicht."),
        )

    async def server_error(request: Request, exc: Exception):
        return error_page(
            request,
            500,
            f"Ein interner Fehler ist aufgetreten ({type(exc).__name__}). Ihre "
            "Änderungen sind noch im Studio; bitte speichern und den Fehler melden.",
        )

    routes = [
        Route("/", home),
        Route("/kapitel/{slug}", chapter),
        Route("/api/edit", edit, methods=["POST"]),
        Route("/api/befunde", findings_api),
        Route("/liste", list_action, methods=["POST"]),
        Route("/speichern", save, methods=["POST"]),
        Route("/neu-laden", reload, methods=["POST"]),
        Route("/meine-fassung", mine),
        Route("/stummschalten", silence, methods=["POST"]),
        Route("/vorschau", preview),
        Route("/vorschau.css", preview_css),
        Route("/gremienlauf", procedure_page),
        Route("/gremienlauf/plan", plan, methods=["POST"]),
        Route("/gremienlauf/uebernehmen", adopt, methods=["POST"]),
        Route("/downloads", downloads),
        Route("/download/{what}", download),
        Route("/synopse", synopse, methods=["POST"]),
        Route("/sitzung", sitting),
        Route("/rueckmeldungen", add_returns, methods=["POST"]),
        Route("/rueckmeldungen/entfernen", clear_returns, methods=["POST"]),
        Route("/abwaegungstabelle", weighing_table),
        Route("/beschlussvorlage", vorlage, methods=["POST"]),
        Route("/neu", new_concept, methods=["POST"]),
        Route("/oeffnen", open_file, methods=["POST"]),
        Route("/import", import_word, methods=["POST"]),
        Route("/schliessen", close_file, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=str(STATIC)), name="static"),
    ]
    inner = Starlette(routes=routes, exception_handlers={HTTPException: http_error, Exception: server_error})

    async def app(scope, receive, send):
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await inner(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (
                        b"content-security-policy",
                        b"default-src 'self'; img-src 'self' data:; "
                        b"style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; "
                        b"form-action 'self'; base-uri 'none'",
                    ),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"cache-control", b"no-store"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await guard(scope, receive, send_with_headers, inner)

    return app


# --------------------------------------------------------------------------- helpers


def findings_payload(session: Session) -> dict:
    """The findings as the page shows them: code, severity, German message, hint, citations, place."""
    out = []
    for index, finding in enumerate(session.findings):
        out.append(
            {
                "index": index,
                "code": finding.code,
                "severity": finding.severity.value,
                "severity_label": finding.severity.label,
                "message": forms.german_keys(finding.message),
                "hint": forms.german_keys(finding.hint or ""),
                "silenceable": _silenceable(finding.code),
                "citations": [str(c) for c in finding.citations],
                "path": json_pointer(finding.path),
                "chapter": forms.chapter_of(tuple(finding.path)),
                "line": finding.line,
                "file": finding.file or "",
            }
        )
    counts = {s: sum(1 for f in session.findings if f.severity.value == s) for s in ("error", "warning", "info")}
    return {
        "findings": out,
        "counts": counts,
        "dirty": session.dirty,
        "usable": bool(session.result and session.result.usable),
    }


def _silenceable(code: str) -> bool:
    """Rule findings can be silenced; reading, syntax and schema findings and the silence checks cannot."""
    import re

    from integconcept.rules.engine import UNSILENCEABLE

    return not re.fullmatch(r"[FYS]\d{3}|K900", code) and code not in UNSILENCEABLE


def images_outside(session: Session, concept) -> list[str]:
    """The own image files (``image``) of the concept that lie outside the studio's folder."""
    from integconcept.studio.session import inside

    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "image" and isinstance(value, str):
                    path = Path(value)
                    if not inside(session.root, path if path.is_absolute() else session.opened.parent / path):
                        found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(concept.model_dump(mode="json", exclude_none=True))
    return found


def outside_message(names: list[str]) -> str:
    return (
        "Das Studio liest nur Dateien im Ordner der Konzeptdatei; diese Bilddatei liegt außerhalb: "
        + ", ".join(f"„{name}“" for name in names)
        + ". Bitte das Bild in den Ordner kopieren und den Pfad "
        "anpassen (oder das Dokument mit „integconcept render“ erzeugen)."
    )


def render_docx(session: Session, concept) -> bytes:
    """The Word document of the edited concept (the configured or given template, as ``render`` does)."""
    outside = images_outside(session, concept)
    if outside:
        raise StudioError(outside_message(outside))
    from integconcept.render import render_concept
    from integconcept.render.emitter import DocumentTooLarge
    from integconcept.render.errors import RenderError

    settings = session.checked.settings.get("render")
    keep = isinstance(settings, dict) and settings.get("keep_header") is True
    template = session.template
    if template is None and isinstance(settings, dict) and isinstance(settings.get("template"), str):
        configured = (session.opened.parent / settings["template"]).resolve()
        template = str(configured) if configured.is_file() else None
    try:
        rendered = render_concept(concept, template, keep_header=keep, base_dir=session.opened.parent)
    except DocumentTooLarge as exc:
        raise RenderError(f"{exc.message} Es wurde nichts erzeugt.") from None
    return rendered.data


def fallback_preview(concept: Concept) -> Markup:
    """A plain rendering of the texts (until the HTML rendering of the document is there)."""
    from markupsafe import escape
    from pydantic import BaseModel

    parts = [f"<h1>{escape(concept.title)}</h1>"]
    if concept.subtitle:
        parts.append(f"<p class='subtitle'>{escape(concept.subtitle)}</p>")
    for _, title, keys in forms.chapters()[1:]:
        values = [getattr(concept, key, None) for key in keys]
        if not any(values):
            continue
        parts.append(f"<h2>{escape(title)}</h2>")
        for value in values:
            data = value.model_dump(mode="json", exclude_none=True) if isinstance(value, BaseModel) else value
            parts.append(_texts_html(data))
    return Markup("".join(parts))


def _texts_html(data, depth: int = 0) -> str:
    if isinstance(data, str):
        return str(forms.markup_html(data))
    if isinstance(data, list):
        return "".join(_texts_html(item, depth + 1) for item in data)
    if isinstance(data, dict):
        return "".join(
            _texts_html(v, depth + 1)
            for k, v in data.items()
            if k not in ("id", "kind", "not_printed", "category", "columns") and not isinstance(v, bool)
        )
    return ""


def new_entry(kind: forms.Kind, name: str, data: dict, path: tuple):
    """A new list entry: texts as typed; an entry with an id gets one derived from its name as ``init``
    derives ids (a repeated id gets a number)."""
    from integconcept.drafting.init import slug

    item = kind.item
    assert item is not None, "a list field knows the kind of its entries (forms.kind_of)"
    name = " ".join(name.split())
    if item.name != "model":
        if not name:
            raise StudioError("Bitte zuerst den Text des neuen Eintrags eingeben.")
        return forms.from_form(item, name)
    keys = [key for key, *_ in forms.fields_of(item.model)]
    value: dict = {}
    if "id" in keys:
        existing = {entry.get("id") for entry in _list_at(data, path) if isinstance(entry, dict)}
        base = slug(name) if name else "neu"
        ident, number = base, 2
        while ident in existing:
            ident = f"{base}-{number}"
            number += 1
        value["id"] = ident
    for key in ("name", "body"):
        if key in keys and name:
            value[key] = name
            break
    if not value:
        first = next((key for key, k, *_ in forms.fields_of(item.model) if not k.optional), keys[0])
        value[first] = name or None
        if value[first] is None:
            value = {first: ""}
    return value


def _list_at(data, path: tuple) -> list:
    from integconcept.document.edit import value_at

    value = value_at(data, path)
    return value if isinstance(value, list) else []


def _plan_steps(proposal) -> list[dict]:
    if isinstance(proposal, dict):
        process = proposal.get("approval_process", proposal)
        steps = process.get("steps") if isinstance(process, dict) else None
        if isinstance(steps, list):
            return [s for s in steps if isinstance(s, dict)]
    if isinstance(proposal, list):
        return [s for s in proposal if isinstance(s, dict)]
    return []


def _german_date(value) -> str:
    if not value:
        return "–"
    return forms.to_form(forms.Kind("date"), str(value))


def _law_labels() -> dict[str, str]:
    from integconcept.document.labels import ENUMS

    return {value: item.label for value, item in ENUMS["LegalBasis"].items()}


def _json_for_script(data) -> str:
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _with_message(path: str, message: str) -> str:
    path, _, fragment = path.partition("#")
    if not message:
        return path + (f"#{fragment}" if fragment else "")
    joiner = "&" if "?" in path else "?"
    return f"{path}{joiner}meldung={quote(message)}" + (f"#{fragment}" if fragment else "")


def _safe_back(back: str) -> str:
    return back if back.startswith("/") and not back.startswith("//") else "/kapitel/allgemein"


def _redirect(chapter: str, message: str, anchor_pointer: str) -> RedirectResponse:
    anchor = forms._id(anchor_pointer) + "-box"
    target = _with_message(f"/kapitel/{quote(chapter)}", message) + f"#{anchor}"
    return RedirectResponse(target, status_code=303)


def _unique_name(taken: dict, name: str) -> str:
    """An uploaded file's name (without folders), numbered when another upload has it already: two
    municipalities may both send back „Stellungnahme.docx“."""
    base = Path(name.replace("\\", "/")).name or "Rücklauf.docx"
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{Path(base).stem} ({number}){Path(base).suffix}"
        number += 1
    return candidate


def _download(data: bytes, name: str, media_type: str) -> Response:
    ascii_name = name.encode("ascii", "replace").decode("ascii").replace("?", "_").replace('"', "_")
    return Response(
        data,
        media_type=media_type,
        headers={"content-disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"},
    )


async def _bounded_body(request: Request, limit: int) -> bytes:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise HTTPException(413, "Die Anfrage ist zu groß.")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, "Die Anfrage ist zu groß.")
    return body


async def _read_upload(upload, limit: int) -> bytes:
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise StudioError(f"Die Datei ist zu groß (höchstens {limit // 1024 // 1024} MB).")
    return data


def _plain_error(title: str, message: str) -> str:
    """A refusal page that shows nothing of the session (no file name, no navigation)."""
    from markupsafe import escape

    return (
        f'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{escape(title)} – integconcept '
        f'Studio</title></head><body style="font-family: Segoe UI, Arial, sans-serif; max-width: 40rem; '
        f'margin: 3rem auto; padding: 0 1rem; line-height: 1.5"><h1>{escape(title)}</h1><p>{escape(message)}</p>'
        "</body></html>"
    )
