"""Every word the web pages show, Bahasa Indonesia first, English second (``mpp_core.i18n``)."""

from __future__ import annotations

from mpp_core.i18n import Text

LANG_SWITCH = Text("English", "Bahasa Indonesia")
APP = Text("Antrean Mal Pelayanan Publik", "Public Service Mall queue")
LANDING_INTRO = Text(
    "Sistem antrean {mpp}. Pilih halaman:", "Queue system of {mpp}. Choose a page:"
)
LINK_PETUGAS = Text("Halaman petugas loket", "Counter officer page")
LINK_BOARD = Text("Papan antrean (TV ruang tunggu)", "Queue board (waiting-room TV)")
LINK_LOGIN = Text("Masuk", "Sign in")
LANDING_STATUS = Text(
    "Pengunjung: pindai kode QR pada struk antrean untuk melihat status nomor Anda.",
    "Visitors: scan the QR code on your queue slip to see the status of your number.",
)
SIGNED_IN_AS = Text("Masuk sebagai {name}", "Signed in as {name}")
LOGOUT = Text("Keluar", "Sign out")
REFUSED = Text("Tidak dapat diproses", "Cannot be done")
BACK = Text("Kembali", "Back")

# Sign-in and pairing
LOGIN_TITLE = Text("Masuk petugas", "Staff sign-in")
USERNAME = Text("Nama pengguna", "User name")
PASSWORD = Text("Kata sandi", "Password")
LOGIN_BUTTON = Text("Masuk", "Sign in")
LOGIN_FAILED = Text("Nama pengguna atau kata sandi salah.", "Wrong user name or password.")
LOGIN_LOCKED = Text(
    "Terlalu banyak percobaan. Coba lagi setelah pukul {time} WIB.",
    "Too many attempts. Try again after {time} WIB.",
)
LOGIN_SLOW = Text(
    "Terlalu banyak percobaan dari perangkat ini. Tunggu sebentar.",
    "Too many attempts from this device. Please wait a moment.",
)
FORM_EXPIRED = Text(
    "Formulir kedaluwarsa. Muat ulang halaman dan coba lagi.",
    "The form has expired. Reload the page and try again.",
)
PAIR_TITLE = Text("Pasangkan papan antrean", "Pair a queue board")
PAIR_HELP = Text(
    "Masukkan token papan dari supervisor (mpp-central user add ... --role display).",
    "Enter the board token from the supervisor (mpp-central user add ... --role display).",
)
BOARD_TOKEN = Text("Token papan", "Board token")
PAIR_BUTTON = Text("Pasangkan", "Pair")
PAIR_FAILED = Text("Token papan tidak dikenal.", "Unknown board token.")
WRONG_ROLE = Text(
    "Akun ini tidak dapat membuka halaman ini.", "This account cannot open this page."
)

# Petugas page
PETUGAS_TITLE = Text("Loket {loket} · {gerai}", "Counter {loket} · {gerai}")
NOW_SERVING = Text("Sedang dilayani", "Now serving")
NOBODY = Text("Belum ada nomor dipanggil", "No number called yet")
RECALLS = Text("dipanggil ulang {count} kali", "recalled {count} time", "recalled {count} times")
NEXT = Text("Panggil berikutnya", "Call next")
RECALL = Text("Panggil ulang", "Call again")
DONE = Text("Selesai", "Done")
NO_SHOW = Text("Tidak hadir", "No show")
TRANSFER = Text("Alihkan", "Transfer")
TRANSFER_TO = Text("Alihkan ke layanan", "Transfer to service")
PAUSE = Text("Istirahat", "Break")
RESUME = Text("Lanjut melayani", "Resume")
PAUSED = Text(
    "Loket istirahat: panggilan berikutnya ditolak sampai dilanjutkan.",
    "Counter on break: calling is refused until resumed.",
)
WAITING_LIST = Text("Daftar tunggu hari ini", "Today's waiting list")
WAITING_COUNT = Text(
    "{count} menunggu ({priority} prioritas)", "{count} waiting ({priority} priority)"
)
NOBODY_WAITS = Text("Tidak ada yang menunggu.", "Nobody is waiting.")
COL_NUMBER = Text("Nomor", "Number")
COL_SERVICE = Text("Layanan", "Service")
COL_ISSUED = Text("Diambil", "Issued")
COL_WAIT = Text("Perkiraan", "Estimate")
PRIORITY_MARK = Text("prioritas", "priority")
SHORTCUTS = Text(
    "Pintasan: N berikutnya · U ulang · S selesai · T tidak hadir · A alihkan · I istirahat",
    "Shortcuts: N next · U again · S done · T no show · A transfer · I break",
)
RULE_INFO = Text(
    "Aturan: 1 prioritas setelah {every} reguler; tidak hadir setelah {recalls} panggilan ulang.",
    "Rule: 1 priority after {every} regular; no show after {recalls} recalls.",
)
LIVE_OFF = Text(
    "Pembaruan langsung terputus; menyambung kembali…", "Live updates lost; reconnecting…"
)
REASON = {
    "paused": PAUSED,
    "empty": Text("Tidak ada nomor yang menunggu.", "No number is waiting."),
    "no_current": Text("Belum ada nomor yang dipanggil di loket ini.", "No number is called here."),
    "too_few_recalls": Text(
        "Panggil ulang dulu ({count} kali) sebelum menandai tidak hadir.",
        "Call again first ({count} times) before marking no show.",
    ),
    "bad_target": Text("Pilih layanan tujuan yang lain.", "Choose another target service."),
    "not_petugas": WRONG_ROLE,
}
CALLED_OK = Text("{number} dipanggil ke loket {loket}.", "{number} called to counter {loket}.")
MINUTES = Text("{count} menit", "{count} minute", "{count} minutes")

# Board
BOARD_TITLE = Text("Antrean {mpp}", "Queue · {mpp}")
BOARD_SERVING = Text("Sedang dilayani", "Now serving")
BOARD_LAST = Text("Panggilan terakhir", "Last calls")
BOARD_LOKET = Text("Loket {loket}", "Counter {loket}")
BOARD_EMPTY = Text("Belum ada panggilan hari ini.", "No calls yet today.")
BOARD_SOUND = Text("Klik untuk menyalakan suara", "Click to turn the sound on")

# Visitor status page
STATUS_TITLE = Text("Status antrean Anda", "Your queue status")
STATUS_WAITING = Text("Menunggu", "Waiting")
STATUS_CALLED = Text("Dipanggil ke loket {loket}", "Called to counter {loket}")
STATUS_DONE = Text("Selesai", "Done")
STATUS_NO_SHOW = Text("Tidak hadir", "Missed (no show)")
STATUS_MOVED = Text("Dialihkan ke {gerai}: menunggu", "Transferred to {gerai}: waiting")
STATUS_CALLED_HELP = Text(
    "Silakan menuju loket {loket} sekarang.", "Please go to counter {loket} now."
)
AHEAD = Text("{count} orang di depan Anda", "{count} person ahead of you", "{count} people ahead")
EST_WAIT = Text("Perkiraan tunggu: {wait}", "Estimated wait: {wait}")
EST_NOTE = Text(
    "Perkiraan dari lama layanan di gerai ini; dapat berubah.",
    "Estimated from the service times at this gerai; it may change.",
)
NOT_ARRIVED = Text(
    "Nomor Anda belum sampai di server (kiosk sedang offline). Tunjukkan struk Anda di loket.",
    "Your number has not reached the server yet (the kiosk is offline). Show your slip at "
    "the counter.",
)
OTHER_DAY = Text(
    "Nomor ini untuk hari lain; antreannya sudah ditutup.",
    "This number is for another day; its queue has closed.",
)
BAD_LINK = Text(
    "Tautan ini tidak dikenal. Pindai lagi kode QR pada struk Anda.",
    "This link is not known. Scan the QR code on your slip again.",
)
STATUS_UPDATED = Text("Diperbarui {time} WIB", "Updated {time} WIB")
