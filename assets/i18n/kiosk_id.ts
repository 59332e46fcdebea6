<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>ActionsScreen</name>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="145"/>
        <source>Reset the terminal? The printer is reopened and the visitor screens start again. No ticket is lost.</source>
        <translation>Atur ulang terminal? Printer dibuka ulang dan layar pengunjung mulai dari awal. Tidak ada tiket yang hilang.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="150"/>
        <source>Restart the kiosk app now? It is back in a few seconds. No ticket is lost.</source>
        <translation>Mulai ulang aplikasi kiosk sekarang? Aplikasi kembali dalam beberapa detik. Tidak ada tiket yang hilang.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="153"/>
        <source>Leave the kiosk app for the desktop? Visitors cannot take numbers until it is started again.</source>
        <translation>Keluar dari aplikasi kiosk ke desktop? Pengunjung tidak dapat mengambil nomor sampai aplikasi dijalankan lagi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="159"/>
        <source>Yes, reset</source>
        <translation>Ya, atur ulang</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="160"/>
        <source>Yes, restart</source>
        <translation>Ya, mulai ulang</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="161"/>
        <source>Yes, leave</source>
        <translation>Ya, keluar</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="166"/>
        <source>Paper roll replaced</source>
        <translation>Kertas sudah diganti</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="167"/>
        <source>Test print</source>
        <translation>Cetak uji</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="168"/>
        <source>Reprint a ticket</source>
        <translation>Cetak ulang tiket</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="169"/>
        <source>Not printed (%1)</source>
        <translation>Tidak tercetak (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="170"/>
        <source>Sync now</source>
        <translation>Sinkronkan sekarang</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="171"/>
        <source>Resume numbers</source>
        <translation>Buka pengambilan nomor</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="171"/>
        <source>Pause numbers</source>
        <translation>Hentikan pengambilan nomor</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="172"/>
        <source>Reset terminal</source>
        <translation>Atur ulang terminal</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="173"/>
        <source>Restart app</source>
        <translation>Mulai ulang aplikasi</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="174"/>
        <source>Exit to desktop</source>
        <translation>Keluar ke desktop</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="180"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>FormKeyboard</name>
    <message>
        <location filename="../../kiosk/screens/staff/common.py" line="339"/>
        <source>Shift</source>
        <translation>Huruf besar</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/common.py" line="340"/>
        <source>Clear</source>
        <translation>Kosongkan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/common.py" line="341"/>
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/common.py" line="342"/>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
</context>
<context>
    <name>GeraiGridScreen</name>
    <message>
        <location filename="../../kiosk/screens/gerai_grid.py" line="80"/>
        <source>Choose a service counter</source>
        <translation>Pilih gerai layanan</translation>
    </message>
</context>
<context>
    <name>HealthScreen</name>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="115"/>
        <source>Issuing numbers is paused. Visitors see: %1</source>
        <translation>Pengambilan nomor sedang dihentikan. Pengunjung melihat: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="125"/>
        <source>Paper left: about %1 m</source>
        <translation>Sisa kertas: sekitar %1 m</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="141"/>
        <source>Network connected: %1</source>
        <translation>Jaringan terhubung: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="143"/>
        <source>No network connection</source>
        <translation>Tidak ada sambungan jaringan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="152"/>
        <source>Staff log entries waiting to be sent: %1</source>
        <translation>Catatan petugas menunggu dikirim: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="159"/>
        <source>Version %1</source>
        <translation>Versi %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/staff/health.py" line="162"/>
        <source>%n ticket(s) today</source>
        <translation>
            <numerusform>%n tiket hari ini</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/staff/health.py" line="164"/>
        <source>%n ticket(s) did not print</source>
        <translation>
            <numerusform>%n tiket tidak tercetak</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="173"/>
        <source>No PIN set for: %1</source>
        <translation>PIN belum diatur untuk: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="193"/>
        <source>Clock</source>
        <translation>Jam</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="194"/>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="195"/>
        <source>Network and server</source>
        <translation>Jaringan dan server</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="196"/>
        <source>Service catalog</source>
        <translation>Katalog layanan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="197"/>
        <source>Tickets today per gerai</source>
        <translation>Tiket hari ini per gerai</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="198"/>
        <source>Needs attention</source>
        <translation>Perlu diperhatikan</translation>
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
    <name>KioskForm</name>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="156"/>
        <source>Back to the start after (no touch)</source>
        <translation>Kembali ke awal setelah (tanpa sentuhan)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="157"/>
        <source>English for visitors</source>
        <translation>Bahasa Inggris untuk pengunjung</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="158"/>
        <source>Offered</source>
        <translation>Tersedia</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="158"/>
        <source>Not offered</source>
        <translation>Tidak tersedia</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="159"/>
        <source>Each visitor starts in</source>
        <translation>Setiap pengunjung mulai dengan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="160"/>
        <source>Opening hours on this kiosk</source>
        <translation>Jam buka di kiosk ini</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="163"/>
        <source>Overrides the catalog&apos;s hours for every gerai, for example for Ramadan, an event day or a closed day.</source>
        <translation>Menggantikan jam katalog untuk semua gerai, misalnya saat Ramadan, hari acara, atau hari tutup.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="167"/>
        <source>As the catalog</source>
        <translation>Sesuai katalog</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="167"/>
        <source>Closed</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="167"/>
        <source>Special hours</source>
        <translation>Jam khusus</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="168"/>
        <source>Opens at</source>
        <translation>Buka pukul</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="169"/>
        <source>Closes at</source>
        <translation>Tutup pukul</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="170"/>
        <source>Earlier opening</source>
        <translation>Buka lebih awal</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="170"/>
        <source>Later opening</source>
        <translation>Buka lebih lambat</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="171"/>
        <source>Earlier closing</source>
        <translation>Tutup lebih awal</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="171"/>
        <source>Later closing</source>
        <translation>Tutup lebih lambat</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="172"/>
        <source>On these days</source>
        <translation>Pada hari</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="174"/>
        <source>Mon</source>
        <translation>Sen</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="175"/>
        <source>Tue</source>
        <translation>Sel</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="176"/>
        <source>Wed</source>
        <translation>Rab</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="177"/>
        <source>Thu</source>
        <translation>Kam</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="178"/>
        <source>Fri</source>
        <translation>Jum</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="179"/>
        <source>Sat</source>
        <translation>Sab</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="180"/>
        <source>Sun</source>
        <translation>Min</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="184"/>
        <source>For how long</source>
        <translation>Berlaku</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="185"/>
        <source>Today only</source>
        <translation>Hari ini saja</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="185"/>
        <source>Until changed</source>
        <translation>Sampai diubah</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="186"/>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="153"/>
        <source>Bahasa Indonesia</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="154"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="155"/>
        <source>Start again</source>
        <translation>Mulai lagi</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="156"/>
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
    <name>PauseScreen</name>
    <message>
        <location filename="../../kiosk/screens/staff/pause.py" line="113"/>
        <source>Write the message visitors will see.</source>
        <translation>Tulis pesan yang akan dilihat pengunjung.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pause.py" line="122"/>
        <source>Issuing numbers is paused. Visitors see:</source>
        <translation>Pengambilan nomor sedang dihentikan. Pengunjung melihat:</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pause.py" line="124"/>
        <source>Resume numbers</source>
        <translation>Buka pengambilan nomor</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pause.py" line="125"/>
        <source>Message for visitors</source>
        <translation>Pesan untuk pengunjung</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pause.py" line="127"/>
        <source>Another message (type it)</source>
        <translation>Pesan lain (ketik sendiri)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pause.py" line="129"/>
        <source>Your message</source>
        <translation>Pesan Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pause.py" line="130"/>
        <source>Pause numbers</source>
        <translation>Hentikan pengambilan nomor</translation>
    </message>
</context>
<context>
    <name>PinPadScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="152"/>
        <source>%n digit(s) entered</source>
        <translation>
            <numerusform>%n angka dimasukkan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="166"/>
        <source>Wrong PIN. %n attempt(s) left before the pad locks.</source>
        <translation>
            <numerusform>PIN salah. Sisa %n kali percobaan sebelum terkunci.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="170"/>
        <source>Too many wrong PINs. Try again in %1.</source>
        <translation>Terlalu banyak PIN salah. Coba lagi dalam %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="175"/>
        <source>No PIN has been set on this kiosk, so staff mode stays closed. A technician sets one on the kiosk&apos;s computer with:</source>
        <translation>PIN belum diatur di kiosk ini, jadi mode petugas tetap tertutup. Teknisi mengaturnya di komputer kiosk dengan:</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="179"/>
        <source>Enter your staff or technician PIN.</source>
        <translation>Masukkan PIN petugas atau teknisi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="184"/>
        <source>Enter PIN</source>
        <translation>Masukkan PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="185"/>
        <source>Clear</source>
        <translation>Kosongkan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="186"/>
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="187"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="188"/>
        <source>Enter</source>
        <translation>Masuk</translation>
    </message>
</context>
<context>
    <name>PrinterForm</name>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="256"/>
        <source>Connection</source>
        <translation>Sambungan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="259"/>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="260"/>
        <source>Network</source>
        <translation>Jaringan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="261"/>
        <source>Serial</source>
        <translation>Serial</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="262"/>
        <source>Preview (no printer)</source>
        <translation>Pratinjau (tanpa printer)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="263"/>
        <source>File or device</source>
        <translation>Berkas atau perangkat</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="266"/>
        <source>Find printers</source>
        <translation>Cari printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="269"/>
        <source>No USB printer found. Check the cable and power, then press Find printers again, or type the device below.</source>
        <translation>Printer USB tidak ditemukan. Periksa kabel dan daya, lalu tekan Cari printer lagi, atau ketik perangkatnya di bawah.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="273"/>
        <source>USB device (for example /dev/usb/lp0)</source>
        <translation>Perangkat USB (misalnya /dev/usb/lp0)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="274"/>
        <source>Printer IP address</source>
        <translation>Alamat IP printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="275"/>
        <source>Port (usually 9100)</source>
        <translation>Port (biasanya 9100)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="276"/>
        <source>Serial device (for example /dev/ttyUSB0)</source>
        <translation>Perangkat serial (misalnya /dev/ttyUSB0)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="277"/>
        <source>Speed (baud)</source>
        <translation>Kecepatan (baud)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="278"/>
        <source>File or device path</source>
        <translation>Jalur berkas atau perangkat</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="279"/>
        <source>Printer model and paper width (columns)</source>
        <translation>Model printer dan lebar kertas (kolom)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="284"/>
        <source>%1 · %2 mm paper · %3 columns</source>
        <translation>%1 · kertas %2 mm · %3 kolom</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="290"/>
        <source>Code page (ESC t, 0 = CP437)</source>
        <translation>Code page (ESC t, 0 = CP437)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="291"/>
        <source>Paper cut</source>
        <translation>Potong kertas</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="292"/>
        <source>Full cut</source>
        <translation>Potong penuh</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="292"/>
        <source>Partial cut</source>
        <translation>Potong sebagian</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="292"/>
        <source>No cut (tear)</source>
        <translation>Tanpa potong (sobek)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="293"/>
        <source>QR code</source>
        <translation>Kode QR</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="294"/>
        <source>Printer&apos;s own QR</source>
        <translation>QR bawaan printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="294"/>
        <source>As an image</source>
        <translation>Sebagai gambar</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="295"/>
        <source>Logo on the slip</source>
        <translation>Logo pada struk</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="297"/>
        <source>No logo</source>
        <translation>Tanpa logo</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="299"/>
        <source>Test</source>
        <translation>Uji</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="300"/>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="301"/>
        <source>Undo</source>
        <translation>Urungkan</translation>
    </message>
</context>
<context>
    <name>ReprintScreen</name>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="111"/>
        <source>printed</source>
        <translation>tercetak</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="112"/>
        <source>not printed</source>
        <translation>tidak tercetak</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="113"/>
        <source>not printed yet</source>
        <translation>belum tercetak</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="114"/>
        <source>shown on screen</source>
        <translation>ditampilkan di layar</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="125"/>
        <source>Print a copy of %1? It is marked COPY.</source>
        <translation>Cetak salinan %1? Struk ditandai SALINAN.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="140"/>
        <source>Did not print</source>
        <translation>Tidak tercetak</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="140"/>
        <source>All today</source>
        <translation>Semua hari ini</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="141"/>
        <source>Print copy</source>
        <translation>Cetak salinan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="142"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="144"/>
        <source>No tickets that did not print today.</source>
        <translation>Tidak ada tiket yang gagal dicetak hari ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="146"/>
        <source>No tickets today yet.</source>
        <translation>Belum ada tiket hari ini.</translation>
    </message>
</context>
<context>
    <name>ScreenForm</name>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="74"/>
        <source>Display</source>
        <translation>Layar tampilan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="75"/>
        <source>Orientation</source>
        <translation>Orientasi</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="77"/>
        <source>As installed</source>
        <translation>Sesuai pemasangan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="77"/>
        <source>Landscape</source>
        <translation>Mendatar</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="77"/>
        <source>Portrait</source>
        <translation>Tegak</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="79"/>
        <source>Size of everything on screen</source>
        <translation>Ukuran semua isi layar</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="80"/>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="81"/>
        <source>Restart now</source>
        <translation>Mulai ulang sekarang</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <location filename="../../kiosk/screens/search.py" line="115"/>
        <source>Type a word, for example: ktp, akta lahir, skck.</source>
        <translation>Ketik kata, misalnya: ktp, akta lahir, skck.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/search.py" line="117"/>
        <source>Nothing found. Try a shorter word.</source>
        <translation>Tidak ditemukan. Coba kata yang lebih pendek.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/search.py" line="119"/>
        <source>%n service(s) found</source>
        <translation>
            <numerusform>%n layanan ditemukan</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/search.py" line="130"/>
        <location filename="../../kiosk/screens/search.py" line="134"/>
        <source>Search for a service</source>
        <translation>Cari layanan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/search.py" line="133"/>
        <source>Service name…</source>
        <translation>Nama layanan…</translation>
    </message>
</context>
<context>
    <name>ServerForm</name>
    <message>
        <location filename="../../kiosk/screens/staff/server_form.py" line="96"/>
        <source>Central server address (https://...)</source>
        <translation>Alamat server pusat (https://...)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/server_form.py" line="97"/>
        <source>Kiosk token (from mpp-central kiosk add)</source>
        <translation>Token kiosk (dari mpp-central kiosk add)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/server_form.py" line="98"/>
        <source>Connect timeout</source>
        <translation>Batas waktu menyambung</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/server_form.py" line="99"/>
        <source>Answer timeout</source>
        <translation>Batas waktu jawaban</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/server_form.py" line="100"/>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/server_form.py" line="101"/>
        <source>No server</source>
        <translation>Tanpa server</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/server_form.py" line="102"/>
        <source>Restart now</source>
        <translation>Mulai ulang sekarang</translation>
    </message>
</context>
<context>
    <name>ServiceDetailScreen</name>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="244"/>
        <source>Printing the list…</source>
        <translation>Mencetak daftar…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="246"/>
        <source>Printed: take the list below the screen.</source>
        <translation>Sudah dicetak: ambil daftar di bawah layar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="249"/>
        <source>No printer is connected, so the list cannot be printed. It stays on this screen.</source>
        <translation>Printer tidak terhubung, jadi daftar tidak dapat dicetak. Daftar tetap ada di layar ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="253"/>
        <source>The list could not be printed: %1. You can take a photo of this screen instead.</source>
        <translation>Daftar tidak dapat dicetak: %1. Sebagai gantinya, Anda dapat memotret layar ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="257"/>
        <source>The list could not be printed. You can take a photo of this screen instead.</source>
        <translation>Daftar tidak dapat dicetak. Sebagai gantinya, Anda dapat memotret layar ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="287"/>
        <source>Nothing special to bring.</source>
        <translation>Tidak ada berkas khusus yang perlu dibawa.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="323"/>
        <source>You can also do this online. Scan the code with your phone:</source>
        <translation>Layanan ini juga bisa online. Pindai kode dengan ponsel Anda:</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="329"/>
        <source>Tip: this can be done at the ADM self-service machine without a queue number.</source>
        <translation>Tips: layanan ini bisa dilakukan di mesin ADM (Anjungan Dukcapil Mandiri) tanpa nomor antrean.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="333"/>
        <source>No queue number is needed: go straight to the self-service machine or use the online service.</source>
        <translation>Tidak perlu nomor antrean: langsung ke mesin layanan mandiri atau gunakan layanan online.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="349"/>
        <source>Service details</source>
        <translation>Rincian layanan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="361"/>
        <source>What to bring</source>
        <translation>Yang perlu dibawa</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="363"/>
        <source>Processing time</source>
        <translation>Waktu penyelesaian</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="364"/>
        <source>Fee</source>
        <translation>Biaya</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="365"/>
        <source>You receive</source>
        <translation>Hasil layanan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="366"/>
        <source>Steps</source>
        <translation>Alur layanan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="367"/>
        <source>Complaints and suggestions</source>
        <translation>Pengaduan dan saran</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="371"/>
        <source>Take a queue number</source>
        <translation>Ambil nomor antrean</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="372"/>
        <source>Priority number (staff may check) for:</source>
        <translation>Nomor prioritas (dapat diperiksa petugas) untuk:</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="375"/>
        <source>Print this list</source>
        <translation>Cetak daftar ini</translation>
    </message>
</context>
<context>
    <name>ServiceListScreen</name>
    <message>
        <location filename="../../kiosk/screens/service_list.py" line="118"/>
        <source>Choose a service</source>
        <translation>Pilih layanan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/service_list.py" line="121"/>
        <source>Choose the service you need. Slide the list to see more.</source>
        <translation>Pilih layanan yang Anda perlukan. Geser daftar untuk melihat lainnya.</translation>
    </message>
</context>
<context>
    <name>StaffOverlay</name>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="164"/>
        <source>Closes by itself in %1</source>
        <translation>Tertutup otomatis dalam %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="175"/>
        <source>Staff mode: %1</source>
        <translation>Mode petugas: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="177"/>
        <source>Staff mode</source>
        <translation>Mode petugas</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="178"/>
        <source>Bahasa Indonesia</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="179"/>
        <source>Leave</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="181"/>
        <source>Health</source>
        <translation>Kondisi</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="182"/>
        <source>Actions</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="183"/>
        <source>Reprint</source>
        <translation>Cetak ulang</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="184"/>
        <source>Pause</source>
        <translation>Jeda</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="185"/>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="186"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="187"/>
        <source>Screen</source>
        <translation>Layar</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="188"/>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="42"/>
        <source>today at %1</source>
        <translation>hari ini pukul %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="44"/>
        <source>tomorrow at %1</source>
        <translation>besok pukul %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="46"/>
        <source>%1 at %2</source>
        <translation>%1 pukul %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="52"/>
        <source>Numbers are available again %1.</source>
        <translation>Nomor antrean tersedia lagi %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="58"/>
        <source>Not open yet.</source>
        <translation>Belum buka.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="59"/>
        <source>No more numbers today: the last number time has passed.</source>
        <translation>Pengambilan nomor hari ini sudah ditutup.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="60"/>
        <source>Closed today.</source>
        <translation>Hari ini tutup.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="61"/>
        <source>Closed for a holiday: %1.</source>
        <translation>Libur: %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="62"/>
        <source>Today’s quota for this service is used up.</source>
        <translation>Kuota layanan ini untuk hari ini sudah habis.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="66"/>
        <source>Open now.</source>
        <translation>Buka sekarang.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="67"/>
        <source>Open now. Last number at %1.</source>
        <translation>Buka sekarang. Nomor terakhir pukul %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="79"/>
        <source>You can also register online.</source>
        <translation>Anda juga bisa mendaftar online.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="82"/>
        <source>This counter is coming soon.</source>
        <translation>Gerai ini segera hadir.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="84"/>
        <source>This counter is closed.</source>
        <translation>Gerai ini tutup.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="86"/>
        <source>No queue number is needed for this service.</source>
        <translation>Layanan ini tidak memerlukan nomor antrean.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="88"/>
        <source>Numbers are paused for a moment. Please ask at the information desk.</source>
        <translation>Pengambilan nomor dihentikan sementara. Silakan bertanya di meja informasi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="94"/>
        <source>The ticket printer needs attention, so numbers are paused. Please ask at the information desk.</source>
        <translation>Printer tiket perlu diperiksa, pengambilan nomor dihentikan sementara. Silakan bertanya di meja informasi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="107"/>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="108"/>
        <source>Open until %1</source>
        <translation>Buka s.d. %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="110"/>
        <source>Coming soon</source>
        <translation>Segera hadir</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="112"/>
        <location filename="../../kiosk/screens/texts.py" line="124"/>
        <source>Closed</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="114"/>
        <location filename="../../kiosk/screens/texts.py" line="147"/>
        <location filename="../../kiosk/screens/texts.py" line="217"/>
        <source>No queue needed</source>
        <translation>Tanpa antre</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="116"/>
        <source>Paused</source>
        <translation>Dihentikan sementara</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="118"/>
        <source>Opens %1</source>
        <translation>Buka pukul %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="121"/>
        <source>Closed · opens %1</source>
        <translation>Tutup · buka %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="130"/>
        <source>tomorrow %1</source>
        <translation>besok %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="137"/>
        <source>Free</source>
        <translation>Gratis</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="149"/>
        <source>ADM machine</source>
        <translation>Mesin ADM</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="151"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="159"/>
        <source>Elderly</source>
        <translation>Lansia</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="160"/>
        <source>Disability</source>
        <translation>Disabilitas</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="161"/>
        <source>Pregnant</source>
        <translation>Ibu hamil</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="162"/>
        <source>With children</source>
        <translation>Membawa anak</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="176"/>
        <source>No one is ahead of you</source>
        <translation>Tidak ada antrean di depan Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="178"/>
        <source>1 person ahead of you</source>
        <translation>1 orang di depan Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="180"/>
        <source>%1 people ahead of you</source>
        <translation>%1 orang di depan Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="182"/>
        <source>Estimated wait: you are next</source>
        <translation>Perkiraan tunggu: Anda berikutnya</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="184"/>
        <source>Estimated wait: about %1 min</source>
        <translation>Perkiraan tunggu: sekitar %1 menit</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="189"/>
        <source>Printing your slip…</source>
        <translation>Struk sedang dicetak…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="193"/>
        <source>Take your slip below the screen.</source>
        <translation>Ambil struk Anda di bawah layar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="197"/>
        <source>No printer is connected: your slip is shown here.</source>
        <translation>Tidak ada printer: struk Anda ditampilkan di sini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="201"/>
        <source>The slip could not be printed. Your number is saved: show this screen or a photo of the QR code at the counter.</source>
        <translation>Struk tidak dapat dicetak. Nomor Anda sudah tersimpan: tunjukkan layar ini atau foto kode QR di gerai.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="209"/>
        <source>Sorry, a number could not be issued just now. Please try again or ask the staff at the information desk.</source>
        <translation>Maaf, nomor belum dapat diambil. Silakan coba lagi atau hubungi petugas di meja informasi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="221"/>
        <source>The ticket printer needs attention. You can still take a number: show it on this screen at the counter.</source>
        <translation>Printer tiket perlu diperiksa. Anda tetap bisa mengambil nomor: tunjukkan nomor di layar ini kepada petugas gerai.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="229"/>
        <source>The ticket printer needs attention. Please ask at the information desk.</source>
        <translation>Printer tiket perlu diperiksa. Silakan bertanya di meja informasi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="235"/>
        <source>Numbers cannot be issued on this kiosk right now (no connection to the queue server). Please ask at the information desk.</source>
        <translation>Nomor antrean belum dapat diterbitkan di kiosk ini (tidak terhubung ke server antrean). Silakan bertanya di meja informasi.</translation>
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
        <location filename="../../kiosk/screens/ticket.py" line="120"/>
        <source>Back to the start in %n second(s)</source>
        <translation>
            <numerusform>Kembali ke awal dalam %n detik</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="132"/>
        <source>Your number is %1</source>
        <translation>Nomor Anda %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="136"/>
        <source>PRIORITY · %1</source>
        <translation>PRIORITAS · %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="145"/>
        <source>Taken %1, %2 WIB</source>
        <translation>Diambil %1, pukul %2 WIB</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="152"/>
        <source>Your queue number</source>
        <translation>Nomor antrean Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="155"/>
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
