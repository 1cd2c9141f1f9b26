"""The project: where its config is, the config, the dated spec, drafts, their schemas and source positions."""
