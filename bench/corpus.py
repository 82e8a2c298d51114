"""A deterministic corpus of N articles built from the sample publication's sources.

Articles are varied (sentences shuffled and numbered, so strings differ) with some
exact duplicates of paragraphs across articles, as real sites have.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((ROOT / "source").glob("*.md")):
        body = path.read_text("utf-8").split("---\n", 2)[2]
        paragraphs += [p.strip() for p in body.split("\n\n") if p.strip() and not p.startswith("#")]
    return paragraphs


def make_corpus(
    target: Path, articles: int, *, locales: tuple[str, ...] = ("fr",), seed: int = 7
) -> Path:
    """Write a project with *articles* articles under *target* (replacing it)."""
    if target.exists():
        shutil.rmtree(target)
    (target / "source").mkdir(parents=True)
    rng = random.Random(seed)
    pool = _paragraphs()
    sentences = [s for p in pool for s in re.split(r"(?<=\.) ", p)]
    locale_list = ", ".join(f'"{loc}"' for loc in locales)
    (target / "tarjama.toml").write_text(
        f'[project]\ntitle = "Bench"\nname = "bench"\nlocales = [{locale_list}]\n'
        "[build]\nmin_translated = 0\n",
        "utf-8",
    )
    for number in range(articles):
        parts = [
            f'---\ntitle: "Article {number}: {rng.choice(sentences)[:60]}"\n'
            f'summary: "{rng.choice(sentences)[:100]}"\ndate: 2026-01-{number % 28 + 1:02d}\n'
            f"order: {number}\n---\n"
        ]
        for section in range(rng.randint(2, 4)):
            parts.append(f"## Section {section + 1} of article {number}")
            for _ in range(rng.randint(2, 4)):
                if rng.random() < 0.15:
                    parts.append(rng.choice(pool))  # an exact duplicate, shared across articles
                else:
                    chosen = rng.sample(sentences, rng.randint(2, 5))
                    parts.append(f"In article {number}, " + " ".join(chosen))
            if rng.random() < 0.3:
                parts.append("- " + "\n- ".join(rng.sample(sentences, 3)))
            if rng.random() < 0.2:
                parts.append("```python\nprint('code is not translated')\n```")
        (target / "source" / f"article-{number:05d}.md").write_text(
            "\n\n".join(parts) + "\n", "utf-8"
        )
    return target
