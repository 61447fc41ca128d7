"""The upload question and the commitment letter's replacement (conversations/dossier is full)."""
