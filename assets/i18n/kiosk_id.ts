<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>GeraiGridScreen</name>
    <message>
        <location filename="../../kiosk/screens/gerai_grid.py" line="77"/>
        <source>Choose a service counter</source>
        <translation>Pilih gerai layanan</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message numerus="yes">
        <location filename="../../kiosk/screens/idle.py" line="55"/>
        <source>The screen goes back to the start in %n second(s).</source>
        <translation>
            <numerusform>Layar kembali ke awal dalam %n detik.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/idle.py" line="68"/>
        <source>Are you still there?</source>
        <translation>Masih di sini?</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/idle.py" line="69"/>
        <source>Yes, I am still here</source>
        <translation>Ya, saya masih di sini</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/idle.py" line="70"/>
        <source>Start again</source>
        <translation>Mulai lagi</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="147"/>
        <source>Bahasa Indonesia</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="148"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="149"/>
        <source>Start again</source>
        <translation>Mulai lagi</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="150"/>
        <source>Search</source>
        <translation>Cari layanan</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../kiosk/screens/keyboard.py" line="54"/>
        <source>Space</source>
        <translation>Spasi</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/keyboard.py" line="55"/>
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/keyboard.py" line="56"/>
        <source>Clear</source>
        <translation>Kosongkan</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <location filename="../../kiosk/screens/search.py" line="107"/>
        <source>Type a word, for example: ktp, akta lahir, skck.</source>
        <translation>Ketik kata, misalnya: ktp, akta lahir, skck.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/search.py" line="109"/>
        <source>Nothing found. Try a shorter word.</source>
        <translation>Tidak ditemukan. Coba kata yang lebih pendek.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/search.py" line="111"/>
        <source>%n service(s) found</source>
        <translation>
            <numerusform>%n layanan ditemukan</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/search.py" line="122"/>
        <location filename="../../kiosk/screens/search.py" line="126"/>
        <source>Search for a service</source>
        <translation>Cari layanan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/search.py" line="125"/>
        <source>Service name…</source>
        <translation>Nama layanan…</translation>
    </message>
</context>
<context>
    <name>ServiceDetailScreen</name>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="203"/>
        <source>Nothing special to bring.</source>
        <translation>Tidak ada berkas khusus yang perlu dibawa.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="237"/>
        <source>You can also do this online. Scan the code with your phone:</source>
        <translation>Layanan ini juga bisa online. Pindai kode dengan ponsel Anda:</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="242"/>
        <source>Tip: this can be done at the ADM self-service machine without a queue number.</source>
        <translation>Tips: layanan ini bisa dilakukan di mesin ADM (Anjungan Dukcapil Mandiri) tanpa nomor antrean.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="246"/>
        <source>No queue number is needed: go straight to the self-service machine or use the online service.</source>
        <translation>Tidak perlu nomor antrean: langsung ke mesin layanan mandiri atau gunakan layanan online.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="262"/>
        <source>Service details</source>
        <translation>Rincian layanan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="274"/>
        <source>What to bring</source>
        <translation>Yang perlu dibawa</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="276"/>
        <source>Processing time</source>
        <translation>Waktu penyelesaian</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="277"/>
        <source>Fee</source>
        <translation>Biaya</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="278"/>
        <source>You receive</source>
        <translation>Hasil layanan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="279"/>
        <source>Steps</source>
        <translation>Alur layanan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="280"/>
        <source>Complaints and suggestions</source>
        <translation>Pengaduan dan saran</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="284"/>
        <source>Take a queue number</source>
        <translation>Ambil nomor antrean</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="286"/>
        <source>Priority number (staff may check) for:</source>
        <translation>Nomor prioritas (dapat diperiksa petugas) untuk:</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="290"/>
        <source>Print this list</source>
        <translation>Cetak daftar ini</translation>
    </message>
</context>
<context>
    <name>ServiceListScreen</name>
    <message>
        <location filename="../../kiosk/screens/service_list.py" line="122"/>
        <source>Choose a service</source>
        <translation>Pilih layanan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/service_list.py" line="125"/>
        <source>Choose the service you need. Slide the list to see more.</source>
        <translation>Pilih layanan yang Anda perlukan. Geser daftar untuk melihat lainnya.</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="41"/>
        <source>today at %1</source>
        <translation>hari ini pukul %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="43"/>
        <source>tomorrow at %1</source>
        <translation>besok pukul %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="45"/>
        <source>%1 at %2</source>
        <translation>%1 pukul %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="51"/>
        <source>Numbers are available again %1.</source>
        <translation>Nomor antrean tersedia lagi %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="55"/>
        <source>Not open yet.</source>
        <translation>Belum buka.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="56"/>
        <source>No more numbers today: the last number time has passed.</source>
        <translation>Pengambilan nomor hari ini sudah ditutup.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="57"/>
        <source>Closed today.</source>
        <translation>Hari ini tutup.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="58"/>
        <source>Closed for a holiday: %1.</source>
        <translation>Libur: %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="59"/>
        <source>Today’s quota for this service is used up.</source>
        <translation>Kuota layanan ini untuk hari ini sudah habis.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="63"/>
        <source>Open now.</source>
        <translation>Buka sekarang.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="64"/>
        <source>Open now. Last number at %1.</source>
        <translation>Buka sekarang. Nomor terakhir pukul %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="74"/>
        <source>You can also register online.</source>
        <translation>Anda juga bisa mendaftar online.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="77"/>
        <source>This counter is coming soon.</source>
        <translation>Gerai ini segera hadir.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="79"/>
        <source>This counter is closed.</source>
        <translation>Gerai ini tutup.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="81"/>
        <source>No queue number is needed for this service.</source>
        <translation>Layanan ini tidak memerlukan nomor antrean.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="83"/>
        <source>Numbers are paused for a moment. Please ask at the information desk.</source>
        <translation>Pengambilan nomor dihentikan sementara. Silakan bertanya di meja informasi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="85"/>
        <source>The ticket printer needs attention, so numbers are paused. Please ask at the information desk.</source>
        <translation>Printer tiket perlu diperiksa, pengambilan nomor dihentikan sementara. Silakan bertanya di meja informasi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="98"/>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="99"/>
        <source>Open until %1</source>
        <translation>Buka s.d. %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="101"/>
        <source>Coming soon</source>
        <translation>Segera hadir</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="103"/>
        <location filename="../../kiosk/screens/texts.py" line="115"/>
        <source>Closed</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="105"/>
        <location filename="../../kiosk/screens/texts.py" line="138"/>
        <location filename="../../kiosk/screens/texts.py" line="208"/>
        <source>No queue needed</source>
        <translation>Tanpa antre</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="107"/>
        <source>Paused</source>
        <translation>Dihentikan sementara</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="109"/>
        <source>Opens %1</source>
        <translation>Buka pukul %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="112"/>
        <source>Closed · opens %1</source>
        <translation>Tutup · buka %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="121"/>
        <source>tomorrow %1</source>
        <translation>besok %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="128"/>
        <source>Free</source>
        <translation>Gratis</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="140"/>
        <source>ADM machine</source>
        <translation>Mesin ADM</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="142"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="150"/>
        <source>Elderly</source>
        <translation>Lansia</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="151"/>
        <source>Disability</source>
        <translation>Disabilitas</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="152"/>
        <source>Pregnant</source>
        <translation>Ibu hamil</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="153"/>
        <source>With children</source>
        <translation>Membawa anak</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="167"/>
        <source>No one is ahead of you</source>
        <translation>Tidak ada antrean di depan Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="169"/>
        <source>1 person ahead of you</source>
        <translation>1 orang di depan Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="171"/>
        <source>%1 people ahead of you</source>
        <translation>%1 orang di depan Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="173"/>
        <source>Estimated wait: you are next</source>
        <translation>Perkiraan tunggu: Anda berikutnya</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="175"/>
        <source>Estimated wait: about %1 min</source>
        <translation>Perkiraan tunggu: sekitar %1 menit</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="180"/>
        <source>Printing your slip…</source>
        <translation>Struk sedang dicetak…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="184"/>
        <source>Take your slip below the screen.</source>
        <translation>Ambil struk Anda di bawah layar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="188"/>
        <source>No printer is connected: your slip is shown here.</source>
        <translation>Tidak ada printer: struk Anda ditampilkan di sini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="192"/>
        <source>The slip could not be printed. Your number is saved: show this screen or a photo of the QR code at the counter.</source>
        <translation>Struk tidak dapat dicetak. Nomor Anda sudah tersimpan: tunjukkan layar ini atau foto kode QR di gerai.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="200"/>
        <source>Sorry, a number could not be issued just now. Please try again or ask the staff at the information desk.</source>
        <translation>Maaf, nomor belum dapat diambil. Silakan coba lagi atau hubungi petugas di meja informasi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="212"/>
        <source>The ticket printer needs attention. You can still take a number: show it on this screen at the counter.</source>
        <translation>Printer tiket perlu diperiksa. Anda tetap bisa mengambil nomor: tunjukkan nomor di layar ini kepada petugas gerai.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="220"/>
        <source>The ticket printer needs attention. Please ask at the information desk.</source>
        <translation>Printer tiket perlu diperiksa. Silakan bertanya di meja informasi.</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="102"/>
        <source>Your slip</source>
        <translation>Struk Anda</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/ticket.py" line="116"/>
        <source>Back to the start in %n second(s)</source>
        <translation>
            <numerusform>Kembali ke awal dalam %n detik</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="128"/>
        <source>Your number is %1</source>
        <translation>Nomor Anda %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="132"/>
        <source>PRIORITY · %1</source>
        <translation>PRIORITAS · %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="141"/>
        <source>Taken %1, %2 WIB</source>
        <translation>Diambil %1, pukul %2 WIB</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="147"/>
        <source>Your queue number</source>
        <translation>Nomor antrean Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="150"/>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../../kiosk/screens/welcome.py" line="98"/>
        <source>Touch to start</source>
        <translation>Sentuh untuk mulai</translation>
    </message>
</context>
</TS>
