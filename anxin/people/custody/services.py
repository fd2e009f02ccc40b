"""State changes of account custody (decision 0017).

A reset or a grant is asked for by one person (`reset_request`, `grant_request`) and
approved or refused by a second person of another role (`custody_approve`,
`custody_refuse`). An approved grant takes effect at once; an approved reset sends the
account holder a one-time link (`reset_link_check`, `reset_complete`) with which he or
she sets a new password and authenticator: the old sessions end and the old
authenticators are removed. Every step is written to the `SecurityLog`, and the holder
and the auditors are told.

The admin site's remaining changes to accounts and roles (`account_create`,
`account_change`, `role_grant_direct`, `role_remove`) come through here too, so that
they are logged and refused for the roles that need a second person.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from anxin.core.notifications import MAIL_HEADERS, check_template, language_of, notify, render
from anxin.core.refusals import Refused
from anxin.people.custody.models import CustodyRequest, SecurityLog
from anxin.people.custody.policies import (
    APPROVERS,
    DUAL_CONTROL_ROLES,
    GRANT_REQUESTERS,
    RESET_REQUESTERS,
    in_scope,
)
from anxin.people.models import Employee, OrgUnit, RoleAssignment, User
from anxin.people.roles import Role

Action = SecurityLog.Action
Status = CustodyRequest.Status

# How long a request waits for its approval, and how long the holder's link is valid.
REQUEST_VALID = timedelta(days=7)
LINK_VALID = timedelta(hours=72)


# --- the log -------------------------------------------------------------------------------


def security_log_append(
    *,
    actor,
    role: str = "",
    action: str,
    subject: User | None = None,
    item: CustodyRequest | None = None,
    detail: str = "",
    at: datetime | None = None,
) -> SecurityLog:
    """Append one row; `actor` is a user, or None for a job (the expiry) or the holder's
    link."""
    return SecurityLog.objects.create(
        at=at or timezone.now(),
        actor=actor,
        actor_label=actor.get_username() if actor is not None else "system",
        actor_role=role,
        action=action,
        request=item,
        subject=subject,
        subject_label=subject.get_username() if subject is not None else "",
        detail=detail[:300],
    )


def _describe(item: CustodyRequest) -> str:
    if item.kind == CustodyRequest.Kind.GRANT:
        return f"{item.role} @ {item.scope.name if item.scope else '-'}"
    return "reset"


def _what(item: CustodyRequest):
    """What the request is about, as the notifications say it (translated per recipient)."""
    if item.kind == CustodyRequest.Kind.GRANT:
        return RoleAssignment.Role(item.role).label
    return _("a reset of the password and the authenticator")


# --- who is told ---------------------------------------------------------------------------


def _holders_of(roles, unit: OrgUnit | None) -> list[User]:
    """The active people holding one of `roles` with a scope that covers `unit`."""
    assignments = RoleAssignment.objects.filter(role__in=roles, user__is_active=True)
    return list(
        {
            a.user_id: a.user
            for a in assignments.select_related("user", "scope")
            if in_scope(a.scope, unit)
        }.values()
    )


def _approvers_for(item: CustodyRequest) -> list[User]:
    people = _holders_of(APPROVERS, item.scope)
    return [p for p in people if p.pk not in (item.requested_by_id, item.target_id)]


def _auditors_for(item: CustodyRequest) -> list[User]:
    return [p for p in _holders_of([Role.AUDITOR], item.scope) if p.pk != item.target_id]


def _tell(
    recipients, template: str, item: CustodyRequest, audience: str, *, url: str = "", **extra
) -> None:
    """Notify `recipients`; `audience` ("holder", "approver" or "staff") picks the wording.
    Names, a role and times only: no secret, no link that opens anything by itself."""
    context = {
        "what": _what(item),
        "account": item.target.get_username(),
        "requester": item.requested_by.get_username(),
        "audience": audience,
        **extra,
    }
    notify(recipients=recipients, template=template, context=context, url=url)


# --- requests ------------------------------------------------------------------------------


def _place_of(user: User) -> OrgUnit | None:
    """Where an account belongs, for the approvers' scopes: its employee record's unit,
    else its first role's scope."""
    employee = Employee.objects.filter(user=user).select_related("unit").first()
    if employee is not None:
        return employee.unit
    assignment = user.role_assignments.select_related("scope").order_by("pk").first()
    return assignment.scope if assignment is not None else None


def _check_requester(*, actor: User, role: str, target: User, allowed_roles) -> None:
    if role not in allowed_roles:
        raise Refused("role", _("Your role cannot ask for this."))
    if actor.pk == target.pk:
        raise Refused("own_account", _("Nobody may ask for this for his or her own account."))
    if not target.is_active:
        raise Refused("deactivated", _("This account is deactivated."))


def _create(item: CustodyRequest, message) -> CustodyRequest:
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise Refused("already_pending", message) from None
    return item


@transaction.atomic
def reset_request(
    *, target: User, actor: User, role: str, reason: str, now: datetime | None = None
) -> CustodyRequest:
    """Ask for a reset of `target`'s password and second factor. Nothing changes until a
    second person approves; the holder is told at once, so that a reset he or she did
    not ask for does not go unnoticed."""
    _check_requester(actor=actor, role=role, target=target, allowed_roles=RESET_REQUESTERS)
    if not target.email:
        raise Refused(
            "no_email",
            _("This account has no e-mail address, so no one-time link can reach its holder."),
        )
    now = now or timezone.now()
    item = _create(
        CustodyRequest(
            kind=CustodyRequest.Kind.RESET,
            target=target,
            scope=_place_of(target),
            reason=reason,
            requested_by=actor,
            requested_role=role,
            requested_at=now,
            expires_at=now + REQUEST_VALID,
        ),
        _("A reset of this account is already waiting or under way."),
    )
    security_log_append(
        actor=actor, role=role, action=Action.RESET_REQUESTED, subject=target, item=item, at=now
    )
    _announce(item)
    return item


@transaction.atomic
def grant_request(
    *,
    target: User,
    role_to_grant: str,
    scope: OrgUnit,
    actor: User,
    role: str,
    actor_scope: OrgUnit | None,
    reason: str,
    now: datetime | None = None,
) -> CustodyRequest:
    """Ask for `target` to be given `role_to_grant` over `scope`; it takes effect when a
    second person approves."""
    _check_requester(actor=actor, role=role, target=target, allowed_roles=GRANT_REQUESTERS)
    if role_to_grant not in DUAL_CONTROL_ROLES:
        raise Refused("single_approval", _("This role is granted without a second approval."))
    if not in_scope(actor_scope, scope):
        raise Refused("out_of_scope", _("This unit is outside your scope."))
    if RoleAssignment.objects.filter(user=target, role=role_to_grant, scope=scope).exists():
        raise Refused("holds_role", _("This account holds this role already."))
    now = now or timezone.now()
    item = _create(
        CustodyRequest(
            kind=CustodyRequest.Kind.GRANT,
            target=target,
            role=role_to_grant,
            scope=scope,
            reason=reason,
            requested_by=actor,
            requested_role=role,
            requested_at=now,
            expires_at=now + REQUEST_VALID,
        ),
        _("The same grant is already waiting for approval."),
    )
    security_log_append(
        actor=actor,
        role=role,
        action=Action.GRANT_REQUESTED,
        subject=target,
        item=item,
        detail=_describe(item),
        at=now,
    )
    _announce(item)
    return item


def _announce(item: CustodyRequest) -> None:
    url = reverse("people:custody_list")
    _tell(_approvers_for(item), "custody_requested", item, "approver", url=url)
    _tell([item.target], "custody_requested", item, "holder")


# --- decisions -----------------------------------------------------------------------------


def _lock(item: CustodyRequest) -> CustodyRequest:
    return (
        CustodyRequest.objects.select_for_update(of=("self",))
        .select_related("target", "scope")
        .get(pk=item.pk)
    )


def _expire_if_due(item: CustodyRequest, now: datetime) -> bool:
    due = (item.status == Status.PENDING and item.expires_at <= now) or (
        item.status == Status.APPROVED and item.link_expires_at <= now
    )
    if due:
        item.status = Status.EXPIRED
        item.token_hash = ""
        item.save(update_fields=["status", "token_hash"])
        security_log_append(
            actor=None, action=Action.EXPIRED, subject=item.target, item=item, at=now
        )
    return due


def _refusal(
    item: CustodyRequest, *, approver: User, role: str, scope, now: datetime
) -> Refused | None:
    """Why `approver` may not decide on `item` now (None if he or she may). An expired
    request is marked expired; a breach of the four-eyes rule is logged."""
    if item.status != Status.PENDING or _expire_if_due(item, now):
        return Refused("not_pending", _("This request is no longer waiting for approval."))
    refusal = None
    if role not in APPROVERS:
        refusal = Refused("role", _("Your role cannot approve account requests."))
    elif approver.pk == item.requested_by_id:
        refusal = Refused(
            "own_request", _("You asked for this yourself: another person must approve it.")
        )
    elif approver.pk == item.target_id:
        refusal = Refused(
            "own_account", _("Nobody may approve a request about his or her own account.")
        )
    elif role == item.requested_role:
        refusal = Refused(
            "same_role", _("A person of another role than the requester's must approve it.")
        )
    elif not in_scope(scope, item.scope):
        refusal = Refused("out_of_scope", _("This request is outside your scope."))
    if refusal is not None:
        security_log_append(
            actor=approver,
            role=role,
            action=Action.ATTEMPT_REFUSED,
            subject=item.target,
            item=item,
            detail=str(refusal.message),
            at=now,
        )
    return refusal


def custody_approve(
    *, item: CustodyRequest, approver: User, role: str, scope, now: datetime | None = None
) -> CustodyRequest:
    """Approve a pending request. A grant takes effect; a reset sends the holder the
    one-time link. A refusal of the four-eyes rule is logged (and stays logged) before
    `Refused` is raised."""
    now = now or timezone.now()
    with transaction.atomic():
        item = _lock(item)
        refusal = _refusal(item, approver=approver, role=role, scope=scope, now=now)
        if refusal is None:
            _approve(item, approver=approver, role=role, now=now)
    if refusal is not None:
        raise refusal
    return item


def _approve(item: CustodyRequest, *, approver: User, role: str, now: datetime) -> None:
    item.decided_by, item.decided_role, item.decided_at = approver, role, now
    decided = ["status", "decided_by", "decided_role", "decided_at"]
    security_log_append(
        actor=approver,
        role=role,
        action=Action.APPROVED,
        subject=item.target,
        item=item,
        detail=_describe(item),
        at=now,
    )
    if item.kind == CustodyRequest.Kind.GRANT:
        RoleAssignment.objects.get_or_create(user=item.target, role=item.role, scope=item.scope)
        item.status = Status.DONE
        item.save(update_fields=decided)
        security_log_append(
            actor=approver,
            role=role,
            action=Action.ROLE_GRANTED,
            subject=item.target,
            item=item,
            detail=_describe(item),
            at=now,
        )
    else:
        token = secrets.token_urlsafe(32)
        item.token_hash = token_digest(token)
        item.link_expires_at = now + LINK_VALID
        item.status = Status.APPROVED
        item.save(update_fields=[*decided, "token_hash", "link_expires_at"])
        _send_link(item, token)
        security_log_append(
            actor=None, action=Action.LINK_SENT, subject=item.target, item=item, at=now
        )
    approved = {"approved": 1, "approver": approver.get_username()}
    _tell([item.target], "custody_decided", item, "holder", **approved)
    _tell([item.requested_by, *_auditors_for(item)], "custody_decided", item, "staff", **approved)


def custody_refuse(
    *, item: CustodyRequest, approver: User, role: str, scope, note: str = ""
) -> CustodyRequest:
    """Refuse a pending request; the requester and the holder are told. The same rule
    as for an approval says who may."""
    now = timezone.now()
    with transaction.atomic():
        item = _lock(item)
        refusal = _refusal(item, approver=approver, role=role, scope=scope, now=now)
        if refusal is None:
            item.status = Status.REFUSED
            item.decided_by, item.decided_role, item.decided_at = approver, role, now
            item.decision_note = note[:300]
            item.save(
                update_fields=[
                    "status",
                    "decided_by",
                    "decided_role",
                    "decided_at",
                    "decision_note",
                ]
            )
            security_log_append(
                actor=approver,
                role=role,
                action=Action.REFUSED,
                subject=item.target,
                item=item,
                detail=note[:300],
                at=now,
            )
            refused = {"approved": 0, "approver": approver.get_username()}
            _tell([item.target], "custody_decided", item, "holder", **refused)
            _tell([item.requested_by], "custody_decided", item, "staff", **refused)
    if refusal is not None:
        raise refusal
    return item


def custody_expire(*, now: datetime) -> int:
    """Expire the requests nobody approved in time and the links nobody used in time."""
    due = CustodyRequest.objects.filter(
        Q(status=Status.PENDING, expires_at__lte=now)
        | Q(status=Status.APPROVED, link_expires_at__lte=now)
    )
    count = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            item = (
                CustodyRequest.objects.select_for_update(of=("self",))
                .select_related("target")
                .get(pk=pk)
            )
            count += _expire_if_due(item, now)
    return count


# --- the holder's one-time link ------------------------------------------------------------


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _send_link(item: CustodyRequest, token: str) -> None:
    """Mail the link to the holder once the approval commits. The mail is sent directly,
    not through the outbox, so that the token is stored nowhere; if the server refuses it,
    the link is lost and the reset is asked for again (the log shows it)."""
    check_template("custody_reset_link")
    path = reverse("people:custody_link", args=[token])
    text = render(
        "custody_reset_link",
        {"account": item.target.get_username(), "expires": item.link_expires_at},
        url=path,
        language=language_of(item.target),
    )
    message = EmailMessage(
        subject=text.email_subject,
        body=text.email_body,
        to=[item.target.email],
        headers=MAIL_HEADERS,
    )
    transaction.on_commit(message.send)


def reset_link_check(*, digest: str, now: datetime | None = None) -> CustodyRequest:
    """The approved reset whose link has this hash (`token_digest`). A used or expired
    link is refused and logged; an unknown one is refused alone."""
    now = now or timezone.now()
    if len(digest) != 64:
        raise Refused("link_invalid", _("This link is not valid, or it has been used already."))
    item = (
        CustodyRequest.objects.filter(token_hash=digest, kind=CustodyRequest.Kind.RESET)
        .select_related("target")
        .first()
    )
    if item is None:
        raise Refused("link_invalid", _("This link is not valid, or it has been used already."))
    with transaction.atomic():
        item = _lock(item)
        if item.status == Status.APPROVED and not _expire_if_due(item, now):
            return item
    security_log_append(
        actor=None, action=Action.LINK_REFUSED, subject=item.target, item=item, at=now
    )
    raise Refused("link_spent", _("This link has expired or has been used already."))


def _end_sessions(user: User) -> int:
    """Delete the account's stored sessions. (A password change alone already voids them
    at their next request; this leaves nothing behind.)"""
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            ended.append(session.pk)
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


def reset_complete(
    *, digest: str, password: str, totp_key: str | None, now: datetime | None = None
) -> CustodyRequest:
    """The holder sets the new password and, when the account signs in with two factors,
    the new authenticator (`totp_key`, already confirmed by a code). Old sessions end,
    old authenticators are removed, the link is spent."""
    now = now or timezone.now()
    item = reset_link_check(digest=digest, now=now)
    with transaction.atomic():
        item = _lock(item)
        if item.status != Status.APPROVED:
            raise Refused("link_spent", _("This link has expired or has been used already."))
        user = User.objects.select_for_update().get(pk=item.target_id)
        user.password = make_password(password)
        user.save(update_fields=["password"])
        removed = TOTPDevice.objects.filter(user=user).delete()[0]
        if totp_key:
            TOTPDevice.objects.create(user=user, name="authenticator", key=totp_key, confirmed=True)
        sessions = _end_sessions(user)
        item.status, item.used_at, item.token_hash = Status.DONE, now, ""
        item.save(update_fields=["status", "used_at", "token_hash"])
        security_log_append(
            actor=user,
            action=Action.RESET_DONE,
            subject=user,
            item=item,
            detail=f"devices removed: {removed}; sessions ended: {sessions}",
            at=now,
        )
        _tell([user], "custody_done", item, "holder")
        _tell(_auditors_for(item), "custody_done", item, "staff")
    return item


# --- what the admin site may still do -------------------------------------------------------


@transaction.atomic
def account_create(*, username: str, display_name: str, email: str, actor: User) -> User:
    """A new account with no usable password: its holder sets one through a reset link
    (which a second person approves), never the person who created it."""
    user = User(username=username, display_name=display_name, email=email)
    user.set_unusable_password()
    user.save()
    security_log_append(
        actor=actor, role=Role.SYSADMIN, action=Action.ACCOUNT_CREATED, subject=user, detail=email
    )
    return user


@transaction.atomic
def account_change(*, user: User, changed: list[str], actor: User) -> None:
    """Log what the admin site changed on an account (its name or whether it is active)."""
    detail = ", ".join(f"{name}={getattr(user, name)}" for name in changed)
    security_log_append(
        actor=actor, role=Role.SYSADMIN, action=Action.ACCOUNT_CHANGED, subject=user, detail=detail
    )


@transaction.atomic
def role_grant_direct(*, user: User, role: str, scope: OrgUnit, actor: User) -> RoleAssignment:
    """A role that reads nothing sealed and no log, granted by one person (and logged)."""
    if role in DUAL_CONTROL_ROLES:
        raise Refused(
            "dual_control",
            _(
                "This role reads sealed content or the logs: ask for it on the account "
                "requests page, where a second person approves it."
            ),
        )
    if user.pk == actor.pk:
        raise Refused("own_account", _("Nobody may grant a role to himself or herself."))
    assignment, _created = RoleAssignment.objects.get_or_create(user=user, role=role, scope=scope)
    security_log_append(
        actor=actor,
        role=Role.SYSADMIN,
        action=Action.ROLE_GRANTED,
        subject=user,
        detail=f"{role} @ {scope.name}",
    )
    return assignment


@transaction.atomic
def role_remove(*, assignment: RoleAssignment, actor: User) -> None:
    """Removing a role needs no second person (it takes power away), but is logged."""
    security_log_append(
        actor=actor,
        role=Role.SYSADMIN,
        action=Action.ROLE_REMOVED,
        subject=assignment.user,
        detail=f"{assignment.role} @ {assignment.scope.name}",
    )
    assignment.delete()


# --- roles that go with a duty ---------------------------------------------------------------


@transaction.atomic
def role_grant_for_duty(
    *, user: User, role: str, scope: OrgUnit, actor: User | None, duty: str
) -> bool:
    """Give `user` a role that reads nothing sealed and no log because a service app's
    record says so (a care worker's term agreed by both sides, decision 0060); logged with
    the duty. Returns whether the role is new (False: the account held it already, and
    it stays when the duty ends)."""
    if role in DUAL_CONTROL_ROLES:
        raise Refused(
            "dual_control",
            _(
                "This role reads sealed content or the logs: ask for it on the account "
                "requests page, where a second person approves it."
            ),
        )
    _assignment, created = RoleAssignment.objects.get_or_create(user=user, role=role, scope=scope)
    if created:
        security_log_append(
            actor=actor,
            action=Action.ROLE_GRANTED,
            subject=user,
            detail=f"{role} @ {scope.name} ({duty})",
        )
    return created


@transaction.atomic
def role_withdraw_for_duty(
    *, user: User, role: str, scope: OrgUnit, actor: User | None, duty: str
) -> bool:
    """Take back a role given with a duty that has ended (logged); False when the account
    no longer holds it."""
    deleted, _rows = RoleAssignment.objects.filter(user=user, role=role, scope=scope).delete()
    if deleted:
        security_log_append(
            actor=actor,
            action=Action.ROLE_REMOVED,
            subject=user,
            detail=f"{role} @ {scope.name} ({duty})",
        )
    return bool(deleted)
