"""Web accounts: supervisors, petugas and display boards; passwords, lockout, sessions, audit.

``users`` registers and checks accounts (``mpp-central user ...``), ``passwords`` hashes
passwords with argon2id, ``sessions`` keeps signed-in browsers on the server side, and
``audit`` records every login, call and change (docs/counter.md).
"""
