"""Stage 1: reading what clerks wrote (YAML with positions, date spellings) into records."""
