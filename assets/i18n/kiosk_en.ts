<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>GeraiGridScreen</name>
    <message>
        <location filename="../../kiosk/screens/gerai_grid.py" line="77"/>
        <source>Choose a service counter</source>
        <translation>Choose a service counter</translation>
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
    <name>KioskWindow</name>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="147"/>
        <source>Bahasa Indonesia</source>
        <translation>Bahasa Indonesia</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="148"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="149"/>
        <source>Start again</source>
        <translation>Start again</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/main_window.py" line="150"/>
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
    <name>SearchScreen</name>
    <message>
        <location filename="../../kiosk/screens/search.py" line="107"/>
        <source>Type a word, for example: ktp, akta lahir, skck.</source>
        <translation>Type a word, for example: ktp, akta lahir, skck.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/search.py" line="109"/>
        <source>Nothing found. Try a shorter word.</source>
        <translation>Nothing found. Try a shorter word.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/search.py" line="111"/>
        <source>%n service(s) found</source>
        <translation>
            <numerusform>%n service found</numerusform>
            <numerusform>%n services found</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/search.py" line="122"/>
        <location filename="../../kiosk/screens/search.py" line="126"/>
        <source>Search for a service</source>
        <translation>Search for a service</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/search.py" line="125"/>
        <source>Service name…</source>
        <translation>Service name…</translation>
    </message>
</context>
<context>
    <name>ServiceDetailScreen</name>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="203"/>
        <source>Nothing special to bring.</source>
        <translation>Nothing special to bring.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="237"/>
        <source>You can also do this online. Scan the code with your phone:</source>
        <translation>You can also do this online. Scan the code with your phone:</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="242"/>
        <source>Tip: this can be done at the ADM self-service machine without a queue number.</source>
        <translation>Tip: this can be done at the ADM self-service machine without a queue number.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="246"/>
        <source>No queue number is needed: go straight to the self-service machine or use the online service.</source>
        <translation>No queue number is needed: go straight to the self-service machine or use the online service.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="262"/>
        <source>Service details</source>
        <translation>Service details</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="274"/>
        <source>What to bring</source>
        <translation>What to bring</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="276"/>
        <source>Processing time</source>
        <translation>Processing time</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="277"/>
        <source>Fee</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="278"/>
        <source>You receive</source>
        <translation>You receive</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="279"/>
        <source>Steps</source>
        <translation>Steps</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="280"/>
        <source>Complaints and suggestions</source>
        <translation>Complaints and suggestions</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="284"/>
        <source>Take a queue number</source>
        <translation>Take a queue number</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="286"/>
        <source>Priority number (staff may check) for:</source>
        <translation>Priority number (staff may check) for:</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/detail.py" line="290"/>
        <source>Print this list</source>
        <translation>Print this list</translation>
    </message>
</context>
<context>
    <name>ServiceListScreen</name>
    <message>
        <location filename="../../kiosk/screens/service_list.py" line="122"/>
        <source>Choose a service</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/service_list.py" line="125"/>
        <source>Choose the service you need. Slide the list to see more.</source>
        <translation>Choose the service you need. Slide the list to see more.</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="41"/>
        <source>today at %1</source>
        <translation>today at %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="43"/>
        <source>tomorrow at %1</source>
        <translation>tomorrow at %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="45"/>
        <source>%1 at %2</source>
        <translation>%1 at %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="51"/>
        <source>Numbers are available again %1.</source>
        <translation>Numbers are available again %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="55"/>
        <source>Not open yet.</source>
        <translation>Not open yet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="56"/>
        <source>No more numbers today: the last number time has passed.</source>
        <translation>No more numbers today: the last number time has passed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="57"/>
        <source>Closed today.</source>
        <translation>Closed today.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="58"/>
        <source>Closed for a holiday: %1.</source>
        <translation>Closed for a holiday: %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="59"/>
        <source>Today’s quota for this service is used up.</source>
        <translation>Today’s quota for this service is used up.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="63"/>
        <source>Open now.</source>
        <translation>Open now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="64"/>
        <source>Open now. Last number at %1.</source>
        <translation>Open now. Last number at %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="74"/>
        <source>You can also register online.</source>
        <translation>You can also register online.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="77"/>
        <source>This counter is coming soon.</source>
        <translation>This counter is coming soon.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="79"/>
        <source>This counter is closed.</source>
        <translation>This counter is closed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="81"/>
        <source>No queue number is needed for this service.</source>
        <translation>No queue number is needed for this service.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="83"/>
        <source>Numbers are paused for a moment. Please ask at the information desk.</source>
        <translation>Numbers are paused for a moment. Please ask at the information desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="85"/>
        <source>The ticket printer needs attention, so numbers are paused. Please ask at the information desk.</source>
        <translation>The ticket printer needs attention, so numbers are paused. Please ask at the information desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="98"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="99"/>
        <source>Open until %1</source>
        <translation>Open until %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="101"/>
        <source>Coming soon</source>
        <translation>Coming soon</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="103"/>
        <location filename="../../kiosk/screens/texts.py" line="115"/>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="105"/>
        <location filename="../../kiosk/screens/texts.py" line="138"/>
        <location filename="../../kiosk/screens/texts.py" line="208"/>
        <source>No queue needed</source>
        <translation>No queue needed</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="107"/>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="109"/>
        <source>Opens %1</source>
        <translation>Opens %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="112"/>
        <source>Closed · opens %1</source>
        <translation>Closed · opens %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="121"/>
        <source>tomorrow %1</source>
        <translation>tomorrow %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="128"/>
        <source>Free</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="140"/>
        <source>ADM machine</source>
        <translation>ADM machine</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="142"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="150"/>
        <source>Elderly</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="151"/>
        <source>Disability</source>
        <translation>Disability</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="152"/>
        <source>Pregnant</source>
        <translation>Pregnant</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="153"/>
        <source>With children</source>
        <translation>With children</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="167"/>
        <source>No one is ahead of you</source>
        <translation>No one is ahead of you</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="169"/>
        <source>1 person ahead of you</source>
        <translation>1 person ahead of you</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="171"/>
        <source>%1 people ahead of you</source>
        <translation>%1 people ahead of you</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="173"/>
        <source>Estimated wait: you are next</source>
        <translation>Estimated wait: you are next</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="175"/>
        <source>Estimated wait: about %1 min</source>
        <translation>Estimated wait: about %1 min</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="180"/>
        <source>Printing your slip…</source>
        <translation>Printing your slip…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="184"/>
        <source>Take your slip below the screen.</source>
        <translation>Take your slip below the screen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="188"/>
        <source>No printer is connected: your slip is shown here.</source>
        <translation>No printer is connected: your slip is shown here.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="192"/>
        <source>The slip could not be printed. Your number is saved: show this screen or a photo of the QR code at the counter.</source>
        <translation>The slip could not be printed. Your number is saved: show this screen or a photo of the QR code at the counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="200"/>
        <source>Sorry, a number could not be issued just now. Please try again or ask the staff at the information desk.</source>
        <translation>Sorry, a number could not be issued just now. Please try again or ask the staff at the information desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="212"/>
        <source>The ticket printer needs attention. You can still take a number: show it on this screen at the counter.</source>
        <translation>The ticket printer needs attention. You can still take a number: show it on this screen at the counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/texts.py" line="220"/>
        <source>The ticket printer needs attention. Please ask at the information desk.</source>
        <translation>The ticket printer needs attention. Please ask at the information desk.</translation>
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
        <location filename="../../kiosk/screens/ticket.py" line="116"/>
        <source>Back to the start in %n second(s)</source>
        <translation>
            <numerusform>Back to the start in %n second</numerusform>
            <numerusform>Back to the start in %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="128"/>
        <source>Your number is %1</source>
        <translation>Your number is %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="132"/>
        <source>PRIORITY · %1</source>
        <translation>PRIORITY · %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="141"/>
        <source>Taken %1, %2 WIB</source>
        <translation>Taken %1, %2 WIB</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="147"/>
        <source>Your queue number</source>
        <translation>Your queue number</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="150"/>
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
