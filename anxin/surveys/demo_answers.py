"""Plausible answers to the annual needs survey for the demo: choices drawn with weights
that differ a little by gender, age and year, and open suggestions written from a set of
themes, so that the analysis, the cross-tabs and the theme summary have something to show.
"""

import random

# Open suggestions by theme, as employees write them (several wordings per theme).
SUGGESTIONS = {
    "stress": [
        "希望多辦紓壓課程，例如瑜珈或正念。",
        "工作壓力大，希望有更多紓壓活動。",
        "建議增加壓力調適的講座，最好在午休時間。",
        "業務量很大，希望有紓壓或放鬆的團體課程。",
        "可以辦理正念減壓工作坊嗎？",
    ],
    "parenting": [
        "希望有親子教養相關的講座。",
        "家中有幼兒，希望提供育兒諮詢。",
        "建議辦理親職教育課程，並提供托育資訊。",
        "希望有親子活動，可以帶孩子一起參加。",
    ],
    "retirement": [
        "快退休了，希望有退休規劃的課程。",
        "建議增加退休理財與生涯規劃講座。",
        "希望了解退休後的生活安排與健康照顧。",
    ],
    "supervisor": [
        "希望主管能參加溝通課程，改善與部屬的互動。",
        "建議辦理主管溝通與領導的訓練。",
        "單位內溝通不良，希望有主管溝通的協助。",
    ],
    "online": [
        "希望課程可以提供線上版本，方便外勤同仁參加。",
        "建議多辦線上課程，時間比較彈性。",
    ],
    "health": [
        "希望增加健康檢查或體適能活動。",
        "建議辦理運動社團或健走活動，促進健康。",
    ],
    "legal": [
        "希望提供法律諮詢，例如租屋或繼承問題。",
    ],
    "finance": [
        "希望有理財規劃的諮詢服務。",
    ],
}
# How often each theme is written, among those who write a suggestion.
THEME_WEIGHTS = {
    "stress": 30,
    "parenting": 18,
    "retirement": 12,
    "supervisor": 12,
    "online": 10,
    "health": 10,
    "legal": 4,
    "finance": 4,
}
TOPICS = [
    "工作壓力調適",
    "人際溝通",
    "家庭與親職",
    "健康促進",
    "理財規劃",
    "法律常識",
    "職涯發展",
    "退休規劃",
]
FORMATS = ["實體講座", "線上課程", "小團體工作坊", "個別諮詢"]
USED = ["個別諮商", "團體諮商", "講座或工作坊", "法律諮詢", "財務諮詢", "醫療保健諮詢", "心理測驗"]


def needs_answer(rng: random.Random, *, age: int, gender: str, year_index: int) -> dict:
    """One respondent's answers to the needs survey preset (`needs_survey.yaml`).
    `year_index` 0 is the earlier year; awareness and use grow a little the year after."""
    known = rng.random() < 0.6 + 0.1 * year_index
    used = known and rng.random() < 0.25 + 0.05 * year_index
    topics = {"工作壓力調適"} if rng.random() < 0.55 else set()
    if age < 45 and rng.random() < 0.45:
        topics.add("家庭與親職")
    if age >= 55 and rng.random() < 0.6:
        topics.add("退休規劃")
    topics.update(rng.sample(TOPICS, rng.randint(1, 2)))
    # Strain answered on 1 (disagree: strained) to 5 (agree: bearable).
    stress = min(5, max(1, round(rng.gauss(3.1 + 0.2 * year_index - (0.3 if age < 40 else 0), 1))))
    answers = {
        "known": "知道" if known else "不知道",
        "used": "有" if used else "沒有",
        "topics": sorted(topics, key=TOPICS.index),
        "stress": stress,
    }
    if used:
        answers["used_which"] = rng.sample(USED, rng.randint(1, 2))
    if rng.random() < 0.9:
        weights = [3, 3 if gender == "F" else 2, 2, 1]
        answers["format"] = rng.choices(FORMATS, weights=weights)[0]
    if rng.random() < 0.55:
        answers["suggestions"] = suggestion(rng)
    if used:
        # Satisfaction with the services used (1 to 5), a little higher the year after.
        answers["satisfied"] = min(5, max(1, round(rng.gauss(3.9 + 0.2 * year_index, 0.9))))
    return answers


def suggestion(rng: random.Random) -> str:
    themes = list(THEME_WEIGHTS)
    first = rng.choices(themes, weights=list(THEME_WEIGHTS.values()))[0]
    text = rng.choice(SUGGESTIONS[first])
    if rng.random() < 0.2:
        second = rng.choice([theme for theme in themes if theme != first])
        text += rng.choice(SUGGESTIONS[second])
    return text
