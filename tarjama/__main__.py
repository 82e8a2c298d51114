from tarjama.cli import main

raise SystemExit(main())
