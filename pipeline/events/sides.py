"""The two sides of an event, read from a claim in one place.

The stance's source and target decide (who acts towards whom); the claim's
actors fill what the stance leaves out. When the way sides are found improves,
this is the only function events depend on.
"""

from __future__ import annotations

from typing import Any


def event_sides(claim: dict[str, Any]) -> tuple[str | None, str | None]:
    """(actor, recipient) codes of a claim record (JSON, as in claims.jsonl)."""
    stance = claim.get("stance") or {}
    actor, recipient = stance.get("source"), stance.get("target")
    others = [code for code in claim.get("actors", ()) if code not in (actor, recipient)]
    if actor is None and others:
        actor = others.pop(0)
    if recipient is None and others:
        recipient = others.pop(0)
    return actor, recipient
