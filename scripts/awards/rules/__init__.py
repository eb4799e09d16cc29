"""`rules/` as data: loading and checking the rules files, the calendar, the privacy model, templates."""
