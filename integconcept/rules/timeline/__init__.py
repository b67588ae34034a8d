"""Rule pack "timeline": dates of the approval process (Gremienlauf). One rule per module."""
