"""The individual's photo: inside the unit's folder, a real JPEG/PNG, 2-inch proportions, blue background."""

from __future__ import annotations

import warnings
from pathlib import Path as FsPath
from typing import Any

from PIL import Image, UnidentifiedImageError

from awards.check.context import Ctx, field_check
from awards.read.yamlsrc import Path

_MAX_PIXELS = 40_000_000  # far above any ID photo; refuse before decoding a decompression bomb


def _corner_colour(img: Image.Image) -> tuple[int, int, int]:
    """Mean colour of the four corner patches, where an ID photo shows only its background."""
    rgb = img if img.mode == "RGB" else img.convert("RGB")  # no copy of an RGB image
    w, h = rgb.size
    pw, ph = max(1, w // 12), max(1, h // 12)
    boxes = [(0, 0, pw, ph), (w - pw, 0, w, ph), (0, h - ph, pw, h), (w - pw, h - ph, w, h)]
    # A box-filtered resize to one pixel is the patch's mean, computed in C (ImageStat builds a
    # 768-bin histogram per patch in Python, four times per photo).
    means = [rgb.resize((1, 1), Image.Resampling.BOX, box=box).getpixel((0, 0)) for box in boxes]
    sums = [sum(float(m[i]) for m in means if isinstance(m, tuple)) for i in range(3)]
    r, g, b = (round(s / len(boxes)) for s in sums)
    return r, g, b


@field_check("photo")
def photo(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    if not isinstance(value, str):
        return
    unit_raw = ctx.rules.root / "submissions" / (ctx.doc.unit or "")
    unit_dir = unit_raw.resolve()
    folder = f"submissions/{ctx.doc.unit}/"
    rel = value.strip().replace("\\", "/")
    try:
        target = (unit_dir / rel).resolve()
        outside = FsPath(rel).is_absolute() or not target.is_relative_to(unit_dir)
        # Everything below follows from where these two resolve to and (inside the unit) the photo's bytes.
        ctx.depend(unit_raw, content=False)
        ctx.depend(unit_dir / rel, content=not outside and target.is_file())
        is_file, is_dir = target.is_file(), target.is_dir()
    except (OSError, ValueError):  # a NUL byte or a 4,000-character path: no such photo can exist
        ctx.emit("photo-missing", path, value=value, folder=folder + "photos/")
        return
    if outside:
        ctx.emit("photo-outside-unit", path, value=value, folder=folder)
        return
    if is_dir:
        ctx.emit(
            "photo-format",
            path,
            value=value,
            reason="是一个文件夹，请写到具体的照片文件，如 photos/zhang-san.jpg",
        )
        return
    if not is_file:
        ctx.emit("photo-missing", path, value=value, folder=folder + "photos/")
        return
    spec = ctx.rules.settings.photo
    size_kb = target.stat().st_size // 1024
    if not spec.size_kb_min <= size_kb <= spec.size_kb_max:
        ctx.emit("photo-file-size", path, size_kb=size_kb, min=spec.size_kb_min, max=spec.size_kb_max)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(target) as img:
                fmt, (width, height) = img.format, img.size
                if width * height > _MAX_PIXELS:
                    reason = f"有 {width}×{height} 像素，太大了，不像证件照"
                    ctx.emit("photo-format", path, value=value, reason=reason)
                    return
                if fmt not in spec.formats:
                    ctx.emit(
                        "photo-format",
                        path,
                        value=value,
                        reason=f"是 {fmt} 格式，请用 {' 或 '.join(spec.formats)}",
                    )
                    return
                # A JPEG decoded at 1/8 scale (libjpeg's DCT scaling) still reads every byte, so a truncated
                # or corrupt file is still refused, and its corners keep their mean colour; a full decode
                # was most of the checker's time. PNG has no such mode and decodes in full.
                img.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                colour = _corner_colour(img)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        ctx.emit("photo-format", path, value=value, reason="无法作为图片打开（不是 JPEG/PNG，或文件已损坏）")
        return
    ratio = width / height
    lo, hi = spec.ratio_min, spec.ratio_max
    if not lo <= ratio <= hi:
        ctx.emit("photo-proportions", path, width=width, height=height, ratio=f"{ratio:.2f}", min=lo, max=hi)
        return
    min_w, min_h = spec.min_width, spec.min_height
    if width < min_w or height < min_h:
        ctx.emit("photo-resolution", path, width=width, height=height, min_width=min_w, min_height=min_h)
    r, g, b = colour
    if b - max(r, g) < spec.blue_margin:
        ctx.emit("photo-background", path, rgb=f"{r},{g},{b}")
