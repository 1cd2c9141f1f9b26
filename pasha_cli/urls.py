"""Links as a browser will open them: one parse, by the WHATWG URL Standard (Ada, via ada-url).

Every command judges a link here and nowhere else (the PSH5xx rules, `pasha preview`, the
config's link_domains): the host pasha checks is the host a browser visits. pasha is stricter
than a browser in four places, never looser: any space, line break, control or invisible
character, user information (even an empty `@`), an empty label and a malformed Punycode
(`xn--`) label make a link invalid. ada_url is imported on first use: a run whose drafts have
no link never loads it, nor does a config whose domains are plain ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from pasha_cli.i18n import t
from pasha_cli.model import LocalText


class ParsedLink(NamedTuple):
    scheme: str  # "http" | "https"
    host: str  # the host a browser visits: ASCII (IDNA), lower case, no trailing dot; IPv6 in brackets
    is_ip: bool


# Characters a browser drops (tab, newline), trims (leading and trailing controls and spaces),
# percent-encodes or reads as something else: none of them belongs in a link a person reviews.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"})
_ASCII_REFUSED = re.compile(r"[\x00-\x20\x7f]")  # those categories within ASCII
_FIELDS = ("protocol", "username", "password", "hostname", "host_type")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# The authority as the URL Standard delimits it in a special scheme: after any run of / and \,
# up to the first / \ ? or #. Only used to refuse an `@` there that leaves no user-info behind.
_AUTHORITY = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[/\\]*([^/\\?#]*)")
# A name the URL Standard's host parser only lower-cases (its own ASCII fast path), unless it
# ends in a number (then it is an IPv4 address or invalid) or has an xn-- label.
_PLAIN_ASCII_NAME = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?")
_NUMERIC_LABEL = re.compile(r"[0-9]+|0[xX][0-9A-Fa-f]*")
_NOT_BARE = re.compile(r"[/\\:@?#%\[\]*]")


def refused_character(text: str) -> str | None:
    """The first space, line break, control, invisible or lone-surrogate character, as U+XXXX."""
    if text.isascii():  # the usual link: only C0 controls, space and DEL to look for
        found = _ASCII_REFUSED.search(text)
        return f"U+{ord(found.group()):04X}" if found else None
    for char in text:
        if char.isspace() or unicodedata.category(char) in _REFUSED_CATEGORIES:
            return f"U+{ord(char):04X}"
    return None


@lru_cache(maxsize=4096)
def parse_link(url: str) -> ParsedLink | LocalText:
    """The scheme and host a browser opens for this link, or why pasha refuses it."""
    char = refused_character(url)
    if char is not None:
        return t("link-character", char=char)
    import ada_url

    try:
        parsed = ada_url.parse_url(url, _FIELDS)  # one call (URL()'s attributes cost one each)
    except ValueError:
        return t("link-unparsable" if _SCHEME.match(url) else "link-no-scheme")
    scheme = parsed["protocol"]
    if scheme not in ("http:", "https:"):
        return t("link-scheme", scheme=scheme)
    authority = _AUTHORITY.match(url)
    if parsed["username"] or parsed["password"] or (authority and "@" in authority.group(1)):
        return t("link-userinfo")
    is_ip = parsed["host_type"] != ada_url.HostType.DEFAULT
    host = parsed["hostname"] if is_ip else _site(parsed["hostname"])
    if isinstance(host, LocalText):
        return host
    return ParsedLink(scheme[:-1], host, is_ip)


def _site(hostname: str) -> str | LocalText:
    """A domain the parser accepted, as pasha matches it: one trailing dot (the DNS root) dropped."""
    from ada_url import idna_to_ascii, idna_to_unicode

    name = hostname[:-1] if hostname.endswith(".") else hostname
    labels = name.split(".")
    if "" in labels:
        return t("link-empty-label", host=hostname)
    for label in labels:
        # Browsers now pass an ASCII xn-- label through unread; pasha asks it to be real Punycode.
        if label.startswith("xn--"):
            decoded = idna_to_unicode(label)
            if decoded == label or idna_to_ascii(decoded) != label.encode("ascii"):
                return t("link-punycode", label=label)
    return name


def normalise_domain(entry: str) -> str | LocalText:
    """A configured domain (Unicode or Punycode) as a link's host would read: ASCII, lower case."""
    char = refused_character(entry)
    if char is not None:
        return t("link-character", char=char)
    if "*" in entry:
        return t("domain-wildcard")
    if _NOT_BARE.search(entry):
        return t("domain-not-bare")
    domain = _domain(entry)
    if isinstance(domain, str) and "." not in domain:
        return t("domain-top-level", domain=domain)  # "com" would let every .com site through
    return domain


def _domain(entry: str) -> str | LocalText:
    """The host the parser reads for a bare name; plain ASCII names take its fast path here."""
    if _PLAIN_ASCII_NAME.fullmatch(entry):
        labels = entry.rstrip(".").lower().split(".")
        if not _NUMERIC_LABEL.fullmatch(labels[-1]) and not any(label.startswith("xn--") for label in labels):
            return ".".join(labels)  # what the parser would return, without loading it
    import ada_url

    try:
        parsed = ada_url.parse_url(f"https://{entry}/", _FIELDS)
    except ValueError:
        return t("domain-invalid")
    if parsed["host_type"] != ada_url.HostType.DEFAULT:
        return t("domain-ip")
    return _site(parsed["hostname"])


def domain_allowed(link: ParsedLink, domains: Iterable[str]) -> bool:
    """Matched on label boundaries: rakuten.co.jp.evil.example is not rakuten.co.jp."""
    if link.is_ip:
        return False  # an IP address is no brand's domain
    return any(link.host == d or link.host.endswith("." + d) for d in domains)
