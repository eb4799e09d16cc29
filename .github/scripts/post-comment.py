"""The comment job's last step: post or edit the check comment through the forge's REST API.

Runs from the base revision's checkout as `python3 -I -S .github/scripts/post-comment.py ...`: the
standard library and this repository's `scripts/awards` only (see comment.py beside this file).
Reads GITHUB_API_URL and GITHUB_REPOSITORY (set by GitHub and Forgejo alike) and AWARDS_TOKEN.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from awards.github.post import main  # importable thanks to the line above

raise SystemExit(main())
