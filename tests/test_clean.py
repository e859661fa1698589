"""The clean stage on real-looking pages: body kept, furniture cut, title and date right."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from pipeline.clean import _is_furniture, clean, content_hash
from pipeline.clean.pagetree import bound, parse, settings, text_of, title
from pipeline.errors import CleanError
from pipeline.models import Page, Teaser

from .data.articles import corpus_texts

PAGES = Path(__file__).parent / "pages"

# fixture: (url, fetched_at, title, published, published_by)
ARTICLES = {
    "wordpress.html": (
        "https://diariodelgolfo.example/2025/09/27/decomisan-arsenal-en-reynosa/", "2025-10-06T15:00:00+00:00",
        "Decomisan arsenal en Reynosa tras operativo binacional", "2025-09-27", "metadata"),
    "legacy_table.html": (
        "http://www.heraldosierra.example/nota.asp?id=48213", "2025-12-13T15:00:00+00:00",
        "Refuerzan vigilancia en la sierra tras emboscada contra policías estatales", "2025-12-11", "visible"),
    "modern_outlet.html": (
        "https://www.metropoli.example/nacion/mexico-y-eu-alistan-tercera-reunion-de-seguridad-en-washington",
        "2026-01-23T15:00:00+00:00",
        "México y EU alistan tercera reunión de seguridad en Washington", "2026-01-21", "metadata"),
    "gobmx_comunicado.html": (
        "https://www.gob.mx/sre/prensa/mexico-y-estados-unidos-celebran-la-segunda-reunion", "2025-12-15T15:00:00+00:00",
        "México y Estados Unidos celebran la segunda reunión del Grupo de Implementación de Seguridad",
        "2025-12-11", "visible"),
    "regional_byline.html": (
        "https://lavozfrontera.example/nota/15012", "2025-09-30T16:00:00+00:00",
        "Instalan en McAllen grupo binacional contra el tráfico de armas", "2025-09-27", "visible"),
    "short_brief.html": (  # a two-paragraph brief on a site that advertises subscriptions: not a paywall
        "https://observador.example/nacional/cierran-autopista", "2025-11-25T15:00:00+00:00",
        "Cierran la autopista México-Puebla por bloqueo de transportistas", "2025-11-24", "metadata"),
}


def load(name: str, url: str = "https://example.test/nota", fetched_at: str = "2025-12-15T15:00:00+00:00",
         teaser: Teaser | None = None) -> Page:
    """A fixture as the fetch stage hands it over: bytes decoded (old pages are windows-1252)."""
    raw = (PAGES / name).read_bytes()
    try:
        html = raw.decode("utf-8")
    except UnicodeDecodeError:
        html = raw.decode("cp1252")
    return Page(url=url, source="test", html=html, fetched_at=fetched_at, teaser=teaser)


@pytest.fixture(scope="module")
def articles():
    return {name: clean(load(name, url, fetched)) for name, (url, fetched, *_) in ARTICLES.items()}


@pytest.mark.parametrize("name", ARTICLES)
def test_title(articles, name):
    assert articles[name].title == ARTICLES[name][2]


@pytest.mark.parametrize("head, body, expected", [
    (('<title>Detienen a alcalde en Veracruz - Diario del Golfo</title>'
      '<meta property="og:site_name" content="Diario del Golfo">'), "", "Detienen a alcalde en Veracruz"),
    ("<title>Nueva reunión bilateral México - Estados Unidos</title>",
     "<article><h1>Nueva reunión bilateral México - Estados Unidos</h1></article>",
     "Nueva reunión bilateral México - Estados Unidos"),
    ("<title>Diario del Golfo</title>",
     '<h1 class="logo"><a href="/">Diario del Golfo</a></h1><h2 class="titulo">Inauguran puente sobre el río Pánuco</h2>',
     "Inauguran puente sobre el río Pánuco"),
    ("<title>Noticias</title>", "<p>Sin encabezado alguno en esta página.</p>", None),
])
def test_headline(head, body, expected):
    assert title(parse(f"<html><head>{head}</head><body>{body}</body></html>")) == expected


def test_headline_from_a_title_with_thousands_of_separators():
    head = "<title>Decomisan arsenal en Reynosa" + " | Sección" * 3000 + "</title>"
    assert title(parse(f"<html><head>{head}</head><body></body></html>")) == "Decomisan arsenal en Reynosa"


@pytest.mark.parametrize("line, furniture", [
    ("Por Ana López", True),
    ("POR ANA LÓPEZ | Corresponsal", True),
    ("Publicado el 27/09/2025", True),
    ("Publicado: 27/09/2025 21:58", True),
    ("Por la noche llegaron los refuerzos a la comunidad.", False),
    # capitals with no end in sight: each split of the run used to be tried (minutes)
    ("POR " + "LA SEGURIDAD DE TODOS " * 12 + "!", False),
    ("Por " + "A." * 140 + "!", False),
    ("Publicado" + " " * 280 + "x", False),
])
def test_bylines_and_date_lines_are_furniture(line, furniture):
    assert _is_furniture(line, None) is furniture


@pytest.mark.parametrize("name", ARTICLES)
def test_publication_date_and_its_evidence(articles, name):
    article = articles[name]
    assert (article.published, article.published_by) == ARTICLES[name][3:]


@pytest.mark.parametrize("name, sentence", [
    ("wordpress.html", "las armas habrían ingresado al país por el puente internacional Pharr-Reynosa"),
    ("wordpress.html", "La FGR pidió a la población denunciar de forma anónima"),
    ("legacy_table.html", "Dos policías resultaron heridos y fueron trasladados en helicóptero"),
    ("legacy_table.html", "no descartó que el ataque esté relacionado con la disputa"),
    ("modern_outlet.html", "para definir la postura que el país llevará a la tercera reunión"),
    ("modern_outlet.html", "La SRE indicó que informará de los acuerdos alcanzados"),
    ("gobmx_comunicado.html", "encabezó este jueves, junto con el embajador de los Estados Unidos de América"),
    ("gobmx_comunicado.html", "La Cancillería reitera su compromiso de mantener un diálogo permanente"),
    ("regional_byline.html", "que ha permitido abrir más de 125 investigaciones por tráfico de armas"),
    ("regional_byline.html", "La cancillería mexicana subrayó que los acuerdos se alcanzaron"),
    ("short_brief.html", "Transportistas de carga bloquearon la mañana de este lunes"),
])
def test_article_body_is_kept(articles, name, sentence):
    assert sentence in articles[name].text


@pytest.mark.parametrize("name, low, high", [
    ("wordpress.html", 7, 8),
    ("legacy_table.html", 6, 8),
    ("modern_outlet.html", 7, 9),
    ("gobmx_comunicado.html", 6, 9),
    ("regional_byline.html", 6, 9),
    ("short_brief.html", 2, 2),
])
def test_paragraph_count_is_sensible(articles, name, low, high):
    paragraphs = articles[name].text.split("\n\n")
    assert low <= len(paragraphs) <= high
    assert all(p.strip() == p and p for p in paragraphs)


@pytest.mark.parametrize("name, furniture", [
    ("wordpress.html", "Te puede interesar"),
    ("wordpress.html", "Lo más leído"),
    ("wordpress.html", "Fuerte choque en la carretera a Monterrey"),
    ("wordpress.html", "Vinculan a proceso a presunto traficante"),
    ("wordpress.html", "Recibe las noticias más importantes"),
    ("wordpress.html", "Utilizamos cookies"),
    ("wordpress.html", "Deja un comentario"),
    ("wordpress.html", "Todos los derechos reservados"),
    ("wordpress.html", "Compartir"),
    ("legacy_table.html", "OTRAS NOTAS"),
    ("legacy_table.html", "Entregan apoyos invernales"),
    ("legacy_table.html", "Detienen a tres por robo de ganado"),
    ("legacy_table.html", "ENCUESTA"),
    ("legacy_table.html", "Copyright"),
    ("legacy_table.html", "Imprimir nota"),
    ("modern_outlet.html", "Así fue el traslado de 37 reos"),
    ("modern_outlet.html", "Suscríbete gratis"),
    ("modern_outlet.html", "Utilizamos cookies propias"),
    ("modern_outlet.html", "Cierres viales hoy en CDMX"),
    ("modern_outlet.html", "Instalan en McAllen el grupo bilateral"),
    ("modern_outlet.html", "Copiar enlace"),
    ("modern_outlet.html", "Publicidad"),
    ("gobmx_comunicado.html", "Cancillería recibe a delegación de Canadá"),
    ("gobmx_comunicado.html", "Denuncia contra servidores públicos"),
    ("gobmx_comunicado.html", "¿Es útil la información de esta página?"),
    ("gobmx_comunicado.html", "oo0oo"),
    ("regional_byline.html", "Lee también"),
    ("regional_byline.html", "Síguenos en Google News"),
    ("regional_byline.html", "Reabren el puente internacional"),
    ("regional_byline.html", "Actualizado: 28/09/2025"),
    ("regional_byline.html", "Hoy es martes"),
    ("short_brief.html", "Hazte suscriptor"),
    ("short_brief.html", "huachicol fiscal"),
])
def test_page_furniture_is_cut(articles, name, furniture):
    assert furniture.casefold() not in articles[name].text.casefold()


@pytest.mark.parametrize("name, reason", [
    ("cookie_wall.html", "cookie wall"),
    ("access_denied.html", "blocked or error page"),
    ("challenge.html", "blocked or error page"),
    ("not_found.html", "blocked or error page"),
    ("paywall.html", "paywall stub"),
])
def test_pages_that_are_not_articles_raise_clean_error(name, reason):
    with pytest.raises(CleanError, match=reason) as raised:
        clean(load(name))
    assert "\n" not in str(raised.value)


def test_an_article_about_cookies_is_not_a_cookie_wall():
    paragraphs = "".join(f"<p>El artículo {n} de la ley obliga a los sitios a pedir consentimiento antes de instalar "
                         f"cookies y a explicar qué socios reciben datos; el usuario podrá rechazar o aceptar.</p>"
                         for n in range(1, 13))
    html = f"<html><body><article><h1>Aprueban ley de privacidad digital en el Senado</h1>{paragraphs}</article></body></html>"
    article = clean(Page(url="https://example.test/ley", source="test", html=html, fetched_at="2025-12-15T15:00:00+00:00"))
    assert "consentimiento antes de instalar cookies" in article.text


def test_empty_extraction_raises_clean_error():
    page = Page(url="https://example.test/vacia", source="test", fetched_at="2025-12-15T15:00:00+00:00",
                html="<html><body><nav><a href='/'>Inicio</a></nav><p>Breve.</p></body></html>")
    with pytest.raises(CleanError, match="no article text"):
        clean(page)


def test_error_status_raises_clean_error():
    page = load("wordpress.html")
    page.status = 403
    with pytest.raises(CleanError, match="HTTP 403"):
        clean(page)


def test_teaser_date_when_the_page_states_none():
    html = "<html><body><article><h1>Una nota sin fecha en ninguna parte</h1>" + "<p>Texto de la nota.</p>" * 40
    page = Page(url="https://example.test/n", source="test", html=html + "</article></body></html>",
                fetched_at="2025-12-15T15:00:00+00:00", teaser=Teaser(published="2025-12-14T08:00:00-06:00"))
    article = clean(page)
    assert (article.published, article.published_by) == ("2025-12-14", "teaser")


def test_plain_text_front_matter_date():
    page = Page(url="file:///a.txt", source="files", html="Texto de la nota. " * 20, fetched_at="2025-12-15T00:00:00+00:00",
                content_type="text/plain", meta={"published": "2025-12-11", "title": "Una nota"})
    article = clean(page)
    assert (article.title, article.published, article.published_by) == ("Una nota", "2025-12-11", "front-matter")


def test_plain_text_date_word_then_a_long_run_of_spaces():
    page = Page(url="file:///a.txt", source="files", html="date" + " " * 100_000 + "El subsecretario habló. " * 20,
                fetched_at="2025-12-15T00:00:00+00:00", content_type="text/plain")
    assert clean(page).text.startswith("date El subsecretario")


def test_plain_text_leading_date_line():
    page = Page(url="file:///a.txt", source="files", html=" date 2025-12-11 " + "El subsecretario habló. " * 20,
                fetched_at="2025-12-15T00:00:00+00:00", content_type="text/plain")
    article = clean(page)
    assert article.published == "2025-12-11" and article.text.startswith("El subsecretario")


def test_cleaning_the_same_page_twice_gives_the_same_article():
    first, second = clean(load("wordpress.html")), clean(load("wordpress.html"))
    assert first.text == second.text and first.content_hash == second.content_hash == content_hash(first.text)


# ── pages that are not text, and characters that must not be stored ─────────

def page_of(html: str, content_type: str = "text/html", **fields) -> Page:
    return Page(url="https://example.test/nota", source="test", html=html, content_type=content_type,
                fetched_at="2025-12-15T15:00:00+00:00", **fields)


def as_windows_1252(raw: bytes) -> str:
    """Bytes as a browser reads windows-1252: the five bytes it has no character for become C1 codes."""
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in raw)


def article_html(headline: str, paragraph: str, count: int = 6) -> str:
    """A page with `count` numbered (so distinct) copies of `paragraph` under the headline."""
    body = "".join(f"<p>{paragraph} Van {n} acuerdos.</p>" for n in range(count))
    return f"<html><body><article><h1>{headline}</h1>{body}</article></body></html>"


NOISE = random.Random(7).randbytes(20_000)
ARTICLE_HTML = article_html("Reunión bilateral sobre seguridad en la frontera",
                            "La Secretaría de Relaciones Exteriores informó de los acuerdos alcanzados con Estados Unidos.")


@pytest.mark.parametrize("body, reason", [  # reason: a regular expression
    ("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\nBT (Texto del informe) Tj ET\n" * 40,
     r"a PDF document"),
    (" \n%PDF-1.4\n" + NOISE.decode("cp1252", "replace"), r"a PDF document"),
    ((b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + NOISE).decode("cp1252", "replace"), r"a JPEG image"),
    ((b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + NOISE).decode("utf-8", "replace"), r"a JPEG image"),
    (b"\x89PNG\r\n\x1a\n".decode("latin-1") + NOISE.decode("latin-1"), r"a PNG image"),
    (NOISE.decode("latin-1"), r"2\d% control or undecodable characters"),
    (NOISE.decode("utf-8", "replace"), r"[5-9]\d% control or undecodable characters"),
    ("\x00" * 50_000 + ARTICLE_HTML, r"9\d% control or undecodable characters"),
    (ARTICLE_HTML.encode("utf-16-le").decode("cp1252"), r"50% control or undecodable characters"),
    (ARTICLE_HTML.encode("utf-8").decode("utf-16-le", "replace"), r"only \d+% Latin-script characters: binary, or"),
])
@pytest.mark.parametrize("content_type", ["text/html", "text/plain"])
def test_pages_that_are_not_text_are_refused_with_the_reason(body, reason, content_type):
    with pytest.raises(CleanError, match=rf"^https://example\.test/nota: not text \({reason}") as raised:
        clean(page_of(body, content_type))
    assert "\n" not in str(raised.value)


def test_stray_control_characters_are_dropped_from_text_and_title():
    html = article_html("Reunión\x00 bilateral en la\x07 Cancillería mexicana",
                        "La Secre\x00taría informó\x1b que\x0bhubo acuerdos \x85 sobre la seguridad de la frontera.")
    article = clean(page_of(html))
    assert article.title == "Reunión bilateral en la Cancillería mexicana"
    assert "La Secretaría informó que hubo acuerdos … sobre" in article.text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", article.title + article.text)


WRITTEN = "Reunión en la Secretaría de Relaciones Exteriores: “acuerdos” para el Año Nuevo, ¿y después?"


@pytest.mark.parametrize("mangled", [
    as_windows_1252(WRITTEN.encode()),  # UTF-8 read as windows-1252
    as_windows_1252(as_windows_1252(WRITTEN.encode()).encode()),  # ...twice
    WRITTEN.encode().decode("latin-1"),  # UTF-8 read as latin-1: quotes become C1 codes
    "".join(f"&#{ord(c)};" if ord(c) > 127 else c for c in as_windows_1252(WRITTEN.encode())),  # in entities
    as_windows_1252(WRITTEN.encode()).replace("Ã\xad", "&Atilde;&shy;"),  # named entities, a soft hyphen
])
def test_mojibake_is_repaired_in_title_and_text(mangled):
    article = clean(page_of(article_html(mangled, f"{mangled} La canciller dio los detalles del encuentro.")))
    assert article.title == WRITTEN
    assert WRITTEN + " La canciller" in article.text
    assert not re.search("[ÃÂâ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]", article.text)


def test_mojibake_in_a_feed_title_and_a_text_file_is_repaired():
    mangled = as_windows_1252(WRITTEN.encode())
    page = page_of(f"{mangled}\n\n" + "El subsecretario habló de la reunión. " * 10, "text/plain",
                   teaser=Teaser(title=mangled))
    article = clean(page)
    assert article.title == WRITTEN and article.text.startswith(WRITTEN)


@pytest.mark.parametrize("written", [
    "«Está» dijo el canciller, «ésta» es la postura de México",
    "SÃO PAULO — la cumbre reunió a ministros de Brasil y México",
    "El 1º de año, ¿qué pasó? ¡Sí! Ñandú, Ámbar, Íñigo, Óscar y Úrsula",
])
def test_real_text_is_left_as_written(written):
    article = clean(page_of(article_html(written, f"{written}.")))
    assert article.title == written and article.text.startswith(written + ". Van 0 acuerdos.")


# ── huge, degenerate and deeply nested pages ─────────────────────────────────

VOCABULARY = sorted(set(re.findall(r"[a-záéíóúñ]{3,}", " ".join(body for _, body in corpus_texts()).lower())))


def prose(count: int, seed: int = 3) -> list[str]:
    """`count` different paragraphs of corpus words in random order: text that compresses like prose."""
    rnd = random.Random(seed)
    return [" ".join(rnd.choices(VOCABULARY, k=rnd.randint(60, 90))).capitalize() + "." for _ in range(count)]


def page_with(paragraphs: list[str], headline: str = "Una nota muy larga sobre la reunión de seguridad") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><body><article><h1>{headline}</h1>{body}</article></body></html>"


@pytest.mark.parametrize("content_type", ["text/html", "text/plain"])
def test_a_huge_article_is_cut_at_the_end_of_a_paragraph(content_type):
    paragraphs = prose(1_000)  # about 500,000 characters
    body = page_with(paragraphs) if content_type == "text/html" else "\n\n".join(paragraphs)
    text = clean(page_of(body, content_type)).text
    limit = settings()["limits"]["max_text_chars"]
    assert limit * 0.95 < len(text) <= limit
    assert text == "\n\n".join(paragraphs[:text.count("\n\n") + 1])


def test_a_page_is_read_up_to_max_html_chars(monkeypatch):
    paragraphs = prose(12)
    html = page_with(paragraphs)
    monkeypatch.setitem(settings()["limits"], "max_html_chars", html.index(paragraphs[8]))
    text = clean(page_of(html)).text
    assert paragraphs[7] in text and paragraphs[8][:40] not in text


def test_bound_keeps_the_first_elements_in_reading_order(monkeypatch):
    monkeypatch.setitem(settings()["limits"], "max_elements", 6)
    tree = parse("<html><body><div><p>uno</p><p>dos</p>entre</div><p>tres</p>fin<p>cuatro</p></body></html>")
    shape = bound(tree)
    assert (shape.elements, shape.dropped) == (6, True)
    assert [el.tag for el in tree.iter()] == ["html", "body", "div", "p", "p", "p"]
    assert text_of(tree) == "uno dos entre tres fin"  # the text before the first element dropped stays


@pytest.mark.parametrize("body, reason", [  # reason: a regular expression
    ("<p>a</p>" * 5_000, r"^https://example\.test/nota: repetitive text \(5,000 paragraphs, 1 different; "
                         r"it compresses \d+ to 1\), not an article$"),
    ("<p>Última hora</p>" * 200_000, r"repetitive text \([\d,]+ paragraphs, 1 different"),
    ("<div><span>Publicidad</span> <span>Nota</span></div>" * 50_000, r"repetitive text \([\d,]+ paragraph"),
    ("<p>" + "Texto largo sin fin. " * 50_000 + "</p>", r"repetitive text \(1 paragraph, 1 different"),
    ("<p>" + "-" * 100_000 + "</p>", r"not prose \(0% letters\)"),
    ("".join(f"<p>{n} | {n * 7 % 100}.{n % 10} | {n * 13 % 1000:,} | 0.{n % 97}</p>" for n in range(400)),
     r"not prose \(0% letters\)"),
])
def test_degenerate_pages_are_refused_with_the_reason(body, reason):
    with pytest.raises(CleanError, match=reason):
        clean(page_of(f"<html><body><article><h1>Titular de una página rara</h1>{body}</article></body></html>"))


@pytest.mark.parametrize("depth, tag", [(300, "div"), (50_000, "div"), (5_000, "b"), (50_000, "section")])
def test_a_page_nested_deeper_than_the_parser_reads_says_so(depth, tag):
    html = f"<html><body>{f'<{tag}>' * depth}{page_with(prose(6))}{f'</{tag}>' * depth}</body></html>"
    with pytest.raises(CleanError, match=r"no article text found \(0 characters\): elements nested 25\d deep, "
                                         r"past which nothing is read$"):
        clean(page_of(html))


@pytest.mark.parametrize("tag", ["div", "span", "b"])
def test_a_page_nested_200_deep_is_cleaned(tag):
    paragraphs = prose(6)
    html = f"<html><body>{f'<{tag}>' * 200}{page_with(paragraphs)}{f'</{tag}>' * 200}</body></html>"
    assert clean(page_of(html)).text == "\n\n".join(paragraphs)


def test_a_brief_under_its_headline_is_kept():
    html = ("<html><body><article><h1>Instagram estrena videos en historias</h1>"
            "<p>Los usuarios podrán grabar videos de hasta 15 segundos y subirlos a sus historias.</p>"
            "</article></body></html>")
    article = clean(Page(url="https://example.test/breve", source="test", html=html,
                         fetched_at="2025-12-15T15:00:00+00:00"))
    assert article.text.startswith("Los usuarios podrán grabar videos")


def test_an_article_body_is_never_cut_for_its_wrappers_class():
    body = "".join(f"<p>El gobierno estatal anunció la obra número {n} del programa de caminos rurales, con fondos "
                   f"federales y estatales, que beneficiará a miles de familias de la región.</p>" for n in range(8))
    related = "".join(f"<li><a href='/n{n}'>Otra nota relacionada número {n} con un titular largo</a></li>"
                      for n in range(40))
    html = (f"<html><body><main class='layout has-sidebar'><h1>Anuncian caminos rurales</h1>"
            f"<div class='entry-content with-share-buttons'>{body}</div></main>"
            f"<div class='sidebar'><h3>Lo más leído</h3><ul>{related}</ul></div>"
            f"<footer>{'Aviso legal y política de privacidad del sitio. ' * 40}</footer></body></html>")
    article = clean(Page(url="https://example.test/caminos", source="test", html=html,
                         fetched_at="2025-12-15T15:00:00+00:00"))
    assert "obra número 7" in article.text and "Otra nota relacionada" not in article.text
    assert "Aviso legal" not in article.text


def test_in_text_teasers_of_other_stories_are_dropped():
    body = "".join(f"<p>El cabildo aprobó el presupuesto de obras para el año próximo, con {n} proyectos de "
                   f"drenaje y alumbrado en las colonias del oriente de la ciudad.</p>" for n in range(6))
    teasers = ("<p>Lea más: Detienen a tres por el robo de cable en el centro</p>"
               "<p>MIRA: Así quedó el puente tras las lluvias</p><p>Contenido Relacionado</p>")
    html = f"<html><body><article><h1>Aprueban presupuesto</h1>{body}{teasers}</article></body></html>"
    article = clean(Page(url="https://example.test/presupuesto", source="test", html=html,
                         fetched_at="2025-12-15T15:00:00+00:00"))
    assert "drenaje y alumbrado" in article.text
    assert "Detienen a tres" not in article.text and "Así quedó el puente" not in article.text
    assert "Contenido Relacionado" not in article.text
