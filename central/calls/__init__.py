"""Calling numbers: the call state of every ticket, lokets, the priority rule, what the pages
show, and the status links and queue state the kiosks get (docs/counter.md).

``desk`` changes things (one transaction per action), ``views`` reads what the petugas page,
the board and the status pages show, ``rules`` holds the per-MPP and per-gerai call rules,
``statuskeys`` the kiosks' status-link keys and the queue state sent down to them.
"""
