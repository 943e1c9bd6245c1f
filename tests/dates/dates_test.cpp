// Table-driven tests of bicite::dates: every date form of the Weitz 2024 sample, English and Russian
// month names in every case and abbreviation, numeric, ISO, ranges, seasons, circa, access dates,
// impossible and ambiguous dates, and hostile input.
#include <doctest/doctest.h>

#include <bicite/dates.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "support.hpp"

using bicite::dates::date_options;
using bicite::dates::find_dates;
using bicite::dates::parse_date;

namespace {

std::size_t strings_tested = 0;

struct row {
  const char* input;
  const char* edtf;   // "" when the string is not a date
  const char* flags;  // any of: acc circa amb imp rev two issue=N df (day first option)
};

bool has(std::string_view flags, std::string_view f) {
  std::size_t at = 0;
  while ((at = flags.find(f, at)) != std::string_view::npos) {
    const bool start = at == 0 || flags[at - 1] == ' ';
    const std::size_t e = at + f.size();
    if (start && (e == flags.size() || flags[e] == ' ' || f.back() == '=')) return true;
    at = e;
  }
  return false;
}

bool has_code(const bicite::dates::parsed_date& d, std::string_view code) {
  for (const auto& x : d.diagnostics)
    if (x.code == code) return true;
  return false;
}

void check_rows(const std::vector<row>& rows) {
  for (const auto& r : rows) {
    ++strings_tested;
    const std::string_view flags = r.flags;
    date_options o;
    o.day_first = has(flags, "df");
    auto d = parse_date(r.input, o);
    INFO("input: " << std::string(r.input));
    if (std::string_view(r.edtf).empty()) {
      CHECK_FALSE(d.has_value());
      if (d) INFO("got " << d->edtf);
      continue;
    }
    REQUIRE(d.has_value());
    CHECK(d->edtf == std::string(r.edtf));
    CHECK(d->accessed == has(flags, "acc"));
    CHECK(d->date.circa == has(flags, "circa"));
    CHECK(has_code(*d, "date.ambiguous-numeric") == has(flags, "amb"));
    CHECK(has_code(*d, "date.impossible") == has(flags, "imp"));
    CHECK(has_code(*d, "date.reversed-range") == has(flags, "rev"));
    CHECK(has_code(*d, "date.two-digit-year") == has(flags, "two"));
    const auto at = flags.find("issue=");
    if (at != std::string_view::npos) {
      const auto e = flags.find(' ', at);
      CHECK(d->issue == flags.substr(at + 6, e == std::string_view::npos ? e : e - at - 6));
    } else {
      CHECK(d->issue.empty());
    }
  }
}

}  // namespace

TEST_CASE("dates in the Weitz 2024 sample") {
  check_rows({
      {"November 30, 2023", "2023-11-30", ""},
      {"No. 3 (2023)", "2023", "issue=3"},
      {"January 4, 2024", "2024-01-04", ""},
      {"January 7 2023", "2023-01-07", ""},
      {"September 12, 2023", "2023-09-12", ""},
      {"October 16, 2023", "2023-10-16", ""},
      {"July 16, 2001", "2001-07-16", ""},
      {"18 января 2023", "2023-01-18", ""},
      {"January 18, 2023", "2023-01-18", ""},
      {"February 4, 2022", "2022-02-04", ""},
      {"April 27, 2023", "2023-04-27", ""},
      {"May 14, 2023", "2023-05-14", ""},
      {"vol14, No. 2 (2023)", "", ""},
      {"No. 2 (2023)", "2023", "issue=2"},
      {"February 10, 2023", "2023-02-10", ""},
      {"(January/February 2023)", "2023-01/2023-02", ""},
      {"November 27, 2022", "2022-11-27", ""},
      {"March 2, 2023", "2023-03-02", ""},
      {"October 14, 2022", "2022-10-14", ""},
      {"February 8, 2024", "2024-02-08", ""},
      {"February 7, 2024", "2024-02-07", ""},
      {"August 21, 2023", "2023-08-21", ""},
      {"November 9, 2023", "2023-11-09", ""},
      {"(2023)", "2023", ""},
      {"September 3, 2023", "2023-09-03", ""},
      {"October 5, 2023", "2023-10-05", ""},
      {"October 18, 2023", "2023-10-18", ""},
      {"No. 2 (2023)", "2023", "issue=2"},
      {"March 13, 2023", "2023-03-13", ""},
      {"No. 4 (2023)", "2023", "issue=4"},
      {"January 28, 2024", "2024-01-28", ""},
      {"January 18, 2024", "2024-01-18", ""},
      {"April 18, 2023", "2023-04-18", ""},
      {"February 1, 2024", "2024-02-01", ""},
      {"April 20, 2023", "2023-04-20", ""},
      {"February 24, 2023", "2023-02-24", ""},
      {"(September/October 2023)", "2023-09/2023-10", ""},
      {"October 24, 2022", "2022-10-24", ""},
      {"February 26, 2023", "2023-02-26", ""},
      {"March 8, 2023", "2023-03-08", ""},
      {"No. 1, 2023", "2023", "issue=1"},
      {"October 23, 2023", "2023-10-23", ""},
      {"(March/April 2023)", "2023-03/2023-04", ""},
      {"February 5, 2024", "2024-02-05", ""},
      {"December 28, 2023", "2023-12-28", ""},
      {"July 13, 2023", "2023-07-13", ""},
      {"May 21, 2023", "2023-05-21", ""},
      {"(January/March 2024)", "2024-01/2024-03", ""},
      {"December 29, 2023", "2023-12-29", ""},
      {"no 7 (2023)", "2023", "issue=7"},
      {"September 19 2022", "2022-09-19", ""},
      {"(May/June 2023)", "2023-05/2023-06", ""},
      {"August 23, 2023", "2023-08-23", ""},
      {"September 13, 2023", "2023-09-13", ""},
      {"September 25, 2023", "2023-09-25", ""},
      {"May 20, 2023", "2023-05-20", ""},
      {"No. 9 (2023)", "2023", "issue=9"},
      {"January 2, 2024", "2024-01-02", ""},
      {"No. 6 (2023)", "2023", "issue=6"},
      {"(April/June 2023)", "2023-04/2023-06", ""},
      {"June 14, 2023", "2023-06-14", ""},
      {"August 4, 2023", "2023-08-04", ""},
      {"July 2, 2023", "2023-07-02", ""},
      {"December 1, 2023", "2023-12-01", ""},
      {"January 17, 2024", "2024-01-17", ""},
      {"March 1, 2023", "2023-03-01", ""},
      {"March 7, 2023", "2023-03-07", ""},
      {"February 2, 2024", "2024-02-02", ""},
      {"January 26, 2023", "2023-01-26", ""},
      {"(2024)", "2024", ""},
      {"2022", "2022", ""},
  });
}

TEST_CASE("find_dates in the notes of the sample: run-together venues and URLs") {
  struct fd {
    const char* text;
    std::vector<std::string> edtf;
    std::vector<std::string> written;
  };
  const std::vector<fd> cases = {
      {"Viktor Pirozhenko, “Движение к развязке,” IzvestiyaFebruary 10, 2023, https://iz.ru/1467557/viktor-pirozhenko/dvizhenie-k-razviazke.",
       {"2023-02-10"}, {"February 10, 2023"}},
      {"Viktor Pirozhenko, “Китайская формула,” Izvestiya,February 24, 2023https://iz.ru/1475054/viktor-pirozhenko/kitaiskaia-formula.",
       {"2023-02-24"}, {"February 24, 2023"}},
      {"Iurii Tavrovsky, “Си Цзиньпин дает понять,” BiznesOnlineOctober 24, 2022https://www.business-gazeta.ru/article/568578.",
       {"2022-10-24"}, {"October 24, 2022"}},
      {"MKRUFebruary 26, 2023, https://www.mk.ru/politics/2023/02/26/moskva-pekin.html.", {"2023-02-26"}, {"February 26, 2023"}},
      {"Nezavisimaya GazetaSeptember 3, 2023, https://www.ng.ru/courier/2023-09-03/9_8816_china.html.", {"2023-09-03"},
       {"September 3, 2023"}},
      {"Moscow TimesFebruary 2, 2024, https://www.moscowtimes.eu/2024/02/02/kitai.", {"2024-02-02"}, {"February 2, 2024"}},
      {"Mezhdunarodnaya ZhiznNo. 9 (2023), https://interaffairs.ru/jauthor/material/2877.", {"2023"}, {"No. 9 (2023)"}},
      {"Международная аналитика, vol14, No. 2 (2023), 23-34, https://www.interanalytics.org/jour/article/view/479/411.",
       {"2023"}, {"No. 2 (2023)"}},
      {"Rossiya v Globalnoi Politike, vol. 21, no 1 (January/February 2023), https://eng.globalaffairs.ru/articles/sino-us-rivalry-in-asia-pacific/.",
       {"2023-01/2023-02"}, {"no 1 (January/February 2023)"}},
      {"Riatr (2023), http://www.riatr.ru/2023/1/Russia_and_ATR_2023-1_160-180.pdf.", {"2023"}, {"2023"}},
      {"RIATR, No. 1, 2023, http://www.riatr.ru/2023/1/Russia_and_ATR_2023-1_010-023.pdf.", {"2023"}, {"No. 1, 2023"}},
      {"The Kremlin, “Телефонный разговор с Председателем КНР Си Цзиньпином,” February 8, 2024, kremlin.ru/events/president/news/73406.",
       {"2024-02-08"}, {"February 8, 2024"}},
      {"“Выступление С.В. Лаврова в ходе пресс-конференции по итогам деятельности российской дипломатии в 2022 году, Москва, 18 января 2023,” January 18, 2023, https://mid.ru/en/foreign_policy/news/1848395/?lang=ru.",
       {"2022", "2023-01-18", "2023-01-18"}, {"2022 году", "18 января 2023", "January 18, 2023"}},
      {"Rozman and Christofferson (London: Routledge, 2024).", {"2024"}, {"2024"}},
      {"Igor EDenisov , “Альянса Chip-4,” Rossiiskoe Kitaevedenie, No. 4 (2023), pp. 9-25.", {"2023"}, {"No. 4 (2023)"}},
      {"Sergey Karaganov, “Надо восстановить,” BusinessGazeta, January 7 2023, https://www.business-gazeta.ru/article/619108.",
       {"2023-01-07"}, {"January 7 2023"}},
      {"Mikhail Korostikov, “Возможности без желания,” Carnegie Endowment for International Peace, June 14, 2023,https://carnegieendowment.org/politika/89964.",
       {"2023-06-14"}, {"June 14, 2023"}},
      {"Chinese customs data indicates the trade level exceeded $240 last year; $227.7 billion; 1848395.", {}, {}},
      {"Marchenko and Mayorov said that Maya may 5 people", {}, {}},
      {"Available at http://example.com/2023/05/14/x and www.a.ru/2021-01-01 (accessed May 5, 2024).", {"2024-05-05"},
       {"accessed May 5, 2024"}},
      {"Иванов И. И. Статья // Полис. 2023. № 2. С. 10–20. URL: https://x.ru (дата обращения: 01.02.2024).",
       {"2023", "2024-02-01"}, {"2023", "дата обращения: 01.02.2024"}},
  };
  for (const auto& c : cases) {
    ++strings_tested;
    INFO("text: " << c.text);
    const std::string_view text = c.text;
    auto found = find_dates(text);
    REQUIRE(found.size() == c.edtf.size());
    for (std::size_t k = 0; k < found.size(); ++k) {
      CHECK(found[k].edtf == c.edtf[k]);
      CHECK(text.substr(found[k].where.begin, found[k].where.end - found[k].where.begin) == c.written[k]);
    }
  }
}

TEST_CASE("English forms") {
  check_rows({
      {"January 7, 2023", "2023-01-07", ""},
      {"Jan. 7, 2023", "2023-01-07", ""},
      {"Jan 7, 2023", "2023-01-07", ""},
      {"Jan 7 2023", "2023-01-07", ""},
      {"7 January 2023", "2023-01-07", ""},
      {"7 Jan. 2023", "2023-01-07", ""},
      {"7 January, 2023", "2023-01-07", ""},
      {"Sept. 12, 2023", "2023-09-12", ""},
      {"Sep. 12, 2023", "2023-09-12", ""},
      {"Sept 2023", "2023-09", ""},
      {"Feb. 2024", "2024-02", ""},
      {"Febr. 2024", "2024-02", ""},
      {"Mar. 3, 2020", "2020-03-03", ""},
      {"Apr. 30, 2021", "2021-04-30", ""},
      {"Jun. 1, 2019", "2019-06-01", ""},
      {"Jul. 4, 1776", "1776-07-04", ""},
      {"Aug. 15, 1991", "1991-08-15", ""},
      {"Oct. 3, 1993", "1993-10-03", ""},
      {"Nov. 11, 1918", "1918-11-11", ""},
      {"Dec. 25, 1991", "1991-12-25", ""},
      {"January 2023", "2023-01", ""},
      {"January, 2023", "2023-01", ""},
      {"JANUARY 7, 2023", "2023-01-07", ""},
      {"January 7th, 2023", "2023-01-07", ""},
      {"1st March 2022", "2022-03-01", ""},
      {"March 22nd 2022", "2022-03-22", ""},
      {"the 3rd of", "", ""},
      {"Monday, January 9, 2023", "2023-01-09", ""},
      {"Friday, 24 February 2023", "2023-02-24", ""},
      {"May 2023", "2023-05", ""},
      {"may 2023", "", ""},
      {"May 9, 1945.", "1945-05-09", ""},
      {"(May 9, 1945)", "1945-05-09", ""},
      {"[May 9, 1945]", "1945-05-09", ""},
      {"February 29, 2024", "2024-02-29", ""},
      {"2023", "2023", ""},
      {"1917", "1917", ""},
      {"1991.", "1991", ""},
      {"2023,", "2023", ""},
      {"December 31, 1999", "1999-12-31", ""},
      {"January 1, 2000", "2000-01-01", ""},
  });
}

TEST_CASE("Russian forms") {
  check_rows({
      {"18 января 2023 г.", "2023-01-18", ""},
      {"18 января 2023 года", "2023-01-18", ""},
      {"18 января 2023 г", "2023-01-18", ""},
      {"18 января 2023г.", "2023-01-18", ""},
      {"18 Января 2023", "2023-01-18", ""},
      {"18 ЯНВАРЯ 2023", "2023-01-18", ""},
      {"январь 2023", "2023-01", ""},
      {"Январь 2023 г.", "2023-01", ""},
      {"в январе 2023 года", "", ""},
      {"январе 2023 года", "2023-01", ""},
      {"янв. 2023", "2023-01", ""},
      {"18 янв. 2023", "2023-01-18", ""},
      {"18 янв 2023", "2023-01-18", ""},
      {"1 февр. 2022 г.", "2022-02-01", ""},
      {"1 фев. 2022", "2022-02-01", ""},
      {"8 марта 2023", "2023-03-08", ""},
      {"12 апреля 1961 г.", "1961-04-12", ""},
      {"9 мая 1945 года", "1945-05-09", ""},
      {"май 2023", "2023-05", ""},
      {"12 июня 1990", "1990-06-12", ""},
      {"июнь 2021", "2021-06", ""},
      {"22 июля 2022 г.", "2022-07-22", ""},
      {"19 августа 1991 г.", "1991-08-19", ""},
      {"19 авг. 1991 г.", "1991-08-19", ""},
      {"1 сентября 2023", "2023-09-01", ""},
      {"1 сент. 2023", "2023-09-01", ""},
      {"1 сен. 2023", "2023-09-01", ""},
      {"4 октября 1993", "1993-10-04", ""},
      {"4 окт. 1993 г.", "1993-10-04", ""},
      {"7 ноября 1917 г.", "1917-11-07", ""},
      {"7 нояб. 1917", "1917-11-07", ""},
      {"25 декабря 1991 года", "1991-12-25", ""},
      {"25 дек. 1991", "1991-12-25", ""},
      {"декабрь 1991 г.", "1991-12", ""},
      {"2023 г.", "2023", ""},
      {"2023 год", "2023", ""},
      {"2023 года", "2023", ""},
      {"2022–2023 гг.", "2022/2023", ""},
      {"2022-2023 гг.", "2022/2023", ""},
      {"понедельник, 9 января 2023", "2023-01-09", ""},
      {"9-го мая 1945 г.", "1945-05-09", ""},
      {"12 вересня 2023", "2023-09-12", ""},
      {"12 жовтня 2023 р.", "", ""},
  });
}

TEST_CASE("numeric and ISO dates") {
  check_rows({
      {"01.02.2024", "2024-02-01", ""},
      {"01.02.2024", "2024-02-01", "df"},
      {"1.2.2024", "2024-02-01", ""},
      {"31.12.2023", "2023-12-31", ""},
      {"31.12.2023 г.", "2023-12-31", ""},
      {"01.02.24", "2024-02-01", "two"},
      {"01.02.99", "1999-02-01", "two"},
      {"03/04/2023", "2023-03-04", "amb"},
      {"03/04/2023", "2023-04-03", "df"},
      {"04/04/2023", "2023-04-04", ""},
      {"12/25/2023", "2023-12-25", ""},
      {"25/12/2023", "2023-12-25", ""},
      {"25/12/2023", "2023-12-25", "df"},
      {"12/25/2023", "2023-12-25", "df"},
      {"3-4-2023", "2023-03-04", "amb"},
      {"2023-01-07", "2023-01-07", ""},
      {"2023-01", "2023-01", ""},
      {"2023/01/07", "2023-01-07", ""},
      {"2023.01.07", "2023-01-07", ""},
      {"2023-01-07T10:15:00Z", "2023-01-07", ""},
      {"2023-01-07T10:15", "2023-01-07", ""},
      {"01.2024", "2024-01", ""},
      {"12/2023", "2023-12", ""},
      {"2024-02-29", "2024-02-29", ""},
      {"1.2.3.4", "", ""},
      {"1.2.2024.5", "", ""},
      {"23-34", "", ""},
      {"21.5", "", ""},
  });
}

TEST_CASE("ranges") {
  check_rows({
      {"January/February 2023", "2023-01/2023-02", ""},
      {"April/June 2023", "2023-04/2023-06", ""},
      {"January–February 2023", "2023-01/2023-02", ""},
      {"January - February 2023", "2023-01/2023-02", ""},
      {"Jan.–Feb. 2023", "2023-01/2023-02", ""},
      {"2022–2023", "2022/2023", ""},
      {"2022-2023", "2022/2023", ""},
      {"2022/2023", "2022/2023", ""},
      {"2022 – 2023", "2022/2023", ""},
      {"2022–23", "2022/2023", ""},
      {"1999–2000", "1999/2000", ""},
      {"5–7 мая 2023", "2023-05-05/2023-05-07", ""},
      {"5-7 мая 2023 г.", "2023-05-05/2023-05-07", ""},
      {"5 – 7 мая 2023", "2023-05-05/2023-05-07", ""},
      {"January 5–7, 2023", "2023-01-05/2023-01-07", ""},
      {"May 5 – June 7, 2023", "2023-05-05/2023-06-07", ""},
      {"5 мая – 7 июня 2023 г.", "2023-05-05/2023-06-07", ""},
      {"December 2022 – January 2023", "2022-12/2023-01", ""},
      {"December 30, 2022 – January 2, 2023", "2022-12-30/2023-01-02", ""},
      {"январь–февраль 2023", "2023-01/2023-02", ""},
      {"январь/февраль 2023 г.", "2023-01/2023-02", ""},
      {"янв.–февр. 2023", "2023-01/2023-02", ""},
      {"сентябрь–октябрь 2023", "2023-09/2023-10", ""},
      {"from 2020 to 2023", "", ""},
      {"2020 to 2023", "2020/2023", ""},
      {"с 2020 по 2023 гг.", "", ""},
      {"2020 по 2023 гг.", "2020/2023", ""},
      {"2023–2022", "2023/2022", "rev"},
      {"7–5 мая 2023", "2023-05-07/2023-05-05", "rev"},
      {"01.02.2023–05.02.2023", "2023-02-01/2023-02-05", ""},
      {"2023-01-07/2023-01-09", "2023-01-07/2023-01-09", ""},
      {"No. 5 (September/October 2023)", "2023-09/2023-10", "issue=5"},
      {"№ 1–2 (2023)", "2023", "issue=1–2"},
  });
}

TEST_CASE("seasons, circa and access dates") {
  check_rows({
      {"Spring 2023", "2023-21", ""},
      {"Summer 2023", "2023-22", ""},
      {"Autumn 2023", "2023-23", ""},
      {"Fall 2023", "2023-23", ""},
      {"Winter 2023", "2023-24", ""},
      {"spring 2023", "2023-21", ""},
      {"Winter 2022/2023", "2022-24", ""},
      {"весна 2023", "2023-21", ""},
      {"Весна 2023 г.", "2023-21", ""},
      {"лето 2023", "2023-22", ""},
      {"осень 2023", "2023-23", ""},
      {"зима 2023", "2023-24", ""},
      {"весной 2023 года", "2023-21", ""},
      {"Spring/Summer 2023", "2023-21/2023-22", ""},
      {"c. 1990", "1990~", "circa"},
      {"ca. 1990", "1990~", "circa"},
      {"circa 1990", "1990~", "circa"},
      {"c. May 1990", "", ""},
      {"около 1990 г.", "1990~", "circa"},
      {"ок. 1990", "1990~", "circa"},
      {"accessed May 5, 2024", "2024-05-05", "acc"},
      {"Accessed May 5, 2024", "2024-05-05", "acc"},
      {"accessed on 5 May 2024", "2024-05-05", "acc"},
      {"last accessed May 5, 2024", "2024-05-05", "acc"},
      {"(accessed May 5, 2024)", "2024-05-05", "acc"},
      {"Accessed: 2024-05-05", "2024-05-05", "acc"},
      {"Retrieved May 5, 2024", "2024-05-05", "acc"},
      {"retrieved on 05/05/2024", "2024-05-05", "acc"},
      {"дата обращения: 01.02.2024", "2024-02-01", "acc"},
      {"(дата обращения: 01.02.2024)", "2024-02-01", "acc"},
      {"Дата обращения 01.02.2024", "2024-02-01", "acc"},
      {"дата обращения: 1 февраля 2024 г.", "2024-02-01", "acc"},
      {"дата доступа: 01.02.2024", "2024-02-01", "acc"},
      {"дата обр.: 01.02.2024", "2024-02-01", "acc"},
      {"accessed", "", ""},
  });
}

TEST_CASE("impossible and ambiguous dates are flagged") {
  check_rows({
      {"30 February 2023", "2023-02", "imp"},
      {"February 30, 2023", "2023-02", "imp"},
      {"30 февраля 2023 г.", "2023-02", "imp"},
      {"29 февраля 2023", "2023-02", "imp"},
      {"29 февраля 2024", "2024-02-29", ""},
      {"31 April 2023", "2023-04", "imp"},
      {"31 июня 2023", "2023-06", "imp"},
      {"13.13.2023", "2023", "imp"},
      {"32.01.2023", "2023-01", "imp"},
      {"2023-13-01", "2023", "imp"},
      {"2023-02-30", "2023-02", "imp"},
      {"13/25/2023", "2023", "imp"},
      {"02/03/2023", "2023-02-03", "amb"},
      {"11/12/2023", "2023-11-12", "amb"},
      {"11/12/2023", "2023-12-11", "df"},
      {"13/12/2023", "2023-12-13", ""},
  });
}

TEST_CASE("not dates") {
  check_rows({
      {"", "", ""},
      {"   ", "", ""},
      {"hello", "", ""},
      {"Vol. 21", "", ""},
      {"pp. 9-25", "", ""},
      {"$227.7 billion", "", ""},
      {"1990s", "", ""},
      {"123", "", ""},
      {"12345", "", ""},
      {"999", "", ""},
      {"2500", "", ""},
      {"January", "", ""},
      {"7 January", "", ""},
      {"January 7", "", ""},
      {"мая", "", ""},
      {"Марченко 2023", "", ""},
      {"No. 3", "", ""},
      {"2023 something", "", ""},
      {"https://www.mk.ru/politics/2023/04/27/x.html", "", ""},
      {"May", "", ""},
  });
}

TEST_CASE("every English and Russian month form from the lexicon") {
  const char* en[] = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"};
  const char* en_abbr[] = {"Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."};
  const char* ru_nom[] = {"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
                          "октябрь", "ноябрь", "декабрь"};
  const char* ru_gen[] = {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                          "октября", "ноября", "декабря"};
  const char* ru_prep[] = {"январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре",
                           "октябре", "ноябре", "декабре"};
  const char* ru_abbr[] = {"янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."};
  for (int m = 1; m <= 12; ++m) {
    char iso_day[16], iso_month[16];
    std::snprintf(iso_day, sizeof iso_day, "2023-%02d-15", m);
    std::snprintf(iso_month, sizeof iso_month, "2023-%02d", m);
    const std::vector<std::pair<std::string, std::string>> forms = {
        {std::string(en[m - 1]) + " 15, 2023", iso_day},
        {std::string("15 ") + en[m - 1] + " 2023", iso_day},
        {std::string(en_abbr[m - 1]) + " 15, 2023", iso_day},
        {std::string(en[m - 1]) + " 2023", iso_month},
        {std::string(ru_nom[m - 1]) + " 2023 г.", iso_month},
        {std::string("15 ") + ru_gen[m - 1] + " 2023 г.", iso_day},
        {std::string(ru_prep[m - 1]) + " 2023 года", iso_month},
        {std::string("15 ") + ru_abbr[m - 1] + " 2023", iso_day},
    };
    for (const auto& form : forms) {
      ++strings_tested;
      INFO("input: " << form.first);  // INFO captures by lambda: clang 14 cannot capture a structured binding
      auto d = parse_date(form.first);
      REQUIRE(d.has_value());
      CHECK(d->edtf == form.second);
      CHECK(d->diagnostics.empty());
    }
  }
}

TEST_CASE("date-parts, season and circa in the CSL date") {
  auto range = parse_date("January/February 2023");
  REQUIRE(range);
  REQUIRE(range->date.parts.size() == 2);
  CHECK(range->date.parts[0] == bicite::date::part{2023, 1, 0});
  CHECK(range->date.parts[1] == bicite::date::part{2023, 2, 0});
  auto season = parse_date("весна 2023");
  REQUIRE(season);
  CHECK(season->date.parts.size() == 1);
  CHECK(season->date.season == "1");
  auto seasons = parse_date("Spring/Summer 2023");
  REQUIRE(seasons);
  CHECK(seasons->date.parts[0].month == 13);
  CHECK(seasons->date.parts[1].month == 14);
  auto circa = parse_date("c. 1990");
  REQUIRE(circa);
  CHECK(circa->date.circa);
  CHECK(circa->date.parts[0].year == 1990);
  auto bad = parse_date("30 February 2023");
  REQUIRE(bad);
  CHECK(bad->date.raw == "30 February 2023");
  REQUIRE(bad->diagnostics.size() == 1);
  CHECK(bad->diagnostics[0].code == "date.impossible");
  CHECK(bad->diagnostics[0].where.begin == 0);
  CHECK(bad->diagnostics[0].where.end == 16);
  auto amb = parse_date("03/04/2023");
  REQUIRE(amb);
  REQUIRE(amb->diagnostics.size() == 1);
  CHECK(amb->diagnostics[0].message == "ambiguous numeric date \"03/04/2023\": read month first (2023-03-04)");
  CHECK(bicite::dates::to_edtf({}) == "");
  CHECK(bicite::dates::days_in_month(1900, 2) == 28);
  CHECK(bicite::dates::days_in_month(2000, 2) == 29);
  CHECK(bicite::dates::days_in_month(2023, 13) == 0);
}

TEST_CASE("every issued date of the gold is found in its note" * doctest::test_suite("shared")) {
  // For each gold citation with an `issued` date, find_dates on the note text must produce it.
  std::istringstream gold(bicite_test::read_file(bicite_test::shared_path("gold/weitz-2024.notes.jsonl")));
  std::string line;
  int checked = 0, found_count = 0;
  while (std::getline(gold, line)) {
    const auto note = nlohmann::json::parse(line);
    const std::string text = note["text"];
    const auto found = find_dates(text);
    std::vector<std::string> got;
    for (const auto& d : found) got.push_back(d.edtf);
    for (const auto& c : note["citations"]) {
      if (!c.contains("issued")) continue;
      const auto& dp = c["issued"]["date-parts"];
      bicite::date want;
      for (const auto& p : dp)
        want.parts.push_back({p.size() > 0 ? p[0].get<int>() : 0, p.size() > 1 ? p[1].get<int>() : 0,
                              p.size() > 2 ? p[2].get<int>() : 0});
      const std::string edtf = bicite::dates::to_edtf(want);
      // short forms ("Blank, “A View from Russia.”") carry the date of the note they point to
      if (c["custom"].value("position", "first") != "first") continue;
      ++checked;
      bool ok = std::find(got.begin(), got.end(), edtf) != got.end();
      found_count += ok;
      INFO("note " << note["note"] << ": want " << edtf);
      CHECK(ok);
    }
  }
  MESSAGE("gold issued dates found: " << found_count << "/" << checked);
  CHECK(checked > 70);
}

TEST_CASE("hostile input does not crash and stays linear") {
  std::string junk;
  for (int k = 0; k < 20000; ++k) junk += static_cast<char>((k * 7919) % 256);
  (void)find_dates(junk);
  (void)parse_date(junk);
  std::string many;
  for (int k = 0; k < 5000; ++k) many += "January 5–7, 2023; 01.02.2024 / No. 3 (2023) ";
  CHECK(find_dates(many).size() == 15000);
  std::string digits(100000, '1');
  CHECK(find_dates(digits).empty());
  // a long text read in blocks: every date is found once, none cut at a block boundary
  std::string longer;
  for (int k = 0; k < 20000; ++k) longer += "word January 7, 2023 text ";
  const auto all = find_dates(longer);
  CHECK(all.size() == 20000);
  CHECK(longer.substr(all.back().where.begin, all.back().where.end - all.back().where.begin) == "January 7, 2023");
  bool spans_ok = true;
  for (const auto& d : all) spans_ok = spans_ok && longer.compare(d.where.begin, 15, "January 7, 2023") == 0;
  CHECK(spans_ok);
  CHECK_FALSE(parse_date(std::string(2000, ' ') + "2023" + std::string(2000, 'x')));
  std::string dashes;
  for (int k = 0; k < 20000; ++k) dashes += "5-";
  CHECK(find_dates(dashes).empty());
  ++strings_tested;
}


TEST_CASE("every row of the date data files reads as it says") {
  std::istringstream months(bicite_test::read_file(bicite_test::source_path("lib/dates/data/months.tsv")));
  std::string line;
  bool header = true;
  std::size_t rows = 0;
  while (std::getline(months, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::istringstream cells(line);
    std::string form, value, language, kind;
    std::getline(cells, form, '\t');
    std::getline(cells, value, '\t');
    std::getline(cells, language, '\t');
    std::getline(cells, kind, '\t');
    const int v = std::stoi(value);
    std::string input, want;
    if (language == "en") form[0] = static_cast<char>(form[0] - 32);
    if (v >= 21) {
      input = form + " 2023";
      want = "2023-" + std::to_string(v);
    } else {
      input = language == "en" ? form + (kind == "abbr" ? ". 15, 2023" : " 15, 2023")
                               : "15 " + form + (kind == "abbr" ? ". 2023" : " 2023");
      want = std::string("2023-") + (v < 10 ? "0" : "") + std::to_string(v) + "-15";
    }
    ++rows;
    ++strings_tested;
    INFO("input: " << input);
    auto d = parse_date(input);
    REQUIRE(d.has_value());
    CHECK(d->edtf == want);
  }
  CHECK(rows > 130);
  std::istringstream words(bicite_test::read_file(bicite_test::source_path("lib/dates/data/date_words.tsv")));
  header = true;
  std::size_t phrases = 0;
  while (std::getline(words, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    const std::string phrase = line.substr(0, line.find('\t'));
    const std::string role = line.substr(line.find('\t') + 1);
    std::string input;
    if (role == "accessed") input = phrase + " 2024-05-05";
    else if (role == "circa") input = phrase + " 1990";
    else if (role == "year_suffix") input = "2023 " + phrase;
    else if (role == "issue") input = phrase + " 3 (2023)";
    else continue;
    ++phrases;
    ++strings_tested;
    INFO("input: " << input);
    auto d = parse_date(input);
    REQUIRE(d.has_value());
    if (role == "accessed") CHECK(d->accessed);
    if (role == "circa") CHECK(d->date.circa);
    if (role == "issue") CHECK(d->issue == "3");
  }
  CHECK(phrases > 40);
}

TEST_CASE("at least 300 date strings were tested") {
  MESSAGE("date strings tested: " << strings_tested);
  CHECK(strings_tested >= 300);
}
