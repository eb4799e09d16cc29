"""Generate the fictional sample ID photos: one 2寸 blue-background JPEG per sample individual.

For every submissions/<unit>/individuals/<slug>.yml this writes submissions/<unit>/photos/<slug>.jpg
(413x579 px, a neutral head-and-shoulders silhouette). The output depends only on the slug.

    .venv/bin/python scripts/make_sample_photos.py
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
SIZE = (413, 579)  # 二寸 35x49 mm at 300 dpi
BLUE = (67, 142, 219)
SKIN = [(226, 192, 164), (214, 174, 142), (232, 200, 176)]
CLOTHES = [(36, 40, 50), (30, 34, 46), (46, 48, 56)]


def shade(rgb: tuple[int, int, int], delta: int) -> tuple[int, int, int]:
    r, g, b = (max(0, min(255, c + delta)) for c in rgb)
    return (r, g, b)


def make_photo(slug: str) -> Image.Image:
    rng = random.Random(hashlib.sha256(slug.encode()).digest())
    w, h = SIZE
    gradient = Image.linear_gradient("L").resize(SIZE)  # black at the top, white at the bottom
    top, bottom = Image.new("RGB", SIZE, shade(BLUE, 12)), Image.new("RGB", SIZE, shade(BLUE, -14))
    img = Image.composite(bottom, top, gradient)
    draw = ImageDraw.Draw(img)
    skin, clothes = rng.choice(SKIN), rng.choice(CLOTHES)
    cx, sy = w // 2 + rng.randint(-5, 5), 408 + rng.randint(-6, 6)
    hw, hh, hy = 76 + rng.randint(-4, 4), 98 + rng.randint(-4, 4), 262 + rng.randint(-5, 5)
    draw.polygon([(cx - 80, sy - 30), (cx + 80, sy - 30), (w - 48, h), (48, h)], fill=clothes)
    draw.ellipse((cx - 160, sy - 36, cx + 160, sy + 200), fill=clothes)
    draw.rectangle((cx - 30, hy + hh - 40, cx + 30, sy - 20), fill=shade(skin, -22))
    draw.polygon([(cx - 34, sy - 34), (cx + 34, sy - 34), (cx, sy + 36)], fill=(236, 236, 236))
    draw.ellipse((cx - hw - 5, hy - hh - 12, cx + hw + 5, hy + hh // 3), fill=(30, 26, 24))
    draw.ellipse((cx - hw, hy - hh + 10, cx + hw, hy + hh), fill=skin)
    img = img.filter(ImageFilter.GaussianBlur(1.5))
    noise = Image.frombytes("L", SIZE, rng.randbytes(w * h))
    return Image.blend(img, Image.merge("RGB", (noise, noise, noise)), 0.05)


def main() -> None:
    for record in sorted(ROOT.glob("submissions/*/individuals/*.yml")):
        out = record.parent.parent / "photos" / f"{record.stem}.jpg"
        out.parent.mkdir(exist_ok=True)
        make_photo(record.stem).save(out, "JPEG", quality=92, dpi=(300, 300))
        print(f"{out.relative_to(ROOT)}  {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
