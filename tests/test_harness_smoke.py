def test_clone_has_schema(database):
    with database.admin().cursor() as cur:
        cur.execute("SELECT count(*) FROM order_status")
        assert cur.fetchone()[0] == 11
