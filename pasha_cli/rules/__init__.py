"""The rule registry: every rule, in code order. No import-time discovery.

The registry is built on first use (PEP 562), so that `pasha image` can use the image checks
without loading every rule family and its libraries.
"""

from __future__ import annotations

from typing import Any

from pasha_cli.rules.base import Context, Hit, Rule


def _registry() -> tuple[Rule, ...]:
    from pasha_cli.rules import (
        body,
        campaigns,
        categories,
        content,
        dates,
        files,
        images,
        links,
        plan,
        prices,
        schedule,
        sources,
        wording,
    )

    return (
        files.unreadable_draft,
        files.schema_violation,
        files.unknown_account,
        files.missing_or_outside_file,
        files.unmatched_draft_pattern,
        files.duplicate_draft_id,
        body.body_too_long,
        body.body_empty,
        body.invisible_character,
        body.control_character,
        body.not_nfc,
        body.halfwidth_katakana,
        wording.dictionary_wording,
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
        schedule.beyond_known_maintenance,
        plan.free_plan_monthly_limit,
        plan.paid_plan_feature,
        links.invalid_link,
        links.link_domain_not_allowed,
        links.insecure_link,
        content.claim_without_evidence,
        content.evidence_incomplete,
        content.evidence_marker_missing,
        content.evidence_outdated,
        content.evidence_claim_not_in_body,
        prices.price_claim_without_basis,
        prices.price_basis_incomplete,
        prices.compared_price_mismatch,
        prices.price_basis_kind_mismatch,
        prices.compared_price_not_recent,
        dates.wrong_weekday,
        dates.impossible_date,
        dates.date_before_publication,
        dates.not_a_holiday,
        dates.date_range_reversed,
        sources.third_party_unlabelled,
        sources.permission_missing,
        sources.permission_incomplete,
        sources.permission_after_publication,
        campaigns.campaign_follow_not_allowed,
        campaigns.campaign_ended,
        campaigns.campaign_incomplete,
        campaigns.campaign_period_reversed,
        campaigns.campaign_announced_early,
        campaigns.limited_time_without_campaign,
        campaigns.body_period_disagrees,
        campaigns.period_not_in_digest,
        campaigns.condition_not_in_digest,
        categories.beyond_efficacy_range,
        categories.maximal_efficacy_expression,
        categories.medicinal_claim_for_food,
        categories.health_function_claim,
        content.unused_allow,
    )


ALL_RULES: tuple[Rule, ...]
RULES_BY_CODE: dict[str, Rule]


def __getattr__(name: str) -> Any:
    if name in ("ALL_RULES", "RULES_BY_CODE"):
        rules = _registry()
        globals().update(ALL_RULES=rules, RULES_BY_CODE={r.code: r for r in rules})
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["ALL_RULES", "RULES_BY_CODE", "Context", "Hit", "Rule"]
