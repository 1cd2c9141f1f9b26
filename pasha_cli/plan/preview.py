"""`pasha preview`: a post as followers will see it, in the terminal and as an HTML page.

The HTML page mimics the timeline card: account name, the digest with its "more" marker, the
image (embedded, so the page travels alone), the link. Every piece of user text is escaped.

Reads are bounded by what the view needs: an image's size and format come from its header
(images.inspect_image, header_only) unless the file is within the timeline's byte limit, and only
such an image is read and embedded; any other shows a placeholder that says why. A 400 MB photo
costs its header, not 400 MB of memory and a 550 MB page.
"""

from __future__ import annotations

import base64
import html
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from pasha_cli.characters import char_count, digest, inert, normalise_newlines, visible
from pasha_cli.i18n import t, tn
from pasha_cli.image.inspect import ImageInfo, inspect_image, read_small
from pasha_cli.model import LocalText
from pasha_cli.plan.slots import plan_items
from pasha_cli.project.config import Config
from pasha_cli.project.drafts import Draft
from pasha_cli.project.locate import resolve_inside
from pasha_cli.timeutil import MINUTE_FORMAT, SECOND_FORMAT
from pasha_cli.urls import ParsedLink, domain_allowed, parse_link


class Preview(NamedTuple):
    draft: Draft
    account_name: str
    body: str
    digest: str
    cut: bool  # the body is longer than the digest
    chars: int
    image: ImageInfo | None
    image_data: bytes | None  # embedded in the page: a shown format, within the timeline's byte limit
    image_note: LocalText | None  # why the image named is not embedded (or not shown at all)
    link: str | None
    parsed_link: ParsedLink | LocalText | None  # the host a browser opens, or why the link is invalid
    link_ok: bool | None
    when: datetime | None
    deadline: datetime | None
    status: str


def build(config: Config, draft: Draft) -> Preview:
    body = normalise_newlines(draft.body or "")
    head = digest(body, config.spec.digest_chars)
    account = config.accounts.get(draft.account or "")
    image = image_data = note = None
    name = draft.text("image")
    if name:
        resolved, _ = resolve_inside(draft.path.parent, name, config.root)
        if resolved is None:
            note = t("preview-image-missing", file=name)
        else:
            image, image_data, note = _image(
                resolved, config.spec.image_max_pixels, config.spec.timeline_image_max_bytes
            )
    link = draft.text("link")
    parsed: ParsedLink | LocalText | None = None
    link_ok: bool | None = None
    if link:  # judged by the one parse PSH501 and PSH502 use
        parsed = parse_link(link)
        link_ok = isinstance(parsed, ParsedLink) and domain_allowed(parsed, config.link_domains(draft.account))
    items = plan_items(config, [draft])
    return Preview(
        draft,
        account.name if account else (draft.account or "?"),
        body,
        head,
        head != body,
        char_count(body),
        image,
        image_data,
        note,
        link,
        parsed,
        link_ok,
        items[0].when if items else None,
        items[0].deadline if items else None,
        draft.status,
    )


MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}  # what a browser shows


def _image(path: Path, max_pixels: int, limit: int) -> tuple[ImageInfo, bytes | None, LocalText | None]:
    """The image as the view needs it: (measurements, the bytes to embed or None, why not embedded).

    A file within `limit` (the timeline image's byte limit) is inspected in full (a truncated one
    says so) and read; a larger one only by its header: it fails PSH203 and is not embedded."""
    try:
        small = path.stat().st_size <= limit
    except OSError:
        small = True  # inspect_image says why it cannot be read
    info = inspect_image(path, max_pixels, header_only=not small)
    if info.problem is not None:
        return info, None, t("preview-image-problem", file=path.name, reason=info.problem)
    if info.format not in MIME:
        return info, None, t("preview-image-format", file=path.name, format=info.format or "?")
    data = read_small(path, max_pixels, limit) if info.bytes <= limit else None
    if data is None:  # over the limit (or it grew since it was inspected)
        return info, None, t("preview-image-heavy", file=path.name, bytes=info.bytes, limit=limit)
    return info, data, None


def link_line(p: Preview) -> LocalText:
    """What a follower's tap opens: the host by the URL Standard, allowed or not, or why it is invalid."""
    if isinstance(p.parsed_link, ParsedLink):
        return t("preview-link-ok" if p.link_ok else "preview-link-bad", link=p.link, host=p.parsed_link.host)
    return t("preview-link-invalid", link=p.link, why=p.parsed_link)


def render_text(p: Preview, lang: str, limit: int) -> str:
    """The card in the terminal. Every value is shown with text.visible (the body keeps its line
    breaks and tabs) and the whole made inert, so a draft cannot drive the terminal or the CI log."""
    lines = [
        visible(f"── {p.account_name} ──"),
        *_body_lines(p.digest + (t("preview-more").get(lang) if p.cut else "")),
        "",
    ]
    lines.append(t("preview-full", chars=p.chars, limit=limit).get(lang))
    lines.extend(_body_lines(p.body))
    lines.append("")
    if p.image is not None:
        lines.append(
            visible(
                t(
                    "preview-image",
                    file=p.image.path.name,
                    width=p.image.width or "?",
                    height=p.image.height or "?",
                    bytes=tn("n-bytes", p.image.bytes),
                ).get(lang)
            )
        )
    if p.image_note is not None and (p.image is None or p.image.problem is not None):
        lines.append(visible(p.image_note.get(lang)))  # missing or unreadable: said here too
    if p.link:
        lines.append(visible(link_line(p).get(lang)))
    if p.when is not None and p.deadline is not None:
        lines.append(
            visible(
                t(
                    "preview-when",
                    publish=p.when.strftime(MINUTE_FORMAT),
                    deadline=p.deadline.strftime(SECOND_FORMAT),
                    status=p.status,
                ).get(lang)
            )
        )
    return inert("\n".join(lines) + "\n")


def _body_lines(text: str) -> list[str]:
    return [visible(line, multiline=True) for line in text.split("\n")]


PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
  body {{ margin: 0; background: #f2f2f2; font-family: "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", sans-serif; }}
  .card {{ width: 375px; margin: 24px auto; background: #fff; border-radius: 12px; overflow: hidden;
          box-shadow: 0 1px 4px rgba(0,0,0,.15); }}
  .head {{ display: flex; align-items: center; gap: 10px; padding: 12px 14px; }}
  .icon {{ width: 36px; height: 36px; border-radius: 50%; background: #bf0000; color: #fff; display: grid;
          place-items: center; font-weight: bold; }}
  .name {{ font-weight: bold; font-size: 14px; }}
  .time {{ color: #888; font-size: 12px; }}
  .body {{ padding: 0 14px 12px; font-size: 14px; line-height: 1.6; white-space: pre-wrap; word-break: break-word; }}
  .more {{ color: #888; }}
  .image img {{ width: 100%; height: auto; display: block; }}
  .image.none {{ padding: 28px 14px; background: #eee; color: #666; font-size: 13px; text-align: center; }}
  .link {{ display: block; padding: 10px 14px; font-size: 13px; color: #bf0000; border-top: 1px solid #eee;
          word-break: break-all; }}
  .link.bad {{ color: #999; text-decoration: line-through; }}
  .meta {{ width: 375px; margin: 0 auto 24px; color: #666; font-size: 12px; }}
  details {{ width: 375px; margin: 0 auto 24px; font-size: 13px; }}
  details pre {{ white-space: pre-wrap; word-break: break-word; }}
</style>
</head>
<body>
<article class="card" id="card">
  <div class="head"><div class="icon">{initial}</div>
    <div><div class="name">{account}</div><div class="time">{when}</div></div></div>
  <div class="body" id="digest">{digest}{more}</div>
  {image}
  {link}
</article>
<p class="meta">{meta}</p>
<details><summary>{full_label}</summary><pre id="full">{body}</pre></details>
</body>
</html>
"""


def render_html(p: Preview, lang: str, limit: int) -> str:
    """The page; every value shown with text.visible (bidi controls would reorder the card), then escaped."""

    def e(value: str, multiline: bool = False) -> str:
        return html.escape(visible(value, multiline))

    image = ""
    if p.image_data is not None and p.image is not None:
        encoded = base64.b64encode(p.image_data).decode("ascii")
        image = (
            f'<div class="image"><img id="image" alt="{e(p.image.path.name)}" width="{p.image.width}" '
            f'height="{p.image.height}" src="data:{MIME[p.image.format or "JPEG"]};base64,{encoded}"></div>'
        )
    elif p.image_note is not None:
        image = f'<div class="image none" id="image-note">{e(p.image_note.get(lang))}</div>'
    link = ""
    if p.link:
        css = "link" if p.link_ok else "link bad"
        link = (
            f'<a class="{css}" id="link" title="{e(link_line(p).get(lang))}" '
            f'rel="noopener noreferrer nofollow">{e(p.link)}</a>'
        )
    meta = []
    if p.when is not None and p.deadline is not None:
        meta.append(
            t(
                "preview-when",
                publish=p.when.strftime(MINUTE_FORMAT),
                deadline=p.deadline.strftime(SECOND_FORMAT),
                status=p.status,
            ).get(lang)
        )
    meta.append(t("preview-full", chars=p.chars, limit=limit).get(lang))
    return PAGE.format(
        lang=lang,
        title=e(f"{p.account_name} — {p.draft.rel}"),
        initial=e(p.account_name[:1]),
        account=e(p.account_name),
        when=e(p.when.strftime(MINUTE_FORMAT) if p.when else ""),
        digest=e(p.digest, True),
        more=f'<span class="more">{e(t("preview-more").get(lang))}</span>' if p.cut else "",
        image=image,
        link=link,
        meta=e(" / ".join(meta)),
        full_label=e(t("preview-full-label").get(lang)),
        body=e(p.body, True),
    )
