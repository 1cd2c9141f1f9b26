"""`pasha init` and `pasha new`: a project and drafts to start from, never over a user's file."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import shutil
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from pasha_cli.atomic import write_atomic
from pasha_cli.engine import load_project
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import t
from pasha_cli.model import STATUSES, LocalText
from pasha_cli.outputs import draft_pattern, enclosing_project, landing, refuse_new_draft_place, write_failed
from pasha_cli.plan.slots import HORIZON_DAYS, slots
from pasha_cli.project.config import Config, load_config
from pasha_cli.project.drafts import Draft
from pasha_cli.project.locate import CONFIG_NAME
from pasha_cli.project.open import check_account
from pasha_cli.project.schema_check import schema_path
from pasha_cli.timeutil import DAY_FORMAT, MINUTE_FORMAT, MONTH_FORMAT, SECOND_FORMAT

L = LocalText
SCHEMA_DIR = ".pasha"  # copies of the schemas, for editors (yaml-language-server, Taplo)

DRAFT_COMMENTS = {
    "head": L(
        "# pasha の下書き。`pasha validate` で検査し、`pasha rules` で各ルールの説明を表示します。",
        "# A pasha draft. `pasha validate` checks it; `pasha rules` explains each check.",
    ),
    "account": L("pasha.toml のアカウント ID", "an account ID from pasha.toml"),
    "publish_at": L(
        "公開日時（日本時間）。設定期限: {deadline}", "publication time (Japan time); set-up deadline: {deadline}"
    ),
    "status": L(" | ".join(STATUSES), " | ".join(STATUSES)),
    "id": L(
        "カレンダー（pasha ics）でのこの投稿の ID。ファイルを移動・改名しても変えず、下書きをコピーしたら変えてください",
        "this post's identity in the calendar feed (pasha ics): keep it when you move or rename the file; "
        "change it in a copy",
    ),
    "body": L(
        "本文: {limit:,} 文字まで。タイムラインには先頭 {digest} 文字が表示されます",
        "the body: at most {limit:,} characters; the timeline shows the first {digest}",
    ),
    "body_text": L("ここに本文を書きます。", "Write the post here."),
    "image": L(
        "タイムライン画像: JPEG、幅 {width} px 以上、{bytes:,} バイト以下（`pasha image fit` で作れます）",
        "timeline image: a JPEG, at least {width} px wide, at most {bytes:,} bytes",
    ),
    "link": L(
        "リンク: 楽天のドメインかアカウントの link_domains",
        "link: a Rakuten domain or one of the account's link_domains",
    ),
}


def _relative(target: Path, folder: Path) -> str:
    return PurePosixPath(os.path.relpath(target, folder).replace(os.sep, "/")).as_posix()


def schema_reference(config_root: Path, draft_folder: Path) -> str:
    """The schema for a draft's modeline: the project's copy when it has one, else the installed file."""
    local = config_root / SCHEMA_DIR / "post.schema.json"
    if local.is_file():
        return _relative(local, draft_folder)
    return schema_path("post.schema.json").as_uri()


def draft_text(
    config: Config, account: str, when: datetime, deadline: datetime, schema: str, lang: str, ident: str | None = None
) -> str:
    """A new draft's text; `ident` is its `id` (a fresh random UUID when not given)."""
    spec = config.spec
    c = {k: v.get(lang) for k, v in DRAFT_COMMENTS.items()}
    publish = when.strftime(MINUTE_FORMAT)
    rows = [
        f"# yaml-language-server: $schema={schema}",
        c["head"],
        f"account: {account}  # {c['account']}",
        f"publish_at: {publish}  # {c['publish_at'].format(deadline=deadline.strftime(SECOND_FORMAT))}",
        f"status: draft  # {c['status']}",
        f"id: {ident or uuid.uuid4()}  # {c['id']}",
        f"# {c['body'].format(limit=spec.body_max_chars, digest=spec.digest_chars)}",
        "body: |",
        f"  {c['body_text']}",
        f"# image: photo.jpg  # {c['image'].format(width=spec.timeline_image_min_width, bytes=spec.timeline_image_max_bytes)}",
        f"# link: https://www.rakuten.co.jp/  # {c['link']}",
    ]
    return "\n".join(rows) + "\n"


def draft_folder(config: Config) -> Path:
    """Where new drafts go: the leading folders of the first draft pattern, up to its first wildcard."""
    parts = PurePosixPath(config.drafts[0]).parts[:-1]
    leading = []
    for part in parts:
        if any(ch in part for ch in "*?["):
            break
        leading.append(part)
    return config.root.joinpath(*leading)


def unused_path(path: Path) -> Path:
    """`path`, or the first of path-2, path-3, ... that does not exist: never over a user's file."""
    if not path.exists():
        return path
    for n in range(2, 1000):
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(path)


def write_new(path: Path, text: str) -> None:
    """Create a file atomically; refuse when it already exists, even when it appears meanwhile."""
    write_atomic(path, text.encode("utf-8"), replace=False)


CONFIG_TEMPLATE = """\
#:schema ./{schema_dir}/config.schema.json
# pasha project config: `pasha validate` checks every draft named by `drafts`.
drafts = ["posts/**/*.yaml", "posts/**/*.yml", "posts/**/*.md", "posts/**/*.json"]
lead_business_days = 3
closure_days = ["12-29", "12-30", "12-31", "01-01", "01-02", "01-03"]
default_publish_time = "10:00"

[accounts.{account}]
name = "{name}"
plan = "{plan}"                    # free | paid
link_domains = []                  # the brand's own domains, e.g. ["example.co.jp"]
# category = "food"                # cosmetics | quasi_drug | health_food | food | general: its wording checks
# icon = "account/icon.jpg"        # JPEG, square, at least 150 x 150 px
# top_image = "account/top.jpg"    # JPEG, at least 1200 px wide
# info_images = ["account/info-1.jpg"]

# [[maintenance]]                  # windows announced after the shipped schedule: [start, end)
# start = 2030-01-07T01:00:00+09:00
# end = 2030-01-07T06:00:00+09:00
"""

PRE_COMMIT_TEMPLATE = """\
# pre-commit hooks: `pre-commit install` once, then every commit runs `pasha validate` on the
# changed drafts, images and config. pre-commit shows a hook's output only when it fails: run
# `pre-commit run pasha-validate --all-files --verbose` to see warnings too.
repos:
  - repo: local
    hooks:
      - id: pasha-validate
        name: pasha validate
        entry: pasha validate --pre-commit
        args: ["--"]  # keep "--" last if you add options: file names come after it
        language: system
        always_run: true  # a commit that only deletes an image a draft uses is checked too
        require_serial: true
        types: []  # pre-commit's default [file] would leave out symbolic links
        types_or: [file, symlink]  # every changed file: a draft may name an image of any name; pasha sorts them
"""


SCHEMA_FILES = ("post.schema.json", "config.schema.json", "terms.schema.json")  # the last: a project's own term files


class NewDraft(NamedTuple):
    path: Path
    when: datetime
    deadline: datetime
    text: str


def plan_draft(
    config: Config,
    account: str,
    now: datetime,
    start: date | None,
    output: Path | None,
    lang: str,
    calm: bool = False,
    local_schema: bool = False,
) -> NewDraft:
    """A draft for `account`'s first valid slot (on or after `start`), not yet written. `calm` (the
    sample of `pasha init`) takes the first slot whose deadline is not yet "soon" (PSH304), so a new
    project validates clean."""
    drafts = [d for d in load_project(config) if isinstance(d, Draft)] if config.root.is_dir() else []
    if calm:
        start = _first_calm_day(config, now)
    when = next(slots(config, account, drafts, now, start), None)
    if when is None:
        raise PashaUsageError(t("new-no-slot", account=account, days=HORIZON_DAYS))
    deadline = config.deadline(when.date())
    path = output or unused_path(
        draft_folder(config) / when.strftime(MONTH_FORMAT) / f"{when:{DAY_FORMAT}}-{account}.yaml"
    )
    if os.path.lexists(path):
        raise PashaUsageError(t("new-exists", path=str(path)))
    schema = (
        _relative(config.root / SCHEMA_DIR / "post.schema.json", path.parent)
        if local_schema  # init writes it
        else schema_reference(config.root, path.parent.resolve())
    )
    return NewDraft(path, when, deadline, draft_text(config, account, when, deadline, schema, lang))


def _first_calm_day(config: Config, now: datetime) -> date:
    """The first day whose set-up deadline is more than the "soon" business days away."""
    soon = config.spec.deadline_soon_business_days
    day = now.date()
    for _ in range(60):  # a week or two in practice; past that, the plain first slot
        if config.calendar.business_days_after(now.date(), config.deadline(day).date(), at_most=soon) > soon:
            return day
        day += timedelta(days=1)
    return now.date()


def new_draft(
    config: Config, account: str, now: datetime, start: date | None, output: Path | None, lang: str
) -> NewDraft:
    """Write a draft for `account`'s first valid slot (on or after `start`); never over a file."""
    made = plan_draft(config, account, now, start, output, lang)
    write_new(made.path, made.text)
    return made


def make_new_draft(
    config: Config, account: str, now: datetime, start: date | None, output: Path | None, lang: str
) -> NewDraft:
    """`pasha new`: new_draft() for an account the config defines, at a place the project checks;
    a failed write is exit 2 naming the file."""
    check_account(config, account)
    if output is not None:
        refuse_new_draft_place(output, config)
    try:
        return new_draft(config, account, now, start, output, lang)
    except (OSError, ValueError) as exc:  # read-only, a name too long, not a folder
        raise write_failed(output or config.root / "posts", exc) from None


class Made(NamedTuple):
    """What `pasha init` wrote, what it kept, and its sample draft."""

    written: list[Path]
    kept: list[Path]
    sample: NewDraft


def init_project(folder: Path, account: str, name: str | None, plan: str, now: datetime, lang: str) -> Made:
    """`pasha init`: every file checked and made in memory first; a failed write removes what it made."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", account):
        raise PashaUsageError(t("init-bad-account", account=account))
    shown_name = json.dumps(name or account, ensure_ascii=False)[1:-1]
    try:
        files, sample = plan_project(folder, account, shown_name, plan, now, lang)
        preflight(files)
        written, kept = write_project(files)
    except (OSError, ValueError) as exc:  # read-only, full, a name too long or with a NUL
        raise write_failed(getattr(exc, "filename", None) or folder, exc) from None
    return Made(written, kept, sample)


class Planned(NamedTuple):
    """A file `pasha init` writes. `keep`: an existing one is kept (the hook config); `refresh`: an
    existing one is replaced (the schema copies, ours); else an existing one is refused."""

    path: Path
    data: bytes
    keep: bool = False
    refresh: bool = False


def plan_project(
    folder: Path, account: str, name: str, plan: str, now: datetime, lang: str
) -> tuple[list[Planned], NewDraft]:
    """Every file of a new project with its content, before anything is written."""
    config_path = folder.absolute() / CONFIG_NAME
    text = CONFIG_TEMPLATE.format(schema_dir=SCHEMA_DIR, account=account, name=name, plan=plan)
    config = load_config(config_path, text)
    sample = plan_draft(config, account, now, None, None, lang, calm=True, local_schema=True)
    return [
        Planned(config_path, text.encode("utf-8")),
        *(
            Planned(config.root / SCHEMA_DIR / file, schema_path(file).read_bytes(), refresh=True)
            for file in SCHEMA_FILES
        ),
        Planned(config.root / ".pre-commit-config.yaml", PRE_COMMIT_TEMPLATE.encode("utf-8"), keep=True),
        Planned(sample.path, sample.text.encode("utf-8")),
    ], sample


def preflight(files: list[Planned]) -> None:
    """Refuse before writing anything: an existing file that is neither kept nor ours, or a file
    where a folder must be."""
    for planned in files:
        for parent in planned.path.parents:
            if os.path.lexists(parent) and not parent.is_dir():
                raise PashaUsageError(t("init-not-folder", path=str(parent)))
        if os.path.lexists(planned.path) and not (planned.keep or planned.refresh):
            raise PashaUsageError(t("init-exists", path=str(planned.path)))
    _refuse_inside_drafts(files)


def _refuse_inside_drafts(files: list[Planned]) -> None:
    """A project made inside another's drafts folder: the outer project would read the new one's
    sample and schema files as its own (broken) drafts."""
    outer = enclosing_project(files[0].path.parent)
    if outer is None:
        return
    for planned in files:
        pattern = draft_pattern(landing(planned.path), outer.root, outer.patterns)
        if pattern is not None:
            raise PashaUsageError(t("init-inside-drafts", path=str(planned.path), pattern=pattern))


def write_project(files: list[Planned]) -> tuple[list[Path], list[Path]]:
    """Write every planned file; (written, kept). On any failure what this run created is removed
    again (files, then the folders it made, when empty), so a second `pasha init` starts over."""
    created: list[Path] = []
    folders: list[Path] = []
    written: list[Path] = []
    kept: list[Path] = []
    try:
        for planned in files:
            if planned.keep and os.path.lexists(planned.path):
                kept.append(planned.path)
                continue
            folders += _make_folders(planned.path.parent)
            existed = os.path.lexists(planned.path)
            write_atomic(planned.path, planned.data, replace=planned.refresh)
            written.append(planned.path)
            if not existed:
                created.append(planned.path)
    except BaseException:
        for path in reversed(created):
            with contextlib.suppress(OSError):
                path.unlink()
        for folder in reversed(folders):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only an empty one: never a folder with a user's file in it
        raise
    return written, kept


def _make_folders(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; the ones created, outermost first."""
    missing = []
    while not os.path.lexists(folder):
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
    return list(reversed(missing))


def next_steps(folder: Path, cwd: Path, known_until: date | None = None) -> list[tuple[str, LocalText]]:
    """The commands a newcomer runs next, in order, each with why: they end with a working hook and
    a clean first commit. Only the steps this machine still needs. `known_until`: the last day whose
    maintenance is known, when the sample is published after it (its one finding is PSH305 then)."""
    steps: list[tuple[str, LocalText]] = []
    place = os.path.relpath(folder.absolute(), cwd.absolute())
    if place.startswith("-"):  # `cd -x` is an option to the shell, `cd -` the last folder
        place = os.path.join(".", place)
    if place != ".":
        steps.append((f"cd {shlex.quote(place)}", t("init-step-cd")))
    if not _in_git(folder.absolute()):
        steps.append(("git init", t("init-step-git")))
    if shutil.which("pre-commit") is None:
        steps.append(("python3 -m pip install pre-commit", t("init-step-get-pre-commit")))
    steps.append(("pre-commit install", t("init-step-hook")))
    if known_until is None:
        steps.append(("pasha validate", t("init-step-validate")))
    else:
        steps.append(("pasha validate", t("init-step-validate-beyond", date=known_until.isoformat())))
    steps.append(('git add -A && git commit -m "Start a pasha project"', t("init-step-commit")))
    return steps


def _in_git(folder: Path) -> bool:
    return any(os.path.lexists(place / ".git") for place in (folder, *folder.parents))
