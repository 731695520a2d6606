"""Argon2id hashing with argon2-cffi's default parameters."""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10
MAX_LENGTH = 1024
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


def spend_verify_time(password: str) -> None:
    """Verify against a throwaway hash, so an unknown user costs as much as a wrong password."""
    verify(_dummy_hash(), password)


def password_problem(password: str) -> str | None:
    """Why a new password is refused (Vietnamese), or None."""
    if len(password) < MIN_LENGTH:
        return f"mật khẩu phải có ít nhất {MIN_LENGTH} ký tự"
    if len(password) > MAX_LENGTH:
        return f"mật khẩu dài quá {MAX_LENGTH} ký tự"
    if not password.strip():
        return "mật khẩu không được chỉ gồm khoảng trắng"
    return None
