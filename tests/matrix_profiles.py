"""Who may reach what: the groups of pages and the role profiles the authorization matrix
(tests/test_authorization_matrix.py) builds each row's answers from.

The matrix states, for every URL, what each visitor gets: the anonymous visitor and one
person per role (`COLUMNS`). A row does not spell the answers out one by one. It names
the group of pages the URL belongs to ("a counsellor's caseload", "the EAP office",
"every signed-in person"), and each role's profile (`PROFILES`) lists the groups that
role may reach. A role whose profile names the row's group gets the answer inside (ok,
unless the row says otherwise), any other role the answer outside (403, unless the row
says otherwise); the anonymous visitor is sent to sign in (for `EVERYONE`, he or she is
inside). A row names only the roles whose answer differs from what their profile gives,
with `but({Role.HR: "404"})`: mostly because of the object the path names (another
counsellor's case, an event the care worker facilitates), not because of the role.

Adding a role: its member of `anxin.people.roles.Role`, its profile below, and a `but`
in the rows where its answer is not its profile's. The matrix test fails for a role
without a profile.

Answers: "ok" (2xx, or a redirect that is not to sign-in), "login" (redirect to sign-in),
"403", "404", "405".
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from anxin.people.roles import Role

ANON = "anon"
# The visitors of the matrix: the anonymous visitor, then one person per role.
COLUMNS: list[str] = [ANON, *Role.values]
ANSWERS = frozenset({"ok", "login", "403", "404", "405"})
NOBODY: Mapping[Role, str] = MappingProxyType({})


@dataclass(frozen=True)
class Reach:
    """A group of pages, and what a row of it answers each visitor."""

    group: str
    inside: str = "ok"  # to a role whose profile names the group
    outside: str = "403"  # to any other signed-in role
    anon: str | None = None  # None: "login" (for EVERYONE, the answer inside)
    differ: tuple[tuple[str, str], ...] = ()  # (role, answer): not the profile's answer

    def but(self, differ: Mapping[Role, str] = NOBODY, /, **answers: str) -> "Reach":
        """The same group with other answers: `inside`, `outside`, `anon`, and the roles
        whose answer differs from their profile's (`{Role.HR: "404"}`)."""
        unknown = set(answers) - {"inside", "outside", "anon"}
        if unknown:
            raise TypeError(f"unknown answers {sorted(unknown)}")
        for answer in [*answers.values(), *differ.values()]:
            if answer not in ANSWERS:
                raise ValueError(f"{answer!r} is not an answer of the matrix")
        extra = tuple((Role(role).value, answer) for role, answer in differ.items())
        return replace(self, **answers, differ=self.differ + extra)

    def answer(self, visitor: str) -> str:
        differs = dict(self.differ)
        if visitor in differs:
            return differs[visitor]
        if visitor == ANON:
            if self.anon is not None:
                return self.anon
            return self.inside if self.group == EVERYONE.group else "login"
        return self.inside if self.group in reach_of(visitor) else self.outside

    def answers(self) -> str:
        """The answers in COLUMNS order, as the rows used to spell them."""
        return " ".join(self.answer(visitor) for visitor in COLUMNS)


# --- the groups of pages ----------------------------------------------------------------
# Everyone reaches EVERYONE and SIGNED_IN; the other groups are reached by the roles whose
# profile names them.

EVERYONE = Reach("anyone, signed in or not")
SIGNED_IN = Reach("every signed-in person")
OWN_SERVICES = Reach("an employee's own services")
CASELOAD = Reach("a counsellor's caseload")
INTAKE_DESK = Reach("the intake coordinator's desk")
COUNSELLING_ROOM = Reach("staff of the counselling room")
CASE_TEAM = Reach("the people a case flow or a case conference brings together")
FLOW_STARTERS = Reach("who starts a case flow")
GROUP_ASKERS = Reach("who asks for group counselling")
GROUP_READERS = Reach("who follows group counselling requests")
REFERRERS = Reach("who refers an employee to counselling")
LEGAL_DECIDERS = Reach("the two people of a legal process")
EAP_OFFICE = Reach("HR officers and the EAP administrator")
PLAN_READERS = Reach("the readers of a programme plan")
HR_OFFICERS = Reach("HR officers")
EAP_ADMIN = Reach("the EAP administrator")
PROVIDER_ADMINS = Reach("a provider's administrators")
PROVIDER_PAGES = Reach("a provider's pages")
AUDITORS = Reach("auditors")
CUSTODY_DESK = Reach("who asks for or approves account custody")
CUSTODY_GRANT_ASKERS = Reach("who asks for a role grant")
CUSTODY_APPROVERS = Reach("who approves account custody")
SYSADMIN = Reach("the system administrator")
# The service-results dashboard (hr for its agency subtree) and the evaluation dossier.
RESULTS_READERS = Reach("the readers of the service results")
DOSSIER_READERS = Reach("the readers of the evaluation dossier")

# A method the URL does not answer: 405 to everyone, before any sign-in.
NOT_ALLOWED = EVERYONE.but(inside="405")

# --- the role profiles: the groups each role may reach ----------------------------------

PROFILES: Mapping[Role, frozenset[Reach]] = MappingProxyType(
    {
        Role.EMPLOYEE: frozenset({OWN_SERVICES}),
        Role.COUNSELOR: frozenset({CASELOAD, COUNSELLING_ROOM, CASE_TEAM}),
        Role.INTAKE: frozenset(
            {
                INTAKE_DESK,
                COUNSELLING_ROOM,
                CASE_TEAM,
                FLOW_STARTERS,
                GROUP_READERS,
                LEGAL_DECIDERS,
            }
        ),
        Role.PROVIDER_ADMIN: frozenset({PROVIDER_ADMINS, PROVIDER_PAGES}),
        Role.HR: frozenset(
            {
                EAP_OFFICE,
                HR_OFFICERS,
                PLAN_READERS,
                CASE_TEAM,
                GROUP_ASKERS,
                GROUP_READERS,
                REFERRERS,
                RESULTS_READERS,
            }
        ),
        Role.EAP_ADMIN: frozenset(
            {
                EAP_OFFICE,
                EAP_ADMIN,
                PLAN_READERS,
                PROVIDER_PAGES,
                CUSTODY_DESK,
                CUSTODY_GRANT_ASKERS,
                CUSTODY_APPROVERS,
                RESULTS_READERS,
                DOSSIER_READERS,
            }
        ),
        Role.SUPERVISOR: frozenset(
            {CASE_TEAM, FLOW_STARTERS, GROUP_ASKERS, GROUP_READERS, REFERRERS}
        ),
        Role.CARE_WORKER: frozenset({REFERRERS}),
        Role.COMMITTEE: frozenset({PLAN_READERS, RESULTS_READERS, DOSSIER_READERS}),
        Role.AUDITOR: frozenset({AUDITORS, LEGAL_DECIDERS, CUSTODY_DESK, CUSTODY_APPROVERS}),
        Role.SYSADMIN: frozenset({SYSADMIN, CUSTODY_DESK, CUSTODY_GRANT_ASKERS}),
        # The external reviewer: the dashboard's aggregates and the dossier, nothing else.
        Role.REVIEWER: frozenset({RESULTS_READERS, DOSSIER_READERS}),
    }
)


def reach_of(role: str) -> frozenset[str]:
    """The groups `role` reaches: those of its profile, EVERYONE and SIGNED_IN."""
    return frozenset(
        {EVERYONE.group, SIGNED_IN.group, *(group.group for group in PROFILES[Role(role)])}
    )


def expand(rows) -> list[tuple[str, str, str, str]]:
    """(URL name, method, path, Reach) rows as (URL name, method, path, answers), the
    answers in COLUMNS order (what the matrix test and the walkers of the matrix read)."""
    return [(name, method, path, reach.answers()) for name, method, path, reach in rows]
