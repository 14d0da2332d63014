import os


class Settings:
    TOKEN_HEADER = "X-Forwarded-Access-Token"
    EMAIL_HEADER = "X-Forwarded-Email"
    HOST = os.getenv("DATABRICKS_HOST", "")
    WAREHOUSE_ID = os.getenv("DATABRICKS_WAREHOUSE_ID")


settings = Settings()
