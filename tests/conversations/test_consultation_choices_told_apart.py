"""A consultation's own choices as typed. Before: « Réunion 🌞 » and « Réunion 🌙 » read as one choice (their
emoji taken as a name's dress) and the second was dropped without a word, as any repeat left out beside
enough other choices; a choice too long was quoted cut mid-word (« … salle du qu… »). Now choices that
differ to the eye by their emoji are two; a repeat typed otherwise (« visio » under « Visio ») is named and
given back (a line typed twice is kept as typed: nothing lost); a choice too long is quoted cut between
two words."""

from tests.conversations.test_consultations import LABELS, open_consultations
from tests.dossier_steps import join

FR = LABELS["fr"]


async def at_choices(director) -> None:
    await open_consultations(director, FR["open"])
    await director.press(FR["new"])
    await director.press(FR["own"])
    await director.send("Quel format pour l’AG ?")


async def test_choices_told_apart_by_their_emoji_are_both_kept(world):
    harness, _clock = world
    director = await join(harness, 5501, "fr", "Coop Emoji")
    await at_choices(director)
    await director.send("Réunion 🌞\nRéunion 🌙\nVisio")
    said = director.reply_text().replace("\u00a0", " ")
    assert "Choix : Réunion 🌞 · Réunion 🌙 · Visio" in said, said
    assert "double" not in said, said


async def test_a_repeat_left_out_is_named_and_given_back(world):
    harness, _clock = world
    director = await join(harness, 5502, "fr", "Coop Double")
    await at_choices(director)
    await director.send("Réunion\nVisio\nvisio\nRéunion")  # « Réunion » twice: kept as typed, nothing to say
    said = director.reply_text().replace("\u00a0", " ")
    assert "Choix : Réunion · Visio" in said, said
    assert "Laissé de côté, en double : « visio » se lit comme « Visio ». Le voici ci-dessous" in said, said
    assert director.replies[-1]["text"] == "visio", said  # given back, to send again if meant apart


async def test_a_choice_too_long_is_quoted_cut_between_words(world):
    harness, _clock = world
    director = await join(harness, 5503, "fr", "Coop Long")
    await at_choices(director)
    choice = "Réunion publique mardi soir, salle du quartier Nord et Sud réunis"
    await director.send(f"{choice}\nJeudi")
    said = director.reply_text().replace("\u00a0", " ")
    assert "« Réunion publique mardi soir, salle du… » est plus long" in said, said
