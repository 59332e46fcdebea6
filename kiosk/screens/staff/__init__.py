"""Staff and technician screens (behind the PIN pad): widgets that show models and emit
signals; kiosk.staff_mode wires them to kiosk.usecases.staff."""
