"""PSH5xx: the post's link, judged as a browser will open it (pasha_cli.urls: the WHATWG URL Standard).

A campaign's `url` (campaign.url) is judged by the same rules, reported with that field: one
definition of a link pasha accepts.
"""

from __future__ import annotations

from collections.abc import Iterator

from pasha_cli.model import LocalText
from pasha_cli.rules.base import ERROR, WARNING, Context, Hit, L, rule
from pasha_cli.urls import ParsedLink, domain_allowed


def _links(ctx: Context) -> Iterator[tuple[Hit, ParsedLink | LocalText, tuple[str, ...]]]:
    """The post's `link`, and its campaign's `url` (field campaign.url), which must pass the same rules."""
    for draft in ctx.target_drafts:
        campaign = draft.fields.get("campaign")
        urls = (
            ("link", draft.text("link")),
            ("campaign.url", campaign.get("url") if isinstance(campaign, dict) else None),
        )
        for field, url in urls:
            if isinstance(url, str) and url:
                hit = Hit(draft, field, {"url": url}, "default" if field == "link" else "campaign")
                yield hit, ctx.link(url), ctx.config.link_domains(draft.account)


@rule(
    "PSH501",
    "invalid-link",
    ERROR,
    summary=L(
        "リンクが正しい http(s) の URL か検査します（ユーザー情報付きの URL は不可）。",
        "Checks that the link is a well-formed http(s) URL (URLs with user information are not allowed).",
    ),
    why=L(
        "壊れたリンクはタップしても開かず、user@ 付きの URL は偽装に使われます。",
        "A broken link goes nowhere; a URL with user@ is a classic disguise.",
    ),
    fix=L(
        "ブラウザのアドレス欄から URL をそのままコピーしてください。", "Copy the URL from the browser's address bar."
    ),
    messages={
        "default": L("リンク {url} は使えません: {why}", "the link {url} is not valid: {why}"),
        "campaign": L("campaign: の url {url} は使えません: {why}", "the campaign: url {url} is not valid: {why}"),
    },
    reads=(),
)
def invalid_link(ctx: Context) -> Iterator[Hit]:
    for hit, parsed, _ in _links(ctx):
        if isinstance(parsed, LocalText):
            yield hit._replace(args={**hit.args, "why": parsed})


@rule(
    "PSH502",
    "link-domain-not-allowed",
    ERROR,
    summary=L(
        "リンク先が楽天のドメイン（rakuten.co.jp など）かアカウントの link_domains か検査します。ドメインはラベル単位で照合します。",
        "Checks that the link goes to a Rakuten domain (rakuten.co.jp, ...) or one of the account's link_domains, "
        "matched on label boundaries.",
    ),
    why=L(
        "Pasha の投稿は楽天かブランド自身のサイトにしかリンクできません。",
        "Pasha posts may link only to Rakuten or to the brand's own site.",
    ),
    fix=L(
        "リンク先を直すか、ブランドのドメインを pasha.toml の link_domains に加えてください。",
        "Fix the link, or add the brand's domain to link_domains in pasha.toml.",
    ),
    messages={
        "default": L(
            "リンク先 {host} は許可されたドメインではありません（許可: {allowed}）",
            "the link's host {host} is not an allowed domain (allowed: {allowed})",
        ),
        "ip": L(
            "リンク先が IP アドレス {host} です（IP アドレスはどのブランドのドメインでもありません。許可: {allowed}）",
            "the link's host is the IP address {host}, which is no brand's domain (allowed: {allowed})",
        ),
        "campaign": L(
            "campaign: の url の {host} は許可されたドメインではありません（許可: {allowed}）",
            "the campaign: url's host {host} is not an allowed domain (allowed: {allowed})",
        ),
        "campaign-ip": L(
            "campaign: の url が IP アドレス {host} です（IP アドレスはどのブランドのドメインでもありません。許可: {allowed}）",
            "the campaign: url's host is the IP address {host}, which is no brand's domain (allowed: {allowed})",
        ),
    },
    reads=(),
)
def link_domain_not_allowed(ctx: Context) -> Iterator[Hit]:
    for hit, parsed, allowed in _links(ctx):
        if isinstance(parsed, ParsedLink) and not domain_allowed(parsed, allowed):
            args = {**hit.args, "host": parsed.host, "allowed": ", ".join(allowed)}
            ip = {"default": "ip", "campaign": "campaign-ip"}[hit.message]
            yield hit._replace(args=args, message=ip if parsed.is_ip else hit.message)


@rule(
    "PSH503",
    "insecure-link",
    WARNING,
    summary=L(
        "リンクが https ではなく http になっていないか検査します。", "Checks that the link uses https, not http."
    ),
    why=L(
        "http のページはブラウザに「保護されていない通信」と表示されます。", "Browsers mark http pages as not secure."
    ),
    fix=L("https:// の URL にしてください。", "Use the https:// URL."),
    messages={
        "default": L("リンク {url} が https ではありません", "the link {url} does not use https"),
        "campaign": L("campaign: の url {url} が https ではありません", "the campaign: url {url} does not use https"),
    },
    reads=(),
)
def insecure_link(ctx: Context) -> Iterator[Hit]:
    for hit, parsed, _ in _links(ctx):
        if isinstance(parsed, ParsedLink) and parsed.scheme == "http":
            yield hit
