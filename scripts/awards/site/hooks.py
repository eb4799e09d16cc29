"""MkDocs hook (loaded through `site/hooks.py`): apply what `awards build` decided for this build.

The build writes `site/generated/build.json` beside the generated docs folder: the site name from
`rules/site.yml`, the navigation (with the maintainers' guide when that page exists) and the words
jieba must keep whole. Keeping the logic in the build and only applying it here means a plain
`mkdocs build --strict` after `awards build` produces the same site.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from awards.site.search import add_words


def on_config(config: Any) -> Any:
    # docs_dir is site/generated/docs; the data sits beside it (see mkdocs_run.HOOK_DATA).
    path = Path(config["docs_dir"]).parent / "build.json"
    if not path.is_file():
        from mkdocs.exceptions import PluginError

        raise PluginError(f"{path} 不存在：请先运行 awards build 生成网站页面")
    data = json.loads(path.read_text(encoding="utf-8"))
    config["site_name"] = data["site_name"]
    config["nav"] = data["nav"]
    config["copyright"] = data["copyright"]
    # The sample campaign's banner (None for a real campaign: the template shows nothing).
    config["extra"]["awards_sample"] = data.get("sample")
    if data.get("site_url"):
        # Only with a public address can the sitemap list real URLs; without one it stays empty.
        config["site_url"] = data["site_url"].rstrip("/") + "/"
    import jieba

    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" chatter is not a build message
    add_words(data["words"])
    return config
