"""An HTML page as a tree: parsing, the headline, and the repairs and cuts before extraction.

    html ──parse──▶ tree ──bound──▶ at most max_elements elements, max_depth levels
                         ──characters──▶ mojibake repaired in text nodes (entities included)
                         ──title──▶ headline
                         ──repair──▶ old table layouts and <br><br> text made into blocks
                         ──prune──▶ sidebars, recirculation, banners, share bars cut

Word lists and stems live in `data/clean.toml`; trafilatura does the rest.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import lxml.html
from lxml import etree

from .characters import MOJIBAKE_HINT, repair_mojibake

DATA = Path(__file__).resolve().parent.parent / "data" / "clean.toml"
LAYOUT_MIN_CHARS = 400  # a table cell with this much prose makes its table a layout table
SIDE_CELL_SHARE = 1 / 3  # beside the main cell, cells with less than this share of its prose are cut


@cache
def settings() -> dict:
    """data/clean.toml, read once."""
    return tomllib.loads(DATA.read_text("utf-8"))


def parse(html: str) -> lxml.html.HtmlElement | None:
    """The document tree, or None when there is no HTML to speak of."""
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)  # lxml refuses str input with an encoding declaration
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    for bad in tree.xpath("//script[not(@type='application/ld+json')]|//style|//comment()"):
        if bad.getparent() is not None:
            bad.drop_tree()  # keeps the text after it
    return tree


@dataclass(frozen=True)
class Shape:
    """How much of a page's tree was kept by `bound`."""

    elements: int  # elements kept
    dropped: bool  # elements past `max_elements` were dropped
    depth: int  # the deepest nesting kept
    too_deep: bool  # the page nests as deep as `max_depth` (the parser stops reading there too)


def bound(tree) -> Shape:
    """Cut the tree to [limits] max_elements elements in reading order and max_depth levels.

    What follows (pruning, trafilatura, dates) costs time per element, some of it per
    element and level: with these caps a page of a million paragraphs costs what one of
    25,000 does. The walk itself stops at the cap.
    """
    limits = settings()["limits"]
    depth = deepest = count = 0
    too_deep = []
    walk = etree.iterwalk(tree, events=("start", "end"))
    for event, el in walk:
        depth += 1 if event == "start" else -1
        if event == "end":
            continue
        count, deepest = count + 1, max(deepest, depth)
        if count > limits["max_elements"]:
            _drop_from(el)
            break
        if depth > limits["max_depth"]:
            too_deep.append(el)
            walk.skip_subtree()
    for el in too_deep:
        el.drop_tree()
    return Shape(
        min(count, limits["max_elements"]), count > limits["max_elements"], deepest, deepest >= limits["max_depth"]
    )


def _drop_from(el) -> None:
    """Remove `el` and everything after it in reading order: its following siblings, and
    those of each of its ancestors, with the text between them."""
    parent = el.getparent()
    del parent[parent.index(el) :]
    node = parent
    while (parent := node.getparent()) is not None:
        node.tail = None
        del parent[parent.index(node) + 1 :]
        node = parent


def repair_characters(tree) -> None:
    """Mojibake undone in every text node: after the parser has decoded entities
    (`&Atilde;&shy;`), before trafilatura drops the soft hyphen that "Ã\xad" (í) hides."""
    for el in tree.iter():
        if el.text and MOJIBAKE_HINT.search(el.text):
            el.text = repair_mojibake(el.text)
        if el.tail and MOJIBAKE_HINT.search(el.tail):
            el.tail = repair_mojibake(el.tail)


def text_of(el) -> str:
    return " ".join(" ".join(el.itertext()).split())


# ── the headline ─────────────────────────────────────────────────────────────


def title(tree) -> str | None:
    """The headline: the article's <h1>, og:title, JSON-LD headline or any <h1>; else <title>
    without the site's name; else the most prominent line of an old layout (big font, bold)."""
    names = _site_names(tree)
    candidates = [
        *(text_of(h) for h in tree.xpath("//article//h1|//main//h1")),
        *tree.xpath("//meta[@property='og:title' or @name='twitter:title']/@content"),
        *_jsonld_headlines(tree),
        *(text_of(h) for h in tree.xpath("//h1")),
    ]
    for text in candidates:
        text = _without_site_name(text, names, guess=False)
        if _is_headline(text, names):
            return text
    prominent = _prominent_line(tree, names)
    from_title = _without_site_name(first(tree.xpath("//title/text()")) or "", names, guess=True)
    if _is_headline(from_title, names) and (not prominent or prominent[0] < TITLE_TAG_BEATEN_BY):
        return from_title
    return prominent[1] if prominent else None


TITLE_TAG_BEATEN_BY = 3  # a line this prominent beats a <title> that looks generic


def _site_names(tree) -> set[str]:
    """The site's own name: og:site_name, application-name, the logo's alt text."""
    names = tree.xpath("//meta[@property='og:site_name' or @name='application-name']/@content")
    names += tree.xpath(
        "//img[contains(@src, 'logo') or contains(@class, 'logo') or contains(@id, 'logo')"
        " or ancestor::a[@href='/' or @rel='home']]/@alt"
    )
    return {" ".join(n.split()).casefold() for n in names if n.strip()}


def _jsonld_headlines(tree) -> list[str]:
    return [o["headline"] for o in jsonld_objects(tree) if isinstance(o.get("headline"), str)]


def jsonld_objects(tree):
    """Every object in the page's JSON-LD blocks, @graph and nesting included; a block that
    does not parse, or nests deeper than Python recurses, is skipped."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            objects = list(_objects(json.loads(script.text or "")))
        except (json.JSONDecodeError, RecursionError):
            continue
        yield from objects


def _objects(data):
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, (list, dict)):
                yield from _objects(value)


def _without_site_name(text: str, names: set[str], guess: bool) -> str:
    """ "Decomisan arsenal en Reynosa - Diario del Golfo" → "Decomisan arsenal en Reynosa".

    The site's name goes when known; with `guess` (a <title>), so does any short last part,
    one part at a time (a loop, not recursion: a <title> may hold thousands of separators).
    """
    text = " ".join(text.split())
    while (shorter := _site_name_off(text, names, guess)) is not None:
        text = shorter
    return text


def _site_name_off(text: str, names: set[str], guess: bool) -> str | None:
    """`text` without its first or last part when that part is the site's name, else None."""
    for sep in settings()["title"]["separators"]:
        head, found, tail = text.rpartition(sep)
        if found and head and (tail.casefold() in names or (guess and len(tail.split()) <= 3 < len(head.split()))):
            return head
        head, found, tail = text.partition(sep)
        if found and tail and head.casefold() in names:
            return tail
    return None


def _is_headline(text: str, names: set[str]) -> bool:
    return len(text.split()) >= settings()["title"]["min_words"] and text.casefold() not in names


def _prominent_line(tree, names: set[str]) -> tuple[int, str] | None:
    """The most prominent short line outside links: (prominence, text)."""
    best = None
    for el in tree.xpath(settings()["title"]["fallback_xpath"]):
        text = text_of(el)
        if not _is_headline(text, names) or len(text) > 200 or el.xpath("ancestor::a"):
            continue
        rank = _prominence(el)
        if best is None or rank > best[0]:
            best = (rank, text)
    return best


def _prominence(el) -> int:
    """<font size="5"> → 5, a "titulo"/"headline" class → 4, <h2>/<h3> → 3, bold → 1."""
    size = el.get("size", "")
    if el.tag == "font" and size.isdigit():
        return int(size)
    names = (el.get("class") or "").casefold()
    return 4 if "titul" in names or "headline" in names else 3 if el.tag in ("h2", "h3") else 1


def first(values: list) -> str | None:
    return str(values[0]).strip() if values else None


# ── repairs: old table layouts and text broken by <br> ───────────────────────


def repair_layout(tree) -> None:
    """Make table layouts and <br><br>-separated text look like blocks and paragraphs."""
    for table in tree.xpath("//table[not(ancestor::table)]"):
        if _is_layout(table):
            _cut_side_cells(table)
            for el in table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th"):
                el.tag = "div"
    for parent in {br.getparent() for br in tree.iter("br")}:
        if parent is not None and _has_double_break(parent):
            _split_at_breaks(parent)


def prose_chars(el) -> int:
    """Characters of text outside links: what readers read, not what they click."""
    linked = sum(len(" ".join(a.itertext())) for a in el.iter("a"))
    return max(0, len(" ".join(el.itertext())) - linked)


def _is_layout(table) -> bool:
    return not table.xpath(".//th") and any(
        prose_chars(td) >= LAYOUT_MIN_CHARS and not td.xpath(".//td") for td in table.iter("td")
    )


def _cut_side_cells(table) -> None:
    """In each row, cells with little prose beside the main cell are menus and sidebars."""
    for row in table.iter("tr"):
        cells = [c for c in row if c.tag in ("td", "th")]
        if len(cells) < 2:
            continue
        sizes = [prose_chars(c) for c in cells]
        if max(sizes) < LAYOUT_MIN_CHARS:
            continue
        for cell, size in zip(cells, sizes, strict=False):
            if size < max(sizes) * SIDE_CELL_SHARE:
                row.remove(cell)


def _has_double_break(parent) -> bool:
    return any(a.tag == "br" and b.tag == "br" and not (a.tail or "").strip() for a, b in pairwise(parent))


def _split_at_breaks(parent) -> None:
    """Children of `parent` regrouped into <p> elements at each <br><br> (a <p> becomes several)."""
    paragraphs = [etree.Element("p")]
    paragraphs[0].text = parent.text
    previous_break = False
    for child in list(parent):
        parent.remove(child)
        tail, child.tail = child.tail, None
        current = paragraphs[-1]
        if child.tag == "br":
            if previous_break:
                paragraphs.append(etree.Element("p"))
                current, previous_break = paragraphs[-1], False
            else:
                previous_break = not (tail or "").strip()
            _append_text(current, " " + (tail or ""))
            continue
        previous_break = False
        current.append(child)
        _append_text(current, tail or "")
    parent.text = None
    paragraphs = [p for p in paragraphs if text_of(p) or len(p)]
    if parent.tag == "p" and parent.getparent() is not None and paragraphs:
        for p in reversed(paragraphs):
            parent.addnext(p)
        for p in paragraphs:
            p.tail = None
        paragraphs[-1].tail, parent.tail = parent.tail, None
        parent.getparent().remove(parent)
        return
    for p in paragraphs:
        parent.append(p)


def _append_text(el, text: str) -> None:
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


# ── cuts: boilerplate out before extraction ──────────────────────────────────


def prune(tree) -> None:
    """Cut sidebars, recirculation, banners and share bars, sparing what holds the article."""
    body = tree.find("body")
    if body is None:
        return
    total = max(1, prose_chars(body))
    keep = settings()["prune"]["keep_share"]
    article = _article_block(body)
    protected = {article, *article.iterancestors()} if article is not None else set()

    def cut(el) -> None:
        if el not in protected and _attached(el, tree) and prose_chars(el) < keep * total and not el.xpath(".//h1"):
            el.drop_tree()

    for el in body.xpath(".//*[@class or @id]"):
        if _BOILERPLATE().search(f"{el.get('class', '')} {el.get('id', '')}".lower()):
            cut(el)
    for el in list(body.iter(*settings()["prune"]["tags"])):
        cut(el)
    for el in _recirculation_headings(body):
        parent = el.getparent()
        if parent is not None and parent.index(el) == 0 and parent is not body:
            cut(parent)
        else:
            following = el.getnext()
            cut(el)
            if following is not None and following.tag in ("ul", "ol", "div", "section"):
                cut(following)


def _article_block(body):
    """The element whose own paragraphs hold the most prose: the article's body. It and the
    elements around it are never cut, whatever their class says ("has-sidebar", "with-share")."""
    best, most = None, 0
    for parent in {p.getparent() for p in body.iter("p")}:
        if parent is None:
            continue
        chars = sum(prose_chars(p) for p in parent.iterchildren("p"))
        if chars > most:
            best, most = parent, chars
    return best


def _attached(el, root) -> bool:
    """Still in the document: not inside something already cut."""
    top = el
    for ancestor in el.iterancestors():
        top = ancestor
    return top is root


@cache
def _BOILERPLATE() -> re.Pattern:
    stems = "|".join(re.escape(s) for s in settings()["prune"]["stems"])
    return re.compile(rf"(?:^|[\s_-])(?:{stems})")


def _recirculation_headings(tree) -> list:
    """ "Lo más leído", "Notas relacionadas": a heading, or a bold line saying only that."""
    headings = settings()["prune"]["headings"]
    found = []
    for el in tree.iter("h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "p", "div"):
        text = text_of(el).casefold().rstrip(" :")
        if (
            text
            and len(text) <= 60
            and (text in headings or (el.tag.startswith("h") and text.startswith(tuple(h + " " for h in headings))))
        ):
            found.append(el)
    return found
