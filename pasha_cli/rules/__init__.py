"""The rule registry: every rule, in code order. No import-time discovery."""

from __future__ import annotations

from pasha_cli.rules import files, images, links, plan, schedule, text
from pasha_cli.rules.base import Context, Hit, Rule

ALL_RULES: tuple[Rule, ...] = (
    files.unreadable_draft,
    files.schema_violation,
    files.unknown_account,
    files.missing_or_outside_file,
    text.body_too_long,
    text.body_empty,
    text.invisible_character,
    text.control_character,
    text.not_nfc,
    text.halfwidth_katakana,
    images.not_jpeg,
    images.image_too_narrow,
    images.timeline_image_too_heavy,
    images.icon_not_square,
    images.icon_too_small,
    images.too_many_info_images,
    images.unsupported_color_mode,
    images.corrupt_image,
    images.location_metadata,
    images.non_srgb_profile,
    schedule.past_setup_deadline,
    schedule.in_maintenance_window,
    schedule.publish_time_in_past,
    schedule.deadline_soon,
    plan.free_plan_monthly_limit,
    plan.paid_plan_feature,
    links.invalid_link,
    links.link_domain_not_allowed,
    links.insecure_link,
)

RULES_BY_CODE: dict[str, Rule] = {r.code: r for r in ALL_RULES}

__all__ = ["ALL_RULES", "RULES_BY_CODE", "Context", "Hit", "Rule"]
