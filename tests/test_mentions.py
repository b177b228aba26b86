"""kg.mentions through kg.pipeline.extract_article: for each kind of entity a short made-up
sentence of the genre and the exact (class, key, label) of the mention written so."""
from __future__ import annotations

import pytest

from .helpers import describe, extract, identities, named

SX = "place/山西省/长治市"
TL = "山西省/长治市/屯留区"
BJ = "place/北京市"
NM = "place/内蒙古自治区"


def _xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


# (text, name as written without quotes, {(class, key, label)})
CASES = [
    # ---- places: gazetteer chains, municipalities, short forms, township and village levels
    pytest.param("山西省长治市潞州区今年新建5所学校。", "长治市",
                 {("City", SX, "长治市")}, id="chain-city"),
    pytest.param("山西省长治市潞州区今年新建5所学校。", "潞州区",
                 {("District", f"{SX}/潞州区", "潞州区")}, id="chain-district"),
    pytest.param("北京市朝阳区与宁城县签署协作协议。", "朝阳区",
                 {("District", f"{BJ}/朝阳区", "北京市朝阳区")}, id="municipal-district"),
    pytest.param("东城区干部赴北京东城区委党校学习。", "东城区",
                 {("District", f"{BJ}/东城区", "北京市东城区")}, id="district-without-city"),
    pytest.param("屯留区位于长治市西北部。屯留的小米远近闻名。", "屯留",
                 {("District", f"place/{TL}", "屯留区")}, id="short-form-page-names-it"),
    pytest.param("东城的胡同很有特色。", "东城", set(), id="short-form-unnamed-county"),
    pytest.param("内蒙古察右前旗人民医院院长高志勇介绍。同日，基金会向察右前旗人民医院捐赠医疗设备。",
                 "察右前旗人民医院",
                 {("Hospital", "org/内蒙古自治区/乌兰察布市/察哈尔右翼前旗/人民医院", "察哈尔右翼前旗人民医院")},
                 id="short-form-after-its-province-names-it-later"),
    pytest.param("医疗队走进屯留区余吾镇吾元村开展义诊。", "余吾镇",
                 {("Town", f"place/{TL}/余吾镇", "余吾镇")}, id="town-after-county"),
    pytest.param("医院与基金会就贫困学生助学项目签订协议。", "贫困学生助学项目",
                 {("Project", "project/贫困学生助学项目", "贫困学生助学项目")},
                 id="project-after-adverb"),
    pytest.param("屯留区与客商签订协议，宏达精密机械制造基地项目总投资3亿元。",
                 "宏达精密机械制造基地项目",
                 {("Project", "project/宏达精密机械制造基地项目", "宏达精密机械制造基地项目")},
                 id="project-with-verb-in-name"),
    pytest.param("“东城—屯留”民族团结进步教育实践基地项目总投资500万元。",
                 "东城—屯留民族团结进步教育实践基地项目",
                 {("Project", "project/东城—屯留民族团结进步教育实践基地项目",
                   "东城—屯留民族团结进步教育实践基地项目")}, id="project-named-by-a-quoted-pair"),
    pytest.param("屯留区以区人民医院为牵头单位，组建紧密型医共体。", "区人民医院",
                 {("Hospital", f"org/{TL}/人民医院", "屯留区人民医院")}, id="yi-before-level-body"),
    pytest.param("医疗队走进屯留区余吾镇吾元村开展义诊。", "吾元村",
                 {("Village", f"place/{TL}/余吾镇/吾元村", "吾元村")}, id="village-after-town"),
    pytest.param("东城区东华门街道多福巷社区居民刘桂芳说。", "多福巷社区",
                 {("Community", f"{BJ}/东城区/东华门街道/多福巷社区", "多福巷社区")},
                 id="community-after-subdistrict"),
    pytest.param("锡林郭勒盟正蓝旗上都镇举办那达慕。", "正蓝旗",
                 {("County", f"{NM}/锡林郭勒盟/正蓝旗", "正蓝旗")}, id="league-banner"),
    pytest.param("鄂尔多斯市鄂托克旗苏米图苏木开展培训。", "苏米图苏木",
                 {("Township", f"{NM}/鄂尔多斯市/鄂托克旗/苏米图苏木", "苏米图苏木")}, id="sumu"),
    pytest.param("阿拉善盟阿拉善左旗巴润别立镇乌兰布和嘎查牧民增收。", "乌兰布和嘎查",
                 {("Village", f"{NM}/阿拉善盟/阿拉善左旗/巴润别立镇/乌兰布和嘎查", "乌兰布和嘎查")},
                 id="gacha"),
    pytest.param("山西省长治市潞州区召开乡村振兴工作推进会。", "召开乡村", set(), id="verb-plus-乡村"),
    pytest.param("屯留区康养小镇项目总投资1.2亿元。", "康养小镇", set(), id="小镇-in-project-name"),
    pytest.param("屯留区康养小镇项目总投资1.2亿元。", "屯留区康养小镇项目",
                 {("Project", "project/屯留区康养小镇项目", "屯留区康养小镇项目")}, id="小镇-project"),
    pytest.param("5月18日，东城区交道口街道在菊儿社区举办活动。", "菊儿社区",
                 {("Community", f"{BJ}/东城区/交道口街道/菊儿社区", "菊儿社区")},
                 id="在-before-community"),
    # a community whose name is a common word, named by its party body or its subdistrict
    pytest.param("5月18日，光明社区党支部组织志愿者开展活动。", "光明社区党支部",
                 {("PartyOrganization", "org/光明社区/党支部", "光明社区党支部")},
                 id="common-word-community-party-branch"),
    pytest.param("中共光明社区党支部书记刘丽介绍。", "中共光明社区党支部",
                 {("PartyOrganization", "org/光明社区/党支部", "光明社区党支部")},
                 id="中共-community-party-branch"),
    pytest.param("近日，城区东关街道光明社区建成老年食堂。", "东关街道",
                 {("Subdistrict", "place/东关街道", "东关街道")}, id="subdistrict-before-community"),
    pytest.param("近日，城区东关街道光明社区建成老年食堂。", "光明社区",
                 {("Community", "place/东关街道/光明社区", "光明社区")}, id="community-after-subdistrict-alone"),
    pytest.param("要加强社区党支部建设。", "加强社区", set(), id="verb-before-社区"),
    # 古城 is generic before 遗址 alone, not before 社区 in a chain
    pytest.param("望花区古城子街道古城社区居民参加活动。", "古城社区",
                 {("Community", "place/辽宁省/抚顺市/望花区/古城子街道/古城社区", "古城社区")},
                 id="古城-community"),
    # ---- organisations: place + body, short forms expanded, lists, bare level words
    pytest.param("屯留区人民医院选派3名医生赴北京进修。", "屯留区人民医院",
                 {("Hospital", f"org/{TL}/人民医院", "屯留区人民医院")}, id="people-hospital"),
    pytest.param("屯留区发改局牵头推进项目。", "屯留区发改局",
                 {("GovernmentAgency", f"org/{TL}/发展和改革局", "屯留区发展和改革局")},
                 id="short-body-expanded"),
    pytest.param("长治市委党校举办专题培训班。", "长治市委党校",
                 {("PartySchool", "org/山西省/长治市/委党校", "长治市委党校")}, id="party-school"),
    pytest.param("东城区卫健委一行到屯留区人民医院调研。", "东城区卫健委",
                 {("GovernmentAgency", "org/北京市/东城区/卫生健康委员会", "北京市东城区卫生健康委员会")},
                 id="health-commission"),
    pytest.param("屯留区余吾镇卫生院于2024年1月揭牌。", "屯留区余吾镇卫生院",
                 {("HealthCenter", f"org/{TL}/余吾镇/卫生院", "余吾镇卫生院")}, id="town-health-center"),
    pytest.param("屯留区余吾镇吾元村小学有学生120名。", "屯留区余吾镇吾元村小学",
                 {("School", f"org/{TL}/余吾镇/吾元村/小学", "屯留区余吾镇吾元村小学")}, id="village-school"),
    pytest.param("屯留区树人小学校长邢瑛介绍了两校交流情况。", "屯留区树人小学",
                 {("School", f"org/{TL}/树人小学", "屯留区树人小学")}, id="named-school"),
    pytest.param("屯留区委组织部、区委党校、发改局负责同志参加座谈。", "区委党校",
                 {("PartySchool", f"org/{TL}/委党校", "屯留区委党校")}, id="list-level-word"),
    pytest.param("屯留区委组织部、区委党校、发改局负责同志参加座谈。", "发改局",
                 {("GovernmentAgency", f"org/{TL}/发展和改革局", "屯留区发展和改革局")},
                 id="list-dropped-place"),
    pytest.param("屯留区召开会议，区委书记李东升出席。", "区委",
                 {("PartyOrganization", f"org/{TL}/委", "屯留区委")}, id="bare-level-word"),
    pytest.param("屯留区与东城区两地党校签署合作协议。", "党校",
                 {("PartySchool", f"org/{TL}/委党校", "屯留区委党校"),
                  ("PartySchool", "org/北京市/东城区/委党校", "北京市东城区委党校")}, id="both-sides"),
    pytest.param("屯留区卫健局、教育局和民政局负责人参加会议。", "民政局",
                 {("GovernmentAgency", f"org/{TL}/民政局", "屯留区民政局")}, id="list-with-和"),
    # a proper name keeps the form the text writes (the place chain included)
    pytest.param("屯留区余吾镇中心小学开学了。", "屯留区余吾镇中心小学",
                 {("School", f"org/{TL}/余吾镇/中心小学", "屯留区余吾镇中心小学")}, id="中心小学"),
    pytest.param("屯留区丰宜镇中心卫生院医生参加培训。", "屯留区丰宜镇中心",
                 set(), id="中心卫生院"),
    pytest.param("东城区委组织部部长张伟带队调研。", "东城区委组织部",
                 {("PartyOrganization", "org/北京市/东城区/委组织部", "北京市东城区委组织部")},
                 id="部长-after-组织部"),
    pytest.param("屯留区农业农村局与企业签订协议。", "农业农村", set(), id="村-inside-body"),
    pytest.param("5月18日，屯留区康庄社区党支部举办活动。", "屯留区康庄社区党支部",
                 {("PartyOrganization", f"org/{TL}/康庄社区/党支部", "康庄社区党支部")},
                 id="community-party-branch"),
    # people's organisations and renamed bureaus of a locality
    pytest.param("闵行区总工会向红河县总工会捐赠20万元慰问金。", "闵行区总工会",
                 {("NonProfit", "org/上海市/闵行区/总工会", "上海市闵行区总工会")}, id="trade-union"),
    pytest.param("改造资金由长治市慈善总会和企业共同捐助。", "长治市慈善总会",
                 {("NonProfit", "org/山西省/长治市/慈善总会", "长治市慈善总会")}, id="charity-federation"),
    pytest.param("屯留区妇联、区残联负责人参加座谈。", "区残联",
                 {("NonProfit", f"org/{TL}/残疾人联合会", "屯留区残疾人联合会")}, id="list-残联"),
    pytest.param("襄垣县教育科技局局长韩冬梅致辞。", "襄垣县教育科技局",
                 {("GovernmentAgency", "org/山西省/长治市/襄垣县/教育局", "襄垣县教育局")},
                 id="教育科技局"),
    # ---- companies, foundations, sub-units
    pytest.param("屯留区农业农村局与北京新发地农产品有限公司签订购销协议。", "北京新发地农产品有限公司",
                 {("Company", "org/北京市/新发地农产品有限公司", "北京新发地农产品有限公司")},
                 id="company-label-as-written"),
    pytest.param("北京京东方科技集团股份有限公司董事长陈炎顺带队到兴和县考察。",
                 "北京京东方科技集团股份有限公司",
                 {("Company", "org/北京市/京东方科技集团股份有限公司", "北京京东方科技集团股份有限公司")},
                 id="group-with-legal-form"),
    pytest.param("北京京东方科技集团股份有限公司董事长陈炎顺带队到兴和县考察。", "股份有限公司",
                 set(), id="legal-form-alone"),
    pytest.param("北京市西城区广安门医院专家团队来到察右前旗人民医院。", "北京市西城区广安门医院",
                 {("Hospital", "org/北京市/西城区/广安门医院", "北京市西城区广安门医院")},
                 id="gate-named-hospital"),
    pytest.param("屯留区丰秀种养专业合作社社长张三介绍。", "屯留区丰秀种养专业合作社",
                 {("Company", f"org/{TL}/丰秀种养专业合作社", "屯留区丰秀种养专业合作社")},
                 id="cooperative"),
    pytest.param("屯留区余吾镇吾元村农民专业合作社带动农户增收。", "屯留区余吾镇吾元村农民专业合作社",
                 {("Company", f"org/{TL}/余吾镇/吾元村/农民专业合作社", "屯留区余吾镇吾元村农民专业合作社")},
                 id="village-cooperative"),
    pytest.param("东城区与屯留区共建的太行山大峡谷景区今年接待游客50万人次。", "太行山大峡谷景区",
                 {("Facility", "org/太行山大峡谷景区", "太行山大峡谷景区")}, id="scenic-area"),
    pytest.param("长治医学院附属和济医院选派医生参加义诊。", "长治医学院附属和济医院",
                 {("Hospital", "org/山西省/长治市/医学院/附属和济医院", "长治医学院附属和济医院")},
                 id="affiliated-hospital-和"),
    pytest.param("屯留区医生赴首都医科大学进修。", "首都医科大学",
                 {("University", "org/首都医科大学", "首都医科大学")}, id="dictionary-university"),
    pytest.param("据长治日报报道，上党晚报记者也到场。", "长治日报",
                 {("MediaOutlet", "org/山西省/长治市/日报", "长治日报")}, id="city-daily"),
    pytest.param("长治市潞州区英雄中路街道办事处联合辖区企业开展活动。", "长治市潞州区英雄中路街道办事处",
                 {("GovernmentAgency", "org/山西省/长治市/潞州区/英雄中路街道/办事处",
                   "长治市潞州区英雄中路街道办事处")}, id="subdistrict-office"),
    pytest.param("屯留区余吾镇吾元村文化广场已投入使用。", "屯留区余吾镇吾元村文化广场",
                 {("Facility", f"org/{TL}/余吾镇/吾元村/文化广场", "屯留区余吾镇吾元村文化广场")},
                 id="village-square"),
    pytest.param("活动现场，上海市慈善基金会浦东新区代表处向莎车县红十字会捐赠冬衣。",
                 "上海市慈善基金会浦东新区代表处",
                 {("Foundation", "org/上海市/慈善基金会/浦东新区代表处", "上海市慈善基金会浦东新区代表处")},
                 id="representative-office"),
    pytest.param("清华附中向王桥镇中心学校捐赠图书5000册。", "清华附中",
                 {("School", "org/清华附中", "清华附中")}, id="附中-is-a-school"),
    # a brand without a legal suffix in the donor position of a donation clause
    pytest.param("当天，蜜雪冰城向王桥镇中心学校捐赠了价值5万元的学习用品。", "蜜雪冰城",
                 {("Company", "org/蜜雪冰城", "蜜雪冰城")}, id="brand-donor"),
    pytest.param("作业帮也为兴和县捐赠了在线课程。", "作业帮",
                 {("Company", "org/作业帮", "作业帮")}, id="brand-donor-adverb"),
    pytest.param("淮海工业集团团委组织青年志愿者开展活动。", "淮海工业集团",
                 {("Company", "org/淮海工业集团", "淮海工业集团")}, id="group"),
    pytest.param("江西济民药业为当地捐资20万元。", "江西济民药业",
                 {("Company", "org/江西省/济民药业", "江西济民药业")}, id="pharma"),
    pytest.param("宋庆龄基金会向屯留区捐赠图书。", "宋庆龄基金会",
                 {("Foundation", "org/宋庆龄基金会", "宋庆龄基金会")}, id="foundation"),
    pytest.param("中国妇女发展基金会向屯留区捐赠母亲邮包。", "中国妇女发展基金会",
                 {("Foundation", "org/中国/妇女发展基金会", "中国妇女发展基金会")},
                 id="national-foundation"),
    pytest.param("淮海工业集团团委组织青年志愿者开展活动。", "淮海工业集团团委",
                 {("PartyOrganization", "org/淮海工业集团/团委", "淮海工业集团团委")},
                 id="group-youth-league"),
    pytest.param("北京联合大学旅游学院教师赴长治学院交流。", "北京联合大学旅游学院",
                 {("University", "org/北京市/联合大学/旅游学院", "北京联合大学旅游学院")},
                 id="university-college"),
    pytest.param("北京联合大学旅游学院教师赴长治学院交流。", "长治学院",
                 {("University", "org/山西省/长治市/学院", "长治学院")}, id="city-college"),
    pytest.param("长治医学院附属和平医院选派医生赴北京进修。", "长治医学院",
                 {("University", "org/山西省/长治市/医学院", "长治医学院")}, id="affiliated-parent-key"),
    # ---- people
    pytest.param("屯留区委书记李东升在东城区调研。", "李东升",
                 {("Person", "person/李东升", "李东升")}, id="secretary"),
    pytest.param("屯留区树人小学校长邢瑛介绍了两校交流情况。", "邢瑛",
                 {("Person", "person/邢瑛", "邢瑛")}, id="headmaster"),
    pytest.param("康庄社区居委会主任赵红梅介绍。", "赵红梅",
                 {("Person", "person/赵红梅", "赵红梅")}, id="director"),
    pytest.param("记者王丽娜在现场看到。", "王丽娜", {("Person", "person/王丽娜", "王丽娜")},
                 id="reporter"),
    pytest.param("通讯员张小红报道", "张小红", {("Person", "person/张小红", "张小红")},
                 id="correspondent"),
    pytest.param("83岁的周冬莲老人笑得合不拢嘴。", "周冬莲", {("Person", "person/周冬莲", "周冬莲")},
                 id="age"),
    pytest.param("68岁的村民杨桂花高兴地说。", "杨桂花", {("Person", "person/杨桂花", "杨桂花")},
                 id="age-and-role"),
    pytest.param("东城区史家小学校长王欢参加活动。", "王欢", {("Person", "person/王欢", "王欢")},
                 id="name-before-参加"),
    pytest.param("北京市东城区教育委员会主任刘明、屯留区教育局局长赵强参加签约仪式。", "刘明",
                 {("Person", "person/刘明", "刘明")}, id="title-name-in-list"),
    pytest.param("浦东新区副区长陈敏、莎车县委副书记买买提·艾力出席会议。", "买买提·艾力",
                 {("Person", "person/买买提·艾力", "买买提·艾力")}, id="dotted-name"),
    # a transcribed name runs while its characters are those of transcriptions
    pytest.param("莎车县委书记吐尔洪·艾力陪同。", "吐尔洪·艾力",
                 {("Person", "person/吐尔洪·艾力", "吐尔洪·艾力")}, id="dotted-name-before-a-verb"),
    pytest.param("内科主任热依拉·阿不都则在北京完成了进修。", "热依拉·阿不都",
                 {("Person", "person/热依拉·阿不都", "热依拉·阿不都")}, id="dotted-name-阿不都"),
    pytest.param("副书记买买提·艾力不仅出席，还讲了话。", "买买提·艾力",
                 {("Person", "person/买买提·艾力", "买买提·艾力")}, id="dotted-name-before-a-word"),
    pytest.param("内科主任热依拉·阿不都到北京进修。“收获很大。”热依拉说。", "热依拉",
                 {("Person", "person/热依拉·阿不都", "热依拉·阿不都")}, id="dotted-name-given-alone"),
    pytest.param("潞州区委社会工作部部长李建华表示，将推广经验。", "李建华",
                 {("Person", "person/李建华", "李建华")}, id="name-before-表示"),
    # a two-character county writes its level word again before 委: 萧县县委 is the county's committee
    pytest.param("萧县县委书记出席签约仪式。", "萧县县委",
                 {("PartyOrganization", "org/安徽省/宿州市/萧县/委", "萧县县委")}, id="county-county-committee"),
    pytest.param("泾县县委党校组织学员赴东城区学习。", "泾县县委党校",
                 {("PartySchool", "org/安徽省/宣城市/泾县/委党校", "泾县县委党校")}, id="county-county-party-school"),
    # a district commission where counties have a bureau: 商务委员会 and its short form 商务委
    pytest.param("上海市长宁区商务委员会与屯留区商务局签署协议。", "上海市长宁区商务委员会",
                 {("GovernmentAgency", "org/上海市/长宁区/商务委员会", "上海市长宁区商务委员会")},
                 id="district-commission"),
    pytest.param("东城区科委组织企业赴屯留区考察。", "东城区科委",
                 {("GovernmentAgency", "org/北京市/东城区/科学技术委员会", "北京市东城区科学技术委员会")},
                 id="district-commission-short-form"),
    # a company's brand begins with its city's abbreviation; the 和 after it is inside the name
    pytest.param("重庆渝和农业发展有限公司与屯留区商务局签署购销协议。", "重庆渝和农业发展有限公司",
                 {("Company", "org/重庆市/渝和农业发展有限公司", "重庆渝和农业发展有限公司")},
                 id="city-abbreviation-brand"),
    # a city's short form before 路/道/街 and a body names a street: the school is on it, in no city
    pytest.param("屯留区长沙路小学与东城区史家小学结对。", "屯留区长沙路小学",
                 {("School", "org/山西省/长治市/屯留区/长沙路小学", "屯留区长沙路小学")},
                 id="street-named-school"),
    pytest.param("永州道县县委书记出席。", "永州",
                 {("City", "place/湖南省/永州市", "永州市")}, id="short-form-before-道县"),
    # products listed with a count or a kind: branded ones (led by a place, or quoted) only
    pytest.param("长治香醋、平顺花椒、红薯粉等30余款产品集中亮相。", "平顺花椒",
                 {("Product", "product/平顺花椒", "平顺花椒")}, id="product-list-count"),
    # a count with 多 (30多个产品) closes a list too; the clause's verb before the first item
    # is no part of it, a place written there is
    pytest.param("屯留区位于长治市。公司开发出屯留香醋饮料、红枣花茶等30多个产品。", "屯留香醋饮料",
                 {("Product", "product/屯留香醋饮料", "屯留香醋饮料")}, id="product-list-多个-place-after-verb"),
    pytest.param("公司开发出陈醋饮料、红枣花茶等30多个产品。", "红枣花茶",
                 {("Product", "product/红枣花茶", "红枣花茶")}, id="product-list-多个"),
    pytest.param("项目投产后，将新增红枣口服液、红枣含片等产品。", "红枣口服液",
                 {("Product", "product/红枣口服液", "红枣口服液")}, id="product-list-verb-before-first"),
    pytest.param("“太行山楂”“漳河莲藕”等特色产品受到市民欢迎。", "漳河莲藕",
                 {("Product", "product/漳河莲藕", "漳河莲藕")}, id="product-list-quoted"),
    # a historic site is named by its event: the verb after a proper name stays (X改编旧址)
    pytest.param("学员参观瓦窑堡改编旧址。", "瓦窑堡改编旧址",
                 {("HistoricSite", "org/瓦窑堡改编旧址", "瓦窑堡改编旧址")}, id="event-named-site"),
    pytest.param("学员参观太行革命博物馆。", "太行革命博物馆",
                 {("HistoricSite", "org/太行革命博物馆", "太行革命博物馆")}, id="revolutionary-museum"),
    pytest.param("一袋袋“太行红”红茶从这里装车发往北京。", "太行红红茶",
                 {("Product", "product/太行红", "太行红红茶")}, id="quoted-tea-brand"),
    pytest.param("5月9日，东城区和平里街道的“和美书屋”正式开放。", "和美书屋",
                 {("Facility", "facility/和美书屋", "和美书屋")}, id="quoted-reading-room"),
    pytest.param("10月18日至24日，“太行好物进京城”农特产品展销周在东城区举办。", "太行好物进京城农特产品展销周",
                 {("Event", "event/太行好物进京城", "太行好物进京城农特产品展销周")}, id="fair-week"),
    # 老旧小区 is a kind of compound, not a name: the renovation project is the entity
    pytest.param("屯留区余吾镇老旧小区改造项目总投资500万元。", "屯留区余吾镇老旧小区改造项目",
                 {("Project", "project/屯留区余吾镇老旧小区改造项目", "屯留区余吾镇老旧小区改造项目")},
                 id="old-compound-renovation"),
    # 塆 names a natural village in the Dabie hills as 村 does, after its township or town
    pytest.param("屯留区余吾镇李家塆村民说。", "李家塆",
                 {("Village", "place/山西省/长治市/屯留区/余吾镇/李家塆", "李家塆")}, id="village-塆"),
    # an occupation noun introduces a person as a role word does (居民X说)
    pytest.param("余吾镇吾元村养殖户郭秀珍高兴地说。", "郭秀珍",
                 {("Person", "person/郭秀珍", "郭秀珍")}, id="occupation-养殖户"),
    pytest.param("南山村果农曹玉梅笑着说。", "曹玉梅",
                 {("Person", "person/曹玉梅", "曹玉梅")}, id="occupation-果农"),
    pytest.param("东城区选派干部孟庆华挂职担任屯留区副区长。", "孟庆华",
                 {("Person", "person/孟庆华", "孟庆华")}, id="occupation-干部"),
    # workers, trainees, members and elders are introduced by their role as residents are
    pytest.param("负责炒茶的老师傅陈长根说，今年新茶品质好。", "陈长根",
                 {("Person", "person/陈长根", "陈长根")}, id="role-老师傅"),
    pytest.param("正在编织竹篮的工人刘小红说。", "刘小红",
                 {("Person", "person/刘小红", "刘小红")}, id="role-工人"),
    pytest.param("合作社社员周秀珍家有5亩茶园。", "周秀珍",
                 {("Person", "person/周秀珍", "周秀珍")}, id="role-社员"),
    pytest.param("来自余吾镇的学员冯小丽说，她学的是面点制作。", "冯小丽",
                 {("Person", "person/冯小丽", "冯小丽")}, id="role-学员"),
    pytest.param("今年79岁的独居老人孙德福说。", "孙德福",
                 {("Person", "person/孙德福", "孙德福")}, id="role-老人"),
    pytest.param("屯留老厨师钱宝林一边示范一边讲解。", "钱宝林",
                 {("Person", "person/钱宝林", "钱宝林")}, id="role-厨师"),
    pytest.param("在外打工的屯留小伙张建平如今当上了技术员。", "张建平",
                 {("Person", "person/张建平", "张建平")}, id="role-小伙"),
    # a speaker described by a clause ending in 的
    pytest.param("返乡创业的郑家兴说，以前很难。", "郑家兴",
                 {("Person", "person/郑家兴", "郑家兴")}, id="speaker-after-的"),
    # ---- programmes, events, projects, facilities
    pytest.param("长治市与北京市东城区深化京长对口合作。", "京长对口合作",
                 {("CooperationProgram", "program/京长", "京长对口合作")}, id="program"),
    pytest.param("长治市屯留区与北京市东城区签署协议。“屯东”合作不断深化。", "屯东合作",
                 {("CooperationProgram", "program/屯东", "屯东对口合作")}, id="quoted-program"),
    pytest.param("东城区与锡林郭勒盟深化京蒙协作。", "京蒙协作",
                 {("CooperationProgram", "program/京蒙", "京蒙对口协作")}, id="京蒙协作"),
    pytest.param("“名医馆”项目落户屯留区中医院。", "名医馆项目",
                 {("Project", "project/名医馆项目", "名医馆项目")}, id="quoted-project"),
    pytest.param("屯留区中药材加工项目总投资1.2亿元。", "屯留区中药材加工项目",
                 {("Project", "project/屯留区中药材加工项目", "屯留区中药材加工项目")}, id="project"),
    # two works joined by 及 at the head of a clause are one project
    pytest.param("道路及管网改造项目由长治建工集团承建。", "道路及管网改造项目",
                 {("Project", "project/道路及管网改造项目", "道路及管网改造项目")}, id="joined-works-project"),
    pytest.param("今年，区里实施道路及管网改造项目。", "管网改造项目",
                 {("Project", "project/管网改造项目", "管网改造项目")}, id="joined-works-after-a-verb"),
    # a capacity phrase (年产N万吨) heads the project's name, number and unit included
    pytest.param("内蒙古长风新材料有限公司年产2万吨锂电池负极材料项目竣工投产。", "年产2万吨锂电池负极材料项目",
                 {("Project", "project/年产2万吨锂电池负极材料项目", "年产2万吨锂电池负极材料项目")},
                 id="capacity-project"),
    pytest.param("屯留区年加工3000吨茶叶项目开工。", "年加工3000吨茶叶项目",
                 {("Project", "project/年加工3000吨茶叶项目", "年加工3000吨茶叶项目")},
                 id="capacity-project-processing"),
    pytest.param("东城区在屯留区开展“名医进乡村”活动。", "名医进乡村活动",
                 {("Event", "event/名医进乡村", "名医进乡村活动")}, id="quoted-event"),
    pytest.param("“屯留美食进东城”美食节在东城区开幕。", "屯留美食进东城美食节",
                 {("Event", "event/屯留美食进东城", "屯留美食进东城美食节")}, id="food-festival"),
    pytest.param("9月2日，屯留区第二届“葵花小镇”旅游文化节开幕。", "第二届葵花小镇旅游文化节",
                 {("Event", "event/葵花小镇", "第二届葵花小镇旅游文化节")}, id="ordinal-festival"),
    # an event led by its year; a bracketed host city is part of the name
    pytest.param("9月，公司参加了在郑州市举办的2024中原绿色农产品交易会。", "2024中原绿色农产品交易会",
                 {("Event", "event/中原绿色农产品交易会", "2024中原绿色农产品交易会")}, id="year-event"),
    pytest.param("5月20日，2025安阳县（北京）招商推介会在北京市朝阳区举行。", "2025安阳县（北京）招商推介会",
                 {("Event", "event/安阳县北京招商推介会", "2025安阳县（北京）招商推介会")},
                 id="year-event-bracketed-host"),
    pytest.param("屯留区组织企业参加服贸会。", "服贸会",
                 {("Event", "event/中国国际服务贸易交易会", "中国国际服务贸易交易会")}, id="known-event"),
    pytest.param("近日，西关街道永安社区“幸福小屋”正式投入使用。", "幸福小屋",
                 {("Facility", "facility/幸福小屋", "幸福小屋")}, id="quoted-小屋"),
    pytest.param("东城区在屯留区打造了“京屯”共享驿站。", "京屯共享驿站",
                 {("Facility", "facility/京屯共享驿站", "京屯共享驿站")}, id="facility"),
    # two places of one quoted word are two facilities
    pytest.param("“沪永”邻里中心在禾川镇揭牌，“沪永”驿站同日投用。", "沪永驿站",
                 {("Facility", "facility/沪永驿站", "沪永驿站")}, id="facilities-of-one-word"),
    # a county library is named by its place alone, its branch is a part of it; a town's
    # cultural station is a public institution every town has
    pytest.param("8月1日，屯留区图书馆余吾分馆在余吾镇文化站开馆。", "屯留区图书馆余吾分馆",
                 {("PublicInstitution", "org/山西省/长治市/屯留区/图书馆/余吾分馆", "屯留区图书馆余吾分馆")},
                 id="library-branch"),
    pytest.param("屯留区图书馆与余吾镇中心学校签订协议。", "屯留区图书馆",
                 {("PublicInstitution", "org/山西省/长治市/屯留区/图书馆", "屯留区图书馆")},
                 id="county-library"),
    pytest.param("8月1日，屯留区图书馆余吾分馆在余吾镇文化站开馆。", "余吾镇文化站",
                 {("PublicInstitution", "org/山西省/长治市/屯留区/余吾镇/文化站", "余吾镇文化站")},
                 id="town-cultural-station"),
    pytest.param("屯留区与位于太原市的晋中师范高等专科学校签订协议。", "晋中师范高等专科学校",
                 {("University", "org/山西省/晋中市/师范高等专科学校", "晋中师范高等专科学校")},
                 id="junior-college"),
    pytest.param("企业在基地旁建起了红枣文化展示馆。", "红枣文化展示馆",
                 {("Facility", "org/红枣文化展示馆", "红枣文化展示馆")}, id="exhibition-hall"),
    pytest.param("屯留区今年1月在东城区开设屯留特色农产品展销中心。", "屯留特色农产品展销中心",
                 {("Facility", "org/山西省/长治市/屯留区/特色农产品展销中心", "屯留特色农产品展销中心")},
                 id="sales-hall"),
    pytest.param("屯留区投资促进中心负责人介绍。", "屯留区投资促进中心",
                 {("GovernmentAgency", "org/山西省/长治市/屯留区/投资促进中心", "屯留区投资促进中心")},
                 id="investment-promotion-centre"),
    # a bare 社区卫生服务中心 is that of the subdistrict, not of the community named last
    pytest.param("8月12日，屯留区麟绛街道社区卫生服务中心与康庄社区养老服务中心签订协议。"
                 "根据协议，社区卫生服务中心将为老人建立健康档案。", "社区卫生服务中心",
                 {("HealthCenter", f"org/{TL}/麟绛街道/社区卫生服务中心", "麟绛街道社区卫生服务中心")},
                 id="bare-community-health-centre"),
    # a clinical centre written right after its hospital is a unit of that hospital
    pytest.param("屯留区人民医院胸痛中心正式揭牌。", "屯留区人民医院胸痛中心",
                 {("Facility", f"org/{TL}/人民医院/胸痛中心", "屯留区人民医院胸痛中心")},
                 id="hospital-centre"),
    pytest.param("新县驻京招商服务站负责人介绍。", "新县驻京招商服务站",
                 {("GovernmentAgency", "org/河南省/信阳市/新县/驻京招商服务站", "新县驻京招商服务站")},
                 id="驻京招商服务站"),
    # 建设 ends a name as a verb (援建X) but is a company's trade before its legal form
    pytest.param("学校新教学楼由河北华鑫建设工程有限公司承建，工期8个月。", "河北华鑫建设工程有限公司",
                 {("Company", "org/河北省/华鑫建设工程有限公司", "河北华鑫建设工程有限公司")},
                 id="建设-trade-word-company"),
    pytest.param("施工单位长治市宏远建设集团有限公司组织工人加班。", "长治市宏远建设集团有限公司",
                 {("Company", f"org/{SX[6:]}/宏远建设集团有限公司", "长治市宏远建设集团有限公司")},
                 id="建设-group-company"),
    # an insurer's branch (支公司) written right after the insurer is a unit of it
    pytest.param("今年5月，泰康财产保险股份有限公司长治中心支公司为果农提供保险。",
                 "泰康财产保险股份有限公司长治中心支公司",
                 {("Company", "org/泰康财产保险股份有限公司/长治中心支公司",
                   "泰康财产保险股份有限公司长治中心支公司")}, id="insurer-branch"),
    # an academy of sciences is no college; its institute written after it is its unit
    pytest.param("山西省农业科学院果树研究所专家赴屯留区指导。", "山西省农业科学院果树研究所",
                 {("PublicInstitution", "org/山西省/农业科学院/果树研究所", "山西省农业科学院果树研究所")},
                 id="academy-institute"),
    pytest.param("山西省农业科学院果树研究所专家赴屯留区指导。", "山西省农业科学院",
                 {("PublicInstitution", "org/山西省/农业科学院", "山西省农业科学院")}, id="academy"),
    # a cultural centre has its staff and signs agreements, like a library
    pytest.param("屯留区文化馆与东城区文化馆签订协议。", "屯留区文化馆",
                 {("PublicInstitution", f"org/{TL}/文化馆", "屯留区文化馆")}, id="cultural-centre"),
    # long standard names of the merged culture bureaus (a 和 inside)
    pytest.param("屯留区文化体育广播电视和旅游局局长说。", "屯留区文化体育广播电视和旅游局",
                 {("GovernmentAgency", f"org/{TL}/文化体育广播电视和旅游局", "屯留区文化体育广播电视和旅游局")},
                 id="culture-sports-radio-tourism-bureau"),
    pytest.param("屯留区文化广电和旅游局组织演出。", "屯留区文化广电和旅游局",
                 {("GovernmentAgency", f"org/{TL}/文化广电和旅游局", "屯留区文化广电和旅游局")},
                 id="culture-radio-tourism-bureau"),
    pytest.param("干部分别在宁县发展和改革局、宁县农牧水利和科技局任职。", "宁县农牧水利和科技局",
                 {("GovernmentAgency", "org/甘肃省/庆阳市/宁县/农牧水利和科技局", "宁县农牧水利和科技局")},
                 id="farm-water-science-bureau"),
    pytest.param("他同时担任东城区第三批援藏工作组组长。", "东城区第三批援藏工作组",
                 {("GovernmentAgency", "org/北京市/东城区/第三批援藏工作组", "北京市东城区第三批援藏工作组")},
                 id="aid-work-team"),
    pytest.param("2024年4月12日，宁县驻深圳宝安劳务工作站在宝安区西乡街道挂牌。", "宁县驻深圳宝安劳务工作站",
                 {("GovernmentAgency", "org/甘肃省/庆阳市/宁县/驻深圳宝安劳务工作站", "宁县驻深圳宝安劳务工作站")},
                 id="labour-office-in-named-places"),
    pytest.param("宝安区慈善会向宁县捐赠助学金。", "宝安区慈善会",
                 {("NonProfit", "org/广东省/深圳市/宝安区/慈善会", "宝安区慈善会")}, id="charity-association"),
    pytest.param("街道联合长治市消防救援支队开展演练。", "长治市消防救援支队",
                 {("GovernmentAgency", "org/山西省/长治市/消防救援支队", "长治市消防救援支队")},
                 id="fire-rescue-detachment"),
    pytest.param("这些心愿大多由青松志愿服务队认领。", "青松志愿服务队",
                 {("NonProfit", "org/青松志愿服务队", "青松志愿服务队")}, id="named-volunteer-team"),
    # 共青团 + a place + 委 is that place's Youth League committee (its 团委), not its party committee
    pytest.param("他被共青团屯留区委评为青年致富带头人。", "共青团屯留区委",
                 {("PartyOrganization", f"org/{TL}/团委", "共青团屯留区委")}, id="youth-league-committee"),
    # body words of named facilities, farms, camps and produce
    pytest.param("长安师范学院凤翔实践教学基地同日揭牌。", "长安师范学院凤翔实践教学基地",
                 {("Facility", "org/长安师范学院/凤翔实践教学基地", "长安师范学院凤翔实践教学基地")},
                 id="college-teaching-base"),
    pytest.param("游客可到吾元村的农耕文化体验园参观。", "农耕文化体验园",
                 {("Facility", "org/农耕文化体验园", "农耕文化体验园")}, id="experience-park"),
    pytest.param("他回乡注册成立了屯留区明辉家庭农场。", "屯留区明辉家庭农场",
                 {("Company", f"org/{TL}/明辉家庭农场", "屯留区明辉家庭农场")}, id="family-farm"),
    pytest.param("县图书馆在该校建成一间“清河书房”。", "清河书房",
                 {("Facility", "facility/清河书房", "清河书房")}, id="quoted-study-room"),
    pytest.param("吾元村“幸福大院”已交付使用。", "幸福大院",
                 {("Facility", "facility/幸福大院", "幸福大院")}, id="quoted-courtyard"),
    pytest.param("一楼的“邻里议事厅”里，几位居民正在商量。", "邻里议事厅",
                 {("Facility", "facility/邻里议事厅", "邻里议事厅")}, id="quoted-meeting-room"),
    pytest.param("展销会在青岛西海岸新区海川国际会展中心举行。", "青岛西海岸新区海川国际会展中心",
                 {("Facility", "org/山东省/青岛市/西海岸新区海川国际会展中心", "青岛西海岸新区海川国际会展中心")},
                 id="convention-centre"),
    pytest.param("孩子们参观了扬州博物苑。", "扬州博物苑",
                 {("Facility", "org/江苏省/扬州市/博物苑", "扬州市博物苑")}, id="museum-park"),
    pytest.param("东林村的“青山”民宿集群正式营业。", "青山民宿集群",
                 {("Project", "project/青山", "青山民宿集群")}, id="guesthouse-cluster"),
    pytest.param("这是2024年“京晋少年科技研学夏令营”的第二天。", "京晋少年科技研学夏令营",
                 {("Event", "event/京晋少年科技研学夏令营", "京晋少年科技研学夏令营")}, id="summer-camp"),
    pytest.param("他向网友推荐“青岭”百香果。", "青岭百香果",
                 {("Product", "product/青岭", "青岭百香果")}, id="quoted-passion-fruit"),
    pytest.param("主播推荐“黄坡”脐橙。", "黄坡脐橙",
                 {("Product", "product/黄坡", "黄坡脐橙")}, id="quoted-navel-orange"),
    # kind-words of the schools, venues and centres of paired-cooperation pages
    pytest.param("长宁区华阳小学与勐海县勐遮镇中心完小签订结对协议。", "勐海县勐遮镇中心完小",
                 {("School", "org/云南省/西双版纳傣族自治州/勐海县/勐遮镇/中心完小", "勐海县勐遮镇中心完小")},
                 id="town-full-primary-school"),
    pytest.param("研学营的学生走进长治市科技馆参观。", "长治市科技馆",
                 {("Facility", "org/山西省/长治市/科技馆", "长治市科技馆")}, id="science-museum"),
    pytest.param("宁县招商服务中心主任王刚介绍了园区情况。", "宁县招商服务中心",
                 {("GovernmentAgency", "org/甘肃省/庆阳市/宁县/招商服务中心", "宁县招商服务中心")},
                 id="investment-service-centre"),
    pytest.param("东城区教师进修学院在宁县举办骨干教师培训。", "东城区教师进修学院",
                 {("PublicInstitution", "org/北京市/东城区/教师进修学院", "北京市东城区教师进修学院")}, id="teachers-training-college"),
    pytest.param("北京市东城区史家胡同小学宁县分校正式揭牌。", "北京市东城区史家胡同小学宁县分校",
                 {("School", "org/北京市/东城区/史家胡同小学/宁县分校", "北京市东城区史家胡同小学宁县分校")},
                 id="branch-school-of-a-school"),
    # quoted names of funds, alliances, classes, lecture series and products
    pytest.param("基金会为该校设立“春芽助学金”，每年资助20名学生。", "春芽助学金",
                 {("Project", "project/春芽助学金", "春芽助学金")}, id="quoted-student-aid-fund"),
    pytest.param("双方组建“京宁紧密型医联体”，开展远程会诊。", "京宁紧密型医联体",
                 {("CooperationProgram", "program/京宁紧密型医联体", "京宁紧密型医联体")},
                 id="quoted-medical-alliance"),
    pytest.param("县商务局举办“果乡主播”电商直播培训班。", "果乡主播电商直播培训班",
                 {("Event", "event/果乡主播", "果乡主播电商直播培训班")}, id="quoted-training-class"),
    pytest.param("进修学院举办“京宁名师大讲堂”专题培训。", "京宁名师大讲堂",
                 {("Event", "event/京宁名师大讲堂", "京宁名师大讲堂")}, id="quoted-lecture-series"),
    pytest.param("农商银行推出“富农贷”产品，对果农免抵押。", "富农贷产品",
                 {("Product", "product/富农贷", "富农贷")}, id="quoted-loan-product"),
    pytest.param("该行已向果农发放“富农贷”3000万元。", "富农贷",
                 {("Product", "product/富农贷", "富农贷")}, id="quoted-loan-alone"),
    pytest.param("公司推出的“山里红”NFC果汁已进入超市。", "山里红NFC果汁",
                 {("Product", "product/山里红", "山里红NFC果汁")}, id="quoted-juice-latin-kind"),
    pytest.param("该公司生产的“雪域牧场”牦牛肉干远销各地。", "雪域牧场牦牛肉干",
                 {("Product", "product/雪域牧场", "雪域牧场牦牛肉干")}, id="quoted-yak-jerky"),
    pytest.param("专家在县人民医院举办首期基层医生培训班。", "首期基层医生培训班",
                 {("Event", "event/基层医生培训班", "首期基层医生培训班")}, id="first-session-training-class"),
    # people: a clause opened by a name and a post verb, 来自X的 + name, 一 opening a given name
    pytest.param("与他同批进藏的还有5名干部。李明远挂职屯留区发展和改革局副局长。", "李明远",
                 {("Person", "person/李明远", "李明远")}, id="name-opens-clause-before-post-verb"),
    pytest.param("来自东城区教育委员会的周丽，如今是县教育局副局长。", "周丽",
                 {("Person", "person/周丽", "周丽")}, id="name-after-where-from"),
    pytest.param("屯留一中初二学生王一凡说，收获很大。", "王一凡",
                 {("Person", "person/王一凡", "王一凡")}, id="given-name-opened-by-yi"),
    # a Tibetan name joins two name words and has no surname; a surname and a given name
    # jieba knows (海涛) are a name though the surname and the given name's first character
    # make a place word (黄海)
    pytest.param("家住宁县的牧民才让东智说，今年收入翻了一番。", "才让东智",
                 {("Person", "person/才让东智", "才让东智")}, id="tibetan-name-after-role"),
    pytest.param("贵南县委副书记、县长扎西才让率团回访。", "扎西才让",
                 {("Person", "person/扎西才让", "扎西才让")}, id="tibetan-name-after-title"),
    # a Mongolian name too, though its first character is a Han surname (乌)
    pytest.param("正蓝旗委书记乌云图雅出席会议。", "乌云图雅",
                 {("Person", "person/乌云图雅", "乌云图雅")}, id="mongolian-name-after-title"),
    pytest.param("车间工人萨仁高娃笑着说。", "萨仁高娃",
                 {("Person", "person/萨仁高娃", "萨仁高娃")}, id="mongolian-name-after-role"),
    pytest.param("宁县农业农村局局长黄海涛表示，县里将安排资金。", "黄海涛",
                 {("Person", "person/黄海涛", "黄海涛")}, id="surname-and-place-word"),
    pytest.param("来自余吾镇的青年艾力·吐尔逊难掩兴奋。", "艾力·吐尔逊",
                 {("Person", "person/艾力·吐尔逊", "艾力·吐尔逊")}, id="young-man-transcribed-name"),
    pytest.param("吾元村的老党员阿不都·热合曼说：“他们是自家人。”", "阿不都·热合曼",
                 {("Person", "person/阿不都·热合曼", "阿不都·热合曼")}, id="party-member-transcribed-name"),
]


@pytest.mark.parametrize("text, name, expected", CASES)
def test_mention(text, name, expected):
    result = extract(text)
    assert identities(result, name) == expected, "mentions:\n" + describe(result)


def test_list_items_are_not_full_names():
    result = extract("屯留区委组织部、区委党校、发改局负责同志参加座谈。")
    flags = {m.surface: m.full_name for m in result.mentions if not m.nested}
    assert flags == {"屯留区委组织部": True, "区委党校": False, "发改局": False}


def test_place_inside_a_name_is_nested():
    result = extract("屯留区人民医院选派3名医生赴北京进修。")
    (inner,) = [m for m in named(result, "屯留区")]
    assert inner.nested and inner.cls == "District"


def test_province_heading_a_chain_is_a_place_of_the_text():
    # 山西省 heads a chain of places before the school: the text names the province
    result = extract("讲解员向来自山西省长治市屯留区余吾中学的学生们介绍。")
    (province,) = named(result, "山西省")
    assert (province.cls, province.nested) == ("Province", False)
    # 江西 of a brand is part of the company's name only
    (brand,) = named(extract("江西济民药业为当地捐资20万元。"), "江西")
    assert brand.nested


def test_an_aid_team_stands_where_it_is_sent():
    # 第三批援藏工作组 of 东城区 works in Tibet: it is in no place of its name
    (team,) = named(extract("他担任东城区第三批援藏工作组组长。"), "东城区第三批援藏工作组")
    assert (team.cls, team.parent) == ("GovernmentAgency", None)


def test_sub_unit_points_to_its_organisation():
    result = extract("清华大学材料学院与淮海工业集团签订合作协议。")
    (college,) = named(result, "清华大学材料学院")
    assert (college.cls, college.key, college.org) == \
        ("University", "org/清华大学/材料学院", "org/清华大学")


# Names whose key the owner has yet to choose: only the class and what the name is part of.
# (text, name as written, class, parent place key or None, organisation key or None)
SHAPES = [
    pytest.param("东城区教委与屯留区教育局签订教育帮扶协议。", "东城区教委", "GovernmentAgency",
                 "place/北京市/东城区", None, id="教委"),
    pytest.param("长治医学院附属和平医院选派医生赴北京进修。", "长治医学院附属和平医院", "Hospital",
                 None, "org/山西省/长治市/医学院", id="affiliated-hospital"),
    pytest.param("长治医学院附属和平医院选派医生赴北京进修。", "长治医学院", "University",
                 "place/山西省/长治市", None, id="affiliated-parent"),
    # 朝阳 is 朝阳区's short form written after 北京: the hospital stands in the district
    pytest.param("屯留区医生到北京朝阳医院进修。", "北京朝阳医院", "Hospital", "place/北京市/朝阳区", None,
                 id="place-named-hospital"),
    # a college's (or a school's) unit named by the place it stands in: a part of the body,
    # located where its name says
    pytest.param("沂南县与江海师范学院合作。江海师范学院沂南实践教学基地揭牌。", "江海师范学院沂南实践教学基地",
                 "Facility", "place/山东省/临沂市/沂南县", "org/江海师范学院", id="college-base-in-a-place"),
    pytest.param("东城区史家胡同小学宁县分校揭牌。", "东城区史家胡同小学宁县分校", "School",
                 "place/甘肃省/庆阳市/宁县", "org/北京市/东城区/史家胡同小学", id="branch-school-in-a-place"),
]


@pytest.mark.parametrize("text, name, cls, parent, org", SHAPES)
def test_mention_shape(text, name, cls, parent, org):
    result = extract(text)
    found = {(m.cls, m.parent if parent else None, m.org) for m in named(result, name)}
    assert found == {(cls, parent, org)}, "mentions:\n" + describe(result)


@pytest.mark.parametrize("text, not_a_name", [
    ("屯留区实验小学与余吾镇中心小学正式结为“手拉手”姊妹学校。", "姊妹学校"),
    ("这是她第三次带学生来江海。", "来江海"),
    ("城区学校每学期都派老师来上示范课。", "来上示"),
    ("他在自家书房读书，机关大院里很安静。", "机关大院"),
    ("他在自家书房读书，机关大院里很安静。", "自家书房"),
    ("9月2日本市召开推进会。", "日本"),          # the 日 of a date starts no place name
    ("农村学校教师赴东城区跟岗学习。", "农村学校"),  # a generic modifier is no proper name
    ("好未来教育集团向兴和县第一小学捐赠图书。", "教育集团"),  # a name less its first words
    ("改造资金由企业捐助，其中山西潞安化工集团捐资30万元。", "中山"),  # 中 ends 其中
    ("屯留区干部走访东城区各街道。", "各街道"),  # a determiner names no subdistrict
    ("爱心企业向学校捐赠物资。", "爱心企业"),  # a common noun heads the donor
    ("村民们为学校捐款。", "村民们"),
    ("第一书记为村民捐赠化肥。", "第一书记"),  # a title, not a brand
    ("引导农户加入农民专业合作社。", "农民专业合作社"),  # no cooperative without its place
    ("打造旅游景区。", "旅游景区"),
    ("居民们在文化广场跳广场舞。", "文化广场"),
    ("余吾镇投资300万元建设的吾元村文化广场已投入使用。", "村文化广场"),  # rest of a place
    ("北京市西城区广安门医院专家团队来到察右前旗。", "广安"),  # 广安门 is a gate, not 广安市
    ("山西银行长治分行为驿站捐赠了桌椅。", "山西银行长治分行为驿站"),  # 为 starts no sub-unit
    ("活动吸引了社区居民和游客参与。", "和游客"),  # a role after a surname-like 和 is no name
    ("机关干部和群众一道植树。", "和群众"),
    ("潞州区老顶山镇老旧小区改造项目开工。", "老旧小区"),  # a kind of compound, not one
    ("屯留区麟绛街道安置小区新增停车位。", "安置小区"),
    ("村里的农家书屋藏书2000册。", "农家书屋"),  # a kind of reading room, not one
    ("商务委员会组织企业参展。", "商务委员会"),  # a functional body without its place is none
    ("重庆渝和农业发展有限公司与屯留区商务局签署购销协议。", "农业发展有限公司"),  # a legal form
    ("屯留区商务局与农业科技有限公司签约。", "农业科技有限公司"),  # industry words are no name
    ("屯留区长沙路小学与东城区史家小学结对。", "长沙"),  # a street, not 长沙市
    ("屯留区长沙路社区居民参加活动。", "长沙"),
    ("长治香醋、平顺花椒、红薯粉等30余款产品集中亮相。", "红薯粉"),  # produce, not a product
    ("红薯粉、荞麦挂面等50余款产品集中亮相。", "荞麦挂面"),
    ("村里的红茶卖得好。", "红茶"),  # a tea kind alone is no product
    ("每个村都建有农家书屋。", "农家书屋"),  # a national programme's name, no place's room
    ("屯留区余吾镇老旧小区改造项目总投资500万元。", "老旧小区"),  # no compound named 老旧
    ("山塆里住着几户人家。", "山塆"),  # no village without its township before it
    ("景区今年还将新建游客服务中心一处。", "新建游客服务中心"),  # 新建 is a verb, not 新建区
    ("景区今年还将新建游客服务中心一处。", "游客服务中心"),  # and a centre of no place is generic
    ("屯留区县委书记出席。", "屯留区县委"),  # a district's name with 县委 is no committee of it
    ("带动800余户果农增收。", "果农增"),  # an occupation word before a verb is no name
    ("党员干部群众积极参与，农户养殖湖羊。", "户养"),
    ("支教老师来校交流教学经验。", "来校"),  # 来 + a place word is a verb, no surname
    ("挂职干部由县里统一选派。", "由县"),
    ("今年全县实施帮扶项目14个。", "实施帮扶项目"),  # a count of projects names none
    ("推介会现场共签约项目12个。", "会现场共签约项目"),
    ("代表团详细询问协作项目推进情况。", "详细询问协作项目"),  # an adverb and generic words
    ("2023年全县文化节共吸引游客10万人次。", "2023年全县文化节"),  # the county's festivals
    ("2025年举办交易会3场。", "2025年举办交易会"),  # a clause, not a name
    ("今年68岁的社区居民王秀英说。", "岁的社区"),  # an age and 的 name no community
    ("该公司是北京京东方科技集团股份有限公司的全资子公司。", "全资子公司"),  # no name of its own
    ("屯留区人民医院是一所综合性医院。", "综合性医院"),  # a kind of hospital
    ("游客参观古城遗址。", "古城遗址"),  # a kind of site
    ("全县“三大中心”全部建成。", "三大中心"),  # a count of kinds
    ("村图书馆建成了。", "村图书馆"),  # a level word alone is no place
    ("展销会上有小米、红枣等产品。", "展销会上有小米"),  # a clause before a list's first item
    # a short form read into a longer word: 合作社 holds the 合作 of 合作市 (in 甘南州)
    ("甘南州舟曲县的花椒好，哪个合作社的烘干设备不够用，他都清楚。", "合作"),
    # two characters that are one place's name are no pair of initials (舟 of 舟曲县, 曲 of 曲告纳镇)
    ("甘南州舟曲县曲告纳镇。西青舟曲协作五年结出累累硕果。", "舟曲协作"),
    ("余吾镇是遗址所在地，新馆距离遗址仅两公里。", "新馆距离遗址"),  # 距离 ends a name
    ("东城区史家小学与屯留区树人小学结为“姊妹”学校。", "“姊妹”学校"),  # a kind of pair
    ("内蒙古长风新材料有限公司年产2万吨锂电池负极材料项目竣工。", "万吨锂电池负极材料项目"),
    ("公司的李主任说，产品供不应求。", "李主任"),  # a title after 的 is no speaker's name
    ("老师傅们说，手艺要传下去。", "傅们"),  # 老师傅 is a role, not 老师 + a surname
    ("新增家庭农场、农民合作社等新型经营主体。", "农民合作社"),  # a kind of cooperative
    ("这是当地第一座公共博物馆。", "公共博物馆"),  # a kind of museum
    ("完成全县80余处红色遗址的保护。", "红色遗址"),  # a kind of site
    ("组织剪纸等非遗项目走进社区。", "非遗项目"),  # heritage items, no project
    ("他负责援疆项目的推进。", "负责援疆项目"),  # a verb and a kind of project
    ("今年全县援疆项目12个。", "全县援疆项目"),
    ("全镇建成县级示范合作社3家。", "成县"),  # 建成 + 县级: no one-character county (成县)
    ("去年完成县乡道路改造40公里。", "成县"),
    ("公司与屯留区余吾镇八个村的合作社签订收购协议。", "八个村"),  # a count of villages
    ("在吾元村，另一个养殖项目也已投产。", "另一个养殖项目"),  # a project referred to
    ("该院是一家三级甲等医院。", "三级甲等医院"),  # a hospital grade names no hospital
    ("力争让每个村的群众都能就近看病。", "都能"),  # 都 before a modal verb is no surname
    ("以后村民们都会用手机卖货了。", "都会"),
    ("对口帮扶的医院是一所二级综合医院。", "二级综合医院"),
    ("长治骨科医院是一家三级专科医院。", "三级专科医院"),
    ("在吾元村，另一个养殖项目也已投产。", "养殖项目"),
    ("考察组一行现场查看协作项目进度。", "现场查看协作项目"),  # a verb and generic words
    ("考察组一行现场查看协作项目进度。", "查看协作项目"),
    ("公司与屯留区余吾镇八个村的合作社签订收购协议。", "余吾镇八个村"),
    ("这是落地宁县的第一所沪上名校分校。", "名校分校"),
    ("支教教师顾晓琳挂任格桑民族中学副校长。", "任格桑民族中学"),  # 挂任 takes the post
    ("专家团队开展新技术新项目23项。", "新技术新项目"),  # a count of projects names none
    ("120名果农和返乡青年参加培训。", "和返乡"),  # 和 before a verb is the conjunction
    ("医生为65岁以上老人和慢性病患者开展随访。", "和慢性"),  # … and before a distinguishing word
    ("县里选派20名干部和专业技术人员到长治跟岗。", "和专业"),  # … and before a common noun
    ("课程由学校老师和企业导师共同讲授。", "和企业"),
    ("看望挂职干部和支教老师。", "和支教"),
    ("屯留区选派干部到东城区各委办局跟岗锻炼。", "东城区各委办局"),  # 各: bodies of a kind, no name
    ("屯留区是“中国小米之乡”，谷子种植面积大。", "中国"),  # the country opens an honorary title
    ("医院在宁县人民医院设立心内科、儿科两个远程会诊中心。", "儿科两个远程会诊中心"),  # counted
    # 和 after a person joins no list of bodies: no 东城区工作组 made from the place before
    ("他担任东城区第三批援藏工作组组长。两年来，他和工作组的同事们走遍了全县。", "工作组"),  # the kind of school a branch comes from
])
def test_no_mention_for(text, not_a_name):
    assert not_a_name not in {m.surface for m in extract(text).mentions}


def test_only_full_place_names_stand_before_committee():
    (committee,) = [m for m in extract("东城区委书记出席会议。").mentions if m.cls == "PartyOrganization"]
    names = {committee.label, *committee.variants}
    assert "东城委" not in names and {"北京市东城区委", "东城区委"} <= names
    (college,) = [m for m in extract("教师赴长治学院进修。").mentions if m.cls == "University"]
    assert college.label == "长治学院" and "长治市学院" not in college.variants


def test_page_context_scan_is_taken_once_and_matches_a_fresh_scan():
    from kg.mentions import find_mentions, page_context
    from kg.model import Article

    texts = ["屯留区上村镇小南村举行活动，长治市屯留区人民医院派出医生。",
             "《屯留区志》记载，上村镇小南村和岗上村相邻。",
             "屯留区上村镇小南村举行活动，长治市屯留区人民医院派出医生。"]
    ctx = page_context(texts)
    assert set(ctx.scans) == set(texts)
    for i, text in enumerate(texts):
        art = Article(id=f"t-{i}", source="t", text=text, year=2024)
        fresh = page_context(texts)
        fresh.scans.clear()  # every article scanned again
        assert find_mentions(art, ctx) == find_mentions(art, fresh)
    assert not ctx.scans


def test_abbreviation_of_a_project_named_two_ways_is_that_project():
    """The short name abbreviates both longer names, which are one project already."""
    result = extract("代表团考察了红河县迤萨镇“红河谷”乡村振兴示范园项目。其中，“红河谷”乡村振兴示范园项目"
                     "总投资2600万元。红河谷示范园项目建成后，可带动800余户农户增收。")
    assert {m.key for m in result.mentions if m.cls == "Project"} == \
        {"project/红河县迤萨镇红河谷乡村振兴示范园项目"}, describe(result)


def test_project_named_by_its_company_is_the_project_written_after_that_company():
    """A headline names the project by the company's short name; the body writes the company
    and then the project's full name: one project."""
    result = extract("恒达新能源项目开工\n\n近日，内蒙古恒达新能源有限公司年产10万吨储能材料项目开工建设。")
    assert {m.key for m in result.mentions if m.cls == "Project"} == \
        {"project/年产10万吨储能材料项目"}, describe(result)


def test_project_name_crosses_a_place_holding_a_boundary_character():
    """和 in 兴和县 is no boundary; the centre the project builds is no entity of its own."""
    result = extract("朝阳区安排协作资金3200万元，支持兴和县冷链物流中心项目等12个项目。")
    assert identities(result, "兴和县冷链物流中心项目") == \
        {("Project", "project/兴和县冷链物流中心项目", "兴和县冷链物流中心项目")}, describe(result)
    assert not [m for m in result.mentions if m.cls in ("PublicInstitution", "Facility")], \
        describe(result)


def test_body_of_a_compound_is_that_of_its_namesake_community():
    """康庄小区 and 康庄社区 share one party branch in an article that writes both."""
    result = extract("潞州区英雄北路康庄小区有居民800户。近日，康庄社区党支部组织志愿者开展活动，"
                     "小区党支部书记王红介绍了情况。")
    assert {m.key for m in result.mentions if m.cls == "PartyOrganization"} == \
        {"org/康庄社区/党支部"}, describe(result)


def test_a_company_named_again_by_its_brand_is_that_company():
    result = extract("山西恒昌农业发展有限公司在余吾镇建设蔬菜基地。恒昌农业为余吾镇中心学校捐赠图书500册。")
    short = [m for m in result.mentions if m.surface == "恒昌农业"]
    assert [(m.cls, m.label) for m in short] == [("Company", "山西恒昌农业发展有限公司")]


@pytest.mark.parametrize("text, not_a_name", [
    ("山西农业发展有限公司在屯留区投资。农业发展是重点。", "农业发展"),  # a common word as the brand
    ("长治恒昌农业发展有限公司带动农户。恒昌农业合作社也加入进来。", "恒昌农业"),  # another body's name
    ("长治市乡村振兴农业科技有限公司与东城区签约。助力屯留区乡村振兴。", "乡村振兴"),  # common words
    ("上海恒昌农业发展有限公司与新县签约。恒昌农业产业园在新县挂牌成立。", "恒昌农业"),  # a park's name
])
def test_no_short_name_for(text, not_a_name):
    assert not_a_name not in {m.surface for m in extract(text).mentions if m.cls == "Company"
                              and m.surface != m.label}


def test_gai_yuan_refers_to_the_one_hospital_of_its_paragraph():
    result = extract("东城区第一人民医院多次派出专家到屯留区。该院还为屯留区人民医院援建了远程会诊中心。")
    (anaphor,) = [m for m in result.mentions if m.surface == "该院"]
    assert (anaphor.label, anaphor.cls, anaphor.full_name) == ("北京市东城区第一人民医院", "Hospital", False)


@pytest.mark.parametrize("text", [
    "屯留区树人小学与东城区史家小学结对。该校还组织教师赴北京学习。",  # two schools: which one?
    "该院还为屯留区人民医院援建了远程会诊中心。",  # no hospital before it
    # two paragraphs back (the one before is searched when its own names none)
    "东城区第一人民医院派出专家。\n屯留区开展义诊活动。\n该院还为屯留区人民医院援建了远程会诊中心。",
    "北京市农林科学院与新县共建院士工作站。该院士团队为新县培训农技人员200名。",  # 该 + 院士
])
def test_no_antecedent_for(text):
    assert not [m for m in extract(text).mentions if m.surface in ("该院", "该校")]


@pytest.mark.parametrize("text, name", [
    ("东城区派出干部张强任屯留区副区长。", "张强"),  # 任 takes the post: no 张强任
    ("选派干部李明挂职屯留区副区长。", "李明"),  # 挂职 likewise: no 李明挂
    ("种植户李明种了十亩猕猴桃。", "李明"),  # 种 before 了 is a verb: no 李明种
    ("主任王建国过问此事。", "王建国"),  # but 过问 is a word: 国 stays in the name
])
def test_a_verb_of_taking_a_post_ends_the_name(text, name):
    assert [m.surface for m in extract(text).mentions if m.cls == "Person"] == [name]
