"""Where the dossier stands, on the Mini App's page as on the chat's home: what the committee asked or
why it refused, the next step for this visitor (by status and role), who provides the missing letter,
a number never apart from its word, and a refused value's example only when the refusal has none.

Driven over HTTP as the page calls it (``/app/api/page``, ``/app/api/field``), beside the real chat.
"""

from __future__ import annotations

import re

from sqlmodel import select

from models.tables import Dossier, DossierStatus, FederationRoleName, Indicator
from models.users import grant_federation_role
from tests.conversations.test_label_journey import decide
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import choose, join, open_home, submit, upload_letter
from tests.harness import BotHarness, ChatUser
from tests.miniapp import local_client, signed_init_data, tma

COMMITTEE_ID = 8200001


def plain(html: str) -> str:
    """The page's words, without its tags, no-break spaces read as spaces."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", " ")


async def page_of(harness: BotHarness, user: ChatUser | int) -> str:
    """The page's HTML as the visitor's Mini App draws it."""
    user_id = user if isinstance(user, int) else user.id
    async with local_client(harness.web_url) as http:
        answer = await http.get("/app/api/page", headers=tma(signed_init_data(user_id)))
    assert answer.status_code == 200
    return answer.json()["html"]


def part(html: str, start: str, end: str) -> str:
    """The HTML between two markers (a part of the page)."""
    return html.split(start, 1)[1].split(end, 1)[0]


async def submitted(harness: BotHarness, user_id: int, coop: str) -> tuple[ChatUser, ChatUser]:
    """A complete dossier submitted by its direction, and the committee that decides on it."""
    director = await join(harness, user_id, "fr", coop)
    await complete_dossier(director)
    await submit(director)
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")
    await committee.send("/start")
    return director, committee


async def test_the_committees_request_is_at_the_top_of_the_page(web_harness):
    """« Demander des compléments »: its text is at the top of the coop's page (and the committee's), as on
    the chat's home, before the progress and the next step."""
    director, committee = await submitted(web_harness, 8201, "Coop Complément")
    request = "Précisez la cible de l’engagement 1 : elle nous paraît basse."
    await decide(committee, "Coop Complément", "📝 Demander des compléments", request)
    await open_home(director)
    assert request in director.last_text
    html = await page_of(web_harness, director)
    header = plain(part(html, "<header>", "</header>"))
    assert "📝 Le comité de validation demande des compléments : « " + request + " »" in header
    async with web_harness.database.transaction() as session:
        dossier_id = (await session.exec(select(Dossier.id))).one()
    async with local_client(web_harness.web_url) as http:
        read = await http.get(
            f"/app/api/page?dossier={dossier_id}", headers=tma(signed_init_data(COMMITTEE_ID))
        )
    assert request in plain(part(read.json()["html"], "<header>", "</header>"))


async def test_a_refusal_comment_is_on_the_page_and_stays_on_the_new_candidacy(web_harness):
    """Refused: the committee's comment under the read-only note; the candidacy prepared again (a draft)
    still reads it, as the chat's home says it."""
    director, committee = await submitted(web_harness, 8202, "Coop Refusée")
    comment = "Les cibles ne sont pas chiffrées de façon vérifiable."
    await decide(committee, "Coop Refusée", "⛔ Refuser", comment)
    header = plain(part(await page_of(web_harness, director), "<header>", "</header>"))
    assert "Lecture seule" in header and "⛔ Le commentaire du comité : « " + comment + " »" in header
    await open_home(director)
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")
    header = plain(part(await page_of(web_harness, director), "<header>", "</header>"))
    assert "⛔ Le comité n’a pas retenu la candidature précédente : « " + comment + " »" in header


async def test_the_next_step_follows_the_status_and_the_role(web_harness):
    """Complete: « mark it ready »; marked ready: the direction is told to submit it, a member that the
    direction submits it; a change makes it a draft again, and the page's status line and step say so."""
    director = await join(web_harness, 8203, "fr", "Coop Prête")
    member = web_harness.user(8204, "Bob", "fr")
    await member.send(f"/start {director.invitations.member_token}")
    await complete_dossier(director)

    async def step(user) -> str:
        return plain(part(await page_of(web_harness, user), 'id="summary"', "</section>"))

    assert "✅ Tout est complet : vous pouvez marquer le dossier comme prêt dans le chat." in await step(
        member
    )
    await open_home(director)
    await director.press("✅ Marquer")
    told = await step(director)
    assert "marquer le dossier comme prêt" not in told
    assert (
        "soumettez-le au comité de validation depuis son accueil dans le chat, avec « 📤 Soumettre au comité »"
        in told
    )
    told = await step(member)
    assert "ℹ️ C’est la direction qui soumet le dossier au comité de validation." in told
    assert "marquer" not in told and "soumettez" not in told
    async with web_harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator).order_by(Indicator.id))).first()
    change = {"entity": "indicator", "id": indicator.id, "field": "title", "value": "Part de BRS"}
    async with local_client(web_harness.web_url) as http:
        change["expected"] = indicator.title
        answer = (
            await http.post("/app/api/field", headers=tma(signed_init_data(member.id)), json=change)
        ).json()
    assert answer["status"] == "Cycle 1 · Brouillon"
    assert "marquer le dossier comme prêt" in plain(answer["summary"])


async def test_the_missing_letter_says_who_provides_it_and_where(web_harness):
    """The letter's gap leads to a note in the documents: the direction sends it from « 📎 Documents →
    📎 Lettre d’engagement »; a member reads that the direction provides it, and how to ask for it."""
    director = await join(web_harness, 8205, "fr", "Coop Lettre")
    member = web_harness.user(8206, "Bob", "fr")
    await member.send(f"/start {director.invitations.member_token}")
    await choose(director, [1])
    html = await page_of(web_harness, director)
    assert 'data-anchor="letter">Il manque la lettre d’engagement' in html.replace("\u00a0", " ")
    note = plain(part(html, 'id="letter">', "</p>"))
    assert note == (
        "📎 La lettre d’engagement est à fournir par la direction : envoyez-la au bot dans le chat, avec "
        "« 📎 Documents » puis « 📎 Lettre d’engagement »."
    )
    note = plain(part(await page_of(web_harness, member), 'id="letter">', "</p>"))
    assert note == (
        "📎 La lettre d’engagement est fournie par la direction. Pour la lui demander, dans le chat : "
        "« 📎 Documents » puis « 📨 Demander la lettre à la direction »."
    )
    await upload_letter(director)
    assert 'id="letter"' not in await page_of(web_harness, member)


async def test_a_number_stays_on_the_line_of_its_word(web_harness):
    """« Il manque 2 engagements dans l’axe 1 », « (encore 2 à choisir) »: a number bound by a no-break
    space to the word it counts, or, ending a phrase, to the word it numbers (one side only: no chain of
    words too long for a line), in the rules, the gaps' links and the counters."""
    director = await join(web_harness, 8207, "fr", "Coop Typo")
    html = await page_of(web_harness, director)
    rules = part(html, 'id="rules">', "</ul>")
    assert "Il manque 2\u00a0engagements dans l’axe\u00a01" in rules
    gaps = part(html, 'id="gaps">', "</ul>")
    assert "Choisissez encore 2\u00a0engagements" in gaps
    assert "Axe\u00a01 — 0/4 (encore 2\u00a0à choisir)" in part(html, 'id="counter-1"', "</li>")


async def test_a_refusal_with_its_own_example_gets_no_second_one(web_harness):
    """« 12,5 » homes: « give a whole number, e.g. 12 or 13 » is the example; a word that is no number
    gets the field's (« ex. 35 logements »); a text too long gets none (it is to be shortened), nor a
    yes/no refusal, which already says « oui ou non »."""
    director = await join(web_harness, 8208, "fr", "Coop Exemple")
    await choose(director, [1])
    headers = tma(signed_init_data(director.id))
    async with local_client(web_harness.web_url) as http:
        dossier_id = (await http.get("/app/api/dossier", headers=headers)).json()["dossier"]["id"]
        new = {"dossier": dossier_id, "code": 1, "value": "Ménages logés"}
        await http.post("/app/api/indicator", headers=headers, json=new)
        indicator = (await http.get("/app/api/dossier", headers=headers)).json()["engagements"][0][
            "indicators"
        ][0]

        async def save(name: str, value: str, expected=None) -> dict:
            change = {"entity": "indicator", "id": indicator["id"], "field": name, "value": value}
            return (
                await http.post("/app/api/field", headers=headers, json={**change, "expected": expected})
            ).json()

        await save("value_kind", "number")
        await save("unit", "homes")
        refused = await save("current_value", "12,5")
        assert "ex. 12 ou 13" in refused["error"] and refused["example"] is False
        refused = await save("current_value", "douze")
        assert refused["example"] is True
        await save("value_kind", "number", "number")
        await save("unit", "percent", "homes")
        refused = await save("current_value", "25 logements")  # the unit named, with its own example
        assert (
            refused["code"] == "unit_mismatch"
            and "(ex. 12,5" in refused["error"]
            and refused["example"] is False
        )
        refused = await save("rationale", "x" * 6001)
        assert refused["code"] == "too_long" and refused["example"] is False
        await save("value_kind", "yes_no", "number")
        refused = await save("current_value", "pas encore")  # « oui ou non » is the refusal itself
        assert refused["code"] == "not_yes_no" and refused["example"] is False
        refused = await save("target_date", "mi-2028")  # « … ex. juin 2028 »: the month asked, shown
        assert refused["code"] == "month_needed" and refused["example"] is False


async def test_a_short_text_is_asked_whole_with_its_limit(web_harness):
    """An indicator's title and an action's owner: a one-line text area (read whole, not cut), with their
    limit for the page's count; long texts their 6,000; a value in its kind, none."""
    director = await join(web_harness, 8209, "fr", "Coop Titre")
    await choose(director, [1])
    headers = tma(signed_init_data(director.id))
    async with local_client(web_harness.web_url) as http:
        dossier_id = (await http.get("/app/api/dossier", headers=headers)).json()["dossier"]["id"]
        await http.post(
            "/app/api/indicator", headers=headers, json={"dossier": dossier_id, "code": 1, "value": "T"}
        )
        view = (await http.get("/app/api/dossier", headers=headers)).json()
    fields = {f["name"]: f for f in view["engagements"][0]["indicators"][0]["fields"]}
    assert (fields["title"]["widget"], fields["title"]["limit"]) == ("single", 200)
    assert (fields["rationale"]["widget"], fields["rationale"]["limit"]) == ("textarea", 6000)
    assert (fields["target_date"]["widget"], fields["target_date"]["limit"]) == ("date", None)
    assert view["limits"] == {"indicator": 200, "action": 1000}
    html = await page_of(web_harness, director)
    title = fields["title"]["dom"]
    assert f'<textarea class="single" id="{title}"' in html and f'id="{title}-example">ex. ' in html
    assert 'placeholder="' not in html  # examples are lines under the labels, never cut in a field


async def test_the_read_only_note_says_who_holds_the_dossier(web_harness):
    """The committee reads « entre les mains du comité » only while it is: once it asked for more, the coop
    is completing the dossier; admissible or labelled, the coop is at work on it."""
    _director, committee = await submitted(web_harness, 8210, "Coop Mains")
    async with web_harness.database.transaction() as session:
        dossier_id = (await session.exec(select(Dossier.id))).one()

    async def note() -> str:
        async with local_client(web_harness.web_url) as http:
            read = await http.get(
                f"/app/api/page?dossier={dossier_id}", headers=tma(signed_init_data(COMMITTEE_ID))
            )
        return plain(part(read.json()["html"], '<p class="note">', "</p>"))

    assert "🔒 Lecture seule : ce dossier est entre les mains du comité de validation." in await note()
    await decide(committee, "Coop Mains", "📝 Demander des compléments", "Précisez la cible.")
    said = await note()
    assert "entre les mains du comité" not in said and "la coopérative complète ce dossier" in said
    for status, words in (
        (DossierStatus.ADMISSIBLE, "la coopérative met sa démarche en place"),
        (DossierStatus.LABELLED, "la coopérative a obtenu le label"),
    ):
        async with web_harness.database.transaction() as session:
            dossier = await session.get(Dossier, dossier_id)
            dossier.status = status
            session.add(dossier)
        said = await note()
        assert "entre les mains du comité" not in said and words in said, said
