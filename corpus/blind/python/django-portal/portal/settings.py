import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "portal.urls"

INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.staticfiles"]
MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    "portal.middleware.ForwardedUserMiddleware",
]

DATABRICKS_HOST = os.environ.get("DATABRICKS_HOST", "")
DATABRICKS_WAREHOUSE_ID = os.environ.get("DATABRICKS_WAREHOUSE_ID", "")
# For running against a workspace from a laptop, export a PAT instead of editing this.
DATABRICKS_DEV_TOKEN = os.environ.get("DATABRICKS_DEV_TOKEN", "<your-token>")
