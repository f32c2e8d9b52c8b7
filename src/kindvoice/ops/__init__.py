"""Operations on an installation (backup, restore, health checks, serving), shared by the CLI."""
