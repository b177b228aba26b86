"""kg.relations through kg.pipeline.extract_article: for each pattern family short made-up
sentences of the genre and the exact set of triples (subject label, predicate, object label or
literal) of the predicates the family produces. Symmetric predicates are compared with their
ends sorted (see helpers.sym)."""
from __future__ import annotations

import pytest

from .helpers import assert_triples, extract, qualified, sym, triples

TRAVEL = ("visited", "trainedAt")
PARTNERS = ("partnerOf", "signedAgreementWith")
PEOPLE = ("worksFor", "jobTitle")
EVENTS = ("organizerOf", "participatedIn")
FIGURES = ("totalInvestment", "cooperationFunding")
DATES = ("startDate", "endDate", "foundingDate")

DC = "北京市东城区"


def _xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


def case(id_, text, predicates, expected, xfail=None, about=None):
    marks = [_xfail(xfail)] if xfail else []
    return pytest.param(text, predicates, expected, about, id=id_, marks=marks)


CASES = [
    # ---- travel: 赴/前往/到/来到/走进/走访 + place or body -> visited; with a training word trainedAt
    case("赴-place", "屯留区党政代表团赴东城区考察。", TRAVEL,
         {("屯留区", "visited", DC)}),
    case("前往-list", "屯留区教育局组织校长前往东城区史家小学、和平里第一小学参观。", TRAVEL,
         {("屯留区教育局", "visited", "东城区史家小学"),
          ("屯留区教育局", "visited", "北京市东城区和平里第一小学")}),
    case("到-body", "东城区卫健委一行到屯留区人民医院调研。", TRAVEL,
         {("北京市东城区卫生健康委员会", "visited", "屯留区人民医院")}),
    case("residents-no-visit", "今年上半年,长治市民组团到东城区旅游的人数达到1.6万人次。", TRAVEL, set()),
    case("residents-的-no-visit", "活动期间,屯留区的师生还走进东城区史家小学,一起上了一堂科学实验课。",
         TRAVEL, set()),
    case("companies-of-place-no-visit", "下一步,将推动更多浙江企业到屯留区投资兴业。", TRAVEL, set()),
    case("后者-no-visit", "康复中心由屯留区人民医院与东城区中医医院合作共建,后者将定期派出医生到屯留区坐诊。",
         TRAVEL, set()),
    case("接收-trainees-unnamed", "屯留区人民医院与东城区中医医院签订协议。该院将每年派驻2名医生常驻屯留区,"
         "并接收当地乡镇医护人员到北京进修。", TRAVEL, set()),
    case("接收-trainees-named", "东城区中医医院将接收屯留区人民医院医护人员到北京进修。",
         TRAVEL, {("屯留区人民医院", "trainedAt", "北京市")}),
    case("在-开门营业-sited", "今年3月,屯留区农特产品展销中心在东城区开门营业,30多种屯留特产摆上了货架。",
         ("locatedIn", "foundingDate"), {("屯留区农特产品展销中心", "locatedIn", DC),
                                         ("屯留区农特产品展销中心", "foundingDate", "2024-03"),
                                         ("北京市东城区", "locatedIn", "北京市"), ("屯留区", "locatedIn", "长治市")}),
    # the place a partner stands in (与位于北京市的X) is no partner
    case("位于-place-的-partner", "该中心由屯留区人民医院与位于北京市的东城区中医医院合作共建,专家每周坐诊。",
         ("partnerOf",), {sym("东城区中医医院", "partnerOf", "屯留区人民医院")}),
    case("由-合作建设-no-partners", "该项目由屯留区余吾镇人民政府与长治市绿源文化旅游有限公司合作建设,"
         "总投资3000万元。", ("partnerOf",), set()),
    # the place after 从 is where the travellers come from: it visits nothing
    case("从-origin-no-visit", "当天,湘雅医院副院长李明远带领专家团队从长沙市来到安乡县,为群众义诊。", TRAVEL,
         {("湘雅医院", "visited", "安乡县"), ("李明远", "visited", "安乡县")}),
    # a training word of a later journey (B选派医护人员到A进修) does not make A's a training
    case("training-of-the-next-journey", "今年以来,常德市第一人民医院先后派出21名医疗专家到安乡县人民医院开展帮扶,"
         "安乡县人民医院也选派15名医护人员到常德市第一人民医院进修学习。", TRAVEL,
         {("常德市第一人民医院", "visited", "安乡县人民医院"),
          ("安乡县人民医院", "trainedAt", "常德市第一人民医院")}),
    case("转移到-no-visit", "长沙市湘江电子科技有限公司董事长刘伟说,企业下一步还将把注塑、包装等配套工序"
         "一并转移到安乡县。", TRAVEL, set()),
    case("来到", "东城区代表团来到屯留区考察。", TRAVEL, {(DC, "visited", "屯留区")}),
    # a later clause shares the subject of the first: the official, not the district of the post
    case("shared-subject-official", "东城区副区长孙立明带队到屯留区调研，并参观太行革命博物馆。", TRAVEL,
         {("孙立明", "visited", "屯留区"), ("孙立明", "visited", "太行革命博物馆")}),
    case("走进-village", "东城区卫生健康委员会组织医疗队走进屯留区上村镇小南村开展义诊。", TRAVEL,
         {("北京市东城区卫生健康委员会", "visited", "小南村")}),
    case("走访-town", "东城区政协调研组一行走访屯留区余吾镇。", TRAVEL,
         {("北京市东城区政协", "visited", "余吾镇")}),
    case("list-of-visitors", "屯留区委组织部、区委党校、发改局负责同志赴东城区考察。", TRAVEL,
         {("屯留区委组织部", "visited", DC), ("屯留区委党校", "visited", DC),
          ("屯留区发展和改革局", "visited", DC)}),
    case("leader-and-committee", "东城区委书记孙新军带队到屯留区考察。", TRAVEL,
         {("北京市东城区委", "visited", "屯留区"), ("孙新军", "visited", "屯留区")}),
    case("进修", "屯留区人民医院选派3名医生赴北京进修。", TRAVEL,
         {("屯留区人民医院", "trainedAt", "北京市")}),
    case("跟岗学习", "屯留区余吾镇卫生院选派2名医生到东城区社区卫生服务中心跟岗学习。", TRAVEL,
         {("余吾镇卫生院", "trainedAt", "北京市东城区社区卫生服务中心")}),
    case("培训", "长治市潞州区教育局组织教师赴北京培训。", TRAVEL,
         {("潞州区教育局", "trainedAt", "北京市")}),
    # those met there who train there (慰问在X挂职的干部) make no training of the visit
    case("慰问-挂职的-no-training", "东城区党政代表团一行来到屯留区余吾镇小南村,看望慰问在屯留挂职的干部。",
         TRAVEL, {("北京市东城区", "visited", "小南村")}),
    # a project's site in a list of places visited is passed over, the list goes on after it
    case("project-site-in-list", "东城区党政代表团一行来到屯留区余吾镇光伏扶贫项目施工现场和屯留区第一中学。",
         TRAVEL, {("北京市东城区", "visited", "屯留区第一中学")}),
    case("来到-担任-驻村-post-no-visit", "东城区卫健委干部李明来到屯留区上村镇小南村,担任驻村第一书记。",
         TRAVEL, set()),
    # people placed somewhere for work, teaching or an internship visit nothing there
    case("就业-no-visit", "屯留区组织40名务工人员赴京，到北京东方物业管理有限公司等企业就业。", TRAVEL, set()),
    case("支教-no-visit", "东城区史家小学每年派出骨干教师到屯留区支教。", TRAVEL, set()),
    case("实习-no-visit", "长治学院每年选派师范生到屯留区中小学开展教育实习。", TRAVEL, set()),
    case("任-post-no-visit", "东城区卫健委干部李强被选派到屯留区上村镇小南村任驻村第一书记。", TRAVEL, set()),
    case("带到-no-travel", "东城区的好经验被带到屯留区。", TRAVEL, set()),
    case("挂职-anaphor-post", "医疗队长王芳是心内科主任医师，到屯留区后挂职该院副院长。", TRAVEL, set()),
    # a place whose people go to its own schools visits nothing
    case("place-to-own-parts", "支教教师抵达屯留区，将分赴屯留区第一中学、屯留区第二小学开展教学。", TRAVEL, set()),
    # a place that only begins a name the text does not know is no destination: the list goes on
    case("unknown-name-in-list", "东城区代表团先后到上村镇蔬菜冷链仓储园、屯留区人民医院和屯留区第一中学调研。", TRAVEL,
         {(DC, "visited", "屯留区人民医院"), (DC, "visited", "屯留区第一中学")}),
    case("挂职-banner", "内蒙古自治区锡林郭勒盟正蓝旗干部赴东城区交道口街道挂职。", TRAVEL,
         {("正蓝旗", "trainedAt", "交道口街道")}),
    case("gacha-secretary", "阿拉善左旗巴润别立镇乌兰布和嘎查党支部书记张宝山赴东城区学习。",
         TRAVEL + PEOPLE,
         {("乌兰布和嘎查党支部", "trainedAt", DC), ("张宝山", "trainedAt", DC),
          ("张宝山", "worksFor", "乌兰布和嘎查党支部"), ("张宝山", "jobTitle", "书记")}),
    case("进修-at-place-named-hospital", "屯留区人民医院医护人员到北京朝阳医院进修学习。", TRAVEL,
         {("屯留区人民医院", "trainedAt", "北京朝阳医院")}),
    # ---- partners: A与B … 合作/结对/协作/携手 -> partnerOf
    case("结对帮扶", "东城区与屯留区结对帮扶以来，两地交流频繁。", PARTNERS,
         {sym(DC, "partnerOf", "屯留区")}),
    case("建立对口合作关系", "东城区与屯留区建立对口合作关系。", PARTNERS,
         {sym(DC, "partnerOf", "屯留区")}),
    case("对口协作", "屯留区与东城区对口协作成效显著。", PARTNERS,
         {sym(DC, "partnerOf", "屯留区")}),
    case("携手-chains", "北京市东城区携手长治市屯留区打造产业园。", PARTNERS,
         {sym(DC, "partnerOf", "屯留区")}),
    case("携手-banner", "正蓝旗与东城区携手共建产业园。", PARTNERS,
         {sym(DC, "partnerOf", "正蓝旗")}),
    case("schools-结对", "东城区和平里第一小学与屯留区树人小学结对帮扶。", PARTNERS,
         {sym("东城区和平里第一小学", "partnerOf", "屯留区树人小学")}),
    case("结为对口帮扶学校", "东城区史家小学与屯留区树人小学结为对口帮扶学校。", PARTNERS,
         {sym("东城区史家小学", "partnerOf", "屯留区树人小学")}),
    case("subdistricts-结对共建", "东城区交道口街道与屯留区麟绛街道结对共建。", PARTNERS,
         {sym("交道口街道", "partnerOf", "麟绛街道")}),
    case("共同开设", "屯留区树人小学与东城区史家小学共同开设“双师课堂”。",
         PARTNERS + ("establishedBy",),
         {sym("屯留区树人小学", "partnerOf", "东城区史家小学"),
          ("双师课堂", "establishedBy", "屯留区树人小学"),
          ("双师课堂", "establishedBy", "东城区史家小学")}),
    # ---- agreements: A与B签署/签订/签约 … 协议 -> signedAgreementWith
    case("签署", "屯留区中医院与东城区中医医院签署合作协议。", PARTNERS,
         {sym("屯留区中医院", "signedAgreementWith", "东城区中医医院")}),
    case("签订", "东城区教育局与屯留区教育局签订教育帮扶协议。", PARTNERS,
         {sym("北京市东城区教育局", "signedAgreementWith", "屯留区教育局")}),
    case("签约-short-forms", "屯留区文化和旅游局与东城区文旅局签约。", PARTNERS,
         {sym("屯留区文化和旅游局", "signedAgreementWith", "北京市东城区文化和旅游局")}),
    case("company", "屯留区农业农村局与新发地农产品有限公司签订购销协议。", PARTNERS,
         {sym("屯留区农业农村局", "signedAgreementWith", "新发地农产品有限公司")}),
    case("两地党校", "屯留区与东城区两地党校签署合作协议。", PARTNERS,
         {sym("屯留区委党校", "signedAgreementWith", "北京市东城区委党校"),
          sym("屯留区", "partnerOf", DC)}),
    case("places-签订", "屯留区与东城区签订对口合作协议。", PARTNERS,
         {sym("屯留区", "partnerOf", DC), sym("屯留区", "signedAgreementWith", DC)}),
    # ---- donations: A为/向B捐赠/捐资/捐款/捐助 -> donatedTo
    case("为-捐赠", "东城区红十字会为屯留区中医院捐赠价值20万元的医疗设备。", ("donatedTo",),
         {("北京市东城区红十字会", "donatedTo", "屯留区中医院")}),
    case("向-捐赠", "中国妇女发展基金会向屯留区捐赠母亲邮包。", ("donatedTo",),
         {("中国妇女发展基金会", "donatedTo", "屯留区")}),
    # after a semicolon, 向B捐赠 with no donor written: the donor of the clause before gives again
    case("；-向-second-gift", "9月,安乡县慈善总会向安乡县红旗镇中心卫生院捐赠救护车1辆,价值36万元;"
         "向安乡县人民医院捐赠护理设备,价值12万元。", ("donatedTo",),
         {("安乡县慈善总会", "donatedTo", "红旗镇中心卫生院"), ("安乡县慈善总会", "donatedTo", "安乡县人民医院")}),
    case("捐资", "宋庆龄基金会为屯留区树人小学捐资10万元。", ("donatedTo",),
         {("宋庆龄基金会", "donatedTo", "屯留区树人小学")}),
    case("捐款", "东城区慈善协会向屯留区树人小学捐款3万元。", ("donatedTo",),
         {("东城区慈善协会", "donatedTo", "屯留区树人小学")}),
    case("捐助-town", "东城区慈善协会为屯留区余吾镇捐助5万元。", ("donatedTo",),
         {("东城区慈善协会", "donatedTo", "余吾镇")}),
    case("district-donor", "东城区为屯留区捐赠帮扶资金200万元。", ("donatedTo",),
         {(DC, "donatedTo", "屯留区")}),
    # ---- establishment: 援建/打造/开设 X -> establishedBy
    # a bare 项目 opening a sentence is the paragraph's project; another paragraph's is not meant
    case("项目由-paragraph-project", "3月10日,屯留区康庄工业园区三期项目开工建设。"
         "项目由长治市城市建设投资有限公司投资建设,总投资2亿元。", ("establishedBy",),
         {("屯留区康庄工业园区三期项目", "establishedBy", "长治市城市建设投资有限公司")}),
    case("项目由-other-paragraph", "屯留区康庄工业园区三期项目开工建设。\n"
         "项目由长治市城市建设投资有限公司投资建设,总投资2亿元。", ("establishedBy",), set()),
    # money put in, then 实施 a named project: the project is the funder's, the sum its funding
    case("投入资金-实施-project", "今年,东城区投入对口合作资金500万元,实施屯留区余吾镇光伏扶贫项目,惠及农户300户。",
         ("establishedBy",) + FIGURES,
         {("屯留区余吾镇光伏扶贫项目", "establishedBy", "北京市东城区"),
          ("屯留区余吾镇光伏扶贫项目", "cooperationFunding", "5000000")}),
    case("实施-alone-no-builder", "今年,东城区实施屯留区余吾镇光伏扶贫项目,惠及农户300户。",
         ("establishedBy",), set()),
    case("援建了", "东城区援建了屯留区余吾镇卫生院。", ("establishedBy",),
         {("余吾镇卫生院", "establishedBy", DC)}),
    case("援建的", "东城区援建的屯留区余吾镇卫生院正式投用。", ("establishedBy",),
         {("余吾镇卫生院", "establishedBy", DC)}),
    case("援建-unquoted", "中国红十字会在屯留区援建了博爱卫生站。", ("establishedBy",),
         {("博爱卫生站", "establishedBy", "中国红十字会")}),
    case("打造", "东城区在屯留区打造了“京屯”共享驿站。", ("establishedBy",),
         {("京屯共享驿站", "establishedBy", DC)}),
    case("开设", "屯留区树人小学开设了“双师课堂”。", ("establishedBy",),
         {("双师课堂", "establishedBy", "屯留区树人小学")}),
    case("打造-在-place", "东城区在屯留区打造了“京屯”共享驿站。", ("establishedBy", "locatedIn"),
         {("京屯共享驿站", "establishedBy", DC), ("京屯共享驿站", "locatedIn", "屯留区")},
         about="京屯共享驿站"),
    case("援建-quoted", "中国红十字会在屯留区援建了“博爱”卫生站。", ("establishedBy",),
         {("博爱卫生站", "establishedBy", "中国红十字会")}),
    # ---- events: 开展/举办 EVENT -> organizerOf (+ locatedIn from 在X); 参加 -> participatedIn
    case("开展-在", "东城区在屯留区开展“名医进乡村”活动。", EVENTS + ("locatedIn",),
         {(DC, "organizerOf", "名医进乡村活动"), ("名医进乡村活动", "locatedIn", "屯留区")},
         about="名医进乡村活动"),
    # the speaker's body names no actor of what is said (两地将联合举办…)
    case("speaker-body-not-organizer", "东城区教育委员会副主任王刚介绍，今年暑期，两地将联合举办“京屯少年”研学活动。", EVENTS, set()),
    case("举办", "屯留区树人小学举办“书香校园”读书节。", EVENTS,
         {("屯留区树人小学", "organizerOf", "书香校园读书节")}),
    case("组织-赴-开展", "东城区团委组织青年赴屯留区开展“青春助力乡村振兴”主题实践活动。",
         EVENTS + TRAVEL,
         {("北京市东城区团委", "visited", "屯留区"),
          ("北京市东城区团委", "organizerOf", "青春助力乡村振兴主题实践活动")}),
    case("由-共同主办", "“京屯同心”文化节由屯留区文化和旅游局与东城区文化和旅游局共同主办。",
         EVENTS,
         {("屯留区文化和旅游局", "organizerOf", "京屯同心文化节"),
          ("北京市东城区文化和旅游局", "organizerOf", "京屯同心文化节")}),
    case("由-主办的-event", "由屯留区总工会主办的第二届职工运动会开幕。", EVENTS,
         {("屯留区总工会", "organizerOf", "第二届职工运动会")}),
    case("本届-节-由-主办", "第三届屯留区红枣采摘节在余吾镇开幕。本届采摘节由屯留区人民政府主办,"
         "余吾镇人民政府承办。", ("organizerOf",),
         {("屯留区人民政府", "organizerOf", "第三届屯留区红枣采摘节"),
          ("余吾镇人民政府", "organizerOf", "第三届屯留区红枣采摘节")}),
    case("bare-head-由-联合主办", "“晋货进京”特色农产品展销会在东城区举行。展销会由东城区人民政府与"
         "屯留区人民政府联合主办。", ("organizerOf",),
         {("北京市东城区人民政府", "organizerOf", "晋货进京特色农产品展销会"),
          ("屯留区人民政府", "organizerOf", "晋货进京特色农产品展销会")}),
    case("facility-由-opens-clause", "3月18日,屯留区人民医院远程会诊中心正式投入使用。该中心于去年9月建成,"
         "由屯留区人民医院投资建设,配备了远程影像系统。", ("establishedBy",),
         {("屯留区人民医院远程会诊中心", "establishedBy", "屯留区人民医院")}),
    case("该项目-由-投资建设", "在余吾镇,红枣深加工产业园项目刚刚投产。该项目由长治市晋红食品有限公司投资建设,"
         "总投资4600万元。", ("establishedBy",),
         {("红枣深加工产业园项目", "establishedBy", "长治市晋红食品有限公司")}),
    # a power project's grid connection completes it (8月全容量并网发电)
    case("并网-end", "屯留区分布式光伏发电项目由长治市绿能科技有限公司投资建设。项目于2024年3月开工,8月全容量并网发电。",
         DATES, {("屯留区分布式光伏发电项目", "startDate", "2024-03"), ("屯留区分布式光伏发电项目", "endDate", "2024-08")}),
    case("在-venue-not-dated", "11月8日,第三届屯留区红枣采摘节在屯留区老爷山景区开幕。", DATES,
         {("第三届屯留区红枣采摘节", "startDate", "2024-11-08")}),
    case("由-实施-no-event", "该活动由屯留区住建局负责实施。", EVENTS, set()),
    # NAME所在的ORG: the worker's employer, named by its short form
    case("所在的-body", "在长治市晋红食品有限公司的包装车间，来自余吾镇的青年王建平一边装箱一边说。"
         "王建平所在的晋红食品，今年新招屯留籍工人80人。", ("worksFor",),
         {("王建平", "worksFor", "长治市晋红食品有限公司")}),
    # ORG在PLACE建设的PROJECT: the body builds the project, and it stands in the place
    case("在-place-建设的-project", "3月上旬，长治市晋红食品有限公司在屯留区余吾镇建设的红枣深加工项目开工，"
         "总投资4600万元。", ("establishedBy", "locatedIn"),
         {("红枣深加工项目", "establishedBy", "长治市晋红食品有限公司"),
          ("红枣深加工项目", "locatedIn", "余吾镇")}, about="红枣深加工项目"),
    # 该站 + post: the article's one station named before
    case("该站-post", "3月，屯留区驻北京劳务工作站在东城区挂牌成立，配备3名工作人员。该站站长李明华介绍，"
         "工作站已帮助300名劳动力就业。", ("worksFor",),
         {("李明华", "worksFor", "屯留区驻北京劳务工作站")}),
    # a bare body word, then 由 and its builders ending the clause
    case("工作站-由-设立", "3月，屯留区驻北京劳务工作站在东城区挂牌成立。工作站由屯留区人力资源和社会保障局设立，"
         "配备3名工作人员。", ("establishedBy",),
         {("屯留区驻北京劳务工作站", "establishedBy", "屯留区人力资源和社会保障局")}),
    case("该服务站-由-A与B共建", "6月1日，屯留区余吾镇“暖心驿站”服务站正式揭牌。该服务站由余吾镇人民政府"
         "与长治市晋红食品有限公司共建，设有休息区和充电区。", ("establishedBy", "partnerOf"),
         {("暖心驿站服务站", "establishedBy", "余吾镇人民政府"),
          ("暖心驿站服务站", "establishedBy", "长治市晋红食品有限公司")}),
    case("由-A联合B-共同打造", "6月1日，屯留区余吾镇“暖心驿站”服务站正式揭牌。该服务站由余吾镇人民政府"
         "联合长治市晋红食品有限公司共同打造，设有休息区和充电区。", ("establishedBy", "partnerOf"),
         {("暖心驿站服务站", "establishedBy", "余吾镇人民政府"),
          ("暖心驿站服务站", "establishedBy", "长治市晋红食品有限公司")}),
    # 由A与B合作共建: the cooperation word keeps them partners
    case("由-合作共建-partners", "康复中心由屯留区人民医院与东城区中医医院合作共建,后者将定期派出医生坐诊。",
         ("partnerOf",), {sym("屯留区人民医院", "partnerOf", "东城区中医医院")}),
    # 率…代表团一行到X考察，先后察看了Y、Z: the leader and the delegation's district visit each
    # site; the party committee before the leader's posts only names them
    case("率团-察看-sites", "东城区委副书记、区长孙立明率东城区党政代表团一行到屯留区考察，先后实地察看了"
         "屯留区人民医院、太行革命博物馆。", ("visited",),
         {(DC, "visited", "屯留区"), ("孙立明", "visited", "屯留区"),
          (DC, "visited", "屯留区人民医院"), ("孙立明", "visited", "屯留区人民医院"),
          (DC, "visited", "太行革命博物馆"), ("孙立明", "visited", "太行革命博物馆")}),
    case("率团-参观-sites", "东城区委副书记、区长孙立明率东城区党政代表团一行到屯留区考察，先后参观了"
         "屯留区人民医院、太行革命博物馆。", ("visited",),
         {(DC, "visited", "屯留区"), ("孙立明", "visited", "屯留区"),
          (DC, "visited", "屯留区人民医院"), ("孙立明", "visited", "屯留区人民医院"),
          (DC, "visited", "太行革命博物馆"), ("孙立明", "visited", "太行革命博物馆")}),
    # the leader of a district's delegation visits none of the district's own places
    case("率团-own-place", "东城区委副书记、区长孙立明率东城区党政代表团一行到屯留区考察，先后实地察看了"
         "东城区、太行革命博物馆。", ("visited",),
         {(DC, "visited", "屯留区"), ("孙立明", "visited", "屯留区"),
          (DC, "visited", "太行革命博物馆"), ("孙立明", "visited", "太行革命博物馆")}),
    # 代表团一行 opening a later sentence: the delegation named before
    case("代表团一行-later", "3月5日，东城区委书记孙立明率东城区党政代表团一行到屯留区考察。次日，代表团一行"
         "还前往余吾镇，看望慰问群众。", ("visited",),
         {(DC, "visited", "屯留区"), ("孙立明", "visited", "屯留区"), (DC, "visited", "余吾镇")}),
    # pupils on an outing learn something there: a visit, not training
    case("pupils-学习-visit", "近日，屯留区树人小学30余名学生走进屯留区人民医院，跟随医护人员学习急救知识。",
         TRAVEL, {("屯留区树人小学", "visited", "屯留区人民医院")}),
    # a 结对 agreement pairs the bodies that sign it; A与B、C与D are two pairs
    case("两校-结对协议", "9月初，东城区史家小学6名骨干教师抵达屯留区树人小学，开启支教工作。今年5月，"
         "两校签订结对共建协议，将共享优质教育资源。", PARTNERS,
         {sym("东城区史家小学", "signedAgreementWith", "屯留区树人小学"),
          sym("东城区史家小学", "partnerOf", "屯留区树人小学")}),
    case("pairs-分别-结对协议", "同日，东城区史家小学与屯留区树人小学、东城区第二中学与屯留区第一中学"
         "分别签订结对帮扶协议。", PARTNERS,
         {sym("东城区史家小学", "signedAgreementWith", "屯留区树人小学"),
          sym("东城区史家小学", "partnerOf", "屯留区树人小学"),
          sym("东城区第二中学", "signedAgreementWith", "屯留区第一中学"),
          sym("东城区第二中学", "partnerOf", "屯留区第一中学")}),
    # a bare post opening its sentence heads the team the paragraph has just named
    case("队长-after-team", "这些心愿大多由“红星”志愿服务队认领。\n这支志愿服务队成立于2018年5月，"
         "目前有志愿者96名。队长李国强今年65岁，退休前是一名教师。", ("worksFor",),
         {("李国强", "worksFor", "红星志愿服务队")}),
    case("院长-after-health-centre", "屯留区余吾镇卫生院新建了中医馆。院长李志刚说，今年将开展培训。",
         ("worksFor",), {("李志刚", "worksFor", "余吾镇卫生院")}),
    # a body quoted in between is passed over: the post heads the health centre named before
    case("院长-past-a-quoted-body", "屯留区余吾镇卫生院新添了设备。“这台设备是区红十字会捐的。”院长李志刚说。",
         ("worksFor",), {("李志刚", "worksFor", "余吾镇卫生院")}),
    case("卫生院-bare-before-post", "近日，屯留区上村镇中心卫生院组建家庭医生团队。卫生院院长马强说，今冬将完成随访。",
         ("worksFor",), {("马强", "worksFor", "上村镇中心卫生院")}),
    # a company named again by its brand and a trade word (乳业: company_trade_words.tsv)
    case("brand-and-trade-word", "北京禾润乳业有限公司在屯留区建设奶源基地。禾润乳业总经理张海峰表示，"
         "企业将带动农户增收。", ("worksFor",), {("张海峰", "worksFor", "北京禾润乳业有限公司")}),
    # an event held at a named venue stands in the venue
    case("event-在-venue-举行", "2024年9月20日至22日，2024长治特色农产品北京展销会在东城区京华国际会展中心举行。",
         ("locatedIn",), {("2024长治特色农产品北京展销会", "locatedIn", "东城区京华国际会展中心")},
         about="2024长治特色农产品北京展销会"),
    # A与B联合运营: a company and a cooperative running a line together are partners
    case("与-联合运营", "这是长治市晋通冷链物流有限公司开通的“长治—北京”冷链专线首发车。该专线由晋通冷链与"
         "屯留区余吾镇红枣专业合作社联合运营，每周发车2班。", ("partnerOf",),
         {sym("长治市晋通冷链物流有限公司", "partnerOf", "屯留区余吾镇红枣专业合作社")}),
    # 该校 opening a travel clause: the nearest school named before sends its teachers
    case("该校-nearest-trainee", "9月初，东城区史家小学6名骨干教师抵达屯留区树人小学，开启支教工作。\n"
         "屯留区树人小学校长王建军介绍，支教老师到校后，承担了数学、英语等课程。\n"
         "此前，该校已先后选派12名教师赴东城区史家小学跟岗学习。", ("trainedAt",),
         {("屯留区树人小学", "trainedAt", "东城区史家小学")}),
    # A联合B，在X开展EVENT: both bodies hold it (the genre's joint volunteer activities)
    case("联合-开展", "5月中旬，屯留区青年志愿者协会联合屯留区妇女联合会，在余吾镇开展了“护苗行动”"
         "主题志愿服务活动。", ("organizerOf",),
         {("屯留区青年志愿者协会", "organizerOf", "护苗行动主题志愿服务活动"),
          ("屯留区妇女联合会", "organizerOf", "护苗行动主题志愿服务活动")}),
    case("参加", "屯留区树人小学师生参加“京晋少年手拉手”活动。", EVENTS,
         {("屯留区树人小学", "participatedIn", "京晋少年手拉手活动")}),
    case("举办-dated", "3月20日～23日，东城区在屯留区举办“京屯同心”文化节。",
         EVENTS + DATES + ("locatedIn",),
         {(DC, "organizerOf", "京屯同心文化节"), ("京屯同心文化节", "locatedIn", "屯留区"),
          ("京屯同心文化节", "startDate", "2024-03-20"), ("京屯同心文化节", "endDate", "2024-03-23")},
         about="京屯同心文化节"),
    # 投入使用 completes a project (its end) and founds a facility; 正式运营 founds a facility
    case("投入使用-project-end", "安乡县人民医院综合业务楼项目总投资2860万元,2024年8月开工,今年9月26日投入使用,"
         "建筑面积6800平方米。", DATES,
         {("安乡县人民医院综合业务楼项目", "startDate", "2024-08"),
          ("安乡县人民医院综合业务楼项目", "endDate", "2024-09-26")}),
    case("正式运营-facility-founded", "位于县城红旗镇的红旗镇区域养老服务中心由安乡县民政局投资1200万元建设,"
         "7月1日正式运营,设置床位100张。", DATES,
         {("红旗镇区域养老服务中心", "foundingDate", "2024-07-01")}),
    case("投入使用-of-something-of-X", "9月1日,安乡县深柳镇中心学校新建的综合教学楼正式投入使用,"
         "全校师生迎来了新学期。", DATES, set()),
    # a building of X's written without a name (X综合业务楼) is what is completed, not X
    case("投入使用-X-building", "9月26日,安乡县红旗镇中心卫生院综合业务楼投入使用。", DATES, set()),
    case("正式投入使用-X", "7月8日,安乡县红旗镇中心卫生院正式投入使用。", DATES,
         {("红旗镇中心卫生院", "foundingDate", "2024-07-08")}),
    # a bare word (园区) given the last project's figures gives it the dates too
    case("figures-then-dates-of-recent-project", "初冬时节,走进安乡县深柳镇的安乡县湘鄂协作产业园,一排排厂房整齐林立。"
         "安乡县湘鄂协作产业园是两地合作的重点平台。园区总投资4.8亿元,2023年6月开工建设,目前已建成厂房12万平方米。",
         DATES, {("安乡县湘鄂协作产业园", "startDate", "2023-06")}),
    # only a project: a body given figures by a guess (X业务综合楼 unnamed) is given no dates
    case("figures-then-dates-not-a-body", "9月10日,由常德市援建资金援建的安乡县红旗镇中心卫生院业务综合楼交付使用。"
         "该楼总投资680万元,2024年6月开工建设。", DATES, set()),
    case("展销周-dated", "5月10日至16日，“潞州好物进东城”农产品展销周在东城区举办。", DATES,
         {("潞州好物进东城农产品展销周", "startDate", "2024-05-10"),
          ("潞州好物进东城农产品展销周", "endDate", "2024-05-16")}),
    case("任-驻村-post", "2021年7月,长治市林业局干部李明被选派到屯留区张店村任驻村第一书记。", PEOPLE,
         {("李明", "worksFor", "长治市林业局"), ("李明", "jobTitle", "驻村第一书记")}),
    case("兼任-bare-body", "村党支部书记王芳介绍了情况。屯留区绿源小米专业合作社挂牌成立,王芳兼任合作社"
         "理事长。", PEOPLE,
         {("王芳", "jobTitle", "书记"), ("王芳", "jobTitle", "理事长"),
          ("王芳", "worksFor", "屯留区绿源小米专业合作社")}),
    case("担任-grade-post", "来自史家小学的支教教师刘晓,已在屯留区第二中学任教一年,担任初二年级数学教师。",
         ("jobTitle",), {("刘晓", "jobTitle", "支教教师"), ("刘晓", "jobTitle", "数学教师")}),
    # a ranked or qualified post is the post as written, not its bare head (医生, 工程师)
    case("乡村医生-post", "在安乡县大湖口镇杨家村卫生室,乡村医生刘建国通过远程会诊系统把心电图传到县医院。",
         ("jobTitle",), {("刘建国", "jobTitle", "乡村医生")}),
    case("全科医生-post", "签约服务团队里,全科医生王丽萍说,签约率已达90%。", ("jobTitle",),
         {("王丽萍", "jobTitle", "全科医生")}),
    case("高级工程师-post", "长沙市林业科学研究所高级工程师张志强深入林地,现场示范修剪技术。", PEOPLE,
         {("张志强", "jobTitle", "高级工程师"), ("张志强", "worksFor", "长沙市林业科学研究所")}),
    # after 现任, a second body before the second post: each post in its own body
    case("现任-two-bodies", "东城区选派的挂职干部刘伟现任屯留区委常委、区政府副区长,分管东西部协作工作。",
         PEOPLE, {("刘伟", "jobTitle", "常委"), ("刘伟", "jobTitle", "副区长"),
                  ("刘伟", "worksFor", "屯留区委"), ("刘伟", "worksFor", "屯留区人民政府")}),
    # a bare 局长 opening its sentence heads the bureau the paragraph has just named
    case("局长-heads-topic-bureau", "常德市农业农村局已将该项目列入全市重点项目。局长刘建华表示,将加快推进审批。",
         PEOPLE, {("刘建华", "jobTitle", "局长"), ("刘建华", "worksFor", "常德市农业农村局")}),
    # a bare body word after the 、 (合作社) is the article's one body of that kind
    case("、-bare-body-post", "安乡县红旗渔业专业合作社成立。“过去各家各户单打独斗。”安乡县红旗村党支部书记、"
         "合作社理事长刘海波说。", PEOPLE,
         {("刘海波", "jobTitle", "书记"), ("刘海波", "jobTitle", "理事长"),
          ("刘海波", "worksFor", "红旗村党支部"), ("刘海波", "worksFor", "安乡县红旗渔业专业合作社")}),
    case("挂职-该院-two-hospitals", "屯留区人民医院与东城区第一人民医院结对。医疗队队长赵强是东城区第一人民医院"
         "骨科主任医师,到屯留后挂职该院副院长。", PEOPLE,
         {("赵强", "jobTitle", "队长"), ("赵强", "jobTitle", "主任医师"), ("赵强", "jobTitle", "副院长"),
          ("赵强", "worksFor", "北京市东城区第一人民医院")}),
    case("event-nearest-date", "继屯留区文化馆去年5月赴东城区演出之后，今年9月，东城区文化馆将在屯留区"
         "举办“京韵潞州”非遗展演活动。", ("startDate",),
         {("京韵潞州非遗展演活动", "startDate", "2024-09")}),
    case("组织-参加", "屯留区组织企业参加服贸会。", EVENTS,
         {("屯留区", "participatedIn", "中国国际服务贸易交易会")}),
    case("参加-place-before-event", "屯留区树人小学组织学生参加东城区第三届“少年杯”足球比赛。",
         ("participatedIn",),
         {("屯留区树人小学", "participatedIn", "第三届少年杯足球比赛")}),
    case("community-branch-在", "5月18日，屯留区康庄社区党支部在社区广场举办“邻里一家亲”美食节。",
         EVENTS,
         {("康庄社区党支部", "organizerOf", "邻里一家亲美食节")}),
    # ---- people: ORG + title + NAME -> worksFor + jobTitle
    # a body's cadre (干部: the ``member`` family) works for it, with no post
    case("member-cadre", "2022年3月，长治市农业农村局干部王磊被选派到屯留区。", PEOPLE,
         {("王磊", "worksFor", "长治市农业农村局")}),
    # posts joined by 、 and a short description after them: the posts are the name's
    case("posts-then-description", "屯留区委常委、副区长、北京挂职干部孙立明到项目工地调研。", PEOPLE,
         {("孙立明", "worksFor", "屯留区委"), ("孙立明", "jobTitle", "常委"),
          ("孙立明", "jobTitle", "副区长")}),
    # 来自ORG的 + post + NAME: the post as written, and its body
    case("来自-body-的-post", "来自东城区史家小学的支教教师刘敏，主动承担了班主任工作。", PEOPLE,
         {("刘敏", "worksFor", "东城区史家小学"), ("刘敏", "jobTitle", "支教教师")}),
    # NAME在ORG任教 -> worksFor; 原在ORG工作 says nothing of now
    case("在-body-任教", "支教老师刘敏已在屯留区第一中学任教两年。", PEOPLE,
         {("刘敏", "worksFor", "屯留区第一中学"), ("刘敏", "jobTitle", "老师")}),
    case("原在-body-工作", "刘敏原在屯留区教育局工作，现到东城区挂职。", PEOPLE, set()),
    # NAME是ORG(的)(DEPT)TITLE -> worksFor and jobTitle
    case("是-body-dept-title", "医疗队员李娟是东城区第一人民医院儿科副主任医师，已在屯留工作一年。", PEOPLE,
         {("李娟", "worksFor", "北京市东城区第一人民医院"), ("李娟", "jobTitle", "副主任医师")}),
    case("是-body-的-title", "随队的历史教师王丽是东城区史家小学的高级教师。", PEOPLE,
         {("王丽", "worksFor", "东城区史家小学"), ("王丽", "jobTitle", "高级教师"), ("王丽", "jobTitle", "历史教师")}),
    case("subject-teacher", "屯留区第三中学政治教师韩梅和东城区史家小学教师宋佳共同执教。", PEOPLE,
         {("韩梅", "worksFor", "屯留区第三中学"), ("韩梅", "jobTitle", "政治教师"),
          ("宋佳", "worksFor", "东城区史家小学"), ("宋佳", "jobTitle", "教师")}),
    case("副教授", "长治学院副教授孙丽介绍，项目进展顺利。", PEOPLE,
         {("孙丽", "worksFor", "长治学院"), ("孙丽", "jobTitle", "副教授")}),
    case("讲解员-no-body", "讲解员王晓彤指着展柜说。", PEOPLE, {("王晓彤", "jobTitle", "讲解员")}),
    case("department-between", "东城区第一人民医院消化内科副主任医师李明被派驻屯留区人民医院。", PEOPLE,
         {("李明", "worksFor", "北京市东城区第一人民医院"), ("李明", "jobTitle", "副主任医师")}),
    case("department-of-a-bureau", "东城区教育委员会基础教育科科长赵刚一行到屯留区调研。", PEOPLE,
         {("赵刚", "worksFor", "北京市东城区教育委员会"), ("赵刚", "jobTitle", "科长")}),
    # a post that opens with its department word is one title: 车间主任, 项目经理
    case("车间主任-after-workshop", "宁波方正汽车模具股份有限公司注塑车间主任李建军说，订单已排到明年。", PEOPLE,
         {("李建军", "worksFor", "宁波方正汽车模具股份有限公司"), ("李建军", "jobTitle", "车间主任")}),
    case("项目经理", "长治市绿源文化旅游有限公司项目经理周海峰介绍，工程已完成八成。", ("jobTitle",),
         {("周海峰", "jobTitle", "项目经理")}),
    # a body's party committee holds the party post only: 院长 is the hospital's
    case("党委书记、院长-body", "长治市人民医院党委副书记、院长李国强介绍，医院将派出专家。", ("worksFor",),
         {("李国强", "worksFor", "长治市人民医院党委"), ("李国强", "worksFor", "长治市人民医院")}),
    case("党委书记-alone", "长治市人民医院党委书记王涛介绍了情况。", ("worksFor",),
         {("王涛", "worksFor", "长治市人民医院党委")}),
    case("a-centre-is-no-department", "东城区第一人民医院驻屯留区人民医院帮扶中心主任李明介绍了情况。",
         ("worksFor",), set()),
    case("no-body-before-the-title", "屯留区人民医院组织专家义诊，主任医师王强参加。", PEOPLE,
         {("王强", "jobTitle", "主任医师")}),
    case("校长", "屯留区树人小学校长邢瑛介绍了两校交流情况。", PEOPLE,
         {("邢瑛", "worksFor", "屯留区树人小学"), ("邢瑛", "jobTitle", "校长")}),
    case("镇党委书记", "屯留区余吾镇党委书记周华表示。", PEOPLE,
         {("周华", "worksFor", "余吾镇党委"), ("周华", "jobTitle", "书记")}),
    case("政协主席", "屯留区政协主席孙永红参加活动。", PEOPLE,
         {("孙永红", "worksFor", "屯留区政协"), ("孙永红", "jobTitle", "主席")}),
    case("团委书记", "淮海工业集团团委书记马骁带队参加活动。", PEOPLE,
         {("马骁", "worksFor", "淮海工业集团团委"), ("马骁", "jobTitle", "书记")}),
    case("bare-区委书记", "屯留区召开会议，区委书记李东升出席。", PEOPLE,
         {("李东升", "worksFor", "屯留区委"), ("李东升", "jobTitle", "书记")}),
    case("记者", "记者王丽娜在现场看到。", PEOPLE, {("王丽娜", "jobTitle", "记者")}),
    # an occupation word is no post: the person found has no jobTitle from it nor worksFor the place
    case("种植户", "余吾镇种植户郭秀珍说。", PEOPLE, set()),
    case("部长", "东城区委组织部部长张伟介绍。", PEOPLE,
         {("张伟", "worksFor", "北京市东城区委组织部"), ("张伟", "jobTitle", "部长")}),
    case("副部长", "屯留区委宣传部副部长韩冰介绍。", PEOPLE,
         {("韩冰", "worksFor", "屯留区委宣传部"), ("韩冰", "jobTitle", "副部长")}),
    case("title-list", "东城区史家小学校长王欢、副校长赵立新一行来到屯留区。", PEOPLE + TRAVEL,
         {("王欢", "worksFor", "东城区史家小学"), ("王欢", "jobTitle", "校长"),
          ("赵立新", "worksFor", "东城区史家小学"), ("赵立新", "jobTitle", "副校长"),
          ("东城区史家小学", "visited", "屯留区"),
          ("王欢", "visited", "屯留区"), ("赵立新", "visited", "屯留区")}),
    case("副主任医师", "潞州区人民医院心内科副主任医师李文博到屯留区坐诊。", ("jobTitle",),
         {("李文博", "jobTitle", "副主任医师")}),
    case("two-posts-one-body", "屯留区委副书记、区长王建国带队赴东城区考察。", PEOPLE,
         {("王建国", "jobTitle", "副书记"), ("王建国", "jobTitle", "区长"),
          ("王建国", "worksFor", "屯留区委")}),
    case("担任-posts", "东城区选派干部刘志强挂职担任屯留区委常委、副区长。", PEOPLE,
         {("刘志强", "jobTitle", "常委"), ("刘志强", "jobTitle", "副区长"),
          ("刘志强", "worksFor", "屯留区委")}),
    case("担任-执行院长", "东城区中医医院骨科主任张海涛被派驻屯留区，担任屯留区中医院执行院长。",
         PEOPLE,
         {("张海涛", "jobTitle", "主任"), ("张海涛", "jobTitle", "执行院长"),
          ("张海涛", "worksFor", "屯留区中医院"), ("张海涛", "worksFor", "东城区中医医院")}),
    case("担任-the-post-of-the-next-name", "会议由担任屯留区中医院院长的李红梅主持。", PEOPLE,
         set()),
    # ---- figures: 总投资 / 对口合作资金 + amount -> yuan
    case("总投资-and-资金", "屯留区中药材加工项目总投资1.2亿元，其中使用对口合作资金800万元。", FIGURES,
         {("屯留区中药材加工项目", "totalInvestment", "120000000"),
          ("屯留区中药材加工项目", "cooperationFunding", "8000000")}),
    # an aid programme's funds written after the funder (北京援疆资金) are cooperation funding
    case("援疆资金-after-funder", "和田县农产品加工园区项目总投资3000万元，其中北京援疆资金1800万元。", FIGURES,
         {("和田县农产品加工园区项目", "totalInvestment", "30000000"),
          ("和田县农产品加工园区项目", "cooperationFunding", "18000000")}),
    case("该项目", "屯留区中药材加工项目正式签约。该项目总投资5000余万元。", FIGURES,
         {("屯留区中药材加工项目", "totalInvestment", "50000000")}),
    case("帮扶资金-用于", "东城区向屯留区拨付帮扶资金300万元用于屯留区养殖项目。", FIGURES,
         {("屯留区养殖项目", "cooperationFunding", "3000000")}),
    case("项目-not-across-paragraphs", "屯留区中药材加工项目总投资1.2亿元。\n\n"
         "东城区为屯留区人民医院援建了远程诊疗室，项目总投资200万元，2024年5月开工。",
         FIGURES + DATES,
         {("屯留区中药材加工项目", "totalInvestment", "120000000")}),
    case("老旧小区-project", "■潞州区老顶山镇老旧小区改造项目，总投资600万元，对口合作资金200万元，"
         "2024年8月开工建设。", FIGURES + DATES,
         {("潞州区老顶山镇老旧小区改造项目", "totalInvestment", "6000000"),
          ("潞州区老顶山镇老旧小区改造项目", "cooperationFunding", "2000000"),
          ("潞州区老顶山镇老旧小区改造项目", "startDate", "2024-08")}),
    case("facility-built-for-a-body", "东城区中医医院为屯留区人民医院援建了远程诊疗中心，"
         "项目总投资200万元，使用对口合作资金150万元。",
         FIGURES + ("establishedBy", "locatedIn"),
         {("屯留区人民医院远程诊疗中心", "totalInvestment", "2000000"),
          ("屯留区人民医院远程诊疗中心", "cooperationFunding", "1500000"),
          ("屯留区人民医院远程诊疗中心", "establishedBy", "东城区中医医院"),
          ("屯留区人民医院远程诊疗中心", "locatedIn", "屯留区")},
         about="屯留区人民医院远程诊疗中心"),
    case("built-for-no-builder-named", "该院还为屯留区人民医院建设了远程诊疗中心。",
         ("establishedBy",), set()),
    # ---- dates: date + 开工/竣工/成立
    case("开工-竣工", "屯留区中医馆项目于2024年3月15日开工，9月30日竣工。", DATES,
         {("屯留区中医馆项目", "startDate", "2024-03-15"),
          ("屯留区中医馆项目", "endDate", "2024-09-30")}),
    case("开工-竣工-year-carried", "屯留区中医馆项目于2023年5月3日开工，9月30日竣工。", DATES,
         {("屯留区中医馆项目", "startDate", "2023-05-03"),
          ("屯留区中医馆项目", "endDate", "2023-09-30")}),
    case("成立于-date", "屯留区长风新材料有限公司成立于2021年3月，是北京澜川科技有限公司的子公司。",
         DATES, {("屯留区长风新材料有限公司", "foundingDate", "2021-03")}),
    case("始建于-year", "屯留区人民医院始建于1952年，是一所综合性医院。", DATES,
         {("屯留区人民医院", "foundingDate", "1952")}),
    case("year-alone-before-a-word", "屯留区人民医院于2019年成立远程诊疗中心。", DATES, set()),
    case("开工建设-project-after", "该公司今年4月开工建设屯留区小米精深加工生产线项目。", DATES,
         {("屯留区小米精深加工生产线项目", "startDate", "2024-04")}),
    case("funding-whole", "屯留区余吾镇帮扶车间项目总投资六百八十万元，全部使用东西部协作资金。",
         FIGURES, {("屯留区余吾镇帮扶车间项目", "totalInvestment", "6800000"),
                   ("屯留区余吾镇帮扶车间项目", "cooperationFunding", "6800000")}),
    case("no-start-of-a-school", "9月1日，东城区史家小学的6名教师来到屯留区，开始为期一年的支教工作。",
         DATES, set()),
    case("开馆-founds-a-facility", "7月15日，屯留区“京屯”书屋正式开馆。", DATES,
         {("京屯书屋", "foundingDate", "2024-07-15")}),
    case("month-开工", "屯留区中药材加工项目于5月开工。", DATES,
         {("屯留区中药材加工项目", "startDate", "2024-05")}),
    case("成立", "屯留区农产品展销中心于2023年6月成立。", DATES,
         {("屯留区农产品展销中心", "foundingDate", "2023-06")}),
    case("揭牌成立-在", "2023年8月，“京屯”农产品体验馆在东城区挂牌成立。", DATES + ("locatedIn",),
         {("京屯农产品体验馆", "foundingDate", "2023-08"), ("京屯农产品体验馆", "locatedIn", DC)},
         about="京屯农产品体验馆"),
    case("works-dates-not-the-builder-s",
         "潞州区食用菌基地项目总投资1500万元，由长治市绿源农业发展有限公司负责建设，"
         "2023年11月开工，2024年6月建成投产。", DATES,
         {("潞州区食用菌基地项目", "startDate", "2023-11"),
          ("潞州区食用菌基地项目", "endDate", "2024-06")}),
    case("实施-company-明年", "屯留区康养中心项目由长治市康宁置业有限公司实施，2024年3月开工，"
         "计划明年5月完工。", DATES,
         {("屯留区康养中心项目", "startDate", "2024-03"),
          ("屯留区康养中心项目", "endDate", "2025-05")}),
    case("company-founded", "长治市绿源农业发展有限公司于2019年3月成立。", DATES,
         {("长治市绿源农业发展有限公司", "foundingDate", "2019-03")}),
    case("company-not-founded-by-挂牌", "6月，长治市绿源农业发展有限公司的直销门店挂牌。", DATES,
         set()),
    case("书屋-正式开放", "9月5日，屯留区麟绛街道的“邻里书屋”正式开放。", DATES,
         {("邻里书屋", "foundingDate", "2024-09-05")}),
    case("hospital-not-founded-by-opening", "9月5日，屯留区人民医院正式开放夜间门诊。", DATES,
         set()),
    # ---- placement and the structure of names
    case("位于-site", "抗大一分校旧址位于屯留区余吾镇。", ("locatedIn",),
         {("抗大一分校旧址", "locatedIn", "余吾镇"), ("余吾镇", "locatedIn", "屯留区"),
          ("屯留区", "locatedIn", "长治市")}),
    case("位于-facility", "“京屯”共享驿站位于屯留区麟绛街道。", ("locatedIn",),
         {("京屯共享驿站", "locatedIn", "麟绛街道")}, about="京屯共享驿站"),
    case("位于-hospital", "屯留区中医院位于屯留区麟绛街道。", ("locatedIn",),
         {("屯留区中医院", "locatedIn", "麟绛街道"), ("屯留区中医院", "locatedIn", "屯留区")},
         about="屯留区中医院"),
    case("place-的-facility", "屯留区余吾镇的“邻里暖心”活动室正式开放。", ("locatedIn",),
         {("邻里暖心活动室", "locatedIn", "余吾镇")}, about="邻里暖心活动室"),
    case("name-structure", "屯留区余吾镇吾元村小学有学生120名。", ("locatedIn",),
         {("屯留区余吾镇吾元村小学", "locatedIn", "吾元村"), ("吾元村", "locatedIn", "余吾镇"),
          ("余吾镇", "locatedIn", "屯留区"), ("屯留区", "locatedIn", "长治市")}),
    case("sub-unit", "清华大学材料学院与淮海工业集团签订合作协议。",
         ("subOrganizationOf",) + PARTNERS,
         {("清华大学材料学院", "subOrganizationOf", "清华大学"),
          sym("清华大学材料学院", "signedAgreementWith", "淮海工业集团")}),
    case("affiliated", "长治医学院附属和平医院选派医生赴北京进修。",
         ("subOrganizationOf", "trainedAt"),
         {("长治医学院附属和平医院", "subOrganizationOf", "长治医学院"),
          ("长治医学院附属和平医院", "trainedAt", "北京市")}),
    # ---- faults found on made-up articles of other pairings, each with its case
    case("常务-post", "潞州区委党校常务副校长陈立新出席开班仪式。", PEOPLE,
         {("陈立新", "worksFor", "潞州区委党校"), ("陈立新", "jobTitle", "常务副校长")}),
    case("中共-school", "中共毕节市委党校选派10名教师到广州市委党校跟岗学习。", TRAVEL,
         {("毕节市委党校", "trainedAt", "广州市委党校")}),
    case("service-centre", "考察团参观了七星关区碧阳街道文化服务中心和大方县奢香博物馆。", TRAVEL,
         set()),  # no actor is named: nothing is read
    case("service-centre-visit", "广州市委党校考察团参观了七星关区碧阳街道文化服务中心和大方县奢香博物馆。",
         TRAVEL, {("广州市委党校", "visited", "碧阳街道文化服务中心"),
                  ("广州市委党校", "visited", "大方县奢香博物馆")}),
    # ---- faults found on made-up articles of four more pairings (quality-relations)
    case("来-异地教学", "东城区组织中青年干部来屯留区开展异地教学。", TRAVEL,
         {(DC, "trainedAt", "屯留区")}),
    case("来-义诊", "东城区中医医院专家团队来屯留区开展义诊活动。", TRAVEL,
         {("东城区中医医院", "visited", "屯留区")}),
    case("来-after-以来", "对口合作开展以来屯留区与东城区对口协作成效显著。", TRAVEL, set()),
    case("邀请-来", "屯留区商务局邀请东城区企业家协会来屯留区考察。", TRAVEL, set()),
    case("邀请-到", "平顺县委组织部邀请全国劳模申纪兰到平顺县委党校讲党课。", TRAVEL, set()),
    case("和妻子-names-the-partner", "村民赵德胜和妻子刘秀梅经营着这家小店。村党支部书记李红霞介绍。",
         ("spouseOf",), {sym("赵德胜", "spouseOf", "刘秀梅")}),
    case("与妻子-partner-unnamed", "一位退伍老兵与妻子刘秀梅经营着这家小店。\n"
         "西沟乡党委书记李红霞介绍，乡里正在筹建农耕文化展示馆。", ("spouseOf",), set()),
    case("two-posts-one-body", "屯留区委副书记、区长李东升出席会议。", PEOPLE,
         {("李东升", "worksFor", "屯留区委"), ("李东升", "jobTitle", "副书记"),
          ("李东升", "jobTitle", "区长")}),
    case("党组书记-two-posts", "东城区教育局党组书记、局长陈静出席。", PEOPLE,
         {("陈静", "worksFor", "北京市东城区教育局"), ("陈静", "jobTitle", "党组书记"),
          ("陈静", "jobTitle", "局长")}),
    case("常委", "鄞州区委常委、组织部部长陈晓东出席会议。", PEOPLE,
         {("陈晓东", "worksFor", "鄞州区委"), ("陈晓东", "worksFor", "鄞州区委组织部"),
          ("陈晓东", "jobTitle", "常委"), ("陈晓东", "jobTitle", "部长")}),
    case("担任", "鄞州区第二医院副院长王建国担任和龙市人民医院执行院长。", PEOPLE,
         {("王建国", "worksFor", "鄞州区第二医院"), ("王建国", "jobTitle", "副院长"),
          ("王建国", "worksFor", "和龙市人民医院"), ("王建国", "jobTitle", "执行院长")}),
    case("现任", "麦积区人民政府副区长张小兵现任天津市和平区商务局副局长。", PEOPLE,
         {("张小兵", "worksFor", "麦积区人民政府"), ("张小兵", "jobTitle", "副区长"),
          ("张小兵", "worksFor", "天津市和平区商务局"), ("张小兵", "jobTitle", "副局长")}),
    case("曾任-is-past", "村民张小兵曾任天津市和平区商务局副局长。", PEOPLE, set()),
    case("不再担任", "村民张小兵不再担任天津市和平区商务局副局长。", PEOPLE, set()),
    case("拟任", "村民张小兵拟任天津市和平区商务局副局长。", PEOPLE, set()),
    case("两地-means-places", "天津市和平区委党校与麦积区委党校签署干部教育培训合作协议。"
         "麦积区副区长张小兵负责两地产业合作对接工作。", PARTNERS,
         {sym("天津市和平区委党校", "signedAgreementWith", "麦积区委党校")}),
    case("两地-last-places", "天津市和平区与麦积区建立东西部协作关系。天津市和平区委党校与麦积区委党校"
         "签署培训协议。两地还将深化产业合作。", PARTNERS,
         {sym("天津市和平区", "partnerOf", "麦积区"),
          sym("天津市和平区委党校", "signedAgreementWith", "麦积区委党校")}),
    case("facility-项目总投资", "由和平区援建的麦积区石佛镇中心卫生院于今年6月投入使用，项目总投资800万元，"
         "其中天津市东西部协作资金600万元。", FIGURES,
         {("石佛镇中心卫生院", "totalInvestment", "8000000"),
          ("石佛镇中心卫生院", "cooperationFunding", "6000000")}),
    case("facility-not-last-project", "屯留区中医药合作项目竣工。屯留区余吾镇卫生院总投资300万元。",
         FIGURES, {("余吾镇卫生院", "totalInvestment", "3000000")}),
    case("学习考察-is-a-visit", "屯留区委书记李东升带队赴东城区学习考察。", TRAVEL,
         {("屯留区委", "visited", DC), ("李东升", "visited", DC)}),
    case("跟班学习-then-考察学习", "屯留区选派10名干部赴东城区委党校跟班学习，并到东城区交道口街道考察学习。",
         TRAVEL, {("屯留区", "trainedAt", "北京市东城区委党校"), ("屯留区", "visited", "交道口街道")}),
    # 两校 after a pair of companies: the two schools named, not the companies
    case("两校-not-a-company-pair", "常德市湘北供应链管理有限公司与安乡县安康农业发展有限公司签订采购合同。"
         "9月,安乡县第三小学副校长刘明带领8名教师赴长沙市开福区清水塘小学跟岗学习。两校于2024年结成帮扶对子。",
         ("partnerOf",), {sym("安乡县第三小学", "partnerOf", "长沙市开福区清水塘小学")}),
    case("结为", "北京市朝阳外国语学校与容城县第一中学结为帮扶学校。", PARTNERS,
         {sym("北京市朝阳外国语学校", "partnerOf", "容城县第一中学")}),
    case("结成", "屯留区树人小学与东城区史家小学结成姊妹学校。", PARTNERS,
         {sym("屯留区树人小学", "partnerOf", "东城区史家小学")}),
    # 两校 opening the sentence: the two schools set up what the clause names
    case("两校-开设", "9月,安乡县第三小学副校长刘明带领8名教师赴长沙市开福区清水塘小学跟岗学习。"
         "两校于2024年结成帮扶对子,合作开设了“湘安同步课堂”。", ("establishedBy",),
         {("湘安同步课堂", "establishedBy", "安乡县第三小学"),
          ("湘安同步课堂", "establishedBy", "长沙市开福区清水塘小学")}),
    case("由-投资建设的-project", "由东城区投资建设的屯留区中药材加工园项目于今年3月开工。", ("establishedBy",),
         {("屯留区中药材加工园项目", "establishedBy", DC)}),
    case("建设-project-no-由", "屯留区建设上村镇小南村民宿项目。", ("establishedBy",), set()),
    case("project-由-company-建设", "余吾镇肉牛养殖基地项目总投资1500万元，其中对口合作资金600万元，"
         "由长治市屯留区牧原农业有限公司建设运营，于2024年4月开工。", ("establishedBy",),
         {("余吾镇肉牛养殖基地项目", "establishedBy", "长治市屯留区牧原农业有限公司")}),
    case("project-由-负责-承建", "路村乡光伏电站项目由山西晋能新能源有限公司负责承建。", ("establishedBy",),
         {("路村乡光伏电站项目", "establishedBy", "山西晋能新能源有限公司")}),
    # a facility written right before 由, a date and the builder's sum between 由X and the verb
    case("facility-由-于-投资-建成", "近日,在花垣县双龙镇十八洞村苗绣工坊里,20多名绣娘正在忙碌。"
         "十八洞村苗绣工坊由湖南金针文化发展有限公司于2023年5月投资150万元建成,采取订单模式。",
         ("establishedBy", "totalInvestment"),
         {("花垣县双龙镇十八洞村苗绣工坊", "establishedBy", "湖南金针文化发展有限公司"),
          ("花垣县双龙镇十八洞村苗绣工坊", "totalInvestment", "1500000")}),
    case("facility-由-投资-建设", "位于县城红旗镇的红旗镇区域养老服务中心由安乡县民政局投资1200万元建设,"
         "设置床位100张。", ("establishedBy", "totalInvestment"),
         {("红旗镇区域养老服务中心", "establishedBy", "安乡县民政局"),
          ("红旗镇区域养老服务中心", "totalInvestment", "12000000")}),
    # the sentence's own 总投资 is the project's total, not the builder's share
    case("由-投资-with-总投资", "红旗镇区域养老服务中心总投资3000万元,由安乡县民政局投资1200万元建设。",
         ("totalInvestment",), {("红旗镇区域养老服务中心", "totalInvestment", "30000000")}),
    case("由-in-a-later-clause-about-something-else",
         "屯留区冷链物流中心项目已于去年投入使用，今年新建的蔬菜大棚由屯留区康庄农业专业合作社建设。",
         ("establishedBy",), set()),
    case("由-builds-something-named", "该项目由屯留区住建局建设管理中心具体实施监督。",
         ("establishedBy",), set()),
    # PLACE的PROJECT: the project stands in the place, as a body or facility does
    case("place-的-project", "11月以来,位于安乡县深柳镇的深柳湖森林康养基地项目施工现场一派繁忙,"
         "该项目由安乡县深柳湖旅游发展有限公司投资建设。", ("locatedIn",),
         {("深柳湖森林康养基地项目", "locatedIn", "深柳镇")}, about="深柳湖森林康养基地项目"),
    case("挂牌成立-elsewhere", "7月8日，和龙市农特产品展销中心在宁波市鄞州区挂牌成立。", ("locatedIn",),
         {("和龙市农特产品展销中心", "locatedIn", "鄞州区")}, about="和龙市农特产品展销中心"),
    case("援建-then-挂牌成立-elsewhere", "6月，由东城区和平里街道援建的“京屯驿站”在屯留区麟绛街道康庄社区挂牌成立。",
         ("locatedIn",), {("京屯驿站", "locatedIn", "康庄社区")}, about="京屯驿站"),
    case("挂牌成立-undated", "和龙市农特产品展销中心在宁波市鄞州区挂牌成立。", ("locatedIn",),
         {("和龙市农特产品展销中心", "locatedIn", "鄞州区")}, about="和龙市农特产品展销中心"),
    case("挂牌成立-inside-home", "屯留区农产品展销中心在屯留区麟绛街道挂牌成立。", ("locatedIn",),
         {("屯留区农产品展销中心", "locatedIn", "屯留区"),
          ("屯留区农产品展销中心", "locatedIn", "麟绛街道")}, about="屯留区农产品展销中心"),
    case("leader-with-two-posts", "武川县委副书记、县长刘志刚带领考察团赴丰台区对接协作工作。", TRAVEL,
         {("武川县委", "visited", "北京市丰台区"), ("刘志刚", "visited", "北京市丰台区")}),
    case("programme-资金", "武川县马铃薯产业园项目总投资2600万元，使用京蒙协作资金1200万元。", FIGURES,
         {("武川县马铃薯产业园项目", "totalInvestment", "26000000"),
          ("武川县马铃薯产业园项目", "cooperationFunding", "12000000")}),
    case("两校", "东城区史家小学与屯留区树人小学签署结对帮扶协议。两校将在课程建设方面深入合作。", PARTNERS,
         {sym("东城区史家小学", "signedAgreementWith", "屯留区树人小学"),
          sym("东城区史家小学", "partnerOf", "屯留区树人小学")}),
    case("举办-培训班", "6月，丰台区委党校举办武川县乡村振兴专题培训班，武川县40名村党组织书记参加培训。",
         TRAVEL, {("武川县", "trainedAt", "北京市丰台区委党校")}),
    case("为-举办-培训班", "东城区委党校为屯留区举办年轻干部能力提升培训班。", TRAVEL,
         {("屯留区", "trainedAt", "北京市东城区委党校")}),
    case("举办-培训班-own-people", "屯留区委组织部举办屯留区年轻干部培训班。", TRAVEL, set()),
    case("捐赠给", "东城区红十字会将价值80万元的医疗设备捐赠给屯留区人民医院。", ("donatedTo",),
         {("北京市东城区红十字会", "donatedTo", "屯留区人民医院")}),
    case("捐资-用于", "东城区慈善协会捐资100万元，用于屯留区树人小学新建学生宿舍。", ("donatedTo",),
         {("东城区慈善协会", "donatedTo", "屯留区树人小学")}),
    case("用于-a-project", "东城区慈善协会捐资100万元，用于屯留区中药材加工项目。", ("donatedTo",), set()),
    case("援建了一所", "中国红十字会在屯留区援建了一所博爱卫生站。", ("establishedBy",),
         {("博爱卫生站", "establishedBy", "中国红十字会")}),
    case("打造了一座", "东城区在屯留区打造了一座“京屯”共享驿站。", ("establishedBy",),
         {("京屯共享驿站", "establishedBy", DC)}),
    case("回来-home", "大学毕业后，村民张强回来屯留区创业。", TRAVEL, set()),
    case("受邀请-来到", "受屯留区邀请东城区代表团来到屯留区考察。", TRAVEL, {(DC, "visited", "屯留区")}),
    case("signers-for-places", "东城区副区长王刚与屯留区副区长李强代表两地签署协议。", PARTNERS,
         {sym(DC, "signedAgreementWith", "屯留区")}),
    case("分别与-lists", "会上，东城区卫健委、东城区教委分别与屯留区卫健局、屯留区教育局签署合作协议。",
         PARTNERS, {sym("北京市东城区卫生健康委员会", "signedAgreementWith", "屯留区卫生健康局"),
                    sym("北京市东城区教育委员会", "signedAgreementWith", "屯留区教育局")}),
    case("与-one-and-a-list", "东城区卫健委与屯留区卫健局、屯留区教育局签署合作协议。", PARTNERS,
         {sym("北京市东城区卫生健康委员会", "signedAgreementWith", "屯留区卫生健康局"),
          sym("北京市东城区卫生健康委员会", "signedAgreementWith", "屯留区教育局")}),
    case("two-lists-no-分别", "东城区卫健委、东城区教委与屯留区卫健局、屯留区教育局签署合作协议。",
         PARTNERS, set()),
    case("partner-through-a-head", "屯留区树人小学校长邢瑛与东城区史家小学结对合作。", PARTNERS,
         {sym("屯留区树人小学", "partnerOf", "东城区史家小学")}),
    case("partner-through-two-heads", "东城区副区长王刚与屯留区副区长李强就深化合作进行座谈。", PARTNERS,
         {sym(DC, "partnerOf", "屯留区")}),
    case("speaker-is-no-actor", "潞州区人民医院院长张伟表示，医院已选派12名医护人员赴北京大学人民医院进修学习。",
         TRAVEL, {("潞州区人民医院", "trainedAt", "北京大学人民医院")}),
    case("专科联盟", "北京大学人民医院将与潞州区人民医院建立专科联盟。", PARTNERS,
         {sym("北京大学人民医院", "partnerOf", "潞州区人民医院")}),
    case("受到-no-travel", "屯留区的小米和瓜子受到北京市民青睐。", TRAVEL, set()),
    case("得到-no-travel", "屯留区农产品销量得到东城区商超认可。", TRAVEL, set()),
    case("送到-no-travel", "屯留区的小米送到了北京新发地市场。", TRAVEL, set()),
    case("回到-no-visit", "挂职干部王强回到东城区后继续关注屯留区发展。", TRAVEL, set()),
    case("应邀请-来到", "应屯留区邀请，东城区代表团来到屯留区考察。", TRAVEL,
         {(DC, "visited", "屯留区")}),
    # ---- faults found on a third held-out set of pages (relations)
    case("own-place-no-visit", "屯留区委书记李东升在会上说，欢迎各地客商到屯留区投资兴业。", TRAVEL,
         set()),
    case("研修", "屯留区教育局组织15名骨干教师赴东城区史家小学，参加为期一周的集中研修。", TRAVEL,
         {("屯留区教育局", "trainedAt", "东城区史家小学")}),
    case("project-由-援建", "余吾镇便民服务中心项目由东城区援建，总投资300万元，去年5月开工。",
         ("establishedBy",), {("余吾镇便民服务中心项目", "establishedBy", DC)}),
    case("全资子公司", "长治市绿源农业发展有限公司成立于2019年，是北京新发地农产品有限公司的全资子公司。",
         ("subOrganizationOf",),
         {("长治市绿源农业发展有限公司", "subOrganizationOf", "北京新发地农产品有限公司")}),
    case("为-the-subsidiary-of", "东城区商务局为北京新发地农产品有限公司的子公司提供贷款贴息。",
         ("subOrganizationOf",), set()),
    case("在-body-担任", "东城区史家小学副校长王欢，同时在屯留区树人小学担任副校长。", PEOPLE,
         {("王欢", "worksFor", "东城区史家小学"), ("王欢", "worksFor", "屯留区树人小学"),
          ("王欢", "jobTitle", "副校长")}),
    case("县长-works-for-the-government", "屯留区委副书记、区长王建国出席会议。"
         "屯留区人民政府与东城区人民政府签署合作协议。", PEOPLE,
         {("王建国", "worksFor", "屯留区委"), ("王建国", "worksFor", "屯留区人民政府"),
          ("王建国", "jobTitle", "副书记"), ("王建国", "jobTitle", "区长")}),
    case("副区长-of-a-place", "屯留区副区长李强出席。屯留区政府与东城区政府签订协议。", PEOPLE,
         {("李强", "worksFor", "屯留区人民政府"), ("李强", "jobTitle", "副区长")}),
    case("挂职-副区长-government", "东城区商务局副局长张强挂职担任屯留区委常委、副区长。"
         "屯留区政府与东城区政府签订协议。", PEOPLE,
         {("张强", "worksFor", "北京市东城区商务局"), ("张强", "jobTitle", "副局长"),
          ("张强", "worksFor", "屯留区委"), ("张强", "worksFor", "屯留区人民政府"),
          ("张强", "jobTitle", "常委"), ("张强", "jobTitle", "副区长")}),
    case("进驻", "东城区中医医院副院长张伟带领5名专家组成医疗队，6月起进驻屯留区人民医院。", TRAVEL,
         {("东城区中医医院", "visited", "屯留区人民医院"), ("张伟", "visited", "屯留区人民医院")}),
    case("来到-挂职-a-post", "东城区卫健委副主任张强来到屯留区，挂职屯留区委常委、副区长。", TRAVEL,
         set()),
    case("率-delegation", "屯留区委书记李东升率屯留区党政代表团赴东城区考察。", TRAVEL,
         {("屯留区", "visited", DC), ("李东升", "visited", DC)}),
    case("带领-bodies", "东城区副区长王刚带领东城区卫健委、东城区教委负责同志到屯留区调研。", TRAVEL,
         {("北京市东城区卫生健康委员会", "visited", "屯留区"),
          ("北京市东城区教育委员会", "visited", "屯留区"), ("王刚", "visited", "屯留区")}),
    case("两校-without-与", "东城区史家小学的5名教师来到屯留区树人小学支教。两校于2022年结为帮扶学校。",
         PARTNERS, {sym("东城区史家小学", "partnerOf", "屯留区树人小学")}),
    case("两校-three-schools", "东城区史家小学、和平里第一小学的教师来到屯留区树人小学支教。"
         "两校于2022年结为帮扶学校。", PARTNERS, set()),
    case("投资建设-project", "长治市绿源农业发展有限公司投资建设余吾镇肉牛养殖基地项目。", ("establishedBy",),
         {("余吾镇肉牛养殖基地项目", "establishedBy", "长治市绿源农业发展有限公司")}),
    case("签约-then-投资-sum-建设", "北京新发地农产品有限公司与屯留区人民政府签约，"
         "计划投资2亿元建设屯留区农产品冷链物流园项目。", ("establishedBy",),
         {("屯留区农产品冷链物流园项目", "establishedBy", "北京新发地农产品有限公司")}),
    case("project-named-with-the-brand", "山西晋丰农业科技有限公司今年在余吾镇落户。"
         "晋丰小米深加工项目总投资3000万元，计划明年投产。", ("establishedBy",),
         {("晋丰小米深加工项目", "establishedBy", "山西晋丰农业科技有限公司")}),
    case("project-named-with-a-place", "屯留农业发展有限公司负责运营。屯留区小米深加工项目总投资3000万元。",
         ("establishedBy",), set()),
    # a bare body word opening its clause stands for the article's one body of that kind
    case("bare-合作社", "屯留区康庄农业专业合作社去年收购小米200吨。合作社理事长王海说，今年还将扩大规模。"
         "去年，合作社与北京新发地农产品有限公司签订了购销协议。"
         "今年3月，东城区慈善协会向合作社捐赠了价值10万元的烘干设备。",
         PEOPLE + PARTNERS + ("donatedTo",),
         {("王海", "worksFor", "屯留区康庄农业专业合作社"), ("王海", "jobTitle", "理事长"),
          sym("北京新发地农产品有限公司", "signedAgreementWith", "屯留区康庄农业专业合作社"),
          ("东城区慈善协会", "donatedTo", "屯留区康庄农业专业合作社")}),
    case("bare-这个-中心-由-建设", "屯留区麟绛街道康庄社区养老服务中心正式运营。"
         "这个养老服务中心由屯留区民政局投资建设，委托长治市康宁养老服务有限公司运营。",
         ("establishedBy",),
         {("屯留区麟绛街道康庄社区养老服务中心", "establishedBy", "屯留区民政局")}),
    case("bare-该校", "9月1日，屯留区余吾镇中心学校新教学楼投入使用。\n开学当天，该校与东城区史家小学签订了共建协议。",
         PARTNERS, {sym("屯留区余吾镇中心学校", "signedAgreementWith", "东城区史家小学")}),
    case("bare-公司-two-companies", "长治市绿源农业发展有限公司与北京新发地农产品有限公司签约。"
         "公司董事长王海说，项目明年投产。", PEOPLE, {("王海", "jobTitle", "董事长")}),
    case("与-一道", "东城区中医医院专家团队与屯留区人民医院医护人员一道，来到余吾镇小南村，"
         "开展“送医下乡”义诊活动。", EVENTS + TRAVEL,
         {("东城区中医医院", "organizerOf", "送医下乡义诊活动"), ("东城区中医医院", "visited", "小南村"),
          ("屯留区人民医院", "organizerOf", "送医下乡义诊活动"), ("屯留区人民医院", "visited", "小南村")}),
    case("来到-then-开展-event", "东城区卫健委组织专家来到屯留区余吾镇小南村，开展“送医下乡”义诊活动。",
         ("locatedIn",), {("送医下乡义诊活动", "locatedIn", "小南村")}, about="送医下乡义诊活动"),
    case("event-在-举行", "5月20日，由东城区和屯留区联合举办的“潞州好物进东城”农产品推介会在东城区"
         "和平里街道举行。", ("locatedIn",),
         {("潞州好物进东城农产品推介会", "locatedIn", "和平里街道")}, about="潞州好物进东城农产品推介会"),
    case("body-在-举办-stands-elsewhere", "东城区文化和旅游局在屯留区举办“京屯同心”文化节。",
         ("locatedIn",), {("京屯同心文化节", "locatedIn", "屯留区")}, about="京屯同心文化节"),
    case("是-所在地", "屯留区余吾镇是著名的抗大一分校旧址所在地，每年吸引大量游客。", ("locatedIn",),
         {("抗大一分校旧址", "locatedIn", "余吾镇")}, about="抗大一分校旧址"),
    case("由-主办-then-承办", "“京屯同心”文化节由东城区文化和旅游局主办，屯留区文化和旅游局、"
         "屯留区融媒体中心承办。", EVENTS,
         {("北京市东城区文化和旅游局", "organizerOf", "京屯同心文化节"),
          ("屯留区文化和旅游局", "organizerOf", "京屯同心文化节"),
          ("屯留区融媒体中心", "organizerOf", "京屯同心文化节")}),
    case("接到-no-travel", "屯留区卫健局接到东城区卫健委的通知后立即部署。", TRAVEL, set()),
    # a later clause's shared subject is the secretary, not the party committee of the post
    case("secretary-leads-later-clauses", "6月3日，常熟市委书记王明华率常熟市党政代表团赴玛多县考察，"
         "先后来到玛多县人民医院、玛多县民族中学等地，看望援青干部。", TRAVEL,
         {("常熟市", "visited", "玛多县"), ("王明华", "visited", "玛多县"),
          ("王明华", "visited", "玛多县人民医院"), ("王明华", "visited", "玛多县民族中学"),
          # the delegation he leads goes along (gold of set6: gold; set1, set5: optional)
          ("常熟市", "visited", "玛多县人民医院"), ("常熟市", "visited", "玛多县民族中学")}),
    # A对口支援B / A对口帮扶B: the verb joins the paired sides, no 与 written
    case("pair-aid-verb", "这是北京市东城区对口支援山西省长治市屯留区以来建成的第20个项目。"
         "屯留区人民医院对口帮扶沁源县中医医院。", ("partnerOf",),
         {sym("北京市东城区", "partnerOf", "屯留区"), sym("屯留区人民医院", "partnerOf", "沁源县中医医院")}),
    # 赴PLACE，分别在A、B跟岗学习: trained at the bodies named after 在 as well as the place
    case("training-sites-after-destination", "4月，兴文县第二批15名教师赴普陀区，分别在普陀区曹杨第二中学、"
         "普陀区朝春中心小学跟岗学习两周。", TRAVEL,
         {("兴文县", "trainedAt", "普陀区"), ("兴文县", "trainedAt", "普陀区曹杨第二中学"),
          ("兴文县", "trainedAt", "普陀区朝春中心小学")}),
    # 由A主办、B承办: the organisers after 、 as after a comma
    case("由-主办-顿号-承办", "“京屯同心”文化节在屯留区举行。文化节由屯留区人民政府主办、"
         "屯留区文化和旅游局承办。", ("organizerOf",),
         {("屯留区人民政府", "organizerOf", "京屯同心文化节"),
          ("屯留区文化和旅游局", "organizerOf", "京屯同心文化节")}),
    # A在SCHOOL举办…培训班 with no attending body named: A's own people are trained there
    case("class-at-school-own-people", "10月,长治市委组织部在长治市委党校举办驻村第一书记能力提升培训班,"
         "全市200名驻村第一书记参加培训。", TRAVEL, {("长治市委组织部", "trainedAt", "长治市委党校")}),
    case("class-at-school-no-attendants", "10月,长治市委组织部在长治市委党校举办驻村第一书记能力提升培训班。",
         TRAVEL, set()),
    # A在SITE举办…培训班，C、D的医生参加培训: C and D are trained where the class is held
    case("class-site-attendants", "3月12日，东城区第一人民医院专家在屯留区人民医院举办首期乡村医生培训班，"
         "余吾镇卫生院、上村镇卫生院等8家乡镇卫生院的50名医生参加培训。", ("trainedAt",),
         {("余吾镇卫生院", "trainedAt", "屯留区人民医院"), ("上村镇卫生院", "trainedAt", "屯留区人民医院")}),
    # 双方 after a journey in its sentence: the travellers' body and where they came, not the
    # last pair named with 与 earlier in the article
    case("双方-after-travel", "东城区第二中学与屯留区第一中学签订结对协议。3月上旬，东城区第一人民医院"
         "院长王建明率专家团队来到屯留区人民医院，双方正式组建“京屯紧密型医联体”。", ("partnerOf",),
         {sym("北京市东城区第一人民医院", "partnerOf", "屯留区人民医院"),
          # a 结对 agreement pairs the schools that sign it
          sym("东城区第二中学", "partnerOf", "屯留区第一中学")}),
    # 由A与B共建的X: a joint institute set up by both
    case("由-与-共建的", "今年4月，由屯留区人民政府与山西农业大学共建的上党小米产业技术研究院在余吾镇揭牌成立。",
         ("establishedBy",),
         {("上党小米产业技术研究院", "establishedBy", "屯留区人民政府"),
          ("上党小米产业技术研究院", "establishedBy", "山西农业大学")}),
    # BODY聘请 … NAME担任TITLE: the engaging body (a bare 研究院 for the one named before)
    case("聘请-担任", "今年4月，上党小米产业技术研究院在余吾镇揭牌成立。研究院聘请山西农业大学农学院教授"
         "赵明远担任院长。", PEOPLE,
         {("赵明远", "jobTitle", "教授"), ("赵明远", "jobTitle", "院长"),
          ("赵明远", "worksFor", "山西农业大学农学院"), ("赵明远", "worksFor", "上党小米产业技术研究院")}),
    # a field written before a deputy's post stays with it (the title-modifier family), and a
    # post taken there is no visit
    case("title-modifier-教学", "3月，东城区史家小学数学教师王丽来到屯留区第一中学，担任屯留区第一中学教学副校长。",
         TRAVEL + PEOPLE,
         {("王丽", "jobTitle", "数学教师"), ("王丽", "jobTitle", "教学副校长"),
          ("王丽", "worksFor", "东城区史家小学"), ("王丽", "worksFor", "屯留区第一中学")}),
    # a post in a body the text names only there (a place opens its name): the post alone
    case("post-of-unknown-group", "2022年7月，屯留区发展和改革局副局长李建国来到沁源县，挂职任沁源县委常委、"
         "副县长，同时担任屯留区第三批援晋工作组组长。", ("jobTitle",),
         {("李建国", "jobTitle", "副局长"), ("李建国", "jobTitle", "常委"), ("李建国", "jobTitle", "副县长"),
          ("李建国", "jobTitle", "组长")}),
    # a body sending its people to help a body of its own kind is paired with it
    case("aid-there-same-kind", "2023年以来，东城区第一人民医院先后派出4批共19名医护人员到屯留区人民医院"
         "开展“组团式”帮扶。", ("partnerOf",),
         {sym("北京市东城区第一人民医院", "partnerOf", "屯留区人民医院")}),
    # a bare body word opening a travel clause (研究院专家团队深入X) is the body named before
    case("bare-body-travels", "今年4月，太行小米产业技术研究院在屯留区余吾镇揭牌成立。半年来，研究院专家团队"
         "先后20余次深入余吾镇、上村镇等地的谷子田开展技术指导。", TRAVEL,
         {("太行小米产业技术研究院", "visited", "余吾镇"), ("太行小米产业技术研究院", "visited", "上村镇")}),
    # a foundation's founding year (成立于2019年) like any body's
    case("foundation-founded", "9月1日，长治市上党乡村振兴基金会向屯留区余吾镇中心小学捐赠图书。据了解，"
         "长治市上党乡村振兴基金会成立于2019年，已累计投入公益资金600余万元。", DATES,
         {("长治市上党乡村振兴基金会", "foundingDate", "2019")}),
    # YEAR年，他牵头成立合作社: a year alone founds the body named (or bare) after 成立
    case("year-then-founded-bare-body", "走进余吾镇王家庄村，屯留区金穗小米专业合作社的分拣车间里一片繁忙。"
         "合作社理事长王德贵是土生土长的王家庄村人。2016年，他牵头成立合作社，社员从12户发展到326户。",
         DATES, {("屯留区金穗小米专业合作社", "foundingDate", "2016")}),
    # 送教送医到X: a service brought there, no visit (like 支教)
    case("送教送医-no-visit", "北京市东城区“组团”送教送医到长治市屯留区。", TRAVEL, set()),
    # 赴X挂职，分别在…任职: posts taken there, no training and no visit
    case("挂职-then-posts-there", "今年3月上旬，屯留区又选派3名优秀年轻干部赴沁源县挂职，分别在沁源县发展和改革局、"
         "沁源县农业农村局任职。", TRAVEL, set()),
    # 该校 with two schools in the article: the one the person just came to
    case("该校-the-school-came-to", "3月，东城区史家小学数学教师王丽来到屯留区第一中学，担任该校教学副校长。",
         PEOPLE,
         {("王丽", "jobTitle", "数学教师"), ("王丽", "jobTitle", "教学副校长"),
          ("王丽", "worksFor", "东城区史家小学"), ("王丽", "worksFor", "屯留区第一中学")}),
    # 出席会议: the meeting named just before by its head word, with every person listed
    # before the verb in a clause of their own (the body before a post only names the post)
    case("出席-bare-meeting", "9月3日，2024年长治—东城协作联席会议在长治市召开。东城区委副书记、区长王立新，"
         "屯留区委书记李红出席会议并讲话。", ("participatedIn",),
         {("王立新", "participatedIn", "2024年长治—东城协作联席会议"),
          ("李红", "participatedIn", "2024年长治—东城协作联席会议")}),
    # a body word no name stands for between two posts (居委会主任): the post before the 、 is
    # held in the body named before it
    case("unnamed-body-between-posts", "“老人吃得放心。”长治市潞州区英雄南路社区党委书记、居委会主任刘红梅介绍。",
         PEOPLE, {("刘红梅", "jobTitle", "主任"), ("刘红梅", "jobTitle", "书记"),
                  ("刘红梅", "worksFor", "英雄南路社区党委")}),
    # 退休教师 is a post left: none now; the post before it heads the article's one 服务队
    case("retired-no-post-bare-team", "这就是由余吾镇党委组建的余吾红枫志愿服务队。“我们都是退休的人。”"
         "服务队队长、退休教师王桂兰说。", PEOPLE,
         {("王桂兰", "jobTitle", "队长"), ("王桂兰", "worksFor", "余吾红枫志愿服务队")}),
    # 成立于DATE的X: the date founds the name the clause qualifies, not the body before it
    case("成立于-date-的-name", "这就是由余吾镇党委组建、成立于2022年5月的余吾红枫志愿服务队。", DATES,
         {("余吾红枫志愿服务队", "foundingDate", "2022-05")}),
    # X是BUREAU…引入的社会组织，DATE注册成立: the bureau brought X in, X is founded
    case("relative-clause-body-not-founded", "暖阳社工是长治市潞州区民政局通过政府购买服务引入的专业社会组织，"
         "2018年4月在潞州区注册成立，现有专职社工20名。", DATES, set()),
    # X在PLACE建成FACILITY: X built it, and it stands there; a town made into a base is no build
    case("在-place-建成-facility", "今年5月，山西晋韵农产品物流有限公司在余吾镇建成屯留区果蔬冷链仓储中心，"
         "项目总投资760万元。", ("establishedBy", "locatedIn"),
         {("屯留区果蔬冷链仓储中心", "establishedBy", "山西晋韵农产品物流有限公司"),
          ("屯留区果蔬冷链仓储中心", "locatedIn", "余吾镇"), ("屯留区果蔬冷链仓储中心", "locatedIn", "屯留区")},
         about="屯留区果蔬冷链仓储中心"),
    # a bank's branch stands in the place its name writes after the bank's, not in the bank's
    case("branch-in-its-place", "今年3月，中国建设银行屯留区支行与屯留区农业农村局签署合作协议。", ("locatedIn",),
         {("中国建设银行屯留区支行", "locatedIn", "屯留区")}, about="中国建设银行屯留区支行"),
    # a project named after its company's full name is the company's; PROJECT在X开工: it is
    # there, while a company that starts works somewhere stays where it is
    case("company-project-在-开工", "5月26日，山西晋穗种业有限公司屯留谷子良种繁育项目在屯留区余吾镇开工。",
         ("establishedBy", "locatedIn"),
         {("山西晋穗种业有限公司屯留谷子良种繁育项目", "establishedBy", "山西晋穗种业有限公司"),
          ("山西晋穗种业有限公司屯留谷子良种繁育项目", "locatedIn", "余吾镇"),
          ("山西晋穗种业有限公司屯留谷子良种繁育项目", "locatedIn", "屯留区")},
         about="山西晋穗种业有限公司屯留谷子良种繁育项目"),
    case("company-在-开工-stays", "5月26日，山西晋穗种业有限公司在屯留区余吾镇开工建设谷子良种繁育基地。",
         ("locatedIn",), {("山西晋穗种业有限公司", "locatedIn", "山西省")}, about="山西晋穗种业有限公司"),
    # 抵达 is a journey: the body whose trainees arrive is trained where they learn; a body
    # that sends a team there (由X选派的医疗队抵达Y) visits nothing
    case("抵达-training", "11月5日，长治市潞州区人力资源和社会保障局选派的第二批40名家政服务学员抵达北京，"
         "在北京劳动保障职业学院开始为期一个月的养老护理技能培训。", TRAVEL,
         {("潞州区人力资源和社会保障局", "trainedAt", "北京劳动保障职业学院"),
          ("潞州区人力资源和社会保障局", "trainedAt", "北京市")}),
    case("选派的-team-arrives-no-visit", "去年8月，由长治市卫生健康委员会选派的第三批医疗队抵达屯留区人民医院。",
         TRAVEL, set()),
    # PLACE人的: the place's people, whose homes goods reach; no place is visited
    case("demonym-no-visit", "让屯留区的小米更快走进北京人的厨房，关键在“最先一公里”。", TRAVEL, set()),
    # A与B签订PROJECT投资协议: the company among the two builds the project; 与C签订 with no
    # signer before it in the next clause is the same signer again
    case("signed-project-elided-signer", "签约仪式上，扬州经济技术开发区管理委员会与江苏润华新能源科技有限公司"
         "签订光伏组件智能制造项目投资协议，项目总投资20亿元；与扬州恒通机械股份有限公司签订精密齿轮箱"
         "生产基地项目投资协议，项目总投资5亿元。", ("establishedBy", "signedAgreementWith"),
         {("光伏组件智能制造项目", "establishedBy", "江苏润华新能源科技有限公司"),
          ("精密齿轮箱生产基地项目", "establishedBy", "扬州恒通机械股份有限公司"),
          sym("扬州经济技术开发区管理委员会", "signedAgreementWith", "江苏润华新能源科技有限公司"),
          sym("扬州经济技术开发区管理委员会", "signedAgreementWith", "扬州恒通机械股份有限公司")}),
    # 由X实施的PROJECT: X builds it; PROJECT正在PLACE加紧建设: it stands there
    case("由-实施的-project-正在-建设", "目前，由宁夏塞上枸杞食品有限公司实施的中宁县枸杞深加工项目正在石空镇"
         "加紧建设。", ("establishedBy", "locatedIn"),
         {("中宁县枸杞深加工项目", "establishedBy", "宁夏塞上枸杞食品有限公司"),
          ("中宁县枸杞深加工项目", "locatedIn", "石空镇"), ("中宁县枸杞深加工项目", "locatedIn", "中宁县")},
         about="中宁县枸杞深加工项目"),
    case("company-在-建设-stays", "宁夏塞上枸杞食品有限公司正在石空镇加紧建设枸杞深加工项目。", ("locatedIn",),
         {("宁夏塞上枸杞食品有限公司", "locatedIn", "宁夏回族自治区")}, about="宁夏塞上枸杞食品有限公司"),
    # 由X援建的SCHOOL交付使用。该项目位于PLACE，总投资…: the school built is what 该项目 means
    case("援建的-school-该项目-figures", "6月18日，由南京援藏资金援建的墨竹工卡县宁墨小学正式交付使用。"
         "该项目位于工卡镇，总投资3200万元，其中南京援藏资金2800万元，2023年4月开工建设。",
         FIGURES + DATES + ("locatedIn",),
         {("墨竹工卡县宁墨小学", "totalInvestment", "32000000"),
          ("墨竹工卡县宁墨小学", "cooperationFunding", "28000000"),
          ("墨竹工卡县宁墨小学", "startDate", "2023-04"),
          ("墨竹工卡县宁墨小学", "locatedIn", "工卡镇"), ("墨竹工卡县宁墨小学", "locatedIn", "墨竹工卡县")},
         about="墨竹工卡县宁墨小学"),
    # EVENT在PLACE启动: the event is held there
    case("event-在-启动-sited", "4月23日，“书香金陵”全民阅读活动在玄武区玄武门街道启动。", ("locatedIn",),
         {("书香金陵全民阅读活动", "locatedIn", "玄武门街道")}, about="书香金陵全民阅读活动"),
    # DATE设立 right after the date founds the thing named before; 联合成立“X”: X is founded,
    # not the bodies that found it
    case("date-设立-founds", "南京江北新区智能制造产业园规划面积12平方公里，2019年5月设立，目前已入驻企业80家。",
         DATES, {("南京江北新区智能制造产业园", "foundingDate", "2019-05")}),
    case("联合成立-named-not-the-founders", "10月9日，南京市作家协会与南京市第一中学联合成立“青春文学社”，"
         "首批吸收学生会员80名。", DATES, set()),
    # 代表性传承人X: the heritage bearer's title
    case("传承人-title", "在秦淮区的灯彩工坊里，62岁的秦淮灯彩省级代表性传承人陈立华正在扎制荷花灯。", PEOPLE,
         {("陈立华", "jobTitle", "传承人")}),
    # 赴PLACE参加EVENT: the event is held where they went
    case("赴-place-参加-event-sited", "7月10日至17日，墨竹工卡县40名师生赴南京参加“宁墨同心”研学夏令营。",
         ("locatedIn",), {("宁墨同心研学夏令营", "locatedIn", "南京市")}, about="宁墨同心研学夏令营"),
    case("signed-project-two-companies-no-builder", "江苏润华新能源科技有限公司与扬州恒通机械股份有限公司"
         "签订光伏组件智能制造项目合作协议。", ("establishedBy",), set()),
]


@pytest.mark.parametrize("text, predicates, expected, about", CASES)
def test_relations(text, predicates, expected, about):
    assert_triples(expected, triples(extract(text), *predicates, about=about))


def test_amount_qualifier_is_kept():
    result = extract("屯留区中药材加工项目计划投资约3000万元。")
    assert qualified(result, "totalInvestment") == {("屯留区中药材加工项目", "30000000", "约")}


def test_a_donation_carries_its_sum():
    result = extract("北京银行西城支行向平顺县教育局捐赠助学资金200万元。")
    (fact,) = [f for f in result.facts if f.predicate == "donatedTo"]
    assert {m.label for m in result.mentions if m.key == fact.subject} == {"北京银行西城支行"}
    assert (fact.amount, fact.qualifier) == ("2000000", "")
    fact = next(f for f in extract("三家基金会为屯留区捐赠350余万元的药品。宋庆龄基金会为屯留区捐赠350余万元的药品。").facts
                if f.predicate == "donatedTo")
    assert (fact.amount, fact.qualifier) == ("3500000", "余")


def donations(text: str) -> dict[str, tuple[str, str, int]]:
    """donor label -> (amount, qualifier, joint_donors) of the donatedTo facts of ``text``."""
    result = extract(text)
    labels = {m.key: m.label for m in result.mentions}
    return {labels[f.subject]: (f.amount, f.qualifier, f.joint_donors)
            for f in result.facts if f.predicate == "donatedTo"}


def test_a_sum_several_donors_give_together_says_how_many():
    # one sum of 3.5 million from the four, not 3.5 million from each
    got = donations("江西济民药业宋庆龄基金会、中国儿童少年基金会、中国妇女基金会为屯留区捐赠"
                    "350余万元的药品、儿童推车、安全座椅等物品。")
    assert got == {name: ("3500000", "余", 4) for name in
                   ("江西济民药业", "宋庆龄基金会", "中国儿童少年基金会", "中国妇女基金会")}
    got = donations("中国儿童少年基金会、中国妇女基金会为屯留区捐赠100万元。")
    assert got == {"中国儿童少年基金会": ("1000000", "", 2), "中国妇女基金会": ("1000000", "", 2)}


@pytest.mark.parametrize("text", [
    "中国红十字会为东城区捐赠50万元，中国妇女基金会为东城区捐赠50万元。",  # two gifts
    "中国儿童少年基金会、中国妇女基金会为屯留区各捐赠100万元的药品。",  # 各: each its own
    "中国儿童少年基金会、中国妇女基金会分别为屯留区捐赠100万元。",
])
def test_a_donor_s_own_sum_has_no_joint_mark(text):
    got = donations(text)
    assert len(got) == 2 and {v[2] for v in got.values()} == {0}
    assert {v[0] for v in got.values()} == {"500000" if "50万元" in text else "1000000"}


@pytest.mark.parametrize("text", [
    "中国儿童少年基金会、中国妇女基金会为屯留区捐赠各类物资价值100万元。",
    "中国儿童少年基金会、中国妇女基金会为屯留区各族群众捐赠100万元。",
])
def test_a_word_with_ge_that_distributes_nothing_keeps_the_joint_mark(text):
    got = donations(text)
    assert {v[2] for v in got.values()} == {2}


def test_no_sum_no_joint_mark():
    got = donations("中国儿童少年基金会、中国妇女基金会为屯留区捐赠药品。")
    assert got == {"中国儿童少年基金会": ("", "", 0), "中国妇女基金会": ("", "", 0)}


def test_a_division_known_from_the_gazetteer_says_so():
    facts = extract("沁源县外卖小哥享受温暖。").facts
    (fact,) = [f for f in facts if f.predicate == "locatedIn"]
    assert fact.basis == "gazetteer"
    (fact,) = [f for f in extract("山西省长治市沁源县开展活动。").facts
               if f.predicate == "locatedIn" and f.obj.endswith("长治市")]
    assert fact.basis == ""  # written as a chain in the sentence


def test_facts_carry_their_sentence():
    text = "屯留区召开推进会。东城区代表团来到屯留区考察。"
    (fact,) = [f for f in extract(text).facts if f.predicate == "visited"]
    assert fact.evidence.text == "东城区代表团来到屯留区考察。"
    assert text[fact.evidence.start:fact.evidence.end] == fact.evidence.text
