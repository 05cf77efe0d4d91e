"""Profiles a resume lists beyond the ones :class:`~sphinx_cv.core.model.Person` has a field for.

JSON Resume ``basics.profiles`` and RenderCV ``cv.social_networks`` name any
network (Twitter, Mastodon, SoundCloud...). The profile keeps GitHub,
LinkedIn, ORCID and Google Scholar; the others are returned here as links,
so a generated site shows them instead of dropping them quietly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..urls import safe_url
from .common import text, web_url

#: profile URL of a user name, for networks whose URL is not given (RenderCV gives only names)
_URL_OF_NAME = {
    "twitter": "https://twitter.com/{}",
    "x": "https://x.com/{}",
    "gitlab": "https://gitlab.com/{}",
    "researchgate": "https://www.researchgate.net/profile/{}",
    "youtube": "https://www.youtube.com/@{}",
    "stackoverflow": "https://stackoverflow.com/users/{}",
    "instagram": "https://www.instagram.com/{}",
    "soundcloud": "https://soundcloud.com/{}",
    "bluesky": "https://bsky.app/profile/{}",
    "telegram": "https://t.me/{}",
    "imdb": "https://www.imdb.com/name/{}",
    "leetcode": "https://leetcode.com/{}",
}


@dataclass(frozen=True)
class OtherProfile:
    """A profile shown as a link (or as text when no safe URL is known)."""

    network: str  #: as the file names it ("Twitter")
    name: str  #: the user name, or the URL without its scheme
    url: str  #: checked by :func:`~sphinx_cv.core.urls.safe_url`; "" if none


def _mastodon(name: str) -> str:
    """``@user@instance`` -> ``https://instance/@user``."""
    parts = name.lstrip("@").split("@")
    return f"https://{parts[1]}/@{parts[0]}" if len(parts) == 2 and all(parts) else ""


def other_profiles(profiles: object, known: Iterable[str]) -> list[OtherProfile]:
    """The profiles whose network (lower case, no spaces) is not in ``known``, in file order."""
    skip = {k.lower().replace(" ", "") for k in known}
    found: list[OtherProfile] = []
    for item in profiles if isinstance(profiles, list) else []:
        if not isinstance(item, Mapping):
            continue
        network = text(item.get("network"))
        key = network.lower().replace(" ", "")
        if not network or key in skip:
            continue
        name = text(item.get("username"))
        url = _url(item, key, name)
        shown = name or url.split("://", 1)[-1].rstrip("/")
        if shown:
            found.append(OtherProfile(network, shown, url))
    return found


def _url(item: Mapping[str, Any], key: str, name: str) -> str:
    given = web_url(item.get("url"))
    if given:
        return safe_url(given) or ""
    if not name or any(ch.isspace() for ch in name):
        return ""
    if key == "mastodon":
        return safe_url(_mastodon(name)) or ""
    pattern = _URL_OF_NAME.get(key)
    return (safe_url(pattern.format(name.lstrip("@"))) or "") if pattern else ""
