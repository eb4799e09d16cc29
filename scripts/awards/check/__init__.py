"""Stage 2: every rule of the notice that can be checked from the records."""
