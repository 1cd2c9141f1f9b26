"""Outputs that are no regular file: a device, a FIFO, a socket, or a link to one, is never replaced
by a rename (as root the rename really happens: /dev/null would become a file for everyone). The text
outputs write through a character device or a FIFO; a bundle or an image is refused (outputs.py).
And a closed stdout is an exit code, not a traceback."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import NOW, Project, png_bytes, run

from pasha_cli import atomic

DRAFT = "posts/a.yaml"
DRAFT_TEXT = "account: paid\npublish_at: 2030-03-20 10:00\nbody: 春の新作です。\nlink: https://www.rakuten.co.jp/\n"
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
NULL_DEVICE = os.makedev(1, 3) if hasattr(os, "makedev") else 0  # Linux's /dev/null: harmless to write through
UNUSED_DISK = os.makedev(240, 0) if hasattr(os, "makedev") else 0  # a block number for local use: no disk

# the text outputs, which write through a character device or a FIFO
TEXT = [
    ("validate-output-file", ["validate", "--output-file", "OUT"]),
    ("validate-output-file-format", ["validate", "--output-file", "sarif:OUT"]),
    ("ics", ["ics", "-o", "OUT"]),
    ("preview-html", ["preview", DRAFT, "--html", "OUT"]),
]
# a bundle and an image, put in place whole and checked: only ever a regular file
WHOLE = [
    ("export", ["export", "--month", "2030-03", "-o", "OUT"]),
    ("image-fit", ["image", "fit", "raw.png", "--as", "timeline", "-o", "OUT"]),
]


def _mknod(kind: int, device: int) -> Callable[[Path], str]:
    def make(root: Path) -> str:
        if not ROOT:
            pytest.skip("making a device node takes root")
        os.mknod(root / "node", kind | 0o666, device)
        return "node"

    return make


def _fifo(root: Path) -> str:
    os.mkfifo(root / "pipe")
    return "pipe"


def _socket(root: Path) -> str:
    listening = socket.socket(socket.AF_UNIX)
    listening.bind("sock")  # relative: a socket's path is short (tmp_path need not be)
    listening.close()  # the node stays
    return "sock"


def _link_to(target: str) -> Callable[[Path], str]:
    def make(root: Path) -> str:
        os.symlink(target, root / "link")
        return "link"

    return make


# kinds of target made in the test's folder (a rename there harms nothing, so a regression is seen)
MADE = [
    ("fifo", _fifo),
    ("char-device", _mknod(stat.S_IFCHR, NULL_DEVICE)),
    ("link-to-char-device", lambda root: (_mknod(stat.S_IFCHR, NULL_DEVICE)(root), _link_to("node")(root))[1]),
    ("link-to-fifo", lambda root: (_fifo(root), _link_to("pipe")(root))[1]),
    ("block-device", _mknod(stat.S_IFBLK, UNUSED_DISK)),
    ("socket", _socket),
]
# the system's own devices: only for the text outputs, which write through them (never renamed)
SYSTEM = [
    ("dev-null", lambda root: "/dev/null"),
    ("link-to-dev-null", _link_to("/dev/null")),
    ("dev-full", lambda root: "/dev/full"),
]


class Expect(NamedTuple):
    code: tuple[int, ...]
    says: str  # in the output; "" for nothing in particular
    received: bool  # whether a reader of the FIFO gets the output


WRITTEN = Expect((0, 1), "", True)
REFUSED = Expect((2,), "is a block device or a socket", False)
REFUSED_WHOLE = Expect((2,), "is not a regular file", False)
FULL = Expect((2,), "No space left on device", False)

TEXT_EXPECT = {"block-device": REFUSED, "socket": REFUSED, "dev-full": FULL}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    project = Project(tmp_path, '[accounts.paid]\nname = "有料の店"\nplan = "paid"\n')
    project.draft("a.yaml", DRAFT_TEXT)
    project.write("raw.png", png_bytes(1600, 1000, (40, 120, 200)))
    monkeypatch.chdir(tmp_path)
    return project


class Node(NamedTuple):
    """What a path is: enough to see that it was not replaced."""

    kind: int
    device: int
    inode: int
    link: str | None


def _node(path: Path) -> Node:
    info = os.lstat(path)
    link = os.readlink(path) if stat.S_ISLNK(info.st_mode) else None
    return Node(stat.S_IFMT(info.st_mode), info.st_rdev, info.st_ino, link)


def _nodes(root: Path, out: str) -> list[Node]:
    """The target and, for a link, what it leads to."""
    path = root / out
    found = [_node(path)]
    if found[0].link is not None:
        found.append(_node(path.parent / found[0].link))
    return found


def _read_ready(fd: int) -> bytes:
    """What a non-blocking FIFO holds now (b"" for nothing or the end)."""
    try:
        return os.read(fd, 1 << 16)
    except BlockingIOError:
        return b""


@pytest.fixture
def reader() -> Iterator[Callable[[Path], Callable[[], bytes]]]:
    """A thread reading a FIFO without blocking its opening: a writer's open() succeeds, and a
    refusal (no writer ever) does not hang the test. Returns what it read once stopped."""
    stops: list[threading.Event] = []

    def start(path: Path) -> Callable[[], bytes]:
        stop = threading.Event()
        stops.append(stop)
        got = bytearray()
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)

        def drain() -> None:
            while True:
                chunk = _read_ready(fd)
                if chunk:
                    got.extend(chunk)
                elif stop.is_set():
                    return
                else:
                    time.sleep(0.005)

        thread = threading.Thread(target=drain, daemon=True)
        thread.start()

        def finish() -> bytes:
            stop.set()
            thread.join(30)
            # the writer may have written between the thread's last empty read and its look at `stop`
            while chunk := _read_ready(fd):
                got.extend(chunk)
            os.close(fd)
            return bytes(got)

        return finish

    yield start
    for stop in stops:
        stop.set()


def _run(command: list[str], out: str, force: bool) -> tuple[int, str]:
    result = run([a.replace("OUT", out) for a in command] + (["--force"] if force else []), env={"PASHA_NOW": NOW})
    return result.exit_code, result.output


def _check(
    tree: Project, reader: Callable[[Path], Callable[[], bytes]], command: list[str], out: str, expect: Expect
) -> None:
    target = tree.root / out
    if not os.path.lexists(target):  # a new regular file: written, then replaced only with --force
        assert _run(command, out, False)[0] in (0, 1)
        assert target.is_file() and target.stat().st_size > 0
        code, output = _run(command, out, True)
        assert code in (0, 1) and target.is_file(), output
        return
    before = _nodes(tree.root, out)
    fifo = stat.S_ISFIFO(os.stat(target).st_mode)
    for force in (False, True):
        received = reader(target) if fifo else None
        code, output = _run(command, out, force)
        assert code in expect.code, output
        assert expect.says in output, output
        assert _nodes(tree.root, out) == before  # never replaced, with or without --force
        if received is not None:
            assert bool(received()) == expect.received
    assert not [p for p in tree.root.iterdir() if p.name.endswith(".tmp")]  # no temporary file left


def _new_file(root: Path) -> str:
    return "out/report.file"


# every kind of target; the system's own devices only where they are written through, never renamed
TARGETS = [("file", _new_file), *MADE, *SYSTEM]
WHOLE_TARGETS = [("file", _new_file), *MADE, ("link-to-dev-null", _link_to("/dev/null"))]


@pytest.mark.sample(1, per=("command", "row"))
@pytest.mark.parametrize("command", [c for _, c in TEXT], ids=[i for i, _ in TEXT])
@pytest.mark.parametrize(("row", "make"), TARGETS, ids=[i for i, _ in TARGETS])
def test_text_outputs_write_through_a_character_device_or_a_fifo(
    tree: Project, reader: Callable[[Path], Callable[[], bytes]], command: list[str], row: str, make: Callable
) -> None:
    _check(tree, reader, command, make(tree.root), TEXT_EXPECT.get(row, WRITTEN))


@pytest.mark.sample(1, per=("command", "row"))
@pytest.mark.parametrize("command", [c for _, c in WHOLE], ids=[i for i, _ in WHOLE])
@pytest.mark.parametrize(("row", "make"), WHOLE_TARGETS, ids=[i for i, _ in WHOLE_TARGETS])
def test_a_bundle_or_an_image_only_to_a_regular_file(
    tree: Project, reader: Callable[[Path], Callable[[], bytes]], command: list[str], row: str, make: Callable
) -> None:
    expect = {"file": WRITTEN, "block-device": REFUSED, "socket": REFUSED}.get(row, REFUSED_WHOLE)
    _check(tree, reader, command, make(tree.root), expect)


# `image fit --out-dir`, `new -o` and `init` write under a name of their own: the node made there
PLACED = [(i, m) for i, m in MADE if i not in ("block-device", "socket")]


def _place(root: Path, name: str, make: Callable[[Path], str]) -> Path:
    """The node `make` makes, moved to `name` (a link keeps what it leads to)."""
    made = root / make(root)
    target = root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if made.is_symlink():
        os.symlink(os.path.abspath(made.parent / os.readlink(made)), target)
        made.unlink()
    else:
        os.rename(made, target)  # a rename of the node itself: the test's own, not pasha's
    return target


@pytest.mark.parametrize(("row", "make"), PLACED, ids=[i for i, _ in PLACED])
@pytest.mark.parametrize(
    ("name", "command", "says"),
    [
        (
            "fitted/raw.jpg",
            ["image", "fit", "raw.png", "--as", "timeline", "--out-dir", "fitted"],
            "not a regular file",
        ),
        ("posts/new.yaml", ["new", "--account", "paid", "-o", "posts/new.yaml"], "already exists"),
    ],
    ids=["image-fit-out-dir", "new"],
)
def test_out_dir_and_new_never_replace_a_node(
    tree: Project, row: str, make: Callable, name: str, command: list[str], says: str
) -> None:
    target = _place(tree.root, name, make)
    before = _node(target)
    for force in ([], ["--force"]) if command[0] == "image" else ([],):
        result = run(command + force, env={"PASHA_NOW": NOW})
        assert result.exit_code == 2 and says in result.output, result.output
        assert _node(target) == before


@pytest.mark.parametrize(("row", "make"), PLACED, ids=[i for i, _ in PLACED])
def test_init_never_refreshes_a_schema_copy_that_is_a_node(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, row: str, make: Callable
) -> None:
    """init replaces its own schema copies (.pasha/*.json) in place: never when one is a device or a FIFO."""
    monkeypatch.chdir(tmp_path)
    target = _place(tmp_path, ".pasha/post.schema.json", make)
    before = _node(target)
    result = run(["init", "--account", "shop"], env={"PASHA_NOW": NOW})
    assert result.exit_code == 2 and "not a regular file" in result.output, result.output
    assert _node(target) == before
    assert not (tmp_path / "pasha.toml").exists()  # what the run made is taken back


@pytest.mark.parametrize(("row", "make"), PLACED, ids=[i for i, _ in PLACED])
def test_atomic_never_renames_over_a_node(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, row: str, make: Callable
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / make(tmp_path)
    before = _node(target)
    with pytest.raises(atomic.NotRegular):
        atomic.write_atomic(target, b"data")
    assert _node(target) == before


def test_atomic_looks_again_before_the_rename(tmp_path: Path) -> None:
    """A FIFO made while the temporary file is written is not replaced either."""
    target = tmp_path / "out"
    with pytest.raises(atomic.NotRegular), atomic.open_atomic(target) as handle:
        handle.write(b"data")
        os.mkfifo(target)
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # the temporary file removed


CLOSED = [
    ("rules", "rules >&-", 1),
    ("validate", "validate >&-", 1),  # its text report asks whether stdout is a terminal
    ("rules-both-closed", "rules >&- 2>&-", 1),
    ("bogus-option", "validate --bogus >&-", 2),
    ("stderr-closed", "validate --bogus 2>&-", 2),
]


@pytest.mark.sample(1, per="code")  # a closed stdout, and a closed stderr on misuse
@pytest.mark.parametrize(("shell", "code"), [c[1:] for c in CLOSED], ids=[c[0] for c in CLOSED])
def test_a_closed_stream_is_an_exit_code_not_a_traceback(tree: Project, shell: str, code: int) -> None:
    """Closed by the shell, Python has no sys.stdout: what it had to print is lost (exit 1), and no
    traceback (nor exit 3). The interpreter itself, not a shim that might take the descriptor."""
    env = {**os.environ, "PASHA_NOW": NOW, "PASHA_LANG": "en", "PY": sys.executable}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    done = subprocess.run(
        ["sh", "-c", f'"$PY" -m pasha_cli {shell}'],
        cwd=tree.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and "Internal error" not in done.stderr, done.stderr


# a process's own descriptor, named through /proc: never a place to rename into; test-made links
# only (a regression would rename over the link in the test's folder, never over /dev/stdout)
DESCRIPTORS = [
    ("dev-fd", "/dev/fd/1"),
    ("link-to-proc-self-fd", "fd-link"),
]


@pytest.mark.sample(1, per=("command", "target"))  # every command, every kind of descriptor path
@pytest.mark.parametrize("target", [t for _, t in DESCRIPTORS], ids=[i for i, _ in DESCRIPTORS])
@pytest.mark.parametrize(
    ("command", "code"),
    [("ics -o OUT", 0), ("validate --format json --output-file sarif:OUT", 0), ("export --month 2030-03 -o OUT", 2)],
    ids=["ics", "validate", "export"],
)
@pytest.mark.parametrize("force", ["", " --force"], ids=["plain", "force"])
def test_stdout_named_as_a_path_is_written_through_its_descriptor(
    tree: Project, target: str, command: str, code: int, force: str
) -> None:
    """`--output-file sarif:/dev/stdout > report.sarif`: the report lands in the shell's file, through
    pasha's own descriptor (so what it prints as well follows it, in order); a bundle is refused."""
    os.symlink("/proc/self/fd/1", tree.root / "fd-link")
    env = {**os.environ, "PASHA_NOW": NOW, "PASHA_LANG": "en", "PY": sys.executable}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    shell = f'"$PY" -m pasha_cli {command.replace("OUT", target)}{force} > captured'
    done = subprocess.run(["sh", "-c", shell], cwd=tree.root, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == code, done.stderr
    captured = (tree.root / "captured").read_bytes().decode("utf-8")
    assert os.readlink(tree.root / "fd-link") == "/proc/self/fd/1"
    if code == 2:
        assert "not a regular file" in done.stderr and captured == ""
    elif command.startswith("ics"):
        assert captured.startswith("BEGIN:VCALENDAR") and captured.endswith("END:VCALENDAR\r\n")
    else:  # the SARIF file, then the JSON report printed after it: both whole
        sarif, _, report = captured.partition("\n}")
        assert '"version": "2.1.0"' in sarif and report.lstrip().startswith("{")
