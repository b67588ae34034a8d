"""Synthetic concepts for the benchmark, derived from the Kreis Unna example; only schema-valid files.

    .venv/bin/python bench/generate.py OUTDIR [--factor 1 5 20 100] [--nrw]

``scaled(data, factor)`` repeats every list of entries that have an ``id`` (municipalities,
population rows, action fields, goals, institutions, KI groups, networks, steps …) ``factor``
times; the copies get new ids (``…-x2``) and their references to other ids are renamed the same way,
so the copies refer to each other like the original. Texts are not lengthened (a concept grows by
entries, not by longer paragraphs). ``nrw_concepts()`` gives one concept per Kreis and kreisfreie
Stadt of NRW (54, as there are 54 Kommunale Integrationszentren). Every file is validated with the
model before it is written; a file that would not be schema-valid raises instead of being written.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UNNA = ROOT / "examples" / "kreis-unna-2012.yaml"

#: The 31 Kreise (with the StädteRegion Aachen) and the 23 kreisfreie Städte (with Aachen, which keeps
#: that status under the Aachen-Gesetz): one Kommunales Integrationszentrum each.
KREISE = (
    "Borken",
    "Coesfeld",
    "Düren",
    "Ennepe-Ruhr-Kreis",
    "Euskirchen",
    "Gütersloh",
    "Heinsberg",
    "Herford",
    "Hochsauerlandkreis",
    "Höxter",
    "Kleve",
    "Lippe",
    "Märkischer Kreis",
    "Mettmann",
    "Minden-Lübbecke",
    "Oberbergischer Kreis",
    "Olpe",
    "Paderborn",
    "Recklinghausen",
    "Rhein-Erft-Kreis",
    "Rheinisch-Bergischer Kreis",
    "Rhein-Kreis Neuss",
    "Rhein-Sieg-Kreis",
    "Siegen-Wittgenstein",
    "Soest",
    "Steinfurt",
    "Unna",
    "Viersen",
    "Warendorf",
    "Wesel",
    "StädteRegion Aachen",
)
KREISFREIE_STAEDTE = (
    "Aachen",
    "Bielefeld",
    "Bochum",
    "Bonn",
    "Bottrop",
    "Dortmund",
    "Duisburg",
    "Düsseldorf",
    "Essen",
    "Gelsenkirchen",
    "Hagen",
    "Hamm",
    "Herne",
    "Köln",
    "Krefeld",
    "Leverkusen",
    "Mönchengladbach",
    "Mülheim an der Ruhr",
    "Münster",
    "Oberhausen",
    "Remscheid",
    "Solingen",
    "Wuppertal",
)


def base_data() -> dict:
    from integconcept.document.loader import load

    return load(str(UNNA)).data


#: Keys whose values name something the copies must not share (like ids, but not called ``id``).
NAMING_KEYS = ("id", "print_group")


def _ids(node, out: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key in NAMING_KEYS:
            if isinstance(node.get(key), str):
                out.add(node[key])
        for value in node.values():
            _ids(value, out)
    elif isinstance(node, list):
        for value in node:
            _ids(value, out)
    return out


def _rename(node, ids: set[str], suffix: str):
    """A copy of ``node`` whose ids and references to ids carry ``suffix``."""
    if isinstance(node, dict):
        return {key: _rename(value, ids, suffix) for key, value in node.items()}
    if isinstance(node, list):
        return [_rename(value, ids, suffix) for value in node]
    if isinstance(node, str) and node in ids:
        return node + suffix
    return node


def scaled(data: dict, factor: int) -> dict:
    """``data`` with every list of entries with an id ``factor`` times as long (see module doc)."""
    if factor == 1:
        return copy.deepcopy(data)
    ids = _ids(data, set())
    ids.discard(data.get("id"))

    def grow(node, top_id: bool):
        if isinstance(node, dict):
            return {key: grow(value, top_id) for key, value in node.items()}
        if isinstance(node, list):
            if node and all(isinstance(item, dict) and "id" in item for item in node):
                return [
                    item if copy_no == 0 else _rename(item, ids, f"-x{copy_no}")
                    for copy_no in range(factor)
                    for item in node
                ]
            if node and all(isinstance(item, dict) and item.get("municipality") for item in node):
                return [
                    item if copy_no == 0 else _rename(item, ids, f"-x{copy_no}")
                    for copy_no in range(factor)
                    for item in node
                ]
            return [grow(item, top_id) for item in node]
        return node

    grown = grow(copy.deepcopy(data), True)
    # a generated organisation chart of a concept this size would have more boxes than is readable, and
    # render rightly refuses it (at most 80): the scaled concepts keep the chart titles, not the drawings
    for chart in (grown.get("organisation") or {}).get("charts", []):
        chart.pop("kind", None)
    return grown


def slug(name: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
    return re.sub(r"[^a-z0-9]+", "-", name.translate(table).lower()).strip("-")


def nrw_concepts(data: dict) -> list[tuple[str, dict]]:
    """One concept per Kreis and kreisfreie Stadt of NRW: (file name, data)."""
    out = []
    for name, kind in [(n, "kreis") for n in KREISE] + [(n, "kreisfreie_stadt") for n in KREISFREIE_STAEDTE]:
        concept = copy.deepcopy(data)
        label = (
            name
            if kind == "kreis" and ("Kreis" in name or "Region" in name)
            else (f"Kreis {name}" if kind == "kreis" else f"Stadt {name}")
        )
        concept["id"] = f"{slug(label)}-2012"
        concept["title"] = concept["title"].replace("Kreis Unna", label)
        concept["authority"]["name"] = label
        concept["authority"]["kind"] = kind
        out.append((f"{concept['id']}.yaml", concept))
    return out


def write_concept(path: Path, data: dict) -> Path:
    """Write ``data`` as YAML after proving it schema-valid (raises ValueError otherwise)."""
    import yaml

    from integconcept.document.model import Concept

    Concept.model_validate(data)  # raises: the benchmark never measures a file the model rejects
    text = yaml.dump(
        data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False, width=100
    )
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--factor", type=int, nargs="*", default=[1, 5, 20, 100])
    parser.add_argument("--nrw", action="store_true", help="auch die 54 Konzepte (ein Kreis/eine Stadt je Datei)")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    data = base_data()
    for factor in args.factor:
        path = write_concept(args.outdir / f"unna-x{factor}.yaml", scaled(data, factor))
        print(f"{path}: {path.stat().st_size // 1024} KiB")
    if args.nrw:
        folder = args.outdir / "nrw"
        folder.mkdir(exist_ok=True)
        for name, concept in nrw_concepts(data):
            write_concept(folder / name, concept)
        print(f"{folder}: {len(KREISE) + len(KREISFREIE_STAEDTE)} Konzepte")


if __name__ == "__main__":
    main()
