"""The individual's photo: inside the unit's folder, a real JPEG/PNG, 2-inch proportions, blue background."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from pathlib import Path as FsPath
from typing import Any

from PIL import Image, ImageFile, UnidentifiedImageError

from awards.check.context import Ctx, FieldFinding, field_check
from awards.read.yamlsrc import Path
from awards.rules.settings import Photo as PhotoSpec

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
def photo(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    if not isinstance(value, str):
        return []
    unit_raw = ctx.rules.root / "submissions" / (ctx.doc.unit or "")
    unit_dir = unit_raw.resolve()
    folder = f"submissions/{ctx.doc.unit}/"
    rel = value.strip().replace("\\", "/")
    try:
        target = (unit_dir / rel).resolve()
        outside = FsPath(rel).is_absolute() or not target.is_relative_to(unit_dir)
        # Everything below follows from where these two resolve to and (inside the unit) the photo's bytes.
        is_file = target.is_file()
        ctx.depend(unit_raw, content=False, resolved=unit_dir)
        ctx.depend(unit_dir / rel, content=not outside and is_file, resolved=target)
        is_dir = not is_file and target.is_dir()
    except (OSError, ValueError):  # a NUL byte or a 4,000-character path: no such photo can exist
        return [FieldFinding("photo-missing", {"value": value, "folder": folder + "photos/"})]
    if outside:
        return [FieldFinding("photo-outside-unit", {"value": value, "folder": folder})]
    if is_dir:
        return [FieldFinding("photo-format", {"value": value}, "folder")]
    if not is_file:
        return [FieldFinding("photo-missing", {"value": value, "folder": folder + "photos/"})]
    return image_findings(target, value, ctx.rules.settings.photo)


_SUFFIX_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}


@contextlib.contextmanager
def _strict_decoding() -> Iterator[None]:
    """Pillow refuses truncated files while the photo is read, whatever the process did before:
    importing WeasyPrint (any PDF) makes Pillow accept them for the whole process, so a check run after
    a PDF, or in a worker forked from such a process, would pass a photo cut short by a failed upload."""
    saved = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = saved


def image_findings(target: FsPath, value: str, spec: PhotoSpec) -> list[FieldFinding]:
    """What is wrong with the photo file at `target` (written `value` in the record) for an ID photo."""
    found: list[FieldFinding] = []
    params: dict[str, Any]
    size_kb = target.stat().st_size // 1024
    if not spec.size_kb_min <= size_kb <= spec.size_kb_max:
        params = {"size_kb": size_kb, "min": spec.size_kb_min, "max": spec.size_kb_max}
        found.append(FieldFinding("photo-file-size", params))
    try:
        with warnings.catch_warnings(), _strict_decoding():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(target) as img:
                fmt, (width, height) = img.format, img.size
                if width * height > _MAX_PIXELS:
                    params = {"value": value, "width": width, "height": height}
                    return [*found, FieldFinding("photo-format", params, "too-large")]
                if fmt not in spec.formats:
                    params = {"value": value, "format": fmt, "formats": " 或 ".join(spec.formats)}
                    return [*found, FieldFinding("photo-format", params, "other-format")]
                named = _SUFFIX_FORMATS.get(target.suffix.lower())
                if named is not None and named != fmt:
                    # Judged by content: a PNG named .jpg is shown as a JPEG by some viewers and not
                    # at all by others, and the materials list names the file by its extension.
                    params = {"value": value, "format": fmt, "suffix": target.suffix}
                    found.append(FieldFinding("photo-format", params, "mismatch"))
                # A JPEG decoded at 1/8 scale (libjpeg's DCT scaling) still reads every byte, so a truncated
                # or corrupt file is still refused, and its corners keep their mean colour; a full decode
                # was most of the checker's time. PNG has no such mode and decodes in full.
                img.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                colour = _corner_colour(img)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        return [*found, FieldFinding("photo-format", {"value": value}, "unreadable")]
    ratio = width / height
    lo, hi = spec.ratio_min, spec.ratio_max
    if not lo <= ratio <= hi:
        # The notice asks for a 2-inch photo but prints no size: a 4:5 photo is a photo, to be checked.
        params = {"width": width, "height": height, "ratio": f"{ratio:.2f}", "min": lo, "max": hi}
        found.append(FieldFinding("photo-proportions", params))
    min_w, min_h = spec.min_width, spec.min_height
    if width < min_w or height < min_h:
        params = {"width": width, "height": height, "min_width": min_w, "min_height": min_h}
        found.append(FieldFinding("photo-resolution", params))
    r, g, b = colour
    if b - max(r, g) < spec.blue_margin:
        found.append(FieldFinding("photo-background", {"rgb": f"{r},{g},{b}"}))
    return found
