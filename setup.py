"""Packages are discovered, so a new one cannot be left out of a release; the published schemas/ folder,
the single source of truth for the file formats, ships in the wheel as pasha_cli/schemas. (pyproject.toml
cannot say both: its `packages.find` finds folders, and schemas/ is not one under pasha_cli.)"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["pasha_cli", "pasha_cli.*"]), "pasha_cli.schemas"],
    package_dir={"pasha_cli.schemas": "schemas"},
)
