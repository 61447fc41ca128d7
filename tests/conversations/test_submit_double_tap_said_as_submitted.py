"""« ✅ Oui, soumettre » tapped twice (a double tap, or two directors confirming at once on two instances):
one tap submits; the other, whose read came before that submission and whose write came after it, used to
end on « Le dossier a changé depuis l’affichage de cette confirmation… : rien n’a été soumis » and « Le
dossier n’est plus marqué comme prêt… », above a home reading « Soumis au comité 🔒 ». It now says what a
press after the submission says: « Vous avez déjà soumis le dossier… », or who submitted it and when.
"""

from __future__ import annotations

from conversations.dossier import submission
from tests.conversations.test_double_tap import after_the_read, tapped
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home

NBSP = "\u00a0"
SUBMIT = "✅ Oui, soumettre"


async def at_the_confirmation(harness, user_id: int):
    """A director with a complete dossier marked ready, at the submission's confirmation."""
    director = await join(harness, user_id, "fr")
    await complete_dossier(director)
    await open_home(director)
    await director.press("✅ Marquer")
    await director.press("📤 Soumettre")
    return director


def nothing_false_in(said: str) -> None:
    """Neither « nothing was submitted » nor « mark it ready again » about a dossier just submitted."""
    assert "rien n’a été soumis" not in said, said
    assert "n’est plus marqué comme prêt" not in said, said


async def test_the_second_tap_of_a_double_tap_says_you_submitted_it(harness, monkeypatch):
    director = await at_the_confirmation(harness, 4791001)
    message, _data = director.find_button(SUBMIT)
    other_tap = after_the_read(monkeypatch, submission, "dossier_of_member", tapped(director, SUBMIT))
    await director.press(SUBMIT, message)
    assert other_tap and "Le dossier a été soumis au comité" in other_tap[0]
    said = director.last_text.replace(NBSP, " ")
    nothing_false_in(said)
    assert "Vous avez déjà soumis le dossier au comité de validation" in said, said
    assert "Soumis au comité 🔒" in said, said


async def test_a_fellow_director_confirming_at_once_is_told_who_submitted(harness, monkeypatch):
    paul = await at_the_confirmation(harness, 4791011)
    jeanne = harness.user(4791012, "Jeanne", "fr")
    await jeanne.send(f"/start {paul.invitations.direction_token}")
    await open_home(jeanne)
    await jeanne.press("📤 Soumettre")
    message, _data = paul.find_button(SUBMIT)
    after_the_read(monkeypatch, submission, "dossier_of_member", tapped(jeanne, SUBMIT))
    await paul.press(SUBMIT, message)
    said = paul.last_text.replace(NBSP, " ")
    nothing_false_in(said)
    assert "Le dossier a déjà été soumis au comité de validation par Jeanne" in said, said
