"""A text typed on a screen of buttons is given back whole when it is someone's words, not a button's label
typed (over 30 characters, or on several lines): the commitment letter pasted as text on the screen waiting
for its file (two Telegram messages) came back as « send it as a file » alone, its 5,800 characters lost;
a justification typed at an indicator's kind question as « choose with the buttons » alone. The letter's
screen also says that a letter signed on paper may be sent as photos of its pages."""

from __future__ import annotations

from tests.conversations.test_long_texts import at_rationale, telegram_parts
from tests.dossier_steps import join, open_home

LETTER = (
    "Madame, Monsieur,\n\nPar la présente, la direction de Coop Habitat s’engage dans la démarche. "
    + " ".join(
        f"Phrase numéro {i} de notre lettre d’engagement, où nous détaillons nos intentions."
        for i in range(70)
    )
)


async def at_letter(harness, user_id: int):
    director = await join(harness, user_id, "fr", f"Coop {user_id}")
    await open_home(director)
    await director.press("📎 Documents")
    await director.press("📎 Lettre d’engagement")
    assert "Envoyez maintenant le fichier" in director.last_text
    return director


def plain(replies: list[dict]) -> list[str]:
    """The messages sent without formatting: a text given back."""
    return [m["text"] for m in replies if "text" in m and not m.get("entities") and not m.get("reply_markup")]


async def test_the_letter_pasted_as_text_comes_back_whole_with_the_way_to_send_it(harness):
    director = await at_letter(harness, 9760201)
    parts = telegram_parts(LETTER)
    assert len(parts) == 2 and len(LETTER) > 5000
    replies = await director.paste(*parts)
    texts = [m.get("text", "") for m in replies]
    said = "\n".join(texts)
    assert said.count("Envoyez la lettre d’engagement comme fichier") == 1, texts  # one answer to the paste
    assert "photographiez" in said and "Voici ce que vous aviez écrit" in said, said
    sent = [part.strip() for part in parts]  # as Telegram shows them, without spaces at their ends
    assert "".join(parts) == LETTER and sent[0] in texts and sent[1] in texts, texts  # whole, as sent
    assert "Envoyez maintenant le fichier" in director.last_text  # the screen, below the last part
    assert texts.index(sent[1]) == len(texts) - 2


async def test_a_short_text_on_the_letter_s_screen_is_pointed_at_the_file_and_not_echoed(harness):
    director = await at_letter(harness, 9760202)
    await director.send("la voici")
    said = director.reply_text()
    assert "Envoyez la lettre d’engagement comme fichier" in said and "photographiez" in said, said
    assert "Voici ce que vous aviez écrit" not in said and "la voici" not in plain(director.replies), said


async def test_a_justification_typed_at_a_kind_question_is_given_back_a_guessed_button_is_not(harness):
    sam = await at_rationale(harness, 9760203)
    await sam.send("Affordable homes for modest households.")
    kind = "What kind of value does it take?"
    assert kind in sam.last_text
    await sam.send("a number")  # a button's label typed: pointed at the buttons, nothing echoed
    assert sam.replies[0]["text"] == "👇 Please choose with the buttons of this screen."
    assert kind in sam.last_text
    why = "It is a share: the homes sold in BRS over all the homes sold this year."
    await sam.send(why)
    texts = [m.get("text", "") for m in sam.replies]
    assert "Please choose with the buttons of this screen." in texts[0], texts
    assert "Here is what you wrote" in texts[0] and why in texts, texts
    assert kind in sam.last_text  # the question below the text given back
    await sam.send("count\nhomes")  # on two lines: words, not a label
    assert "count\nhomes" in [m.get("text", "") for m in sam.replies], sam.replies


async def test_a_paste_on_a_menu_comes_back_whole_under_one_pointer(harness):
    sam = await join(harness, 9760204, "en")
    await open_home(sam)
    await sam.press("Axis 1")
    text = LETTER.replace("Phrase", "Sentence") * 2
    parts = telegram_parts(text)
    replies = await sam.paste(*parts)
    texts = [m.get("text", "") for m in replies]
    assert sum("Please choose with the buttons" in t for t in texts) == 1, texts
    assert all(part.strip() in texts for part in parts), [t[:40] for t in texts]
    assert "General-interest mission" in sam.last_text
