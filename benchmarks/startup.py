"""Start-up benchmark: `pasha validate` on one draft with one image, side by side with
`check-jsonschema --schemafile schemas/post.schema.json` on the same draft (the schema alone).

Runs alternate, so that machine noise hits both alike; reports medians and their ratio.
Targets: pasha at most 0.7x the time check-jsonschema takes (issue 2); without the cache at most
0.5x, and warm at most 1.2x the floor program (FLOOR: click and PyYAML doing the same cached job)
(issue 13). A pre-commit run finds
the user cache warm (holidays, inspected images); the PASHA_NO_CACHE=1 line shows the cost
without it (every run imports the holidays library, computes the years it needs, decodes the image).

What the start-up choices in the code save, as measured here when each was made (2 cores, Python 3.11;
rerun `python3 -X importtime -m pasha_cli ...` to check them):
- the holidays library's import and years (jpcalendar._Holidays, cached in the user cache): ~150 ms;
- config.py's imports (calendars, time zones), kept out of project/locate.py: ~9 ms;
- the `regex` import, only when a text needs segmenting (characters._patterns): ~10 ms;
- `tempfile`'s imports (shutil, random, bz2, lzma), avoided by atomic.create_beside: ~7 ms;
- the interpreter's teardown of the imported modules, skipped by cli.console (os._exit): 15-20 ms;
- Japan's holidays alone (jpcalendar.japan_holidays) instead of `holidays.countries` with its 250
  countries: 303 modules and ~290 ms down to 46 modules and ~90 ms, on every run without the cache;
- the VTIMEZONE pasha writes itself (plan/ics.py): icalendar's `add_missing_timezones` took ~40 ms;
- a draft read with os.read (drafts._read): a buffered read of the 1 MB limit took ~60 us a draft, now ~10;
- the content rules' shipped terms (issue 15) compiled with the standard library's `re`, not `regex`
  (whose import alone took ~17 ms), each term on first use and only for a body holding one of its hint
  characters (compiling all ten took 6-16 ms); this benchmark's draft compiles none of the claims';
- the product-category lists (issue 15, item 6) read only for a draft whose account or itself declares a
  category (then ~1.5 ms from the user cache), each entry compiled on first use and only for a body
  holding one of its hint characters: ~2 ms an entry, a median of 4 of a category's 14-17 for the test
  table's posts, none for this benchmark's draft (`--category food` runs it with a category);
- its limited-time sale is recorded (`campaign:`), so the campaign rules (PSH64x) read it and find it clean;
- pasha's own modules on a warm run (45 or so): ~35-40 ms of imports, ~8.5 ms of it compiling their
  regular expressions: most of what separates pasha from the floor program below.

- a brand dictionary (issue 16, `--dictionary 2000`: a project with a 2,000-entry prh dictionary,
  a third each of `expected` alone, text patterns and JavaScript regexes): the first run reads the
  YAML, translates, probes and runs the specs, and keeps the rules in the user cache under the
  digest of every file; a warm run reads that JSON and matches only the rules whose text (folded
  for case and width) is in the body, compiling none for this benchmark's draft. Target: at most
  0.40x check-jsonschema.

    python3 benchmarks/startup.py [--runs 21] [--category food] [--dictionary 2000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import precompile

REPO = Path(__file__).resolve().parents[1]
CONFIG = """\
maintenance_known_until = 2031-12-31  # the draft's day is known: the job is a clean draft, as the floor's
[accounts.shop]
name = "ベンチマーク商店"
plan = "free"
link_domains = ["example.co.jp"]
"""
DRAFT = """\
account: shop
publish_at: 2030-04-16 10:00
status: draft
body: |
  春の新作をご紹介します。
  楽天市場店で 4 月末まで送料無料です。
image: photo.jpg
link: https://item.rakuten.co.jp/shop/spring/
campaign: {type: other, start: 2030-04-16 00:00, end: 2030-04-30 23:59}
"""


def dictionary(count: int) -> str:
    """A prh dictionary of `count` brand entries: names alone, text patterns, regexes, a spec every 50th."""
    lines = ["version: 1", "rules:"]
    for n in range(count):
        if n % 3 == 0:
            lines.append(f"  - expected: Brand{n}X")
        elif n % 3 == 1:
            lines += [f"  - expected: 商品{n}号", f"    pattern: しょうひん{n}ごう"]
        else:
            lines += [f"  - expected: モデル{n}", f"    pattern: /もでる{n}(?![0-9])/"]
        if n % 150 == 0:
            lines += ["    specs:", f"      - from: brand{n}x", f"        to: Brand{n}X"]
    return "\n".join(lines) + "\n"


def make_project(folder: Path, category: str | None = None, entries: int = 0) -> Path:
    """One draft with one 1200-px JPEG, in a project of its own (its account of `category`, if given;
    a dictionary of `entries` rules, if any)."""
    from PIL import Image

    (folder / "posts").mkdir(parents=True)
    config = CONFIG + (f'category = "{category}"\n' if category else "")
    if entries:
        config = 'dictionaries = ["brand.prh.yml"]\n' + config
        (folder / "brand.prh.yml").write_text(dictionary(entries), "utf-8")
    (folder / "pasha.toml").write_text(config, "utf-8")
    Image.new("RGB", (1200, 800), (200, 120, 60)).save(folder / "posts" / "photo.jpg", quality=85)
    draft = folder / "posts" / "spring.yaml"
    draft.write_text(DRAFT, "utf-8")
    return draft


# The least a tool built on click and PyYAML does for the same cached job: read the config and the
# draft, parse both, hash the image and the draft's fields and find both in a cache file, compute a
# deadline from a cached holiday table, print a line. Issue 13's warm-start floor.
FLOOR = """\
import hashlib, json, sys, tomllib
from datetime import date, timedelta
from pathlib import Path

import click
import yaml


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
def main(paths):
    draft_path = Path(paths[0])
    root = draft_path.parent.parent
    config = tomllib.loads((root / "pasha.toml").read_text("utf-8"))
    cache = Path(sys.argv[0]).with_name("floor-cache.json")
    known = json.loads(cache.read_text()) if cache.exists() else {}
    fields = yaml.load(draft_path.read_text("utf-8"), Loader=yaml.CSafeLoader)
    image = hashlib.blake2b((draft_path.parent / fields["image"]).read_bytes(), digest_size=20).hexdigest()
    instance = hashlib.blake2b(json.dumps(fields, sort_keys=True).encode(), digest_size=20).hexdigest()
    holidays = known.setdefault("holidays", {"2030-04-29": "昭和の日"})
    day, left = date.fromisoformat(fields["publish_at"][:10]), 3
    while left:
        day -= timedelta(days=1)
        left -= day.weekday() < 5 and day.isoformat() not in holidays
    if image not in known or instance not in known:
        known[image] = known[instance] = True
        cache.write_text(json.dumps(known))
    click.echo(f"{draft_path}: {fields['account'] in config['accounts']} {day}")


main()
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0,):
        raise SystemExit(f"{cmd[0]} failed: {done.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--category", help="give the account this product category (its list checked)")
    parser.add_argument("--dictionary", type=int, default=0, help="a brand dictionary of this many entries")
    args = parser.parse_args()
    pasha = shutil.which("pasha") or sys.exit("install pasha first: pip install -e .[test]")
    checker = shutil.which("check-jsonschema") or sys.exit("pip install check-jsonschema")
    precompile()
    env = {**os.environ, "PASHA_NOW": "2026-11-22 10:00", "NO_COLOR": "1"}
    draft = make_project(Path(tempfile.mkdtemp(prefix="pasha-bench-")), args.category, args.dictionary)
    pasha_cmd = [pasha, "validate", str(draft)]
    check_cmd = [checker, "--schemafile", str(REPO / "schemas" / "post.schema.json"), str(draft)]
    for cmd in (pasha_cmd, check_cmd):  # warm the file cache
        timed(cmd, env)
    floor_script = draft.parent.parent / "floor.py"
    floor_script.write_text(FLOOR, "utf-8")
    floor_cmd = [sys.executable, str(floor_script), str(draft)]
    timed(floor_cmd, env)  # its cache filled
    cold_env = {**env, "PASHA_NO_CACHE": "1"}  # no image or holiday cache: every run decodes and computes
    cache = Path(tempfile.mkdtemp(prefix="pasha-bench-cache-"))
    new_image_env = {**env, "PASHA_CACHE_DIR": str(cache)}  # the holidays cached, the image never seen
    timed(pasha_cmd, new_image_env)
    ours, cold, theirs, new_image, floor = [], [], [], [], []
    for _ in range(args.runs):
        ours.append(timed(pasha_cmd, env))
        floor.append(timed(floor_cmd, env))
        theirs.append(timed(check_cmd, env))
        cold.append(timed(pasha_cmd, cold_env))
        for store in cache.glob("images-*.json"):  # the image never seen, the holidays kept
            store.unlink()
        new_image.append(timed(pasha_cmd, new_image_env))
    a, b, c = statistics.median(ours), statistics.median(theirs), statistics.median(cold)
    d = statistics.median(new_image)
    ratios = [x / y for x, y in zip(ours, theirs, strict=False)]
    print(f"pasha validate (1 draft, 1 image), cache warm: median {a * 1000:.0f} ms  (min {min(ours) * 1000:.0f})")
    print(
        f"pasha validate, a new image (decoded):        median {d * 1000:.0f} ms  (min {min(new_image) * 1000:.0f})"
        f"  = {d / b:.2f}x"
    )
    print(f"pasha validate, PASHA_NO_CACHE=1:             median {c * 1000:.0f} ms  (min {min(cold) * 1000:.0f})")
    print(f"check-jsonschema (schema only):                median {b * 1000:.0f} ms  (min {min(theirs) * 1000:.0f})")
    f = statistics.median(floor)
    print(f"floor (click + PyYAML, the same cached job):   median {f * 1000:.0f} ms  (min {min(floor) * 1000:.0f})")
    print(
        f"ratio of medians: {a / b:.2f}x (no cache: {c / b:.2f}x, target <= 0.50x)   median of paired ratios: "
        f"{statistics.median(ratios):.2f}x   target <= 0.70x"
    )
    warm = [x / y for x, y in zip(ours, floor, strict=False)]
    print(
        f"warm against the floor: {a / f:.2f}x (median of paired ratios {statistics.median(warm):.2f}x)"
        "   target <= 1.20x"
    )


if __name__ == "__main__":
    main()
