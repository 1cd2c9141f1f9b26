"""The click layer's words in the user's language: help texts, click's own messages, the language itself.

click marks its messages for gettext: its modules do `from gettext import gettext as _` (and
`ngettext`) and look each message up when it is shown. `localize` points those two names at
JAPANESE below under --lang ja and gives gettext's own back for English, so "Usage:",
"Options:", "is not one of" and the rest read in Japanese with no .mo file and no change to
the process's gettext domain. tests/test_i18n.py checks JAPANESE against the installed click.
Under Japanese, click's `term_len` (which lays out help columns and wraps text) counts display
columns as well: a Japanese character takes two.

Language precedence: the command's --lang, then the group's (`pasha --lang ja validate`), then
PASHA_LANG, then the locale (i18n.choose_lang).
"""

from __future__ import annotations

import gettext
import sys
from collections.abc import Iterator, Mapping, Sequence

import click
from click import _compat as click_compat

from pasha_cli.characters import shown
from pasha_cli.columns import cell_width
from pasha_cli.commands.lazy import LazyGroup
from pasha_cli.i18n import HELP, LANGS, choose_lang

ROOT_KEY = "pasha"  # the HELP key of the group itself
HELP_OPTIONS = ["-h", "--help"]  # of every command: the group's context settings name them

# click's message (its gettext msgid, English) -> Japanese, with click's placeholders kept.
# Japanese has no plural forms: both of an ngettext pair have one text.
JAPANESE: dict[str, str] = {
    # help pages
    "Usage:": "使い方:",
    "Options": "オプション",
    "Commands": "コマンド",
    "Positional arguments": "引数",
    "Show this message and exit.": "このヘルプを表示して終了します。",
    "Show the version and exit.": "バージョンを表示して終了します。",
    "default: {default}": "既定: {default}",
    "env var: {var}": "環境変数: {var}",
    "required": "必須",
    "(dynamic)": "（実行時に決まります）",
    "deprecated": "非推奨",
    # the command line
    "Try '{command} {option}' for help.": "`{command} {option}` で使い方を表示します。",
    "Error: {message}": "エラー: {message}",
    "No such option {name!r}.": "不明なオプションです: {name!r}。",
    "Did you mean {possibility}?": "{possibility} のことですか？",
    "(Did you mean one of: {possibilities}?)": "（{possibilities} のどれかのことですか？）",
    "No such command {name!r}.": "コマンド {name!r} はありません。",
    "Missing command.": "コマンドがありません。",
    "Missing argument": "引数がありません:",
    "Missing option": "オプションがありません:",
    "Missing parameter": "パラメーターがありません:",
    "Missing {param_type}": "{param_type} がありません:",
    "Missing parameter: {param_name}": "パラメーターがありません: {param_name}",
    "Got unexpected extra argument ({args})": "余分な引数があります（{args}）",
    "Got unexpected extra arguments ({args})": "余分な引数があります（{args}）",
    "Option {name!r} does not take a value.": "オプション {name!r} には値を付けられません。",
    "Option {name!r} requires an argument.": "オプション {name!r} には値が必要です。",
    "Option {name!r} requires {nargs} arguments.": "オプション {name!r} には値が {nargs} 個必要です。",
    "Argument {name!r} takes {nargs} values.": "引数 {name!r} には値が {nargs} 個必要です。",
    "Takes {nargs} values but 1 was given.": "値が {nargs} 個必要ですが、1 個です。",
    "Takes {nargs} values but {len} were given.": "値が {nargs} 個必要ですが、{len} 個です。",
    "Value must be an iterable.": "値は複数の値の並びで書いてください。",
    "Invalid value for {param_hint}: {message}": "{param_hint} の値が正しくありません: {message}",
    "Invalid value: {message}": "値が正しくありません: {message}",
    "unknown error": "不明なエラー",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "DeprecationWarning: コマンド {name!r} は非推奨です。{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "DeprecationWarning: {param_type} {name!r} は非推奨です。{extra_message}"
    ),
    # values (click.types)
    "{value!r} is not {choice}.": "{value!r} は使えません（{choice} だけ）。",
    "{value!r} is not one of {choices}.": "{value!r} は使えません（{choices} のどれか）。",
    "Choose from:\n\t{choices}": "次から選んでください:\n\t{choices}",
    "{value} is not in the range {range}.": "{value} は範囲 {range} の外です。",
    "{value!r} is not a valid {number_type}.": "{value!r} は {number_type} として読めません。",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} は真偽値として読めません。使える値: {states}"
    ),
    "{value!r} is not a valid UUID.": "{value!r} は UUID として読めません。",
    "{value!r} does not match the format {format}.": "{value!r} は形式 {format} に合いません。",
    "{value!r} does not match the formats {formats}.": "{value!r} は形式 {formats} のどれにも合いません。",
    "{len_type} values are required, but {len_value} was given.": "値が {len_type} 個必要ですが、{len_value} 個です。",
    "{len_type} values are required, but {len_value} were given.": "値が {len_type} 個必要ですが、{len_value} 個です。",
    # click's type names ("file", "directory", "path") stay English: a type is named once, when its
    # command is defined, so a translation would stick to whichever language first imported the command
    # (and metavars such as FILE keep the help's columns ASCII)
    "{name} {filename!r} does not exist.": "{name} {filename!r} がありません。",
    "{name} {filename!r} is a file.": "{name} {filename!r} はファイルです。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} はフォルダーです。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} を読めません。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} に書き込めません。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} を実行できません。",
    "Could not open file {filename!r}: {message}": "ファイル {filename!r} を開けません: {message}",
}


def _japanese(message: str) -> str:
    return JAPANESE.get(message, message)


def _japanese_n(singular: str, plural: str, n: int) -> str:
    return _japanese(singular if n == 1 else plural)


def _display_len(text: str) -> int:
    """click's term_len counting display columns: a Japanese character takes two, so help columns
    with translated words (a metavar such as ファイル) line up."""
    return cell_width(click_compat.strip_ansi(text))


# the names click's modules take from gettext and from click._compat: (click's own, the Japanese one)
_BINDINGS = {
    "_": (gettext.gettext, _japanese),
    "ngettext": (gettext.ngettext, _japanese_n),
    "term_len": (click_compat.term_len, _display_len),
}


# click's modules that take those names (tests/test_i18n.py holds this to the installed click): a
# fixed list, not a walk over sys.modules, which in a long process (the tests) holds thousands
CLICK_MODULES = (
    "click._compat",
    "click._termui_impl",
    "click._textwrap",
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.shell_completion",
    "click.termui",
    "click.types",
    "click.utils",
)


def bind_click(lang: str) -> None:
    """Make click's loaded modules speak `lang` and measure its width; only names that are click's
    or gettext's (or ours) are touched."""
    for name in CLICK_MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        for attr, (english, japanese) in _BINDINGS.items():
            if getattr(module, attr, None) in (english, japanese):
                setattr(module, attr, japanese if lang == "ja" else english)


def translate(message: str, lang: str) -> str:
    """One of click's messages in `lang`, as click shows it once bound."""
    return _japanese(message) if lang == "ja" else message


def localize(group: click.Group, lang: str) -> None:
    """Every help text in `lang` (from i18n.HELP), and click's own words with them. A lazy group's
    commands are localized as each is imported, and its list of commands says their help unloaded."""
    bind_click(lang)
    if getattr(group, "pasha_lang", None) == lang:  # already in `lang` (a second run in one process)
        return
    _localize(group, ROOT_KEY, lang)
    group.pasha_lang = lang  # type: ignore[attr-defined]


def _localize(command: click.Command, key: str, lang: str) -> None:
    for target, target_key in help_targets(command, key, load=False):
        if isinstance(target, click.Option) and target_key in ("help", "version"):
            message = "Show this message and exit." if target_key == "help" else "Show the version and exit."
            target.help = translate(message, lang)
        else:
            target.help = HELP[target_key].get(lang)
        if isinstance(target, click.Command):
            target.epilog = HELP["epilog"].get(lang)
        if isinstance(target, LazyGroup):
            _localize_on_load(target, target_key, lang)


def _localize_on_load(group: LazyGroup, key: str, lang: str) -> None:
    """A lazy group's commands in `lang`: their one-line help unloaded, the rest as each is imported."""

    def describe(name: str) -> str | None:
        return HELP[_child_key(key, name)].get(lang)

    def loaded(name: str, command: click.Command) -> None:
        _localize(command, _child_key(key, name), lang)

    group.describe = describe
    group.loaded = loaded


def help_targets(
    command: click.Command, key: str = ROOT_KEY, load: bool = True
) -> Iterator[tuple[click.Command | click.Option, str]]:
    """Each command and option with its HELP key ("command", "group.command", "command.param"; the
    group is "pasha"). `load` imports a lazy group's commands, else only those already loaded are walked."""
    yield command, key
    ctx = _context(command)
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            yield param, _help_key(param, "" if key == ROOT_KEY else key)
    if not isinstance(command, click.Group):
        return
    for name in command.list_commands(ctx) if load else list(command.commands):
        sub = command.get_command(ctx, name) if load else command.commands[name]
        if sub is not None:
            yield from help_targets(sub, _child_key(key, name), load)


def _child_key(key: str, name: str) -> str:
    """The HELP key of command `name` in the group whose key is `key`."""
    return name if key == ROOT_KEY else f"{key}.{name}"


def _context(command: click.Command) -> click.Context:
    """A context to list a command's options with: click makes (and keeps) each command's help option
    from the first context it sees, so that context must know every name the help option has."""
    return click.Context(command, help_option_names=HELP_OPTIONS)


def _help_key(option: click.Option, command: str) -> str:
    if "--help" in option.opts:
        return "help"
    if "--version" in option.opts:
        return "version"
    if option.name in ("lang", "now"):
        return option.name
    if option.name == "config_path":
        return "config"
    if option.name == "strict" and command != "validate":
        return "validate.strict"
    return f"{command}.{option.name}"


GROUP_LANG = "pasha.lang"  # where the group's --lang waits for the command (ctx.meta is shared down the chain)


def group_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """`pasha --lang ja CMD`: the --lang of every command that is not given its own (command_lang)."""
    if value is not None:
        ctx.meta[GROUP_LANG] = value


def command_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A command's --lang: its own, else the one given before the command, else None (PASHA_LANG, locale)."""
    return value if value is not None else ctx.meta.get(GROUP_LANG)


def argv_lang(args: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of a command line before click parses it (for help pages and click's errors):
    the command's last --lang, else the one before the command's name, else PASHA_LANG and the locale."""
    before: str | None = None
    after: str | None = None
    command_seen = False
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            break
        if arg == "--lang" or arg.startswith("--lang="):
            value = arg.partition("=")[2] if "=" in arg else (args[index + 1] if index + 1 < len(args) else None)
            if command_seen:
                after = value
            else:
                before = value
            index += 1 if "=" in arg else 2
            continue
        command_seen = command_seen or not arg.startswith("-")
        index += 1
    chosen = after if after in LANGS else before if before in LANGS else None
    return choose_lang(chosen, environ)


def click_error(exc: click.ClickException, lang: str) -> str:
    """click's error as pasha shows it: the usage line, where to get help, then `pasha: message`
    (click's words in `lang` once localize has bound them)."""

    lines = []
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        lines.append(ctx.get_usage())
        help_line = translate("Try '{command} {option}' for help.", lang)
        lines.append(help_line.format(command=ctx.command_path, option="--help"))
    # click's message may have lines of its own (`Choose from:` then one choice a line, tab-indented)
    text = exc.format_message()
    if lang == "ja" and isinstance(exc, click.MissingParameter):
        text = _japanese_stop(text)
    message = text.expandtabs(4).splitlines() or [""]
    lines += [f"pasha: {message[0]}", *message[1:]]
    return "\n".join(shown(line) for line in lines)  # argv is quoted in them


def _japanese_stop(message: str) -> str:
    """click ends a missing parameter's message with a full stop of its own ("{missing}{hint}.{more}",
    no gettext text): in Japanese it is 。 (neither the translated head nor the names in it have a ".")."""
    head, stop, rest = message.partition(".")
    return head + "。" + rest if stop else message
