"""Choices typed for a consultation and refused (one too long, or more than 8) are lost: the refusal quotes
40 characters of one of them and asks again, and the person must type every line again. ux.md: a too-long
text is returned to the user so they can shorten it, not lost."""

from tests.conversations.test_consultations import open_consultations
from tests.dossier_steps import join

LONG = (
    "Une réunion le samedi matin à la salle des fêtes de la commune, avec garderie\n"
    "Une réunion le mardi soir en visioconférence\n"
    "Un questionnaire papier déposé dans les boîtes aux lettres"
)
NINE = "\n".join(f"Option numéro {n} pour notre assemblée" for n in range(1, 10))


async def at_choices(director):
    await open_consultations(director, ("👥 Démarche", "🗳 Consultations"))
    await director.press("➕ Nouvelle consultation")
    await director.press("✏️ Ma propre question")
    await director.send("Comment préférez-vous être consultés ?")


async def test_a_choice_too_long_gives_every_typed_line_back(harness):
    director = await join(harness, 9301, "fr", "Coop Choix")
    await at_choices(director)
    await director.paste(LONG)
    said = director.reply_text()
    assert "60\u00a0caractères" in said  # refused, as it should be
    assert not harness.errors
    # what was typed comes back whole, to be shortened and sent again
    assert any(m.get("text") == LONG for m in director.replies), said


async def test_nine_choices_give_every_typed_line_back(harness):
    director = await join(harness, 9302, "fr", "Coop Neuf")
    await at_choices(director)
    await director.paste(NINE)  # read whole once the person is quiet
    said = director.reply_text()
    assert "entre 2 et 8" in said
    assert any(m.get("text") == NINE for m in director.replies), said


async def test_two_choices_that_read_alike_are_named(harness):
    """« samedi » and « Samedi » read as one choice: the refusal said « give between 2 and 8 choices » to
    someone who had typed two; it names the two lines read alike, and gives them back."""
    director = await join(harness, 9303, "fr", "Coop Pareil")
    await at_choices(director)
    await director.send("Le samedi\nle Samedi.")
    said = director.reply_text().replace("\u00a0", " ")
    assert "« Le samedi » et « le Samedi. » se lisent de la même façon : un seul choix." in said, said
    assert "entre 2 et 8" not in said, said
    assert any(m.get("text") == "Le samedi\nle Samedi." for m in director.replies), said
