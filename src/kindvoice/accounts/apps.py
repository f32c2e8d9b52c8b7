from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kindvoice.accounts"
    label = "accounts"
    verbose_name = "Accounts"
