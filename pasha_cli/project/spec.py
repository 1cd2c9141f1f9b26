"""The dated platform spec shipped in the package (data/spec-*.toml)."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pasha_cli.project.config import Config

SPEC_VERSION = "2024-06"


class Spec(NamedTuple):
    version: str
    body_max_chars: int
    digest_chars: int
    timeline_image_max_bytes: int
    timeline_image_min_width: int
    top_image_min_width: int
    info_image_min_width: int
    info_images_max: int
    icon_min_size: int
    image_max_pixels: int
    lead_business_days: int
    deadline_time: str
    deadline_soon_business_days: int
    free_posts_per_month: int
    closure_days: tuple[str, ...]
    rakuten_domains: tuple[str, ...]
    maintenance_known_until: date  # the shipped schedule's last known day, Japan time
    maintenance_usual_day: str  # MO..SU: the usual slot's weekday
    maintenance_usual_start: str  # HH:MM, Japan time
    maintenance_usual_end: str
    maintenance: tuple[tuple[datetime, datetime], ...]  # the shipped schedule, [start, end)

    def min_width(self, kind: str) -> int | None:
        """The minimum displayed width of an image used as `kind` (the icon has a minimum size instead)."""
        return {
            "timeline": self.timeline_image_min_width,
            "top": self.top_image_min_width,
            "info": self.info_image_min_width,
        }.get(kind)

    def with_overrides(self, overrides: dict[str, Any]) -> Spec:
        values: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in overrides.items() if k in self._fields
        }
        return self._replace(**values)


def spec_of(config: Config | None) -> Spec:
    """A project's spec (the shipped one with its overrides), or the shipped one outside a project."""
    return config.spec if config is not None else load_spec()


@cache
def load_spec(version: str = SPEC_VERSION) -> Spec:
    raw = tomllib.loads((Path(__file__).parent / "data" / f"spec-{version}.toml").read_text("utf-8"))
    windows = tuple((w["start"], w["end"]) for w in raw.pop("maintenance", ()))
    raw.pop("source", None)
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
    return Spec(
        **values,
        maintenance=windows,
    )
