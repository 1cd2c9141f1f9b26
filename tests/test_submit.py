"""`pasha submit` edits the real file, exactly, once: byte-for-byte results over many draft shapes,
refusals that say why, symbolic links kept, the size limit, and concurrent runs that take turns."""

from __future__ import annotations

import errno
import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from pasha_cli.project.drafts import MAX_DRAFT_BYTES
from tests.conftest import Project, run

NOW = "2030-03-01 12:00"
AT = "2030-05-07 09:00"
STAMP = NOW  # submitted_at is written as the current time, to the minute


def _submit(project: Project, *paths: Path | str, now: str = NOW) -> Any:
    return run(["submit", *map(str, paths), "--config", str(project.root / "pasha.toml"), "--now", now])


# (id, file name, the draft, the draft after `pasha submit`, written out in full)
SHAPES: list[tuple[str, str, str | bytes, str | bytes]] = [
    # YAML, block mappings
    (
        "yaml-insert",
        "a.yaml",
        f"account: paid\npublish_at: {AT}\nbody: x\n",
        f"account: paid\npublish_at: {AT}\nstatus: submitted\nsubmitted_at: {STAMP}\nbody: x\n",
    ),
    (
        "yaml-replace-both",
        "a.yaml",
        f"account: paid\npublish_at: {AT}\nstatus: draft\nsubmitted_at: 2030-02-01 10:00\nbody: x\n",
        f"account: paid\npublish_at: {AT}\nstatus: submitted\nsubmitted_at: {STAMP}\nbody: x\n",
    ),
    (
        "yaml-status-elsewhere",
        "a.yaml",
        f"status: ready\naccount: paid\nbody: x\npublish_at: {AT}\n",
        f"status: submitted\nsubmitted_at: {STAMP}\naccount: paid\nbody: x\npublish_at: {AT}\n",
    ),
    (
        "yaml-comments-after-values",
        "a.yaml",
        f"# 夏\naccount: paid   # 有料\npublish_at: '{AT}'  # JST\nstatus: ready  # 承認済み\nbody: x # end\n",
        f"# 夏\naccount: paid   # 有料\npublish_at: '{AT}'  # JST\nstatus: submitted  # 承認済み\n"
        f"submitted_at: {STAMP}\nbody: x # end\n",
    ),
    (
        "yaml-comment-line-after-anchor",
        "a.yaml",
        f"account: paid\npublish_at: {AT}\n# the text:\nbody: x\n",
        f"account: paid\npublish_at: {AT}\nstatus: submitted\nsubmitted_at: {STAMP}\n# the text:\nbody: x\n",
    ),
    (
        "yaml-space-before-colon",
        "a.yaml",
        f"account : paid\npublish_at  :  {AT}\nstatus : draft\nbody : x\n",
        f"account : paid\npublish_at  :  {AT}\nstatus : submitted\nsubmitted_at : {STAMP}\nbody : x\n",
    ),
    (
        "yaml-tabs-and-trailing-spaces",
        "a.yaml",
        f"account: paid  \t\npublish_at:\t{AT}\t\nbody: x   \n",
        f"account: paid  \t\npublish_at:\t{AT}\t\nstatus:\tsubmitted\nsubmitted_at:\t{STAMP}\nbody: x   \n",
    ),
    (
        "yaml-quoted-keys",
        "a.yaml",
        f"\"account\": paid\n'publish_at': '{AT}'\n\"status\": draft\nbody: x\n",
        f'"account": paid\n\'publish_at\': \'{AT}\'\n"status": submitted\n"submitted_at": {STAMP}\nbody: x\n',
    ),
    (
        "yaml-quoted-keys-inserted",
        "a.yaml",
        f'"account": "paid"\n"publish_at": "{AT}"\n"body": "x"\n',
        f'"account": "paid"\n"publish_at": "{AT}"\n"status": "submitted"\n"submitted_at": "{STAMP}"\n"body": "x"\n',
    ),
    (
        "yaml-quoted-values",
        "a.yaml",
        f"account: paid\npublish_at: {AT}\nstatus: 'draft'\nsubmitted_at: \"2030-02-01 10:00\"\nbody: x\n",
        f"account: paid\npublish_at: {AT}\nstatus: 'submitted'\nsubmitted_at: \"{STAMP}\"\nbody: x\n",
    ),
    (
        "yaml-indented-top-level",
        "a.yaml",
        f"  account: paid\n  publish_at: {AT}\n  body: |\n    x\n",
        f"  account: paid\n  publish_at: {AT}\n  status: submitted\n  submitted_at: {STAMP}\n  body: |\n    x\n",
    ),
    (
        "yaml-value-on-next-line",
        "a.yaml",
        f"account: paid\npublish_at: {AT}\nstatus:\n  draft\nbody: x\n",
        f"account: paid\npublish_at: {AT}\nstatus:\n  submitted\nsubmitted_at: {STAMP}\nbody: x\n",
    ),
    (
        "yaml-anchor-is-a-block-scalar",
        "a.yaml",
        f"account: paid\npublish_at: |-\n  {AT}\n\nbody: x\n",
        f"account: paid\npublish_at: |-\n  {AT}\n\nstatus: submitted\nsubmitted_at: {STAMP}\nbody: x\n",
    ),
    (
        "yaml-anchor-is-folded",
        "a.yaml",
        "account: paid\npublish_at: >-\n  2030-05-07\n  09:00\nbody: x\n",
        f"account: paid\npublish_at: >-\n  2030-05-07\n  09:00\nstatus: submitted\nsubmitted_at: {STAMP}\nbody: x\n",
    ),
    (
        "yaml-body-holds-status-lines",
        "a.yaml",
        f"account: paid\nbody: |\n  status: draft\n  submitted_at: 2000-01-01 00:00\n  publish_at: x\npublish_at: {AT}\n",
        f"account: paid\nbody: |\n  status: draft\n  submitted_at: 2000-01-01 00:00\n  publish_at: x\npublish_at: {AT}\n"
        f"status: submitted\nsubmitted_at: {STAMP}\n",
    ),
    (
        "yaml-body-holds-status-lines-before-status",
        "a.yaml",
        f"body: |\n  status: draft\naccount: paid\npublish_at: {AT}\nstatus: draft\n",
        f"body: |\n  status: draft\naccount: paid\npublish_at: {AT}\nstatus: submitted\nsubmitted_at: {STAMP}\n",
    ),
    (
        "yaml-no-final-newline",
        "a.yaml",
        f"account: paid\nbody: x\npublish_at: {AT}",
        f"account: paid\nbody: x\npublish_at: {AT}\nstatus: submitted\nsubmitted_at: {STAMP}",
    ),
    (
        "yaml-no-final-newline-status-last",
        "a.yaml",
        f"account: paid\nbody: x\npublish_at: {AT}\nstatus: ready",
        f"account: paid\nbody: x\npublish_at: {AT}\nstatus: submitted\nsubmitted_at: {STAMP}",
    ),
    (
        "yaml-crlf",
        "a.yaml",
        f"account: paid\r\npublish_at: {AT}\r\nbody: |\r\n  a\r\n\r\n  b\r\n",
        f"account: paid\r\npublish_at: {AT}\r\nstatus: submitted\r\nsubmitted_at: {STAMP}\r\nbody: |\r\n  a\r\n\r\n  b\r\n",
    ),
    (
        "yaml-crlf-no-final-newline",
        "a.yaml",
        f"account: paid\r\nbody: x\r\npublish_at: {AT}",
        f"account: paid\r\nbody: x\r\npublish_at: {AT}\r\nstatus: submitted\r\nsubmitted_at: {STAMP}",
    ),
    (
        "yaml-bom",
        "a.yaml",
        f"\ufeffaccount: paid\npublish_at: {AT}\nbody: x\n".encode(),
        f"\ufeffaccount: paid\npublish_at: {AT}\nstatus: submitted\nsubmitted_at: {STAMP}\nbody: x\n".encode(),
    ),
    (
        "yaml-document-markers",
        "a.yml",
        f"--- # post\naccount: paid\npublish_at: {AT}\nbody: x\n...\n",
        f"--- # post\naccount: paid\npublish_at: {AT}\nstatus: submitted\nsubmitted_at: {STAMP}\nbody: x\n...\n",
    ),
    (
        "yaml-unused-anchor-elsewhere",
        "a.yaml",
        f"account: &shop paid\npublish_at: {AT}\nbody: x\n",
        f"account: &shop paid\npublish_at: {AT}\nstatus: submitted\nsubmitted_at: {STAMP}\nbody: x\n",
    ),
    (
        "yaml-escaped-key",
        "a.yaml",
        f'account: paid\npublish_at: {AT}\n"st\\x61tus": draft\nbody: x\n',
        f'account: paid\npublish_at: {AT}\n"st\\x61tus": submitted\n"submitted_at": {STAMP}\nbody: x\n',
    ),
    # YAML, flow mappings
    (
        "yaml-flow-one-line",
        "a.yaml",
        f"{{account: paid, publish_at: {AT}, body: x}}\n",
        f"{{account: paid, publish_at: {AT}, status: submitted, submitted_at: {STAMP}, body: x}}\n",
    ),
    (
        "yaml-flow-status-present",
        "a.yaml",
        f"{{account: paid, status: draft, publish_at: '{AT}', body: x}}",
        f"{{account: paid, status: submitted, submitted_at: {STAMP}, publish_at: '{AT}', body: x}}",
    ),
    (
        "yaml-flow-lines-trailing-comma",
        "a.yaml",
        f"{{\n  account: paid,\n  body: x,\n  publish_at: {AT},\n}}\n",
        f"{{\n  account: paid,\n  body: x,\n  publish_at: {AT},\n  status: submitted,\n  submitted_at: {STAMP},\n}}\n",
    ),
    (
        "yaml-flow-comment-in-gap",
        "a.yaml",
        f"{{account: paid, # shop\n publish_at: {AT},\n body: x}}\n",
        f"{{account: paid, # shop\n publish_at: {AT},\n status: submitted,\n submitted_at: {STAMP},\n body: x}}\n",
    ),
    (
        "yaml-json-shaped",
        "a.yaml",
        f'{{"account": "paid", "publish_at": "{AT}", "body": "x"}}\n',
        f'{{"account": "paid", "publish_at": "{AT}", "status": "submitted", "submitted_at": "{STAMP}", "body": "x"}}\n',
    ),
    # JSON
    (
        "json-compact",
        "a.json",
        f'{{"account":"paid","publish_at":"{AT}","body":"x"}}',
        f'{{"account":"paid","publish_at":"{AT}","status":"submitted","submitted_at":"{STAMP}","body":"x"}}',
    ),
    (
        "json-pretty-publish-at-last",
        "a.json",
        f'{{\n  "account": "paid",\n  "body": "x",\n  "publish_at": "{AT}"\n}}\n',
        f'{{\n  "account": "paid",\n  "body": "x",\n  "publish_at": "{AT}",\n  "status": "submitted",\n'
        f'  "submitted_at": "{STAMP}"\n}}\n',
    ),
    (
        "json-pretty-publish-at-first",
        "a.json",
        f'{{\n    "publish_at": "{AT}",\n    "account": "paid",\n    "body": "x"\n}}',
        f'{{\n    "publish_at": "{AT}",\n    "status": "submitted",\n    "submitted_at": "{STAMP}",\n'
        '    "account": "paid",\n    "body": "x"\n}',
    ),
    (
        "json-replace-both",
        "a.json",
        f'{{ "account" : "paid" , "status" : "ready" , "submitted_at" : "2030-02-01 10:00" , "publish_at" : "{AT}" , "body" : "x" }}',
        f'{{ "account" : "paid" , "status" : "submitted" , "submitted_at" : "{STAMP}" , "publish_at" : "{AT}" , "body" : "x" }}',
    ),
    (
        "json-tabs",
        "a.json",
        f'{{\n\t"account":\t"paid",\n\t"publish_at":\t"{AT}",\n\t"body":\t"x"\n}}\n',
        f'{{\n\t"account":\t"paid",\n\t"publish_at":\t"{AT}",\n\t"status":\t"submitted",\n'
        f'\t"submitted_at":\t"{STAMP}",\n\t"body":\t"x"\n}}\n',
    ),
    (
        "json-comma-first",
        "a.json",
        f'{{ "account": "paid"\n, "publish_at": "{AT}"\n, "body": "x"\n}}\n',
        f'{{ "account": "paid"\n, "publish_at": "{AT}"\n, "status": "submitted"\n, "submitted_at": "{STAMP}"\n'
        ', "body": "x"\n}\n',
    ),
    (
        "json-crlf",
        "a.json",
        f'{{\r\n  "account": "paid",\r\n  "body": "x",\r\n  "publish_at": "{AT}"\r\n}}\r\n',
        f'{{\r\n  "account": "paid",\r\n  "body": "x",\r\n  "publish_at": "{AT}",\r\n  "status": "submitted",\r\n'
        f'  "submitted_at": "{STAMP}"\r\n}}\r\n',
    ),
    (
        "json-cr-only",
        "a.json",
        f'{{\r  "account": "paid",\r  "publish_at": "{AT}",\r  "body": "x"\r}}\r',
        f'{{\r  "account": "paid",\r  "publish_at": "{AT}",\r  "status": "submitted",\r  "submitted_at": "{STAMP}",\r'
        '  "body": "x"\r}\r',
    ),
    (
        "json-bom",
        "a.json",
        f'\ufeff{{"account": "paid", "publish_at": "{AT}", "body": "x"}}\n'.encode(),
        f'\ufeff{{"account": "paid", "publish_at": "{AT}", "status": "submitted", "submitted_at": "{STAMP}", '
        '"body": "x"}\n'.encode(),
    ),
    (
        "json-strings-that-look-like-fields",
        "a.json",
        f'{{"account": "paid", "body": "\\"status\\": \\"draft\\",\\n\\"publish_at\\": 1", "publish_at": "{AT}"}}',
        f'{{"account": "paid", "body": "\\"status\\": \\"draft\\",\\n\\"publish_at\\": 1", "publish_at": "{AT}", '
        f'"status": "submitted", "submitted_at": "{STAMP}"}}',
    ),
    (
        "json-escaped-key",
        "a.json",
        f'{{"account": "paid", "st\\u0061tus": "draft", "publish_at": "{AT}", "body": "x"}}',
        f'{{"account": "paid", "st\\u0061tus": "submitted", "submitted_at": "{STAMP}", "publish_at": "{AT}", "body": "x"}}',
    ),
    (
        "json-one-field-per-line-no-final-newline",
        "a.json",
        f'{{"account": "paid",\n"publish_at": "{AT}",\n"body": "x"}}',
        f'{{"account": "paid",\n"publish_at": "{AT}",\n"status": "submitted",\n"submitted_at": "{STAMP}",\n"body": "x"}}',
    ),
    # Markdown front matter
    (
        "md-insert",
        "a.md",
        f"---\naccount: paid\npublish_at: {AT}\n---\n本文\nstatus: draft\n",
        f"---\naccount: paid\npublish_at: {AT}\nstatus: submitted\nsubmitted_at: {STAMP}\n---\n本文\nstatus: draft\n",
    ),
    (
        "md-dots-close",
        "a.md",
        f"---\naccount: paid\npublish_at: {AT}\nstatus: ready\n...\n\n本文\n",
        f"---\naccount: paid\npublish_at: {AT}\nstatus: submitted\nsubmitted_at: {STAMP}\n...\n\n本文\n",
    ),
    (
        "md-fences-with-blanks",
        "a.md",
        f"--- \t\naccount: paid\npublish_at: {AT}\n---  \n本文",
        f"--- \t\naccount: paid\npublish_at: {AT}\nstatus: submitted\nsubmitted_at: {STAMP}\n---  \n本文",
    ),
    (
        "md-crlf-bom",
        "a.md",
        f"\ufeff---\r\naccount: paid\r\npublish_at: {AT}\r\n---\r\n本文\r\n".encode(),
        f"\ufeff---\r\naccount: paid\r\npublish_at: {AT}\r\nstatus: submitted\r\nsubmitted_at: {STAMP}\r\n---\r\n本文\r\n".encode(),
    ),
    (
        "md-indented-front-matter",
        "a.md",
        f"---\n  account: paid\n  publish_at: {AT}\n---\n---\nstatus: draft\n",
        f"---\n  account: paid\n  publish_at: {AT}\n  status: submitted\n  submitted_at: {STAMP}\n---\n---\nstatus: draft\n",
    ),
    (
        "md-flow-front-matter",
        "a.md",
        f"---\n{{account: paid, publish_at: '{AT}'}}\n---\n本文\n",
        f"---\n{{account: paid, publish_at: '{AT}', status: 'submitted', submitted_at: '{STAMP}'}}\n---\n本文\n",
    ),
]


def _bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode()


@pytest.mark.sample(12)
@pytest.mark.parametrize(("name", "original", "expected"), [s[1:] for s in SHAPES], ids=[s[0] for s in SHAPES])
def test_submit_splices_exactly_the_two_fields(
    project: Project, name: str, original: str | bytes, expected: str | bytes
) -> None:
    path = project.write(f"posts/{name}", _bytes(original))
    result = _submit(project, path)
    assert result.exit_code == 0, result.output
    assert "Recorded" in result.output
    assert path.read_bytes() == _bytes(expected)
    assert project.validate()[0] == 0  # the edited draft reads and is clean
    again = _submit(project, path)
    assert again.exit_code == 0 and "is submitted" in again.output and path.read_bytes() == _bytes(expected)


NEAR_LIMIT = f"account: paid\npublish_at: {AT}\nbody: x\n# "
NEAR_LIMIT += "x" * (MAX_DRAFT_BYTES - 20 - len(NEAR_LIMIT)) + "\n"  # the edit adds 46 bytes

# (id, file name, the draft, what the refusal says): the file stays as it was
REFUSED: list[tuple[str, str, str, str]] = [
    ("anchor-on-status", "a.yaml", f"account: paid\npublish_at: {AT}\nstatus: &s draft\nbody: x\n", "anchor or tag"),
    (
        "anchor-on-status-key",
        "a.yaml",
        f"account: paid\npublish_at: {AT}\n&k status: draft\nbody: x\n",
        "anchor or tag",
    ),
    ("tag-on-status", "a.yaml", f"account: paid\npublish_at: {AT}\nstatus: !!str ready\nbody: x\n", "anchor or tag"),
    (
        "tag-on-submitted-at",
        "a.yaml",
        f"account: paid\npublish_at: {AT}\nsubmitted_at: !!str 2030-02-01 10:00\nbody: x\n",
        "anchor or tag",
    ),
    (
        "block-status",
        "a.yaml",
        f"account: paid\npublish_at: {AT}\nstatus: |-\n  draft\nbody: x\n",
        "not a one-line value",
    ),
    (
        "folded-submitted-at",
        "a.yaml",
        f"account: paid\npublish_at: {AT}\nsubmitted_at: >-\n  2030-02-01 10:00\nbody: x\n",
        "not a one-line value",
    ),
    ("edit-would-pass-the-size-limit", "a.yaml", NEAR_LIMIT, f"over the {MAX_DRAFT_BYTES:,}-byte limit"),
    (
        "two-documents",
        "a.yaml",
        f"account: paid\npublish_at: {AT}\nbody: x\n---\nstatus: draft\n",
        "not a readable draft",
    ),
]


@pytest.mark.parametrize(("name", "original", "says"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_submit_refuses_what_it_cannot_splice_and_says_why(
    project: Project, name: str, original: str, says: str
) -> None:
    path = project.write(f"posts/{name}", original)
    result = _submit(project, path)
    assert result.exit_code == 1, result.output
    assert says in result.stderr and "Recorded" not in result.output
    assert path.read_bytes() == original.encode()


def test_the_draft_near_the_limit_is_valid_before_the_edit(project: Project) -> None:
    path = project.write("posts/a.yaml", NEAR_LIMIT)
    assert len(path.read_bytes()) <= MAX_DRAFT_BYTES and project.validate()[0] == 0


# (id, where the link is, where it leads, chained through): the target is edited, every link stays a link
LINKS = [
    ("to-a-file-outside-the-drafts", "posts/link.yaml", "store/real.yaml", ()),
    ("to-another-draft", "posts/link.yaml", "posts/real.yaml", ()),
    ("through-a-chain", "posts/link.yaml", "store/real.yaml", ("store/hop.yaml", "posts/sub/hop2.yaml")),
]


@pytest.mark.parametrize(("link", "target", "hops"), [c[1:] for c in LINKS], ids=[c[0] for c in LINKS])
def test_submit_through_a_symbolic_link_edits_its_target(
    project: Project, link: str, target: str, hops: tuple[str, ...]
) -> None:
    original = f"account: paid\npublish_at: {AT}\nbody: x\n"
    real = project.write(target, original)
    chain = [project.root / p for p in (link, *hops)]
    for here, there in zip(chain, [*chain[1:], real], strict=True):
        here.parent.mkdir(parents=True, exist_ok=True)
        here.symlink_to(os.path.relpath(there, here.parent))
    result = _submit(project, project.root / link)
    assert result.exit_code == 0, result.output
    assert real.read_text() == f"account: paid\npublish_at: {AT}\nstatus: submitted\nsubmitted_at: {STAMP}\nbody: x\n"
    assert all(p.is_symlink() for p in chain)
    assert sorted(p.name for p in real.parent.iterdir()) == sorted(
        {real.name, *(p.name for p in chain if p.parent == real.parent)}
    )


def test_submit_of_a_link_leading_out_of_the_project_changes_nothing(project: Project, tmp_path_factory: Any) -> None:
    outside = tmp_path_factory.mktemp("outside") / "a.yaml"
    outside.write_text(f"account: paid\npublish_at: {AT}\nbody: x\n")
    link = project.root / "posts" / "a.yaml"
    link.symlink_to(outside)
    result = _submit(project, link)
    assert result.exit_code == 1 and "Recorded" not in result.output
    assert link.is_symlink() and outside.read_text() == f"account: paid\npublish_at: {AT}\nbody: x\n"


def test_submit_refuses_a_file_with_other_hard_links(project: Project) -> None:
    path = project.draft("a.yaml", f"account: paid\npublish_at: {AT}\nbody: x\n")
    os.link(path, project.root / "copy.yaml")
    result = _submit(project, path)
    assert result.exit_code == 1 and "hard links" in result.stderr
    assert path.read_text() == (project.root / "copy.yaml").read_text() == f"account: paid\npublish_at: {AT}\nbody: x\n"


def test_submit_keeps_the_file_mode(project: Project) -> None:
    path = project.draft("a.yaml", f"account: paid\npublish_at: {AT}\nbody: x\n")
    path.chmod(0o640)
    assert _submit(project, path).exit_code == 0
    assert path.stat().st_mode & 0o777 == 0o640


def _no_locks(*_: Any) -> None:
    raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))


# How the file is guarded: flock; no fcntl module (Windows): the re-read checks alone; a file system
# whose flock fails (some network mounts): the same
LOCKING = ["flock", "no-fcntl", "file-system-without-locks"]


@pytest.fixture(params=LOCKING)
def locking(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "no-fcntl":
        monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` raises ImportError, as on Windows
    elif request.param == "file-system-without-locks":
        import fcntl

        monkeypatch.setattr(fcntl, "flock", _no_locks)
    return str(request.param)


def test_submit_records_however_the_file_is_guarded(project: Project, locking: str) -> None:
    path = project.draft("a.yaml", f"account: paid\npublish_at: {AT}\nbody: x\n")
    result = _submit(project, path)
    assert result.exit_code == 0 and "Recorded" in result.output, (locking, result.output)
    assert path.read_text() == f"account: paid\npublish_at: {AT}\nstatus: submitted\nsubmitted_at: {STAMP}\nbody: x\n"


# A change between the check and the write: (id, the moment it happens)
CHANGES = [
    ("after-validation", "pasha_cli.engine.validate"),
    ("after-the-edit-was-made", "pasha_cli.plan.submit.edited"),
]


@pytest.mark.parametrize("moment", [c[1] for c in CHANGES], ids=[c[0] for c in CHANGES])
def test_submit_refuses_a_file_changed_after_it_was_checked(
    project: Project, monkeypatch: pytest.MonkeyPatch, moment: str, locking: str
) -> None:
    path = project.draft("a.yaml", f"account: paid\npublish_at: {AT}\nbody: x\n")
    saved = f"account: paid\npublish_at: {AT}\nbody: y  # saved in an editor meanwhile\n"
    module, _, name = moment.rpartition(".")
    real = getattr(__import__(module, fromlist=[name]), name)

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        value = real(*args, **kwargs)
        path.write_text(saved)
        return value

    monkeypatch.setattr(f"{module}.{name}", meanwhile)
    result = _submit(project, path)
    assert result.exit_code == 1 and "changed after it was checked" in result.stderr, result.output
    assert path.read_text() == saved
    assert [p.name for p in path.parent.iterdir()] == ["a.yaml"]  # no temporary file left


def test_submit_a_disk_that_refuses_the_write_is_a_clean_exit_2(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project.draft("a.yaml", f"account: paid\npublish_at: {AT}\nbody: x\n")

    def read_only(*_: Any) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "replace", read_only)  # as a read-only or full disk fails the rename
    result = _submit(project, path)
    assert result.exit_code == 2 and "Cannot write" in result.stderr and os.strerror(errno.EROFS) in result.stderr
    assert path.read_text() == f"account: paid\npublish_at: {AT}\nbody: x\n"
    assert [p.name for p in path.parent.iterdir()] == ["a.yaml"]


def _race(barrier: Any, queue: Any, config: str, draft: str, now: str) -> None:
    barrier.wait()
    result = run(["submit", draft, "--config", config, "--now", now])
    queue.put((now, result.exit_code, result.output))


RACERS = 4
ROUNDS = 8


@pytest.mark.slow
def test_concurrent_submits_record_once(project: Project) -> None:
    """Real processes started at once on one draft, each with its own clock: exactly one records,
    the others find it submitted, and the file holds the one stamp that was reported."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    config = str(project.root / "pasha.toml")
    for round_ in range(ROUNDS):
        path = project.draft(f"r{round_}.yaml", f"account: paid\npublish_at: {AT}\nbody: x\n")
        barrier, queue = context.Barrier(RACERS), context.Queue()
        stamps = [f"2030-03-01 12:{n:02d}" for n in range(RACERS)]
        racers = [context.Process(target=_race, args=(barrier, queue, config, str(path), s)) for s in stamps]
        for racer in racers:
            racer.start()
        results = [queue.get(timeout=120) for _ in racers]
        for racer in racers:
            racer.join(timeout=60)
        recorded = [now for now, code, output in results if "Recorded" in output]
        assert len(recorded) == 1, (round_, results)
        assert all(code == 0 for _, code, _ in results), results
        assert (
            path.read_text()
            == f"account: paid\npublish_at: {AT}\nstatus: submitted\nsubmitted_at: {recorded[0]}\nbody: x\n"
        )


# Generated shapes, rendered by a renderer of their own: every format x line ending x final line break
# x BOM x field order x which of the two fields are present. The expected file is the same renderer's
# output with status set (or inserted after publish_at) and submitted_at set (or inserted after status).
FORMATS = {
    "yaml-block": ("a.yaml", lambda pairs, nl: nl.join(f"{k}: {v}" for k, v in pairs)),
    "yaml-flow": ("a.yaml", lambda pairs, nl: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"),
    "yaml-flow-lines": (
        "a.yaml",
        lambda pairs, nl: "{" + nl + ("," + nl).join(f"  {k}: {v}" for k, v in pairs) + nl + "}",
    ),
    "json-pretty": (
        "a.json",
        lambda pairs, nl: "{" + nl + ("," + nl).join(f'    "{k}": "{v}"' for k, v in pairs) + nl + "}",
    ),
    "json-compact": ("a.json", lambda pairs, nl: "{" + ",".join(f'"{k}":"{v}"' for k, v in pairs) + "}"),
    "markdown": (
        "a.md",
        lambda pairs, nl: "---" + nl + "".join(f"{k}: {v}{nl}" for k, v in pairs) + "---" + nl + "本文",
    ),
}
ORDERS = [
    ("account", "publish_at", "status", "submitted_at", "body"),
    ("status", "body", "account", "publish_at"),
    ("publish_at", "account", "body"),
    ("body", "submitted_at", "account", "publish_at"),
    ("account", "body", "publish_at"),
    ("submitted_at", "status", "publish_at", "account", "body"),
]
VALUES = {"account": "paid", "publish_at": AT, "status": "ready", "submitted_at": "2030-02-01 10:00", "body": "x"}


def _after_submit(order: tuple[str, ...]) -> list[str]:
    keys = list(order)
    if "status" not in keys:
        keys.insert(keys.index("publish_at") + 1, "status")
    if "submitted_at" not in keys:
        keys.insert(keys.index("status") + 1, "submitted_at")
    return keys


@pytest.mark.parametrize("shape", list(FORMATS))
def test_generated_shapes_change_exactly_the_two_values(shape: str) -> None:
    from pasha_cli.plan.submit import edited
    from pasha_cli.project.drafts import Draft, parse_text

    name, render = FORMATS[shape]
    checked = 0
    for order in ORDERS:
        keys = [k for k in order if not (shape == "markdown" and k == "body")]
        for nl in ("\n", "\r\n", *(("\r",) if name.endswith(".json") else ())):
            for final in ("", nl):
                for bom in (b"", b"\xef\xbb\xbf"):
                    case = (order, nl, final, bom)
                    raw = bom + (render([(k, VALUES[k]) for k in keys], nl) + final).encode()
                    draft = parse_text(Path(name), name, raw[len(bom) :].decode())
                    assert isinstance(draft, Draft), case
                    new = {**VALUES, "status": "submitted", "submitted_at": STAMP}
                    expected = bom + (render([(k, new[k]) for k in _after_submit(tuple(keys))], nl) + final).encode()
                    assert edited(draft, raw, STAMP) == expected, case
                    checked += 1
    assert checked == len(ORDERS) * (3 if name.endswith(".json") else 2) * 2 * 2
