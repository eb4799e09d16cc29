"""One module per `awards` subcommand family; `awards.cli` only parses arguments and dispatches."""
