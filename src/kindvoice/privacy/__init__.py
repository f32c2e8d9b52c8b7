"""Privacy machinery shared by every Django app: the encrypted field, data export,
account deletion and key rotation."""
