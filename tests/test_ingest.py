"""Tests for kg.ingest: decoding, HTML text, normalisation, rejoining, splitting, bylines."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import (
    decode, html_text, normalise, page_year, parse_byline, read_file, read_inputs, split_page,
)
from kg.model import Byline

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "000_238ca3ace6f4ed21.txt"
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
    (b"", "empty"),
    ("  \n\u3000\n\t".encode("utf-8"), "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (bytes(range(1, 9)) * 50, "binary"),
    (b"\xff\xfe\xff\xfe\x81", "decode"),
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
    arts = read_inputs([tmp_path, str(tmp_path / "a.txt")])
    assert [a.id for a in arts] == ["a-1", "p2-1", *[f"c-{n}" for n in range(1, 9)], "a-1"]
    assert [a.source for a in arts] == ["a.txt", "p2.HTM", *["c.txt"] * 8, "a.txt"]
