"""Consulting the staff and the coopérateurs: the direction prepares a question, people answer with
buttons, and the anonymous results become evidence of involvement in the dossier."""
