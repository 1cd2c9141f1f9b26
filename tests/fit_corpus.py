"""A corpus for `pasha image fit`: generated sources x kinds x encoders x subsampling (and a few
byte limits and options), each fitted once, recorded as the sha256 of its output and the search's
decisions (quality, encoder, subsampling, encodes), or the reason it was refused.

Shared by tests/test_fit_corpus.py (which compares a run with tests/data/fit_corpus.json) and
benchmarks/fit_corpus.py (which records it). Every source is generated here, deterministically
(seeded noise, no Pillow effect_noise): nothing is committed but the hashes. Outputs depend on the
libraries' versions (not on the cores: a resize is the same pixels on any number), so the record
carries them, and a comparison is only made in the same environment.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from PIL import Image, ImageDraw

KINDS = ("timeline", "icon", "top", "info")
ENCODERS = ("auto", "pillow", "jpegli")
SUBSAMPLINGS = ("auto", "4:2:0", "4:4:4")
LIMITS = (40_000, 160_000)  # besides the spec's: a byte limit that bites harder, and a looser one


def _grain(width: int, height: int, seed: int, spread: int = 48) -> Image.Image:
    rng = random.Random(seed)
    noise = Image.frombytes("L", (width, height), rng.randbytes(width * height))
    return noise.point(lambda v: 128 - spread // 2 + v * spread // 256)


def _ramp(width: int, height: int, flip: bool = False) -> Image.Image:
    ramp = Image.linear_gradient("L").resize((width, height))
    return ramp.transpose(Image.Transpose.FLIP_LEFT_RIGHT) if flip else ramp


def photo(width: int, height: int, seed: int = 1) -> Image.Image:
    """Smooth gradients plus grain: sizes behave as a photograph's do."""
    return Image.merge("RGB", [_ramp(width, height), _grain(width, height, seed), _ramp(width, height, flip=True)])


def gradient(width: int, height: int) -> Image.Image:
    vertical = _ramp(height, width).transpose(Image.Transpose.ROTATE_90)
    return Image.merge("RGB", [_ramp(width, height), vertical, _ramp(width, height, flip=True)])


def edges(width: int, height: int) -> Image.Image:
    """Text-like: dark glyphs and thin rules on white, the hard edges JPEG rings around."""
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for row, top in enumerate(range(20, height - 40, 60)):
        draw.text((20 + (row % 5) * 7, top), "Pasha 2030-03-01 SALE 50% OFF " * 3, fill=(20, 20, 20))
        draw.line((0, top + 30, width, top + 30), fill=(200, 30, 30), width=1)
    for left in range(0, width, 197):
        draw.rectangle((left, 0, left + 2, height), fill=(30, 30, 160))
    return image


def noise(width: int, height: int, seed: int = 7) -> Image.Image:
    """Full-range noise in every channel: no JPEG of it fits a tight limit."""
    rng = random.Random(seed)
    return Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))


def chroma(width: int, height: int) -> Image.Image:
    """Colourful fine detail (red and blue one-pixel stripes over grain): what 4:2:0 halves."""
    stripes = Image.new("L", (width, height))
    stripes.putdata([255 * (x % 2) for _ in range(height) for x in range(width)])
    inverse = stripes.point(lambda v: 255 - v)
    return Image.merge("RGB", [stripes, _grain(width, height, 3, 64), inverse])


def lines(width: int, height: int) -> Image.Image:
    """One-pixel red and blue lines of about equal brightness: 4:4:4 wins within the limit."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 2):
        draw.line([(x, 0), (x, height)], fill=(220, 40, 40))
        draw.line([(x + 1, 0), (x + 1, height)], fill=(40, 40, 255))
    return image


def _save(make: Callable[[], Image.Image], fmt: str, **options: Any) -> Callable[[Path], None]:
    return lambda path: make().save(path, fmt, **options)


def _rotated(make: Callable[[], Image.Image], orientation: int) -> Callable[[Path], None]:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return _save(make, "JPEG", quality=95, exif=exif)


def _alpha() -> Image.Image:
    rgba = photo(1400, 800, seed=5).convert("RGBA")
    rgba.putalpha(_ramp(1400, 800))
    return rgba


def _smooth() -> Image.Image:
    return Image.merge("RGB", [_grain(1500, 1000, 9, 12), gradient(1500, 1000).getchannel(1), _ramp(1500, 1000)])


SOURCES: dict[str, tuple[str, Callable[[Path], None]]] = {
    # name -> (file suffix, writer): small and large, colour and grey, alpha, EXIF orientation
    "gradient": ("png", _save(lambda: gradient(1600, 1200), "PNG")),
    "photo": ("jpg", _save(lambda: photo(1800, 1200), "JPEG", quality=95)),
    "photo-large": ("jpg", _save(lambda: photo(4000, 3000, seed=2), "JPEG", quality=92)),
    "edges": ("png", _save(lambda: edges(1400, 1000), "PNG")),
    "noise": ("png", _save(lambda: noise(1300, 900), "PNG")),
    "small": ("png", _save(lambda: photo(600, 400, seed=4), "PNG")),
    "grey": ("png", _save(lambda: photo(1400, 900, seed=6).convert("L"), "PNG")),
    "alpha": ("png", _save(_alpha, "PNG")),
    "exif-6": ("jpg", _rotated(lambda: photo(1600, 1200, seed=8), 6)),
    "exif-3": ("jpg", _rotated(lambda: edges(1300, 900), 3)),
    "chroma": ("png", _save(lambda: chroma(1300, 900), "PNG")),
    "lines": ("png", _save(lambda: lines(1200, 800), "PNG")),
    "smooth": ("jpg", _save(_smooth, "JPEG", quality=90)),
}


class Case(NamedTuple):
    name: str  # source/kind/encoder/subsampling[/extra]
    source: str
    options: dict[str, Any]  # FitOptions fields besides kind and spec
    kind: str
    limit: int | None = None  # the timeline's byte limit, when not the spec's


def cases() -> list[Case]:
    found = []
    for source in SOURCES:
        for kind in KINDS:
            for encoder in ENCODERS:
                for subsampling in SUBSAMPLINGS:
                    options = {"encoder": encoder, "subsampling": subsampling}
                    found.append(Case(f"{source}/{kind}/{encoder}/{subsampling}", source, options, kind))
    for source in ("photo", "edges", "chroma", "grey", "gradient", "lines", "smooth"):
        for limit in LIMITS:
            for encoder in ENCODERS:
                for subsampling in SUBSAMPLINGS:
                    options = {"encoder": encoder, "subsampling": subsampling}
                    name = f"{source}/timeline/{encoder}/{subsampling}/limit={limit}"
                    found.append(Case(name, source, options, "timeline", limit))
    extras: list[tuple[str, str, dict[str, Any]]] = [
        ("photo", "timeline", {"progressive": True}),
        ("photo", "timeline", {"progressive": True, "encoder": "pillow"}),
        ("photo", "timeline", {"progressive": True, "encoder": "jpegli"}),
        ("photo", "timeline", {"quality": 80.0}),
        ("photo", "timeline", {"quality": 80.0, "encoder": "pillow"}),
        ("photo", "timeline", {"quality": 97.5, "encoder": "pillow", "subsampling": "4:4:4"}),
        ("photo", "info", {"quality": 70.0}),
        ("photo", "top", {"width": 1500}),
        ("photo-large", "timeline", {"width": 2000}),
        ("photo", "icon", {"pad": True}),
        ("photo", "icon", {"width": 150}),
        ("small", "timeline", {"upscale": True}),
        ("small", "icon", {"width": 800, "upscale": True}),
        ("edges", "timeline", {"progressive": True, "subsampling": "4:4:4"}),
    ]
    for source, kind, options in extras:
        extra = ",".join(f"{key}={value}" for key, value in options.items())
        found.append(Case(f"{source}/{kind}/{extra}", source, options, kind))
    return found


def environment() -> dict[str, Any]:
    """What outputs depend on besides pasha: the encoders' versions (not the cores: fit.resize)."""
    from importlib import metadata

    from PIL import features

    def version(name: str) -> str | None:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    return {
        "pillow": version("pillow"),
        "libjpeg_turbo": features.version("libjpeg_turbo"),
        "pyjpegli": version("pyjpegli"),
        "mozjpeg-lossless-optimization": version("mozjpeg-lossless-optimization"),
    }


def run(folder: Path, chosen: list[Case] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """Fit every case (one process: --jobs 1) into `folder`; yield (case name, its record)."""
    from pasha_cli.image.fit import FitOptions, fit_many
    from pasha_cli.project.spec import load_spec

    spec = load_spec()
    made: dict[str, Path] = {}
    for n, case in enumerate(chosen if chosen is not None else cases()):
        if case.source not in made:
            suffix, write = SOURCES[case.source]
            made[case.source] = folder / f"{case.source}.{suffix}"
            write(made[case.source])
        limited = spec if case.limit is None else spec._replace(timeline_image_max_bytes=case.limit)
        output = folder / f"out-{n}.jpg"
        options = FitOptions(case.kind, limited, **case.options)
        ((_, done),) = list(fit_many([(made[case.source], output)], options, jobs=1))
        yield case.name, record(done, output)
        output.unlink(missing_ok=True)


def record(done: Any, output: Path) -> dict[str, Any]:
    if not hasattr(done, "quality"):  # a refusal: its message
        return {"error": done.en}
    data = output.read_bytes()
    return {
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "size": [done.width, done.height],
        "quality": done.quality,
        "encoder": done.encoder,
        "subsampling": done.subsampling,
        "encodes": done.encodes,
    }
