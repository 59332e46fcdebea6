from kiosk.appliance.cli import main

raise SystemExit(main())
