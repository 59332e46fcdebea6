"""Independent ESC/POS decoding for the printing tests. Runs in .venv-emupos (Python 3.13).

This file is executed by the emupos venv's interpreter, never imported by the kiosk's tests:

    .venv-emupos/bin/python tests/printing/emupos_tool.py decode --profile epson-tm-t20iii A.bin
    .venv-emupos/bin/python tests/printing/emupos_tool.py qr receipt.png

`decode` feeds each file to emupos's simulated printer (the same device logic its daemon runs),
then decodes every QR symbol in the rendered receipt image with zxing-cpp. It prints one JSON
document: {"files": [{"receipts": [{"text", "boundary", "width_dots", "height_dots", "qr",
"png"}], "events": [{"type", "data"}]}]}.
"""

import argparse
import json
import sys
from io import BytesIO
from pathlib import Path

import zxingcpp
from emupos.config import _load_profile
from emupos.printer.printer import Printer
from PIL import Image


def qr_texts(image: Image.Image) -> list[str]:
    # A white border helps the detector when a symbol touches the paper edge.
    gray = image.convert("L")
    padded = Image.new("L", (gray.width + 80, gray.height + 80), 255)
    padded.paste(gray, (40, 40))
    found = zxingcpp.read_barcodes(padded, formats=zxingcpp.BarcodeFormat.QRCode)
    return sorted(result.text for result in found)


def decode(path: Path, profile_ref: str, png_dir: Path | None) -> dict[str, object]:
    profile = _load_profile(profile_ref, "printer", Path.cwd())
    printer = Printer("decode", profile, sensor_open_level="high", job_idle_timeout_ms=2000)
    printer.open_connection("c", 0.0)
    out = printer.receive("c", path.read_bytes(), 0.0)
    closed = printer.close_connection("c", 0.0)
    receipts = []
    for index, receipt in enumerate(out.receipts + closed.receipts):
        png_path = None
        if png_dir is not None:
            png_path = png_dir / f"{path.stem}.{index}.png"
            png_path.write_bytes(receipt.png)
        image = Image.open(BytesIO(receipt.png))
        receipts.append(
            {
                "text": receipt.text,
                "boundary": receipt.boundary,
                "width_dots": receipt.width_dots,
                "height_dots": receipt.height_dots,
                "qr": qr_texts(image),
                "png": str(png_path) if png_path else None,
            }
        )
    events = [
        {"type": str(event.type), "data": dict(event.data)}
        for event in (*out.events, *closed.events)
    ]
    return {"file": str(path), "receipts": receipts, "events": events}


def main() -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    dec = sub.add_parser("decode")
    dec.add_argument("--profile", required=True, help="emupos profile name or YAML path")
    dec.add_argument("--png-dir", type=Path)
    dec.add_argument("files", nargs="+", type=Path)
    qr = sub.add_parser("qr")
    qr.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    if args.command == "decode":
        result = {"files": [decode(f, args.profile, args.png_dir) for f in args.files]}
    else:
        result = {"files": [{"file": str(f), "qr": qr_texts(Image.open(f))} for f in args.files]}
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
