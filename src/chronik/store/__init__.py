"""The database: schema, migrations, writes in one transaction per report, and the queries
everyone shares."""
