"""Subcommands about sharing: share, unshare, shares, invitations, shared-with-me, policy."""

from __future__ import annotations

import argparse
import json
from typing import Any

from modelcard_share.errors import ConfigurationError, NotFoundError, NotOwnerError

from ._app import Env
from ._commands import load_card
from ._output import (
    Result,
    invitation_data,
    share_data,
    shared_resource_data,
    table,
)
from ._progress import Progress

__all__ = [
    "cmd_invitations",
    "cmd_policy",
    "cmd_share",
    "cmd_shared_with_me",
    "cmd_shares",
    "cmd_unshare",
]


def _principal_value(env: Env, principal: str) -> str:
    topology = env.topology
    if topology is not None and principal in topology:
        return str(topology[principal].account_id)
    return principal


def cmd_share(env: Env, args: argparse.Namespace) -> Result:
    """Share a card with one or more principals at exactly one access level (idempotent)."""
    card = load_card(env, args.card)
    with Progress(f"sharing {card.name}", stream=env.err) as progress:
        share = card.share_with(
            list(args.principals),
            access=args.access,
            allow_external=args.allow_external,
            wait=args.wait,
            timeout=args.timeout,
        )
        progress.tick("listing principals")
        associations = {a.entity: a for a in share.principals()}
    rows: list[dict[str, Any]] = []
    for principal in args.principals:
        assoc = associations.get(_principal_value(env, principal))
        rows.append(
            {
                "principal": principal,
                "share_name": share.name,
                "share_arn": share.arn,
                "access": share.access.value if share.access else None,
                "status": assoc.status.value if assoc else None,
                "awaits_invitation": bool(assoc and assoc.awaits_invitation),
            }
        )
    moved = [
        {
            "principal": c.principal,
            "removed": c.removed.value if c.removed else None,
            "share_name": c.share_name,
        }
        for c in share.moved
    ]
    text = table(
        ("PRINCIPAL", "ACCESS", "STATUS", "SHARE"),
        [
            (
                r["principal"],
                r["access"],
                f"{r['status']} (invitation sent)" if r["awaits_invitation"] else r["status"],
                r["share_name"],
            )
            for r in rows
        ],
    )
    text += "".join(
        f"\n{m['principal']} no longer has {m['removed']} access ({m['share_name']})" for m in moved
    )
    return Result(data={"card_arn": card.arn, "shares": rows, "moved": moved}, text=text)


def cmd_unshare(env: Env, args: argparse.Namespace) -> Result:
    """Remove principals from a card's shares."""
    card = load_card(env, args.card)
    rows = []
    with Progress(f"unsharing {card.name}", total=len(args.principals), stream=env.err) as progress:
        for principal in args.principals:
            removed = card.unshare(principal, access=args.access)
            rows.append({"principal": principal, "removed_from": [s.name for s in removed]})
            progress.advance(principal)
    text = table(
        ("PRINCIPAL", "REMOVED FROM"),
        [(r["principal"], ", ".join(r["removed_from"]) or "(was not shared)") for r in rows],
    )
    return Result(data={"card_arn": card.arn, "unshared": rows}, text=text)


def cmd_shares(env: Env, args: argparse.Namespace) -> Result:
    """List a card's resource shares and their principals."""
    card = load_card(env, args.card)
    if not card.is_owned:
        raise NotOwnerError(
            f"model card {card.name} belongs to account {card.owner_account_id}; only its "
            "owner can list its shares (from this account, use 'shared-with-me')",
            operation="GetResourceShares",
            resource=card.arn,
        )
    shares = [(s, s.principals()) for s in card.shares()]
    data = {"card_arn": card.arn, "shares": [share_data(s, p) for s, p in shares]}
    rows: list[tuple[Any, ...]] = []
    for share, principals in shares:
        rows += [(share.name, share.access, share.status, a.entity, a.status) for a in principals]
        if not principals:
            rows.append((share.name, share.access, share.status, None, None))
    text = table(
        ("SHARE", "ACCESS", "SHARE STATUS", "PRINCIPAL", "ASSOCIATION"),
        rows,
        empty=f"{card.name} is not shared",
    )
    return Result(data=data, text=text)


def cmd_invitations(env: Env, args: argparse.Namespace) -> Result:
    """List, accept or reject resource share invitations."""
    from modelcard_share.domain import Invitation  # noqa: PLC0415

    session = env.session()
    if args.action == "list":
        found = (
            list(Invitation.list(session, region=env.region))
            if args.all
            else Invitation.list_pending(session, region=env.region)
        )
        data = [invitation_data(i) for i in found]
        text = table(
            ("INVITATION", "SHARE", "FROM", "STATUS"),
            [(d["arn"], d["share_name"], d["sender_account_id"], d["status"]) for d in data],
            empty="no pending invitations" if not args.all else "no invitations",
        )
        return Result(data=data, text=text)
    if not args.arns and not args.all:
        raise ConfigurationError(
            f"invitations {args.action}: give invitation ARNs or --all (every pending one)"
        )
    pending = {i.arn: i for i in Invitation.list_pending(session, region=env.region)}
    if args.all:
        chosen = list(pending.values())
    else:
        everything = {i.arn: i for i in Invitation.list(session, region=env.region)}
        missing = [a for a in args.arns if a not in everything]
        if missing:
            raise NotFoundError(
                f"no invitation {missing[0]} was sent to this account",
                operation="GetResourceShareInvitations",
                resource=missing[0],
            )
        chosen = [everything[a] for a in args.arns]
    answered = []
    with Progress(f"{args.action}ing invitations", total=len(chosen), stream=env.err) as progress:
        for invitation in chosen:
            (invitation.accept if args.action == "accept" else invitation.reject)()
            answered.append(invitation_data(invitation))
            progress.advance(invitation.share_name or invitation.arn)
    text = table(
        ("INVITATION", "SHARE", "FROM", "STATUS"),
        [(d["arn"], d["share_name"], d["sender_account_id"], d["status"]) for d in answered],
        empty="no pending invitations",
    )
    return Result(data=answered, text=text)


def cmd_shared_with_me(env: Env, args: argparse.Namespace) -> Result:
    """List the model cards (or all resources) other accounts share with this one."""
    from modelcard_share.domain import MODEL_CARD, shared_with_me  # noqa: PLC0415

    found = shared_with_me(
        env.session(),
        owner=args.owner,
        resource_type=None if args.all_types else MODEL_CARD.resource_type,
        region=env.region,
    )
    data = [shared_resource_data(r) for r in found]
    text = table(
        ("RESOURCE", "TYPE", "OWNER", "SHARES", "LAST SHARED"),
        [(r.arn, r.resource_type, r.owner_account_id, r.share_count, r.last_shared) for r in found],
        empty="nothing is shared with this account",
    )
    return Result(data=data, text=text)


def cmd_policy(env: Env, args: argparse.Namespace) -> Result:
    """Print the consumer's IAM identity policy, or the owner's KMS key-policy statement."""
    from modelcard_share.domain import (  # noqa: PLC0415
        consumer_identity_policy,
        kms_key_policy_statement,
    )

    if args.key_policy:
        if not args.consumer_role:
            raise ConfigurationError("--key-policy needs at least one --consumer-role ARN")
        document = kms_key_policy_statement(args.card_arn, list(args.consumer_role))
    else:
        if args.consumer_role:
            raise ConfigurationError("--consumer-role only goes with --key-policy")
        document = consumer_identity_policy(
            args.card_arn,
            access=args.access,
            export_location=args.export_location,
            kms_key_arn=args.kms_key_arn,
            accept_invitations=not args.no_invitations,
        )
    return Result(data=document, text=json.dumps(document, indent=2))
