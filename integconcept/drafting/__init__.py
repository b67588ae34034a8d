"""Drafting workflow: start a concept (init), keep the file tidy (fmt), show what changed (diff, Synopse)."""
