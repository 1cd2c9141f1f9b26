"""PSH2xx: images — the real format, the displayed size, bytes, colour and metadata."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pasha_cli.i18n import tn
from pasha_cli.image.inspect import ImageInfo
from pasha_cli.project.spec import Spec
from pasha_cli.rules.base import ERROR, WARNING, Check, Context, Hit, ImageUse, L, rule

# A per-image check: the message arguments when the image breaks the rule, else None.
# The same functions serve `pasha validate` (through the rules) and `pasha image check`.
ImageCheck = Callable[[str, ImageInfo, Spec], "dict[str, Any] | None"]

KIND_NAMES = {
    "timeline": L("タイムライン画像", "timeline image"),
    "icon": L("アイコン", "account icon"),
    "top": L("トップ画像", "top image"),
    "info": L("アカウント情報画像", "account info image"),
}


PER_IMAGE: list[tuple[str, ImageCheck, bool]] = []  # (code, check, needs a decodable image)


def _hit(use: ImageUse, **args: object) -> Hit:
    return Hit(
        use.draft, use.field, {"kind": KIND_NAMES[use.kind], "file": use.path.name, **args}, config_keys=use.config_keys
    )


def per_image(code: str, decoded: bool = True) -> Callable[[ImageCheck], Check]:
    """Make a rule's check from a per-image function, and register the function for `image check`."""

    def wrap(check: ImageCheck) -> Check:
        PER_IMAGE.append((code, check, decoded))

        def run(ctx: Context) -> Iterator[Hit]:
            for use in ctx.image_uses():
                info = ctx.image(use.path)
                if decoded and info.problem is not None:
                    continue  # an undecodable image is PSH208's alone
                args = check(use.kind, info, ctx.spec)
                if args is not None:
                    yield _hit(use, **args)

        return run

    return wrap


@rule(
    "PSH201",
    "not-jpeg",
    ERROR,
    summary=L(
        "画像が JPEG か、ファイルの中身（先頭のマジックナンバー）で検査します。拡張子は見ません。",
        "Checks that an image is a JPEG by its bytes (the magic number), whatever its name.",
    ),
    why=L(
        "Pasha が受け付けるのは JPEG だけです。.jpg という名前の PNG も拒否されます。",
        "Pasha accepts JPEG only; a PNG named .jpg is refused too.",
    ),
    fix=L("`pasha image fit` で JPEG に変換してください。", "Convert it with `pasha image fit`."),
    messages=L(
        "{kind} {file} は JPEG ではありません（中身は {format}）", "{kind} {file} is not a JPEG (it is {format})"
    ),
)
@per_image("PSH201", decoded=False)
def not_jpeg(kind: str, info: ImageInfo, spec: Spec) -> dict[str, Any] | None:
    return None if info.is_jpeg else {"format": info.format or "unknown"}


@rule(
    "PSH202",
    "image-too-narrow",
    ERROR,
    summary=L(
        "タイムライン・トップ・情報画像の幅が下限（既定 1200 px）以上か検査します。幅は EXIF の回転を適用した表示上の幅です。",
        "Checks that timeline, top and info images are at least the minimum width (1200 px by default), "
        "as displayed: after the EXIF orientation.",
    ),
    why=L(
        "幅の足りない画像は管理画面で拒否されるか、ぼやけて表示されます。",
        "A narrower image is refused by the admin screen or shown blurred.",
    ),
    fix=L(
        "より大きな元画像から `pasha image fit` で作り直してください。",
        "Make it again from a larger original with `pasha image fit`.",
    ),
    messages=L(
        "{kind} {file} の幅が {width} px です（{minimum} px 以上必要）",
        "{kind} {file} is {width} px wide (at least {minimum} px needed)",
    ),
)
@per_image("PSH202")
def image_too_narrow(kind: str, info: ImageInfo, spec: Spec) -> dict[str, Any] | None:
    minimum = spec.min_width(kind)
    if minimum is None or info.width is None:
        return None
    return {"width": info.width, "minimum": minimum} if info.width < minimum else None


@rule(
    "PSH203",
    "timeline-image-too-heavy",
    ERROR,
    summary=L(
        "タイムライン画像のファイルサイズが上限（既定 100,000 バイト）以内か検査します。",
        "Checks that a timeline image is within the byte limit (100,000 bytes by default).",
    ),
    why=L("上限を超える画像はアップロードできません。", "A heavier image cannot be uploaded."),
    fix=L(
        "`pasha image fit --as timeline` で上限内の最高画質に圧縮してください。",
        "Compress it to the best quality within the limit with `pasha image fit --as timeline`.",
    ),
    messages=L(
        "{kind} {file} が {size:,} バイトです（上限 {limit:,} バイト）",
        "{kind} {file} is {size:,} bytes (limit {limit:,})",
    ),
)
@per_image("PSH203", decoded=False)
def timeline_image_too_heavy(kind: str, info: ImageInfo, spec: Spec) -> dict[str, Any] | None:
    limit = spec.timeline_image_max_bytes
    return {"size": info.bytes, "limit": limit} if kind == "timeline" and info.bytes > limit else None


@rule(
    "PSH204",
    "icon-not-square",
    ERROR,
    summary=L(
        "アカウントアイコンが正方形か検査します（表示上の幅と高さ）。",
        "Checks that the account icon is square (as displayed).",
    ),
    why=L("正方形でないアイコンは切り取られて表示されます。", "A non-square icon is cropped by the platform."),
    fix=L(
        "`pasha image fit --as icon` で中央を正方形に切り出してください。",
        "Crop it square with `pasha image fit --as icon`.",
    ),
    messages=L(
        "{kind} {file} が正方形ではありません（{width} x {height} px）",
        "{kind} {file} is not square ({width} x {height} px)",
    ),
)
@per_image("PSH204")
def icon_not_square(kind: str, info: ImageInfo, spec: Spec) -> dict[str, Any] | None:
    return {"width": info.width, "height": info.height} if kind == "icon" and info.width != info.height else None


@rule(
    "PSH205",
    "icon-too-small",
    ERROR,
    summary=L(
        "アカウントアイコンが下限（既定 150 x 150 px）以上か検査します。",
        "Checks that the account icon is at least the minimum size (150 x 150 px by default).",
    ),
    why=L("小さいアイコンは登録できません。", "A smaller icon cannot be registered."),
    fix=L("より大きな元画像を使ってください。", "Use a larger original."),
    messages=L(
        "{kind} {file} が {width} x {height} px です（{minimum} x {minimum} px 以上必要）",
        "{kind} {file} is {width} x {height} px (at least {minimum} x {minimum} px needed)",
    ),
)
@per_image("PSH205")
def icon_too_small(kind: str, info: ImageInfo, spec: Spec) -> dict[str, Any] | None:
    if kind != "icon" or info.width is None or info.height is None:
        return None
    minimum = spec.icon_min_size
    return (
        {"width": info.width, "height": info.height, "minimum": minimum}
        if min(info.width, info.height) < minimum
        else None
    )


@rule(
    "PSH206",
    "too-many-info-images",
    ERROR,
    summary=L(
        "アカウント情報画像が上限（既定 3 枚）以内か検査します。",
        "Checks the number of account info images (at most 3 by default).",
    ),
    why=L("上限を超える枚数は登録できません。", "More cannot be registered."),
    fix=L("info_images を減らしてください。", "Remove entries from info_images."),
    messages=L(
        "アカウント `{account}` の情報画像が {images}あります（上限 {limit} 枚）",
        "account `{account}` has {images} (at most {limit})",
    ),
)
def too_many_info_images(ctx: Context) -> Iterator[Hit]:
    if not ctx.config_in_scope:
        return
    limit = ctx.spec.info_images_max
    for account in ctx.config.accounts.values():
        if len(account.info_images) > limit:
            keys = ("accounts", account.id, "info_images")
            yield Hit(
                None,
                ".".join(keys),
                {"account": account.id, "images": tn("n-info-images", len(account.info_images)), "limit": limit},
                config_keys=keys,
            )


@rule(
    "PSH207",
    "unsupported-color-mode",
    ERROR,
    summary=L(
        "画像がカラー（RGB）またはグレースケールか検査します。CMYK などの印刷用の色形式を見つけます。",
        "Checks that an image is RGB or greyscale: finds CMYK and other print or exotic colour modes.",
    ),
    why=L(
        "CMYK の JPEG はブラウザやアプリで色が大きく変わるか、表示されません。",
        "CMYK JPEGs show with wrong colours, or not at all, in browsers and apps.",
    ),
    fix=L("`pasha image fit` で sRGB に変換してください。", "Convert it to sRGB with `pasha image fit`."),
    messages=L(
        "{kind} {file} の色形式が {mode} です（RGB かグレースケールにしてください）",
        "{kind} {file} has colour mode {mode} (use RGB or greyscale)",
    ),
)
@per_image("PSH207")
def unsupported_color_mode(kind: str, info: ImageInfo, spec: Spec) -> dict[str, Any] | None:
    return None if info.mode in ("RGB", "L") else {"mode": info.mode}


@rule(
    "PSH208",
    "corrupt-image",
    ERROR,
    summary=L(
        "画像を最後まで読めるか検査します（途中で切れたファイル、壊れたデータ、展開爆弾）。",
        "Checks that an image decodes to the end: truncated files, broken data and decompression bombs.",
    ),
    why=L(
        "壊れた画像は登録に失敗するか、一部が灰色で表示されます。巨大な画素数の画像は処理する機械を止めます。",
        "A broken image fails to upload or shows grey bands; a huge pixel count stalls whatever opens it.",
    ),
    fix=L("元の画像から書き出し直してください。", "Export it again from the original."),
    messages=L("{kind} {file} {problem}", "{kind} {file} {problem}"),
)
@per_image("PSH208", decoded=False)
def corrupt_image(kind: str, info: ImageInfo, spec: Spec) -> dict[str, Any] | None:
    return None if info.problem is None else {"problem": info.problem}


@rule(
    "PSH209",
    "location-metadata",
    WARNING,
    summary=L(
        "画像の EXIF に位置情報（GPS）が残っていないか検査します。",
        "Checks that no location (GPS) data is left in an image's EXIF.",
    ),
    why=L(
        "位置情報は撮影場所（店舗の裏側、社員の自宅）を公開してしまいます。",
        "Location data publishes where the photo was taken: a back office, someone's home.",
    ),
    fix=L(
        "`pasha image fit` は位置情報を含むメタデータをすべて取り除きます。",
        "`pasha image fit` strips location and every other personal metadata.",
    ),
    messages=L("{kind} {file} に位置情報（GPS）が含まれています", "{kind} {file} contains location (GPS) data"),
)
@per_image("PSH209")
def location_metadata(kind: str, info: ImageInfo, spec: Spec) -> dict[str, Any] | None:
    return {} if info.has_gps else None


@rule(
    "PSH210",
    "non-srgb-profile",
    WARNING,
    summary=L(
        "画像の ICC プロファイルが sRGB か検査します（プロファイルなしは sRGB とみなします）。",
        "Checks that an image's ICC profile is sRGB (no profile counts as sRGB).",
    ),
    why=L(
        "Display P3 や Adobe RGB の画像は、プロファイルを無視する画面でくすんだ色になります。",
        "Display P3 or Adobe RGB images look dull on screens that ignore the profile.",
    ),
    fix=L("`pasha image fit` で sRGB に変換してください。", "Convert it to sRGB with `pasha image fit`."),
    messages=L(
        "{kind} {file} の ICC プロファイルが sRGB ではありません（{profile}）",
        "{kind} {file} has a non-sRGB ICC profile ({profile})",
    ),
)
@per_image("PSH210")
def non_srgb_profile(kind: str, info: ImageInfo, spec: Spec) -> dict[str, Any] | None:
    return None if info.icc_is_srgb else {"profile": info.icc_description}


# The rules that judge one image by itself, in code order: what `pasha image check` runs
# (PSH206 counts a config's images; tests/test_image_gate.py checks this against the registry).
PER_IMAGE_RULES = (
    not_jpeg,
    image_too_narrow,
    timeline_image_too_heavy,
    icon_not_square,
    icon_too_small,
    unsupported_color_mode,
    corrupt_image,
    location_metadata,
    non_srgb_profile,
)


def image_findings(kind: str, info: ImageInfo, spec: Spec) -> list[tuple[str, dict[str, Any]]]:
    """(code, message arguments) of what `pasha validate` would say about one image used as `kind`."""
    found = []
    for code, check, decoded in PER_IMAGE:
        if decoded and info.problem is not None:
            continue
        args = check(kind, info, spec)
        if args is not None:
            found.append((code, {"kind": KIND_NAMES[kind], "file": info.path.name, **args}))
    return found
