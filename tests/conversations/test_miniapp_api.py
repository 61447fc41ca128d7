"""The Mini App's API over HTTP, on the bot's own web server: who may read and change what.

Every request is made as the page makes it (``Authorization: tma <initData>``), against the real
Application and database; the chat is driven beside it through the fake Telegram.
"""

from __future__ import annotations

from datetime import date, timedelta

import httpx
from sqlmodel import func, select

from conversations.render.input_errors import input_error_text
from locales import Translator
from models.dossier.reads import UNSET
from models.dossier.writes import update_involvement
from models.parsing.values import parse_value
from models.tables import (
    Action,
    Attachment,
    AuditEntry,
    Coop,
    Dossier,
    DossierStatus,
    FederationRoleName,
    Indicator,
)
from models.team import remove_teammate
from models.users import grant_federation_role
from tests.conftest import NOW
from tests.dossier_steps import join, open_home, upload_letter
from tests.harness import BotHarness, ChatUser
from tests.miniapp import local_client, signed_init_data, tma

COMMITTEE_ID = 8100001


def client(harness: BotHarness) -> httpx.AsyncClient:
    return local_client(harness.web_url)


def auth(user: ChatUser | int, **kwargs) -> dict[str, str]:
    """The page's header; for a chat user, signed with what their Telegram tells the chat too (their
    name, their app's language), unless the test says otherwise."""
    if isinstance(user, int):
        return tma(signed_init_data(user, **kwargs))
    told = {"first_name": user.tg["first_name"], "language": user.tg.get("language_code")}
    return tma(signed_init_data(user.id, **{**told, **kwargs}))


async def coop_with_indicator(harness: BotHarness, user_id: int, name: str) -> tuple[ChatUser, dict]:
    """A direction member whose dossier has engagement 1, an indicator and an action (through the API)."""
    director = await join(harness, user_id, "fr", name)
    async with client(harness) as http:
        dossier = (await http.get("/app/api/dossier", headers=auth(director))).json()
        dossier_id = dossier["dossier"]["id"]
        await http.post(
            "/app/api/engagement",
            headers=auth(director),
            json={"dossier": dossier_id, "code": 1, "chosen": True},
        )
        await http.post(
            "/app/api/indicator",
            headers=auth(director),
            json={"dossier": dossier_id, "code": 1, "value": "Part de BRS"},
        )
        dossier = (await http.get("/app/api/dossier", headers=auth(director))).json()
        indicator = dossier["engagements"][0]["indicators"][0]
        await http.post(
            "/app/api/action",
            headers=auth(director),
            json={"indicator": indicator["id"], "value": "Former l’équipe"},
        )
        dossier = (await http.get("/app/api/dossier", headers=auth(director))).json()
    return director, dossier


def field(view: dict, name: str) -> dict:
    return next(f for f in view["fields"] if f["name"] == name)


async def everything(harness: BotHarness) -> tuple:
    """A snapshot of what the API could have changed: rows and the audit trail."""
    async with harness.database.transaction() as session:
        indicators = [i.model_dump() for i in (await session.exec(select(Indicator))).all()]
        actions = [a.model_dump() for a in (await session.exec(select(Action))).all()]
        dossiers = [d.model_dump() for d in (await session.exec(select(Dossier))).all()]
        attachments = [a.model_dump() for a in (await session.exec(select(Attachment))).all()]
        audit = (await session.exec(select(func.count()).select_from(AuditEntry))).one()
    return indicators, actions, dossiers, attachments, audit


async def test_unsigned_tampered_and_stale_init_data_get_401(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 4001, "Coop Alpha")
    genuine = signed_init_data(director.id)
    tampered = genuine.replace(f"%22id%22%3A{director.id}", "%22id%22%3A4999")
    assert tampered != genuine
    unsigned = "&".join(part for part in genuine.split("&") if not part.startswith("hash="))
    other_bot = signed_init_data(director.id, token="654321:ANOTHER-BOT")
    stale = signed_init_data(director.id, auth_date=NOW - timedelta(hours=24, minutes=1))
    async with client(web_harness) as http:
        assert (await http.get("/app/api/dossier", headers=tma(genuine))).status_code == 200
        assert (
            await http.get(
                "/app/api/dossier",
                headers=tma(signed_init_data(director.id, auth_date=NOW - timedelta(hours=23))),
            )
        ).status_code == 200
        for headers in (
            {},
            {"Authorization": genuine},
            tma(unsigned),
            tma(tampered),
            tma(other_bot),
            tma(stale),
        ):
            answer = await http.get("/app/api/dossier", headers=headers)
            assert answer.status_code == 401, headers
            assert answer.json() == {
                "error": "Cette page a expiré\u00a0: fermez-la et rouvrez-la depuis le chat."
            }
        before = await everything(web_harness)
        change = {
            "entity": "dossier",
            "id": dossier["dossier"]["id"],
            "field": "approach",
            "value": "x",
            "expected": None,
        }
        assert (await http.post("/app/api/field", headers=tma(tampered), json=change)).status_code == 401
        assert await everything(web_harness) == before


async def test_the_allowed_age_of_init_data_is_a_setting(tmp_path):
    bot = BotHarness(tmp_path, clock=lambda: NOW, web=True)
    bot.settings = bot.settings.model_copy(update={"miniapp_max_age": 3600})
    await bot.start()
    try:
        director = await join(bot, 4002, "fr")
        async with client(bot) as http:
            fresh = await http.get(
                "/app/api/dossier", headers=auth(director, auth_date=NOW - timedelta(minutes=59))
            )
            old = await http.get(
                "/app/api/dossier", headers=auth(director, auth_date=NOW - timedelta(minutes=61))
            )
        assert (fresh.status_code, old.status_code) == (200, 401)
    finally:
        await bot.stop()


async def test_a_stranger_gets_403(web_harness):
    stranger = web_harness.user(4003)
    await stranger.send("/start")  # known to the bot, member of no coop
    async with client(web_harness) as http:
        for user_id in (stranger.id, 4004):  # and someone who never talked to the bot
            answer = await http.get("/app/api/dossier", headers=auth(user_id))
            assert answer.status_code == 403
            assert (await http.get("/app/api/page", headers=auth(user_id))).status_code == 403


async def test_coop_b_cannot_read_or_change_coop_a_by_guessed_ids(web_harness):
    _alpha, dossier_a = await coop_with_indicator(web_harness, 4005, "Coop Alpha")
    beta, dossier_b = await coop_with_indicator(web_harness, 4006, "Coop Beta")
    assert dossier_b["coop"] == "Coop Beta"
    indicator_a = dossier_a["engagements"][0]["indicators"][0]
    action_a = indicator_a["actions"][0]
    id_a = dossier_a["dossier"]["id"]
    before = await everything(web_harness)
    async with client(web_harness) as http:
        for path in (f"/app/api/dossier?dossier={id_a}", f"/app/api/page?dossier={id_a}"):
            assert (await http.get(path, headers=auth(beta))).status_code == 403
        attempts = [
            (
                "field",
                {"entity": "dossier", "id": id_a, "field": "approach", "value": "Volé", "expected": None},
            ),
            (
                "field",
                {
                    "entity": "indicator",
                    "id": indicator_a["id"],
                    "field": "title",
                    "value": "Volé",
                    "expected": "Part de BRS",
                },
            ),
            (
                "field",
                {
                    "entity": "indicator",
                    "id": indicator_a["id"],
                    "field": "current_value",
                    "value": "12",
                    "expected": None,
                },
            ),
            (
                "field",
                {
                    "entity": "action",
                    "id": action_a["id"],
                    "field": "owner",
                    "value": "Volé",
                    "expected": None,
                },
            ),
            ("engagement", {"dossier": id_a, "code": 2, "chosen": True}),
            ("engagement", {"dossier": id_a, "code": 1, "chosen": False, "confirmed": True}),
            ("indicator", {"dossier": id_a, "code": 1, "value": "Volé"}),
            ("action", {"indicator": indicator_a["id"], "value": "Volé"}),
        ]
        for path, change in attempts:
            answer = await http.post(f"/app/api/{path}", headers=auth(beta), json=change)
            assert answer.status_code == 403, (path, change, answer.text)
    assert await everything(web_harness) == before


async def test_a_plain_member_cannot_rename_the_directions_letter(web_harness):
    director = await join(web_harness, 4007, "fr", "Coop Gamma")
    await upload_letter(director)
    member = web_harness.user(4008)
    await member.send(f"/start {director.invitations.member_token}")
    async with client(web_harness) as http:
        seen = (await http.get("/app/api/dossier", headers=auth(member))).json()
        letter = seen["documents"][0]
        label = field(letter, "label")
        assert label["editable"] is False  # the page shows no input to the member
        before = await everything(web_harness)
        change = {
            "entity": "attachment",
            "id": letter["id"],
            "field": "label",
            "value": "Autre",
            "expected": label["value"],
        }
        refused = await http.post("/app/api/field", headers=auth(member), json=change)
        assert refused.status_code == 403 and refused.json()["error"] == "Votre rôle ne le permet pas."
        assert await everything(web_harness) == before
        assert field(
            (await http.get("/app/api/dossier", headers=auth(director))).json()["documents"][0], "label"
        )["editable"]
        allowed = await http.post("/app/api/field", headers=auth(director), json=change)
        assert allowed.status_code == 200 and allowed.json()["field"]["text"] == "Autre"


async def test_values_are_read_and_refused_as_the_chat_reads_and_refuses_them(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 4009, "Coop Delta")
    indicator = dossier["engagements"][0]["indicators"][0]
    action = indicator["actions"][0]
    async with client(web_harness) as http:

        def change(entity, row, name, value, expected=None):
            return {"entity": entity, "id": row, "field": name, "value": value, "expected": expected}

        steps = [
            change("indicator", indicator["id"], "value_kind", "number"),
            change("indicator", indicator["id"], "unit", "percent"),
            change("indicator", indicator["id"], "current_value", "12,5 %"),
            change("action", action["id"], "due_date", "mars 2027"),
        ]
        for step in steps:
            answer = await http.post("/app/api/field", headers=auth(director), json=step)
            assert answer.status_code == 200, answer.text
        assert answer.json()["field"]["text"] == "mars 2027"
        refused = await http.post(
            "/app/api/field",
            headers=auth(director),
            json=change("indicator", indicator["id"], "target_value", "beaucoup"),
        )
        assert refused.status_code == 422
        chat_message = input_error_text(Translator("fr"), _refusal("beaucoup"), "beaucoup")
        assert refused.json()["error"] == chat_message
        assert chat_message == "Je ne reconnais pas de nombre dans «\u00a0beaucoup\u00a0»."
        too_long = await http.post(
            "/app/api/field",
            headers=auth(director),
            json=change("indicator", indicator["id"], "rationale", "x" * 6001),
        )
        assert too_long.status_code == 422
        assert too_long.json()["error"] == (  # the text stays in its field: nothing « follows »
            "Votre texte compte 6\u202f001 caractères\u00a0; la limite est de 6\u202f000. "
            "Raccourcissez-le ici\u00a0: il reste dans son champ jusqu’à son enregistrement."
        )
    async with web_harness.database.transaction() as session:
        stored = await session.get(Indicator, indicator["id"])
        planned = await session.get(Action, action["id"])
        audit = (await session.exec(select(AuditEntry).where(AuditEntry.field == "current_value"))).all()
    assert (stored.current_value, stored.target_value) == ("12.5", None)
    assert (planned.due_date, planned.due_precision) == (date(2027, 3, 31), "month")
    assert [(a.actor_id, a.new_value) for a in audit] == [(director.id, "12.5")]  # the chat's audit row
    await open_home(director)  # the chat shows what the Mini App saved
    await director.press("📊 Indicateurs")
    await director.press(" 1 · ")
    await director.press("1 · Part de BRS")
    assert "Valeur actuelle\u00a0: 12,5\u00a0%" in director.last_text


def _refusal(typed: str):
    try:
        parse_value(typed, "fr", "number", "percent")
    except ValueError as error:
        return error
    raise AssertionError("accepted")


async def test_a_colleagues_change_is_surfaced_not_overwritten(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 4010, "Coop Epsilon")
    dossier_id = dossier["dossier"]["id"]
    async with web_harness.database.transaction() as session:  # a colleague writes in the chat meanwhile
        row = await session.get(Dossier, dossier_id)
        await update_involvement(
            session, row, "approach", "Leur texte", actor_id=999, expected=UNSET, now=NOW
        )
    mine = {
        "entity": "dossier",
        "id": dossier_id,
        "field": "approach",
        "value": "Mon texte",
        "expected": None,
    }
    async with client(web_harness) as http:
        conflict = await http.post("/app/api/field", headers=auth(director), json=mine)
        assert conflict.status_code == 409
        assert conflict.json()["conflict"] == {
            "value": "Leur texte",
            "text": "Leur texte",
            "shown": "Leur texte",
            "elsewhere": False,  # a colleague's
        }
        async with web_harness.database.transaction() as session:
            assert (await session.get(Dossier, dossier_id)).approach == "Leur texte"
        kept = await http.post(
            "/app/api/field", headers=auth(director), json={**mine, "expected": "Leur texte"}
        )
        assert kept.status_code == 200
    async with web_harness.database.transaction() as session:
        assert (await session.get(Dossier, dossier_id)).approach == "Mon texte"


async def test_a_submitted_dossier_is_read_only_and_the_committee_reads_it(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 4011, "Coop Zeta")
    dossier_id = dossier["dossier"]["id"]
    async with web_harness.database.transaction() as session:
        row = await session.get(Dossier, dossier_id)
        row.status = DossierStatus.SUBMITTED
        session.add(row)
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    committee = web_harness.user(COMMITTEE_ID)
    await committee.send("/start")
    change = {"entity": "dossier", "id": dossier_id, "field": "approach", "value": "Tard", "expected": None}
    async with client(web_harness) as http:
        locked = await http.post("/app/api/field", headers=auth(director), json=change)
        assert locked.status_code == 403 and "soumis" in locked.json()["error"]
        own = (await http.get("/app/api/page", headers=auth(director))).json()
        assert own["session"] is None and "<textarea" not in own["html"] and "Lecture seule" in own["html"]
        listing = (await http.get("/app/api/page", headers=auth(COMMITTEE_ID))).json()
        assert f'data-open="{dossier_id}"' in listing["html"] and "Coop Zeta" in listing["html"]
        page = (await http.get(f"/app/api/page?dossier={dossier_id}", headers=auth(COMMITTEE_ID))).json()
        assert "Coop Zeta" in page["html"] and "Part de BRS" in page["html"]
        assert "<input" not in page["html"] and "<textarea" not in page["html"]
        assert (await http.post("/app/api/field", headers=auth(COMMITTEE_ID), json=change)).status_code == 403
        draft = (await join(web_harness, 4012, "fr", "Coop Eta")).invitations.coop.id
        async with web_harness.database.transaction() as session:
            draft_id = (await session.exec(select(Dossier.id).where(Dossier.coop_id == draft))).one()
        assert (
            await http.get(f"/app/api/page?dossier={draft_id}", headers=auth(COMMITTEE_ID))
        ).status_code == 403


async def test_leaving_the_app_tells_the_chat_once_what_changed(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 4013, "Coop Theta")
    indicator = dossier["engagements"][0]["indicators"][0]
    async with client(web_harness) as http:
        page = (await http.get("/app/api/page", headers=auth(director))).json()
        session = page["session"]
        left = await http.post("/app/api/closed", headers=auth(director), json={"session": session})
        assert left.json() == {"told": 0} and director.messages[-1].get("text", "").startswith(
            "🏠"
        )  # nothing sent
        before = len(director.messages)
        for value in ("Une raison", "Une meilleure raison"):  # the same field twice counts once
            change = {"entity": "indicator", "id": indicator["id"], "field": "rationale", "value": value,
                      "expected": None if value == "Une raison" else "Une raison", "session": session}  # fmt: skip
            assert (await http.post("/app/api/field", headers=auth(director), json=change)).status_code == 200
        change = {"entity": "dossier", "id": dossier["dossier"]["id"], "field": "approach", "value": "Notre démarche",
                  "expected": None, "session": session}  # fmt: skip
        await http.post("/app/api/field", headers=auth(director), json=change)
        someone_else = await http.post("/app/api/closed", headers=auth(4999), json={"session": session})
        assert someone_else.json() == {"told": 0}
        left = await http.post("/app/api/closed", headers=auth(director), json={"session": session})
        again = await http.post("/app/api/closed", headers=auth(director), json={"session": session})
    assert (left.json(), again.json()) == ({"told": 2}, {"told": 0})
    new = director.messages[before:]
    assert len(new) == 1 and new[0]["text"].startswith("✅ 2 champs mis à jour depuis l’application")
    assert "Dossier Quali’Coop — Coop Theta" in new[0][
        "text"
    ] and "📊 Indicateurs et plans d’actions" in director.buttons(new[0])


async def test_the_team_is_shown_to_its_members_and_to_nobody_else(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 4020, "Coop Iota")
    bob = web_harness.user(4021, "Bob", "fr")
    await bob.send(f"/start {director.invitations.member_token}")
    other = await join(web_harness, 4022, "fr", "Coop Kappa")
    dossier_id = dossier["dossier"]["id"]
    async with client(web_harness) as http:
        seen = {}
        for user in (director, bob, other):
            answer = (await http.get("/app/api/dossier", headers=auth(user))).json()
            seen[user.id] = answer["team"]
        page = (await http.get("/app/api/page", headers=auth(bob))).json()["html"]
        async with web_harness.database.transaction() as session:
            row = await session.get(Dossier, dossier_id)
            row.status = DossierStatus.SUBMITTED
            session.add(row)
            await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
        await web_harness.user(COMMITTEE_ID).send("/start")
        read = await http.get(f"/app/api/dossier?dossier={dossier_id}", headers=auth(COMMITTEE_ID))
        committee_page = await http.get(f"/app/api/page?dossier={dossier_id}", headers=auth(COMMITTEE_ID))
    names = [(m["n"], m["name"], m["direction"]) for m in seen[director.id]["members"]]
    assert names == [(1, director.tg["first_name"], True), (2, "Bob", False)]
    assert seen[director.id]["count"] == "2 personnes ont rejoint" and seen[director.id]["direction"]
    assert seen[bob.id]["members"] == seen[director.id]["members"] and not seen[bob.id]["direction"]
    assert [m["name"] for m in seen[other.id]["members"]] == [other.tg["first_name"]]  # its own team only
    assert '<section id="team">' in page and "Bob" in page and "demandez le lien de la coopérative" in page
    assert read.status_code == 200 and read.json()["team"] is None  # the committee reads no names
    assert '<section id="team">' not in committee_page.json()["html"]


async def test_a_save_whose_answer_was_lost_is_no_colleagues_change(web_harness):
    """The page sent a value, the server stored it, the answer never came back: the page still holds
    the old ``expected``. Its next save names what it sent (``own``): that is its own, not a conflict."""
    director, dossier = await coop_with_indicator(web_harness, 4013, "Coop Perdue")
    indicator = dossier["engagements"][0]["indicators"][0]
    action_id = indicator["actions"][0]["id"]
    dossier_id = dossier["dossier"]["id"]
    first = {"entity": "dossier", "id": dossier_id, "field": "members_information", "expected": None}
    due = {"entity": "action", "id": action_id, "field": "due_date", "expected": None}
    async with client(web_harness) as http:
        for change, lost in ((first, "Article dans la lettre"), (due, "mars 2027")):
            stored = await http.post("/app/api/field", headers=auth(director), json={**change, "value": lost})
            assert stored.status_code == 200  # … and the page never read this answer
        again = await http.post(  # the same value sent again: saved, nothing changes
            "/app/api/field", headers=auth(director), json={**first, "value": "Article dans la lettre"}
        )
        assert again.status_code == 200 and again.json()["changed"] is False
        edited = await http.post(
            "/app/api/field",
            headers=auth(director),
            json={
                **first,
                "value": "Article dans la lettre, et AG de juin",
                "own": ["Article dans la lettre"],
            },
        )
        assert edited.status_code == 200 and edited.json()["changed"] is True
        later = await http.post(
            "/app/api/field",
            headers=auth(director),
            json={**due, "value": "15/04/2027", "own": ["03/2027"]},  # the same month, typed another way
        )
        assert later.status_code == 200
        # a colleague's value is still a conflict, named « own » or not
        bob = web_harness.user(4014, "Bob", "fr")
        await bob.send(f"/start {director.invitations.member_token}")
        theirs = {**first, "value": "Le texte de Bob", "expected": "Article dans la lettre, et AG de juin"}
        assert (await http.post("/app/api/field", headers=auth(bob), json=theirs)).status_code == 200
        colleague = await http.post(
            "/app/api/field",
            headers=auth(director),
            json={**first, "value": "Autre chose", "own": ["Un texte que personne n’a gardé"]},
        )
        assert colleague.status_code == 409
        assert colleague.json()["conflict"]["value"] == "Le texte de Bob"
    async with web_harness.database.transaction() as session:
        assert (await session.get(Dossier, dossier_id)).members_information == "Le texte de Bob"
        assert (await session.get(Action, action_id)).due_date == date(2027, 4, 15)


async def test_a_typed_value_for_something_removed_meanwhile_draws_the_page_again_without_it(
    web_harness,
):
    """A field or a new action on an indicator a colleague removed: the page drawn again without it, the
    sentence naming what went; a tick, as another coop's rows, is said not the coop's dossier."""
    director, dossier = await coop_with_indicator(web_harness, 4014, "Coop Retirée")
    _other, elsewhere = await coop_with_indicator(web_harness, 4015, "Coop Ailleurs")
    dossier_id = dossier["dossier"]["id"]
    indicator = dossier["engagements"][0]["indicators"][0]
    async with client(web_harness) as http:
        drop = {"dossier": dossier_id, "code": 1, "chosen": False}
        asked = await http.post("/app/api/engagement", headers=auth(director), json=drop)
        removed = await http.post(  # a colleague unticks the engagement: its indicator goes with it
            "/app/api/engagement",
            headers=auth(director),
            json={**drop, "confirmed": True, "seen": asked.json()["seen"]},
        )
        assert removed.status_code == 200
        for path, body in (
            ("field", {"entity": "indicator", "id": indicator["id"], "field": "title", "value": "Part", "expected": "Part de BRS"}),
            ("field", {"entity": "action", "id": indicator["actions"][0]["id"], "field": "owner", "value": "Léa", "expected": None}),
            ("action", {"indicator": indicator["id"], "value": "Une action de plus"}),
        ):  # fmt: skip
            answer = await http.post(f"/app/api/{path}", headers=auth(director), json=body)
            assert 400 <= answer.status_code < 500, (path, body)
            said = answer.json()  # the page drawn again without the row, its sentence naming what went
            assert said["gone"] is True and said["code"] == "not_yours" and 'id="dossier"' in said["html"]
            assert said["error"].endswith(
                "entre-temps, peut-être par un collègue\u00a0: votre texte est gardé ci-dessous pour le copier."
            ), said["error"]
        tick = await http.post(
            "/app/api/engagement",
            headers=auth(director),
            json={"dossier": elsewhere["dossier"]["id"], "code": 2, "chosen": True},
        )
        assert tick.status_code == 403
        assert tick.json()["error"].startswith(
            "Ce dossier n’est pas le dossier en cours de votre coopérative"
        )


async def test_a_page_left_open_past_the_allowed_age_still_tells_the_chat_what_it_changed(web_harness):
    """The init data grew old while the page stayed open: changes are refused (401), but leaving the page
    still tells the chat what this opening changed (the token ties it to its user); forged data does not."""
    director, dossier = await coop_with_indicator(web_harness, 4016, "Coop Ancienne")
    stale = auth(director, auth_date=NOW - timedelta(days=3))
    async with client(web_harness) as http:
        session = (await http.get("/app/api/page", headers=auth(director))).json()["session"]
        change = {"entity": "dossier", "id": dossier["dossier"]["id"], "field": "approach",
                  "value": "Notre démarche", "expected": None, "session": session}  # fmt: skip
        assert (await http.post("/app/api/field", headers=auth(director), json=change)).status_code == 200
        refused = await http.post("/app/api/field", headers=stale, json={**change, "value": "Autre"})
        assert refused.status_code == 401
        forged = signed_init_data(director.id, auth_date=NOW - timedelta(days=3), token="654321:ANOTHER-BOT")
        assert (
            await http.post("/app/api/closed", headers=tma(forged), json={"session": session})
        ).status_code == 401
        before = len(director.messages)
        left = await http.post("/app/api/closed", headers=stale, json={"session": session})
    assert left.status_code == 200 and left.json() == {"told": 1}
    new = director.messages[before:]
    assert len(new) == 1 and new[0]["text"].startswith("✅ 1 champ mis à jour depuis l’application")


async def test_who_cannot_change_a_dossier_reads_its_state_not_instructions(web_harness):
    """The committee reads an incomplete submitted dossier: the counters and what is missing, as facts;
    not « choose… », no links to fields it has no inputs for, no « mark it as ready in the chat »."""
    director, dossier = await coop_with_indicator(web_harness, 4017, "Coop Lue")
    dossier_id = dossier["dossier"]["id"]
    async with client(web_harness) as http:
        own = (await http.get("/app/api/page", headers=auth(director))).json()["html"].replace("\u00a0", " ")
        assert "Choisissez au moins 8 engagements" in own and "Choisissez encore 2 engagements" in own
        assert "(encore 2 à choisir)" in own and "data-anchor=" in own
        async with web_harness.database.transaction() as session:
            row = await session.get(Dossier, dossier_id)
            row.status = DossierStatus.SUBMITTED
            session.add(row)
            await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
        await web_harness.user(COMMITTEE_ID).send("/start")
        for visitor in (COMMITTEE_ID, director.id):  # its coop, once submitted, reads it as facts too
            query = f"?dossier={dossier_id}" if visitor == COMMITTEE_ID else ""
            html = (await http.get(f"/app/api/page{query}", headers=auth(visitor))).json()["html"]
            text = html.replace("\u00a0", " ")
            assert "Engagements : 1/8 minimum" in text and "Axe 2 — 0/4" in text
            assert "Il manque 2 engagements dans l’axe 2" in text and "Il manque encore" in text
            assert "Choisissez" not in text and "à choisir" not in text
            gaps = html.split('id="gaps"', 1)[1].split("</ul>", 1)[0]  # the page's parts stay links
            assert "data-anchor=" not in gaps and "<a " not in gaps
            assert "prêt" not in text


async def test_at_the_limit_the_add_form_gives_way_to_the_limit_said_with_its_number(web_harness):
    """10 indicators on an engagement, 10 actions on an indicator: no form to add one more, but « 10
    indicateurs au plus par engagement »; a title sent anyway (a colleague filled it meanwhile) says so."""
    director, dossier = await coop_with_indicator(web_harness, 4018, "Coop Pleine")
    dossier_id = dossier["dossier"]["id"]
    indicator_id = dossier["engagements"][0]["indicators"][0]["id"]
    async with client(web_harness) as http:
        html = (await http.get("/app/api/page", headers=auth(director))).json()["html"]
        assert 'data-add="indicator" data-code="1"' in html and "au plus par" not in html
        for n in range(2, 11):
            new = {"dossier": dossier_id, "code": 1, "value": f"Indicateur {n}"}
            assert (
                await http.post("/app/api/indicator", headers=auth(director), json=new)
            ).status_code == 200
            action = {"indicator": indicator_id, "value": f"Action {n}"}
            assert (
                await http.post("/app/api/action", headers=auth(director), json=action)
            ).status_code == 200
        html = (await http.get("/app/api/page", headers=auth(director))).json()["html"]
        assert 'data-add="indicator" data-code="1"' not in html
        assert f'data-add="action" data-indicator="{indicator_id}"' not in html
        assert "10 indicateurs au plus par engagement" in html and "10 actions au plus par indicateur" in html
        assert html.count('data-add="action"') == 9  # the other indicators still take actions
        refused = await http.post(
            "/app/api/indicator",
            headers=auth(director),
            json={"dossier": dossier_id, "code": 1, "value": "Un 11e"},
        )
        assert refused.status_code == 409 and refused.json() == {
            "error": "10 indicateurs au plus par engagement"
        }
        refused = await http.post(
            "/app/api/action", headers=auth(director), json={"indicator": indicator_id, "value": "Une 11e"}
        )
        assert refused.status_code == 409 and refused.json() == {"error": "10 actions au plus par indicateur"}


async def test_a_typed_text_of_digits_is_a_text_not_an_id(web_harness):
    """A reference of 20 digits typed in a text was taken for an id too large for the database and
    refused as « removed meanwhile »; only the request's ids are checked so."""
    director, dossier = await coop_with_indicator(web_harness, 4019, "Coop Chiffres")
    digits = "12345678901234567890"
    change = {"entity": "dossier", "id": dossier["dossier"]["id"], "field": "approach", "value": digits}
    async with client(web_harness) as http:
        answer = await http.post("/app/api/field", headers=auth(director), json={**change, "expected": None})
        assert answer.status_code == 200 and answer.json()["field"]["value"] == digits
        huge_id = await http.post(
            "/app/api/field", headers=auth(director), json={**change, "id": 10**30, "expected": digits}
        )
        assert huge_id.status_code == 400


async def test_my_own_change_elsewhere_is_not_overwritten_by_an_older_page(web_harness):
    """The page showed an empty field; the same person then wrote it elsewhere (the chat, another
    window); the older page's save is a conflict said as theirs, nothing overwritten; naming the value
    as the page's own (a save whose answer was lost) saves over it."""
    director, dossier = await coop_with_indicator(web_harness, 4050, "Coop Ailleurs")
    field = {"entity": "dossier", "id": dossier["dossier"]["id"], "field": "members_information"}
    async with client(web_harness) as http:

        async def post(change: dict) -> httpx.Response:
            return await http.post("/app/api/field", headers=auth(director), json={**field, **change})

        assert (await post({"value": "Écrit dans le chat", "expected": None})).status_code == 200
        older = await post({"value": "Écrit sur la page", "expected": None})
        assert older.status_code == 409
        assert older.json()["conflict"] == {
            "value": "Écrit dans le chat", "text": "Écrit dans le chat", "shown": "Écrit dans le chat",
            "elsewhere": True,
        }  # fmt: skip
        lost = await post({"value": "Écrit sur la page", "expected": None, "own": ["Écrit dans le chat"]})
        assert lost.status_code == 200 and lost.json()["field"]["value"] == "Écrit sur la page"


async def test_a_colleague_who_chose_the_same_value_meanwhile_is_not_taken_for_a_lost_answer(web_harness):
    """A's « number » never reached the server; B chose « number » and typed values; A then picks
    « text »: the stored « number » is B's (the audit says who wrote it), so A gets the conflict and
    B's values stay."""
    director, dossier = await coop_with_indicator(web_harness, 4030, "Coop Même")
    colleague = web_harness.user(4031, "Bob", "fr")
    await colleague.send(f"/start {director.invitations.member_token}")
    indicator_id = dossier["engagements"][0]["indicators"][0]["id"]
    kind = {"entity": "indicator", "id": indicator_id, "field": "value_kind"}
    async with client(web_harness) as http:
        for field, value, expected in (("value_kind", "number", None), ("current_value", "12", None)):
            json = {**kind, "field": field, "value": value, "expected": expected}
            assert (await http.post("/app/api/field", headers=auth(colleague), json=json)).status_code == 200
        late = await http.post(
            "/app/api/field",
            headers=auth(director),
            json={**kind, "value": "text", "expected": None, "own": ["number"]},
        )
    assert late.status_code == 409 and late.json()["conflict"]["value"] == "number"
    async with web_harness.database.transaction() as session:
        row = await session.get(Indicator, indicator_id)
    assert (row.value_kind, row.current_value) == ("number", "12")  # the colleague's, untouched


async def test_two_saves_lost_in_a_row_and_an_own_unit_change_are_no_colleagues_change(web_harness):
    """What the page caused itself is its own: two saves whose answers were lost (the page still holds
    the first ``expected`` and names both), and the value its own unit change cleared, retyped."""
    director, dossier = await coop_with_indicator(web_harness, 4040, "Coop Réseau")
    dossier_id = dossier["dossier"]["id"]
    text = {"entity": "dossier", "id": dossier_id, "field": "members_information"}
    indicator_id = dossier["engagements"][0]["indicators"][0]["id"]
    row = {"entity": "indicator", "id": indicator_id}
    async with client(web_harness) as http:

        async def post(change: dict) -> httpx.Response:
            return await http.post("/app/api/field", headers=auth(director), json=change)

        assert (await post({**text, "value": "Premier", "expected": None})).status_code == 200  # answer lost
        # the second never reached the server; the third still holds the page's first « expected »
        third = await post({**text, "value": "Troisième", "expected": None, "own": ["Premier", "Deuxième"]})
        assert third.status_code == 200 and third.json()["field"]["value"] == "Troisième"
        for field, value in (("value_kind", "number"), ("unit", "percent"), ("current_value", "12,5 %")):
            page = (await http.get("/app/api/dossier", headers=auth(director))).json()
            shown = next(
                f
                for e in page["engagements"]
                for i in e["indicators"]
                for f in i["fields"]
                if f["name"] == field
            )
            assert (
                await post({**row, "field": field, "value": value, "expected": shown["value"]})
            ).status_code == 200
        # the page still shows 12.5 when the unit changes (which clears it), then the value is retyped
        assert (
            await post({**row, "field": "unit", "value": "count", "expected": "percent"})
        ).status_code == 200
        # the page names the value its own unit change cleared (``own``: "")
        retyped = await post(
            {**row, "field": "current_value", "value": "15", "expected": "12.5", "own": [""]}
        )
    assert retyped.status_code == 200 and retyped.json()["field"]["value"] == "15"


async def test_a_value_emptied_by_the_visitor_is_saved_over_a_colleagues_emptying_is_not(web_harness):
    """The page's value save reaches the server after its own unit change (a slow network: the page had
    not the unit's answer yet, so names nothing as its own): the value it cleared is empty and theirs,
    nothing to protect, saved over without a box. Emptied by a colleague's unit change: a conflict."""
    director, dossier = await coop_with_indicator(web_harness, 4060, "Coop Lente")
    row = {"entity": "indicator", "id": dossier["engagements"][0]["indicators"][0]["id"]}
    bob = web_harness.user(4061, "Bob", "fr")
    await bob.send(f"/start {director.invitations.member_token}")
    async with client(web_harness) as http:

        async def post(who, change: dict) -> httpx.Response:
            return await http.post("/app/api/field", headers=auth(who), json={**row, **change})

        for field, value, expected in (
            ("value_kind", "number", None),
            ("unit", "percent", None),
            ("current_value", "12,5 %", None),
            ("unit", "count", "percent"),  # clears the value
        ):
            assert (
                await post(director, {"field": field, "value": value, "expected": expected})
            ).status_code == 200
        late = await post(director, {"field": "current_value", "value": "15", "expected": "12.5", "own": []})
        assert late.status_code == 200 and late.json()["field"]["value"] == "15"
        # Bob's unit change clears it: the page that still shows 15 is told, nothing saved over
        assert (
            await post(bob, {"field": "unit", "value": "percent", "expected": "count"})
        ).status_code == 200
        older = await post(director, {"field": "current_value", "value": "16", "expected": "15"})
    assert older.status_code == 409 and older.json()["conflict"]["elsewhere"] is False
    async with web_harness.database.transaction() as session:
        assert (await session.get(Indicator, row["id"])).current_value is None


async def test_a_colleague_taken_off_the_team_is_told_so_by_the_page(web_harness):
    """Bob's page, left open, after the direction took him off: refused with the reason, not « your
    role does not allow it »."""
    director, dossier = await coop_with_indicator(web_harness, 4060, "Coop Départ")
    bob = web_harness.user(4061, "Bob", "fr")
    await bob.send(f"/start {director.invitations.member_token}")
    async with web_harness.database.transaction() as session:
        coop = await session.get(Coop, director.invitations.coop.id)
        await remove_teammate(session, coop, bob.id, director.id, NOW)
    field = {"entity": "dossier", "id": dossier["dossier"]["id"], "field": "approach", "expected": None}
    async with client(web_harness) as http:
        for refused in (
            await http.get("/app/api/page", headers=auth(bob)),
            await http.post("/app/api/field", headers=auth(bob), json={**field, "value": "Mon texte"}),
        ):
            assert refused.status_code == 403
            assert "Vous ne faites plus partie de l’équipe de Coop Départ" in refused.json()["error"]


async def test_a_suggestion_picked_in_english_reads_in_french_on_the_french_directions_page(web_harness):
    """Sam picks a suggested indicator in English: Dominique's page shows the referential's French
    title (as her chat does), and its ``value`` is the stored one, so her save is no conflict."""
    from tests.conversations.test_indicator_titles import EN, FR, colleagues, pick_first_suggestion

    dominique, sam = await colleagues(web_harness)
    await pick_first_suggestion(sam, 7)
    async with client(web_harness) as http:
        page = (await http.get("/app/api/dossier", headers=auth(dominique))).json()
        seen = (await http.get("/app/api/dossier", headers=auth(sam))).json()
        titles = [
            next(f for f in i["fields"] if f["name"] == "title")
            for view in (page, seen)
            for e in view["engagements"]
            for i in e["indicators"]
        ]
        assert [(f["text"], f["value"]) for f in titles] == [(FR, EN), (EN, EN)]
        kept = {"entity": "indicator", "id": titles[0]["id"], "field": "title", "expected": EN}
        saved = await http.post(
            "/app/api/field", headers=auth(dominique), json={**kept, "value": FR + " (AG)"}
        )
        assert saved.status_code == 200


async def test_the_page_says_which_cycle_the_dossier_is(web_harness):
    """« Cycle 2 · Brouillon » on a renewal's page, as the chat's home says it (« Brouillon » alone
    read like the first candidacy)."""
    director = await join(web_harness, 4070, "fr", "Coop Cycle")
    async with web_harness.database.transaction() as session:
        dossier = (
            await session.exec(select(Dossier).where(Dossier.coop_id == director.invitations.coop.id))
        ).one()
        dossier.cycle = 2  # as after a renewal opened
        session.add(dossier)
    async with client(web_harness) as http:
        page = (await http.get("/app/api/page", headers=auth(director))).json()["html"]
    assert "Cycle 2 · Brouillon" in page.replace("\u00a0", " ")
