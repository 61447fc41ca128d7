"""The rows of a realistic federation, built in memory for a bulk insert (no ORM, no per-row query).

Every coop has three people and a dossier at some stage of the label: drafts being filled, submitted
dossiers, dossiers followed after admissibility (checkpoints) and labelled ones, with the history of
reminders already sent. The few coops the workload edits come first, all alike.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from models.clock import PARIS, add_months
from models.parsing.values import parse_value
from models.tables import CheckpointKind, DossierStatus, MemberRole

LEADS = (30, 7, 1)  # the product's default reminder leads (QUALICOOP_REMINDER_DAYS)
ACTIVE_CHOSEN = (1, 2, 5, 6, 9, 10)  # two per axis: the workload adds and drops the others
BASE_ID = 700_000_000  # Telegram ids of seeded people: far from the fakes' and the tests' ids


def person_id(coop: int, rank: int) -> int:
    """The Telegram id of a coop's person: rank 0 is its direction."""
    return BASE_ID + coop * 10 + rank


def checkpoint_key(checkpoint_id: int) -> str:
    """The event key the product gives a checkpoint's reminders (models.label.reminders.upcoming_events)."""
    return f"checkpoint:{checkpoint_id}"


def instant(day: date, hour: int = 9) -> datetime:
    """A Paris wall-clock time on a day, as the aware UTC instant the tables store."""
    return datetime.combine(day, time(hour), tzinfo=PARIS).astimezone(UTC)


class Rows:
    """The rows of every table, with the ids given here so that no row is read back."""

    def __init__(self, sweep_day: date, seed: int = 12) -> None:
        self.day = sweep_day
        self.rng = random.Random(seed)  # the same data at every run
        self.tables: dict[str, list[dict]] = defaultdict(list)
        self.ids: dict[str, int] = defaultdict(int)
        self.due_reminders = 0
        self.number = parse_value("12,5", "fr", "number", "percent")  # the canonical stored forms
        self.target = parse_value("25", "fr", "number", "percent")

    def add(self, table: str, **row) -> int:
        """Append a row and give it the next id of its table."""
        self.ids[table] += 1
        row.setdefault("id", self.ids[table])
        self.tables[table].append(row)
        return row["id"]

    def coop(self, number: int, status: DossierStatus, chosen: tuple[int, ...]) -> int:
        """A coop, its people and invitations, and its dossier with engagements; returns the dossier id."""
        created = instant(self.day - timedelta(days=900))
        self.add(
            "coop",
            id=number,
            name=f"Coop Habitat {number:05d}",
            region=f"Région {number % 13}",
            created_at=created,
        )
        self.people(number, created)
        filled = status != DossierStatus.DRAFT
        text = "Une démarche partagée avec les coopérateurs." if filled else None
        dossier = self.add(
            "dossier",
            coop_id=number,
            cycle=1,
            status=status,
            version=len(chosen),
            approach=text,
            staff_information=text,
            members_information=text,
            members_consultation=text,
            created_at=created,
            updated_at=created,
            submitted_at=created if filled else None,
            admissible_on=None,
            labelled_on=None,
        )
        for code in chosen:
            self.engagement(number, dossier, code, created)
        return dossier

    def people(self, number: int, created: datetime) -> None:
        """The coop's direction and two members (one English-speaking), and its two invitations."""
        for rank in range(3):
            user_id = person_id(number, rank)
            self.add(
                "user",
                id=user_id,
                first_name=f"P{user_id}",
                username=None,
                telegram_language="en" if rank == 2 else "fr",
                language=None,
                is_active=True,
                announcements=True,
                created_at=created,
                last_seen_at=created,
            )
            role = MemberRole.DIRECTION if rank == 0 else MemberRole.MEMBER
            self.add(
                "member", user_id=user_id, coop_id=number, role=role, invitation_id=None, joined_at=created
            )
            self.audit(user_id, number, "member", "join", created)
        for role in (MemberRole.DIRECTION, MemberRole.MEMBER):
            self.add(
                "invitation",
                token=f"bench{number}{role.value[0]}",
                coop_id=number,
                role=role,
                created_at=created,
                expires_at=created + timedelta(days=90),
                revoked_at=None,
                uses=1,
            )

    def engagement(self, coop: int, dossier: int, code: int, at: datetime) -> None:
        """A chosen engagement with one complete indicator and its one action."""
        actor = person_id(coop, 0)
        self.add("engagementchoice", dossier_id=dossier, engagement_code=code, chosen_by=actor, chosen_at=at)
        indicator = self.add(
            "indicator",
            dossier_id=dossier,
            engagement_code=code,
            position=1,
            suggested_code=None,
            title=f"Part des logements abordables ({code})",
            rationale="Nos logements restent abordables.",
            value_kind="number",
            unit="percent",
            current_value=self.number,
            target_value=self.target,
            target_date=self.day + timedelta(days=700),
            baseline_value=None,
            created_at=at,
            updated_at=at,
        )
        self.add(
            "action",
            indicator_id=indicator,
            position=1,
            description="Former l’équipe",
            owner="La direction",
            due_date=self.day + timedelta(days=400),
            due_precision="month",
            status="not_started",
            note=None,
            created_at=at,
            updated_at=at,
        )
        self.audit(actor, coop, "engagement", "choose", at)

    def audit(self, actor: int | None, coop: int, entity: str, action: str, at: datetime) -> None:
        """One line of history."""
        self.add(
            "auditentry",
            at=at,
            actor_id=actor,
            coop_id=coop,
            entity=entity,
            entity_id=None,
            action=action,
            field=None,
            old_value=None,
            new_value=None,
        )

    def followed(self, coop: int, dossier: int, admissible: date, labelled: date | None) -> None:
        """The checkpoints of a followed dossier and the reminders already sent for them."""
        row = self.tables["dossier"][dossier - 1]  # ids are given in order, from 1
        row["status"] = DossierStatus.LABELLED if labelled else DossierStatus.ADMISSIBLE
        row["admissible_on"], row["labelled_on"] = admissible, labelled
        for kind, due_on in checkpoint_dates(admissible, labelled):
            held = due_on if due_on < self.day else None
            checkpoint = self.add(
                "checkpoint",
                dossier_id=dossier,
                kind=kind.value,
                due_on=due_on,
                held_on=held,
                notes=None,
                recorded_by=None,
            )
            self.history(coop, checkpoint, due_on, held is not None)

    def history(self, coop: int, checkpoint: int, due_on: date, held: bool) -> None:
        """Reminders sent before the sweep; those whose lead is exactly the days left fall due at it."""
        days_left = (due_on - self.day).days
        for lead in LEADS:
            if held or lead > days_left:
                for rank in range(3):
                    self.add(
                        "sentreminder",
                        user_id=person_id(coop, rank),
                        event_key=checkpoint_key(checkpoint),
                        lead_days=lead,
                        due_on=due_on,
                        sent_at=instant(due_on - timedelta(days=lead)),
                    )
            elif lead == days_left:
                self.due_reminders += 3


def checkpoint_dates(admissible: date, labelled: date | None) -> list[tuple[CheckpointKind, date]]:
    """The label's checkpoints, as models.label.lifecycle dates them."""
    dates = [
        (CheckpointKind.SIX_MONTHS, add_months(admissible, 6)),
        (CheckpointKind.TWELVE_MONTHS, add_months(admissible, 12)),
        (CheckpointKind.VISIT, add_months(admissible, 18)),
    ]
    if labelled is not None:
        dates += [
            (CheckpointKind.MID_TERM, add_months(labelled, 18)),
            (CheckpointKind.EXPIRY, add_months(labelled, 36)),
        ]
    return dates


def build(coops: int, active: int, due_checkpoints: int, sweep_day: date) -> Rows:
    """Every row of a federation of ``coops`` coops; ``active`` draft coops first, then the due ones."""
    rows = Rows(sweep_day)
    due_now = {sweep_day + timedelta(days=lead) for lead in LEADS}
    for number in range(1, coops + 1):
        if number <= active:
            rows.coop(number, DossierStatus.DRAFT, ACTIVE_CHOSEN)
        elif number <= active + due_checkpoints:
            # exactly these reminders fall due at the sweep, whatever the size of the data
            lead = LEADS[(number - active - 1) % len(LEADS)]
            dossier = rows.coop(number, DossierStatus.SUBMITTED, (*ACTIVE_CHOSEN, 3, 7))
            rows.followed(number, dossier, add_months(sweep_day + timedelta(days=lead), -6), None)
        else:
            _random_coop(rows, number, due_now)
    return rows


def _random_coop(rows: Rows, number: int, due_now: set[date]) -> None:
    """A coop at a random stage; followed ones never have a checkpoint falling due at the sweep."""
    draw = rows.rng.random()
    if draw < 0.4:
        chosen = tuple(sorted(rows.rng.sample(range(1, 13), rows.rng.randint(0, 8))))
        rows.coop(number, DossierStatus.DRAFT, chosen)
        return
    chosen = (1, 2, 3, 5, 6, 7, 9, 10)
    if draw < 0.5:
        rows.coop(number, DossierStatus.SUBMITTED, chosen)
        return
    dossier = rows.coop(number, DossierStatus.SUBMITTED, chosen)
    labelled = draw >= 0.85
    offset = rows.rng.randint(1, 1080 if labelled else 540)
    while True:
        start = rows.day - timedelta(days=offset)
        admissible, label = (add_months(start, -19), start) if labelled else (start, None)
        open_dates = {d for _k, d in checkpoint_dates(admissible, label) if d >= rows.day}
        if not open_dates & due_now:
            break
        offset += 1
    rows.followed(number, dossier, admissible, label)
