<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>ActionsScreen</name>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="145"/>
        <source>Reset the terminal? The printer is reopened and the visitor screens start again. No ticket is lost.</source>
        <translation>Reset the terminal? The printer is reopened and the visitor screens start again. No ticket is lost.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="150"/>
        <source>Restart the kiosk app now? It is back in a few seconds. No ticket is lost.</source>
        <translation>Restart the kiosk app now? It is back in a few seconds. No ticket is lost.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="153"/>
        <source>Leave the kiosk app for the desktop? Visitors cannot take numbers until it is started again.</source>
        <translation>Leave the kiosk app for the desktop? Visitors cannot take numbers until it is started again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="159"/>
        <source>Yes, reset</source>
        <translation>Yes, reset</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="160"/>
        <source>Yes, restart</source>
        <translation>Yes, restart</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="161"/>
        <source>Yes, leave</source>
        <translation>Yes, leave</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="166"/>
        <source>Paper roll replaced</source>
        <translation>Paper roll replaced</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="167"/>
        <source>Test print</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="168"/>
        <source>Reprint a ticket</source>
        <translation>Reprint a ticket</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="169"/>
        <source>Not printed (%1)</source>
        <translation>Not printed (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="170"/>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="171"/>
        <source>Resume numbers</source>
        <translation>Resume numbers</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="171"/>
        <source>Pause numbers</source>
        <translation>Pause numbers</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="172"/>
        <source>Reset terminal</source>
        <translation>Reset terminal</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="173"/>
        <source>Restart app</source>
        <translation>Restart app</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="174"/>
        <source>Exit to desktop</source>
        <translation>Exit to desktop</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/actions.py" line="180"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FormKeyboard</name>
    <message>
        <location filename="../../kiosk/screens/staff/common.py" line="339"/>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/common.py" line="340"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/common.py" line="341"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/common.py" line="342"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>GeraiGridScreen</name>
    <message>
        <location filename="../../kiosk/screens/gerai_grid.py" line="80"/>
        <source>Choose a service counter</source>
        <translation>Choose a service counter</translation>
    </message>
</context>
<context>
    <name>HealthScreen</name>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="115"/>
        <source>Issuing numbers is paused. Visitors see: %1</source>
        <translation>Issuing numbers is paused. Visitors see: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="125"/>
        <source>Paper left: about %1 m</source>
        <translation>Paper left: about %1 m</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="141"/>
        <source>Network connected: %1</source>
        <translation>Network connected: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="143"/>
        <source>No network connection</source>
        <translation>No network connection</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="152"/>
        <source>Staff log entries waiting to be sent: %1</source>
        <translation>Staff log entries waiting to be sent: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="159"/>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/staff/health.py" line="162"/>
        <source>%n ticket(s) today</source>
        <translation>
            <numerusform>%n ticket today</numerusform>
            <numerusform>%n tickets today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/staff/health.py" line="164"/>
        <source>%n ticket(s) did not print</source>
        <translation>
            <numerusform>%n ticket did not print</numerusform>
            <numerusform>%n tickets did not print</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="173"/>
        <source>No PIN set for: %1</source>
        <translation>No PIN set for: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="193"/>
        <source>Clock</source>
        <translation>Clock</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="194"/>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="195"/>
        <source>Network and server</source>
        <translation>Network and server</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="196"/>
        <source>Service catalog</source>
        <translation>Service catalog</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="197"/>
        <source>Tickets today per gerai</source>
        <translation>Tickets today per gerai</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/health.py" line="198"/>
        <source>Needs attention</source>
        <translation>Needs attention</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message numerus="yes">
        <location filename="../../kiosk/screens/idle.py" line="55"/>
        <source>The screen goes back to the start in %n second(s).</source>
        <translation>
            <numerusform>The screen goes back to the start in %n second.</numerusform>
            <numerusform>The screen goes back to the start in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/idle.py" line="68"/>
        <source>Are you still there?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/idle.py" line="69"/>
        <source>Yes, I am still here</source>
        <translation>Yes, I am still here</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/idle.py" line="70"/>
        <source>Start again</source>
        <translation>Start again</translation>
    </message>
</context>
<context>
    <name>KioskForm</name>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="156"/>
        <source>Back to the start after (no touch)</source>
        <translation>Back to the start after (no touch)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="157"/>
        <source>English for visitors</source>
        <translation>English for visitors</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="158"/>
        <source>Offered</source>
        <translation>Offered</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="158"/>
        <source>Not offered</source>
        <translation>Not offered</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="159"/>
        <source>Each visitor starts in</source>
        <translation>Each visitor starts in</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="160"/>
        <source>Opening hours on this kiosk</source>
        <translation>Opening hours on this kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="163"/>
        <source>Overrides the catalog&apos;s hours for every gerai, for example for Ramadan, an event day or a closed day.</source>
        <translation>Overrides the catalog&apos;s hours for every gerai, for example for Ramadan, an event day or a closed day.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="167"/>
        <source>As the catalog</source>
        <translation>As the catalog</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="167"/>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="167"/>
        <source>Special hours</source>
        <translation>Special hours</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="168"/>
        <source>Opens at</source>
        <translation>Opens at</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="169"/>
        <source>Closes at</source>
        <translation>Closes at</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="170"/>
        <source>Earlier opening</source>
        <translation>Earlier opening</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="170"/>
        <source>Later opening</source>
        <translation>Later opening</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="171"/>
        <source>Earlier closing</source>
        <translation>Earlier closing</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="171"/>
        <source>Later closing</source>
        <translation>Later closing</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="172"/>
        <source>On these days</source>
        <translation>On these days</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="174"/>
        <source>Mon</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="175"/>
        <source>Tue</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="176"/>
        <source>Wed</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="177"/>
        <source>Thu</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="178"/>
        <source>Fri</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="179"/>
        <source>Sat</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="180"/>
        <source>Sun</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="184"/>
        <source>For how long</source>
        <translation>For how long</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="185"/>
        <source>Today only</source>
        <translation>Today only</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="185"/>
        <source>Until changed</source>
        <translation>Until changed</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/kiosk_form.py" line="186"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="153"/>
        <source>Bahasa Indonesia</source>
        <translation>Bahasa Indonesia</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="154"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="155"/>
        <source>Start again</source>
        <translation>Start again</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="156"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../kiosk/screens/keyboard.py" line="54"/>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/keyboard.py" line="55"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/keyboard.py" line="56"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>PauseScreen</name>
    <message>
        <location filename="../../kiosk/screens/staff/pause.py" line="113"/>
        <source>Write the message visitors will see.</source>
        <translation>Write the message visitors will see.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pause.py" line="122"/>
        <source>Issuing numbers is paused. Visitors see:</source>
        <translation>Issuing numbers is paused. Visitors see:</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pause.py" line="124"/>
        <source>Resume numbers</source>
        <translation>Resume numbers</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pause.py" line="125"/>
        <source>Message for visitors</source>
        <translation>Message for visitors</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pause.py" line="127"/>
        <source>Another message (type it)</source>
        <translation>Another message (type it)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pause.py" line="129"/>
        <source>Your message</source>
        <translation>Your message</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pause.py" line="130"/>
        <source>Pause numbers</source>
        <translation>Pause numbers</translation>
    </message>
</context>
<context>
    <name>PinPadScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="152"/>
        <source>%n digit(s) entered</source>
        <translation>
            <numerusform>%n digit entered</numerusform>
            <numerusform>%n digits entered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="166"/>
        <source>Wrong PIN. %n attempt(s) left before the pad locks.</source>
        <translation>
            <numerusform>Wrong PIN. %n attempt left before the pad locks.</numerusform>
            <numerusform>Wrong PIN. %n attempts left before the pad locks.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="170"/>
        <source>Too many wrong PINs. Try again in %1.</source>
        <translation>Too many wrong PINs. Try again in %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="175"/>
        <source>No PIN has been set on this kiosk, so staff mode stays closed. A technician sets one on the kiosk&apos;s computer with:</source>
        <translation>No PIN has been set on this kiosk, so staff mode stays closed. A technician sets one on the kiosk&apos;s computer with:</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="179"/>
        <source>Enter your staff or technician PIN.</source>
        <translation>Enter your staff or technician PIN.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="184"/>
        <source>Enter PIN</source>
        <translation>Enter PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="185"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="186"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="187"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/pin_pad.py" line="188"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
</context>
<context>
    <name>PrinterForm</name>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="256"/>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="259"/>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="260"/>
        <source>Network</source>
        <translation>Network</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="261"/>
        <source>Serial</source>
        <translation>Serial</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="262"/>
        <source>Preview (no printer)</source>
        <translation>Preview (no printer)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="263"/>
        <source>File or device</source>
        <translation>File or device</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="266"/>
        <source>Find printers</source>
        <translation>Find printers</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="269"/>
        <source>No USB printer found. Check the cable and power, then press Find printers again, or type the device below.</source>
        <translation>No USB printer found. Check the cable and power, then press Find printers again, or type the device below.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="273"/>
        <source>USB device (for example /dev/usb/lp0)</source>
        <translation>USB device (for example /dev/usb/lp0)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="274"/>
        <source>Printer IP address</source>
        <translation>Printer IP address</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="275"/>
        <source>Port (usually 9100)</source>
        <translation>Port (usually 9100)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="276"/>
        <source>Serial device (for example /dev/ttyUSB0)</source>
        <translation>Serial device (for example /dev/ttyUSB0)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="277"/>
        <source>Speed (baud)</source>
        <translation>Speed (baud)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="278"/>
        <source>File or device path</source>
        <translation>File or device path</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="279"/>
        <source>Printer model and paper width (columns)</source>
        <translation>Printer model and paper width (columns)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="284"/>
        <source>%1 · %2 mm paper · %3 columns</source>
        <translation>%1 · %2 mm paper · %3 columns</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="290"/>
        <source>Code page (ESC t, 0 = CP437)</source>
        <translation>Code page (ESC t, 0 = CP437)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="291"/>
        <source>Paper cut</source>
        <translation>Paper cut</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="292"/>
        <source>Full cut</source>
        <translation>Full cut</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="292"/>
        <source>Partial cut</source>
        <translation>Partial cut</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="292"/>
        <source>No cut (tear)</source>
        <translation>No cut (tear)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="293"/>
        <source>QR code</source>
        <translation>QR code</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="294"/>
        <source>Printer&apos;s own QR</source>
        <translation>Printer&apos;s own QR</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="294"/>
        <source>As an image</source>
        <translation>As an image</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="295"/>
        <source>Logo on the slip</source>
        <translation>Logo on the slip</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="297"/>
        <source>No logo</source>
        <translation>No logo</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="299"/>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="300"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/printer_form.py" line="301"/>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
</context>
<context>
    <name>ReprintScreen</name>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="111"/>
        <source>printed</source>
        <translation>printed</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="112"/>
        <source>not printed</source>
        <translation>not printed</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="113"/>
        <source>not printed yet</source>
        <translation>not printed yet</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="114"/>
        <source>shown on screen</source>
        <translation>shown on screen</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="125"/>
        <source>Print a copy of %1? It is marked COPY.</source>
        <translation>Print a copy of %1? It is marked COPY.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="140"/>
        <source>Did not print</source>
        <translation>Did not print</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="140"/>
        <source>All today</source>
        <translation>All today</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="141"/>
        <source>Print copy</source>
        <translation>Print copy</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="142"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="144"/>
        <source>No tickets that did not print today.</source>
        <translation>No tickets that did not print today.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/reprint.py" line="146"/>
        <source>No tickets today yet.</source>
        <translation>No tickets today yet.</translation>
    </message>
</context>
<context>
    <name>ScreenForm</name>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="74"/>
        <source>Display</source>
        <translation>Display</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="75"/>
        <source>Orientation</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="77"/>
        <source>As installed</source>
        <translation>As installed</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="77"/>
        <source>Landscape</source>
        <translation>Landscape</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="77"/>
        <source>Portrait</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="79"/>
        <source>Size of everything on screen</source>
        <translation>Size of everything on screen</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="80"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/screen_form.py" line="81"/>
        <source>Restart now</source>
        <translation>Restart now</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <location filename="../../kiosk/screens/search.py" line="115"/>
        <source>Type a word, for example: ktp, akta lahir, skck.</source>
        <translation>Type a word, for example: ktp, akta lahir, skck.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/search.py" line="117"/>
        <source>Nothing found. Try a shorter word.</source>
        <translation>Nothing found. Try a shorter word.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/search.py" line="119"/>
        <source>%n service(s) found</source>
        <translation>
            <numerusform>%n service found</numerusform>
            <numerusform>%n services found</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/search.py" line="130"/>
        <location filename="../../kiosk/screens/search.py" line="134"/>
        <source>Search for a service</source>
        <translation>Search for a service</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/search.py" line="133"/>
        <source>Service name…</source>
        <translation>Service name…</translation>
    </message>
</context>
<context>
    <name>ServerForm</name>
    <message>
        <location filename="../../kiosk/screens/staff/server_form.py" line="96"/>
        <source>Central server address (https://...)</source>
        <translation>Central server address (https://...)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/server_form.py" line="97"/>
        <source>Kiosk token (from mpp-central kiosk add)</source>
        <translation>Kiosk token (from mpp-central kiosk add)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/server_form.py" line="98"/>
        <source>Connect timeout</source>
        <translation>Connect timeout</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/server_form.py" line="99"/>
        <source>Answer timeout</source>
        <translation>Answer timeout</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/server_form.py" line="100"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/server_form.py" line="101"/>
        <source>No server</source>
        <translation>No server</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/server_form.py" line="102"/>
        <source>Restart now</source>
        <translation>Restart now</translation>
    </message>
</context>
<context>
    <name>ServiceDetailScreen</name>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="244"/>
        <source>Printing the list…</source>
        <translation>Printing the list…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="246"/>
        <source>Printed: take the list below the screen.</source>
        <translation>Printed: take the list below the screen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="249"/>
        <source>No printer is connected, so the list cannot be printed. It stays on this screen.</source>
        <translation>No printer is connected, so the list cannot be printed. It stays on this screen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="253"/>
        <source>The list could not be printed: %1. You can take a photo of this screen instead.</source>
        <translation>The list could not be printed: %1. You can take a photo of this screen instead.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="257"/>
        <source>The list could not be printed. You can take a photo of this screen instead.</source>
        <translation>The list could not be printed. You can take a photo of this screen instead.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="287"/>
        <source>Nothing special to bring.</source>
        <translation>Nothing special to bring.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="323"/>
        <source>You can also do this online. Scan the code with your phone:</source>
        <translation>You can also do this online. Scan the code with your phone:</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="329"/>
        <source>Tip: this can be done at the ADM self-service machine without a queue number.</source>
        <translation>Tip: this can be done at the ADM self-service machine without a queue number.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="333"/>
        <source>No queue number is needed: go straight to the self-service machine or use the online service.</source>
        <translation>No queue number is needed: go straight to the self-service machine or use the online service.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="349"/>
        <source>Service details</source>
        <translation>Service details</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="361"/>
        <source>What to bring</source>
        <translation>What to bring</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="363"/>
        <source>Processing time</source>
        <translation>Processing time</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="364"/>
        <source>Fee</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="365"/>
        <source>You receive</source>
        <translation>You receive</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="366"/>
        <source>Steps</source>
        <translation>Steps</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="367"/>
        <source>Complaints and suggestions</source>
        <translation>Complaints and suggestions</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="371"/>
        <source>Take a queue number</source>
        <translation>Take a queue number</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="372"/>
        <source>Priority number (staff may check) for:</source>
        <translation>Priority number (staff may check) for:</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="375"/>
        <source>Print this list</source>
        <translation>Print this list</translation>
    </message>
</context>
<context>
    <name>ServiceListScreen</name>
    <message>
        <location filename="../../kiosk/screens/service_list.py" line="118"/>
        <source>Choose a service</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/service_list.py" line="121"/>
        <source>Choose the service you need. Slide the list to see more.</source>
        <translation>Choose the service you need. Slide the list to see more.</translation>
    </message>
</context>
<context>
    <name>StaffOverlay</name>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="164"/>
        <source>Closes by itself in %1</source>
        <translation>Closes by itself in %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="175"/>
        <source>Staff mode: %1</source>
        <translation>Staff mode: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="177"/>
        <source>Staff mode</source>
        <translation>Staff mode</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="178"/>
        <source>Bahasa Indonesia</source>
        <translation>Bahasa Indonesia</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="179"/>
        <source>Leave</source>
        <translation>Leave</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="181"/>
        <source>Health</source>
        <translation>Health</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="182"/>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="183"/>
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/staff/shell.py" line="184"/>
        <source>Pause</source>
        <translation>Pause</translation>
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
        <translation>Screen</translation>
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
        <translation>today at %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="44"/>
        <source>tomorrow at %1</source>
        <translation>tomorrow at %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="46"/>
        <source>%1 at %2</source>
        <translation>%1 at %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="52"/>
        <source>Numbers are available again %1.</source>
        <translation>Numbers are available again %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="58"/>
        <source>Not open yet.</source>
        <translation>Not open yet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="59"/>
        <source>No more numbers today: the last number time has passed.</source>
        <translation>No more numbers today: the last number time has passed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="60"/>
        <source>Closed today.</source>
        <translation>Closed today.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="61"/>
        <source>Closed for a holiday: %1.</source>
        <translation>Closed for a holiday: %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="62"/>
        <source>Today’s quota for this service is used up.</source>
        <translation>Today’s quota for this service is used up.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="66"/>
        <source>Open now.</source>
        <translation>Open now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="67"/>
        <source>Open now. Last number at %1.</source>
        <translation>Open now. Last number at %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="79"/>
        <source>You can also register online.</source>
        <translation>You can also register online.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="82"/>
        <source>This counter is coming soon.</source>
        <translation>This counter is coming soon.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="84"/>
        <source>This counter is closed.</source>
        <translation>This counter is closed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="86"/>
        <source>No queue number is needed for this service.</source>
        <translation>No queue number is needed for this service.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="88"/>
        <source>Numbers are paused for a moment. Please ask at the information desk.</source>
        <translation>Numbers are paused for a moment. Please ask at the information desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="94"/>
        <source>The ticket printer needs attention, so numbers are paused. Please ask at the information desk.</source>
        <translation>The ticket printer needs attention, so numbers are paused. Please ask at the information desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="107"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="108"/>
        <source>Open until %1</source>
        <translation>Open until %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="110"/>
        <source>Coming soon</source>
        <translation>Coming soon</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="112"/>
        <location filename="../../kiosk/screens/texts.py" line="124"/>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="114"/>
        <location filename="../../kiosk/screens/texts.py" line="147"/>
        <location filename="../../kiosk/screens/texts.py" line="217"/>
        <source>No queue needed</source>
        <translation>No queue needed</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="116"/>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="118"/>
        <source>Opens %1</source>
        <translation>Opens %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="121"/>
        <source>Closed · opens %1</source>
        <translation>Closed · opens %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="130"/>
        <source>tomorrow %1</source>
        <translation>tomorrow %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="137"/>
        <source>Free</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="149"/>
        <source>ADM machine</source>
        <translation>ADM machine</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="151"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="159"/>
        <source>Elderly</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="160"/>
        <source>Disability</source>
        <translation>Disability</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="161"/>
        <source>Pregnant</source>
        <translation>Pregnant</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="162"/>
        <source>With children</source>
        <translation>With children</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="176"/>
        <source>No one is ahead of you</source>
        <translation>No one is ahead of you</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="178"/>
        <source>1 person ahead of you</source>
        <translation>1 person ahead of you</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="180"/>
        <source>%1 people ahead of you</source>
        <translation>%1 people ahead of you</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="182"/>
        <source>Estimated wait: you are next</source>
        <translation>Estimated wait: you are next</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="184"/>
        <source>Estimated wait: about %1 min</source>
        <translation>Estimated wait: about %1 min</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="189"/>
        <source>Printing your slip…</source>
        <translation>Printing your slip…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="193"/>
        <source>Take your slip below the screen.</source>
        <translation>Take your slip below the screen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="197"/>
        <source>No printer is connected: your slip is shown here.</source>
        <translation>No printer is connected: your slip is shown here.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="201"/>
        <source>The slip could not be printed. Your number is saved: show this screen or a photo of the QR code at the counter.</source>
        <translation>The slip could not be printed. Your number is saved: show this screen or a photo of the QR code at the counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="209"/>
        <source>Sorry, a number could not be issued just now. Please try again or ask the staff at the information desk.</source>
        <translation>Sorry, a number could not be issued just now. Please try again or ask the staff at the information desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="221"/>
        <source>The ticket printer needs attention. You can still take a number: show it on this screen at the counter.</source>
        <translation>The ticket printer needs attention. You can still take a number: show it on this screen at the counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="229"/>
        <source>The ticket printer needs attention. Please ask at the information desk.</source>
        <translation>The ticket printer needs attention. Please ask at the information desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="235"/>
        <source>Numbers cannot be issued on this kiosk right now (no connection to the queue server). Please ask at the information desk.</source>
        <translation>Numbers cannot be issued on this kiosk right now (no connection to the queue server). Please ask at the information desk.</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="102"/>
        <source>Your slip</source>
        <translation>Your slip</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/ticket.py" line="120"/>
        <source>Back to the start in %n second(s)</source>
        <translation>
            <numerusform>Back to the start in %n second</numerusform>
            <numerusform>Back to the start in %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="132"/>
        <source>Your number is %1</source>
        <translation>Your number is %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="136"/>
        <source>PRIORITY · %1</source>
        <translation>PRIORITY · %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="145"/>
        <source>Taken %1, %2 WIB</source>
        <translation>Taken %1, %2 WIB</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="152"/>
        <source>Your queue number</source>
        <translation>Your queue number</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="155"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../../kiosk/screens/welcome.py" line="98"/>
        <source>Touch to start</source>
        <translation>Touch to start</translation>
    </message>
</context>
</TS>
