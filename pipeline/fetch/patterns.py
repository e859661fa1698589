"""Word lists and tunables of the fetch stage, kept as data apart from the code that uses them."""

from __future__ import annotations

import re

# --- URL normalization ------------------------------------------------------------------
# Query parameters that only track the reader: dropped so one article has one URL.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "mkt_tok",
        "ocid",
        "cmpid",
        "s_cid",
        "ref_src",
        "__twitter_impression",
        "wt_mc",
        "wt.mc_id",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
DEFAULT_PORTS = {"http": 80, "https": 443}

# --- HTTP -------------------------------------------------------------------------------
ACCEPT = {
    "article": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "feed": "application/rss+xml,application/atom+xml,application/rdf+xml,application/xml;q=0.9,"
    "text/xml;q=0.9,*/*;q=0.5",
    "sitemap": "application/xml,text/xml;q=0.9,application/x-gzip;q=0.8,*/*;q=0.5",
    "listing": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "robots": "text/plain,*/*;q=0.5",
}
ACCEPT_LANGUAGE = "es-MX,es;q=0.9,en;q=0.5"
ACCEPT_ENCODING = "gzip, deflate"  # only what body.py decodes itself, with a size bound
HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Statuses worth another try after a pause; every other 4xx is final.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524})
# Statuses that mean "this URL will not work later either": given up at once.
GONE_STATUSES = frozenset({400, 401, 403, 404, 410, 451})
MAX_RETRY_AFTER = 120.0  # seconds; a longer Retry-After fails the URL for this run instead
MAX_CRAWL_DELAY = 60.0  # seconds; a larger robots.txt Crawl-delay is capped
ROBOTS_MAX_AGE = 24 * 3600.0  # seconds a robots.txt is trusted (RFC 9309 §2.4)
SITEMAP_MAX_BYTES = 50_000_000  # the sitemap protocol's own limit, uncompressed
MAX_SITEMAPS = 50  # child sitemaps read per source and run

# --- soft failures ----------------------------------------------------------------------
# An HTTP 200 page whose <title> matches is a block page, not an article.
BLOCK_TITLES = re.compile(
    r"acceso denegado|access denied|forbidden|attention required|just a moment|"
    r"are you a robot|captcha|request rejected|solicitud rechazada|bot verification|"
    r"ddos-guard|security check|verificación de seguridad|challenge validation",
    re.I,
)
# A tiny page that talks about these is a cookie wall or a script-only shell.
WALL_WORDS = re.compile(r"cookies?|javascript|habilit\w+ (el )?js|enable js|consent|consentimiento|suscr[ií]b", re.I)
WALL_MAX_CHARS = 600  # visible characters below which a page may be a wall
BLOCK_MAX_CHARS = 3000  # a page with a block-page title and more text than this is an article after all

# --- listings ---------------------------------------------------------------------------
# Link texts (lower case, stripped) that mean "next page of this listing".
NEXT_TEXTS = frozenset(
    {
        "siguiente",
        "siguiente ›",
        "siguiente »",
        "siguientes",
        "página siguiente",
        "anteriores",
        "next",
        "next ›",
        "next »",
        "›",
        "»",
        ">",
        ">>",
    }
)
PAGE_PARAM = "page"  # fallback pagination: ?page=N, as on gob.mx
