"""Bodies of the genre's community-service and consumer-aid pages that end in a kind word of
org_suffixes.tsv (慈善会, 消防救援支队, 志愿服务队, 食堂 …), and how their names are cut.
Every sentence is made up."""
from __future__ import annotations

import pytest

from .helpers import describe, extract, identities, labels, triples


@pytest.mark.parametrize("text, name, expected", [
    pytest.param("当天，屯留区慈善会向村里捐赠爱心物资。", "屯留区慈善会",
                 {("NonProfit", "org/山西省/长治市/屯留区/慈善会", "屯留区慈善会")}, id="charity-society"),
    pytest.param("东城区消防救援支队走进社区开展演练。", "东城区消防救援支队",
                 {("GovernmentAgency", "org/北京市/东城区/消防救援支队", "北京市东城区消防救援支队")},
                 id="fire-detachment"),
    pytest.param("活动由“银杏”志愿服务队承办。", "银杏志愿服务队",
                 {("NonProfit", "org/银杏志愿服务队", "银杏志愿服务队")}, id="volunteer-team-quoted"),
    pytest.param("社区里的“和睦议事厅”每周开放。", "和睦议事厅",
                 {("Facility", "facility/和睦议事厅", "和睦议事厅")}, id="meeting-room"),
    pytest.param("社区的“百合长者食堂”每天供应午餐。", "百合长者食堂",
                 {("Facility", "facility/百合长者食堂", "百合长者食堂")}, id="canteen"),
    pytest.param("展会在屯留区锦华国际会展中心举行。", "屯留区锦华国际会展中心",
                 {("Facility", "org/山西省/长治市/屯留区/锦华国际会展中心", "屯留区锦华国际会展中心")},
                 id="exhibition-centre"),
    pytest.param("县农业农村局从县果树技术推广站抽调技术骨干。", "县果树技术推广站", set(),
                 id="extension-station-of-no-named-county"),
    pytest.param("屯留区农业农村局从区果树技术推广站抽调技术骨干。", "区果树技术推广站",
                 {("PublicInstitution", "org/山西省/长治市/屯留区/果树技术推广站", "屯留区果树技术推广站")},
                 id="extension-station"),
    pytest.param("江苏省援疆前方指挥部组织专家开展义诊。", "江苏省援疆前方指挥部",
                 {("GovernmentAgency", "org/江苏省/援疆前方指挥部", "江苏省援疆前方指挥部")},
                 id="aid-headquarters"),
    pytest.param("上海市援滇干部联络组组长张强介绍情况。", "上海市援滇干部联络组",
                 {("GovernmentAgency", "org/上海市/援滇干部联络组", "上海市援滇干部联络组")},
                 id="aid-liaison-team"),
    pytest.param("黔东南州委书记王五到雷山县调研。", "黔东南州委",
                 {("PartyOrganization", "org/贵州省/黔东南苗族侗族自治州/委", "黔东南苗族侗族自治州委")},
                 id="prefecture-committee-by-short-form"),
])
def test_kind_word_ends_the_name(text, name, expected):
    result = extract(text)
    assert identities(result, name) == expected, "mentions:\n" + describe(result)


@pytest.mark.parametrize("text, name, expected", [
    pytest.param("长治市驻北京联络处协调务工人员返岗。", "长治市驻北京联络处",
                 {("GovernmentAgency", "org/山西省/长治市/驻北京联络处", "长治市驻北京联络处")},
                 id="office-in-a-named-city"),
    pytest.param("深圳市山西商会组织会员企业赴长治考察。", "深圳市山西商会",
                 {("NonProfit", "org/广东省/深圳市/山西商会", "深圳市山西商会")},
                 id="chamber-of-a-home-province"),
])
def test_a_second_place_is_part_of_the_name(text, name, expected):
    result = extract(text)
    assert identities(result, name) == expected, "mentions:\n" + describe(result)


@pytest.mark.parametrize("text, not_a_name", [
    ("“长者食堂”开进了社区。", "长者食堂"),  # whom it serves: a kind of canteen
    ("社区的“老人食堂”开张了。", "老人食堂"),
])
def test_no_name_for_a_kind_of_room(text, not_a_name):
    assert not [m for m in extract(text).mentions if m.surface.strip("“”") == not_a_name]


@pytest.mark.parametrize("text, name", [
    ("合作社年加工沁州黄小米、党参等农产品500余吨。", "沁州黄小米"),
    ("门店集中销售金穗香醋、长治黄梨等产品。", "金穗香醋"),
])
def test_a_verb_of_making_or_selling_opens_no_product(text, name):
    result = extract(text)
    first = min((m for m in result.mentions if m.cls == "Product"), key=lambda m: m.start)
    assert first.surface == name, "mentions:\n" + describe(result)


def test_projects_that_have_landed_are_no_project():
    result = extract("园区已引进企业5家，落地项目总投资3亿元。")
    assert not [m for m in result.mentions if m.cls == "Project"], "mentions:\n" + describe(result)


@pytest.mark.parametrize("text, name", [
    pytest.param("一行来到松他克镇，调研援疆项目推进情况。", None, id="verb-and-generic-words"),
    pytest.param("一行来到松他克镇，调研蔬菜大棚项目推进情况。", "蔬菜大棚项目", id="verb-and-a-name"),
])
def test_a_verb_opening_a_clause_is_no_part_of_a_project(text, name):
    result = extract(text)
    projects = [m.surface for m in result.mentions if m.cls == "Project"]
    assert projects == ([name] if name else []), "mentions:\n" + describe(result)


def test_a_boundary_character_that_begins_trade_words_is_in_the_company_name():
    result = extract("驿站由街道与北京鑫驰同城配送有限公司共建。")  # 同 begins 同城配送
    assert identities(result, "北京鑫驰同城配送有限公司") == {
        ("Company", "org/北京市/鑫驰同城配送有限公司", "北京鑫驰同城配送有限公司")}, describe(result)


@pytest.mark.parametrize("text, short", [
    # the brand and trade words, then the legal form's last word: the same company
    ("驿站由街道与北京鑫驰同城配送有限公司共建。鑫驰同城配送公司站点主任李明说。", "鑫驰同城配送公司"),
    # written before 公司负责人, the short name alone
    ("驿站由街道与北京鑫驰同城配送有限公司共建。鑫驰同城配送公司负责人李明说。", "鑫驰同城配送"),
])
def test_short_name_with_or_before_a_legal_word_is_the_company(text, short):
    result = extract(text)
    assert {m.key for m in result.mentions if m.surface == short} == {
        "org/北京市/鑫驰同城配送有限公司"}, describe(result)


def test_e_commerce_company_named_again_by_its_brand_and_dianshang():
    # 华坤 is a word jieba lists as rare (frequency 3): a brand, not a common word
    result = extract("青岛华坤电子商务有限公司负责直播。华坤电商总经理李明介绍，今年开展直播28场。")
    assert {m.key for m in result.mentions if m.surface == "华坤电商"} == {
        "org/山东省/青岛市/华坤电子商务有限公司"}, describe(result)


def test_chain_store_named_again_by_its_brand_and_last_trade_word():
    result = extract("长治华坤连锁超市有限公司与合作社签约。华坤超市在门店开设专柜。")
    assert {m.key for m in result.mentions if m.surface == "华坤超市"} == {
        "org/山西省/长治市/华坤连锁超市有限公司"}, describe(result)


@pytest.mark.parametrize("text, anaphor, label", [
    ("长治华坤连锁超市有限公司开设专柜。该超市总经理李明说，销售额超过百万元。", "该超市",
     "长治华坤连锁超市有限公司"),
    ("屯留区驻北京劳务工作站挂牌成立。该站站长李明介绍，已帮助300人就业。", "该站",
     "屯留区驻北京劳务工作站"),
])
def test_gai_zhan_and_gai_chaoshi_refer_to_the_body_before(text, anaphor, label):
    result = extract(text)
    assert {m.label for m in result.mentions if m.surface == anaphor} == {label}, describe(result)


def test_a_conjunction_after_a_quoted_name_ends_it():
    # 和 is cut off on both sides: the quoted name and the company are two names
    result = extract("展会上，“太行红”和屯留区金穗食品有限公司的展位前人头攒动。")
    assert identities(result, "屯留区金穗食品有限公司") == {
        ("Company", "org/山西省/长治市/屯留区/金穗食品有限公司", "屯留区金穗食品有限公司")}, describe(result)


def test_an_industrial_park_is_a_project():
    result = extract("2024年，屯留区建成余吾镇小米产业园。")
    assert identities(result, "余吾镇小米产业园") == {
        ("Project", "org/山西省/长治市/屯留区/余吾镇/小米产业园", "余吾镇小米产业园")}, \
        "mentions:\n" + describe(result)


def test_a_park_named_with_and_without_the_word_project_is_one_project():
    result = extract("屯留区余吾镇小米产业园项目总投资1亿元。余吾镇小米产业园今年建成。")
    keys = {m.key for m in result.mentions if m.cls == "Project"}
    assert keys == {"project/屯留区余吾镇小米产业园项目"}, "mentions:\n" + describe(result)


def test_the_phase_of_a_park_names_no_park_of_its_own():
    # 二期项目: the project is the park's second phase; the park inside its name is no entity
    result = extract("11月初，屯留区余吾镇小米产业园二期项目竣工投产。")
    assert labels(result, "Project") == {
        "屯留区余吾镇小米产业园二期项目"}, "mentions:\n" + describe(result)


def test_an_anaphor_points_into_the_paragraph_before():
    # news paragraphs are a sentence or two: 该产业园 names the park of the paragraph before
    result = extract("记者来到屯留区余吾镇小米产业园的建设工地。\n\n"
                     "该产业园由山西禾丰农业科技有限公司投资建设，总投资1.2亿元。")
    facts = {(f.subject, f.predicate, f.obj) for f in result.facts}
    park = "org/山西省/长治市/屯留区/余吾镇/小米产业园"
    assert (park, "totalInvestment", "120000000") in facts, facts
    assert (park, "establishedBy", "org/山西省/禾丰农业科技有限公司") in facts, facts


def test_an_anaphor_prefers_its_own_paragraph():
    # the paragraph before names another hospital: the one of its own paragraph is meant
    result = extract("屯留区人民医院选派医生进修。\n\n"
                     "东城区第一人民医院派出专家团队。该院还为屯留区援建了远程会诊中心。")
    (m,) = [m for m in result.mentions if m.surface == "该院"]
    assert m.label == "北京市东城区第一人民医院", "mentions:\n" + describe(result)


@pytest.mark.parametrize("text, name, expected", [
    pytest.param("10月22日，东城区东西部协作联席会议召开。", "东城区东西部协作联席会议",
                 {("Event", "org/北京市/东城区/东西部协作联席会议", "东城区东西部协作联席会议")},
                 id="joint-meeting"),
    # two paired places joined by a dash open the name; it stands under the second (receiving) side
    pytest.param("10月22日，东城区—屯留区东西部协作联席会议在屯留区召开。",
                 "东城区—屯留区东西部协作联席会议",
                 {("Event", "org/山西省/长治市/屯留区/东西部协作联席会议", "东城区—屯留区东西部协作联席会议")},
                 id="paired-places-open-the-name"),
])
def test_meetings_of_a_pairing(text, name, expected):
    result = extract(text)
    assert identities(result, name) == expected, "mentions:\n" + describe(result)


def test_a_park_s_name_may_hold_a_programme():
    # 京蒙协作 is a programme mention of its own, nested in the park's name
    result = extract("京蒙协作绿野产业园今年开工建设。")
    assert identities(result, "京蒙协作绿野产业园") == {
        ("Project", "org/京蒙协作绿野产业园", "京蒙协作绿野产业园")}, \
        "mentions:\n" + describe(result)
    (program,) = [m for m in result.mentions if m.cls == "CooperationProgram"]
    assert program.nested, "mentions:\n" + describe(result)


@pytest.mark.parametrize("text", [
    "余吾镇小米产业园是两地合作的“一号工程”。",
    "这座桥是两地协作的“连心桥”。",
])
def test_what_a_thing_is_likened_to_names_nothing(text):
    result = extract(text)
    assert not [m for m in result.mentions if "“" in m.surface or m.label in ("一号工程", "连心桥")], \
        "mentions:\n" + describe(result)


def test_the_commander_of_an_aid_headquarters_works_for_it():
    result = extract("江苏省援疆前方指挥部副总指挥王涛说，今年新建项目12个。")
    assert ("王涛", "worksFor", "江苏省援疆前方指挥部") in triples(result)
    assert ("王涛", "jobTitle", "副总指挥") in triples(result)


@pytest.mark.parametrize("text, name, expected", [
    pytest.param("湖北省粮食和物资储备局派出工作组驻村帮扶。", "湖北省粮食和物资储备局",
                 {("GovernmentAgency", "org/湖北省/粮食和物资储备局", "湖北省粮食和物资储备局")},
                 id="grain-bureau"),
    pytest.param("福建鑫和纺织有限公司向学校捐款。", "福建鑫和纺织有限公司",
                 {("Company", "org/福建省/鑫和纺织有限公司", "福建鑫和纺织有限公司")},
                 id="brand-ending-in-he"),
    pytest.param("项目由洛阳唐都文旅发展有限公司投资建设。", "洛阳唐都文旅发展有限公司",
                 {("Company", "org/河南省/洛阳市/唐都文旅发展有限公司", "洛阳唐都文旅发展有限公司")},
                 id="brand-ending-in-dou"),
    pytest.param("宁波德和塑业有限公司捐赠了一批课桌。", "宁波德和塑业有限公司",
                 {("Company", "org/浙江省/宁波市/德和塑业有限公司", "宁波德和塑业有限公司")},
                 id="plastics-trade"),
])
def test_a_function_word_inside_a_name(text, name, expected):
    """和 and 都 end a name when scanning left, but inside a bureau's standard name or a
    company's brand written right after its place they are part of it."""
    result = extract(text)
    assert identities(result, name) == expected, "mentions:\n" + describe(result)


@pytest.mark.parametrize("text, name, expected", [
    pytest.param("临沧市双江县勐库镇中心完小的学生来到北京。", "临沧市双江县勐库镇中心完小",
                 {("School", "org/云南省/临沧市/双江拉祜族佤族布朗族傣族自治县/勐库镇/中心完小",
                   "临沧市双江县勐库镇中心完小")}, id="school-under-a-town"),
    pytest.param("乐山市峨边县人民医院派出医生。", "乐山市峨边县人民医院",
                 {("Hospital", "org/四川省/乐山市/峨边彝族自治县/人民医院", "峨边彝族自治县人民医院")},
                 id="county-hospital"),
])
def test_autonomous_county_written_with_its_level_word(text, name, expected):
    """An autonomous county named by its short form and 县 (双江县, 峨边县) is one place: the
    places and bodies after it chain to it."""
    result = extract(text)
    assert identities(result, name) == expected, "mentions:\n" + describe(result)


@pytest.mark.parametrize("text, name, expected", [
    pytest.param("通许县农村信用合作联社向贫困户发放贴息贷款。", "通许县农村信用合作联社",
                 {("Company", "org/河南省/开封市/通许县/农村信用合作联社", "通许县农村信用合作联社")},
                 id="credit-union-of-a-county"),
    pytest.param("通许县农村信用合作联社练城信用社为果农放贷。", "通许县农村信用合作联社练城信用社",
                 {("Company", "org/河南省/开封市/通许县/农村信用合作联社/练城信用社",
                   "通许县农村信用合作联社练城信用社")}, id="credit-cooperative-of-the-union"),
    pytest.param("石泉县城关镇蔬菜冷链物流中心正式投用。", "石泉县城关镇蔬菜冷链物流中心",
                 {("Facility", "org/陕西省/安康市/石泉县/城关镇/蔬菜冷链物流中心",
                   "石泉县城关镇蔬菜冷链物流中心")}, id="logistics-centre"),
    pytest.param("杞县裴村店乡大蒜仓储中心建成投用。", "杞县裴村店乡大蒜仓储中心",
                 {("Facility", "org/河南省/开封市/杞县/裴村店乡/大蒜仓储中心", "杞县裴村店乡大蒜仓储中心")},
                 id="storage-centre"),
    pytest.param("镇雄县驻宁波劳务协作工作站为务工人员维权。", "镇雄县驻宁波劳务协作工作站",
                 {("GovernmentAgency", "org/云南省/昭通市/镇雄县/驻宁波劳务协作工作站",
                   "镇雄县驻宁波劳务协作工作站")}, id="labour-cooperation-station"),
])
def test_kind_words_of_rural_finance_and_logistics(text, name, expected):
    """A county's rural credit union and its cooperatives, logistics and storage centres
    (built sites) and a labour office named for a pairing's labour cooperation."""
    result = extract(text)
    assert identities(result, name) == expected, "mentions:\n" + describe(result)


@pytest.mark.parametrize("text, name, expected", [
    pytest.param("2024年粤桂协作南山区—凌云县联席会议在凌云县召开。", "2024年粤桂协作南山区—凌云县联席会议",
                 {("Event", "event/粤桂协作南山区—凌云县联席会议", "2024年粤桂协作南山区—凌云县联席会议")},
                 id="joint-meeting-of-a-pairing"),
    pytest.param("2025年余杭区电商行业专场招聘会在区体育馆举行。", "2025年余杭区电商行业专场招聘会",
                 {("Event", "event/余杭区电商行业专场招聘会", "2025年余杭区电商行业专场招聘会")},
                 id="job-fair"),
])
def test_event_opened_by_its_year(text, name, expected):
    """A year opens an event's name, which may hold a programme and a pair of places."""
    result = extract(text)
    assert identities(result, name) == expected, "mentions:\n" + describe(result)


def test_a_programme_opens_a_project_name():
    """The programme written before a project's name is part of it (as in 京蒙协作乌丹产业园)."""
    result = extract("由广州华南茶业有限公司投资的粤黔协作湄潭茶叶精深加工项目正式投产。")
    assert identities(result, "粤黔协作湄潭茶叶精深加工项目") == {
        ("Project", "project/粤黔协作湄潭茶叶精深加工项目", "粤黔协作湄潭茶叶精深加工项目")}, describe(result)


def test_a_programme_alone_before_project_names_none():
    result = extract("今年共实施粤黔协作项目。")
    assert not [m for m in result.mentions if m.cls == "Project"], describe(result)


def test_project_manager_is_a_post_not_a_project():
    result = extract("四川蜀能光伏科技有限公司项目经理刘洋介绍，电站已并网。")
    assert not [m for m in result.mentions if m.cls == "Project"], describe(result)
    assert ("刘洋", "jobTitle", "项目经理") in triples(result, "jobTitle"), describe(result)


def test_a_name_opening_with_a_measure_word_character_is_a_project():
    """台 of 台庄人家 is tagged a measure word (jieba cuts 台|庄人家); alone (no number or
    pronoun before) it refers to nothing and opens the project's name."""
    result = extract("台庄人家民宿改造项目今年开工。")
    assert identities(result, "台庄人家民宿改造项目") == {
        ("Project", "project/台庄人家民宿改造项目", "台庄人家民宿改造项目")}, describe(result)


def test_one_character_before_township_word_is_a_nickname():
    """茶乡 (tea country) in a charity's name is no township of the county."""
    result = extract("安溪县茶乡慈善会向学校捐款。")
    assert identities(result, "安溪县茶乡慈善会") == {
        ("NonProfit", "org/福建省/泉州市/安溪县/茶乡慈善会", "安溪县茶乡慈善会")}, describe(result)
    assert not [m for m in result.mentions if m.cls == "Township"], describe(result)


def test_quoted_products_listed_before_a_bare_product_word():
    """“A”“B”等农产品: quoted items are products with no count or qualifier after 等."""
    result = extract("主播们为“庆元香菇”“龙泉黑木耳”等农产品代言。")
    assert labels(result, "Product") == {"庆元香菇", "龙泉黑木耳"}, \
        describe(result)


def test_a_bank_written_only_in_its_branch_name_is_no_entity():
    # the branch is the body the page speaks of, and it stands where its name says
    text = "今年3月，中国建设银行寻乌县支行与寻乌县农业农村局签署合作协议。"
    result = extract(text)
    assert not [m for m in result.mentions if m.label == "中国建设银行"], describe(result)
    assert ("中国建设银行寻乌县支行", "locatedIn", "寻乌县") in triples(result, "locatedIn"), \
        describe(result)


def test_a_bank_written_alone_too_is_an_entity():
    result = extract("中国建设银行寻乌县支行今年放贷1亿元。中国建设银行是国有大型商业银行。")
    assert {m.key for m in result.mentions if m.label == "中国建设银行"} == {"org/中国/建设银行"}, \
        describe(result)


def test_a_subdistrict_named_like_a_far_city_keeps_its_short_form():
    # 南宁街道 of 曲靖市麒麟区: on this page 南宁 names the subdistrict's area, not 南宁市
    result = extract("曲靖市麒麟区南宁街道举办敬老活动。南宁片区老旧院落改造项目已完工，"
                     "南宁街道南宁东路社区居民纷纷点赞。")
    assert not [m for m in result.mentions if "南宁市" in m.key], describe(result)
    assert {m.key for m in result.mentions if m.surface == "南宁东路社区"} == {
        "place/云南省/曲靖市/麒麟区/南宁街道/南宁东路社区"}, describe(result)


@pytest.mark.parametrize("text, name", [
    pytest.param("6月12日，由南岸区民政局主办的南岸区社区治理现场推进会在南坪街道召开。",
                 "南岸区社区治理现场推进会", id="meeting-held-by-a-district"),
    pytest.param("10月18日，2025四川好茶品鉴会在成都市举行。", "2025四川好茶品鉴会",
                 id="tasting-fair-led-by-its-year"),
    pytest.param("近日，南岸区首期养老护理员技能提升培训班在区职业学校结业。",
                 "南岸区首期养老护理员技能提升培训班", id="district-and-ordinal-class"),
])
def test_event_names_of_meetings_fairs_and_classes(text, name):
    result = extract(text)
    assert name in labels(result, "Event"), describe(result)


@pytest.mark.parametrize("text, name, cls", [
    pytest.param("重庆渝州老年大学开设书法课程。", "重庆渝州老年大学", "School", id="university-for-the-elderly"),
    pytest.param("重庆鑫源公司在大足区建成大足蔬菜产地集配中心。", "大足蔬菜产地集配中心", "Facility",
                 id="produce-collection-centre"),
])
def test_kind_word_types_the_body(text, name, cls):
    result = extract(text)
    assert {m.cls for m in result.mentions if m.label == name} == {cls}, describe(result)


@pytest.mark.parametrize("text", [
    pytest.param("王立军任那曲市色尼区委常委、副区长，分管援藏项目和农业农村工作。",
                 id="a-leader-in-charge-of-aid-projects"),
    pytest.param("“开发区实行项目专员全程代办服务。”管委会主任说。", id="project-officer-is-a-post"),
    pytest.param("6月3日，漳州台商投资区“交地即发证”改革首个试点项目开工。", id="the-first-pilot-project"),
])
def test_generic_project_words_after_a_verb_or_a_count_name_no_project(text):
    result = extract(text)
    assert not [m for m in result.mentions if m.cls == "Project"], "mentions:\n" + describe(result)


def test_a_pilot_project_with_a_name_is_one():
    result = extract("龙海区智慧农业试点项目今年开工。")
    assert "龙海区智慧农业试点项目" in labels(result, "Project"), \
        describe(result)


@pytest.mark.parametrize("text, name, cls", [
    pytest.param("歙县徽墨非遗工坊今年接到订单2000件。", "歙县徽墨非遗工坊", "Facility", id="heritage-workshop"),
    pytest.param("德化县陶瓷文化实践基地今年接待学生3000人次。", "德化县陶瓷文化实践基地", "Facility",
                 id="practice-base"),
    pytest.param("邵阳市蔡锷研究会向学校赠书。", "邵阳市蔡锷研究会", "NonProfit", id="research-society"),
])
def test_workshops_bases_and_societies(text, name, cls):
    result = extract(text)
    assert (name, cls) in {(m.surface, m.cls) for m in result.mentions}, describe(result)


def test_a_heritage_workshop_of_no_name_is_none():
    result = extract("村里的非遗工坊很热闹。")
    assert not [m for m in result.mentions if m.cls == "Facility"], describe(result)


@pytest.mark.parametrize("text, name", [
    pytest.param("11月2日至5日，2024福建非遗文创精品展在福州市举行。", "2024福建非遗文创精品展",
                 id="selected-works-exhibition-led-by-its-year"),
    pytest.param("“走向海洋——郑和与《瀛涯胜览》专题展”在长乐区博物馆开展。",
                 "走向海洋——郑和与《瀛涯胜览》专题展", id="titled-thematic-exhibition"),
])
def test_exhibitions_are_events(text, name):
    result = extract(text)
    assert name in labels(result, "Event"), describe(result)


def test_a_quoted_product_in_a_list_closed_by_a_place_and_a_qualifier():
    result = extract("“巴宜藏香猪腊肉”、松茸干、藏香等20余种林芝特色产品当天售出。")
    assert "巴宜藏香猪腊肉" in labels(result, "Product"), describe(result)


def test_a_quoted_project_is_named_by_its_quoted_name_too():
    result = extract("“山海同行”项目已连续开展3年，服务队今年又来到宁化县。")
    project = next(m for m in result.mentions if m.cls == "Project")
    assert project.label == "山海同行项目" and "山海同行" in project.variants, describe(result)


def test_on_behalf_of_a_body_names_none():
    result = extract("宁化县第一中学校长张国华代表学校接受捐赠。")
    assert "代表学校" not in {m.surface for m in result.mentions}, describe(result)


@pytest.mark.parametrize("text, name", [
    # a canteen named by its place and a name of its own, with no quotes
    pytest.param("10月8日，六安市裕安区城南长者食堂开门迎客。", "六安市裕安区城南长者食堂",
                 id="canteen-after-its-places"),
    pytest.param("3月5日，兰考县东坝头镇张庄村幸福食堂开业。", "兰考县东坝头镇张庄村幸福食堂",
                 id="canteen-of-a-village"),
])
def test_a_canteen_after_its_place_is_a_facility(text, name):
    result = extract(text)
    assert name in labels(result, "Facility"), describe(result)


@pytest.mark.parametrize("text", [
    pytest.param("区里还动员辖区机关食堂采购扶贫产品。", id="office-canteens"),
    pytest.param("公司为少数民族员工设立了清真食堂。", id="halal-canteen"),
    pytest.param("中午时分，老年食堂里坐满了人。", id="canteen-for-the-elderly"),
    pytest.param("“老人食堂”开张", id="quoted-kind"),
    pytest.param("“小食堂”解决大问题", id="quoted-small-canteen"),
])
def test_a_kind_of_canteen_is_no_facility(text):
    result = extract(text)
    assert not [m for m in result.mentions if m.cls == "Facility"], describe(result)


def test_a_village_bank_opens_no_village():
    # 村镇银行 is a kind of bank: neither its 村 nor its 镇 ends a place's name
    result = extract("浙江长兴联合村镇银行行长周明说，贷款已经放到农户手里。")
    labels = {(m.label, m.cls) for m in result.mentions}
    assert ("浙江长兴联合村镇银行", "Company") in labels, describe(result)
    assert not [m for m in result.mentions if m.cls in ("Village", "Town")], describe(result)


@pytest.mark.parametrize("text, official, written", [
    # ethnic townships are written by their place word and level word alone
    pytest.param("隆回县虎形山乡崇木凼村的村民开始采茶。", "虎形山瑶族乡", "虎形山乡", id="one-nationality"),
    pytest.param("永德县大雪山乡的茶叶丰收了。", "大雪山彝族拉祜族傣族乡", "大雪山乡", id="three-nationalities"),
])
def test_an_ethnic_township_by_its_short_written_form(text, official, written):
    result = extract(text)
    townships = [m for m in result.mentions if m.cls == "Township"]
    assert [m.label for m in townships] == [official], describe(result)
    assert townships[0].surface == written, describe(result)


def test_a_sales_hall_of_produce_is_a_facility():
    result = extract("当天，威宁农特产品南山展销馆在南山区蛇口街道开馆。")
    assert "威宁农特产品南山展销馆" in labels(result, "Facility"), \
        describe(result)


@pytest.mark.parametrize("text, kind", [
    pytest.param("连江县官坞海洋牧场项目是全县最大的涉海项目。", "涉海项目", id="projects-involving-the-sea"),
    pytest.param("学校把茶园作为学生研学实践基地。", "学生研学实践基地", id="study-tour-base-of-pupils"),
])
def test_a_kind_of_project_or_base_is_no_name(text, kind):
    result = extract(text)
    assert kind not in {m.label for m in result.mentions}, describe(result)


@pytest.mark.parametrize("text, name", [
    pytest.param("10月22日，福建省海洋研究所的科研人员走进平潭县城关小学，开展海洋科普进校园活动。",
                 "海洋科普进校园", id="slogan-into-the-schools"),
    pytest.param("县司法局组织开展法治进校园活动。", "法治进校园", id="after-two-verbs"),
    pytest.param("10月20日~24日，健康岳西·名医下乡义诊活动在店前镇等8个乡镇举办。", "健康岳西·名医下乡",
                 id="dotted-slogan-with-a-kind-word"),
])
def test_an_unquoted_campaign_slogan_names_an_event(text, name):
    result = extract(text)
    assert name in labels(result, "Event"), describe(result)


@pytest.mark.parametrize("text", [
    pytest.param("各地开展了丰富多彩的进校园活动。", id="described-kind"),
    pytest.param("今年共开展各类进社区活动30余场。", id="kinds-counted"),
])
def test_a_kind_of_campaign_names_no_event(text):
    result = extract(text)
    assert not [m for m in result.mentions if m.cls == "Event"], describe(result)


@pytest.mark.parametrize("text, name", [
    pytest.param("推介会上，美早樱桃、威宁苹果等30余种农特产品集中亮相。", "美早樱桃", id="cultivar-in-a-list"),
    pytest.param("全县将依托“乌蒙天麻”地理标志品牌扩大种植。", "乌蒙天麻", id="quoted-medicinal-produce"),
])
def test_produce_words_close_product_names(text, name):
    result = extract(text)
    assert name in labels(result, "Product"), describe(result)


def test_a_quoted_order_class_is_a_project():
    result = extract("晋江市职业中专学校与恒安集团合作开设“恒安智造订单班”，首批招收学生45人。")
    assert "恒安智造订单班" in labels(result, "Project"), describe(result)


def test_a_quoted_kind_word_alone_names_nothing():
    result = extract("“订单班”开班")
    assert not [m for m in result.mentions if m.cls == "Project"], describe(result)


@pytest.mark.parametrize("text, name", [
    pytest.param("3月5日，浙江省人民医院淳安专家工作站在淳安县第一人民医院揭牌。", "浙江省人民医院淳安专家工作站",
                 id="of-a-hospital-in-a-partner-county"),
    pytest.param("淳安县院士专家工作站当天揭牌。", "淳安县院士专家工作站", id="of-a-county"),
])
def test_an_expert_workstation_is_a_facility(text, name):
    result = extract(text)
    assert name in labels(result, "Facility"), describe(result)


@pytest.mark.parametrize("text, county", [
    # written by its short form and 县 with no prefecture before it: 宁县 (Gansu), 沧县 (Hebei)
    # must not be found inside the name
    pytest.param("近日，威宁县的土豆丰收了。", "威宁彝族回族苗族自治县", id="weining"),
    pytest.param("澜沧县糯扎渡镇的茶叶开采了。", "澜沧拉祜族自治县", id="lancang"),
])
def test_an_autonomous_county_by_its_short_written_form(text, county):
    result = extract(text)
    assert [m.label for m in result.mentions if m.cls == "County"] == [county], describe(result)
