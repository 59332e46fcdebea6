"""Staff and technician screens (behind the PIN pad): widgets that show models and emit
signals; kiosk.staff_mode wires them to the staff use cases (kiosk.usecases.staff_actions and
its settings desk, kiosk.usecases.staff_settings)."""
