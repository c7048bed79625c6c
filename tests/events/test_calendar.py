"""Each event as an iCalendar file, in the language of the URL it is downloaded from."""

from datetime import date

import icalendar
import pytest

pytestmark = pytest.mark.usefixtures("shared_event_site")


@pytest.fixture
def seminar(make_event, countries):
    return make_event(
        "II Seminario Interamericano",
        "2nd Inter-American Seminar",
        intro_es="Compras públicas; datos abiertos, innovación.",
        intro_en="Public procurement; open data, innovation.",
        city_es="Ciudad de Panamá",
        city_en="Panama City",
        host_country=countries.MX,
        start_date=date(2024, 11, 28),
        end_date=date(2024, 11, 30),
    )


def download(client, url: str) -> tuple:
    response = client.get(url)
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    return response, calendar, event


@pytest.mark.django_db
class TestCalendarFile:
    def test_is_an_attached_utf8_calendar(self, client, seminar):
        response, calendar, _event = download(client, "/es/eventos/evento-1/ical/")
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="evento-1.ics"'
        assert calendar["VERSION"] == "2.0"
        assert calendar["PRODID"]
        assert calendar["METHOD"] == "PUBLISH"

    def test_spanish_content(self, client, seminar):
        _response, _calendar, event = download(client, "/es/eventos/evento-1/ical/")
        assert event["SUMMARY"] == "II Seminario Interamericano"
        assert event["DESCRIPTION"] == "Compras públicas; datos abiertos, innovación."
        assert event["LOCATION"] == "Ciudad de Panamá, México"
        assert event["URL"] == "https://compras.example.org/es/eventos/evento-1/"

    def test_english_content_and_filename(self, client, seminar):
        response, _calendar, event = download(client, "/en/events/event-1/ical/")
        assert response["Content-Disposition"] == 'attachment; filename="event-1.ics"'
        assert event["SUMMARY"] == "2nd Inter-American Seminar"
        assert event["DESCRIPTION"] == "Public procurement; open data, innovation."
        assert event["LOCATION"] == "Panama City, Mexico"
        assert event["URL"] == "https://compras.example.org/en/events/event-1/"

    def test_all_day_dates_with_exclusive_end(self, client, seminar):
        _response, _calendar, event = download(client, "/en/events/event-1/ical/")
        assert event.start == date(2024, 11, 28)
        assert event.end == date(2024, 12, 1)
        assert event["DTSTART"].params["VALUE"] == "DATE"
        assert event["DTEND"].params["VALUE"] == "DATE"

    def test_an_event_known_only_to_the_month_has_no_calendar_file(self, client, make_event):
        """iCalendar cannot say "some days in September": a month-long event would be false."""
        make_event(
            "Seminario de 2004", start_date=date(2004, 9, 1), end_date=date(2004, 9, 1), only_month_known=True
        )
        assert client.get("/es/eventos/evento-1/ical/").status_code == 404

    def test_uid_is_stable_across_downloads_and_languages(self, client, seminar):
        uids = {
            str(download(client, url)[2]["UID"])
            for url in ["/es/eventos/evento-1/ical/"] * 2 + ["/en/events/event-1/ical/"]
        }
        assert uids == {f"event-{seminar.pk}@compras.example.org"}

    def test_stamp_is_the_publication_time(self, client, seminar):
        _response, _calendar, event = download(client, "/en/events/event-1/ical/")
        seminar.refresh_from_db()
        assert event["DTSTAMP"].dt == seminar.last_published_at.replace(microsecond=0)

    def test_online_event_without_location(self, client, make_event):
        make_event("Conferencia web", kind="web-conference")
        _response, _calendar, event = download(client, "/es/eventos/evento-1/ical/")
        assert "LOCATION" not in event and "DESCRIPTION" not in event

    def test_unpublished_event_has_no_calendar(self, client, seminar):
        seminar.unpublish()
        assert client.get("/es/eventos/evento-1/ical/").status_code == 404

    def test_unknown_routes_under_an_event_are_not_found(self, client, seminar):
        assert client.get("/es/eventos/evento-1/otra-cosa/").status_code == 404
        assert client.get("/en/events/event-1/").status_code == 200
