"""The read views: the API's catalog of entities, facts and sources, and exports for other tools."""
