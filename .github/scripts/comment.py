"""The comment job's one run step: the sticky comment's Markdown from the check's JSON reports.

Runs from the *base* revision's checkout (trusted code), never the pull request's, as
`python3 -I -S .github/scripts/comment.py --report ... --sha ... --output ...`: -I ignores PYTHON*
variables, the user's site-packages and the working directory; -S leaves out site-packages altogether, so
only the standard library and this repository's `scripts/awards` are importable and nothing is installed.
The reports themselves are untrusted data (the check job ran the pull request's code to write them).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from awards.github.comment import main  # importable thanks to the line above

raise SystemExit(main())
