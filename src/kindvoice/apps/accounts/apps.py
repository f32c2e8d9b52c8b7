from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kindvoice.apps.accounts"
    label = "accounts"
    verbose_name = "Accounts"
