"""Local files: any encoding a Spanish file is saved in, refused files named with the reason."""

from __future__ import annotations

import codecs
import os
import random
from datetime import date

import pytest

from pipeline.config import parse_config
from pipeline.errors import FetchError
from pipeline.fetch import Fetcher
from pipeline.fetch.files import file_pages, front_matter_date_problem

TEXT = ("La Secretaría de Relaciones Exteriores informó que el subsecretario se reunió en Washington "
        "con la delegación estadounidense. “Avanzamos en la cooperación”, señaló el funcionario — "
        "según el comunicado — y añadió que la próxima reunión será en la Ciudad de México.\n")


def txt(published: str = "2025-12-11", text: str = TEXT) -> str:
    return f"---\npublished: {published}\ntitle: Reunión en Washington\n---\n{text}"


HTML_LATIN1 = ('<html><head><meta charset="iso-8859-1"><title>Reunión</title></head>'
               f'<body><article><p>{TEXT.replace("“", "").replace("”", "").replace("—", "-")}</p></article></body></html>')

GOOD = {  # file name -> bytes: Spanish text saved as editors save it
    "utf8.txt": txt().encode("utf-8"),
    "utf8-bom.txt": codecs.BOM_UTF8 + txt().encode("utf-8"),
    "latin1.txt": txt(text=TEXT.replace("“", '"').replace("”", '"').replace("—", "-")).encode("latin-1"),
    "cp1252.txt": txt().encode("cp1252"),
    "utf16.txt": txt().encode("utf-16"),  # with its byte order mark
    "latin1.html": HTML_LATIN1.encode("latin-1"),
}
BAD = {  # file name -> (bytes, the reason given)
    "informe.pdf.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + random.Random(1).randbytes(3000), "not text (a PDF document)"),
    "ruido.txt": (random.Random(2).randbytes(4000), "not text ("),
    "febrero.txt": (txt("2025-02-30").encode(), "front matter published '2025-02-30' is not a date of the calendar"),
    "futuro.txt": (txt("9999-01-01").encode(), "front matter published '9999-01-01' is out of range (years 1900 to "),
    "cero.txt": (txt("0000-01-01").encode(), "front matter published '0000-01-01' is not a date of the calendar"),
    "uno.txt": (txt("0001-01-01").encode(), "front matter published '0001-01-01' is out of range"),
    "texto.txt": (txt("11 de diciembre").encode(), "front matter published '11 de diciembre' is not a date (YYYY-MM-DD)"),
}


@pytest.fixture
def folder(tmp_path):
    for name, body in {**GOOD, **{n: b for n, (b, _) in BAD.items()}}.items():
        (tmp_path / "notas" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "notas" / name).write_bytes(body)
    return tmp_path / "notas"


def read(folder) -> tuple[dict[str, object], dict[str, str]]:
    """The pages (by file name) and the refusals (file name -> message) of a files source."""
    pages, refused = {}, {}
    for item in file_pages(str(folder), "notas", folder.parent):
        if isinstance(item, FetchError):
            refused[os.path.basename(item.url)] = str(item)
        else:
            pages[item.url.rsplit("/", 1)[1]] = item
    return pages, refused


def test_spanish_files_read_right_in_any_encoding(folder):
    pages, _ = read(folder)
    assert sorted(pages) == sorted(GOOD)
    for name, page in pages.items():
        assert "Secretaría de Relaciones Exteriores" in page.html and "señaló" in page.html, name
        assert "\ufeff" not in page.html and "\ufffd" not in page.html, name
    assert pages["cp1252.txt"].html.startswith(TEXT) and pages["utf16.txt"].html.startswith(TEXT)
    assert pages["utf16.txt"].meta == {"published": "2025-12-11", "title": "Reunión en Washington"}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_refused_file_is_named_with_the_reason(folder, name):
    _, refused = read(folder)
    assert refused[name].startswith(f"{folder / name}: {BAD[name][1]}")


def test_the_fetcher_records_refused_files_and_yields_the_good_ones(folder, store):
    config = parse_config({"sources": [{"name": "notas", "kind": "files", "path": "notas"}]}, base_dir=folder.parent)
    fetcher = Fetcher(store, None, folder.parent)
    pages = list(fetcher.pages(config.sources))
    assert len(pages) == len(GOOD) and len(fetcher.failures) == len(BAD)
    assert {f.url for f in fetcher.failures} == {str(folder / name) for name in BAD}
    recorded = {r["url"]: r for r in store.db.query("SELECT url, status, error, source FROM urls")}
    for name in BAD:
        row = recorded[(folder / name).resolve().as_uri()]
        assert (row["status"], row["source"]) == ("failed", "notas") and BAD[name][1] in row["error"]
    assert "notas" not in fetcher.source_errors  # one bad file is that file's problem, not the source's


@pytest.mark.parametrize(("path", "message"), [
    ("ausente", "folder {root}/ausente does not exist (the path of source 'notas' in config.toml)"),
    ("ausente/*.txt", "folder {root}/ausente does not exist"),
    ("ausente/nota.txt", "folder {root}/ausente does not exist"),
    ("vacia", "no .html or .txt files found"),
    ("vacia/*.txt", "no .html or .txt files found"),
])
def test_a_missing_or_empty_folder_fails_its_source_saying_which(tmp_path, path, message):
    (tmp_path / "vacia").mkdir()
    (only,) = list(file_pages(path, "notas", tmp_path))
    assert isinstance(only, FetchError) and only.source == "notas"
    assert message.format(root=tmp_path) in str(only)


@pytest.mark.parametrize(("meta", "problem"), [
    ({}, None),
    ({"published": "2025-12-11"}, None),
    ({"date": "2025-12-11T10:00:00-06:00"}, None),
    ({"published": "2027-12-31"}, None),
    ({"published": "2028-01-01"}, "out of range"),
    ({"published": "1899-12-31"}, "out of range"),
    ({"published": "2025-13-01"}, "not a date of the calendar"),
    ({"published": "", "date": "2025-02-29"}, "front matter date '2025-02-29' is not a date of the calendar"),
    ({"published": "2024-02-29", "date": "x"}, None),  # clean reads `published` first, so does the check
])
def test_front_matter_dates(meta, problem):
    found = front_matter_date_problem(meta, today=date(2026, 6, 1))
    assert found == problem if problem is None else problem in found
