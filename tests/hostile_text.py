"""Hostile text for the output tests, and how a terminal and the CI runners would read an output.

HOSTILE holds values a pull request can put in a draft field, a config value, a file name or an
argument; every human-readable output must show them visibly, and none may reach stdout raw.
"""

from __future__ import annotations

import re

HOSTILE: list[tuple[str, str]] = [
    ("clear-screen", "a\x1b[2J\x1b[Hb"),
    ("osc52-clipboard", "a\x1b]52;c;cGFzc3dvcmQ=\x07b"),
    ("window-title", "a\x1b]0;pwned\x07b"),
    ("osc8-hyperlink", "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"),
    ("dcs", "a\x1bP+q544e\x1b\\b"),
    ("cr-overwrite", "bad\rOK good"),
    ("backspace", "abc\b\b\bxyz"),
    ("newline-add-mask", "x\n::add-mask::secret"),
    ("newline-stop-commands", "x\n::stop-commands::tok"),
    ("newline-error", "x\n::error file=pasha.toml,line=1::fake"),
    ("crlf-set-output", "x\r\n::set-output name=ok::true"),
    ("cr-warning", "x\r::warning::cr only"),
    ("line-separator", "x\u2028::error::ls"),
    ("paragraph-separator", "x\u2029::error::ps"),
    ("next-line-c1", "x\x85::error::nel"),
    ("vt-ff", "x\x0b::error::vt\x0c::error::ff"),
    ("tab-command", "x\n\t::warning::tab"),
    ("ideographic-space-command", "x\n\u3000::error::zenkaku"),
    ("rlo-trojan-source", "abc\u202edcba"),
    ("bidi-isolates", "\u2066admin\u2069\u2067x\u2069"),
    ("nul", "a\x00b"),
    ("c1-csi", "a\x9b2Jb"),
    ("c1-osc", "a\x9d0;title\x9cb"),
    ("del", "a\x7fb"),
    ("zero-width", "zero\u200bwidth\ufeff\u2060"),
    ("tags", "tag\U000e0041\U000e0042"),
    ("v1-command-inline", "x ##[add-mask]secret"),
    ("azure-command-inline", "x ##vso[task.setvariable variable=a]b"),
    ("percent-escapes", "100%0A::error::percent%25"),
    ("property-breakers", "a,b:c=d::e"),
    ("line-start-command", "::error::at the start"),
]

# Everything a terminal or a runner would act on, as text.py defines it (tests/test_text.py
# checks the class against the running unicodedata): controls, separators, format characters.
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f"
    "\ud800-\udfff]"
)
SGR = re.compile("\x1b\\[[0-9;]*m")  # rich's colours, the one escape pasha writes itself

# The commands the GitHub Actions runner registers (ActionCommandManager and its extensions)
RUNNER_COMMANDS = {
    "error",
    "warning",
    "notice",
    "debug",
    "add-mask",
    "stop-commands",
    "set-output",
    "save-state",
    "add-path",
    "set-env",
    "group",
    "endgroup",
    "echo",
    "add-matcher",
    "remove-matcher",
    "internal-set-repo-path",
}
_NET_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


def runner_lines(output: str) -> list[str]:
    """Lines as the runner reads them (.NET StreamReader.ReadLine: CR, LF or CRLF ends a line)."""
    return re.split("\r\n|\r|\n", output)


def runner_command(line: str) -> str | None:
    """The command the GitHub runner would run for `line` (ActionCommand.TryParseV2, then TryParse), or None.

    Azure Pipelines' `##vso[` counts too: it is found anywhere in a line.
    """
    v2 = line.lstrip(_NET_SPACE)
    if v2.startswith("::"):
        end = v2.find("::", 2)
        if end >= 0:
            name = v2[2:end].split(" ", 1)[0]
            if name.lower() in RUNNER_COMMANDS:
                return name
    start = line.find("##[")
    if start >= 0:
        end = line.find("]", start)
        if end >= 0:
            name = line[start + 3 : end].split(" ", 1)[0]
            if name.lower() in RUNNER_COMMANDS:
                return name
    if "##vso[" in line.lower():
        return "##vso"
    return None


def commands(output: str) -> list[str]:
    return [line for line in runner_lines(output) if runner_command(line)]


def raw_characters(output: str, keep: str = "\n") -> list[str]:
    """The hidden characters that reach the output raw (pasha's own colour codes aside)."""
    return [c for c in RAW.findall(SGR.sub("", output)) if c not in keep]
