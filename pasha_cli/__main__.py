from pasha_cli.cli import main

main()
