"""A synthetic but realistic news site on 127.0.0.1.

    with NewsSite(5500) as site:
        site.url("/sitemap-0-1000.xml")      # a news sitemap listing articles 0..999

The news, as a monitor following a few outlets for months sees it: 50 articles a day, the
last one today; 15 things happen every day (meetings, visits, seizures, announcements,
agreements, calls, transfers) among 400 people, 45 places and 12 agencies. Each article
reports one to three things of its last ten days (big news more often) in its own words,
with context sentences around them, and one article in six follows the story of the
embedded corpus (its sentences, and those of ../shared/devset when it is there). 4 to 14
paragraphs, 1–6 kB of text, rendered at request time in one of four page templates (a
national daily, a government press room, a WordPress blog, an old table layout) with menus,
sidebars, related links, scripts and comments: about 40–50 kB of HTML a page.
`/sitemap-A-B.xml` lists articles A..B-1 (lastmod: the day published), with an ETag so that
a second run gets 304. Served by a threaded HTTP/1.1 server.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset" / "articles.jsonl"
SECTIONS = ["nacional", "politica", "seguridad", "mundo", "estados", "economia"]
MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
PLACES = ["Sonora", "Chihuahua", "Tamaulipas", "Baja California", "Nuevo León", "Coahuila", "Sinaloa",
          "Michoacán", "Guerrero", "Jalisco", "Veracruz", "Oaxaca", "Ciudad Juárez", "Tijuana", "Reynosa",
          "Monterrey", "Guadalajara", "Culiacán", "Hermosillo", "Mexicali", "Nogales", "Matamoros", "Nuevo Laredo",
          "Piedras Negras", "Saltillo", "Torreón", "Durango", "Zacatecas", "Morelia", "Uruapan", "Acapulco",
          "Chilpancingo", "Puebla", "Tlaxcala", "Cuernavaca", "Toluca", "Querétaro", "León", "Aguascalientes",
          "San Luis Potosí", "Mérida", "Cancún", "Villahermosa", "Tuxtla Gutiérrez", "Tapachula"]
OFFICIALS = ["Omar García Harfuch", "Rosa Icela Rodríguez", "Ernestina Godoy", "Marcelo Ebrard",
             "Juan Ramón de la Fuente", "Alicia Bárcena", "Raymundo Pedro Morales", "Ariadna Montiel"]  # in page furniture


@lru_cache(maxsize=1)
def sentence_pool() -> tuple[str, ...]:
    """Sentences of the corpus and the devset, long enough to carry something."""
    texts = [re.sub(r"\A---.*?\n---\n", "", p.read_text(encoding="utf-8"), flags=re.S)
             for p in sorted((ROOT / "corpus").glob("*.txt"))]
    if DEVSET.exists():
        texts += [json.loads(line)["text"] for line in DEVSET.read_text(encoding="utf-8").splitlines() if line]
    sentences = {s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ“])", t.replace("\n", " "))}
    return tuple(sorted(s for s in sentences if 60 <= len(s) <= 400))


@dataclass(frozen=True)
class Happening:
    """Something that happened, reported by some articles: what events are merged from."""

    type: str
    people: tuple[str, str]
    place: str
    org: str
    day: date
    count: int
    big: bool  # big news: reported by many


@lru_cache(maxsize=4)
def world(first: date, last: date) -> tuple[tuple[str, ...], tuple[Happening, ...]]:
    """The people, and what happened each day from `first` to `last` (by day), the same every time."""
    rnd = random.Random(2026)
    people = tuple(sorted({f"{rnd.choice(FIRST)} {rnd.choice(LAST)} {rnd.choice(LAST)}" for _ in range(400)}))
    days = (last - first).days + 1
    happenings = sorted(
        (Happening(rnd.choice(list(EVENT_SENTENCES)), (rnd.choice(people), rnd.choice(people)), rnd.choice(PLACES),
                   rnd.choice(ORGS), first + timedelta(days=rnd.randrange(days)), rnd.randint(2, 400),
                   rnd.random() < 1 / 15)
         for _ in range(days * HAPPENINGS_PER_DAY)),
        key=lambda h: h.day)
    return people, tuple(happenings)


@dataclass(frozen=True)
class Story:
    number: int
    section: str
    title: str
    published: date
    paragraphs: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"/{self.section}/{self.published:%Y/%m/%d}/nota-{self.number:05d}.html"

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def story(number: int, first_day: date, last_day: date) -> Story:
    """Article `number` (published ARTICLES_PER_DAY a day from `first_day` on): the same every time.

    It reports one to three things that happened in the RECENT_DAYS before it was published
    (big news more often), explains around them, and one article in six follows the corpus's
    story (its sentences, from the corpus and the devset).
    """
    rnd = random.Random(number)
    published = first_day + timedelta(days=number // ARTICLES_PER_DAY)
    people, happenings = world(first_day - timedelta(days=RECENT_DAYS), last_day)
    reported = [_recent(rnd, happenings, published) for _ in range(rnd.randint(1, 3))]
    followed = rnd.random() < 1 / 6
    paragraphs = []
    for p in range(rnd.randint(4, 14)):
        sentences = [_filler(rnd, people, number, p) for _ in range(rnd.randint(1, 3))]
        if p < len(reported):
            sentences.insert(0, _report(rnd, reported[p]))
        if followed and rnd.random() < 0.6:
            sentences.append(rnd.choice(sentence_pool()))
        paragraphs.append(" ".join(sentences))
    h = reported[0]
    title = f"{h.people[0]} y {h.org}: lo ocurrido en {h.place} ({number})"
    return Story(number, SECTIONS[number % len(SECTIONS)], title, published, tuple(paragraphs))


def _recent(rnd: random.Random, happenings: tuple[Happening, ...], published: date) -> Happening:
    days = [h.day for h in happenings]
    recent = happenings[bisect_left(days, published - timedelta(days=RECENT_DAYS)):bisect_right(days, published)]
    big = [h for h in recent if h.big]
    return rnd.choice(big if big and rnd.random() < 0.4 else recent)


def _when(day: date) -> str:
    return f"{day.day} de {MONTHS[day.month - 1]}"


def _report(rnd: random.Random, h: Happening) -> str:
    """One of the ways of telling a happening."""
    return rnd.choice(EVENT_SENTENCES[h.type]).format(a=h.people[0], b=h.people[1], place=h.place, org=h.org,
                                                      when=_when(h.day), n=h.count)


def _filler(rnd: random.Random, people: tuple[str, ...], number: int, p: int) -> str:
    """Context around the news: names, places, figures, seldom the same twice."""
    return rnd.choice(FILLERS).format(a=rnd.choice(people), place=rnd.choice(PLACES), org=rnd.choice(ORGS),
                                      n=rnd.randint(2, 9000), year=rnd.randint(2015, 2026), ref=f"{number}-{p}")


ARTICLES_PER_DAY = 50  # a few outlets followed for months
HAPPENINGS_PER_DAY = 15
RECENT_DAYS = 10
FIRST = ["María", "José", "Juan", "Guadalupe", "Francisco", "Ana", "Luis", "Rosa", "Carlos", "Patricia", "Jorge",
         "Verónica", "Miguel", "Alejandra", "Ricardo", "Leticia", "Fernando", "Claudia", "Arturo", "Gabriela"]
LAST = ["Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez", "Cruz",
        "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres", "Díaz", "Gutiérrez", "Ruiz"]
ORGS = ["la Secretaría de Seguridad y Protección Ciudadana", "la Fiscalía General de la República",
        "la Secretaría de la Defensa Nacional", "la Secretaría de Marina", "la Guardia Nacional",
        "la Secretaría de Relaciones Exteriores", "el Instituto Nacional de Migración", "la Unidad de Inteligencia Financiera",
        "el Gabinete de Seguridad", "la Agencia Nacional de Aduanas", "la Comisión Nacional de Búsqueda",
        "el Consejo Nacional de Seguridad Pública"]
EVENT_SENTENCES = {
    "meeting": ["{a} y {b} se reunieron el {when} en {place} con representantes de {org}.",
                "El {when}, {a} encabezó en {place} una reunión de trabajo con {b}."],
    "visit": ["{a} visitó {place} el {when}, acompañado por funcionarios de {org}.",
              "Durante su visita a {place} el {when}, {a} recorrió las instalaciones de {org}."],
    "seizure": ["Elementos de {org} aseguraron {n} armas de fuego en {place} el {when}.",
                "El {when} se decomisaron {n} kilos de metanfetamina en {place}, informó {org}."],
    "announcement": ["{a} anunció el {when} en {place} un nuevo plan de {org}.",
                     "El {when}, {org} anunció en {place} la llegada de {n} elementos."],
    "agreement": ["{org} y el gobierno de {place} firmaron un convenio de colaboración el {when}.",
                  "El {when}, {a} y {b} firmaron en {place} un acuerdo de coordinación."],
    "call": ["{a} sostuvo una llamada telefónica con {b} el {when}.",
             "El {when}, {a} conversó por teléfono con {b} sobre la situación en {place}."],
    "transfer": ["El {when}, {org} trasladó a {n} detenidos desde {place} a penales federales.",
                 "{org} informó que el {when} fueron enviados {n} reos de {place} a otras entidades."],
}
FILLERS = [
    "{a}, titular de {org}, explicó que las acciones continuarán en los próximos meses.",
    "De acuerdo con cifras de {org}, {place} registró {n} carpetas de investigación en {year}.",
    "En {place}, vecinos señalaron que la situación ha cambiado desde {year}.",
    "El documento {ref} detalla que se destinaron {n} millones de pesos a la estrategia.",
    "{a} recordó que en {year} se presentaron {n} denuncias ante {org}.",
    "Especialistas consultados consideraron que los resultados dependerán de la coordinación con {org}.",
    "La información fue difundida por {org} a través de un comunicado.",
    "Hasta el momento, {org} no ha dado a conocer más detalles sobre el caso {ref}.",
]


# ------------------------------------------------------------------ pages
def links(rnd: random.Random, n: int, prefix: str = "/") -> str:
    return "".join(f'<li><a href="{prefix}{rnd.choice(SECTIONS)}/{rnd.randint(1, 99999)}">'
                   f'{rnd.choice(OFFICIALS)} y {rnd.choice(PLACES)}: {rnd.randint(1, 999)} claves</a></li>'
                   for _ in range(n))


def render(s: Story) -> str:
    """The page of a story in one of four templates."""
    rnd = random.Random(-s.number)
    body = [daily, press_room, blog, legacy][s.number % 4](s, rnd)
    script = "<script>window.dataLayer=window.dataLayer||[];" + "function t(a){return a&&t(a-1)}" * 400 + "</script>"
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": s.title,
                     "datePublished": f"{s.published}T09:30:00-06:00"}, ensure_ascii=False)
    return (f'<!doctype html><html lang="es-MX"><head><meta charset="utf-8"><title>{escape(s.title)}</title>'
            f'<meta property="article:published_time" content="{s.published}T09:30:00-06:00">'
            f'<script type="application/ld+json">{ld}</script><style>{"body{margin:0}.nav a{color:#000}" * 250}</style>'
            f"{script}</head><body>{body}{script}</body></html>")


def _paragraphs(s: Story, rnd: random.Random, every: int = 0) -> str:
    out = []
    for i, p in enumerate(s.paragraphs):
        out.append(f"<p>{escape(p)}</p>")
        if every and i % every == every - 1:
            out.append(f'<div class="lee-tambien"><strong>Lee también:</strong> <a href="/x/{rnd.randint(1, 9999)}">'
                       f"{rnd.choice(OFFICIALS)} en {rnd.choice(PLACES)}</a></div>")
    return "".join(out)


def daily(s: Story, rnd: random.Random) -> str:
    return (f'<header><nav class="nav"><ul>{links(rnd, 60)}</ul></nav></header><main><article>'
            f'<ol class="breadcrumb"><li>Inicio</li><li>{s.section}</li></ol><h1>{escape(s.title)}</h1>'
            f'<p class="byline">Por Redacción · <time datetime="{s.published}">{s.published:%d/%m/%Y}</time></p>'
            f'<div class="share">Compartir en Facebook · X · WhatsApp</div>{_paragraphs(s, rnd, every=3)}</article>'
            f'<section class="related"><h2>Notas relacionadas</h2><ul>{links(rnd, 8)}</ul></section></main>'
            f'<aside><h3>Lo más leído</h3><ol>{links(rnd, 10)}</ol></aside>'
            f'<footer><ul>{links(rnd, 40)}</ul><p>© 2025 El Diario. Todos los derechos reservados.</p></footer>')


def press_room(s: Story, rnd: random.Random) -> str:
    return (f'<div class="gobmx-header"><ul>{links(rnd, 25, "/gobierno/")}</ul></div><main class="container">'
            f'<h1>{escape(s.title)}</h1><p>Comunicado No. {s.number % 700} · {s.published.day} de '
            f'{MONTHS[s.published.month - 1]} de {s.published.year}</p><div class="article-body">'
            f'{_paragraphs(s, rnd)}<p>---0---</p></div></main><footer class="gobmx-footer">'
            f'<ul>{links(rnd, 30, "/gobierno/")}</ul><p>Gobierno de México</p></footer>')


def blog(s: Story, rnd: random.Random) -> str:
    comments = "".join(f'<li class="comment"><p>Comentario {i}: {rnd.choice(sentence_pool())}</p></li>'
                       for i in range(rnd.randint(0, 6)))
    return (f'<div id="page"><header class="site-header"><ul class="menu">{links(rnd, 30)}</ul></header>'
            f'<div class="content-area"><article class="post"><h1 class="entry-title">{escape(s.title)}</h1>'
            f'<div class="entry-meta">Publicado el {s.published.isoformat()}</div><div class="entry-content">'
            f'{_paragraphs(s, rnd, every=4)}</div></article><div id="comments"><h2>Comentarios</h2><ol>{comments}'
            f'</ol></div></div><div id="secondary" class="widget-area"><ul>{links(rnd, 20)}</ul></div>'
            f'<footer class="site-footer">{links(rnd, 15)}</footer></div>')


def legacy(s: Story, rnd: random.Random) -> str:
    return (f'<table width="100%"><tr><td class="menu"><ul>{links(rnd, 35)}</ul></td><td class="main">'
            f'<h1>{escape(s.title)}</h1><span class="fecha">{s.published:%d.%m.%Y}</span>'
            f'{_paragraphs(s, rnd)}</td><td class="side"><ul>{links(rnd, 15)}</ul></td></tr></table>'
            f'<div class="pie">{links(rnd, 20)}</div>')


def sitemap(stories: list[Story], base: str) -> str:
    entries = "".join(f"<url><loc>{base}{s.path}</loc><lastmod>{s.published}</lastmod>"
                      f"<news:news><news:title>{escape(s.title)}</news:title>"
                      f"<news:publication_date>{s.published}</news:publication_date></news:news></url>"
                      for s in stories)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}</urlset>')


# ------------------------------------------------------------------ server
class NewsSite:
    """`count` articles served on 127.0.0.1 from a thread; pages are rendered on request."""

    def __init__(self, count: int, today: date | None = None):
        last_day = today or date.today()
        first_day = last_day - timedelta(days=(count - 1) // ARTICLES_PER_DAY)
        self.stories = [story(i, first_day, last_day) for i in range(count)]
        self.by_path = {s.path: s for s in self.stories}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.requests = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def sitemap_url(self, start: int, stop: int) -> str:
        return self.url(f"/sitemap-{start}-{stop}.xml")

    def __enter__(self) -> NewsSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def respond(self, path: str) -> tuple[int, str, bytes]:
        """(status, content type, body) for a path."""
        self.requests += 1
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nAllow: /\n"
        if m := re.fullmatch(r"/sitemap-(\d+)-(\d+)\.xml", path):
            chosen = self.stories[int(m.group(1)):int(m.group(2))]
            return 200, "application/xml", sitemap(chosen, self.base).encode()
        if s := self.by_path.get(path):
            return 200, "text/html; charset=utf-8", render(s).encode()
        return 404, "text/html", b"<html><body><h1>No encontrada</h1></body></html>"


def _handler(site: NewsSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            status, content_type, body = site.respond(self.path.split("?")[0])
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                status, body = 304, b""
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler
