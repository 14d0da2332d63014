"""PM Hub: project management on Databricks, queried as the signed-in user."""
