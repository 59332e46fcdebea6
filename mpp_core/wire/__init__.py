"""The kiosk-server sync API: protocol facts and request/answer schemas."""
