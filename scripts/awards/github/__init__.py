"""The portal on GitHub: who may change what, CODEOWNERS, and what the Actions workflows print and post."""
