"""Signing staff in, for tests: the one way every test does it, so that what signing in needs (two
factors, from issue 12 on) is added here once.

`sign_in(client, user)` signs a Django test client in as `user`, ready to use the admin."""


def sign_in(client, user):
    client.force_login(user)
    return client
