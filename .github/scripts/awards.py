"""`awards` from this checkout's `scripts/`, for the workflows: `python -P -I .github/scripts/awards.py ...`.

The check job runs the *base* branch's program on the pull request's data. Running it from the checkout
(not an installed copy) makes that visible in the command itself; -I (isolated: no PYTHON* variables, no
user site-packages) and -P (no working directory or script folder on sys.path) keep anything else from
being imported first. The packages come from the job's virtual environment (requirements/check.txt).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from awards.cli import main  # importable thanks to the line above

raise SystemExit(main())
