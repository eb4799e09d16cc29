"""The small core every stage shares: problems and their reporter, errors and exit codes, the repository."""
