"""`pasha image check`: what was measured of each image, and what validate would say about it."""

from __future__ import annotations

from typing import Any

from pasha_cli.characters import shown
from pasha_cli.decide import CheckedImage
from pasha_cli.i18n import t, tn
from pasha_cli.report.json_ import dumps
from pasha_cli.report.text import severity_cell


def render_text(checked: list[CheckedImage], lang: str) -> str:
    """A line of measurements per image, then its findings (or "clean"); values quoted as shown()."""
    lines = []
    for image in checked:
        info = image.info
        measured = t(
            "check-measured",
            file=str(image.path),
            format=info.format or "?",
            width=info.width or "?",
            height=info.height or "?",
            bytes=tn("n-bytes", info.bytes),
            mode=info.mode or "?",
            gps=t("yes" if info.has_gps else "no"),
            icc=info.icc_description or "-",
        )
        lines.append(shown(measured.get(lang)))
        lines += [
            shown(f"  {found.code}  {severity_cell(found.severity, lang)}  {found.message(lang)}")
            for found in image.findings
        ]
        if not image.findings:
            lines.append("  " + t("check-clean").get(lang))
    return "".join(line + "\n" for line in lines)


def render_json(kind: str, checked: list[CheckedImage], lang: str) -> str:
    """`--format json`: version 1, an entry per image with what was measured."""
    images: list[dict[str, Any]] = [
        {
            "path": str(image.path),
            "kind": kind,
            "format": image.info.format,
            "width": image.info.width,
            "height": image.info.height,
            "bytes": image.info.bytes,
            "mode": image.info.mode,
            "gps": image.info.has_gps,
            "icc_profile": image.info.icc_description,
            "findings": [
                {"code": f.code, "name": f.name, "severity": f.severity.value, "message": f.message(lang)}
                for f in image.findings
            ],
        }
        for image in checked
    ]
    severities = [finding["severity"] for image in images for finding in image["findings"]]
    summary = {"files": len(images), "errors": severities.count("error"), "warnings": severities.count("warning")}
    return dumps({"version": 1, "images": images, "summary": summary})  # valid UTF-8 with any file name
