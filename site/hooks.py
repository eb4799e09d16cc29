# MkDocs hook: the logic lives in the awards package (typed and tested there).
from awards.site.hooks import on_config  # noqa: F401
