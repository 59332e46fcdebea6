"""The line-based control port of an emulator running as its own process."""

from __future__ import annotations

import json
import socket
import threading

from tools.escpos_emulator.device import EmulatedPrinter

# --- control port (for an emulator running as a separate process) ------------------------------


class ControlServer:
    """Line-based control on 127.0.0.1: `fault NAME on|off`, `drop-after N|off`, `clear`,
    `state`, `slips`, `reset`. Each command is answered with one JSON line."""

    def __init__(self, printer: EmulatedPrinter, port: int = 0) -> None:
        self.printer = printer
        self._server = socket.create_server(("127.0.0.1", port))
        self._server.settimeout(0.1)
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="emulator-control", daemon=True)

    def start(self) -> ControlServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._server.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._client, args=(conn,), daemon=True).start()

    def _client(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rwb") as stream:
            for line in stream:
                answer = self.handle(line.decode("utf-8", "replace").strip())
                stream.write(json.dumps(answer).encode() + b"\n")
                stream.flush()

    def handle(self, command: str) -> dict[str, object]:
        parts = command.split()
        try:
            match parts:
                case ["fault", name, ("on" | "off") as value]:
                    self.printer.set_fault(name, value == "on")
                case ["drop-after", "off"]:
                    self.printer.set_drop_after(None)
                case ["drop-after", count]:
                    self.printer.set_drop_after(int(count))
                case ["hang-after", count]:
                    self.printer.set_drop_after(int(count), mode="hang")
                case ["clear"]:
                    self.printer.clear_faults()
                case ["reset"]:
                    self.printer.reset()
                case ["slips"]:
                    return {
                        "ok": True,
                        "slips": [
                            {"text": s.text, "qr": s.qr_payloads, "cut": s.cut}
                            for s in list(self.printer.slips)
                        ],
                    }
                case ["state"] | []:
                    pass
                case _:
                    return {"ok": False, "error": f"unknown command {command!r}"}
        except ValueError as exc:
            return {"ok": False, "error": str(exc)}
        return {"ok": True, **self.printer.state()}
