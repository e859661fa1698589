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

# --- what the operator should do ---------------------------------------------------------
DOCUMENT_KINDS = ("feed", "sitemap", "listing")  # what a source is read from (articles are the rest)
# A source that failed, by the class of its error ("Class status", "Class 4xx", "Class"), and the rest.
ADVICE = {
    "Unreachable": "tried again next run; if it lasts, check the address and this machine's network",
    "HTTPStatus 404": "the address is gone: find the source's new one and fix `url` in config.toml",
    "HTTPStatus 410": "the address is gone: find the source's new one and fix `url` in config.toml",
    "HTTPStatus 401": "the site refuses automated clients (nothing to get around); disable the source if it lasts",
    "HTTPStatus 403": "the site refuses automated clients (nothing to get around); disable the source if it lasts",
    "HTTPStatus 429": "the site asks for fewer requests: raise the source's `delay`",
    "HTTPStatus 4xx": "check `url` in config.toml (open it in a browser)",
    "HTTPStatus 5xx": "the site is failing; tried again next run",
    "BlockPage": "the site answers with a bot check (nothing to get around); disable the source if it lasts",
    "Refused": "the address is not safe to fetch (a private address, outside the site); check `url` in config.toml",
    "TooLarge": "raise the source's `max_bytes` if the document is genuine",
    "BadDocument": "check `url` and `kind` in config.toml: the document is not what the kind expects",
    "Disallowed": "robots.txt forbids it: disable the source (or ask the site)",
    "NotHTML": "check `url` in config.toml: it is not a web page",
    "files": "create the folder, or fix the source's `path` in config.toml",
    "articles failed": "tried again in the next runs, up to three times (not those the site says are gone: 404, 410)",
    "articles skipped": "skipped ones (robots.txt, not a web page) are not tried again",
    "articles refused": "to follow links to another site, add its domain to the source's `allowed_domains`",
    "default": "see the log for details; tried again next run",
}
