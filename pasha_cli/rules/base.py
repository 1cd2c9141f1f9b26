"""What a rule is, what it sees (Context) and what it yields (Hit).

A rule is a declaration plus a pure generator: `check(ctx)` yields hits and never prints,
reads the clock or the environment (the context carries `now`). The engine turns hits into
findings and applies severity overrides, --select/--ignore and --strict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from pasha_cli.image.inspect import ImageInfo, ImageInspector
from pasha_cli.model import LocalText, Position, Severity
from pasha_cli.project.locate import RealPaths, resolve_inside

if TYPE_CHECKING:  # the image rules also serve `pasha image`, which loads no project (nor YAML)
    from pasha_cli.project.config import Config
    from pasha_cli.project.drafts import Draft, Unreadable
    from pasha_cli.project.spec import Spec
    from pasha_cli.urls import ParsedLink


class Hit(NamedTuple):
    """A rule's raw result; the engine adds the rule's code, name, severity and the location."""

    draft: Draft | None  # None: the finding is about the config file (or `path`)
    field: str | None
    args: Mapping[str, Any] = MappingProxyType({})
    message: str = "default"  # which of the rule's message templates
    position: Position | None = None  # when the field's own position is not precise enough
    end: Position | None = None  # just after what the hit is about (exclusive); None: the end of `position`'s field
    config_keys: tuple[str | int, ...] = ()
    path: str | None = None  # for hits on files that did not load
    other: tuple[str, ...] = ()


class ImageUse(NamedTuple):
    """One place that names an image: a draft's timeline image or an account image in the config."""

    kind: str  # timeline | icon | top | info
    path: Path
    draft: Draft | None
    field: str
    config_keys: tuple[str | int, ...] = ()


class Context:
    """What the rules see: the project, the clock, and which files to report on.

    It notes what a run of rules reached beyond each target draft and the config (`reached`: the
    clock, the files drafts name, the other drafts), so that the engine keeps between runs only
    findings that follow from the draft and the config alone (see Rule.reads).
    """

    def __init__(
        self,
        config: Config,
        now: datetime,
        drafts: tuple[Draft, ...],
        unreadable: tuple[Unreadable, ...],
        targets: frozenset[str],
        config_in_scope: bool,
    ) -> None:
        self.config = config
        self._now = now
        self._drafts = drafts  # every readable draft of the project (cross-draft rules see them all)
        self.unreadable = unreadable  # the target files that did not load
        self.targets = targets  # relative paths of the drafts to report on
        self.config_in_scope = config_in_scope  # report on the config's own entries (account images, plan)
        self.images = ImageInspector(config.spec.image_max_pixels, config.root)
        self._uses: list[ImageUse] | None = None
        self._resolved: dict[tuple[Path, str], tuple[Path | None, str]] = {}
        self._targets: tuple[Draft, ...] | None = None
        self._real = RealPaths()
        self._deadlines: dict[date, datetime] = {}
        self._links: dict[str, ParsedLink | LocalText] = {}
        self._memo: dict[Any, Any] = {}
        self.reached: set[str] = set()  # CLOCK, FILES, OTHER_DRAFTS, as a rule asked for them
        self.dated_by_clock: set[str] = set()  # drafts judged by the run's time or speed (clock_for, out_of_time)

    def part(self, targets: frozenset[str], config_in_scope: bool, drafts: tuple[Draft, ...] | None = None) -> Context:
        """A context for part of this run's work (some targets, or the config alone) that shares its
        caches of what follows from a value alone (links, deadlines, paths, images); its memos and
        what it reaches are its own (a memo may hold a value made of the targets, such as the
        drafts with a price claim). `drafts`: those it sees (None: all)."""
        part = Context.__new__(Context)
        part.__dict__.update(self.__dict__)
        part.targets, part.config_in_scope = targets, config_in_scope
        part._drafts = self._drafts if drafts is None else drafts
        part._memo = {}
        part.unreadable = tuple(u for u in self.unreadable if u.rel in targets)
        part._targets, part._uses = None, None
        part.reached, part.dated_by_clock = set(), set()
        return part

    @property
    def now(self) -> datetime:
        self.reached.add(CLOCK)
        return self._now

    @property
    def drafts(self) -> tuple[Draft, ...]:
        self.reached.add(OTHER_DRAFTS)
        return self._drafts

    @property
    def spec(self) -> Spec:
        return self.config.spec

    @property
    def target_drafts(self) -> Iterator[Draft]:
        if self._targets is None:  # every per-draft rule asks: the whole project is walked once
            self._targets = tuple(d for d in self._drafts if d.rel in self.targets)
        return iter(self._targets)

    def out_of_time(self, draft: Draft) -> None:
        """A search of the draft's text stopped at its time budget: what it found follows from this
        machine's speed, as from the clock, so the draft's findings are not kept."""
        self.dated_by_clock.add(draft.rel)

    def clock_for(self, draft: Draft) -> datetime:
        """The run's time, for a rule that judges `draft` by it (a draft without a valid publish_at
        is judged as published now): the draft's findings then follow from the clock, and are not kept."""
        self.dated_by_clock.add(draft.rel)
        return self._now

    def deadline(self, day: date) -> datetime:
        """config.deadline, once per publication date and run (two rules ask for every draft)."""
        if day not in self._deadlines:
            self._deadlines[day] = self.config.deadline(day)
        return self._deadlines[day]

    def link(self, url: str) -> ParsedLink | LocalText:
        """urls.parse_link, once per link and run (three rules judge every link)."""
        from pasha_cli.urls import parse_link  # `pasha image check` shares this module and judges no link

        if url not in self._links:
            self._links[url] = parse_link(url)
        return self._links[url]

    def memo(self, key: Any, make: Callable[[], Any]) -> Any:
        """A value several rules need of the same draft (the content rules' claims), made once per run."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def image(self, path: Path) -> ImageInfo:
        """Each image is inspected once per run, however many drafts use it."""
        self.reached.add(FILES)
        return self.images.inspect(path)

    def resolve(self, base: Path, name: str) -> tuple[Path | None, str]:
        """A path a file names, resolved inside the project (see locate.resolve_inside), once per run."""
        self.reached.add(FILES)
        key = (base, name)
        if key not in self._resolved:
            self._resolved[key] = resolve_inside(base, name, self.config.root, self._real)
        return self._resolved[key]

    def image_uses(self) -> list[ImageUse]:
        if self._uses is None:
            self._uses = list(self._find_uses())
        return self._uses

    def _find_uses(self) -> Iterator[ImageUse]:
        for draft in self.target_drafts:
            name = draft.text("image")
            if name:
                resolved, _ = self.resolve(draft.path.parent, name)
                if resolved:
                    yield ImageUse("timeline", resolved, draft, "image")
        if not self.config_in_scope:
            return
        base = self.config.path.parent
        for account in self.config.accounts.values():
            for kind, name, keys in account.image_refs():
                resolved, _ = self.resolve(base, name)
                if resolved:
                    yield ImageUse(kind, resolved, None, dotted(keys), keys)


def digest_span(draft: Draft, limit: int) -> tuple[Position, Position]:
    """Where the draft's digest (the first `limit` characters of its body) is written in its file."""
    from pasha_cli.characters import digest

    return draft.source.body_span(0, len(digest(draft.body or "", limit)))


def dotted(keys: tuple[str | int, ...]) -> str:
    return ".".join(str(k) for k in keys)


Check = Callable[[Context], Iterable[Hit]]

# What a rule reads beyond the drafts it reports on and the config (Rule.reads, Context.reached);
# a rule that reads none of them is a draft rule: its findings on a draft follow from that draft's
# text and the config alone
CLOCK = "clock"  # the time of the run
FILES = "files"  # the files the drafts and the config name (images), as they are now
OTHER_DRAFTS = "other-drafts"  # the project's other drafts (cross-draft rules)


class Rule(NamedTuple):
    code: str
    name: str
    severity: Severity
    summary: LocalText  # one line: what it checks
    why: LocalText  # why it matters
    fix: LocalText  # how to fix it
    messages: Mapping[str, LocalText]
    check: Check
    # what it reads besides: the engine keeps a draft rule's findings (it reads none of them) between
    # runs, under the draft's file stamp and the config's inputs (pasha_cli/kept.py)
    reads: frozenset[str] = frozenset({CLOCK, FILES, OTHER_DRAFTS})

    def explanation(self, lang: str) -> str:
        return "\n\n".join(part.get(lang) for part in (self.summary, self.why, self.fix))


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    summary: LocalText,
    why: LocalText,
    fix: LocalText,
    messages: Mapping[str, LocalText] | LocalText,
    reads: Iterable[str] = (CLOCK, FILES, OTHER_DRAFTS),
) -> Callable[[Check], Rule]:
    """Declare a rule around its check function. `reads`: what it reads beyond the drafts it reports
    on and the config, () for a rule whose findings follow from those alone (then kept between runs)."""
    templates = {"default": messages} if isinstance(messages, LocalText) else dict(messages)

    def wrap(check: Check) -> Rule:
        return Rule(code, name, severity, summary, why, fix, templates, check, frozenset(reads))

    return wrap


L = LocalText
ERROR = Severity.ERROR
WARNING = Severity.WARNING
