"""Who may see and load what: users, roles, logins, the audit log, and the Streamlit gate.

`auth.users`, `auth.login`, `auth.audit` and `auth.store` need no Streamlit; `auth.session`
is the app's side (login page, session expiry, the sidebar account box).
"""
