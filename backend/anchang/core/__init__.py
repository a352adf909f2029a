"""What every domain shares: settings, database, security, errors, pagination, audit."""
