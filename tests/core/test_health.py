"""/health/ for the load balancer: "ok" and nothing else (the production smoke test checks the outage)."""


def test_health_answers_ok(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
