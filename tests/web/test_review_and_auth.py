"""Users, roles, sessions, CSRF, API tokens, the login limit, reviews and the audit log."""

from __future__ import annotations

import pytest
from web_fixtures import PASSWORD, WebClient, merged_ids

from detente.errors import QueryError
from detente.web import create_app
from detente.web.auth import LoginLimiter, add_user, authenticate, create_token


def review_json(client, merged_id, **body):
    return client.post(
        f"/api/events/{merged_id}/review", json=body, headers={"X-CSRF-Token": client.csrf()}
    )


def test_passwords_are_hashed_with_argon2_and_checked(store):
    stored = store.scalar("SELECT password_hash FROM users WHERE name = 'rita'")
    assert stored.startswith("$argon2") and PASSWORD not in stored
    assert authenticate(store, "rita", PASSWORD).role == "reviewer"
    assert authenticate(store, "rita", "wrong password") is None
    assert authenticate(store, "nobody", PASSWORD) is None
    with pytest.raises(QueryError, match="role"):
        add_user(store, "eve", PASSWORD, "overlord")
    with pytest.raises(QueryError, match="8 characters"):
        add_user(store, "eve", "short", "viewer")


def test_a_server_without_users_is_read_only(reader, read_store):
    merged = merged_ids(read_store)[0]
    response = reader.post(f"/api/events/{merged}/review", json={"action": "confirm"})
    assert response.status_code == 403 and "read-only" in response.json()["error"]
    assert "Sign in" not in reader.get("/").text and "read-only" in reader.get("/").text


def test_signing_in_sets_a_signed_httponly_samesite_cookie(client):
    response = client.sign_in("rita")
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "detente_session=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert client.get("/api/me").json() == {"user": "rita", "role": "reviewer"}
    forged = WebClient(client.app)
    forged.cookies.set("detente_session", cookie.split("=", 1)[1].split(";")[0][:-4] + "AAAA")
    assert forged.get("/api/me").json()["user"] is None


def test_login_is_rate_limited_per_client(client):
    for _ in range(3):
        assert client.sign_in("rita", "wrong password").status_code == 401
    blocked = client.sign_in("rita")
    assert blocked.status_code == 429 and "Too many failed sign-ins" in blocked.text


def test_limiter_forgets_failures_after_its_window():
    now = [0.0]
    limiter = LoginLimiter(attempts=2, window=10, clock=lambda: now[0])
    limiter.failed("1.2.3.4")
    limiter.failed("1.2.3.4")
    assert limiter.blocked_for("1.2.3.4") == 10 and limiter.blocked_for("5.6.7.8") == 0
    now[0] = 10.5
    assert limiter.blocked_for("1.2.3.4") == 0


def test_forms_and_cookie_writes_need_the_csrf_token(client, store):
    login = client.post(
        "/login", data={"name": "rita", "password": PASSWORD, "csrf_token": "forged"}
    )
    assert login.status_code == 403 and "CSRF" in login.text
    client.sign_in("rita")
    merged = merged_ids(store)[0]
    bare = client.post(f"/api/events/{merged}/review", json={"action": "confirm"})
    assert bare.status_code == 403 and "CSRF" in bare.json()["error"]
    form = client.post(f"/event/{merged}/review", data={"action": "reject", "csrf_token": "x"})
    assert form.status_code == 403


def test_write_endpoints_refuse_without_the_right_role(client, store):
    merged = merged_ids(store)[0]
    anonymous = review_json(client, merged, action="confirm")
    assert anonymous.status_code == 401
    client.sign_in("vera")
    viewer = review_json(client, merged, action="confirm")
    assert viewer.status_code == 403 and "reviewer role" in viewer.json()["error"]
    user = client.post(
        "/api/users",
        json={"name": "x", "password": PASSWORD, "role": "admin"},
        headers={"X-CSRF-Token": client.csrf()},
    )
    assert user.status_code == 403


def test_an_admin_adds_users(client, store):
    client.sign_in("ada")
    added = client.post(
        "/api/users",
        json={"name": "nora", "password": PASSWORD, "role": "reviewer"},
        headers={"X-CSRF-Token": client.csrf()},
    )
    assert added.json() == {"name": "nora", "role": "reviewer"}
    assert authenticate(store, "nora", PASSWORD).role == "reviewer"


def test_api_tokens_act_for_scripts_without_cookies(client, store):
    token = create_token(store, "rita", "nightly script")
    script = WebClient(client.app)
    merged = merged_ids(store)[0]
    response = script.post(
        f"/api/events/{merged}/review",
        json={"action": "confirm"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200 and response.json()["review_status"] == "confirmed"
    wrong = script.get("/api/me", headers={"Authorization": "Bearer dt_nope"})
    assert wrong.status_code == 401
    assert store.scalar("SELECT count(*) FROM api_tokens WHERE token_hash = ?", [token]) == 0


def test_a_correction_is_kept_beside_the_machine_coding_and_counted(client, store):
    client.sign_in("rita")
    merged = merged_ids(store)[0]  # a January visit, PRK → RUS
    before = client.get("/api/dyads/PRK/RUS").json()["series"][0]
    response = review_json(
        client,
        merged,
        action="correct",
        code="190",
        modality="asserted",
        date_start="2019-01-08",
        note="the report says fought",
    )
    assert response.status_code == 200
    assert response.json()["code"] == "190" and response.json()["quad_class"] == 4
    machine = store.query("SELECT code, quad_class FROM merged_events WHERE id = ?", [merged])[0]
    assert machine == {"code": "042", "quad_class": 1}
    after = client.get("/api/dyads/PRK/RUS").json()["series"][0]
    assert after["material_conflict"] == 1 and after["tie"] < before["tie"]
    raw = client.get("/api/dyads/PRK/RUS", params={"reviews": "false"}).json()["series"][0]
    assert raw["tie"] == before["tie"]


def test_a_corrected_actor_moves_the_event_to_another_pair(client, store):
    client.sign_in("rita")
    merged = merged_ids(store)[0]
    response = review_json(client, merged, action="correct", target="CHNGOV")
    assert response.json()["target_country"] == "CHN" and response.json()["country_a"] == "CHN"
    pairs = client.get("/api/dyads/CHN/PRK").json()
    assert sum(row["events"] for row in pairs["series"]) == 1


def test_a_rejected_event_drops_out_of_the_counts(client, store):
    client.sign_in("rita")
    merged = merged_ids(store)[0]
    total = lambda: sum(r["events"] for r in client.get("/api/dyads/PRK/RUS").json()["series"])
    was = total()
    assert review_json(client, merged, action="reject").json()["review_status"] == "rejected"
    assert total() == was - 1


def test_bad_corrections_get_a_422(client, store):
    client.sign_in("rita")
    merged = merged_ids(store)[0]
    for body, words in (
        ({"action": "correct"}, "at least one"),
        ({"action": "correct", "code": "999"}, "unknown CAMEO"),
        ({"action": "correct", "source": "Atlantis"}, "actor code"),
        ({"action": "correct", "modality": "maybe"}, "modality"),
        ({"action": "approve"}, "action"),
    ):
        response = review_json(client, merged, **body)
        assert response.status_code == 422 and words in response.json()["error"], body
    assert review_json(client, "no-such-event", action="confirm").status_code == 404


def test_every_decision_is_in_the_audit_log_and_exportable(client, store):
    client.sign_in("rita")
    merged = merged_ids(store)[0]
    review_json(client, merged, action="correct", code="036")
    review_json(client, merged, action="confirm")
    log = client.get("/api/audit", params={"merged_id": merged}).json()["items"]
    assert [(e["action"], e["reviewer"]) for e in log] == [("confirm", "rita"), ("correct", "rita")]
    assert log[1]["before"]["code"] == "042" and log[1]["after"]["code"] == "036"
    assert log[0]["after"]["review_status"] == "corrected"  # confirming keeps the correction
    exported = client.get("/api/reviews").json()["items"]
    assert exported[0]["machine_code"] == "042" and exported[0]["reviewed_code"] == "036"
    csv_text = client.get("/api/reviews", params={"format": "csv"}).text
    assert csv_text.startswith("merged_id,status,reviewer") and ",rita," in csv_text


def test_a_reviewer_corrects_through_the_event_page_form(client, store):
    client.sign_in("rita")
    merged = merged_ids(store)[0]
    page = client.get(f"/event/{merged}").text
    assert 'id="correct-form"' in page
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = client.post(
        f"/event/{merged}/review",
        data={
            "action": "correct",
            "csrf_token": token,
            "modality": "negated",
            "code": "",
            "source": "",
        },
    )
    assert response.status_code == 303
    assert "negated" in client.get(f"/event/{merged}").text
    assert (
        store.scalar("SELECT modality FROM event_reviews WHERE merged_id = ?", [merged])
        == "negated"
    )


def test_signing_out_ends_the_session(client):
    client.sign_in("rita")
    response = client.post("/logout", data={"csrf_token": client.csrf()})
    assert response.status_code == 303
    assert 'detente_session=""' in response.headers["set-cookie"]
    assert "Max-Age=0" in response.headers["set-cookie"]


def test_pages_ask_anonymous_reviewers_to_sign_in(client, store):
    merged = merged_ids(store)[0]
    response = client.post(
        f"/event/{merged}/review", data={"action": "confirm", "csrf_token": client.csrf()}
    )
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_unknown_next_targets_are_not_followed(store):
    client = WebClient(create_app(store))
    response = client.post(
        "/login",
        data={
            "name": "rita",
            "password": PASSWORD,
            "csrf_token": client.csrf(),
            "next": "//evil.example/",
        },
    )
    assert response.headers["location"] == "/"


# -- the review queue and the audit page ------------------------------------------------------
def test_the_review_queue_and_the_audit_page_need_signing_in(client):
    for path in ("/review", "/audit"):
        answer = client.get(path)
        assert answer.status_code == 303 and answer.headers["location"] == f"/login?next={path}"
    client.sign_in("vera")
    assert client.get("/review").status_code == 403
    client.sign_in("rita")
    assert client.get("/review").status_code == 200
    assert client.get("/audit").status_code == 403  # admins only
    client.sign_in("ada")
    assert client.get("/audit").status_code == 200


def test_the_queue_puts_the_least_confident_unreviewed_event_first(client, store):
    doubtful = merged_ids(store)[5]
    with store.transaction() as con:
        con.execute(
            "UPDATE events SET confidence = 0.3 WHERE id IN "
            "(SELECT event_id FROM event_merge WHERE merged_id = ?)",
            [doubtful],
        )
    client.sign_in("rita")
    page = client.get("/review").text
    assert "Review queue</a>" in page  # the header links to it
    rows = page.split("<tbody>")[1].split("</tr>")
    assert f'href="/event/{doubtful}"' in rows[0] and "<td>0.30</td>" in rows[0]
    total = store.scalar("SELECT count(*) FROM merged_events")
    assert f'<p class="meta">{total} events not reviewed yet' in page
    client.post(
        f"/event/{doubtful}/review", data={"action": "confirm", "csrf_token": client.csrf()}
    )
    assert f'href="/event/{doubtful}"' not in client.get("/review").text
    last = client.get("/review", params={"reviewed": "true", "offset": total - 1}).text
    assert f'href="/event/{doubtful}"' in last and "confirmed</span>" in last  # reviewed: last


def test_the_audit_page_shows_who_changed_what(client, store):
    merged = merged_ids(store)[0]
    client.sign_in("rita")
    client.post(
        f"/event/{merged}/review",
        data={
            "action": "correct",
            "code": "057",
            "note": "a signed deal",
            "csrf_token": client.csrf(),
        },
    )
    client.sign_in("ada")
    page = client.get("/audit").text
    row = page.split("<tbody>")[1].split("</tr>")[0]
    assert "<td>rita</td><td>correct</td>" in row and "a signed deal" in row
    assert "042 asserted" in row and "057 asserted" in row and "(corrected)" in row
    assert merged in client.get("/audit", params={"event": merged}).text


def test_a_failed_sign_in_keeps_the_name(client):
    answer = client.post(
        "/login", data={"name": "rita", "password": "wrong", "csrf_token": client.csrf()}
    )
    assert answer.status_code == 401 and 'name="name" value="rita"' in answer.text
