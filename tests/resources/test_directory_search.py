"""Search in zh-Hant finds one- and two-character words (search.py); the same tests run on
SQLite (FTS5) and PostgreSQL (trigram index over CJK bigrams)."""

from datetime import date

from django.test import TestCase

from anxin.people.services import orgunit_create
from anxin.resources.directory import search
from anxin.resources.directory.models import Service
from tests.base import make_user
from tests.resources.directory_base import make_entry


class SearchTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authority = orgunit_create(name="範例市政府", kind="authority", code="379000000A")
        owner = make_user("owner")
        entry = lambda **f: make_entry(cls.authority, owner, **f)  # noqa: E731
        cls.legal = entry(
            organisation="民政處", name="法律扶助諮詢", description="律師解答法律問題"
        )
        cls.tax = entry(
            organisation="稅務局", name="全功能服務櫃台", description="稅務申辦及節稅規劃"
        )
        cls.care = entry(
            organisation="衛生福利部", name="1966長照服務專線", description="長照需要評估"
        )
        cls.mind = entry(
            organisation="市立聯合醫院", name="全觀心理單次諮詢門診", category="心理相關"
        )
        cls.counsel = entry(
            organisation="員工協談室",
            name="個別協談",
            description="Individual counselling",
            district="信義區",
        )

    def found(self, query: str) -> set[int]:
        return set(search.search(Service.objects.all(), query).values_list("pk", flat=True))

    def test_it_finds_a_two_character_word(self):
        self.assertEqual(self.found("法律"), {self.legal.pk})
        self.assertEqual(self.found("長照"), {self.care.pk})
        self.assertEqual(self.found("心理"), {self.mind.pk})

    def test_it_finds_a_one_character_word(self):
        self.assertEqual(self.found("稅"), {self.tax.pk})

    def test_a_longer_word_needs_all_its_pairs(self):
        self.assertEqual(self.found("法律扶助"), {self.legal.pk})
        self.assertEqual(self.found("法律心理"), set())

    def test_every_term_must_match(self):
        self.assertEqual(self.found("諮詢 心理"), {self.mind.pk})
        self.assertEqual(self.found("諮詢"), {self.legal.pk, self.mind.pk})

    def test_it_searches_the_organisation_and_the_district(self):
        self.assertEqual(self.found("稅務局"), {self.tax.pk})
        self.assertEqual(self.found("信義"), {self.counsel.pk})

    def test_latin_words_and_numbers_match_their_start(self):
        self.assertEqual(self.found("counsel"), {self.counsel.pk})
        self.assertEqual(self.found("1966"), {self.care.pk})

    def test_an_empty_or_punctuation_query_narrows_nothing(self):
        self.assertEqual(len(self.found("")), 5)
        self.assertEqual(len(self.found('「」 "*')), 5)

    def test_a_quote_in_the_query_is_no_syntax_error(self):
        self.assertEqual(self.found('法律" OR "稅'), set())

    def test_the_index_follows_an_edit_and_a_removal(self):
        from anxin.resources.directory.services import EntryData, service_delete, service_update

        service_update(
            service=self.tax,
            expected_version=self.tax.version,
            data=EntryData(organisation="稅務局", name="地價稅諮詢"),
            agency=self.authority,
            owner=self.tax.owner,
            verified_on=date.today(),
        )
        self.assertEqual(self.found("地價"), {self.tax.pk})
        self.assertEqual(self.found("節稅"), set())
        service_delete(service=self.legal)
        self.assertEqual(self.found("法律"), set())

    def test_tokens_are_unigrams_and_bigrams_of_han_and_whole_words(self):
        self.assertEqual(search.tokens("長照 ABC 12"), " 長 照 長照 abc 12 ")


class RankingTestCase(TestCase):
    """Results by relevance (decision 0069): a term in the name before one in the
    organisation, before one in the category, before one found only in the description;
    ties in name order. The same on SQLite (FTS5) and PostgreSQL (trigram)."""

    @classmethod
    def setUpTestData(cls):
        cls.authority = orgunit_create(name="範例市政府", kind="authority", code="379000000A")
        owner = make_user("owner")
        entry = lambda **f: make_entry(cls.authority, owner, **f)  # noqa: E731
        cls.in_description = entry(
            organisation="社會局", name="家庭服務中心", description="提供法律與心理諮詢轉介"
        )
        cls.in_name = entry(organisation="民政處", name="法律扶助諮詢")
        cls.in_organisation = entry(organisation="法律扶助基金會", name="免費諮詢專線")
        cls.in_category = entry(organisation="市立醫院", name="駐點服務", category="法律諮詢")
        cls.tax_in_name = entry(organisation="稅務局", name="地價稅櫃台")
        cls.tax_in_text = entry(organisation="財政處", name="全功能櫃台", description="各項稅務")
        cls.care_b = entry(organisation="衛生局", name="長照服務B", description="長照評估")
        cls.care_a = entry(organisation="衛生局", name="長照服務A")

    def ranked(self, query: str) -> list[int]:
        return list(search.search(Service.objects.all(), query).values_list("pk", flat=True))

    def test_a_name_match_comes_before_the_organisation_category_and_description(self):
        self.assertEqual(
            self.ranked("法律"),
            [
                self.in_name.pk,
                self.in_organisation.pk,
                self.in_category.pk,
                self.in_description.pk,
            ],
        )

    def test_a_one_character_query_is_ranked_too(self):
        self.assertEqual(self.ranked("稅"), [self.tax_in_name.pk, self.tax_in_text.pk])

    def test_more_terms_in_the_name_rank_higher(self):
        # 法律 and 諮詢 both in the name; only 諮詢 in the other names.
        found = self.ranked("法律 諮詢")
        self.assertEqual(found[0], self.in_name.pk)
        self.assertEqual(found[-1], self.in_description.pk)

    def test_ties_keep_name_order(self):
        self.assertEqual(self.ranked("長照"), [self.care_a.pk, self.care_b.pk])

    def test_an_empty_query_keeps_name_order(self):
        names = list(search.search(Service.objects.all(), "").values_list("name", flat=True))
        self.assertEqual(names, sorted(names))
