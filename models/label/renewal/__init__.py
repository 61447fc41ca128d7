"""The label's renewal: what of the cycle before the renewal's dossier shows (``results``)."""
