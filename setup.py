"""The packages of the release, for setuptools (everything else is in pyproject.toml).

The kiosk's assets (catalog, fonts, icons, translations) stay in ``assets/`` at the top of the
repository and are installed as the package ``mpp_assets``: a folder cannot be renamed in
pyproject's ``packages.find``, hence this file. ``mpp_core.assets.assets_dir()`` finds them
installed or in a checkout.
"""

from setuptools import find_namespace_packages, setup

ASSETS = "mpp_assets"
# Namespace packages too: the Alembic migrations (kiosk/store/migrations, central/migrations)
# and the installer's files have no __init__.py and must still be in the wheel.
CODE = find_namespace_packages(
    include=["mpp_core*", "kiosk*", "central*"], exclude=["*.__pycache__"]
)
# Every folder under assets/ (none has an __init__.py) is a data package of mpp_assets.
DATA = [ASSETS] + [f"{ASSETS}.{p}" for p in find_namespace_packages(where="assets")]

setup(packages=CODE + DATA, package_dir={ASSETS: "assets"})
