"""PSH5xx: the post's link — a well-formed http(s) URL on an allowed domain."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit

from pasha_cli.model import LocalText
from pasha_cli.rules.base import ERROR, WARNING, Context, Hit, L, rule


class ParsedLink(NamedTuple):
    scheme: str
    host: str  # lower case, ASCII (IDNA), no trailing dot


_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


@lru_cache(maxsize=4096)
def parse_link(url: str) -> ParsedLink | LocalText:
    """The scheme and host of a link, or why it is not a valid link."""
    if _SPACE_OR_CONTROL.search(url):
        return L("空白や制御文字が含まれています", "it contains spaces or control characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        return L(f"URL として読めません（{exc}）", f"it cannot be read as a URL ({exc})")
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return L("http または https の URL ではありません", "it is not an http or https URL")
    if "@" in parts.netloc:
        return L("ユーザー情報（user@）を含む URL は使えません", "URLs with user information (user@) are not allowed")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return L("ホスト名がありません", "it has no host name")
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return L("ホスト名が正しくありません", "its host name is not valid")
    return ParsedLink(scheme, host)


def domain_allowed(host: str, domains: tuple[str, ...] | list[str]) -> bool:
    """Matched on label boundaries: rakuten.co.jp.evil.example is not rakuten.co.jp."""
    import ipaddress

    try:
        ipaddress.ip_address(host.strip("[]"))
        return False  # an IP address is no brand's domain
    except ValueError:
        pass
    return any(host == d or host.endswith("." + d) for d in (d.lower().rstrip(".") for d in domains))


def _links(ctx: Context) -> Iterator[tuple[Hit, ParsedLink | LocalText, tuple[str, ...]]]:
    for draft in ctx.target_drafts:
        url = draft.text("link")
        if url is None:
            continue
        yield Hit(draft, "link", {"url": url}), parse_link(url.strip()), ctx.config.link_domains(draft.account)


@rule("PSH501", "invalid-link", ERROR,
      summary=L("リンクが正しい http(s) の URL か検査します（ユーザー情報付きの URL は不可）。",
                "Checks that the link is a well-formed http(s) URL (URLs with user information are not allowed)."),
      why=L("壊れたリンクはタップしても開かず、user@ 付きの URL は偽装に使われます。",
            "A broken link goes nowhere; a URL with user@ is a classic disguise."),
      fix=L("ブラウザのアドレス欄から URL をそのままコピーしてください。", "Copy the URL from the browser's address bar."),
      messages=L("リンク {url} は使えません: {why}", "the link {url} is not valid: {why}"))
def invalid_link(ctx: Context) -> Iterator[Hit]:
    for hit, parsed, _ in _links(ctx):
        if isinstance(parsed, LocalText):
            yield Hit(hit.draft, "link", {**hit.args, "why": parsed})


@rule("PSH502", "link-domain-not-allowed", ERROR,
      summary=L("リンク先が楽天のドメイン（rakuten.co.jp など）かアカウントの link_domains か検査します。ドメインはラベル単位で照合します。",
                "Checks that the link goes to a Rakuten domain (rakuten.co.jp, ...) or one of the account's link_domains, "
                "matched on label boundaries."),
      why=L("Pasha の投稿は楽天かブランド自身のサイトにしかリンクできません。",
            "Pasha posts may link only to Rakuten or to the brand's own site."),
      fix=L("リンク先を直すか、ブランドのドメインを pasha.toml の link_domains に加えてください。",
            "Fix the link, or add the brand's domain to link_domains in pasha.toml."),
      messages=L("リンク先 {host} は許可されたドメインではありません（許可: {allowed}）",
                 "the link's host {host} is not an allowed domain (allowed: {allowed})"))
def link_domain_not_allowed(ctx: Context) -> Iterator[Hit]:
    for hit, parsed, allowed in _links(ctx):
        if isinstance(parsed, ParsedLink) and not domain_allowed(parsed.host, allowed):
            yield Hit(hit.draft, "link", {**hit.args, "host": parsed.host, "allowed": ", ".join(allowed)})


@rule("PSH503", "insecure-link", WARNING,
      summary=L("リンクが https ではなく http になっていないか検査します。", "Checks that the link uses https, not http."),
      why=L("http のページはブラウザに「保護されていない通信」と表示されます。",
            "Browsers mark http pages as not secure."),
      fix=L("https:// の URL にしてください。", "Use the https:// URL."),
      messages=L("リンク {url} が https ではありません", "the link {url} does not use https"))
def insecure_link(ctx: Context) -> Iterator[Hit]:
    for hit, parsed, _ in _links(ctx):
        if isinstance(parsed, ParsedLink) and parsed.scheme == "http":
            yield hit
