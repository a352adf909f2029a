"""Organizations, users, developers, projects and project members."""
