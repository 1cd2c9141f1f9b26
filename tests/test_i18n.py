"""One test net for every ja/en pair: the catalogues, the keys the code uses, click's words, --lang.

Pairs are collected from i18n.CATALOGUES, every rule's texts (rules.ALL_RULES) and click's
Japanese (clicktext.JAPANESE). The code is scanned statically: a pair written anywhere else, or
as a pre-formatted f-string, fails here; so does a key the code names that the catalogue lacks,
and a catalogue key no code names. Keys built at run time (t(f"reason-{exc.reason}")) name a
family by their literal prefix: every key of the family counts as used, and the family must exist.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest

from pasha_cli import clicktext
from pasha_cli.i18n import CATALOGUES, GLOSSES, HELP, MESSAGES, WEEKDAYS, choose_lang
from pasha_cli.model import LocalText
from pasha_cli.rules import ALL_RULES
from tests.conftest import Project, jpeg_bytes, package_modules, run

PACKAGE = Path(__file__).resolve().parents[1] / "pasha_cli"
JAPANESE_TEXT = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _catalogue(ref: str) -> dict[str, Any]:
    module, name = ref.split(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def _pairs() -> Iterator[tuple[str, str, LocalText]]:
    """(id, key in its catalogue, pair) for every pair pasha has."""
    for ref in CATALOGUES:
        for key, pair in _catalogue(ref).items():
            yield f"{ref}:{key}", key, pair
    for rule in ALL_RULES:
        for part in ("summary", "why", "fix"):
            yield f"{rule.code}.{part}", part, getattr(rule, part)
        for name, template in rule.messages.items():
            yield f"{rule.code}.messages.{name}", name, template
    for msgid, japanese in clicktext.JAPANESE.items():
        yield f"click:{msgid}", msgid, LocalText(japanese, msgid)


PAIRS = {ident: (key, pair) for ident, key, pair in _pairs()}


def _fields(template: str) -> set[str]:
    """The arguments a template takes: str.format's, and the %(name)s of click's few old ones."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return names | set(re.findall(r"%\((\w+)\)", template))


class _Any(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> int:
        return 1234  # a number serves every placeholder: {x}, {x!r}, {x:,}


@pytest.mark.parametrize("ident", sorted(PAIRS))
def test_every_pair_is_a_template_in_both_languages(ident: str) -> None:
    key, pair = PAIRS[ident]
    assert isinstance(pair, LocalText)
    assert pair.ja.strip() and pair.en.strip()
    assert _fields(pair.en) == _fields(pair.ja) | GLOSSES.get(key, frozenset()), "placeholders differ"
    for text in pair:
        text.format_map(_Any())  # a stray brace or a bad format spec fails here, not in front of a user
    if ident.endswith((".summary", ".why", ".fix")) or re.search(r"[A-Za-z]{4,}", re.sub(r"\{[^}]*\}", "", pair.ja)):
        literal = re.sub(r"\{[^}]*\}", "", pair.ja)  # words to translate have a translation
        if not ident.startswith("click:") and literal.strip(" :-`'()（）") and not _untranslatable(literal):
            assert JAPANESE_TEXT.search(literal), f"no Japanese in {pair.ja!r}"


def _untranslatable(literal: str) -> bool:
    """Texts that are the same in both languages: names, formats, commands."""
    return bool(re.fullmatch(r"[\sA-Za-z0-9|_.:/,\-#\[\]'\"<>=*\u2014]*", literal))


def test_plural_keys_come_in_pairs() -> None:
    plural = {key for key in MESSAGES if "#" in key}
    stems = {key.split("#")[0] for key in plural}
    assert plural == {f"{stem}#{form}" for stem in stems for form in ("one", "other")}
    assert not stems & set(MESSAGES), "a counted message is used through tn only"
    for stem in stems:
        assert "count" in _fields(MESSAGES[f"{stem}#other"].en), stem


@pytest.mark.parametrize(
    ("catalogue", "keys"),
    [
        ("pasha_cli.rules.images:KIND_NAMES", "pasha_cli.model:IMAGE_KINDS"),
        ("pasha_cli.rules.plan:PAID_FIELDS", None),
        ("pasha_cli.plan.scaffold:DRAFT_COMMENTS", None),
        ("pasha_cli.rules.files:_WHY", None),
    ],
)
def test_catalogues_keyed_by_data_are_complete(catalogue: str, keys: str | None) -> None:
    """Catalogues looked up by a value (an image kind, a field, a reason) rather than by t()."""
    found = _catalogue(catalogue)
    assert found
    if keys is not None:
        assert set(found) == set(_catalogue(keys))


def test_every_draft_status_has_a_label() -> None:
    from pasha_cli.project.drafts import STATUSES

    assert {f"status-{status}" for status in STATUSES} == {key for key in MESSAGES if key.startswith("status-")}


# --- the code: no pair outside a catalogue, every key it names exists, every key is named ---

KEY_TAKERS = {"t": 0, "tn": 0, "RuleError": 0, "unusable": 0}  # functions whose first argument is a key


def _listed(path: Path) -> set[str]:
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return {ref.split(":")[1] for ref in CATALOGUES if ref.split(":")[0] == module}


def _where_pairs_may_be(node: ast.AST, parents: dict[ast.AST, ast.AST], listed: set[str]) -> bool:
    """Inside a listed module-level catalogue dict, or inside a rule's declaration."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "rule":
            return True
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(parents.get(node), ast.Module):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            return isinstance(node.value, ast.Dict) and any(isinstance(t, ast.Name) and t.id in listed for t in targets)
    return False


def _called(node: ast.AST) -> str:
    """The name a call calls, bare (`t(...)`) or as an attribute (`i18n.t(...)`, `click.echo(...)`)."""
    if not isinstance(node, ast.Call):
        return ""
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")


def test_no_pair_outside_a_catalogue_and_none_preformatted() -> None:
    stray = []
    for path, _tree, nodes, parents in package_modules():
        listed = _listed(path)
        for node in nodes:
            if not isinstance(node, ast.Call) or _called(node) not in ("L", "LocalText"):
                continue
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            if any(isinstance(arg, ast.JoinedStr) for arg in node.args):
                stray.append(f"{where}: an f-string pair (pass arguments to t() instead)")
            elif any(isinstance(arg, ast.Constant) for arg in node.args) and not _where_pairs_may_be(
                node, parents, listed
            ):
                stray.append(f"{where}: a pair outside a catalogue")
    assert stray == []


# calls whose text reaches the user: printed, or a click error's message
SHOWN = ("echo", "secho", "say", "_say", "fail", "UsageError", "BadParameter", "ClickException", "PashaUsageError")
ENGLISH = re.compile(r"\b(?!pasha\b)(?=[A-Za-z]*[a-z])[A-Za-z]{2,}")  # a word; not pasha's name, nor JST


def _english(node: ast.expr) -> bool:
    """Whether a literal (or an f-string's literal parts) holds an English word."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(ENGLISH.search(node.value))
    return isinstance(node, ast.JoinedStr) and any(_english(part) for part in node.values)


def test_no_english_only_text_reaches_a_message() -> None:
    """English words written into a printed line, a click error, or an argument of a catalogue
    message show in English under --lang ja: they belong in the catalogue."""
    stray = []
    for path, _tree, nodes, _parents in package_modules():
        for node in nodes:
            name = _called(node)
            if not isinstance(node, ast.Call) or name not in (*SHOWN, *KEY_TAKERS):
                continue
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            texts = [*node.keywords] if name in KEY_TAKERS else [*node.args, *node.keywords]
            for arg in texts:
                value = arg.value if isinstance(arg, ast.keyword) else arg
                if isinstance(arg, ast.keyword) and arg.arg in ("err", "nl", "file"):
                    continue
                if _english(value):
                    stray.append(f"{where}: English-only text {ast.unparse(value)}")
    assert stray == []


def _literal_keys(node: ast.expr) -> Iterator[tuple[str, bool]]:
    """(key, is_prefix) for a key expression: a literal, a choice of literals, an f-string's head."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value, False
    elif isinstance(node, ast.IfExp):
        yield from _literal_keys(node.body)
        yield from _literal_keys(node.orelse)
    elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        yield str(node.values[0].value), True


def _key_uses() -> Iterator[tuple[str, str, str, bool]]:
    """(where, taker, key, is_prefix) for every key the code names."""
    for path, _tree, nodes, parents in package_modules():
        module = path.relative_to(PACKAGE.parent)  # once a module: computed per node, it was most of the test
        for node in nodes:
            where = f"{module}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "MESSAGES":
                for key, prefix in _literal_keys(node.slice):
                    yield where, "MESSAGES", key, prefix
                continue
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEY_TAKERS):
                continue
            arg = node.args[KEY_TAKERS[node.func.id]] if node.args else None
            if arg is None:
                continue
            keys = list(_literal_keys(arg))
            if not keys:  # a key passed on: only a key taker's own parameter may be one
                function = next((p for p in _ancestors(node, parents) if isinstance(p, ast.FunctionDef)), None)
                owner = next((p for p in _ancestors(node, parents) if isinstance(p, ast.ClassDef)), None)
                names = {function.name if function else "", owner.name if owner else ""}
                params = {a.arg for a in function.args.args + function.args.posonlyargs} if function else set()
                assert names & set(KEY_TAKERS) and isinstance(arg, ast.Name) and arg.id in params, where
            for key, prefix in keys:
                yield where, node.func.id, key, prefix


def _ancestors(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> Iterator[ast.AST]:
    while node in parents:
        node = parents[node]
        yield node


def test_every_key_the_code_names_exists_and_every_key_is_used() -> None:
    missing, used = [], set()
    for where, taker, key, prefix in _key_uses():
        wanted = [f"{key}#one", f"{key}#other"] if taker == "tn" else [key]
        if prefix:
            family = {k for k in MESSAGES if k.startswith(key) and ("#" in k) == (taker == "tn")}
            if not family:
                missing.append(f"{where}: no key starts with {key!r}")
            used |= family
        elif not all(k in MESSAGES for k in wanted) or (taker != "tn" and "#" in key):
            missing.append(f"{where}: {taker}({key!r})")
        else:
            used |= set(wanted)
    assert missing == []
    assert sorted(set(MESSAGES) - used) == []


def test_help_catalogue_matches_the_commands() -> None:
    from pasha_cli.cli import cli

    wanted = {key for _, key in clicktext.help_targets(cli)} - {"help", "version"}  # click's own words
    assert set(HELP) == wanted | {"epilog"}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_command_and_option_has_help_in_both_languages(lang: str) -> None:
    from pasha_cli.cli import cli

    ctx = click.Context(cli)
    image = cli.get_command(ctx, "image")
    assert isinstance(image, click.Group)
    # every command, loaded or not yet (the group is lazy)
    commands = [[name] for name in cli.list_commands(ctx)] + [["image", sub] for sub in image.list_commands(ctx)]
    for words in [[], *commands]:
        result = run([*words, "--help"], env={"PASHA_LANG": lang})
        assert result.exit_code == 0, words
        assert bool(JAPANESE_TEXT.search(result.stdout)) == (lang == "ja"), words


def test_weekdays_are_numbered_as_python_numbers_them() -> None:
    assert [w.en for w in WEEKDAYS] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


# --- click's own words, against the installed click ---

CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types")  # what pasha's commands run
NOT_SHOWN = {
    # type names, fixed when a command is defined (clicktext.JAPANESE says why they stay English)
    "file",
    "directory",
    "path",
    # raised while commands are defined: a bug in pasha, never the user's input
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Invalid start character for option ({option})",
    "Choice({choices})",  # a repr
    # confirmation_option: pasha never asks
    "Do you want to continue?",
    "Confirm the action without prompting.",
    # built when the commands are defined, before any --lang is known: "pasha, version X" in both
    "%(prog)s, version %(version)s",
    # click's standalone mode prints this; pasha's main says "Aborted." itself
    "Aborted!",
}
DYNAMIC = {"required"}  # click passes it to _() from a variable (Option.get_help_extra)


def _click_messages() -> set[str]:
    found = set()
    for name in CLICK_MODULES:
        source = Path(click.__file__).with_name(f"{name}.py").read_text("utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                found |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def test_click_catalogue_matches_the_installed_click() -> None:
    messages = _click_messages()
    assert messages >= NOT_SHOWN, "an exclusion click no longer has"
    assert sorted(set(clicktext.JAPANESE) - messages - DYNAMIC) == [], "a message click no longer has"
    assert sorted(messages - NOT_SHOWN - set(clicktext.JAPANESE)) == [], "a click message with no Japanese"


def test_the_binding_names_every_click_module_that_takes_those_words() -> None:
    """clicktext.CLICK_MODULES is every module of the installed click that holds gettext's `_` or
    `ngettext`, or click's `term_len` (bind_click touches only those, not all of sys.modules)."""
    import pkgutil

    import click

    holders = set()
    for info in pkgutil.iter_modules(click.__path__, "click."):
        try:
            module = importlib.import_module(info.name)
        except (ImportError, AssertionError):  # click._winconsole asserts Windows
            continue
        if any(getattr(module, attr, None) in pair for attr, pair in clicktext._BINDINGS.items()):
            holders.add(info.name)
    assert holders == set(clicktext.CLICK_MODULES)


def test_click_modules_still_take_their_words_from_gettext() -> None:
    """The binding relies on click's `from gettext import gettext as _`: a click that stops doing so fails here."""
    import gettext

    clicktext.bind_click("en")
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        assert module._ is gettext.gettext  # type: ignore[attr-defined]
    clicktext.bind_click("ja")
    assert importlib.import_module("click.core")._("Options") == "オプション"  # type: ignore[attr-defined]
    clicktext.bind_click("en")
    assert importlib.import_module("click.core")._("Options") == "Options"  # type: ignore[attr-defined]


CLICK_ENGLISH = ("Usage:", "Options:", "Commands:", "Try '", "Error", "No such", "Missing", "is not one of", "Invalid")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--lang", "ja", "--help"], ["使い方: pasha", "オプション:", "コマンド:", "このヘルプを表示して終了します。"]),
        (["--lang", "ja", "--help"], ["バージョンを表示して終了します。"]),
        (["slots", "--help", "--lang", "ja"], ["[既定: 5; 1<=x<=366]", "[必須]"]),
        (
            ["--lang", "ja", "validate", "--bogus"],
            [
                "使い方: pasha validate",
                "`pasha validate --help` で使い方を表示します。",
                "pasha: 不明なオプションです: '--bogus'。",
            ],
        ),
        (["validate", "--lang", "ja", "--strictt"], ["不明なオプションです: '--strictt'。 '--strict' のことですか？"]),
        (["deadline", "--lang", "ja"], ["pasha: 引数がありません: 'DATE'。"]),
        (["--lang", "ja", "new"], ["pasha: オプションがありません: '--account'。"]),
        (
            ["--lang", "ja", "image", "fit", "a.png", "--as", "nope"],
            ["'--as' の値が正しくありません: 'nope' は使えません（'timeline', 'icon', 'top', 'info' のどれか）。"],
        ),
        (["--lang", "ja", "slots", "--account", "a", "--count", "0"], ["0 は範囲 1<=x<=366 の外です。"]),
        (["--lang", "ja", "slots", "--account", "a", "--count", "x"], ["'x' は integer range として読めません。"]),
        (["--lang", "ja", "frob"], ["コマンド 'frob' はありません。"]),
        (["--lang", "ja", "rules", "a", "b"], ["余分な引数があります（b）"]),
        (["--lang", "ja", "validate", "--format"], ["オプション '--format' には値が必要です。"]),
        (["--lang", "ja", "validate", "--strict=yes"], ["オプション '--strict' には値を付けられません。"]),
        (["--lang", "ja", "image"], ["使い方: pasha image"]),
    ],
)
def test_click_speaks_japanese(args: list[str], expected: list[str]) -> None:
    result = run(args)
    shown = result.stdout + result.stderr
    assert result.exit_code in (0, 2), shown
    for text in expected:
        assert text in shown
    assert not [word for word in CLICK_ENGLISH if word in shown]


def test_click_path_checks_speak_japanese(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    result = run(["init", str(afile), "--lang", "ja"])
    # click names the kind of path when pasha's commands are defined, before any --lang: it stays English
    assert result.exit_code == 2 and f"'{afile}' はファイルです。" in result.stderr


def test_click_stays_english_after_japanese() -> None:
    run(["--lang", "ja", "validate", "--bogus"])
    result = run(["validate", "--bogus"])
    assert "Usage: pasha validate" in result.stderr and "pasha: No such option '--bogus'." in result.stderr
    assert not JAPANESE_TEXT.search(result.stderr)


# --- which language: the command's --lang, pasha --lang, PASHA_LANG, the locale ---

DEADLINE_JA = "公開の投稿の設定期限"
DEADLINE_EN = "Set-up deadline for a post on"


@pytest.mark.parametrize(
    ("args", "env", "lang"),
    [
        (["--lang", "ja", "deadline", "2030-04-10", "--lang", "en"], {}, "en"),  # the command's own wins
        (["--lang", "en", "deadline", "2030-04-10", "--lang", "ja"], {}, "ja"),
        (["--lang", "ja", "deadline", "2030-04-10"], {"PASHA_LANG": "en"}, "ja"),  # the group's beats PASHA_LANG
        (["--lang=ja", "deadline", "2030-04-10"], {"PASHA_LANG": "en"}, "ja"),
        (["deadline", "2030-04-10", "--lang", "ja"], {"PASHA_LANG": "en"}, "ja"),
        (
            ["deadline", "2030-04-10"],
            {"PASHA_LANG": "ja", "LC_ALL": "en_US.UTF-8"},
            "ja",
        ),  # PASHA_LANG beats the locale
        (["deadline", "2030-04-10"], {"PASHA_LANG": "", "LC_ALL": "ja_JP.UTF-8"}, "ja"),  # then the locale
        (["deadline", "2030-04-10"], {"PASHA_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}, "en"),
    ],
)
def test_language_precedence_through_the_cli(args: list[str], env: dict[str, str], lang: str) -> None:
    result = run([*args, "--now", "2030-04-01 09:00"], env=env)
    assert result.exit_code == 0, result.output
    assert (DEADLINE_JA if lang == "ja" else DEADLINE_EN) in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "ja", "deadline", "2030-04-10", "--now", "nope"], "--now / PASHA_NOW の日時を解釈できません"),
        (["--lang", "ja", "image", "check", "missing.jpg", "--as", "icon"], "パスがありません: missing.jpg"),
    ],
)
def test_group_language_reaches_pasha_errors(args: list[str], message: str) -> None:
    result = run(args)
    assert result.exit_code == 2 and message in result.stderr


def test_group_language_reaches_a_subgroup_command(tmp_path: Path) -> None:
    (tmp_path / "icon.jpg").write_bytes(jpeg_bytes(200, 200))
    result = run(["--lang", "ja", "image", "check", str(tmp_path / "icon.jpg"), "--as", "icon"])
    assert result.exit_code == 0 and "色形式 RGB" in result.stdout


@pytest.mark.parametrize(
    ("argv", "environ", "lang"),
    [
        (["validate"], {"PASHA_LANG": "ja"}, "ja"),
        (["--lang", "ja", "validate"], {}, "ja"),
        (["--lang", "ja", "validate", "--lang", "en"], {}, "en"),
        (["validate", "--lang", "en", "--lang", "ja"], {}, "ja"),  # click takes the last
        (["--lang=ja", "validate", "--lang=en"], {}, "en"),
        (["validate", "--", "--lang", "ja"], {}, "en"),  # after --: a file name
        (["--lang", "xx", "validate"], {"PASHA_LANG": "ja"}, "ja"),  # click refuses xx; the error in PASHA_LANG's
        (["image", "--lang", "ja", "check"], {}, "ja"),
        (["--lang"], {"PASHA_LANG": "ja"}, "ja"),
    ],
)
def test_language_of_a_command_line_before_click_reads_it(argv: list[str], environ: dict[str, str], lang: str) -> None:
    assert clicktext.argv_lang(argv, environ) == lang


def test_language_precedence() -> None:
    assert choose_lang("en", {"PASHA_LANG": "ja"}) == "en"
    assert choose_lang(None, {"PASHA_LANG": "ja", "LANG": "en_US"}) == "ja"
    assert choose_lang(None, {"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US"}) == "ja"
    assert choose_lang(None, {"LC_ALL": "C", "LANG": "ja_JP"}) == "en"  # the first one set decides
    assert choose_lang(None, {"LC_MESSAGES": "ja_JP.eucJP"}) == "ja"
    assert choose_lang(None, {}) == "en"


# --- counted messages in English: 0, 1 and 2 through the CLI ---

HEAD = "account: {account}\npublish_at: {when}\nbody: {body}\n"


def _draft(account: str = "paid", when: str = "2030-04-16 10:00", body: str = "こんにちは") -> str:
    return HEAD.format(account=account, when=when, body=body)


@pytest.mark.parametrize(
    ("files", "errors", "warnings", "summary"),
    [
        (0, 0, 0, "Checked 0 files: no problems."),
        (1, 0, 0, "Checked 1 file: no problems."),
        (2, 0, 0, "Checked 2 files: no problems."),
        (1, 1, 0, "Checked 1 file: 1 error, 0 warnings"),
        (2, 2, 0, "Checked 2 files: 2 errors, 0 warnings"),
        (1, 0, 1, "Checked 1 file: 0 errors, 1 warning"),
        (2, 0, 2, "Checked 2 files: 0 errors, 2 warnings"),
    ],
)
def test_summary_counts(project: Project, files: int, errors: int, warnings: int, summary: str) -> None:
    project.draft("other/keep.yaml", _draft())  # the patterns match: no PSH005 on the config
    (project.root / "posts" / "checked").mkdir()
    for n in range(files):
        body = "ｶﾀｶﾅ" if n < warnings else "こんにちは"  # PSH113, a warning
        project.draft(f"checked/d{n}.yaml", _draft(account="nobody" if n < errors else "paid", body=body))
    config = str(project.root / "pasha.toml")
    result = run(["validate", "--now", "2030-03-01 12:00", "--config", config, str(project.root / "posts" / "checked")])
    assert summary in result.stdout.splitlines(), result.stdout


@pytest.mark.parametrize(
    ("count", "text"), [(1, "1 half-width katakana character in"), (2, "2 half-width katakana characters in")]
)
def test_katakana_count(project: Project, count: int, text: str) -> None:
    project.draft("a.yaml", _draft(body="あ" + "ｶ" * count))
    assert text in run(["validate", "--now", "2030-03-01 12:00", "--config", str(project.root / "pasha.toml")]).stdout


@pytest.mark.parametrize(
    ("now", "text"),
    [
        ("2030-04-10 12:00", "0 business days left until the set-up deadline"),
        ("2030-04-09 12:00", "1 business day left until the set-up deadline"),
        ("2030-04-08 12:00", "2 business days left until the set-up deadline"),
    ],
)
def test_deadline_soon_days(project: Project, now: str, text: str) -> None:
    project.draft("a.yaml", _draft(when="2030-04-15 10:00"))  # a Monday: the deadline is Wed 04-10
    assert text in run(["validate", "--now", now, "--config", str(project.root / "pasha.toml")]).stdout


@pytest.mark.parametrize(
    ("now", "text"),
    [
        ("2030-04-10 12:00", "0 business days left until the deadline."),
        ("2030-04-09 12:00", "1 business day left until the deadline."),
        ("2030-04-08 12:00", "2 business days left until the deadline."),
    ],
)
def test_deadline_command_days(now: str, text: str) -> None:
    assert text in run(["deadline", "2030-04-15", "--now", now]).stdout


@pytest.mark.parametrize(
    ("limit", "posts", "text"),
    [(0, 1, "has 1 post in 2030-04 (limit 0)"), (1, 2, "has 2 posts in 2030-04 (limit 1)")],
)
def test_free_plan_posts(project: Project, limit: int, posts: int, text: str) -> None:
    project.write(
        "pasha.toml", project.root.joinpath("pasha.toml").read_text() + f"\n[spec]\nfree_posts_per_month = {limit}\n"
    )
    for n in range(posts):
        project.draft(f"d{n}.yaml", _draft(account="free", when=f"2030-04-{16 + n} 10:00"))
    assert text in run(["validate", "--now", "2030-03-01 12:00", "--config", str(project.root / "pasha.toml")]).stdout


@pytest.mark.parametrize(
    ("limit", "images", "text"), [(0, 1, "has 1 info image (at most 0)"), (1, 2, "has 2 info images (at most 1)")]
)
def test_info_images(project: Project, limit: int, images: int, text: str) -> None:
    names = [f"info{n}.jpg" for n in range(images)]
    for name in names:
        project.image(name)
    config = (
        project.root.joinpath("pasha.toml")
        .read_text()
        .replace('plan = "paid"\n', f'plan = "paid"\ninfo_images = {names!r}\n'.replace("'", '"'))
    )
    project.write("pasha.toml", config + f"\n[spec]\ninfo_images_max = {limit}\n")
    project.draft("a.yaml", _draft())
    assert text in run(["validate", "--now", "2030-03-01 12:00", "--config", str(project.root / "pasha.toml")]).stdout


@pytest.mark.parametrize(
    ("size", "text"), [(0, ": ? ?x?, 0 bytes,"), (1, ": ? ?x?, 1 byte,"), (2, ": ? ?x?, 2 bytes,")]
)
def test_image_check_bytes(tmp_path: Path, size: int, text: str) -> None:
    (tmp_path / "a.jpg").write_bytes(b"x" * size)
    assert text in run(["image", "check", str(tmp_path / "a.jpg"), "--as", "icon"]).stdout


@pytest.mark.parametrize(("posts", "text"), [(0, "(0 posts;"), (1, "(1 post;"), (2, "(2 posts;")])
def test_export_posts(project: Project, posts: int, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(posts):
        project.draft(f"d{n}.yaml", _draft(when=f"2030-04-{16 + n} 10:00"))
    monkeypatch.chdir(project.root)
    result = run(["export", "--now", "2030-03-01 12:00", "-o", "out.zip"])
    assert text in result.stdout, result.output


@pytest.mark.parametrize(("kind", "text"), [("icon", ", 1 encode)"), ("timeline", " encodes)")])
def test_fit_encodes(tmp_path: Path, kind: str, text: str) -> None:
    """One encode without a byte limit (the icon); the timeline's limit is searched."""
    (tmp_path / "a.jpg").write_bytes(jpeg_bytes(1200, 1200))
    result = run(["image", "fit", str(tmp_path / "a.jpg"), "--as", kind, "-o", str(tmp_path / "b.jpg")])
    assert result.exit_code == 0 and text in result.stdout, result.output


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("nope", "not in an accepted format"),
        ("2030-02-30 10:00", "no such date or time"),
        ("2030-04-16", "the time of day is missing"),
        ("1999-12-31 10:00", "outside the years pasha plans in (2000-2199)"),
    ],
)
def test_a_date_pasha_cannot_read_is_explained_one_way(project: Project, value: str, reason: str) -> None:
    """The same words in a draft (PSH002) and on the command line (--now)."""
    project.draft("a.yaml", _draft(when=f"'{value}'"))
    drafts = run(["validate", "--now", "2030-03-01 12:00", "--config", str(project.root / "pasha.toml")]).stdout
    option = run(["deadline", "2030-04-16", "--now", value]).stderr
    assert f"({reason})" in drafts and f"({reason})" in option


# --- Japanese help laid out by display width ---


def _commands() -> list[list[str]]:
    """Every command's words on the command line (`image fit`), the group's own help first."""
    from pasha_cli.cli import cli

    keys = [key for target, key in clicktext.help_targets(cli) if isinstance(target, click.Command)]
    return [[] if key == "pasha" else key.split(".") for key in keys]


def _help_columns(page: str) -> set[int]:
    """The display column each option's help text starts at, in a help page's options section."""
    from pasha_cli.columns import cell_width

    section = page.split("オプション:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    columns = set()
    for index, line in enumerate(section):
        if not line.startswith("  -"):
            continue
        term, gap, text = line[2:].partition("  ")
        if gap and text.strip():
            columns.add(cell_width(line) - cell_width(line.lstrip(" ")[len(term) :].lstrip(" ")))
        elif index + 1 < len(section):  # a long option: its help starts on the next line
            following = section[index + 1]
            columns.add(len(following) - len(following.lstrip(" ")))
    return columns


@pytest.mark.sample(2, per=lambda p: len(p["command"]))  # the group, two commands, two of a lazy group
@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_japanese_help_texts_start_at_one_display_column(command: list[str]) -> None:
    # in a process of its own, as a user runs it: here the commands were loaded (by _commands) in English
    result = subprocess.run(
        [sys.executable, "-m", "pasha_cli", "--lang", "ja", *command, "--help"],  # `image` has no --lang
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    columns = _help_columns(result.stdout)
    assert len(columns) == 1, (columns, result.stdout)


@pytest.mark.parametrize("args", [["--lang", "ja"], ["--lang=ja"]])
def test_group_options_alone_print_the_help_as_pasha_alone(args: list[str]) -> None:
    alone = run([], env={"PASHA_LANG": "ja"})
    result = run(args)
    assert result.exit_code == alone.exit_code == 2
    assert result.output == alone.output and "使い方: pasha [OPTIONS] COMMAND [ARGS]..." in result.output
    assert "コマンドがありません" not in result.output


def test_an_interrupted_run_says_so_in_its_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from pasha_cli import cli

    def interrupted(*args: Any, **kwargs: Any) -> int:
        raise click.exceptions.Abort

    monkeypatch.setattr(cli.cli, "main", interrupted)
    assert run(["--lang", "ja", "rules"]).output == "中断しました。\n"
    assert run(["rules"]).output == "Aborted.\n"


LEAK_PROBE = """
import contextlib, io, json, sys
from pasha_cli.cli import main
first, then, words = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
def help_of(lang):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main([*words, "--help", "--lang", lang])
    return out.getvalue()
help_of(first)
print(json.dumps(help_of(then)))
"""


@pytest.mark.sample(1, per="first")
@pytest.mark.parametrize("first", ["ja", "en"])
@pytest.mark.parametrize("words", [["ics"], ["export"], ["preview"], ["new"], ["image", "fit"]], ids=" ".join)
def test_help_in_one_language_does_not_leak_into_the_next(first: str, words: list[str]) -> None:
    """Commands are imported on first use, under whichever language that run had: nothing of that
    language may stay in the command (click names a type once, when the command is defined). A fresh
    interpreter, so that the command is first imported under `first`."""
    then = "en" if first == "ja" else "ja"
    done = subprocess.run([sys.executable, "-c", LEAK_PROBE, first, then, json.dumps(words)],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.splitlines()[-1])
    assert bool(JAPANESE_TEXT.search(shown)) == (then == "ja"), shown
