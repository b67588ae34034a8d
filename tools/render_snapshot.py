"""Render every example into a folder, for a byte-for-byte comparison before and after a change.

    .venv/bin/python tools/render_snapshot.py /tmp/vorher      # on the old code (e.g. main)
    .venv/bin/python tools/render_snapshot.py /tmp/nachher     # on the new code
    .venv/bin/python tools/render_snapshot.py --compare /tmp/vorher /tmp/nachher

Per concept (the examples and tests/data/render-rich.yaml) three documents: as the file is, with the status
flipped (a draft adopted, an adopted concept a draft: title page, watermark, open chapters) and "alles"
with everything printed (every ``not_printed`` list emptied; staffing, funding, passing on, the KI period,
both data charts and a print group filled in), so a change to what is printed cannot hide behind the
examples' ``not_printed`` lists. Run it from the repository's root with the code to be measured first on
``sys.path`` (``PYTHONPATH=.`` when another checkout is installed in the venv).

``--full VORLAGEN`` adds the benchmark's concepts 1×, 20× and 100× (bench/generate.py) and the Kreis Unna
example and tests/data/render-rich.yaml rendered with every kind of template the tests build (German Word
.dotx and .docx, python-docx, LibreOffice blank and numbered when soffice is installed). The templates are
built into the folder VORLAGEN once and reused from there, so the runs before and after a change use the
same template bytes (LibreOffice stamps the time into the files it saves).
"""

from __future__ import annotations

import argparse
import filecmp
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cleared(value):
    if isinstance(value, dict):
        return {key: ([] if key == "not_printed" else _cleared(item)) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleared(item) for item in value]
    return value


def _everything(concept):
    from integconcept.document.model import Concept

    data = _cleared(concept.model_dump(mode="json", exclude_unset=True))
    ids = [m["id"] for m in data["authority"].get("municipalities", [])]
    data["staffing"] = {
        "posts": [
            {
                "role": "teacher",
                "fte": 2,
                "funded_by": "land",
                "municipality": ids[0] if ids else None,
                "funding_eur_per_year": 51234.5,
                "other_funding": ["ESF"],
            },
            {"fte": 0.5, "label": "Verwaltung *kursiv*"},
        ],
        "funding": [{"funder": "land", "amount_eur": 170000, "per": "year", "note": "rund"}, {"funder": "own"}],
        "pass_on": [
            {
                "recipients": "all",
                "contract": "weiterleitungsvertrag",
                "amount_eur": 1000,
                "per": "year",
                "purpose": "Case Management",
            },
            {"recipients": ids[:2], "contract_label": "Vertrag vom 1.1.", "purpose": "Beratung"},
        ],
        "delimitation": "Keine **Doppelförderung**.",
        "text": "Schluss^[Fußnote im Personal]",
    }
    if data.get("ki_tasks"):
        data["ki_tasks"]["period"] = {"start": "2013-01", "end": "2014-12-31"}
    table = (data.get("preamble") or {}).get("population_table")
    if table:
        table["chart"] = {}
    if data.get("approval_process"):
        data["approval_process"]["timeline_chart"] = {}
        for step in data["approval_process"]["steps"][-3:]:
            step["print_group"] = "gruppe"
    return Concept.model_validate(data)


def snapshot(folder: Path) -> int:
    from integconcept.commands.validate import validate_file
    from integconcept.document.model import Status
    from integconcept.render import render_concept

    folder.mkdir(parents=True, exist_ok=True)
    files = sorted((ROOT / "examples").glob("*.yaml")) + [ROOT / "tests" / "data" / "render-rich.yaml"]
    written = 0
    for path in files:
        concept = validate_file(str(path)).concept
        flipped = concept.model_copy(
            update={"status": Status.adopted if concept.status is Status.draft else Status.draft}
        )
        for suffix, variant in (("", concept), ("-umgekehrt", flipped), ("-alles", _everything(concept))):
            data = render_concept(variant, base_dir=path.parent).data
            (folder / f"{path.stem}{suffix}.docx").write_bytes(data)
            written += 1
    print(f"{written} Dokumente in {folder}")
    return written


def templates(folder: Path) -> list[Path]:
    """The kinds of template the tests build, made once into ``folder`` (kept for the next run)."""
    import shutil

    sys.path.insert(0, str(ROOT))
    from tests.template_builders import (
        BLANK_FODT,
        NUMBERED_FODT,
        german_word_template,
        libreoffice_docx,
        python_docx_template,
    )

    folder.mkdir(parents=True, exist_ok=True)
    made = {
        "word-de.dotx": lambda: german_word_template(),
        "word-de.docx": lambda: german_word_template(dotx=False),
        "python-docx.docx": python_docx_template,
    }
    for name, build in made.items():
        if not (folder / name).exists():
            (folder / name).write_bytes(build())
    if shutil.which("soffice"):
        for name, fodt in (("lo-blank", BLANK_FODT), ("lo-numbered", NUMBERED_FODT)):
            if not (folder / f"{name}.docx").exists():
                libreoffice_docx(fodt, folder, name)
    return sorted(p for p in folder.iterdir() if p.suffix in (".docx", ".dotx"))


def snapshot_full(folder: Path, template_folder: Path) -> int:
    """The benchmark's concepts 1×/20×/100× and two concepts with every kind of template."""
    import tempfile

    from integconcept.commands.validate import validate_file
    from integconcept.render import render_concept

    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    written = 0
    data = generate.base_data()
    with tempfile.TemporaryDirectory() as tmp:
        for size in (1, 20, 100):
            path = generate.write_concept(Path(tmp) / f"bench-x{size}.yaml", generate.scaled(data, size))
            concept = validate_file(str(path)).concept
            (folder / f"bench-x{size}.docx").write_bytes(render_concept(concept, base_dir=path.parent).data)
            written += 1
    for path in (ROOT / "examples" / "kreis-unna-2012.yaml", ROOT / "tests" / "data" / "render-rich.yaml"):
        concept = validate_file(str(path)).concept
        for template in templates(template_folder):
            data = render_concept(concept, str(template), base_dir=path.parent).data
            (folder / f"{path.stem}-vorlage-{template.stem}{template.suffix.replace('.', '-')}.docx").write_bytes(data)
            written += 1
            keep = render_concept(concept, str(template), keep_header=True, base_dir=path.parent).data
            (folder / f"{path.stem}-vorlage-{template.stem}{template.suffix.replace('.', '-')}-kopf.docx").write_bytes(
                keep
            )
            written += 1
    print(f"{written} weitere Dokumente in {folder}")
    return written


def compare(before: Path, after: Path) -> int:
    names = sorted(p.name for p in before.glob("*.docx"))
    different = [
        name
        for name in names
        if not (after / name).exists() or not filecmp.cmp(before / name, after / name, shallow=False)
    ]
    for name in different:
        print(f"verschieden: {name}")
    print(f"{len(names) - len(different)} von {len(names)} Dokumenten byte-gleich")
    return 1 if different or not names else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--compare", action="store_true", help="zwei Ordner vergleichen")
    parser.add_argument(
        "--full",
        type=Path,
        metavar="VORLAGEN",
        help="auch 1×/20×/100× und jede Art Vorlage der Tests (in diesem Ordner gebaut und wiederverwendet)",
    )
    args = parser.parse_args()
    if args.compare:
        if len(args.folders) != 2:
            parser.error("--compare braucht zwei Ordner")
        return compare(*args.folders)
    snapshot(args.folders[0])
    if args.full:
        snapshot_full(args.folders[0], args.full)
    return 0


if __name__ == "__main__":
    sys.exit(main())
