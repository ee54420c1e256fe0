def test_published_portfolio_is_served(
    client, make_mentor, make_portfolio, mentor_index
):
    mentor = make_mentor("Смирнова", username="smirnova")
    page = make_portfolio(mentor)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Люблю свой предмет" in response.content.decode()
    response = client.get(mentor_index.url)
    assert "Смирнова" in response.content.decode()
