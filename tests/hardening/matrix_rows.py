"""The authorization matrix's rows: every command, every button prefix, every Mini App route, and who
may act on it. Anyone else is refused politely and changes nothing.

A row's arguments point at coop A's rows ({d} dossier, {i} indicator, {a} action, {f} the letter),
at coop C's submitted dossier ({c}, for the federation), or at an id that exists nowhere ({x}).
Rows with no argument act on the visitor's own coop, so every member may press them.
"""

from __future__ import annotations

from tests.hardening.world import Kind

EVERYONE = frozenset(Kind)
A = frozenset({Kind.MEMBER_A, Kind.DIRECTION_A})
DIRECTION_A = frozenset({Kind.DIRECTION_A})
MEMBERS = frozenset({Kind.MEMBER_A, Kind.MEMBER_B, Kind.DIRECTION_A, Kind.DIRECTION_B})
DIRECTIONS = frozenset({Kind.DIRECTION_A, Kind.DIRECTION_B})
COMMITTEE = frozenset({Kind.COMMITTEE})
ADMIN = frozenset({Kind.ADMIN})
FEDERATION = COMMITTEE | ADMIN
NOBODY = frozenset()

# command (as registered) -> who may act; a command acts on the visitor's own coop or own data
COMMANDS: dict[str, frozenset] = {
    "start": EVERYONE,
    "help": EVERYONE,
    "aide": EVERYONE,
    "language": EVERYONE,
    "langue": EVERYONE,
    "cancel": EVERYONE,
    "annuler": EVERYONE,
    "settings": EVERYONE,
    "parametres": EVERYONE,
    "mydata": EVERYONE,
    "mesdonnees": EVERYONE,
    "erase": EVERYONE,
    "supprimer": EVERYONE,
    "dossier": MEMBERS,
    "recap": MEMBERS,
    "pdf": MEMBERS,
    "sharing": MEMBERS,
    "partage": MEMBERS,
    "calendar": MEMBERS,
    "calendrier": MEMBERS,
    "progress": MEMBERS,
    "progres": MEMBERS,
    "bilan": MEMBERS,
    "report": MEMBERS,
    "federation": MEMBERS,
    "requests": FEDERATION | MEMBERS,  # a coop member gets their own requests (ebc741c)
    "demandes": FEDERATION | MEMBERS,
    "dashboard": FEDERATION,
    "tableau": FEDERATION,
    "announce": ADMIN,
    "annonce": ADMIN,
    "export": DIRECTIONS | FEDERATION,  # the direction its own coop, the federation any
    "committee": FEDERATION,
    "comite": FEDERATION,
}

# callback data -> who may act
CALLBACKS: dict[str, frozenset] = {
    # the dossier
    "home": EVERYONE,
    "gaps": MEMBERS,
    "gpg:1": MEMBERS,  # a page of the gaps
    "rd:{d}": A,
    "rfn:{d}": NOBODY,  # a new candidacy: only from a refused dossier, by its direction (test_refused)
    "rfn:{d}:1": NOBODY,
    "ax:1": MEMBERS,
    "tg:{d}:2:1": A,
    "tgy:{d}:0:0:1": A,  # the mark of what its confirmation counted (a forged one: asked again), r, engagement
    "tgy:{d}:1": A,  # an older button, without the mark: asked again
    "ov": MEMBERS,
    "ql": MEMBERS | FEDERATION,  # the question a command left: each one's own, at their workplace
    "en:{d}:1": A,
    "ia:{d}:1": A,
    "is:{d}:1:0": A,
    "ic:{d}:1": A,
    "in:{i}": A,
    "ik:{i}:n": A,
    "ik:{i}:nZ": NOBODY,  # a kind's two letters forged: out-of-date data, nothing stored, for anyone
    "iu:{i}:p": A,
    "iu:{i}:zz": NOBODY,  # a unit code no button carries: the same
    "ix:{i}": A,
    "ixy:{i}": A,
    "ixm:{i}:0": A,  # a deletion confirmed with a mark of no actions: asked again (reads.plan_mark)
    "aa:{i}": A,
    "ac:{a}": A,
    "ad:{a}": A,
    "ady:{a}": A,
    "iv": MEMBERS,
    "ivp:1": MEMBERS,  # a page of the involvement's consultations
    "iw:{d}": A,
    "docs": MEMBERS,
    "ul:{d}:s": A,
    "at:{f}": A,
    "atf:{f}": A,  # the file sent back
    "lta:{d}": frozenset({Kind.MEMBER_A}),  # a member asks the direction for the letter (coop A has one)
    "ltu:{d}": DIRECTION_A,  # the direction's button in that request: the letter's upload
    "ltr:{f}": DIRECTION_A,  # a file held replaces the letter sent meanwhile (none held: says so)
    "ltk:{f}": DIRECTION_A,  # the file held is not added
    "rm:{f}": DIRECTION_A,  # the letter is the direction's: a member is refused at the button (may_change)
    "rmy:{f}": DIRECTION_A,
    "rv": MEMBERS,
    "pdf": MEMBERS,
    "sb:{d}": A,  # the checks and the question; only the direction submits
    "sby:{d}": DIRECTION_A,
    # the field editor
    "fe:i:{i}:t": A,
    "fe:f:{f}:l": DIRECTION_A,  # the letter's label: a member is refused at the button, not after typing
    "fw:f:{f}:l": DIRECTION_A,
    "fw:a:{a}:o": A,
    "kp": MEMBERS,
    "fo:0": MEMBERS,
    "cf:m": MEMBERS,
    # follow-up (coop A's dossier is a draft: these screens say so)
    "pg": MEMBERS,
    "pgu": MEMBERS,
    "pgk": MEMBERS,
    "pgy:y": MEMBERS,
    "pgr:0": MEMBERS,
    "pgc": MEMBERS,
    "pga": MEMBERS,
    "pgs:{a}": A,
    "ast:{a}:d": A,
    "pgn:{a}": A,
    # 🚪 ready for the visit: its direction only (A's draft awaits no visit: « out of date », said and drawn)
    "pgv:{d}": DIRECTION_A,
    "pgvy:{d}": DIRECTION_A,
    "cal": MEMBERS,
    "ics": MEMBERS,
    # the committee, on coop C's submitted dossier
    "cm": FEDERATION,
    "cm:0:{c}": FEDERATION,  # « ⬅️ Retour » from a dossier: the list's page holding it
    "cmd:{c}": FEDERATION,
    "cmx:{c}:a": COMMITTEE,
    "cmt": COMMITTEE,
    "cmy": COMMITTEE,
    "cmk": COMMITTEE,  # « ✅ Keep » the comment when back from the date
    "cmv": COMMITTEE,  # « ⬅️ Back » from the date to the comment
    "cmw": COMMITTEE,  # « ⬅️ Back » from the confirmation to the date (or the comment)
    "cmj": COMMITTEE,  # « ✅ Keep » the date when back from the confirmation
    "cmr:{c}": FEDERATION,
    "cmp:{c}": FEDERATION,
    "cmc:{c}:{x}": FEDERATION,  # 📜 the cycle before (coop C has none: refused, answered)
    "cmb:{c}": FEDERATION,
    "cmbr:{x}:t": FEDERATION,
    "cmbr:{x}:t:{x}": FEDERATION,
    "cme:1": FEDERATION,  # /export's list of coops, at a page (⬅️ ➡️)
    # announcements ({x}: none exists; only the admins get past the role check)
    "ank:{x}": ADMIN,
    "anb:{x}": ADMIN,
    "ana:{x}:a": ADMIN,
    "ans:{x}:a": ADMIN,
    "anr:{x}:0": ADMIN,
    "anrp:{x}:1": ADMIN,
    "ane:{x}:t": ADMIN,
    "anc:{x}": ADMIN,
    "anx:{x}": ADMIN,
    "anv:{x}": ADMIN,
    "anf:{x}": ADMIN,
    "anz:{x}": ADMIN,  # a sent meeting: its screen, cancelled (confirmed), moved (asked, confirmed)
    "anzc:{x}": ADMIN,
    "anzy:{x}:1": ADMIN,
    "anzm:{x}": ADMIN,
    "anzk:{x}:1": ADMIN,
    "anu": ADMIN,  # the sent meetings still ahead (/annonce's first screen), a page, one, back to /annonce
    "anu:1": ADMIN,
    "anuo:{x}:0": ADMIN,
    "anub": ADMIN,
    "rsvp:{x}:y": EVERYONE,
    "anics:{x}": EVERYONE,
    # language and settings: the visitor's own
    "lang:en": EVERYONE,
    "sta:1": EVERYONE,
    "stl": EVERYONE,
    "st": EVERYONE,
    "stg:en": EVERYONE,
    # the coop's team: its members see it; the direction replaces the link for colleagues
    "tm": MEMBERS,
    "tmn": DIRECTIONS,
    "tmr:{x}": NOBODY,  # nobody's id: every visitor refused (test_team: a colleague, another coop's)
    "tmry:{x}": NOBODY,
    # consultations
    "cs": MEMBERS,
    "cso:{x}": MEMBERS,
    "csm:{x}": MEMBERS,
    "csn": DIRECTIONS,
    "cse:{x}": DIRECTIONS,
    "csd:{x}": DIRECTIONS,
    "csf:{x}": DIRECTIONS,
    "csq:{x}": DIRECTIONS,
    "csj:{x}": DIRECTIONS,
    "csa:{x}:m:1": DIRECTIONS,
    "csc:{x}": DIRECTIONS,
    "csk:{x}": DIRECTIONS,
    "csp:{x}": DIRECTIONS,
    "csy:{x}": DIRECTIONS,
    "csz:{x}": DIRECTIONS,
    "csx:{x}": DIRECTIONS,
    "csxy:{x}": DIRECTIONS,
    "csg:{x}": MEMBERS,
    "cb:{x}": MEMBERS,
    "cbt:{x}:0:1": MEMBERS,
    "cbc:{x}": MEMBERS,
    "cbs:{x}": MEMBERS,
    "cbu:{x}": MEMBERS,
    "cbr:{x}": MEMBERS,
    # requests to the federation
    "rq": MEMBERS,
    "rqn": MEMBERS,
    "rqs:dossier": MEMBERS,
    "rqo:{x}": MEMBERS,
    "rqf:{x}": MEMBERS,
    "rqy:{x}": MEMBERS,
    "rqz:{x}": MEMBERS,
    "rqw:{x}": MEMBERS,
    "rqr:{x}": MEMBERS,
    "rqa:{x}": EVERYONE,
    "ib": FEDERATION,
    "ibo:{x}": FEDERATION,
    "ibr:{x}": FEDERATION,
    "ibx:{x}:1": FEDERATION,
    # bilans d'étape (coop A is not admissible yet: the screens say so)
    "bl": MEMBERS,
    "blv:6": MEMBERS,  # the bilan's screen: the checkpoint it was drawn for
    "bls": MEMBERS,
    "blk": MEMBERS,
    "blb:y": MEMBERS,
    "blc:0": MEMBERS,
    "bla:6": MEMBERS,
    "blt:{a}:d": A,
    "blx:d:6": MEMBERS,
    "blh": MEMBERS,
    "bln": MEMBERS,  # 🙅 No difficulty met, as 🙅 No help needed
    "bly:6": DIRECTIONS,
    "blyy:6": DIRECTIONS,
    "blo": MEMBERS,
    "blr:{x}": MEMBERS,
    "blp:{x}": MEMBERS,
    # shared practices and personal data
    "sh": MEMBERS,
    "shs:i:1": DIRECTIONS,
    "isx:{d}:1:0123456789": A,
    "isy:{d}:1:0123456789": A,
    "tbe": FEDERATION,
    "tb": FEDERATION,
    "ery:0": EVERYONE,
}

# the announcement buttons on a REAL draft that another federation admin is writing ({n}: made by
# test_colleagues_draft): a draft is its author's, so the world's admin is refused as everyone else is;
# the report's buttons and the calendar file are any admin's
COLLEAGUES_DRAFT: dict[str, frozenset] = {
    "ank:{n}": NOBODY,
    "anb:{n}": NOBODY,
    "ana:{n}:direction": NOBODY,
    "ans:{n}:labelled": NOBODY,
    "anr:{n}:0123456789ab": NOBODY,
    "anrp:{n}:1": NOBODY,
    "ane:{n}:t": NOBODY,
    "ane:{n}:a": NOBODY,
    "ane:{n}:r": NOBODY,  # « ▶️ Resume the draft »
    "ane:{n}:n": NOBODY,  # « 🆕 New announcement »: would drop it
    "anc:{n}": NOBODY,
    "anx:{n}": NOBODY,
    "anv:{n}": ADMIN,
    "anf:{n}": ADMIN,
    "rsvp:{n}:y": NOBODY,
    "anics:{n}": ADMIN,
}

# Mini App route -> (method, path, body) and who may act; coop A's own rows for the writes
ROUTES: dict[str, tuple[str, str, dict | None, frozenset]] = {
    "/app": ("GET", "/app", None, EVERYONE),
    "/app/static": ("GET", "/app/static/app.js", None, EVERYONE),
    "/app/api/page": ("GET", "/app/api/page?dossier={d}", None, A),
    "/app/api/dossier": ("GET", "/app/api/dossier?dossier={d}", None, A),
    "/app/api/field": (
        "POST",
        "/app/api/field",
        {"entity": "indicator", "id": "{i}", "field": "title", "value": "X", "expected": None},
        A,
    ),
    "/app/api/engagement": ("POST", "/app/api/engagement", {"dossier": "{d}", "code": 2, "chosen": True}, A),
    "/app/api/indicator": ("POST", "/app/api/indicator", {"dossier": "{d}", "code": 1, "value": "Y"}, A),
    "/app/api/action": ("POST", "/app/api/action", {"indicator": "{i}", "value": "Z"}, A),
    "/app/api/closed": ("POST", "/app/api/closed", {"session": "s"}, EVERYONE),
}


def fill(template, ids: dict[str, int]):
    """A row's template with the world's ids put in (strings, and the values of a JSON body)."""
    names = {"d": ids["dossier_a"], "i": ids["indicator_a"], "a": ids["action_a"], "f": ids["attachment_a"]}
    names |= {"c": ids["dossier_c"], "x": 987654, "n": ids.get("colleagues_draft", 987654)}
    if isinstance(template, dict):
        return {k: int(fill(v, ids)) if v in ("{d}", "{i}", "{a}") else v for k, v in template.items()}
    return template.format(**names)
