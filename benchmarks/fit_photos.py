"""Image-fit benchmark on real photographs from Debian's wallpaper packages (issue 4).

    apt-get install -y imagemagick jpegoptim plasma-workspace-wallpapers mate-backgrounds
    pip install scikit-image          # SSIM and PSNR
    python3 benchmarks/fit_photos.py [--limit 100000] [--max-photos 30]

For each photo, at 100,000 bytes, 1200 px wide: bytes, SSIM and PSNR against the same photo
resized to 1200 px (Pillow, Lanczos, from the original), and wall time of the whole command, for
  - pasha image fit (Pillow encoder), pasha image fit with the jpegli extra (baseline, the default),
    and with --progressive (jpegli + lossless mozjpeg pass),
  - ImageMagick `convert SRC -resize 1200x -define jpeg:extent=100000b OUT`,
  - jpegoptim --size on ImageMagick's 1200-px quality-95 resize (jpegoptim does not resize).
A last column times the same fit in-process (what a batch pays per photo, and what a machine
whose bare `python3 -c pass` is fast pays beyond ~20 ms): on sandboxed VMs whose site-packages
carry extra .pth start-up work, the interpreter alone can take ~120 ms per command.
No photo is committed: the script reads them from the installed packages.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import precompile

PACKAGES = ("/usr/share/wallpapers", "/usr/share/backgrounds/mate")


def photos(limit: int) -> list[Path]:
    """Real photographs (JPEG, at least 1200 px wide): the largest rendition of each wallpaper."""
    from PIL import Image

    best: dict[str, tuple[int, Path]] = {}
    for base in PACKAGES:
        for path in sorted(Path(base).rglob("*.jp*g")):
            if "screenshot" in path.name:
                continue
            with Image.open(path) as image:
                if image.width < 1200 or image.mode != "RGB":
                    continue
                pixels = image.width * image.height
            name = path.parts[4] if base.endswith("wallpapers") else path.stem.split("_")[0]
            if name not in best or pixels > best[name][0]:
                best[name] = (pixels, path)
    return [p for _, p in sorted(best.values(), key=lambda item: str(item[1]))][:limit]


def reference(path: Path) -> object:
    import numpy as np
    from PIL import Image, ImageOps

    with Image.open(path) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        height = round(image.height * 1200 / image.width)
        return np.asarray(image.resize((1200, height), Image.Resampling.LANCZOS), dtype=np.float64)


def quality(ref: object, out: Path) -> tuple[float, float]:
    import numpy as np
    from PIL import Image
    from skimage.metrics import peak_signal_noise_ratio, structural_similarity

    got = np.asarray(Image.open(out).convert("RGB"), dtype=np.float64)
    h = min(ref.shape[0], got.shape[0])  # type: ignore[attr-defined]
    a, b = ref[:h], got[:h]  # type: ignore[index]
    return (structural_similarity(a, b, channel_axis=2, data_range=255),
            peak_signal_noise_ratio(a, b, data_range=255))


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=100_000)
    parser.add_argument("--max-photos", type=int, default=40)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    for tool in ("pasha", "convert", "jpegoptim"):
        if not shutil.which(tool):
            sys.exit(f"missing {tool}: see the docstring for the set-up")
    precompile()
    work = Path(tempfile.mkdtemp(prefix="pasha-fit-bench-"))
    kib = args.limit // 1024
    rows = []
    tools = {
        "pasha-pillow": lambda s, o: ["pasha", "image", "fit", str(s), "-o", str(o), "--as", "timeline", "--encoder", "pillow"],
        "pasha-jpegli": lambda s, o: ["pasha", "image", "fit", str(s), "-o", str(o), "--as", "timeline", "--encoder", "jpegli"],
        "pasha-jpegli-progressive": lambda s, o: ["pasha", "image", "fit", str(s), "-o", str(o), "--as", "timeline",
                                                  "--encoder", "jpegli", "--progressive"],
        "imagemagick": lambda s, o: ["convert", str(s), "-resize", "1200x", "-define", f"jpeg:extent={args.limit}b", str(o)],
    }
    for n, photo in enumerate(photos(args.max_photos)):
        ref = reference(photo)
        row: dict[str, object] = {"photo": str(photo), "size": Path(photo).stat().st_size}
        for name, command in tools.items():
            out = work / f"{n}-{name}.jpg"
            seconds = timed(command(photo, out))
            ssim, psnr = quality(ref, out)
            row[name] = {"bytes": out.stat().st_size, "ssim": round(ssim, 4), "psnr": round(psnr, 2),
                         "ms": round(seconds * 1000)}
        # the same work without the interpreter's start-up: what a batch (`--out-dir`) pays per photo
        from pasha_cli.imagefit import fit_file
        from pasha_cli.spec import load_spec

        inproc = work / f"{n}-inprocess.jpg"
        start = time.perf_counter()
        fit_file(photo, inproc, "timeline", load_spec(), encoder="pillow")
        row["pasha-pillow-in-process"] = {"bytes": inproc.stat().st_size, "ssim": row["pasha-pillow"]["ssim"],  # type: ignore[index]
                                          "psnr": row["pasha-pillow"]["psnr"],  # type: ignore[index]
                                          "ms": round((time.perf_counter() - start) * 1000)}
        staged = work / f"{n}-jpegoptim.jpg"
        seconds = timed(["convert", str(photo), "-resize", "1200x", "-quality", "95", str(staged)])
        seconds += timed(["jpegoptim", "--quiet", "--strip-all", f"--size={kib}", str(staged)])
        ssim, psnr = quality(ref, staged)
        row["jpegoptim"] = {"bytes": staged.stat().st_size, "ssim": round(ssim, 4), "psnr": round(psnr, 2),
                            "ms": round(seconds * 1000)}
        rows.append(row)
        cells = "  ".join(f"{k}: {v['bytes']:>6} B ssim {v['ssim']:.4f} {v['ms']:>4} ms"  # type: ignore[index]
                          for k, v in row.items() if isinstance(v, dict))
        print(f"{Path(photo).name[:28]:<28} {cells}")
    names = [*tools, "pasha-pillow-in-process", "jpegoptim"]
    print()
    for name in names:
        over = sum(1 for r in rows if r[name]["bytes"] > args.limit)  # type: ignore[index]
        print(f"{name:<26} median ssim {statistics.median(r[name]['ssim'] for r in rows):.4f}  "  # type: ignore[index]
              f"psnr {statistics.median(r[name]['psnr'] for r in rows):.2f}  "  # type: ignore[index]
              f"bytes {statistics.median(r[name]['bytes'] for r in rows):>7.0f}  "  # type: ignore[index]
              f"ms {statistics.median(r[name]['ms'] for r in rows):>5.0f}  over the limit: {over}/{len(rows)}")  # type: ignore[index]
    for name in ("pasha-pillow", "pasha-pillow-in-process", "pasha-jpegli", "pasha-jpegli-progressive"):
        better = sum(1 for r in rows if r[name]["ssim"] >= r["imagemagick"]["ssim"])  # type: ignore[index]
        faster = sum(1 for r in rows if r[name]["ms"] < r["imagemagick"]["ms"])  # type: ignore[index]
        print(f"{name}: SSIM >= ImageMagick on {better}/{len(rows)} photos, faster on {faster}/{len(rows)}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
