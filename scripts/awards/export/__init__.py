"""`awards export`: the notice's tables, forms and reports, generated from the checked records.

Everything written here contains personal data (ID numbers, phones): it goes to the git-ignored
`exports/` folder and never to the public site. Heavy libraries (openpyxl, WeasyPrint, Jinja2,
Markdown) are imported by the submodules only, so `awards validate` never loads them.
"""
