"""Notebook HTML: what each renderer shows, that all text is escaped, that it never raises."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelcard_share.aws import Access
from modelcard_share.content import CardStatus
from modelcard_share.domain import (
    AccountView,
    AssociationStatus,
    CardVersion,
    CardVersions,
    ChangeKind,
    ContentChange,
    ContentDiff,
    LifecycleReport,
    ModelCard,
    PrincipalAssociation,
    ResourceShare,
    ResourceShares,
    SharedResource,
    SharedResources,
)
from modelcard_share.domain._context import Context, resolve_context
from modelcard_share.domain._display import (
    card_html,
    diff_html,
    lifecycle_html,
    safe_html,
    share_html,
    shared_with_me_html,
    shares_html,
    status_badge,
    versions_html,
)

NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.timezone.utc)
ARN = "arn:aws:sagemaker:us-east-1:111111111111:model-card/churn"
SHARE_ARN = "arn:aws:ram:us-east-1:111111111111:resource-share/abc"

#: Every element and attribute the renderers may emit; anything else is a leak.
ALLOWED_TAGS = {
    "br", "circle", "code", "details", "div", "em", "g", "p", "path", "pre", "rect", "span",
    "strong", "summary", "svg", "table", "tbody", "td", "text", "th", "thead", "title", "tr",
    "wbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "aria-hidden", "aria-label", "aria-sort", "class", "cx", "cy", "d", "fill", "font-family",
    "font-size", "font-weight", "height", "opacity", "r", "role", "rx", "stroke",
    "stroke-dasharray", "stroke-width", "style", "text-anchor", "title", "viewbox", "width",
    "x", "xmlns", "y",
}  # fmt: skip


class _Markup(HTMLParser):
    """Collects the tags, attributes and text of a rendered page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        if tag not in {"br", "circle", "path", "rect", "wbr"}:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_endtag(self, tag: str) -> None:
        assert self.open[-1:] == [tag], f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> _Markup:
    """Parse ``page``, checking it is well nested and uses only the allowed markup."""
    markup = _Markup()
    markup.feed(page)
    markup.close()
    assert not markup.open, f"unclosed: {markup.open}"
    assert set(markup.tags) <= ALLOWED_TAGS, set(markup.tags) - ALLOWED_TAGS
    names = {name for name, _ in markup.attributes}
    assert names <= ALLOWED_ATTRIBUTES, names - ALLOWED_ATTRIBUTES
    for _, value in markup.attributes:
        assert "javascript:" not in (value or "").lower()
        assert "url(" not in (value or "").lower()  # no external asset
    return markup


def shown(page: str) -> str:
    """The text a reader sees (and tooltips), markup removed, entities decoded."""
    markup = parse(page)
    return "".join(markup.text) + "".join(v or "" for n, v in markup.attributes if n == "title")


# ------------------------------------------------------------------------------ builders


@pytest.fixture(scope="module")
def ctx() -> Context:
    # No call is ever made: the renderers only read what the objects hold.
    return resolve_context(boto3.Session(region_name="us-east-1"))


def card_of(ctx: Context, content: dict[str, Any] | str, status: str = "Approved") -> ModelCard:
    response: dict[str, Any] = {
        "ModelCardArn": ARN,
        "ModelCardName": "churn",
        "ModelCardVersion": 3,
        "ModelCardStatus": status,
        "Content": content if isinstance(content, str) else json.dumps(content),
        "CreationTime": NOW,
        "LastModifiedTime": NOW + dt.timedelta(hours=1),
        "LastModifiedBy": {"UserProfileName": "alice"},
    }
    return ModelCard(ctx, response)


def share_of(ctx: Context, name: str = "modelcard-churn-read-only") -> ResourceShare:
    return ResourceShare(
        ctx,
        {
            "resourceShareArn": SHARE_ARN,
            "name": name,
            "status": "ACTIVE",
            "owningAccountId": "111111111111",
            "allowExternalPrincipals": False,
            "creationTime": NOW,
            "tags": [
                {"key": "modelcard-share:card", "value": ARN},
                {"key": "modelcard-share:access", "value": "read-only"},
            ],
        },
    )


def assoc(entity: str, access: Access | None, status: AssociationStatus) -> PrincipalAssociation:
    return PrincipalAssociation(
        entity=entity, share_arn=SHARE_ARN, share_name="s", access=access, status=status
    )


def view(
    name: str,
    expected: Access | None,
    *grants: tuple[Access, AssociationStatus],
    account_id: str = "222222222222",
    stage: str | None = None,
) -> AccountView:
    return AccountView(
        name=name,
        account_id=account_id,
        stage=stage or name,
        expected=expected,
        grants=tuple(assoc(account_id, a, s) for a, s in grants),
    )


# ---------------------------------------------------------------------------------- cards


def test_card_shows_badges_facts_and_collapsed_sections(ctx: Context) -> None:
    """The card has its status and version badges, owner, risk, last change, and closed sections."""
    content = {
        "model_overview": {"model_owner": "ml-team"},
        "intended_uses": {"risk_rating": "Low"},
    }
    shared = [
        assoc("222222222222", Access.READ_WRITE, AssociationStatus.ASSOCIATED),
        assoc("444444444444", Access.READ_ONLY, AssociationStatus.ASSOCIATING),
    ]
    page = card_html(card_of(ctx, content), shared)
    text = shown(page)
    assert "Model card churn" in text
    assert status_badge("Approved") in page
    assert "v3" in text
    assert "111111111111" in text
    assert "ml-team" in text
    assert "Low" in text
    assert "2026-11-25 10:30 UTC by alice" in text
    assert "222222222222 (read-write)" in text
    assert "444444444444 (read-only)" in text
    assert status_badge("ASSOCIATING") in page
    assert page.count("<details") == 3  # the content, and its two sections
    assert " open" not in page
    assert "Content: 2 sections" in text
    assert "Model overview" in text
    assert "Intended uses" in text


def test_card_sharing_row(ctx: Context) -> None:
    """Unknown sharing leaves the row out; an empty list says "not shared"; no value shows "-"."""
    card = card_of(ctx, {}, status="Draft")
    assert "Shared with" not in card_html(card)
    assert "not shared" in shown(card_html(card, []))
    assert "333333333333" in card_html(card, ["333333333333"])
    assert ">-</td>" in card_html(card)  # no owner, no risk rating
    assert "No content yet." in shown(card_html(card))


def test_card_lists_content_problems(ctx: Context) -> None:
    """Content a lenient read kept despite schema problems shows those problems."""
    card = card_of(ctx, {"intended_uses": {"risk_rating": "Critical"}})
    assert card.content_problems
    assert "Content problems" in shown(card_html(card))


def test_card_text_is_escaped(ctx: Context) -> None:
    """Markup in content or principal names comes out as text."""
    evil = '<script>alert("x")</script>'
    page = card_html(card_of(ctx, {"model_overview": {"model_owner": evil}}), [evil])
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert shown(page).count(evil) == 2


def test_status_badges_have_a_tone_per_status() -> None:
    """Badges colour by status with translucent fills; the label is escaped."""
    assert status_badge(AssociationStatus.FAILED) == status_badge("FAILED")
    assert "rgba(239,68,68" in status_badge("FAILED")
    assert "rgba(34,197,94" in status_badge("Approved")
    assert "rgba(245,158,11" in status_badge(CardStatus.PENDING_REVIEW)
    assert "rgba(128,128,128" in status_badge("something new")
    assert "&lt;b&gt;" in status_badge("<b>")


def test_no_text_colour_is_hard_coded(ctx: Context) -> None:
    """Text inherits the theme's colour, so light and dark themes both read it."""
    page = card_html(card_of(ctx, {"model_overview": {"model_owner": "x"}}))
    for style in (v for n, v in parse(page).attributes if n == "style"):
        for rule in (style or "").split(";"):
            if rule.startswith("color:"):
                assert rule == "color:inherit", rule


# --------------------------------------------------------------------------------- diffs


def test_diff_is_a_side_by_side_table() -> None:
    """Each change is one row: kind, path, old value, new value, tinted by kind."""
    diff = ContentDiff(
        1,
        2,
        (
            ContentChange("intended_uses.risk_rating", ChangeKind.CHANGED, "Low", "High"),
            ContentChange("business_details", ChangeKind.ADDED, None, {"a": 1}),
            ContentChange("model_overview.model_owner", ChangeKind.REMOVED, "bob", None),
        ),
    )
    page = diff_html(diff)
    text = shown(page)
    assert "Content diff v1 \u2192 v2" in text
    assert "(1 added, 1 removed, 1 changed)" in text
    assert page.count("<tr class=") == 3
    assert '"Low"' in text
    assert '"High"' in text
    assert '{"a": 1}' in text
    assert diff._repr_html_() == page
    assert "No changes." in shown(diff_html(ContentDiff(1, 1, ())))


# ------------------------------------------------------------------------- shares, lists


def test_share_summary(ctx: Context) -> None:
    """A share shows its status, access, resource, external setting and principals."""
    share = share_of(ctx, "modelcard-churn-<read-only>")
    principals = [assoc("444444444444", Access.READ_ONLY, AssociationStatus.ASSOCIATED)]
    page = share_html(share, principals)
    text = shown(page)
    assert "Resource share modelcard-churn-<read-only>" in text
    assert status_badge("ACTIVE") in page
    assert ARN in text
    assert "not allowed" in text
    assert "444444444444 (read-only)" in text
    assert "none" in shown(share_html(share, []))
    assert "Principals" not in share_html(share)


def test_listings_are_sortable_looking_tables(ctx: Context) -> None:
    """Shares, versions and shared-with-me render as tables with a sort mark per column."""
    shares = ResourceShares([share_of(ctx), share_of(ctx, "modelcard-churn-read-write")])
    versions = CardVersions(
        CardVersion("churn", ARN, n, CardStatus.DRAFT, NOW, NOW + dt.timedelta(minutes=n))
        for n in (1, 2)
    )
    resources = SharedResources(
        [SharedResource(ARN, "sagemaker:ModelCard", "111111111111", NOW, 2, ("a", "b"))]
    )
    for listing, page, rows, header in (
        (shares, shares_html(shares), 2, "Access"),
        (versions, versions_html(versions), 2, "Version"),
        (resources, shared_with_me_html(resources), 1, "Owner account"),
    ):
        assert listing._repr_html_() == page
        assert page.count("</tr>") - 1 == rows
        assert f"{header} " in shown(page)
        assert page.count('aria-sort="none"') >= 4
    assert "2026-11-25 09:32 UTC" in shown(versions_html(versions))
    assert "Nothing is shared with this account." in shown(shared_with_me_html([]))
    assert "<table" not in shared_with_me_html([])
    assert "No shares of this SDK." in shown(shares_html([]))


# ------------------------------------------------------------------------------ lifecycle


def test_lifecycle_is_a_picture_of_the_topology() -> None:
    """The SVG has the central account, one node and edge per account, conflicts in red."""
    report = LifecycleReport(
        card_arn=ARN,
        status=CardStatus.PENDING_REVIEW,
        stages=("dev", "test"),
        accounts=(
            view("dev", Access.READ_WRITE, (Access.READ_WRITE, AssociationStatus.ASSOCIATED)),
            view("test", Access.READ_WRITE, account_id="333333333333"),
            view(
                "prod",
                None,
                (Access.READ_ONLY, AssociationStatus.ASSOCIATED),
                account_id="444444444444",
            ),
        ),
        others=(assoc("o-abc", Access.READ_ONLY, AssociationStatus.ASSOCIATED),),
    )
    page = lifecycle_html(report)
    text = shown(page)
    assert page.count("<svg") == 1
    assert "central account" in text
    assert "111111111111" in text
    assert page.count('class="mcs-node"') == 4
    assert page.count('class="mcs-edge') == 4
    assert "read-write \u00b7 ASSOCIATED" in text
    assert "missing" in text
    assert "expected read-write" in text
    assert "CONFLICT: holds read-only" in text
    assert "stage allows none" in text
    assert page.count('class="mcs-edge mcs-bad"') == 1
    assert "not in the topology" in text
    assert "1 conflict" in text
    assert report._repr_html_() == page


def test_lifecycle_converged_and_empty() -> None:
    """A converged report says so; a topology without stage accounts still draws."""
    converged = LifecycleReport(
        ARN,
        CardStatus.DRAFT,
        ("dev",),
        (
            view("dev", Access.READ_WRITE, (Access.READ_WRITE, AssociationStatus.ASSOCIATED)),
            view("prod", None, account_id="444444444444"),
        ),
    )
    text = shown(lifecycle_html(converged))
    assert "converged" in text
    assert "no access" in text
    assert "no stage accounts" in shown(
        lifecycle_html(LifecycleReport(ARN, CardStatus.DRAFT, (), ()))
    )


# ------------------------------------------------------------------------- never raises


def test_safe_html_falls_back_to_the_escaped_repr() -> None:
    """A renderer that raises gives the escaped repr; a repr that raises gives the type."""

    class Odd:
        def __repr__(self) -> str:
            return "<Odd & co>"

    class Worse:
        def __repr__(self) -> str:
            raise RuntimeError("no repr")

    def broken() -> str:
        raise KeyError("x")

    assert safe_html(broken, Odd()) == parse_pre("<Odd & co>")
    assert safe_html(broken, Worse()) == parse_pre("<Worse>")


def parse_pre(text: str) -> str:
    page = safe_html(lambda: (_ for _ in ()).throw(ValueError()), _Text(text))
    assert "".join(parse(page).text) == text
    return page


class _Text:
    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def test_broken_objects_still_display(ctx: Context) -> None:
    """Objects missing everything a renderer needs still return HTML."""
    share = ResourceShare(ctx, {})
    assert share._repr_html_().startswith("<pre")
    bad = ContentDiff(1, 2, (object(),))  # type: ignore[arg-type]
    assert bad._repr_html_().startswith("<pre")


FAILURES = [
    EndpointConnectionError(endpoint_url="https://ram.us-east-1.amazonaws.com"),
    ReadTimeoutError(endpoint_url="https://ram.us-east-1.amazonaws.com"),
    ClientError({"Error": {"Code": "InternalFailure", "Message": "boom"}}, "GetResourceShares"),
    RuntimeError("a hook broke"),
]


@pytest.mark.parametrize("failure", FAILURES, ids=lambda e: type(e).__name__)
def test_card_displays_when_the_network_fails(failure: Exception) -> None:
    """A card whose clients fail on every request still renders (without the sharing row)."""
    session = boto3.Session(
        aws_access_key_id="k", aws_secret_access_key="s", region_name="us-east-1"
    )

    def fail(**_: Any) -> None:
        raise failure

    session.events.register("before-send", fail)
    calls: list[str] = []
    session.events.register("before-call", lambda model, **_: calls.append(model.name))
    card = card_of(resolve_context(session), {"model_overview": {"model_owner": "ml"}})
    page = card._repr_html_()
    assert calls, "display tried the network"
    assert "Model card churn" in shown(page)
    assert "Shared with" not in page


# ------------------------------------------------------------------------------ properties

texts = st.text(max_size=40)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=texts, owner=texts, extra_key=texts, value=json_values)
def test_any_text_in_a_card_is_escaped(
    ctx: Context, name: str, owner: str, extra_key: str, value: Any
) -> None:
    """Whatever text a card holds, it comes out as text, never as markup."""
    content = {"model_overview": {"model_owner": owner, f"x_{extra_key}": value}}
    page = card_html(card_of(ctx, content), [name])
    text = shown(page)
    assert owner in text
    assert name in text


@settings(max_examples=60, deadline=None)
@given(words=st.tuples(texts, texts, texts, texts), old=json_values, new=json_values)
def test_any_text_in_shares_diffs_and_topologies_is_escaped(
    ctx: Context, words: tuple[str, str, str, str], old: Any, new: Any
) -> None:
    """Share names, account names, stages, principals and diff paths never become markup."""
    name, stage, entity, path = words
    share = share_of(ctx, name)
    assert name in shown(share._repr_html_())
    assert name in shown(ResourceShares([share])._repr_html_())
    report = LifecycleReport(
        ARN,
        CardStatus.APPROVED,
        (stage,),
        (view(name, Access.READ_ONLY, (Access.READ_WRITE, AssociationStatus.FAILED), stage=stage),),
        (assoc(entity, None, AssociationStatus.ASSOCIATING),),
    )
    text = shown(report._repr_html_())
    assert name in text
    assert stage in text
    assert entity in text
    diff = ContentDiff(None, None, (ContentChange(path, ChangeKind.CHANGED, old, new),))
    assert path in shown(diff._repr_html_())
    listing = SharedResources([SharedResource(name, stage, entity, None, 1, ())])
    assert entity in shown(listing._repr_html_())
