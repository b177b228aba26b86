"""Tests for kg.ingest: decoding, HTML text, normalisation, rejoining, splitting, bylines;
traditional-to-simplified conversion, conversion debris, page furniture, truncated and
single-article web pages."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kg import ingest
from kg.errors import InputError
from kg.ingest import (
    collapse_punctuation, decode, furniture, html_text, is_traditional, normalise, page_year,
    parse_byline, prepare_page, read_file, read_inputs, remove_glosses, split_page, to_simplified,
    traditional_share,
)
from kg.model import Byline

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "000_238ca3ace6f4ed21.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LONG = "这是一段专门用来测试排版断行的正文文字，里面有逗号，也有足够的长度，比如图书"  # > 30 chars


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def articles() -> list:
    return read_file(SAMPLE)


def _shape(arts):
    return [(a.text, a.headline, a.kicker, a.section, a.byline, a.bylines, a.year, a.page_start)
            for a in arts]


# --------------------------------------------------------------------------- the sample page

def test_sample_has_eight_articles(articles):
    assert [a.id for a in articles] == [f"000_238ca3ace6f4ed21-{n}" for n in range(1, 9)]
    assert {a.source for a in articles} == {"000_238ca3ace6f4ed21.txt"}
    assert [a.headline for a in articles] == [
        "同心逐梦，情越太行——屯留与东城有个“约定”",
        "沁源县外卖小哥享受温暖“配送”",
        "淮海集团团员青年观看爱国影片",
        "农村困境儿童感受浓情冬日",
        "长治学院志愿者开展生命教育体验",
        "点亮“微心愿”提升“小幸福”“暖心”活动室里快乐多",
        "天脊社区“微治理”“细服务”托起暖暖的幸福",
        "太行天路“咖啡屋”",
    ]
    assert [a.section for a in articles] == ["", *["社会传真"] * 4, *["社会见闻"] * 3]
    assert articles[0].kicker == "推动京长对口合作走深走实"
    assert [a.kicker for a in articles[1:]] == [""] * 7
    assert {a.year for a in articles} == {2024}


def test_sample_bylines(articles):
    assert [a.byline for a in articles] == [
        "□本报记者 张振龙",
        "本报讯 通讯员樊留波报道",
        "本报讯 记者田彦君报道",
        "本报讯 记者皇甫艳斌报道",
        "本报讯 记者韦婧报道",
        "□本报记者 田彦君 实习生 贾贝贝",
        "本报讯 通讯员孙超 梦倩报道",
        "本报记者 张振龙 摄",
    ]
    assert [[(b.name, b.title) for b in a.bylines] for a in articles] == [
        [("张振龙", "记者")], [("樊留波", "通讯员")], [("田彦君", "记者")], [("皇甫艳斌", "记者")],
        [("韦婧", "记者")], [("田彦君", "记者"), ("贾贝贝", "实习生")],
        [("孙超", "通讯员"), ("梦倩", "通讯员")], [("张振龙", "记者")],
    ]


def test_sample_offsets(sample, articles):
    page = normalise(sample)
    for art in articles:
        assert page[art.page_start:art.page_start + len(art.text)] == art.text
        assert art.headline.startswith(art.text.split("\n")[0]) or art.kicker == art.text.split("\n")[0]
        for b in art.bylines:
            assert art.text[b.start:b.end] == b.name
    ends = [a.page_start + len(a.text) for a in articles]
    assert all(e <= s for e, s in zip(ends, [a.page_start for a in articles[1:]]))


def test_sample_article_bounds(articles):
    lead, *_, community, photo = articles
    # subheads, the photo caption and the dated memo with its bullets stay in article 1
    assert "爱如潮涌——\n京城的“礼物”让屯留感到“幸福敲门”" in lead.text
    assert "产业“链”动——" in lead.text
    assert "第一届“屯留美食进东城”美食节系列活动现场" in lead.text
    assert "“屯东”对口合作备忘录（2024）\n\n■3月20日～23日，" in lead.text
    assert lead.text.endswith("进展顺利。")
    assert lead.text.startswith("推动京长对口合作走深走实\n\n同心逐梦")
    # section headers are no part of any article's text
    assert not any(a.text.startswith(("社会传真", "社会见闻")) or "\n社会传真\n" in a.text
                   for a in articles)
    assert articles[1].text.startswith("沁源县外卖小哥\n享受温暖“配送”\n\n本报讯 通讯员樊留波报道：")
    assert articles[5].text.endswith("提升居民“微幸福”。")
    assert community.text.startswith("天脊社区“微治理”")
    assert community.text.endswith("范丽君说。")
    assert photo.text.endswith("本报记者 张振龙 摄")


def test_sample_rejoined_words(sample):
    page = normalise(sample)
    for joined in ("文物保护等重点领域", "网格党支部书记全部下沉", "乒乓球桌、羽毛球桌应有尽有。",
                   "还设立了“益民一家”便民服务站"):
        assert joined in page
    # and nothing else: four joins remove four blank lines
    assert sample.count("\n") - page.count("\n") == 8


def test_sample_not_joined(sample):
    page = normalise(sample)
    assert "同心逐梦，情越太行——\n\n屯留与东城有个“约定”\n\n□本报记者 张振龙\n\n步入初冬" in page
    assert "\n爱如潮涌——\n京城的“礼物”让屯留感到“幸福敲门”\n\n9月10日" in page
    assert "活动现场\n\n“屯东”对口合作备忘录（2024）\n\n■" in page
    assert "进展顺利。\n\n社会传真\n\n沁源县外卖小哥\n享受温暖“配送”\n\n本报讯" in page
    assert "范丽君说。\n\n太行天路“咖啡屋”\n\n“喝一杯" in page


def test_gb18030_copy_gives_same_articles(tmp_path, sample, articles):
    (tmp_path / SAMPLE.name).write_bytes(sample.encode("gb18030"))
    assert _shape(read_file(tmp_path / SAMPLE.name)) == _shape(articles)


def test_utf8_bom(tmp_path, sample, articles):
    (tmp_path / SAMPLE.name).write_bytes(codecs.BOM_UTF8 + sample.encode("utf-8"))
    assert _shape(read_file(tmp_path / SAMPLE.name)) == _shape(articles)
    assert decode(codecs.BOM_UTF8 + "中文".encode(), "x.txt") == "中文"


SHORT_ARTICLE = ("沁源县与北京市东城区签署合作协议\n\n□本报记者 李明\n\n"
                 "本报讯 8月12日，沁源县与北京市东城区签署对口合作协议，双方将在文化旅游领域深化合作。\n")


@pytest.mark.parametrize("mark, encoding", [
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_utf16_and_utf32_with_byte_order_mark(tmp_path, mark, encoding):
    """Notepad's "Unicode" is UTF-16-LE with a BOM: its NUL bytes do not make it binary."""
    (tmp_path / "news.txt").write_bytes(mark + SHORT_ARTICLE.encode(encoding))
    [art] = read_file(tmp_path / "news.txt")
    assert art.id == "news-1"
    assert art.headline == "沁源县与北京市东城区签署合作协议"
    assert art.byline == "□本报记者 李明"
    assert _shape([art]) == _shape(split_page(SHORT_ARTICLE, "news.txt"))


def test_utf16_that_does_not_decode_says_so():
    lone_surrogate = "沁源".encode("utf-16-le") + b"\x00\xd8" + "县".encode("utf-16-le")
    with pytest.raises(InputError) as err:
        decode(codecs.BOM_UTF16_LE + lone_surrogate, "bad.txt")
    assert str(err.value) == "bad.txt: cannot decode as UTF-16-LE (its byte order mark says so)"


def _with_stray_bytes(text: str, every: int) -> tuple[bytes, list[int]]:
    """``text`` in UTF-8 with a byte 0xFF put in after every ``every`` bytes (at the next
    character boundary), and the offsets of those bytes."""
    data, out, offsets, last = text.encode("utf-8"), bytearray(), [], 0
    for cut in range(every, len(data), every):
        while cut < len(data) and data[cut] & 0xC0 == 0x80:  # inside a character
            cut += 1
        out += data[last:cut]
        offsets.append(len(out))
        out += b"\xff"
        last = cut
    return bytes(out + data[last:]), offsets


def test_a_stray_byte_in_a_utf8_page_is_replaced_and_said(sample):
    data, [offset] = _with_stray_bytes(sample, len(sample.encode("utf-8")) // 2 + 1)
    assert len(data) > 20_000 and offset > 10_000
    decoded = ingest.decode_page(data, "x.txt")
    before = data[:offset].decode("utf-8")
    assert decoded.text == before + "\ufffd" + sample[len(before):]
    assert decoded.encoding == "utf-8"
    assert decoded.warning == \
        f"1 invalid UTF-8 byte replaced by U+FFFD (the first at byte offset {offset})"
    warnings = []
    assert len(ingest.read_page(data, "x.txt", warnings=warnings)) == 8
    assert warnings == [decoded.warning]
    # a byte order mark counts in the offset
    decoded = ingest.decode_page(codecs.BOM_UTF8 + data, "x.txt")
    assert decoded.warning == \
        f"1 invalid UTF-8 byte replaced by U+FFFD (the first at byte offset {offset + 3})"


def test_up_to_one_bad_byte_per_1000_is_read_more_is_not(sample):
    data, offsets = _with_stray_bytes(sample, 1000)
    assert ingest.decode_page(data, "x.txt").warning == (
        f"{len(offsets)} invalid UTF-8 bytes replaced by U+FFFD (the first at byte offset "
        f"{offsets[0]})")
    data, offsets = _with_stray_bytes(sample, 500)
    with pytest.raises(InputError) as err:
        ingest.decode_page(data, "x.txt")
    assert str(err.value) == (
        f"x.txt: cannot decode as UTF-8 or GB18030 (nor a declared charset): {len(offsets)} "
        f"invalid UTF-8 bytes, the first at byte offset {offsets[0]}")
    with pytest.raises(InputError) as err:  # a short page: one byte is already too many
        short = SHORT_ARTICLE.encode("utf-8")
        ingest.decode_page(short[:30] + b"\xff" + short[30:], "x.txt")
    assert str(err.value) == ("x.txt: cannot decode as UTF-8 or GB18030 (nor a declared "
                              "charset): 1 invalid UTF-8 byte, the first at byte offset 30")


BIG5_PAGE = ("屯留區與北京市東城區簽署對口合作協議。根據協議，雙方將在文化旅遊、教育醫療、產業發展和"
             "幹部人才交流等領域深化合作。屯留區人民醫院選派醫生赴北京市隆福醫院進修學習，東城區教育委員會"
             "組織骨幹教師到屯留區開展支教活動，共同推動兩地高品質發展。\n")


def test_a_big5_page_is_read_as_big5_not_gb18030():
    data = BIG5_PAGE.encode("big5hkscs")
    assert len(BIG5_PAGE) > 100 and data.decode("gb18030") != BIG5_PAGE  # it decodes, wrongly
    decoded = ingest.decode_page(data, "b.txt")
    assert (decoded.text, decoded.encoding, decoded.warning) == (BIG5_PAGE, "big5hkscs", None)
    [art] = ingest.read_page(data, "b.txt")
    assert art.original == BIG5_PAGE.rstrip()
    assert art.text == ("屯留区与北京市东城区签署对口合作协议。根据协议，双方将在文化旅游、教育医疗、产业发展和"
                        "干部人才交流等领域深化合作。屯留区人民医院选派医生赴北京市隆福医院进修学习，东城区教育"
                        "委员会组织骨干教师到屯留区开展支教活动，共同推动两地高品质发展。")


def test_a_gb18030_page_that_big5_also_decodes_stays_gb18030():
    page = ("屯留区与北京市东城区签署对口合作协议。根据协议，双方将在文化旅游、教育医疗、产业发展和"
            "干部交流等领域深化合作。屯留区中医院选派医生赴北京市隆福医院进修学习，东城区教育委员会"
            "组织骨干教师到屯留区开展支教活动，共同推动两地高品质发展。\n")
    data = page.encode("gb18030")
    assert data.decode("big5hkscs") != page  # Big5 decodes it too, into gibberish
    assert ingest.common_share(data.decode("big5hkscs")) < 0.5 < ingest.common_share(page)
    decoded = ingest.decode_page(data, "g.txt")
    assert (decoded.text, decoded.encoding) == (page, "gb18030")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(sample, encoding):
    """It failed as "binary file (NUL bytes), not text" (fresh-user trial)."""
    for text in (SHORT_ARTICLE, sample):
        decoded = ingest.decode_page(text.encode(encoding), "x.txt")
        assert (decoded.text, decoded.encoding, decoded.warning) == (text, encoding, None)
    cut = sample.encode(encoding)[:-1]  # a page cut off inside its last character
    assert ingest.decode_page(cut, "x.txt").text == sample[:-1]
    assert [a.headline for a in ingest.read_page(sample.encode(encoding), "x.txt")] == \
        [a.headline for a in ingest.read_page(sample.encode("utf-8"), "x.txt")]


def _png() -> bytes:
    import random

    rng = random.Random(7)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000))


@pytest.mark.parametrize("data", [bytes(range(256)) * 50, _png(), b"\x00" * 64,
                                  bytes(range(256)) * 8 + SHORT_ARTICLE.encode("utf-8")])
def test_nul_bytes_that_are_not_utf16_text_are_binary(data):
    with pytest.raises(InputError) as err:
        decode(data, "x.txt")
    assert str(err.value) == "x.txt: binary file (NUL bytes), not text"


def test_utf16_that_is_not_text_enough_gets_a_hint():
    """Cyrillic is neither common hanzi, ASCII nor CJK punctuation: not read, but its NULs sit
    at alternate positions, as in UTF-16 text."""
    data = "Съешь же ещё этих мягких французских булок, да выпей чаю. 2024\n".encode("utf-16-le")
    with pytest.raises(InputError) as err:
        decode(data * 5, "ru.txt")
    assert str(err.value) == "ru.txt: binary file (NUL bytes), not text (if it is UTF-16 text, " \
                             "save it with a byte order mark)"


def test_text_share():
    assert ingest.text_share("北京市，“合作”……（2024年）OK\n") == 1.0
    assert ingest.text_share("") == 0.0
    assert ingest.text_share("龘龘北京") == 0.5  # 龘 is not a common character


def test_crlf_copy_gives_same_articles(tmp_path, sample, articles):
    (tmp_path / SAMPLE.name).write_bytes(sample.replace("\n", "\r\n").encode("utf-8"))
    assert _shape(read_file(tmp_path / SAMPLE.name)) == _shape(articles)


# --------------------------------------------------------------------------- normalisation

@pytest.mark.parametrize("raw, expected", [
    ("他说,好", "他说，好"),
    ("时间:上午", "时间：上午"),
    ("甲;乙", "甲；乙"),
    ("党校(学院)", "党校（学院）"),
    ("好!", "好！"),
    ("吗?", "吗？"),
    ('他说"你好"又说"再见"', "他说“你好”又说“再见”"),
    ("3日~5日", "3日～5日"),
    ("3日〜5日", "3日～5日"),
    ("3日～5日", "3日～5日"),
    ("共1,000.5元,10:30开始", "共1,000.5元，10:30开始"),
    ("ＡＢＣ１２３公司", "ABC123公司"),
    ("中\u3000文", "中 文"),
    ("行尾空格   \n下一行", "行尾空格\n下一行"),
    ("一\r\n二\r三", "一\n二\n三"),
    ("Hello, world: ok", "Hello, world: ok"),  # no Chinese on the line: left alone
    ("网址:https://a.b/c?d=1,再见", "网址：https://a.b/c?d=1，再见"),
])
def test_normalise_table(raw, expected):
    assert normalise(raw) == expected


def test_normalise_idempotent(sample):
    page = normalise(sample)
    assert normalise(page) == page


def test_rejoin_made_up():
    assert normalise(f"{LONG}\n\n馆的开放时间延长到晚上九点。") == LONG + "馆的开放时间延长到晚上九点。"
    assert normalise(f"{LONG}\n\n“新书角”也对外开放，欢迎市民前来阅读，时间从早八点到晚九点。") \
        == LONG + "“新书角”也对外开放，欢迎市民前来阅读，时间从早八点到晚九点。"
    # chains: three pieces of one paragraph
    assert normalise(f"{LONG}\n\n{LONG}\n\n馆。") == LONG + LONG + "馆。"


@pytest.mark.parametrize("text", [
    f"{LONG}。\n\n馆的开放时间延长到晚上九点。",  # a ends its sentence
    f"{LONG}：\n\n馆的开放时间延长到晚上九点。",  # a ends with a colon
    "新馆开放时间延长\n\n馆的开放时间延长到晚上九点。",  # a is short: a headline
    f"{LONG}\n\n新的一个小标题",  # b is a headline
    f"{LONG}\n\n■3月5日，馆的开放时间延长到晚上九点。",  # b is a bullet
    f"{LONG}\n\n□本报记者 张三",  # b is a byline
    f"{LONG}\n\n\n馆的开放时间延长到晚上九点。",  # a long gap, not one blank line
    "市民热情——\n\n馆的开放时间延长到晚上九点。",  # a subhead ending with ——
])
def test_rejoin_not_joined(text):
    assert normalise(text) == text


# --------------------------------------------------------------------------- splitting

def test_split_made_up_page():
    page = (
        "要闻\n\n"
        "为民办实事\n\n新馆开放——\n市民乐享书香\n\n□本报记者 王小明 通讯员 李华\n\n"
        "5月1日，新图书馆开放。\n\n"
        "热情高涨——\n读者排起长队\n\n开馆当天，读者排起长队。\n\n"
        "社会\n\n"
        "公园新添\n健身器材\n\n本报讯（记者 赵刚）近日，公园新添一批健身器材。\n\n"
        "河边新景\n\n河边新修了步道，市民纷纷前来散步。\n\n本报记者 周明 摄\n"
    )
    arts = split_page(page, "pages/2023-05-02 第3版.txt")
    assert [a.headline for a in arts] == ["新馆开放——市民乐享书香", "公园新添健身器材", "河边新景"]
    assert [a.kicker for a in arts] == ["为民办实事", "", ""]
    assert [a.section for a in arts] == ["要闻", "社会", "社会"]
    assert [a.id for a in arts] == ["2023-05-02_第3版-1", "2023-05-02_第3版-2", "2023-05-02_第3版-3"]
    assert arts[0].source == "2023-05-02 第3版.txt"
    assert "读者排起长队\n\n开馆当天" in arts[0].text  # a subhead does not start an article
    assert [(b.name, b.title) for b in arts[0].bylines] == [("王小明", "记者"), ("李华", "通讯员")]
    assert arts[1].byline == "本报讯（记者 赵刚）"
    assert [(b.name, b.title) for b in arts[1].bylines] == [("赵刚", "记者")]
    assert arts[2].byline == "本报记者 周明 摄"
    for a in arts:
        assert a.year is None
        for b in a.bylines:
            assert a.text[b.start:b.end] == b.name


def test_long_gap_starts_article_without_byline():
    arts = split_page("第一个标题\n\n第一篇的正文。\n\n\n\n第二个标题\n\n第二篇的正文。\n", "p.txt")
    assert [(a.headline, a.text) for a in arts] == [
        ("第一个标题", "第一个标题\n\n第一篇的正文。"), ("第二个标题", "第二个标题\n\n第二篇的正文。")]
    assert arts[1].page_start == len("第一个标题\n\n第一篇的正文。\n\n\n\n")


def test_page_starting_with_body_text():
    arts = split_page("接上版的正文结束了。\n\n新标题\n\n□本报记者 张三\n\n正文。", "p.txt")
    assert [(a.headline, a.text) for a in arts] == [
        ("", "接上版的正文结束了。"), ("新标题", "新标题\n\n□本报记者 张三\n\n正文。")]


def test_empty_text_gives_no_article():
    assert split_page(" \n\n", "p.txt") == []


@pytest.mark.parametrize("byline, expected", [
    ("□本报记者 张振龙", [("张振龙", "记者")]),
    ("本报讯 通讯员樊留波报道", [("樊留波", "通讯员")]),
    ("□本报记者 田彦君 实习生 贾贝贝", [("田彦君", "记者"), ("贾贝贝", "实习生")]),
    ("本报讯 通讯员孙超 梦倩报道", [("孙超", "通讯员"), ("梦倩", "通讯员")]),
    ("本报记者 张振龙 摄", [("张振龙", "记者")]),
    ("本报讯（特约记者 欧阳明 摄影记者 李四）", [("欧阳明", "特约记者"), ("李四", "摄影记者")]),
])
def test_parse_byline(byline, expected):
    got = parse_byline(byline, offset=10)
    assert [(b.name, b.title) for b in got] == expected
    for b in got:
        assert isinstance(b, Byline) and byline[b.start - 10:b.end - 10] == b.name


def test_page_year():
    assert page_year("2019年5月，备忘录（2023）与1800年的旧事，编号12345年") == 2023
    assert page_year("今年5月开工。") is None
    assert page_year("合作备忘录（2024）") == 2024
    # a year opening an event's name; a number before other words is no year
    assert page_year("公司成立于2021年3月。9月，2025长三角农产品交易会在杭州举办。") == 2025
    assert page_year("公司成立于2021年3月，种植石斛2030亩。") == 2021
    assert page_year("2000名群众参加了农产品交易会。") is None
    # a plan's target year is no time of the news
    assert page_year("2023年3月，园区开工。力争到2025年种植面积达到两万亩。") == 2023
    # ... also when the plan word opens the sentence: 计划今年12月开工，2027年底建成
    assert page_year("2025年记事。项目计划今年12月开工，2027年底建成投产。") == 2025
    assert page_year("计划今年开工。2027年底，项目建成投产。") == 2027
    # ... and a document written for a year (签署2026年劳务协作协议) plans for that year
    assert page_year("2025年8月，两地签署2026年劳务协作协议。") == 2025
    assert page_year("2025年东西部协作联席会议召开。") == 2025
    assert page_year("2024年双方签订合作协议。") == 2024  # no verb before the year


# --------------------------------------------------------------------------- files and HTML

HTML = """<!DOCTYPE html><html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某某日报网</title><script>var ad = "脚本里的字";</script><style>p {color: red}</style>
</head><body>
<div class="top-nav"><ul class="menu"><li><a href="/">首页</a></li><li>新闻中心</li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 社会新闻</div>
<div id="main-content">
<h1>小镇图书馆<br>迎来第一万名读者</h1>
<p>本报讯 记者王小明报道:日前，小镇图书馆迎来第一万名读者&mdash;&mdash;一位七十岁的老人。</p>
<p>馆长说,"我们将继续延长开放时间。"</p>
<script>document.write("广告位")</script>
</div>
<div id="footer">版权所有 &copy; 某某报社</div>
</body></html>"""
HTML_TEXT = ("小镇图书馆\n迎来第一万名读者\n\n本报讯 记者王小明报道：日前，小镇图书馆迎来第一万名读者——"
             "一位七十岁的老人。\n\n馆长说，“我们将继续延长开放时间。”")


@pytest.mark.parametrize("meta", [
    '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', '<meta charset="gbk">'])
def test_html_declared_charset(tmp_path, meta):
    html = HTML.replace('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', meta)
    (tmp_path / "page.html").write_bytes(html.encode("gb2312"))
    [art] = read_file(tmp_path / "page.html")
    assert art.text == HTML_TEXT
    assert art.headline == "小镇图书馆迎来第一万名读者"
    assert art.byline == "本报讯 记者王小明报道"
    assert art.source == "page.html" and art.id == "page-1"
    for junk in ("首页", "新闻中心", "当前位置", "脚本", "广告", "版权", "某某日报网", "color"):
        assert junk not in art.text


def test_html_prefers_article_element():
    html = ("<html><body><div>站点公告：今天维护。</div><article><h2>正式标题</h2>"
            "<p>正文&amp;内容。</p></article><p>页脚文字。</p></body></html>")
    assert html_text(html) == "正式标题\n\n正文&内容。\n"


def test_html_with_no_article_text(tmp_path):
    (tmp_path / "menu.htm").write_text("<html><nav>首页 新闻</nav><script>x()</script></html>",
                                       encoding="utf-8")
    with pytest.raises(InputError, match="menu.htm"):
        read_file(tmp_path / "menu.htm")


@pytest.mark.parametrize("data, why", [
    (b"", "empty file"),
    ("  \n\u3000\n\t".encode("utf-8"), "holds only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (bytes(range(1, 9)) * 50, "binary"),
    (b"\x80\xff\xff\xfe\x81", "decode"),  # neither UTF-8 nor GB18030 (\xff\xfe: a UTF-16 BOM)
])
def test_bad_files(tmp_path, data, why):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=why) as err:
        read_file(path)
    assert "bad.txt" in str(err.value) and "\n" not in str(err.value)


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="nope.txt"):
        read_inputs([tmp_path / "nope.txt"])


def test_folder_without_pages(tmp_path):
    (tmp_path / "notes.md").write_text("说明", encoding="utf-8")
    with pytest.raises(InputError, match="folder"):
        read_inputs([tmp_path])


def test_read_inputs_folder_recursive_sorted(tmp_path, sample):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "p2.HTM").write_bytes(HTML.encode("gb2312"))
    (tmp_path / "a.txt").write_text("标题甲\n\n□本报记者 张三\n\n正文甲。", encoding="utf-8")
    (tmp_path / "skip.md").write_text("不读", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(sample.encode("gb18030"))
    arts = read_inputs([tmp_path, str(tmp_path / "a.txt")])  # a file named twice is read once
    assert [a.id for a in arts] == ["a-1", "p2-1", *[f"c-{n}" for n in range(1, 9)]]
    assert [a.source for a in arts] == ["a.txt", "p2.HTM", *["c.txt"] * 8]


def test_same_file_name_in_two_folders_gives_distinct_article_ids(tmp_path):
    for folder, headline in (("a", "屯留区召开会议"), ("b", "东城区召开会议")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"{headline}\n\n□本报记者 张三\n\n{headline}，研究部署工作。",
                                                 encoding="utf-8")
    ids = [a.id for a in read_inputs([tmp_path / "a", tmp_path / "b"])]
    assert len(ids) == 2 and len(set(ids)) == 2 and all(i.startswith("x-") for i in ids)


@pytest.mark.parametrize("name, data, message", [
    ("notes.md", "屯留区与东城区签署合作协议，推动两地合作。".encode(), "not a .txt, .html or .htm file"),
    ("english.txt", b"Two districts signed an agreement today.", "no Chinese text"),
])
def test_input_that_is_no_chinese_article_is_refused(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_inputs([tmp_path / name])


# --------------------------------------------------------------------------- traditional -> simplified

TRADITIONAL = FIXTURES / "ingest_traditional.txt"  # traditional article, pinyin glosses, doubled commas


def _is_han(ch: str) -> bool:
    return bool(ingest._HAN.match(ch))


def test_traditional_article_is_converted():
    [art] = read_file(TRADITIONAL)
    assert art.headline == "云溪县推进乡村振兴质量发展"
    assert art.text.startswith("云溪县推进乡村振兴质量发展\n\n本报讯 记者林晓雯报道：今年以来，云溪县围绕产业")
    assert "质量发展" in art.text and "zhì" not in art.text and "fā" not in art.text
    assert "扎实推进乡村振兴各项工作。全县新建高标准农田一万二千亩，农村居民" in art.text
    assert "，，" not in art.text and "。。" not in art.text
    assert "越过越红火……" in art.text and "广东和上海——价格" in art.text  # …… and —— stay
    assert art.byline == "本报讯 记者林晓雯报道"
    assert [(b.name, b.title) for b in art.bylines] == [("林晓雯", "记者")]
    assert all(art.text[b.start:b.end] == b.name for b in art.bylines)
    assert art.year == 2022


def test_traditional_original_is_aligned():
    [art] = read_file(TRADITIONAL)
    assert art.original is not None and len(art.original) == len(art.text)
    assert art.original.startswith("雲溪縣推進鄉村振興質量發展\n\n本報訊 記者林曉雯報道")
    for before, after in zip(art.original, art.text):
        assert after == before or (_is_han(before) and _is_han(after))
    # the conversion is character by character: each converted character is its own conversion
    # or a phrase's (乾/干 ...), never a shifted neighbour
    assert art.original[art.text.index("林晓雯"):][:3] == "林曉雯"
    page = prepare_page(TRADITIONAL.read_text(encoding="utf-8"))
    assert page.original[art.page_start:art.page_start + len(art.text)] == art.original
    assert page.text[art.page_start:art.page_start + len(art.text)] == art.text


def test_simplified_page_is_not_converted(articles):
    assert {a.original for a in articles} == {None}
    assert not is_traditional(SAMPLE.read_text(encoding="utf-8"))
    assert prepare_page(SAMPLE.read_text(encoding="utf-8")).original is None


def test_traditional_detection():
    assert traditional_share("今年以来，全县新建高标准农田。") == 0.0
    assert traditional_share("今年以來，全縣新建高標準農田。") > 0.3
    assert is_traditional("今年以來，全縣新建高標準農田。")
    # a simplified article quoting one traditional name stays simplified
    quoted = "市台办组织青年赴台交流，参观了“臺灣”字样的老招牌。" * 3 + "活动为期五天，共有四十名青年参加。" * 5
    assert not is_traditional(quoted)
    assert normalise(quoted) == quoted


@pytest.mark.parametrize("text", [
    "香港特別行政區政府今日宣佈，將於下月推出新一輪消費券計劃。",
    "頭髮乾燥，乾隆年間的後來者們著書立說。\n\n第二段：網絡、電腦與軟體。",
    "𠮷野家的招牌（舊）與繁體字混排：臺灣、澳門、香港 ABC 123",
    "",
    "沒有\n\n\n換行\n",
])
def test_to_simplified_keeps_length(text):
    out = to_simplified(text)
    assert len(out) == len(text)
    assert all(a == b for a, b in zip(text, out) if not _is_han(a))  # only Han characters change
    assert len(to_simplified(out)) == len(out)


@pytest.fixture()
def fake_opencc(monkeypatch):
    """A stand-in converter whose phrase 臺灣 -> 台湾省 changes the length."""
    chars = str.maketrans({"臺": "台", "灣": "湾", "們": "们", "說": "说", "話": "话", "東": "东", "邊": "边"})

    class Fake:
        def convert(self, text: str) -> str:
            return text.replace("臺灣", "台湾省").translate(chars)

    ingest._t2s_char.cache_clear()
    monkeypatch.setattr(ingest, "_opencc", lambda: Fake())
    yield
    ingest._t2s_char.cache_clear()


def test_length_changing_phrase_falls_back_to_characters(fake_opencc):
    text = "我們說臺灣的茶好，東邊也說好。\n他們說話。"
    out = to_simplified(text)
    assert out == "我们说台湾的茶好，东边也说好。\n他们说话。"
    assert len(out) == len(text)
    [art] = split_page("臺灣茶農說話了\n\n他們說：臺灣的茶今年賣得好。東邊的茶農們也說好。", "fake.txt")
    assert art.headline == "台湾茶農说话了"  # 農 is not in the stand-in's table
    assert len(art.original) == len(art.text)
    assert art.text.endswith("他们说：台湾的茶今年賣得好。东边的茶農们也说好。")
    assert art.original.endswith("他們說：臺灣的茶今年賣得好。東邊的茶農們也說好。")


# --------------------------------------------------------------------------- conversion debris

@pytest.mark.parametrize("raw, expected", [
    ("質(zhì)量", "質量"),
    ("發(fā)展", "發展"),
    ("發（fā）展", "發展"),
    ("质量(zhì liàng)提升", "质量提升"),
    ("量(liang4)", "量"),
    ("推进(tuī jìn)乡村振兴", "推进乡村振兴"),
    ("党校(学院)", "党校(学院)"),  # Chinese inside: no gloss
    ("附件(a)", "附件(a)"),  # no tone: no gloss
    ("公司(CEO)", "公司(CEO)"),
    ("北京(Beijing)", "北京(Beijing)"),
    ("备忘录（2024）", "备忘录（2024）"),
    ("(zhì)开头", "(zhì)开头"),  # not after a character
])
def test_remove_glosses(raw, expected):
    assert remove_glosses(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("他说,,好", "他说，好"),
    ("他说，，好", "他说，好"),
    ("结束了。。下一句", "结束了。下一句"),
    ("甲、、乙", "甲、乙"),
    ("越来越好……", "越来越好……"),
    ("上海——北京", "上海——北京"),
    ("好！！", "好！！"),
])
def test_doubled_punctuation(raw, expected):
    assert normalise(raw) == expected


def test_collapse_punctuation_needs_chinese():
    assert collapse_punctuation("a，，b") == "a，，b"
    assert collapse_punctuation("中，，文") == "中，文"


def test_glosses_and_commas_normalise_idempotent():
    text = TRADITIONAL.read_text(encoding="utf-8")
    assert normalise(normalise(text)) == normalise(text)


# --------------------------------------------------------------------------- page furniture

GOV_TXT = FIXTURES / "ingest_gov_page.txt"  # government-site text dump with its furniture
GOV_HTML = FIXTURES / "ingest_gov_page.html"  # the same page as HTML, furniture in plain divs
GOV_TITLE = "云溪县召开秋冬季森林防火工作推进会暨扑火队伍应急处置能力提升培训会"
GOV_JUNK = ("政务公开", "当前位置", "无障碍", "发布时间", "来源", "浏览次数", "字号", "微信图片", ".jpg",
            "打印", "关闭", "分享到", "上一篇", "下一篇", "停车场", "版权所有：", "主办单位", "承办单位",
            "ICP", "公网安备", "网站标识码", "技术支持", "2021-11-03")


@pytest.mark.parametrize("path", [GOV_TXT, GOV_HTML])
def test_gov_page_is_one_clean_article(path):
    [art] = read_file(path)
    assert art.headline == GOV_TITLE and art.kicker == ""
    assert art.year == 2021  # from 发布时间, the text has no year
    assert art.text.startswith(GOV_TITLE + "\n\n11月2日，云溪县秋冬季森林防火工作推进会在县行政中心召开。")
    assert art.text.endswith("使用方法。\n\n县政府门户网站首页开设了“森林防火”专栏，群众可随时查询禁火区域和举报电话。\n"
                             "版权所有人同意后，县文化馆制作的防火宣传短片将在各村广播站循环播放。\n\n（县应急管理局供稿）")
    assert "\n\n一、压紧压实防火责任\n\n各乡镇" in art.text and "\n\n二、强化野外火源管控\n\n" in art.text
    assert "依法从严查处。\n\n会上还开展了" in art.text  # the image name went with its blank lines
    for junk in GOV_JUNK:
        assert junk not in art.text, junk
    assert art.original is None and art.byline == "" and art.id == f"{path.stem}-1"


def test_gov_html_and_txt_agree():
    [txt] = read_file(GOV_TXT)
    [html] = read_file(GOV_HTML)
    assert (html.text, html.headline, html.year) == (txt.text, txt.headline, txt.year)


def test_traditional_big5_gov_page(tmp_path):
    """The same page from a Taiwan-style site: traditional characters and wording (列印, 技术支援),
    Big5-encoded."""
    import opencc

    html = opencc.OpenCC("s2twp").convert(GOV_HTML.read_text(encoding="utf-8"))
    (tmp_path / "tw.html").write_bytes(html.replace("charset=utf-8", "charset=big5").encode("big5"))
    [art] = read_file(tmp_path / "tw.html")
    assert art.headline == GOV_TITLE and art.year == 2021
    assert art.original.startswith("雲溪縣召開秋冬季森林防火工作推進會") and len(art.original) == len(art.text)
    assert "\n\n一、压紧压实防火责任\n\n" in art.text and art.text.endswith("（县应急管理局供稿）")
    for junk in ("时间", "列印", "视窗", "技术支援", "版权所有：", "ICP", "分享"):
        assert junk not in art.text, junk


def test_gov_page_offsets_and_idempotence():
    raw = GOV_TXT.read_text(encoding="utf-8")
    page = prepare_page(raw)
    assert page.year == 2021 and page.furniture >= 10 and page.original is None
    assert normalise(page.text) == page.text
    [art] = split_page(raw, GOV_TXT.name)
    assert page.text[art.page_start:art.page_start + len(art.text)] == art.text


@pytest.mark.parametrize("line", [
    "首页 | 新闻中心 | 政务公开",
    "首页 新闻中心 政务公开 办事服务 互动交流",
    "网站首页｜机构概况｜政策文件｜便民服务",
    "当前位置：首页 > 新闻 > 正文",
    "您现在的位置：首页 > 政务公开 > 通知公告",
    "首页 > 新闻中心 > 图片新闻",
    "【打印】【关闭】",
    "[ 打印本页 ] [ 关闭窗口 ]",
    "分享到：",
    "分享到：微信 微博 QQ空间",
    "版权所有 Copyright © 2020 某某市人民政府 All Rights Reserved",
    "Copyright © 2019-2024 www.example.gov.cn All Rights Reserved.",
    "版权所有：某某市人民政府办公室 未经许可，不得转载",
    "晋ICP备12345678号",
    "主办单位：某某市人民政府 承办单位：某某市大数据中心",
    "地址：某某市人民路1号 邮编：046000 技术支持：某某科技",
    "技术支持：某某网络科技有限公司",
    "字号：大 中 小",
    "【字体：大 中 小】",
    "字体：[放大] [缩小]",
    "浏览次数：1024",
    "您是第12345位访问者",
    "微信图片_20201022160321.png",
    "IMG_1234.JPG",
    "图片1.jpg",
    "责任编辑：张三",
    "编辑：李四 王五",
    "（责任编辑：赵六）",
    "来源：某某日报",
    "发布时间：2020-10-22 16:03",
    "发布日期：2020年10月22日 来源：市政府办公室",
    "2020-10-22 16:03:21 来源：某某网 作者：张三",
    "发布时间：2020-10-22 16:03来源：县应急管理局浏览次数：",
    "發佈時間：2020-10-22 16:03 來源：縣政府",
    "當前位置：首頁 > 新聞中心",
    "版權所有：某某縣人民政府",
    "上一篇：县城区新增三处公共停车场",
    "扫一扫在手机打开当前页",
])
def test_furniture_lines(line):
    assert furniture(line), line


@pytest.mark.parametrize("line, year", [
    ("发布时间：2020-10-22 16:03", 2020),
    ("发布日期：2019年3月5日 来源：市政府办公室", 2019),
    ("2018-07-01 09:00 来源：某某网", 2018),
    ("發佈時間：2017-10-22", 2017),
    ("来源：某某日报", None),
])
def test_furniture_year(line, year):
    assert furniture(line).year == year


@pytest.mark.parametrize("line", [
    "该市在首页推出专题栏目，方便群众查询办事指南。",
    "县政府门户网站首页开设了“森林防火”专栏。",
    "版权所有人同意后，宣传短片可以在广播站播放。",
    "版权保护工作取得新进展，全年查处侵权案件12起。",
    "首页设计大赛圆满落幕",
    "来源于群众的意见建议共126条，已全部办结。",
    "分享到朋友圈的照片收获了很多点赞。",
    "打印机、复印机等办公设备全部更新。",
    "编辑部收到读者来信三百余封。",
    "时间：2021年11月5日上午9时",  # an event's time in a notice
    "地址：县人民广场东侧",
    "主办单位：县文化馆",
    "张三 李四 王五 赵六",
    "2021年11月3日",  # a notice's signing date
    "一、压紧压实防火责任",
    "（县应急管理局供稿）",
    "本报记者 张振龙 摄",
    "图为活动现场。",
    "阅读，让城市更温暖",
])
def test_body_lines_are_not_furniture(line):
    assert furniture(line) is None


def test_blank_lines_around_dropped_furniture():
    # the blank runs around a dropped line merge into the longer one: no new long gap, no lost one
    page = ("标题一行\n\n正文第一段写完了。\n\n浏览次数：12\n\n正文第二段写完了。\n\n\n\n"
            "【打印】\n下一个标题\n\n正文第三段。\n\n版权所有：某某报社\n")
    assert normalise(page) == ("标题一行\n\n正文第一段写完了。\n\n正文第二段写完了。\n\n\n\n"
                               "下一个标题\n\n正文第三段。\n")
    # a paragraph the layout broke around a dropped line is rejoined as if it were not there
    assert normalise(f"标题一行\n\n{LONG}\n\n浏览次数：12\n\n馆的开放时间延长到晚上九点。") \
        == f"标题一行\n\n{LONG}馆的开放时间延长到晚上九点。"


def test_one_word_menu_lines_on_a_web_page():
    text = "首页\n新闻中心\n政务公开\n办事服务\n\n茶文化节开幕\n\n发布时间：2022-04-12\n\n4月11日，首届茶文化节在白岩镇开幕。\n"
    [art] = split_page(text, "tea.txt")
    assert (art.headline, art.year) == ("茶文化节开幕", 2022)
    assert art.text == "茶文化节开幕\n\n4月11日，首届茶文化节在白岩镇开幕。"
    # without other furniture such lines are a newspaper's headlines and stay
    assert "新闻中心" in normalise("新闻中心\n政务公开\n办事服务\n\n正文。")


def test_publication_year_only_when_the_text_has_none():
    text = "标题\n\n发布时间：2021-11-03 09:42\n\n2019年建成的大桥今年完成了第一次大修。\n"
    [art] = split_page(text, "bridge.txt")
    assert art.year == 2019 and "发布时间" not in art.text


# --------------------------------------------------------------------------- truncated pages

TRUNCATED = FIXTURES / "ingest_truncated.txt"  # a scraped article cut off mid-sentence


def test_truncated_article_keeps_its_last_partial_sentence():
    [art] = read_file(TRUNCATED)
    assert art.headline == "白岩镇新建便民服务中心投入使用" and art.year == 2023
    assert art.text.endswith("下一步，全镇十二个行政村将陆续建成代办点，让群众在家门口就能办")
    assert "来源" not in art.text


def test_file_cut_inside_a_character(tmp_path):
    data = TRUNCATED.read_bytes()
    for encoding, raw in (("utf-8", data), ("gb18030", data.decode("utf-8").encode("gb18030"))):
        path = tmp_path / f"cut-{encoding}.txt"
        path.write_bytes(raw[:-1])  # half of the last character
        [art] = read_file(path)
        assert art.text.endswith("让群众在家门口就能"), encoding


@pytest.mark.parametrize("tail", ["", "</p", "<a href=\"/xw", "<!-- 广告"])
def test_html_cut_off(tmp_path, tail):
    html = ("<html><head><meta charset=\"utf-8\"></head><body><div class=\"content\">"
            "<h1>市图书馆延长夜间开放时间</h1><p>本月起，市图书馆每天开放到晚上九点。</p>"
            "<p>馆方表示，接下来还将增加自习座位，并在" + tail)
    (tmp_path / "cut.html").write_text(html, encoding="utf-8")
    [art] = read_file(tmp_path / "cut.html")
    assert art.headline == "市图书馆延长夜间开放时间"
    assert art.text.endswith("馆方表示，接下来还将增加自习座位，并在")


# --------------------------------------------------------------------------- one article per web page

WEB_ARTICLE = (
    "白岩镇召开安全生产工作会议\n\n"
    "发布时间：2023-03-02 15:20  来源：白岩镇应急办\n\n\n"
    "3月1日，白岩镇召开安全生产工作会议，部署春季安全生产检查工作。\n\n\n"
    "排查隐患\n\n\n"
    "会议要求，各村要对辖区内的加油站、小作坊逐一排查，建立问题清单。\n\n\n"
    "落实责任\n\n\n"
    "各村支部书记是第一责任人，要做到检查有记录、整改有时限。\n\n\n"
    "□本报记者 王小明\n\n\n"  # a byline below the body starts nothing on a web page
    "白岩镇应急办\n"
)


def test_web_page_is_one_article_despite_subheads_and_long_gaps():
    [art] = split_page(WEB_ARTICLE, "safety.txt")
    assert art.headline == "白岩镇召开安全生产工作会议"
    assert art.text.endswith("整改有时限。\n\n\n□本报记者 王小明\n\n\n白岩镇应急办")
    assert "排查隐患" in art.text and "落实责任" in art.text


def test_long_gaps_as_the_usual_paragraph_break():
    text = WEB_ARTICLE.replace("发布时间：2023-03-02 15:20  来源：白岩镇应急办\n\n\n", "") \
        .replace("□本报记者 王小明\n\n\n", "")
    [art] = split_page(text, "safety.txt")  # no furniture: not known as a web page
    assert art.headline == "白岩镇召开安全生产工作会议" and art.text.endswith("白岩镇应急办")


def test_numbered_subhead_after_a_long_gap_starts_no_article():
    text = ("市图书馆延长夜间开放时间\n\n本月起，市图书馆每天开放到晚上九点。\n\n\n\n"
            "（一）读者反响\n\n不少读者表示下班后终于有地方看书了。\n\n\n\n"
            "二、下一步安排\n\n馆方表示，还将增加自习座位。\n")
    [art] = split_page(text, "lib.txt")
    assert art.headline == "市图书馆延长夜间开放时间" and art.text.endswith("还将增加自习座位。")


def test_web_page_title_subtitle_and_date_line():
    text = ("坚守林区三十年的护林员\n\n——记云溪县护林员周德明\n\n2022年4月1日\n\n"
            "清晨五点，周德明已经背着水壶走进了林子。\n\n他说：“山是大家的，得有人守着。”\n")
    [art] = split_page(text, "ranger.txt", web=True)
    assert art.headline == "坚守林区三十年的护林员"
    assert art.text.startswith("坚守林区三十年的护林员\n\n——记云溪县护林员周德明\n\n2022年4月1日\n\n清晨五点")
    assert art.year == 2022


def test_long_title_on_a_web_page():
    title = "关于进一步做好全县秋冬季森林草原防灭火和农村用火安全管理工作的通知"  # over SHORT
    [art] = split_page(f"{title}\n\n各乡镇人民政府，县直各部门：\n\n现将有关事项通知如下。\n", "n.txt", web=True)
    assert art.headline == title
    assert art.text.startswith(title + "\n\n各乡镇人民政府")


def test_a_fifo_named_as_input_is_skipped_not_read(tmp_path):
    """Reading a FIFO blocks until someone writes to it; a build must not hang on one."""
    import os

    from kg.ingest import find_inputs

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    page = tmp_path / "page.txt"
    page.write_text("屯留区与北京市东城区结为对口协作伙伴。", encoding="utf-8")
    found = find_inputs([fifo, page])
    assert found.files == [page.resolve()]
    assert found.skipped == [(str(fifo), "not a regular file")]


def test_a_broken_link_is_skipped_with_its_reason_named_or_matched(tmp_path):
    from kg.ingest import find_inputs

    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (tmp_path / "page.txt").write_text("屯留区与北京市东城区结为对口协作伙伴。", encoding="utf-8")
    assert find_inputs([tmp_path / "gone.txt"]).skipped == [
        (str(tmp_path / "gone.txt"), "a broken symbolic link")]
    found = find_inputs([str(tmp_path / "*.txt")])
    assert found.files == [(tmp_path / "page.txt").resolve()]
    assert found.skipped == [(str(tmp_path / "gone.txt"), "a broken symbolic link")]


def test_a_path_reached_by_two_inputs_is_skipped_once(tmp_path):
    from kg.ingest import find_inputs

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "y.txt").symlink_to("nowhere.txt")
    found = find_inputs([tmp_path / "in", str(tmp_path / "in" / "*.txt")])
    assert found.skipped == [(str(tmp_path / "in" / "y.txt"), "a broken symbolic link")]
