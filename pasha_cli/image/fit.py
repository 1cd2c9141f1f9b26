"""`pasha image fit`: a JPEG that passes every image rule, from whatever a marketer brings.

Phone photos (HEIC, rotated, with GPS), PNG logos with transparency and CMYK files from
designers become a baseline JPEG in sRGB, with the EXIF orientation applied, no metadata at all
(no EXIF, XMP, ICC or comment: no profile means sRGB), never upscaled unless asked, and, for the
timeline, the best picture that fits the byte limit (budget/). `--progressive` allows a
progressive JPEG: with jpegli, a lossless mozjpeg pass then finishes it (mozjpeg always writes
progressive scans, so it cannot serve the baseline default). Several sources share the cores.
"""

from __future__ import annotations

import math
import os
import struct
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from pasha_cli.atomic import write_atomic
from pasha_cli.i18n import t
from pasha_cli.image import FitError
from pasha_cli.image.budget import encode
from pasha_cli.image.budget.encoders import check_encoder, jpegli_available
from pasha_cli.image.guard import FIT_FORMATS, Refused, open_image, opened, sniff
from pasha_cli.image.inspect import inspect_image, quarter_turned
from pasha_cli.image.modes import refuse_lost_key, to_srgb
from pasha_cli.model import LocalText
from pasha_cli.parallel import cores, hand_over_quickly, run_task, start, worker_started
from pasha_cli.project.locate import real_path
from pasha_cli.project.spec import Spec

ICON_SIZE = 400  # default side of a fitted icon (the spec's minimum is 150)
BANDED_PIXELS_MIN = 1_000_000  # a smaller picture is resized on one thread: starting others costs more
BANDS_MAX = 4  # bands of a resize pass, one per core up to this


class FitOptions(NamedTuple):
    """What `pasha image fit` was asked for (fit_file's options), the same for every source of one run."""

    kind: str
    spec: Spec
    width: int | None = None
    pad: bool = False
    upscale: bool = False
    quality: float | None = None
    encoder: str = "auto"
    in_place: bool = False
    force: bool = False
    progressive: bool = False
    subsampling: str = "auto"


class FitResult(NamedTuple):
    source: Path
    output: Path
    width: int
    height: int
    bytes: int
    quality: float
    encodes: int
    encoder: str
    subsampling: str


def heif_available() -> bool:
    """Whether the heic extra is installed, found without importing it (that waits until used)."""
    from importlib.util import find_spec

    return find_spec("pi_heif") is not None


def scale_needed(options: FitOptions) -> Any:
    """For a displayed size (w, h), the size worth decoding: three times the result's, or all of it."""

    def needed(w: int, h: int) -> tuple[int, int]:
        if options.kind == "icon":
            side = max(options.width or ICON_SIZE, options.spec.icon_min_size)
            factor = side / (max(w, h) if options.pad else min(w, h))
        else:
            factor = _target_width(options) / w
        factor *= 3  # decoded at three times the size or more, Lanczos gives what it gives from all of it
        return (math.ceil(w * factor), math.ceil(h * factor)) if factor < 1 else (w, h)

    return needed


def _target_width(options: FitOptions) -> int:
    """The output width for timeline/top/info: --width, never below the spec's minimum."""
    minimum = options.spec.min_width(options.kind) or 0
    return max(options.width or minimum, minimum)


def load(path: Path, max_pixels: int, needed: Any = None, meanwhile: Callable[[], None] | None = None) -> Any:
    """Decode a source image: oriented, flattened on white, in sRGB (RGB or L). Raises FitError.

    `needed(w, h)` gives the displayed size worth decoding: a JPEG is then decoded at the smallest
    1/2, 1/4 or 1/8 scale that still covers it (libjpeg scales in the DCT: fast, and a photo from a
    phone is several times the size the platform shows). `meanwhile` runs on a second thread while
    the pixels decode (the decoder lets go of the GIL).
    """
    try:
        with opened(path, max_pixels) as (handle, data):
            return _decode(max_pixels, handle, data, needed, meanwhile)
    except Refused as exc:
        raise FitError(exc.text) from None
    except OSError as exc:  # from opening it: decoding's own errors are FitErrors by now
        raise FitError(t("image-unreadable", reason=exc.strerror or type(exc).__name__)) from None


def _decode(max_pixels: int, handle: Any, data: Any, needed: Any, meanwhile: Callable[[], None] | None) -> Any:
    """load() for an opened file: only the formats the README lists, by magic number."""
    from PIL import ImageOps, UnidentifiedImageError

    try:
        heif = heif_available()
        formats = FIT_FORMATS + (("HEIF",) if heif else ())
        if sniff(bytes(data[:16])) == "HEIF":
            if not heif:
                raise FitError(t("fit-heic-extra"))
            import pi_heif

            pi_heif.register_heif_opener()
        with open_image(formats, max_pixels, handle, data) as image:
            if needed is not None and image.format == "JPEG":
                swapped = quarter_turned(image.getexif())
                w, h = (image.height, image.width) if swapped else image.size
                want_w, want_h = needed(w, h)
                image.draft(image.mode, (want_h, want_w) if swapped else (want_w, want_h))
            refuse_lost_key(image)
            if meanwhile is not None:
                start(meanwhile)
            image.load()
            ImageOps.exif_transpose(image, in_place=True)  # in place: no copy of an upright photo
            return to_srgb(image)
    except Refused as exc:
        raise FitError(exc.text) from None
    except UnidentifiedImageError:
        raise FitError(t("image-undecodable")) from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as exc:
        raise FitError(t("image-corrupt", reason=str(exc) or type(exc).__name__)) from None


def geometry(image: Any, options: FitOptions) -> Any:
    """Resize (and for the icon, crop or pad to a square) to the kind's size. Raises FitError."""
    from PIL import Image

    pad, upscale = options.pad, options.upscale
    if options.kind == "icon":
        side = min(image.size) if not pad else max(image.size)
        target = options.width or min(ICON_SIZE, side)
        target = max(target, options.spec.icon_min_size)
        if pad:
            fill = (255, 255, 255) if image.mode == "RGB" else 255
            square = Image.new(image.mode, (side, side), fill)
            square.paste(image, ((side - image.width) // 2, (side - image.height) // 2))
        else:
            left, top = (image.width - side) // 2, (image.height - side) // 2
            square = image.crop((left, top, left + side, top + side))
        if target > side and not upscale:
            raise FitError(t("fit-too-small-square", side=side, target=target))
        return resize(square, (target, target)) if target != side else square
    target = _target_width(options)
    if image.width < target and not upscale:
        raise FitError(t("fit-too-narrow", width=image.width, target=target))
    if image.width == target:
        return image
    height = max(1, round(image.height * target / image.width))
    return resize(image, (target, height))


def resize(image: Any, size: tuple[int, int]) -> Any:
    """Lanczos, as two passes, horizontal then vertical, each the same pixels on any number of cores.

    A pass treats every row (or column) alone, so with two or more cores it runs on bands of
    whole rows (or columns) on threads (Pillow lets go of the GIL while it resamples). Not one
    `image.resize(size)`: the order of its passes is not always this one (Pillow 13), so it cannot
    be split in bands; and bands of output rows resized from a box of the source move the filter's
    centres by rounding, and the pixels with them."""
    between = _pass(image, (size[0], image.height), horizontal=True)
    return _pass(between, size, horizontal=False)


def _pass(image: Any, size: tuple[int, int], horizontal: bool) -> Any:
    """One pass of resize(): only the width changes (horizontal) or only the height."""
    from PIL import Image

    lanczos = Image.Resampling.LANCZOS
    if size == image.size:
        return image
    bands = min(cores(), BANDS_MAX) if image.width * image.height >= BANDED_PIXELS_MIN else 1
    if bands < 2:
        return image.resize(size, lanczos)
    across = image.height if horizontal else image.width  # the side the bands split
    edges = [across * n // bands for n in range(bands + 1)]
    parts: list[Any] = [None] * bands

    def band(index: int) -> None:
        low, high = edges[index], edges[index + 1]
        if horizontal:
            piece, piece_size = image.crop((0, low, image.width, high)), (size[0], high - low)
        else:
            piece, piece_size = image.crop((low, 0, high, image.height)), (high - low, size[1])
        parts[index] = piece.resize(piece_size, lanczos)

    helpers = [start(band, index) for index in range(1, bands)]
    band(0)
    for helper in helpers:
        helper.join_or_raise()
    out = Image.new(image.mode, size)
    for index, part in enumerate(parts):
        out.paste(part, (0, edges[index]) if horizontal else (edges[index], 0))
    return out


def fit_file(source: Path, output: Path, options: FitOptions) -> FitResult:
    """Fit one image and write it atomically; the written file passes every image rule for its kind."""
    # a FIFO or a device is refused by guard.opened
    kind, spec = options.kind, options.spec
    if not _exists(source, lambda exc: FitError(t("image-unreadable", reason=_reason(exc)))):
        raise FitError(t("fit-no-source"))
    exists = _exists(output, lambda exc: unwritten(output, exc))
    same = exists and real_path(output) == real_path(source)
    if same and not options.in_place:
        raise FitError(t("fit-onto-source"))
    if exists and not same and not options.force:
        raise FitError(t("fit-exists", path=output))
    check_encoder(options.encoder, options.subsampling)  # before any decoding
    image = geometry(load(source, spec.image_max_pixels, scale_needed(options), _import_what_follows), options)
    limit = spec.timeline_image_max_bytes if kind == "timeline" else None
    try:
        result = encode(image, limit, options.quality, options.encoder, options.progressive, options.subsampling)
    except OSError as exc:  # the encoder's scratch file (in memory on Linux, on disk elsewhere)
        raise FitError(Unwritten(*t("fit-scratch-failed", reason=_reason(exc)))) from None

    def verify(written: Path) -> None:
        # inside on purpose: at the top it would load before the source decodes, while
        # _import_what_follows loads it on the side thread meanwhile
        from pasha_cli.rules.images import image_findings

        info = inspect_image(written, spec.image_max_pixels)
        errors = [code for code, _ in image_findings(kind, info, spec)]  # not even a warning may remain
        if errors:  # a bug in pasha, never the user's: write nothing
            raise FitError(t("fit-output-fails", codes=", ".join(errors)))

    try:
        write_atomic(output, result.data, verify)
    except OSError as exc:  # a full or read-only disk, a name too long...: this output only
        raise unwritten(output, exc) from None
    return FitResult(
        source,
        output,
        image.width,
        image.height,
        len(result.data),
        result.quality,
        result.encodes,
        result.encoder,
        result.subsampling,
    )


def _import_what_follows() -> None:
    """Import what encoding, writing and checking the output need while the source decodes: one
    core imports, the other decodes. Import is thread-safe, and each module is also imported where
    it is used, as ever: this only makes it ready sooner."""
    from PIL import Image

    Image.preinit()  # the five plugins Pillow imports on the first save
    import pasha_cli.rules.images  # noqa: F401  (the output's check)

    if jpegli_available():
        import pyjpegli  # noqa: F401


class Unwritten(LocalText):
    """Why an output could not be written: the disk's fault, not the source's (exit 2, not 1)."""


def unwritten(output: Path, exc: OSError) -> FitError:
    return FitError(Unwritten(*t("output-failed", path=str(output), reason=_reason(exc))))


def failure_code(text: LocalText) -> int:
    """The exit code a failed source asks for: 2 when its output could not be written, else 1."""
    return 2 if isinstance(text, Unwritten) else 1


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _exists(path: Path, failure: Callable[[OSError], FitError]) -> bool:
    """Path.exists, with the errors it does not swallow (a name too long, a folder it may not
    search) as a FitError."""
    try:
        return path.exists()
    except OSError as exc:
        raise failure(exc) from None


def _fit_one(target: tuple[Path, Path], options: FitOptions) -> FitResult | LocalText:
    """fit_file for one (source, output), with its FitError as a value: it crosses process boundaries."""
    with hand_over_quickly():  # in this process, whether forked, spawned or the command's own
        try:
            return fit_file(*target, options)
        except FitError as exc:
            return exc.text


def fit_many(
    targets: list[tuple[Path, Path]], options: FitOptions, jobs: int = 0
) -> Iterator[tuple[Path, FitResult | LocalText]]:
    """Fit each (source, output) in order; with several, in `jobs` processes (0: one per core).

    Much of a fit holds the GIL (conversions, the searches' own logic), so photos share the cores
    as processes; on Linux they are forked after Pillow is imported, so no worker imports it again.
    A failure is yielded as its message, and the others go on. A bug (any other exception) does not
    stop them either: the first is raised once every source has had its turn.
    """
    crash: Exception | None = None
    for source, outcome in _outcomes(targets, options, jobs):
        if isinstance(outcome, Exception):
            crash = crash or outcome
            continue
        yield source, outcome
    if crash is not None:
        raise crash


def _outcomes(
    targets: list[tuple[Path, Path]], options: FitOptions, jobs: int
) -> Iterator[tuple[Path, FitResult | LocalText | Exception]]:
    workers = min(jobs or cores(), len(targets))
    if workers <= 1:
        for target in targets:
            try:
                yield target[0], _fit_one(target, options)
            except Exception as exc:  # a bug in pasha: reported once the others are done
                yield target[0], exc
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from PIL import Image, ImageOps, JpegImagePlugin  # noqa: F401  (once, before the fork)

    # fork where it is safe (Linux); macOS and Windows start fresh interpreters (spawn)
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    # each worker ends with this process (kill -9 included) and renames nothing into place after it
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=worker_started, initargs=(os.getpid(),))
    finished = False
    try:
        futures = [pool.submit(run_task, _fit_one, target, options) for target in targets]
        for target, future in zip(targets, futures, strict=True):
            try:
                yield target[0], future.result()
            except Exception as exc:  # a bug, or a worker that died (BrokenProcessPool)
                yield target[0], exc
        finished = True
    finally:  # interrupted (Ctrl-C, the caller stopped): start no more, and do not wait for the queue
        pool.shutdown(wait=finished, cancel_futures=True)
