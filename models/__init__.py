"""The domain: SQLAlchemy models, rules and services. Never imports Qt."""
