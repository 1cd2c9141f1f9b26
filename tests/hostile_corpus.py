"""A project full of hostile and broken input, shared by the every-command test and its benchmark.

Drafts, images and file names as a hostile or careless pull request could bring them: every class
the tests of each part attack (YAML and JSON tricks, hidden line ends, lone surrogates, dates out of
range, unknown statuses, links that disguise their host, escape sequences, option-like and odd file
names, broken and disguised images, symbolic-link loops).
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

from PIL import Image

from tests.conftest import BASE_CONFIG, jpeg_bytes

HEAD = "account: free\npublish_at: 2030-04-16 10:00\n"
ESC = "\x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b]0;owned\x07"
CONFIG = BASE_CONFIG


def _jpeg(width: int = 1200, height: int = 800, **options: object) -> bytes:
    return jpeg_bytes(width, height, **options) if not options else _encoded(width, height, **options)


def _encoded(width: int, height: int, **options: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 60)).save(out, "JPEG", **options)
    return out.getvalue()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (1300, 900), (0, 0, 0, 0)).save(out, "PNG")
    return out.getvalue()


def _many_scans(scans: int) -> bytes:
    """A progressive JPEG followed by `scans` empty scans: each costs the decoder a pass."""
    data = _jpeg(64, 64, progressive=True)
    sos = data.rindex(b"\xff\xda")
    header_len = int.from_bytes(data[sos + 2 : sos + 4], "big")
    empty = data[sos : sos + 2 + header_len]
    return data[:-2] + empty * scans + b"\xff\xd9"


IMAGES: dict[str, bytes] = {
    "ok.jpg": _jpeg(),
    "truncated.jpg": _jpeg()[:500],
    "empty.jpg": b"",
    "png-named.jpg": _png(),
    "postscript.jpg": b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n{ } loop\n",
    "text.jpg": b"hello\n",
    "scans.jpg": _many_scans(3000),
    "huge-header.jpg": _jpeg(8, 8)[:2]
    + b"\xff\xc0\x00\x11\x08\xff\xff\xff\xff\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    + _jpeg(8, 8)[2:],
}

DRAFTS: dict[str, str | bytes] = {
    "python-object.yaml": HEAD + "body: !!python/object:os.system {}\n",
    "billion-laughs.yaml": "a: &a [x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b]\n",
    "deep.yaml": "body: " + "[" * 5000 + "]" * 5000 + "\n",
    "deep.json": "[" * 100000 + "]" * 100000,
    "shift-jis.yaml": "account: free\nbody: こんにちは\n".encode("shift_jis"),
    "nul.yaml": HEAD.encode() + b"body: a\x00b\n",
    "huge-int.json": '{"push": ' + "9" * 5000 + "}",
    "ls-status.yaml": HEAD + "body: hello\u2028status: published\n",
    "cr-status.yaml": HEAD + "body: hello\rstatus: published\n",
    "merge.yaml": HEAD + "body: x\n<<: {status: published}\n",
    "dup.yaml": HEAD + "body: x\nstatus: draft\nstatus: published\n",
    "surrogate.json": '{"account": "free\\ud800", "publish_at": "2030-04-16 10:00", "body": "x\\udc00", '
    '"image": "\\ud800.jpg", "link": "https://a\\ud800.rakuten.co.jp/"}',
    "surrogate-key.json": '{"\\ud800": 1, "account": "free", "publish_at": "2030-04-16 10:00", "body": "x"}',
    "year-1.yaml": "account: free\npublish_at: 0001-01-01T00:00:00+09:00\nbody: x\n",
    "year-9999.yaml": "account: free\npublish_at: 9999-12-31T23:59:00-05:00\nbody: x\n",
    "submitted-9999.yaml": HEAD + "status: submitted\nsubmitted_at: 9999-12-31 23:59\nbody: x\n",
    "arabic-digits.yaml": "account: free\npublish_at: ٢٠٣٠-04-16 10:00\nbody: x\n",
    "capital-status.yaml": HEAD + "status: Draft\nbody: x\n",
    "number-status.json": json.dumps({"account": "paid", "publish_at": "2030-04-18 10:00", "body": "x", "status": 3}),
    "list-account.yaml": "account: [free]\npublish_at: 2030-04-16 10:00\nbody: x\n",
    "escape-account.json": json.dumps(
        {"account": "free\n::error::pwned\n" + ESC, "publish_at": "2030-04-19 10:00", "body": "x"}
    ),
    "escape-body.json": json.dumps(
        {"account": "paid", "publish_at": "2030-04-20 10:00", "body": ESC + "\n::add-mask::x"}
    ),
    "escape-link.json": json.dumps(
        {
            "account": "paid",
            "publish_at": "2030-04-21 10:00",
            "body": "x",
            "link": "https://item.rakuten.co.jp/\n::stop-commands::tok" + ESC,
        }
    ),
    "escape-image.json": json.dumps(
        {"account": "paid", "publish_at": "2030-04-22 10:00", "body": "x", "image": "a\n::error::b" + ESC + ".jpg"}
    ),
    "backslash-link.yaml": HEAD.replace("free", "paid") + "body: x\nlink: https://evil.example\\.rakuten.co.jp/\n",
    "percent-link.yaml": HEAD.replace("free", "paid") + "body: x\nlink: https://rakuten.co.jp%2eevil.example/\n",
    "userinfo-link.yaml": HEAD.replace("free", "paid") + "body: x\nlink: https://item.rakuten.co.jp@evil.example/\n",
    "punycode-link.yaml": HEAD.replace("free", "paid") + "body: x\nlink: https://xn--zz.rakuten.co.jp/\n",
    "long-body.yaml": HEAD.replace("free", "paid") + "body: " + "あ" * 300000 + "\n",
    "many-graphemes.yaml": HEAD.replace("free", "paid") + "body: " + "e\u0301" * 100000 + "\n",
    "zalgo.yaml": HEAD.replace("free", "paid") + "body: a" + "\u0300" * 200000 + "\n",
    "bidi.yaml": HEAD.replace("free", "paid") + "body: \u202e\u2066abc\u2069\n",
    "dates-slashes.yaml": HEAD.replace("free", "paid") + "body: " + "1/1(月" * 60000 + "\n",  # PSH62x's scan
    "dates-many.yaml": HEAD.replace("free", "paid") + "body: " + "7/16(水)〜7/1(土)" * 130 + "\n",
    "campaign-escape.json": json.dumps(
        {
            "account": "paid",
            "publish_at": "2030-04-16 10:00",
            "body": "4/16〜" + ESC + "4/30まで",
            "campaign": {
                "type": "receipt",
                "follow_required": True,
                "name": ESC,
                "start": "2030-04-16 00:00",
                "end": "2030-04-30 23:59",
                "url": "https://event.rakuten.co.jp/\n::error::x" + ESC,
                "condition": "a\n::warning::b" + ESC,
            },
        }
    ),
    "campaign-periods.yaml": HEAD.replace("free", "paid")
    + "body: "
    + "4/1〜4/30まで、" * 30000
    + "\ncampaign: {type: other, start: 2030-04-16 00:00, end: 2030-04-20 23:59}\n",  # PSH64x's scan
    "images/truncated.yaml": HEAD.replace("free", "paid") + "body: x\nimage: ../truncated.jpg\n",
    "images/empty.yaml": HEAD.replace("free", "paid") + "body: x\nimage: ../empty.jpg\n",
    "images/png.yaml": HEAD.replace("free", "paid") + "body: x\nimage: ../png-named.jpg\n",
    "images/ps.yaml": HEAD.replace("free", "paid") + "body: x\nimage: ../postscript.jpg\n",
    "images/scans.yaml": HEAD.replace("free", "paid") + "body: x\nimage: ../scans.jpg\n",
    "images/huge-header.yaml": HEAD.replace("free", "paid") + "body: x\nimage: ../huge-header.jpg\n",
    "images/loop.yaml": HEAD.replace("free", "paid") + "body: x\nimage: ../loop.jpg\n",
    "images/outside.yaml": HEAD.replace("free", "paid") + "body: x\nimage: /etc/passwd\n",
    "images/dotdot.yaml": HEAD.replace("free", "paid") + "body: x\nimage: ../../../../etc/passwd\n",
    "images/nul.json": json.dumps(
        {"account": "paid", "publish_at": "2030-04-16 10:00", "body": "x", "image": "a\x00b"}
    ),
    "images/long.json": json.dumps(
        {"account": "paid", "publish_at": "2030-04-16 10:00", "body": "x", "image": "x" * 5000}
    ),
    "md/no-front.md": "just text\n",
    "md/ls-fence.md": "---\n" + HEAD + "x: 1\u2028---\nstatus: published\n---\nbody\n",
    "md/crlf.md": "---\r\n" + HEAD.replace("\n", "\r\n") + "---\r\n\r\nbody\r\n",
    "-option.yaml": HEAD + "body: a file name like an option\n",
    "--config=evil.yaml": HEAD + "body: another\n",
    "名前 with space %41 #x ?.yaml": HEAD + "body: 日本語のファイル名\n",
    "50%off.yaml": HEAD + "body: fifty\n",
}
ODD_NAMES = [
    os.fsdecode(b"not-utf8-\xff\xfe.yaml"),
    "new\nline.yaml",
    "esc\x1b[31mred.yaml",
    "tab\tname.yaml",
    "::error::name.yaml",
    "=cmd|' -C calc'!A0.yaml",
]


def build(root: Path) -> Path:
    """Write the hostile project into `root` (an empty folder); returns its pasha.toml."""
    posts = root / "posts"
    (posts / "images").mkdir(parents=True)
    (posts / "md").mkdir()
    (root / "pasha.toml").write_text(CONFIG, "utf-8")
    for name, data in IMAGES.items():
        (posts / name).write_bytes(data)
    for name, text in DRAFTS.items():
        (posts / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    if os.name != "nt":
        (posts / "loop.jpg").symlink_to(posts / "loop2.jpg")
        (posts / "loop2.jpg").symlink_to(posts / "loop.jpg")
        (posts / "self.yaml").symlink_to(posts / "self.yaml")
        for name in ODD_NAMES:
            (posts / name).write_text(HEAD + "body: odd name\n", "utf-8")
    return root / "pasha.toml"


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every file under root with its bytes (links: their target), to show what a command wrote."""
    found: dict[str, bytes | str] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                found[rel] = path.read_bytes()
    return found
