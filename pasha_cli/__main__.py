from pasha_cli.cli import console

console()
