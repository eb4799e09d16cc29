"""Real image files for tests, made with Pillow: a good 2-inch blue ID photo and the ways one goes wrong."""

from __future__ import annotations

import io
import random
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw

BLUE = (67, 142, 219)
WHITE = (250, 250, 250)


def _portrait(
    size: tuple[int, int], background: tuple[int, int, int], seed: int, noise: bool = True
) -> Image.Image:
    img = Image.new("RGB", size, background)
    w, h = size
    draw = ImageDraw.Draw(img)
    draw.ellipse((w * 0.3, h * 0.15, w * 0.7, h * 0.55), fill=(224, 190, 160))
    draw.polygon([(w * 0.1, h), (w * 0.25, h * 0.62), (w * 0.75, h * 0.62), (w * 0.9, h)], fill=(40, 40, 50))
    if noise:
        # Sensor-like noise so the JPEG has a photo's size, not a flat drawing's.
        rng = random.Random(seed)
        px = img.load()
        assert px is not None
        for _ in range(w * h // 2):
            x, y = rng.randrange(w), rng.randrange(h)
            r, g, b = px[x, y]  # type: ignore[misc]
            d = rng.randint(-18, 18)
            px[x, y] = (max(0, min(255, r + d)), max(0, min(255, g + d)), max(0, min(255, b + d)))
    return img


def make(path: Path, variant: str = "good") -> Path:
    """Write one photo variant to `path` (the variant's own format, whatever the file name says)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_encoded(variant))
    return path


@cache
def _encoded(variant: str) -> bytes:
    buffer = io.BytesIO()
    _draw(buffer, variant)
    return buffer.getvalue()


def _draw(path: io.BytesIO, variant: str) -> None:
    if variant == "good":
        _portrait((413, 579), BLUE, 1).save(path, "JPEG", quality=90)
    elif variant == "white":
        _portrait((413, 579), WHITE, 2).save(path, "JPEG", quality=90)
    elif variant == "square":
        _portrait((500, 500), BLUE, 3).save(path, "JPEG", quality=90)
    elif variant == "small":
        _portrait((295, 413), BLUE, 4).save(path, "JPEG", quality=95)
    elif variant == "flat":
        _portrait((413, 579), BLUE, 5, noise=False).save(path, "JPEG", quality=60)
    elif variant == "png":  # a good photo, as PNG: named .jpg it is the mismatch the checker reports
        _portrait((413, 579), BLUE, 7).save(path, "PNG")
    elif variant == "gif":
        _portrait((413, 579), BLUE, 6).save(path, "GIF")
    elif variant == "truncated":
        # A good photo cut short, as an interrupted upload leaves it: must still be refused when the
        # checker decodes at reduced scale.
        path.write(_encoded("good")[: len(_encoded("good")) * 9 // 10])
    elif variant == "text":
        path.write("这不是图片\n".encode())
    else:
        raise ValueError(variant)
