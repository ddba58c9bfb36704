from sopengine.cli.main import main

main()
