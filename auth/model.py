"""Roles and the logged-in user: what each may load and see."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from core.wording import in_quotes

ADMIN = "quản trị"  # everything, manages users
COMMITTEE = "thường trực"  # sees and exports every unit, cannot load
UNIT_OFFICER = "đơn vị"  # loads and sees only their own unit(s)
ROLES = (ADMIN, COMMITTEE, UNIT_OFFICER)
ROLE_SLUGS = {"quan-tri": ADMIN, "thuong-truc": COMMITTEE, "don-vi": UNIT_OFFICER}
USERNAME = re.compile(r"[a-z0-9][a-z0-9._@-]{1,63}")


class UserError(ValueError):
    """A user-management request that cannot be done; `message` is Vietnamese for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def normalize_username(text: str) -> str:
    """Usernames are compared folded: `Admin ` and `admin` are one account."""
    return unicodedata.normalize("NFC", text).strip().lower()


def parse_role(text: str) -> str:
    """`quản trị` or its slug `quan-tri` → `quản trị`."""
    role = ROLE_SLUGS.get(text.strip().lower(), unicodedata.normalize("NFC", text.strip()).lower())
    if role not in ROLES:
        slugs = ", ".join(ROLE_SLUGS)
        raise UserError(f"vai trò {in_quotes(text)} không có; chọn một trong: {slugs}")
    return role


@dataclass(frozen=True)
class User:
    username: str
    full_name: str
    role: str
    units: tuple[str, ...] = ()  # unit ids (`21469-2015`); used for the `đơn vị` role only

    @classmethod
    def from_row(cls, row: tuple) -> User:
        """A user from the account file's username, full_name, role and units (a JSON list)."""
        username, full_name, role, units = row
        return cls(username, full_name, role, tuple(json.loads(units)))

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def can_load(self) -> bool:
        return self.role in (ADMIN, UNIT_OFFICER)

    @property
    def sees_all_units(self) -> bool:
        return self.role in (ADMIN, COMMITTEE)

    @property
    def allowed_units(self) -> tuple[str, ...] | None:
        """Unit ids this user may see: None = every unit; () = nothing (deny by default)."""
        if self.sees_all_units:
            return None
        if self.role == UNIT_OFFICER:
            return tuple(self.units)
        return ()

    def may_load(self, unit_id: str) -> bool:
        """Whether a workbook of `unit_id` may be loaded by this user."""
        if not self.can_load:
            return False
        allowed = self.allowed_units
        return allowed is None or unit_id in allowed

    @property
    def label(self) -> str:
        """`Nguyễn Văn A (quản trị)` for the sidebar."""
        return f"{self.full_name or self.username} ({self.role})"
