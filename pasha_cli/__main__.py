from pasha_cli.cli import console

if __name__ == "__main__":  # importing the module (the wheel test imports every one) runs nothing
    console()
