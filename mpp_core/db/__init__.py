"""Database parts shared by the kiosk and the server (SQLAlchemy)."""
