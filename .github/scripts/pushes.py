"""The check job's "推送记录" step: the forge's pushes to the pull request's branch, saved as JSON data.

Runs from the base branch's checkout as `python3 -I -S .github/scripts/pushes.py --ref ... --output ...`
(standard library only). Reads GITHUB_API_URL, GITHUB_REPOSITORY and AWARDS_TOKEN.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from awards.github.activity import main  # importable thanks to the line above

raise SystemExit(main())
