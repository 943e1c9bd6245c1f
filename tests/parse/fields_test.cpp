// Field labelling of single references: Chicago notes, Chicago/APA/MLA reference lists and GOST
// entries, English and Russian. Each case lists the fields it expects; other fields are not checked.
#include <doctest/doctest.h>

#include <bicite/parse.hpp>

#include <map>
#include <string>

#include "expect.hpp"

namespace {

struct field_case {
  const char* name;
  const char* input;
  std::map<std::string, std::string> expect;
};

const field_case cases[] = {
    {"Chicago note, English newspaper",
     "Catherine Belton, “Russia projects confidence as it pursues alliances,” The Washington Post, January 28, 2024, "
     "https://www.washingtonpost.com/world/2024/01/26/x/.",
     {{"author", "Belton, Catherine"},
      {"title", "Russia projects confidence as it pursues alliances"},
      {"container-title", "The Washington Post"},
      {"issued", "2024-1-28"},
      {"URL", "https://www.washingtonpost.com/world/2024/01/26/x/"},
      {"type", "article-newspaper"},
      {"language", "en"}}},
    {"Chicago note, Russian title and venue, Russian date",
     "Андрей Владимиров, “Брат по расчету: как долго продлится дружба,” Московский комсомолец, 12 июня 2023, "
     "https://www.mk.ru/politics/2023/06/12/brat.html.",
     {{"author", "Владимиров, Андрей"},
      {"title", "Брат по расчету: как долго продлится дружба"},
      {"container-title", "Московский комсомолец"},
      {"issued", "2023-6-12"},
      {"language", "ru"}}},
    {"journal with volume, issue and a two-month span",
     "Alexander V. Lukin, “Американо-китайское соперничество,” Rossiya v Globalnoi Politike, vol. 21, no 1 "
     "(January/February 2023), https://globalaffairs.ru/articles/x/.",
     {{"author", "Lukin, Alexander V."},
      {"container-title", "Rossiya v Globalnoi Politike"},
      {"volume", "21"},
      {"issue", "1"},
      {"issued", "2023-1/2023-2"},
      {"type", "article-journal"}}},
    {"run-together venue, date and link",
     "Viktor Pirozhenko, “Китайская формула,” Izvestiya,February 24, 2023https://iz.ru/1475054/x.",
     {{"container-title", "Izvestiya"}, {"issued", "2023-2-24"}, {"URL", "https://iz.ru/1475054/x"}}},
    {"venue run into the date without a space",
     "Sergey Tsyplakov, “Китай адаптирует Шелковый путь,” Nezavisimaya GazetaSeptember 3, 2023, https://www.ng.ru/x.html.",
     {{"container-title", "Nezavisimaya Gazeta"}, {"issued", "2023-9-3"}}},
    {"author run into a guillemet title with a subtitle",
     "Olga Bandysheva«Си Цзиньпин посадил за коррупцию»: китаевед о съезде,” Biznes Online, October 14, 2022, "
     "https://www.business-gazeta.ru/article/567228.",
     {{"author", "Bandysheva, Olga"},
      {"title", "«Си Цзиньпин посадил за коррупцию»: китаевед о съезде"},
      {"container-title", "Biznes Online"},
      {"issued", "2022-10-14"}}},
    {"unclosed quotation mark",
     "Iury Tavrovsky, «Путин и Си: высоко сидят, далеко глядят, MKRU, April 27, 2023, https://www.mk.ru/x.html.",
     {{"title", "Путин и Си: высоко сидят, далеко глядят"}, {"container-title", "MKRU"}, {"issued", "2023-4-27"}}},
    {"organisation as author, scheme-less link",
     "The Kremlin, “Telephone conversation with President of China,” February 8, 2024, "
     "kremlin.ru/events/president/news/73406.",
     {{"author", "The Kremlin"}, {"URL", "kremlin.ru/events/president/news/73406"}, {"type", "webpage"}}},
    {"editors of a book with place and publisher",
     "Gilbert Rozman and Gaye Christofferson, eds., Putin’s “Turn to the East” in the Xi Jinping Era (London: Routledge, 2024).",
     {{"editor", "Rozman, Gilbert; Christofferson, Gaye"},
      {"author", ""},
      {"title", "Putin’s “Turn to the East” in the Xi Jinping Era"},
      {"publisher", "Routledge"},
      {"publisher-place", "London"},
      {"issued", "2024"},
      {"type", "book"}}},
    {"three Cyrillic authors with a serial comma",
     "Олеся Казакова, Даниил Михайлов, and Сона Рустамова, “Какое оружие КНДР может поставить,” NEWS, September 13, 2023, "
     "https://news.ru/asia/x/.",
     {{"author", "Казакова, Олеся; Михайлов, Даниил; Рустамова, Сона"}, {"container-title", "NEWS"}}},
    {"et al., volume after the journal, pages after a colon",
     "John Smith et al., “Title of a Paper,” Survival 65, no. 3 (2023): 7–30.",
     {{"author", "Smith, John"},
      {"container-title", "Survival"},
      {"volume", "65"},
      {"issue", "3"},
      {"issued", "2023"},
      {"page", "7-30"}}},
    {"a space pasted into a link",
     "Evgenii Kozhokin, “США в Центральной Азии,” Mezhdunarodnaya Zhizn , no 7 (2023), https://interaffairs .ru/virtualread/x.pdf.",
     {{"URL", "https://interaffairs.ru/virtualread/x.pdf"},
      {"issue", "7"},
      {"issued", "2023"},
      {"container-title", "Mezhdunarodnaya Zhizn"}}},
    {"Latin look-alike letter inside a Cyrillic word",
     "A.V. Torkunov and D.V. Strel’tsov, “Pоссийская политика поворота на восток,” MEIMO, No. 4 (2023).",
     {{"title", "Российская политика поворота на восток"}, {"author", "Torkunov, A.V.; Strel’tsov, D.V."}, {"issue", "4"}}},
    {"an initial run into the family name, pages with pp.",
     "Igor EDenisov , “Американское давление на Китай,” Rossiiskoe Kitaevedenie, No. 4 (2023), pp. 9-25.",
     {{"author", "Denisov, Igor E."}, {"page", "9-25"}, {"issue", "4"}}},
    {"treaty", "“Договор о добрососедстве, дружбе и сотрудничестве,” July 16, 2001, http://www.kremlin.ru/supplement/3418.",
     {{"type", "treaty"}, {"issued", "2001-7-16"}, {"language", "ru"}}},
    {"interview", "The Kremlin, “Интервью Медиакорпорации Китая,” October 16, 2023, http://kremlin.ru/events/president/news/72508.",
     {{"type", "interview"}, {"author", "The Kremlin"}}},
    {"chapter in an edited book",
     "Marcin Kaczmarski, “Russia–China Relations in Central Asia,” in The Routledge Handbook of Russian Foreign Policy, "
     "ed. Andrei Tsygankov (London: Routledge, 2018), 325–37.",
     {{"type", "chapter"},
      {"container-title", "The Routledge Handbook of Russian Foreign Policy"},
      {"editor", "Tsygankov, Andrei"},
      {"page", "325-37"},
      {"publisher", "Routledge"}}},
    {"venue normalised", "Valery Kistanov, “На саммите в Хиросиме,” Nezavisimaya Gazeta, May 14, 2023, https://www.ng.ru/courier/x.html.",
     {{"container-title", "Nezavisimaya Gazeta"}, {"type", "article-newspaper"}}},
    {"APA reference list entry with a DOI",
     "Smith, J., & Doe, A. (2020). Power and partnership in Eurasia. Journal of Eurasian Studies, 11(2), 45–67. "
     "https://doi.org/10.1177/1879366520912345",
     {{"author", "Smith, J.; Doe, A."},
      {"issued", "2020"},
      {"title", "Power and partnership in Eurasia"},
      {"container-title", "Journal of Eurasian Studies"},
      {"volume", "11"},
      {"issue", "2"},
      {"page", "45-67"},
      {"DOI", "10.1177/1879366520912345"},
      {"type", "article-journal"}}},
    {"MLA works-cited entry",
     "Smith, John, and Jane Doe. “Power and Partnership.” Journal of Eurasian Studies, vol. 11, no. 2, 2020, pp. 45-67.",
     {{"author", "Smith, John; Doe, Jane"},
      {"title", "Power and Partnership"},
      {"container-title", "Journal of Eurasian Studies"},
      {"volume", "11"},
      {"issue", "2"},
      {"issued", "2020"},
      {"page", "45-67"}}},
    {"Chicago bibliography, book",
     "Lo, Bobo. Axis of Convenience: Moscow, Beijing, and the New Geopolitics. Washington, DC: Brookings Institution Press, 2008.",
     {{"author", "Lo, Bobo"},
      {"title", "Axis of Convenience: Moscow, Beijing, and the New Geopolitics"},
      {"publisher", "Brookings Institution Press"},
      {"publisher-place", "Washington, DC"},
      {"issued", "2008"},
      {"type", "book"}}},
    {"GOST R 7.0.100 journal article with URL and access date",
     "Иванов И. И. Российско-китайские отношения / И. И. Иванов // Вопросы истории. — 2023. — Т. 5, № 3. — С. 23–34. — "
     "URL: https://example.ru/a/1 (дата обращения: 01.02.2024).",
     {{"author", "Иванов, И. И."},
      {"title", "Российско-китайские отношения"},
      {"container-title", "Вопросы истории"},
      {"issued", "2023"},
      {"volume", "5"},
      {"issue", "3"},
      {"page", "23-34"},
      {"URL", "https://example.ru/a/1"},
      {"accessed", "2024-2-1"},
      {"type", "article-journal"},
      {"language", "ru"}}},
    {"GOST book with two authors",
     "Петров П. П., Сидоров С. С. История дипломатии : учебник / П. П. Петров, С. С. Сидоров. — Москва : Наука, 2020. — 300 с.",
     {{"author", "Петров, П. П.; Сидоров, С. С."},
      {"title", "История дипломатии"},
      {"genre", "учебник"},
      {"publisher-place", "Москва"},
      {"publisher", "Наука"},
      {"issued", "2020"},
      {"type", "book"}}},
    {"GOST entry for an English article",
     "Lukin A. Russia’s Pivot to Asia / A. Lukin // Survival. — 2020. — Vol. 62, No. 1. — P. 45–60.",
     {{"author", "Lukin, A."},
      {"title", "Russia’s Pivot to Asia"},
      {"container-title", "Survival"},
      {"volume", "62"},
      {"issue", "1"},
      {"page", "45-60"},
      {"language", "en"}}},
    {"GOST translation: the translator after \"пер. с англ.\" in the nominative",
     "Смит Дж. История России / пер. с англ. Н. И. Петровой. — М. : Весь мир, 2010. — 300 с.",
     {{"author", "Смит, Дж."},
      {"translator", "Петрова, Н. И."},
      {"title", "История России"},
      {"publisher", "Весь мир"}}},
    {"GOST editors in the genitive after \"под общ. ред.\", a man and a woman",
     "Мир без России? / под общ. ред. Е. М. Примакова, И. С. Ивановой. — М. : Наука, 2009. — 239 с.",
     {{"editor", "Примаков, Е. М.; Иванова, И. С."},
      {"title", "Мир без России?"}}},
    {"GOST statement of responsibility with several roles of one person; unnumbered pages in brackets",
     "Беньямин В. Произведение искусства в эпоху его технической воспроизводимости / сост., пер. с нем., примеч. и "
     "предисл. С. А. Ромашко. — М. : Медиум, 1996. — 399, [1] с.",
     {{"author", "Беньямин, В."},
      {"translator", "Ромашко, С. А."},
      {"publisher", "Медиум"},
      {"number-of-pages", "399"},
      {"volume", ""}}},
    {"GOST journal issue with its running number in brackets",
     "Иванов И. И. Статья // Вестник МГУ. — 2010. — 3 (76). — С. 5–10.",
     {{"container-title", "Вестник МГУ"},
      {"issue", "3"},
      {"volume", ""},
      {"page", "5-10"}}},
    {"Chicago book reprinted: the first edition's year, then the reprint's place, publisher and year",
     "Peter Kropotkin, Fields, Factories and Workshops (1899; reprint London: Freedom Press, 1985), 12.",
     {{"publisher-place", "London"},
      {"publisher", "Freedom Press"},
      {"issued", "1985"},
      {"original-date", "1899"}}},
    {"GOST note without \" / \": the translator after the title's comma, then the series",
     "Хайдеггер М. Бытие и время, trans. И. Вдовиной, Канон философии. М.: Ад Маргинем, 1997.",
     {{"title", "Бытие и время"},
      {"translator", "Вдовина, И."},
      {"collection-title", "Канон философии"},
      {"publisher", "Ад Маргинем"},
      {"issued", "1997"}}},
    {"GOST note without \" / \": \"пер. с нем.\" and the translator in the genitive",
     "Heidegger M. Sein und Zeit, пер. с нем. В. В. Бибихина. М.: Ad Marginem, 1997. 451 с.",
     {{"title", "Sein und Zeit"},
      {"translator", "Бибихин, В. В."},
      {"publisher", "Ad Marginem"}}},
    {"GOST collection with an editor",
     "Россия и Китай : сборник статей / под ред. А. В. Лукина. — Москва : МГИМО, 2019. — 250 с.",
     {{"editor", "Лукин, А. В."},
      {"title", "Россия и Китай"},
      {"genre", "сборник статей"},
      {"publisher", "МГИМО"},
      {"publisher-place", "Москва"},
      {"issued", "2019"}}},
    {"APA book: the publisher after the title",
     "Lo, B. (2008). Axis of convenience: Moscow, Beijing, and the new geopolitics. Brookings Institution Press.",
     {{"author", "Lo, B."}, {"publisher", "Brookings Institution Press"}, {"container-title", ""}, {"type", "book"}, {"issued", "2008"}}},
    {"APA newspaper article with year, month and day",
     "Kozyrev, A. (2021, May 3). Why Russia pivots. The Moscow Times. https://www.themoscowtimes.com/2021/05/03/x",
     {{"issued", "2021-5-3"}, {"title", "Why Russia pivots"}, {"container-title", "The Moscow Times"}, {"type", "article-newspaper"}}},
    {"GOST R 7.0.5 note without dashes",
     "Лукин А.В., Петров П.П. Россия и Китай // Россия в глобальной политике. 2023. Т. 21, № 1. С. 10–25.",
     {{"author", "Лукин, А.В.; Петров, П.П."},
      {"container-title", "Россия в глобальной политике"},
      {"issued", "2023"},
      {"volume", "21"},
      {"issue", "1"},
      {"page", "10-25"},
      {"type", "article-journal"}}},
    {"GOST book with [и др.] and an ISBN",
     "Иванов И. И., Петров П. П., Сидоров С. С. [и др.] Большая книга. — 2-е изд. — Санкт-Петербург : Питер, 2021. — 512 с.",
     {{"title", "Большая книга"}, {"publisher", "Питер"}, {"publisher-place", "Санкт-Петербург"}, {"issued", "2021"}}},
    {"GOST R 7.0.5 book in a note, abbreviated place",
     "Лукин А. В. Поворот на Восток. М.: Весь мир, 2014. С. 45.",
     {{"author", "Лукин, А. В."}, {"title", "Поворот на Восток"}, {"publisher-place", "М."}, {"publisher", "Весь мир"},
      {"issued", "2014"}, {"type", "book"}}},
    {"law in a GOST note",
     "Федеральный закон от 27.07.2006 № 152-ФЗ «О персональных данных» // Собрание законодательства РФ. 2006. № 31. Ст. 3451.",
     {{"type", "legislation"}, {"container-title", "Собрание законодательства РФ"}, {"issued", "2006-7-27"},
      {"title", "О персональных данных"}, {"number", "152-ФЗ"}, {"section", "3451"}, {"volume", ""}}},
    {"romanized law before its quoted name",
     "Federal'nyi zakon ot 14.07.2022 № 255-FZ “O kontrole za deiatel'nost'iu lits,” Sobranie zakonodatel'stva "
     "Rossiiskoi Federatsii, 2022, no. 29, art. 5222.",
     {{"type", "legislation"}, {"issued", "2022-7-14"}, {"number", "255-FZ"}, {"title", "O kontrole za deiatel'nost'iu lits"},
      {"author", ""}}},
    {"GOST with dashes: an abbreviated place before a spaced colon, edition, pages and ISBN",
     "Иванов И. И. Экономика : учебник / И. И. Иванов, П. П. Петров. — 2-е изд., перераб. и доп. — М. : Юрайт, 2019. — "
     "345 с. — ISBN 978-5-534-01234-5.",
     {{"publisher-place", "М."}, {"publisher", "Юрайт"}, {"issued", "2019"}, {"edition", "2"}, {"number-of-pages", "345"},
      {"ISBN", "978-5-534-01234-5"}, {"author", "Иванов, И. И.; Петров, П. П."}, {"type", "book"}}},
    {"GOST article with a DOI written without a colon",
     "Смирнова А. В. Отношения // Вопросы истории. — 2020. — № 5. — С. 112–125. — DOI 10.31166/VI202005.",
     {{"DOI", "10.31166/VI202005"}, {"page", "112-125"}, {"URL", ""}}},
    {"GOST online resource: a web page, the URL label not in the title",
     "Хроника российско-китайских отношений [Электронный ресурс]. — URL: https://www.mid.ru/ru/1860586/ "
     "(дата обращения: 12.04.2023).",
     {{"title", "Хроника российско-китайских отношений"}, {"type", "webpage"}, {"accessed", "2023-4-12"}}},
    {"a policy document by the way its title starts",
     "Концепция внешней политики Российской Федерации [Электронный ресурс]. — URL: https://www.mid.ru/ru/1860586/.",
     {{"title", "Концепция внешней политики Российской Федерации"}, {"type", "document"}}},
    {"an issuing body after a quoted title is its author, a city run into it dropped",
     "“Foreign Minister Sergey Lavrov’s statement and answers to media questions,” Russian Foreign Ministry Moscow, "
     "January 18, 2024, https://mid.ru/en/foreign_policy/news/1926392/.",
     {{"author", "Russian Foreign Ministry"}, {"container-title", ""}, {"type", "speech"}}},
    {"GOST R 7.0.5 online resource without dashes",
     "Официальный сайт МИД России. URL: https://www.mid.ru (дата обращения: 01.02.2024).",
     {{"title", "Официальный сайт МИД России"}, {"URL", "https://www.mid.ru"}, {"type", "webpage"}, {"accessed", "2024-2-1"}}},
    {"GOST newspaper: the day after the year",
     "Габуев А. Друзья по несчастью // Коммерсантъ. — 2022. — 15 марта. — С. 6.",
     {{"issued", "2022-3-15"}, {"container-title", "Коммерсантъ"}, {"page", "6"}, {"type", "article-newspaper"}}},
    {"GOST chapter in a collection with its editor",
     "Лузянин С. Г. Россия и Китай в Центральной Азии // Россия и Китай: четыре века взаимодействия / под ред. "
     "А. В. Лукина. — М. : Весь мир, 2013. — С. 430–456.",
     {{"container-title", "Россия и Китай: четыре века взаимодействия"}, {"editor", "Лукин, А. В."}, {"type", "chapter"},
      {"publisher", "Весь мир"}, {"publisher-place", "М."}, {"page", "430-456"}, {"issued", "2013"}}},
    {"GOST R 7.0.5 chapter without dashes",
     "Петров П. П. Глава // В кн.: Большая книга. М.: Наука, 2001. С. 5–9.",
     {{"container-title", "Большая книга"}, {"type", "chapter"}, {"publisher", "Наука"}, {"issued", "2001"}}},
    {"GOST English book: two authors, no dashes, number of pages",
     "Kashin V., Timofeev I. Russia and China: Partnership in a Changing World. Moscow: Valdai Club, 2022. 34 p.",
     {{"author", "Kashin, V.; Timofeev, I."}, {"title", "Russia and China: Partnership in a Changing World"},
      {"publisher", "Valdai Club"}, {"number-of-pages", "34"}, {"type", "report"}}},  // a think tank's publication
    {"two places and publishers of one book",
     "Lo B. Axis of Convenience. London: Chatham House; Washington, DC: Brookings Institution Press, 2008. 277 p.",
     {{"publisher-place", "London; Washington, DC"}, {"publisher", "Chatham House; Brookings Institution Press"},
      {"issued", "2008"}, {"title", "Axis of Convenience"}}},
    {"Chicago book: a title with commas and a colon is not a list of names",
     "Marlene Hoskins, Russia’s Eastern Turn: Power, Markets, and Memory, 1991–2022 (New York: Oxford University Press, "
     "2019), 112–15.",
     {{"author", "Hoskins, Marlene"}, {"title", "Russia’s Eastern Turn: Power, Markets, and Memory, 1991–2022"}}},
    {"Chicago report: the series after the title is its genre",
     "Jonathan Reiss and Katherine Molloy, Russia’s Wartime Economy: Resilience and Its Limits, CSIS Brief (Washington, "
     "DC: Center for Strategic and International Studies, April 2024), https://www.csis.org/analysis/x.",
     {{"author", "Reiss, Jonathan; Molloy, Katherine"}, {"title", "Russia’s Wartime Economy: Resilience and Its Limits"},
      {"genre", "CSIS Brief"}, {"type", "report"}}},
    {"a post names its platform",
     "Rybar, Telegram post, March 15, 2024, https://t.me/rybar/56721.",
     {{"author", "Rybar"}, {"title", ""}, {"container-title", "Telegram"}, {"issued", "2024-3-15"}}},
    {"chapter in a title-case book title ending in a year",
     "Irina Volkova, “The Concept of Greater Eurasia,” in Russia and the World Order after 2014, ed. Paul Hendricks and "
     "Marta Lisowska (London: Routledge, 2020), 45–67.",
     {{"container-title", "Russia and the World Order after 2014"}, {"volume", ""}, {"type", "chapter"}, {"page", "45-67"},
      {"editor", "Hendricks, Paul; Lisowska, Marta"}}},
    {"chapter in a romanized book title with a subtitle",
     "Iurii Frolov, “Sovetskaia diplomatiia i Vostok,” in Rossiia i Vostok: Problemy vzaimodeistviia, ed. N. A. Ivanov "
     "(Kazan': Izdatel'stvo Kazanskogo universiteta, 2015), 77–95.",
     {{"container-title", "Rossiia i Vostok: Problemy vzaimodeistviia"}, {"language", "ru"}, {"type", "chapter"}}},
    {"romanized journal name in lower case with a volume",
     "Sergei Karaganov, “Ot Povorota na Vostok k Bol'shoi Evrazii,” Rossiia v global'noi politike 15, no. 2 (2017): 8–21.",
     {{"container-title", "Rossiia v global'noi politike"}, {"volume", "15"}, {"issue", "2"}, {"language", "ru"}}},
    {"an English title is English",
     "Fyodor Lukyanov, “Putin’s Foreign Policy: The Quest to Restore Russia’s Rightful Place,” Foreign Affairs 95, no. 3 "
     "(2016): 30–37.",
     {{"language", "en"}}},
    {"GOST statement of responsibility with [и др.] and an editor after ';'",
     "Россия и Центральная Азия : монография / А. Н. Ковалев, В. В. Нестеров, И. Д. Зайцева [и др.] ; под ред. "
     "В. В. Нестерова. — М. : Аспект Пресс, 2022. — 412 с.",
     {{"author", "Ковалев, А. Н.; Нестеров, В. В.; Зайцева, И. Д."}, {"editor", "Нестеров, В. В."},
      {"publisher", "Аспект Пресс"}, {"number-of-pages", "412"}}},
    {"GOST title ending in a question mark, a translator, no dashes",
     "Коэн С. Вопрос вопросов: Почему не стало Советского Союза? / пер. с англ. И. Давидян. М.: АИРО-XXI, 2007. 200 с.",
     {{"author", "Коэн, С."}, {"title", "Вопрос вопросов: Почему не стало Советского Союза?"}, {"publisher", "АИРО-XXI"},
      {"publisher-place", "М."}, {"issued", "2007"}}},
    {"GOST: two places of one publisher",
     "Cooley A. Great Games, Local Rules. Oxford ; New York : Oxford University Press, 2012. 256 p.",
     {{"publisher-place", "Oxford; New York"}, {"publisher", "Oxford University Press"}, {"issued", "2012"}}},
    {"GOST chapter: editors with initials first, a publication statement after",
     "Hendricks P. Russia and the Post-Soviet Space // The Oxford Handbook of Eurasian Politics / ed. by L. Mercer, "
     "J. Aliyev. Oxford : Oxford University Press, 2021. P. 310–325.",
     {{"editor", "Mercer, L.; Aliyev, J."}, {"container-title", "The Oxford Handbook of Eurasian Politics"},
      {"publisher-place", "Oxford"}, {"type", "chapter"}, {"page", "310-325"}}},
    {"GOST conference proceedings: the conference's place and dates out of the container, an abbreviated publisher",
     "Ершова Н. С. Образовательная политика // Россия и Центральная Азия : материалы междунар. науч. конф. (Томск, "
     "12–13 мая 2021 г.). Томск : Изд-во Том. ун-та, 2021. С. 201–209.",
     {{"container-title", "Россия и Центральная Азия: материалы междунар. науч. конф"}, {"publisher", "Изд-во Том. ун-та"},
      {"publisher-place", "Томск"}, {"type", "chapter"}, {"issued", "2021"}}},
    {"GOST report: the kind of publication after the title",
     "Россия и Центральная Азия: новая повестка. Доклад № 85/2023 / И. Д. Зайцева, Р. М. Зайцев ; Российский совет по "
     "международным делам. — М. : НП РСМД, 2023. — 48 с.",
     {{"title", "Россия и Центральная Азия: новая повестка"}, {"genre", "Доклад № 85/2023"}, {"type", "report"},
      {"author", "Зайцева, И. Д.; Зайцев, Р. М."}}},
    {"an interview the author held: no title, the place and the date",
     "Fyodor Romanenko (deputy director, Institute of Far Eastern Studies), interview by the author, Moscow, October 14, 2019.",
     {{"author", "Romanenko, Fyodor"}, {"title", ""}, {"type", "interview"}, {"event-place", "Moscow"}, {"issued", "2019-10-14"}}},
    {"a book published by a press is a book, by a think tank a report",
     "Mikhail Ostrovskii, Russia and China in Central Asia (Washington, DC: Carnegie Endowment for International Peace, 2022).",
     {{"type", "report"}, {"publisher", "Carnegie Endowment for International Peace"}}},
    {"a newspaper's section page",
     "Michael Carney, “Putin and Xi Pledge Partnership,” New York Times, February 5, 2022, A1.",
     {{"page", "A1"}, {"issued", "2022-2-5"}}},
    {"an interview described, with its place and month",
     "Interview with a senior Russian diplomat, Moscow, March 2023.",
     {{"title", "Interview with a senior Russian diplomat"}, {"type", "interview"}, {"event-place", "Moscow"},
      {"issued", "2023-3"}}},
    {"a report with its series, place and date in brackets",
     "Valdai Discussion Club, Russia and China in a Multipolar World, Valdai Report (Moscow, October 2022), 14, "
     "https://valdaiclub.com/files/40000/.",
     {{"title", "Russia and China in a Multipolar World"}, {"genre", "Valdai Report"}, {"publisher-place", "Moscow"},
      {"issued", "2022-10"}, {"type", "report"}}},
    {"an institution after an unquoted title publishes it",
     "Paul Stronski and Richard Sokolsky, The Return of Global Russia: An Analytical Framework, Carnegie Endowment for "
     "International Peace, December 2017, https://carnegieendowment.org/files/Return_Global_Russia.pdf.",
     {{"title", "The Return of Global Russia: An Analytical Framework"},
      {"publisher", "Carnegie Endowment for International Peace"}, {"issued", "2017-12"}, {"type", "report"}}},
    {"a press release is a kind of publication, not a venue",
     "Ministry of Foreign Affairs of the Russian Federation, “Foreign Minister Sergey Lavrov's remarks,” press release, "
     "January 18, 2023.",
     {{"genre", "press release"}, {"container-title", ""}, {"issued", "2023-1-18"}}},
    {"APA: a romanized title with its translation in brackets, a journal in lower case, a DOI link",
     "Belova, E. V. (2020). Kitaiskii faktor v politike Rossii v Tsentral'noi Azii [The Chinese factor in Russia's policy "
     "in Central Asia]. Mirovaia ekonomika i mezhdunarodnye otnosheniia, 64(9), 98–107. "
     "https://doi.org/10.20542/0131-2227-2020-64-9-98-107",
     {{"title", "Kitaiskii faktor v politike Rossii v Tsentral'noi Azii"}, {"language", "ru"},
      {"container-title", "Mirovaia ekonomika i mezhdunarodnye otnosheniia"}, {"volume", "64"}, {"issue", "9"},
      {"DOI", "10.20542/0131-2227-2020-64-9-98-107"}, {"URL", ""}, {"type", "article-journal"}}},
    {"APA book: edition, publisher after the title, editors",
     "Gilmore, P., & Sato, Y. (Eds.). (2019). The Eurasian Economic Union (2nd ed.). Palgrave Macmillan.",
     {{"editor", "Gilmore, P.; Sato, Y."}, {"author", ""}, {"title", "The Eurasian Economic Union"}, {"edition", "2"},
      {"publisher", "Palgrave Macmillan"}, {"container-title", ""}, {"type", "book"}}},
    {"APA chapter: editors, book, pages, publisher",
     "Haas, M. (2019). Russia's security policy in Central Asia. In P. Gilmore & Y. Sato (Eds.), The Eurasian Economic "
     "Union: Deals, rules and the exercise of power (pp. 141–166). Palgrave Macmillan.",
     {{"container-title", "The Eurasian Economic Union: Deals, rules and the exercise of power"},
      {"editor", "Gilmore, P.; Sato, Y."}, {"page", "141-166"}, {"publisher", "Palgrave Macmillan"}, {"type", "chapter"},
      {"venue", ""}}},
    {"APA without an author: the title first, then the date and the newspaper",
     "Russia's Central Asian problem. (2023, June 1). The Economist. https://www.economist.com/europe/2023/06/01/x",
     {{"title", "Russia's Central Asian problem"}, {"author", ""}, {"container-title", "The Economist"}, {"issued", "2023-6-1"}}},
    {"APA thesis and a transcript in brackets",
     "Kalieva, D. (2020). Russian–Chinese relations in Central Asia, 1991–2018 [Doctoral dissertation, University of Oxford].",
     {{"type", "thesis"}, {"publisher", "University of Oxford"}, {"title", "Russian–Chinese relations in Central Asia, 1991–2018"}}},
    {"APA: a quotation inside the title and 'Retrieved …, from'",
     "President of Russia. (2022, October 14). Sammit \"Tsentral'naia Aziia – Rossiia\" [Central Asia–Russia summit] "
     "[Transcript]. Retrieved March 3, 2024, from http://kremlin.ru/events/president/news/69605",
     {{"author", "President of Russia"}, {"type", "speech"}, {"issued", "2022-10-14"}, {"container-title", ""},
      {"accessed", "2024-3-3"}}},
    {"Chicago thesis in brackets, the page cited after it",
     "Daniel Okafor, “The Politics of Pipelines” (PhD diss., Harvard University, 2015), 88.",
     {{"type", "thesis"}, {"publisher", "Harvard University"}, {"issued", "2015"}, {"genre", "PhD diss."}, {"volume", ""},
      {"container-title", ""}}},
    {"a working paper series before a publication parenthetical is a report's genre",
     "Ilya Gorelov and Maria Kim, “Trade Diversion in the Eurasian Economic Union,” Working Paper WP BRP 89/IR/2023 "
     "(Moscow: HSE University, 2023).",
     {{"type", "report"}, {"genre", "Working Paper WP BRP 89/IR/2023"}, {"container-title", ""}, {"publisher", "HSE University"}}},
    {"an interview in a newspaper, with its interviewer",
     "Mikhail Shatalov, “Evraziiskaia integratsiia ne protivorechit ‘Poiasu i puti’,” interview by Gleb Stoliarov, Izvestiia, "
     "July 4, 2023, https://iz.ru/1537000/x.",
     {{"type", "interview"}, {"interviewer", "Stoliarov, Gleb"}, {"container-title", "Izvestiia"}}},
    {"a city where the venue would be is where the speech was given",
     "Ministry of Foreign Affairs of the Russian Federation, “Vystuplenie Ministra S. V. Lavrova,” Astana, October 6, 2023, "
     "https://www.mid.ru/ru/foreign_policy/news/1907790/.",
     {{"type", "speech"}, {"container-title", ""}, {"event-place", "Astana"}, {"issued", "2023-10-6"}}},
    {"an account's handle is not part of the author's name; a post on X",
     "Maria Antonova (@MAntonova_MFA), “Central Asia is not a chessboard,” X, March 21, 2024, https://x.com/MAntonova_MFA/status/1.",
     {{"author", "Antonova, Maria"}, {"type", "post-weblog"}}},
    {"an author without the comma before the quoted title",
     "Viktoriia Pankratova “Dushanbe ishchet pokrovitelia v Pekine,” Nezavisimaia gazeta, August 30, 2022.",
     {{"author", "Pankratova, Viktoriia"}, {"container-title", "Nezavisimaia gazeta"}}},
    {"GOST thesis in a note: the kind after the colon, a place and a year, the pages",
     "Ахмедова Д. Р. Многосторонние форматы в политике России в Центральной Азии : дис. … канд. полит. наук. М., 2022. 214 с.",
     {{"author", "Ахмедова, Д. Р."}, {"title", "Многосторонние форматы в политике России в Центральной Азии"},
      {"type", "thesis"}, {"publisher-place", "М."}, {"issued", "2022"}, {"number-of-pages", "214"}}},
    {"GOST interview: the kind after the colon",
     "Рязанцева О. В. «Мы не делим Центральную Азию с Китаем» : интервью // Известия. 2023. 5 июня.",
     {{"type", "interview"}, {"title", "Мы не делим Центральную Азию с Китаем"}, {"issued", "2023-6-5"}}},
    {"GOST note: the page of a whole book is the page cited, not the book's pages",
     "Кузьмин В. Н. Поворот на Восток : российская политика в Азии после 2014 года. М.: Аспект Пресс, 2019. С. 45.",
     {{"page", ""}, {"publisher", "Аспект Пресс"}, {"type", "book"}}},
    {"GOST: an issuing body after // is the author",
     "Совместное заявление России и Китая [Электронный ресурс] // Президент России. 2024. 16 мая. "
     "URL: http://www.kremlin.ru/supplement/6132 (дата обращения: 20.05.2024).",
     {{"author", "Президент России"}, {"container-title", ""}, {"issued", "2024-5-16"}, {"type", "document"}}},
    {"GOST under its title, a statement of responsibility with [и др.] and an editor, no dashes",
     "Энергетическая безопасность Центральной Азии: вызовы и ответы / Е. В. Петрова [и др.] ; под общ. ред. "
     "Р. К. Садыкова. Алматы : КИСИ при Президенте РК, 2021. 244 с.",
     {{"title", "Энергетическая безопасность Центральной Азии: вызовы и ответы"}, {"author", "Петрова, Е. В."},
      {"editor", "Садыков, Р. К."}, {"publisher-place", "Алматы"}, {"publisher", "КИСИ при Президенте РК"},
      {"number-of-pages", "244"}}},
    {"GOST: a treaty's date in its name is the date issued",
     "Договор между Российской Федерацией и Республикой Узбекистан о союзнических отношениях от 14 ноября 2005 г. // "
     "Бюллетень международных договоров. 2007. № 3. С. 37–40.",
     {{"title", "Договор между Российской Федерацией и Республикой Узбекистан о союзнических отношениях"},
      {"issued", "2005-11-14"}, {"type", "treaty"}}},
    {"GOST: the rest of an edition statement, a publisher with abbreviations",
     "Шевцова Н. Г. Китай и Центральная Азия. 2-е изд., испр. и доп. СПб.: Изд-во С.-Петерб. ун-та, 2020. 312 с.",
     {{"edition", "2"}, {"publisher", "Изд-во С.-Петерб. ун-та"}, {"publisher-place", "СПб."}}},
    {"APA: a journal's series belongs to its name; a chapter's book is not a venue",
     "Usmanova, L. A. (2019). Rossiiskie SMI o Kitae [Russian media on China]. Vestnik Moskovskogo universiteta. Seriia 25: "
     "Mezhdunarodnye otnosheniia i mirovaia politika, 11(3), 102–128.",
     {{"container-title", "Vestnik Moskovskogo universiteta. Seriia 25: Mezhdunarodnye otnosheniia i mirovaia politika"},
      {"volume", "11"}, {"issue", "3"}}},
    {"MLA with straight quotes and a two-month issue",
     "Trenin, Dmitri. \"Russia and China.\" Foreign Affairs, vol. 99, no. 4, July/Aug. 2020, pp. 10-18.",
     {{"author", "Trenin, Dmitri"}, {"title", "Russia and China"}, {"volume", "99"}, {"issue", "4"}, {"page", "10-18"},
      {"issued", "2020-7/2020-8"}}},
};

}  // namespace

TEST_CASE("parse_reference labels the fields of many shapes of reference") {
  for (const auto& c : cases) {
    SUBCASE(c.name) {
      const auto cit = bicite::parse::parse_reference(c.input);
      for (const auto& expected : c.expect) {
        INFO("field: ", expected.first);  // not a structured binding: clang 14 cannot capture one
        CHECK(parse_test::field(cit.item, expected.first) == expected.second);
      }
    }
  }
}

TEST_CASE("each field remembers where it was read and how sure the parser is") {
  const std::string input = "Catherine Belton, “Russia projects confidence,” The Washington Post, January 28, 2024.";
  const auto cit = bicite::parse::parse_reference(input);
  bool title = false, author = false, issued = false;
  for (const auto& s : cit.sources) {
    CHECK(s.where.begin <= s.where.end);
    CHECK(s.where.end <= input.size());
    CHECK(s.confidence > 0.0);
    CHECK(s.confidence <= 1.0);
    const std::string text = input.substr(s.where.begin, s.where.end - s.where.begin);
    if (s.field == "title") {
      title = true;
      CHECK(text == "Russia projects confidence,");
    }
    if (s.field == "author") {
      author = true;
      CHECK(text == "Catherine Belton");
    }
    if (s.field == "issued") {
      issued = true;
      CHECK(text == "January 28, 2024");
    }
  }
  CHECK(title);
  CHECK(author);
  CHECK(issued);
}

TEST_CASE("an unclosed quotation mark is reported with its position") {
  const std::string note = "Iury Tavrovsky, «Путин и Си, MKRU, April 27, 2023.";
  const auto n = bicite::parse::parse_note(note, 12);
  REQUIRE(n.diagnostics.size() == 1);
  CHECK(n.diagnostics[0].code == "parse.unclosed-quote");
  CHECK(n.diagnostics[0].where.begin == note.find("«"));
  REQUIRE(n.citations.size() == 1);
  CHECK(parse_test::field(n.citations[0].item, "container-title") == "MKRU");
}
