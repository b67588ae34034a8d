"""Rules of this pack: one rule per module."""
