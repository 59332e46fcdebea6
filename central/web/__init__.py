"""The server's web pages: landing, sign-in, the petugas page, the display board and the
visitor's status page (Jinja2, server-rendered; live updates by Server-Sent Events).

``common`` holds what every page needs (templates, language, cookies, forms, CSRF, who is
signed in), ``pages`` the public pages and sign-in, ``counter`` the petugas page and the board,
``live`` the per-process hub that turns changes into SSE updates (LISTEN/NOTIFY between
workers on PostgreSQL), ``audio`` the spoken announcements, ``texts`` every word shown.
"""
