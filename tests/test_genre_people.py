"""People of the genre's pages whose names the surname rules missed: a name jieba knows whose
first two characters make a place word, role words of farm and job news, and the surnameless
names of Dai and Lahu people after a title or role. Every sentence is made up."""
from __future__ import annotations

import pytest

from .helpers import describe, extract, labels, triples


def people(text: str) -> set[str]:
    return labels(extract(text), "Person")


@pytest.mark.parametrize("text, name", [
    pytest.param("镇卫生院院长徐海波说，设备已经到位。", "徐海波", id="name-opening-with-a-place-word"),
    pytest.param("养殖大户陈桂芳说，今年的羊卖了好价钱。", "陈桂芳", id="large-scale-farmer"),
    pytest.param("应届毕业生郑宇航拿到了录用通知。", "郑宇航", id="graduate"),
    pytest.param("合作社理事长岩罕说，茶价比去年高。", "岩罕", id="dai-man"),
    pytest.param("傣族姑娘、学员玉儿说，她想学酒店管理。", "玉儿", id="dai-woman"),
    pytest.param("拉祜族青年扎约在昆明一家工厂上班。", "扎约", id="lahu-man"),
    pytest.param("17岁的学员娜朵说：“我想学电工。”", "娜朵", id="lahu-woman"),
    pytest.param("社工韩雪梅每周上门两次，帮老人量血压。", "韩雪梅", id="social-worker"),
    pytest.param("“一天能收80亩。”农机合作社机手邹海龙说。", "邹海龙", id="machine-operator"),
    # the genre quotes first and names the speaker after the closing quote
    pytest.param("他跑遍了全县的乡镇。“要为群众多办实事。”吴建军说。", "吴建军", id="speaker-after-quote"),
    # a name jieba's dictionary lists (张建华, tagged nr) stands alone before 说 all the same
    pytest.param("两年来，他引进企业7家。张建华说，还要再引进3家。", "张建华", id="speaker-known-name"),
    # 洪 is among the commonest surnames of Fujian and Guangdong
    pytest.param("公司董事长洪文杰介绍，新厂房年底投产。", "洪文杰", id="surname-hong"),
    # Tibetan name words 拉巴 (lhag pa) and 旺堆 (dbang 'dus), each beside a listed one
    pytest.param("那曲市色尼区牧民拉巴次仁说，今年虫草价格不错。", "拉巴次仁", id="tibetan-lhagpa"),
    pytest.param("日喀则市卫生健康委员会主任扎西旺堆表示，巡诊还要继续。", "扎西旺堆",
                 id="tibetan-wangdu"),
    # many Tibetans go by one name word alone
    pytest.param("山南市乃东区青年次旦说，他在成都学会了开挖掘机。", "次旦", id="tibetan-one-word"),
    pytest.param("昌都市卡若区村民达瓦在合作社打工。", "达瓦", id="tibetan-one-word-before-a-preposition"),
    # role and job words of fishing-village, workshop and clinic pages
    pytest.param("“台风天再也不用跑远路避风了。”渔民郑海生说。", "郑海生", id="fisherman"),
    pytest.param("来自龙泉镇的女工何春燕笑着说，厂里活儿不累。", "何春燕", id="woman-worker"),
    pytest.param("“在家就能接单。”绣娘吴兰芝说。", "吴兰芝", id="embroiderer"),
    pytest.param("云南省农业科学院高级工程师段永平讲解修剪要点。", "段永平", id="senior-engineer"),
    # 乡村医生 holds 村医: the title must be read whole, or 生 opens a name
    pytest.param("在石桥镇东坪村卫生室，乡村医生彭德贵为老人测血压。", "彭德贵", id="village-doctor"),
    # 余家 is a numeral word (百余家) jieba knows; 余 + 家燕 is a surname and a given name
    pytest.param("“饭菜合口味。”76岁的余家燕老人说。", "余家燕", id="surname-and-numeral-word"),
])
def test_person_found(text, name):
    result = extract(text)
    assert name in labels(result, "Person"), describe(result)


@pytest.mark.parametrize("text, not_a_name", [
    pytest.param("理事长岩石般坚定地说。", "岩石", id="a-word-not-a-name"),
    pytest.param("学员玉米种得好。", "玉米", id="crop"),
    pytest.param("青年扎实工作。", "扎实", id="adverb"),
])
def test_no_minority_name_from_a_word(text, not_a_name):
    assert not_a_name not in people(text)


def test_one_tibetan_word_inside_a_longer_word_is_no_name():
    # 格桑花 is a flower: the word is followed by a character that goes on
    assert "格桑" not in people("牧民格桑花开满了山坡。")


def test_a_name_before_ren_and_a_place_takes_the_post():
    text = "按照分工,工作组成员分别在各单位任职。其中,刘家明任日喀则市桑珠孜区委常委、副区长。"
    assert "刘家明" in people(text)


def test_ren_after_a_title_word_opens_no_name():
    assert not people("会上,县委办公室主任在拉萨市作了发言。")


def test_he_before_a_three_character_noun_opens_no_name():
    # 农牧民 is a noun jieba knows; its first two characters only an abbreviation
    assert not people("全县已有120名高校毕业生和农牧民赴天津就业。")


def test_a_numeral_word_after_a_count_opens_no_name():
    assert not people("全县共有300余家企业参加招聘会。")


def test_the_village_doctor_title_is_read_whole():
    result = extract("在石桥镇东坪村卫生室，乡村医生彭德贵为老人测血压。")
    assert ("彭德贵", "jobTitle", "乡村医生") in triples(result, "jobTitle"), describe(result)
