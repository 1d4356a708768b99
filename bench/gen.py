#!/usr/bin/env python3
"""bench/gen.py: deterministic corpora of realistic performance target
tables (绩效目标表) for the benchmarks of bench/run.py.

    python3 bench/gen.py --out DIR --size 1MB|10MB|100MB|dir10k [--seed N]
                         [--ptlc build/ptlc]

--size 1MB, 10MB, 100MB writes DIR/SIZE.ptl, one file of at least that many
bytes (MB = 10^6 bytes); dir10k writes DIR/dir10k/, 10,000 files of about
5 KB, one table each. With --ptlc the corpus is then checked (`ptlc check`,
which must report no error; warnings are counted and printed) and its
equivalent JSON written beside it: DIR/SIZE.json, which is exactly what
`ptlc build --format json` of the same files writes (the checked model,
indented, with every table's file, line and column).

What a corpus holds, as real tables do (tests/real/ is the reference):
departments (部门整体支出绩效目标表) with a budget whose lines add up to the
fen (资金总额 = the sources = 基本支出 + 项目支出), each followed by its
projects (项目支出绩效目标表, linked with `department`), whose amounts add up
to the department's 项目支出 exactly; about 40 indicators per table under
the 101号 framework (most tables), the old framework (成本指标 under
产出指标) and the provincial ones of stdlib/frameworks.ptl (sichuan, gansu,
transfer88); the units of real tables (万元, %, 次, 人, 天, 个, 户, 辆,
平方米 …, dates, unit costs 元/人), 定性 targets with Chinese text, Chinese
names, duties and goals of realistic length, a tenth of the tables in
Chinese keywords, and comments.

Everything comes from one seeded random.Random per department group (no
time, no os randomness), so a run gives the same bytes on every machine,
and the 1 MB file is the start of the 10 MB one, which is the start of the
100 MB one."""

import argparse
import math
import os
import random
import re
import shutil
import subprocess
import sys
import time

# ===== places and bodies ====================================================

# province, city, districts (county-level names are unique in this list, so
# district + body names a department, and names its projects, uniquely)
PLACES = [
    ("湖南省", "长沙市", "芙蓉区 天心区 岳麓区 开福区 雨花区 望城区 长沙县 浏阳市 宁乡市"),
    ("湖南省", "株洲市", "荷塘区 芦淞区 石峰区 天元区 渌口区 攸县 茶陵县 炎陵县 醴陵市"),
    ("湖南省", "湘潭市", "雨湖区 岳塘区 湘潭县 湘乡市 韶山市"),
    ("湖南省", "衡阳市", "珠晖区 雁峰区 石鼓区 蒸湘区 南岳区 衡阳县 衡南县 衡山县 衡东县 祁东县 耒阳市 常宁市"),
    ("湖南省", "岳阳市", "岳阳楼区 云溪区 君山区 岳阳县 华容县 湘阴县 平江县 汨罗市 临湘市"),
    ("湖南省", "常德市", "武陵区 鼎城区 安乡县 汉寿县 澧县 临澧县 桃源县 石门县 津市市"),
    ("湖南省", "益阳市", "资阳区 赫山区 南县 桃江县 安化县 沅江市"),
    ("湖南省", "郴州市", "北湖区 苏仙区 桂阳县 宜章县 永兴县 嘉禾县 临武县 汝城县 桂东县 安仁县 资兴市"),
    ("湖南省", "邵阳市", "双清区 大祥区 北塔区 新邵县 邵阳县 隆回县 洞口县 绥宁县 新宁县 城步苗族自治县 武冈市 邵东市"),
    ("湖北省", "武汉市", "江岸区 江汉区 硚口区 汉阳区 武昌区 青山区 洪山区 东西湖区 汉南区 蔡甸区 江夏区 黄陂区 新洲区"),
    ("湖北省", "鄂州市", "梁子湖区 华容区 鄂城区"),
    ("湖北省", "孝感市", "孝南区 孝昌县 大悟县 云梦县 应城市 安陆市 汉川市"),
    ("湖北省", "黄冈市", "黄州区 团风县 红安县 罗田县 英山县 浠水县 蕲春县 黄梅县 麻城市 武穴市"),
    ("湖北省", "随州市", "曾都区 随县 广水市"),
    ("湖北省", "宜昌市", "西陵区 伍家岗区 点军区 猇亭区 夷陵区 远安县 兴山县 秭归县 长阳土家族自治县 宜都市 当阳市 枝江市"),
    ("安徽省", "合肥市", "瑶海区 庐阳区 蜀山区 包河区 长丰县 肥东县 肥西县 庐江县 巢湖市"),
    ("安徽省", "池州市", "贵池区 东至县 石台县 青阳县"),
    ("安徽省", "淮北市", "杜集区 相山区 烈山区 濉溪县"),
    ("安徽省", "宿州市", "埇桥区 砀山县 萧县 灵璧县 泗县"),
    ("安徽省", "安庆市", "迎江区 大观区 宜秀区 怀宁县 太湖县 宿松县 望江县 岳西县 桐城市 潜山市"),
    ("四川省", "广元市", "利州区 昭化区 朝天区 旺苍县 青川县 剑阁县 苍溪县"),
    ("四川省", "泸州市", "江阳区 纳溪区 龙马潭区 泸县 合江县 叙永县 古蔺县"),
    ("四川省", "绵阳市", "涪城区 游仙区 安州区 三台县 盐亭县 梓潼县 北川羌族自治县 平武县 江油市"),
    ("四川省", "南充市", "顺庆区 高坪区 嘉陵区 南部县 营山县 蓬安县 仪陇县 西充县 阆中市"),
    ("甘肃省", "兰州市", "城关区 七里河区 西固区 安宁区 红古区 永登县 皋兰县 榆中县"),
    ("甘肃省", "天水市", "秦州区 麦积区 清水县 秦安县 甘谷县 武山县 张家川回族自治县"),
    ("甘肃省", "张掖市", "甘州区 肃南裕固族自治县 民乐县 临泽县 高台县 山丹县"),
    ("重庆市", "重庆市", "万州区 涪陵区 渝中区 大渡口区 江北区 沙坪坝区 九龙坡区 南岸区 北碚区 巴南区 奉节县 云阳县 巫山县"),
    ("江西省", "赣州市", "章贡区 南康区 赣县区 信丰县 大余县 上犹县 崇义县 安远县 定南县 全南县 宁都县 于都县 兴国县 会昌县 寻乌县 石城县 瑞金市"),
    ("河南省", "信阳市", "浉河区 平桥区 罗山县 光山县 新县 商城县 固始县 潢川县 淮滨县 息县"),
    ("广东省", "韶关市", "武江区 浈江区 曲江区 始兴县 仁化县 翁源县 乳源瑶族自治县 新丰县 乐昌市 南雄市"),
    ("山西省", "阳泉市", "城区 矿区 郊区 平定县 盂县"),
]

# the frameworks each province's tables follow, by weight; most use 101号
PROVINCE_FRAMEWORKS = {
    "四川省": [("new", 5), ("sichuan", 4), ("old", 1)],
    "甘肃省": [("new", 5), ("gansu", 4), ("old", 1)],
}
DEFAULT_FRAMEWORKS = [("new", 14), ("old", 4), ("transfer88", 1)]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万覃武钱严莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力兰林斌宇浩凯健俊帆鹏晨心蕊欣怡梓涵子轩雨泽思远嘉豪志国春梅海燕德胜卫东立新正阳"


# ===== what each kind of body does ==========================================
#
# An indicator is a spec string, parsed once by spec():
#   "名称|UNIT|LO|HI"        a target >= a whole number in LO..HI (= when it is
#                            HI and HI is 100 %); UNIT "%" for a rate
#   "名称|<UNIT|LO|HI"       an upper bound (<=): complaints, error rates, times
#   "名称|~%|LO|HI"          a range = LO..HI %
#   "名称|Q|值一;值二"       a 定性 target, one of the texts
#   "名称|D"                 a date: on or before a day of the budget year
#   "名称|M"                 a month of the budget year (2026年11月)

DOMAINS = {
    "edu": dict(
        bodies=["教育局", "第一中学", "实验小学", "职业中等专业学校", "教师发展中心", "第二中学", "特殊教育学校"],
        duty=["贯彻执行国家教育方针政策，统筹规划和管理全区各级各类教育事业",
              "负责义务教育均衡发展和学前教育普及普惠工作",
              "负责学生资助政策落实，保障家庭经济困难学生顺利完成学业",
              "负责中小学教师队伍建设和教师继续教育培训工作",
              "负责校园安全稳定和校舍安全管理工作",
              "指导学校德育、体育卫生与艺术教育及国防教育工作"],
        projects=["学生资助专项资金", "义务教育薄弱环节改善与能力提升", "中小学教师培训专项", "校园安全保障经费",
                  "学前教育发展专项资金", "中小学校舍维修改造工程", "农村义务教育学生营养改善计划",
                  "教育信息化建设项目", "普通高中教育质量提升工程", "校车运营补助资金", "课后服务经费"],
        qty=["资助家庭经济困难学生|人|200|6000", "培训中小学教师|人次|300|4000", "维修改造校舍面积|平方米|800|26000",
             "新增公办幼儿园学位|个|60|1800", "配备多媒体教学设备|台|40|900", "开展校园安全隐患排查|次|12|48",
             "覆盖中小学校|所|8|120", "享受营养改善计划学生|人|1500|30000", "建设智慧教室|间|10|160",
             "开展教研活动|场|10|90", "运营校车|辆|6|80", "新建学生食堂面积|平方米|500|6000"],
        quality=["资助资金发放准确率|%|96|100", "教师培训合格率|%|92|99", "校舍维修工程验收合格率|%|98|100",
                 "食品安全抽检合格率|%|97|100", "义务教育巩固率|%|96|99", "学前三年毛入园率|%|88|96",
                 "校园安全责任事故发生率|<%|0|1", "教学设备完好率|%|93|99", "学生体质健康测试达标率|%|88|96"],
        time=["资助资金发放及时率|%|95|100", "秋季学期资助资金发放完成时间|D", "维修改造工程完工时间|D",
              "教师培训计划完成时间|M"],
        econ=["减轻困难家庭教育支出|元/户|800|3000"],
        social=["家庭经济困难学生应助尽助|Q|达到;全部落实", "适龄儿童入学率|%|98|100",
                "学校办学条件达标情况|Q|达标;基本达标", "校园安全事故|<起|0|2", "教师专业素养达标率|%|90|98"],
        eco=["校园绿化覆盖率|%|35|48", "校园节能改造后能耗下降幅度|%|5|15"],
        sustain=["教育资源配置长效机制|Q|建立;已建立并运行", "优质教育资源覆盖面|Q|逐年扩大到全部乡镇"],
        satis=["学生满意度|%|86|96", "家长满意度|%|85|95", "受训教师满意度|%|88|96"],
        costs=["资助资金", "教师培训费", "维修改造工程费", "设备购置费", "校车运营补助", "食材采购费"],
        unit_costs=["生均资助标准|元/人|人", "人均培训成本|元/人次|人次", "每平方米维修成本|元/平方米|平方米"],
    ),
    "civil": dict(
        bodies=["民政局", "社会福利院", "残疾人联合会", "退役军人事务局", "救助管理站", "老龄工作委员会办公室"],
        duty=["贯彻执行民政工作法律法规和方针政策，负责社会救助体系建设",
              "负责城乡最低生活保障、特困人员供养和临时救助工作",
              "统筹推进养老服务体系建设，指导养老机构管理",
              "负责残疾人康复、教育、就业和权益保障工作",
              "负责退役军人移交安置、优抚褒扬和服务保障工作",
              "负责社会组织登记管理、行政区划和地名管理工作"],
        projects=["城乡最低生活保障资金", "特困人员救助供养资金", "临时救助资金", "居家和社区养老服务改革",
                  "困难残疾人生活补贴和重度残疾人护理补贴", "孤儿基本生活保障资金", "优抚对象抚恤补助",
                  "退役军人就业创业培训", "流浪乞讨人员救助管理", "殡葬改革惠民补助"],
        qty=["保障城乡低保对象|人|600|18000", "救助特困供养人员|人|80|2500", "实施临时救助|人次|100|3000",
             "建设社区养老服务站|个|3|40", "发放残疾人两项补贴|人|300|8000", "开展退役军人技能培训|人次|50|900",
             "走访慰问困难群众|户|100|2600", "救助流浪乞讨人员|人次|30|600", "开展低保对象入户核查|户|200|5000",
             "新增养老床位|张|40|600", "培训养老护理员|人次|30|400"],
        quality=["低保对象认定准确率|%|95|100", "救助资金社会化发放率|%|96|100", "特困人员集中供养服务达标率|%|90|98",
                 "残疾人两项补贴发放准确率|%|97|100", "养老服务站建成验收合格率|%|96|100",
                 "救助对象信息录入错误率|<%|0|2"],
        time=["救助资金按月发放到位率|%|96|100", "临时救助审批时限|<个工作日|3|10", "年度救助资金发放完成时间|D",
              "低保动态调整完成时间|M"],
        econ=["人均救助补助标准增长|元/人|20|180"],
        social=["困难群众基本生活保障|Q|得到保障;兜底保障到位", "应保尽保对象覆盖率|%|97|100",
                "因救助不到位引发的信访事件|<起|0|2", "社会救助政策知晓率|%|85|95", "退役军人就业率|%|80|95"],
        eco=["养老机构消防安全达标率|%|95|100"],
        sustain=["社会救助长效机制|Q|建立;健全"],
        satis=["救助对象满意度|%|88|96", "服务对象综合满意度|%|86|95", "老年人满意度|%|87|96"],
        costs=["低保资金", "特困供养资金", "临时救助资金", "养老服务补助", "护理补贴资金", "培训经费"],
        unit_costs=["人均月低保补助|元/人·月|人", "户均慰问标准|元/户|户", "人均培训补助|元/人次|人次"],
    ),
    "agri": dict(
        bodies=["农业农村局", "乡村振兴局", "林业局", "农业综合行政执法大队", "动物疫病预防控制中心", "农业技术推广中心", "水产服务中心"],
        duty=["贯彻落实党中央关于三农工作的方针政策，统筹推进乡村振兴战略实施",
              "负责高标准农田建设、耕地质量保护和农业综合开发工作",
              "负责粮食等主要农产品生产，推进农业结构调整和品牌建设",
              "负责动物疫病防控、农产品质量安全监管和农业执法工作",
              "负责巩固拓展脱贫攻坚成果同乡村振兴有效衔接工作",
              "负责森林资源保护、造林绿化和林业有害生物防治工作"],
        projects=["高标准农田建设项目", "耕地地力保护补贴", "农机购置与应用补贴", "动物防疫补助经费",
                  "农产品质量安全监管", "乡村振兴衔接资金产业发展项目", "森林防火专项经费", "油茶产业发展项目",
                  "农村人居环境整治提升", "稻渔综合种养示范", "基层农技推广体系改革与建设"],
        qty=["建设高标准农田|亩|2000|60000", "发放耕地地力保护补贴面积|亩|10000|300000", "补贴农业机械|台|60|1500",
             "完成重大动物疫病强制免疫|万头|5|80", "开展农产品质量安全抽检|批次|200|3000", "培训高素质农民|人|80|1500",
             "新造油茶林|亩|500|8000", "改造农村户用卫生厕所|户|200|4000", "建设产业路|公里|3|60",
             "扶持农民专业合作社|家|5|60", "开展森林防火巡护|天|200|365", "推广绿色防控技术面积|亩|3000|50000"],
        quality=["高标准农田建设验收合格率|%|96|100", "农产品质量安全监测合格率|%|97|99", "强制免疫密度|%|90|98",
                 "补贴资金发放准确率|%|98|100", "农业技术到位率|%|90|98", "造林成活率|%|85|95",
                 "森林火灾受害率|<‰|0|1"],
        time=["项目开工时间|D", "补贴资金兑付完成时间|D", "春防免疫完成时间|M", "工程竣工验收完成率|%|92|100"],
        econ=["项目区亩均增产粮食|斤|80|200", "带动脱贫户人均增收|元/人|500|3000", "农机作业综合收入增加|万元|20|400"],
        social=["带动农户就业|人|50|1200", "粮食综合生产能力|Q|稳定在上年水平以上;不低于上年",
                "受益农户|户|300|9000", "区域性重大动物疫情发生|<起|0|1", "农民培训后就业创业率|%|70|90"],
        eco=["化肥农药使用量较上年下降率|%|2|8", "畜禽粪污资源化利用率|%|80|92", "森林覆盖率|%|45|68",
             "农村生活垃圾有效治理的行政村占比|%|90|99"],
        sustain=["工程设施使用年限|年|10|20", "管护机制|Q|建立;健全并落实", "农业产业发展后劲|Q|较好;好"],
        satis=["受益农户满意度|%|86|96", "项目区群众满意度|%|85|95", "参训农民满意度|%|88|96"],
        costs=["工程建设费", "补贴资金", "疫苗采购费", "检测费", "苗木采购费", "培训费", "监理费"],
        unit_costs=["亩均建设成本|元/亩|亩", "户均改厕补助|元/户|户", "每公里产业路建设成本|元/公里|公里"],
    ),
    "transport": dict(
        bodies=["交通运输局", "公路建设养护中心", "道路运输服务中心", "地方海事处", "城市公共交通服务中心"],
        duty=["负责全区公路、水路交通行业规划和建设管理工作",
              "负责农村公路建设、养护和管理，推进四好农村路建设",
              "负责道路运输、城市公交和出租汽车行业监管",
              "负责交通运输安全生产监督管理和应急处置工作",
              "负责地方水上交通安全监管和渡口渡船管理工作"],
        projects=["农村公路养护工程", "四好农村路建设项目", "危桥改造工程", "城市公交运营补贴",
                  "农村客运补贴资金", "公路安全生命防护工程", "渡口渡船安全管理经费", "交通运输综合执法经费"],
        qty=["完成农村公路养护里程|公里|80|1600", "新建改造农村公路|公里|10|180", "改造危桥|座|2|30",
             "补贴城市公交车辆|辆|30|600", "开通农村客运班线|条|5|80", "增设安全防护栏|公里|5|120",
             "开展交通安全专项检查|次|12|100", "管理渡口|处|3|40", "培训从业人员|人次|100|3000",
             "更换新能源公交车|辆|5|120"],
        quality=["农村公路优良中等路率|%|75|90", "工程交工验收合格率|%|98|100", "公交车辆完好率|%|92|99",
                 "路面病害处治合格率|%|93|99", "客运班线正常运营率|%|90|98", "重大交通安全事故发生率|<%|0|1"],
        time=["养护工程完工时间|D", "补贴资金拨付及时率|%|95|100", "危桥改造工程竣工时间|M", "病害处治时限|<天|2|15"],
        econ=["降低群众出行成本|元/人|20|180", "带动沿线产业增收|万元|50|900"],
        social=["建制村通客车率|%|97|100", "群众出行条件|Q|达到预期;好", "道路交通安全形势|Q|平稳;总体平稳",
                "重特大交通事故|<起|0|1", "公交出行分担率|%|20|45"],
        eco=["新能源公交车占比|%|45|90", "施工扬尘治理达标率|%|92|100"],
        sustain=["农村公路长效管护机制|Q|建立;健全", "公路使用年限|年|8|15"],
        satis=["沿线群众满意度|%|85|95", "乘客满意度|%|86|95"],
        costs=["养护工程费", "建设工程费", "公交运营补贴", "安全设施费", "执法装备购置费", "监理费"],
        unit_costs=["每公里养护成本|元/公里|公里", "单车运营补贴|元/辆|辆"],
    ),
    "water": dict(
        bodies=["水利局", "水旱灾害防御中心", "河湖保护中心", "水土保持监督站", "灌区管理所"],
        duty=["负责水资源合理开发利用和节约保护工作",
              "负责水利工程建设与运行管理，组织实施农村饮水安全工程",
              "负责水旱灾害防御，承担防汛抗旱指挥部日常工作",
              "负责河湖长制日常工作和河道采砂管理",
              "负责水土保持工作，组织水土流失综合防治"],
        projects=["农村供水保障工程", "小型水库除险加固", "中小河流治理项目", "山洪灾害防治非工程措施",
                  "河湖长制工作经费", "水土保持综合治理", "灌区续建配套与节水改造", "防汛抗旱物资储备"],
        qty=["新建改造供水管网|公里|10|260", "完成小型水库除险加固|座|2|30", "治理河道长度|公里|3|50",
             "建设自动雨量监测站|个|5|60", "开展河湖巡查|次|100|2400", "治理水土流失面积|平方公里|3|60",
             "改善灌溉面积|亩|2000|50000", "储备防汛砂石料|立方米|500|6000", "开展防汛应急演练|场|2|20",
             "清理河道垃圾|吨|50|2000"],
        quality=["农村自来水普及率|%|88|97", "供水水质达标率|%|92|99", "工程验收合格率|%|97|100",
                 "监测设备完好率|%|92|99", "河湖四乱问题整改销号率|%|95|100"],
        time=["除险加固工程完工时间|D", "汛前准备工作完成时间|M", "问题整改时限|<天|7|30"],
        econ=["年新增节水量|万立方米|20|400", "减少洪涝灾害损失|万元|100|3000"],
        social=["受益人口|人|3000|90000", "农村饮水安全保障水平|Q|达到国家标准;稳定达标",
                "山洪灾害人员伤亡事件|<起|0|1", "防汛预警信息覆盖率|%|95|100"],
        eco=["水土流失治理度|%|70|90", "河湖水质优良比例|%|80|96", "水功能区水质达标率|%|85|96"],
        sustain=["工程运行管护机制|Q|健全;建立并落实", "工程设计使用年限|年|15|30"],
        satis=["受益群众满意度|%|86|96", "沿河群众满意度|%|85|95"],
        costs=["工程建设费", "设备购置费", "巡查保洁经费", "物资采购费", "勘察设计费", "监理费"],
        unit_costs=["每公里管网建设成本|元/公里|公里", "亩均灌溉改造成本|元/亩|亩"],
    ),
    "health": dict(
        bodies=["卫生健康局", "疾病预防控制中心", "妇幼保健计划生育服务中心", "人民医院", "中医医院", "医疗保障局", "卫生健康综合监督执法局"],
        duty=["负责制定卫生健康事业发展规划，统筹医疗卫生资源配置",
              "负责疾病预防控制和突发公共卫生事件应急处置工作",
              "负责基本公共卫生服务项目的组织实施和绩效考核",
              "负责妇幼健康服务和计划生育家庭扶助工作",
              "负责基本医疗保险、生育保险和医疗救助政策的落实",
              "负责医疗卫生行业监督执法和职业健康监管"],
        projects=["基本公共卫生服务项目", "重大传染病防控经费", "计划生育家庭特别扶助金", "基层医疗卫生机构能力建设",
                  "城乡居民医疗救助资金", "妇女两癌免费筛查", "村医补助经费", "免费孕前优生健康检查",
                  "严重精神障碍患者管理", "急救体系建设项目"],
        qty=["建立居民电子健康档案|人|20000|600000", "开展65岁以上老年人健康体检|人|3000|60000",
             "完成适龄儿童免疫规划疫苗接种|人次|5000|90000", "开展两癌筛查|人|1000|20000",
             "发放特别扶助金|人|100|3000", "资助困难群众参保|人|2000|40000", "培训基层卫生人员|人次|100|2000",
             "开展卫生监督检查|户次|200|5000", "配备急救车辆|辆|2|20", "实施医疗救助|人次|500|12000",
             "管理在册严重精神障碍患者|人|200|3000"],
        quality=["居民电子健康档案规范化建档率|%|88|96", "适龄儿童免疫规划疫苗接种率|%|92|99",
                 "高血压患者规范管理率|%|70|85", "扶助金发放准确率|%|98|100", "两癌筛查目标人群覆盖率|%|80|95",
                 "医疗救助政策落实率|%|97|100", "孕产妇系统管理率|%|90|97"],
        time=["扶助资金发放完成时间|D", "救助资金结算时限|<个工作日|5|20", "传染病报告及时率|%|96|100",
              "体检工作完成时间|M"],
        econ=["减轻困难群众医疗费用负担|万元|100|3000", "人均医疗费用自付减少|元/人|50|400"],
        social=["新生儿死亡率|<‰|1|4", "甲乙类传染病报告发病率控制在目标范围内|Q|达到;是",
                "居民健康素养水平|%|25|35", "重点人群健康管理水平|Q|高于上年;不低于全省平均水平",
                "突发公共卫生事件处置率|%|97|100"],
        eco=["医疗废物规范处置率|%|98|100"],
        sustain=["基层首诊分级诊疗格局|Q|初步形成;形成", "公共卫生服务能力|Q|稳定运行"],
        satis=["居民满意度|%|85|95", "患者满意度|%|88|96", "服务对象综合满意度|%|86|96"],
        costs=["基本公共卫生服务补助", "疫苗及耗材采购费", "扶助资金", "设备购置费", "筛查检查费", "救助资金"],
        unit_costs=["人均基本公共卫生服务补助|元/人|人", "人均筛查成本|元/人|人"],
    ),
    "culture": dict(
        bodies=["文化旅游广电体育局", "图书馆", "文化馆", "博物馆", "融媒体中心", "体育运动学校", "文物保护中心"],
        duty=["负责文化、旅游、广播电视和体育事业发展规划并组织实施",
              "负责公共文化服务体系建设，推进基本公共文化服务标准化均等化",
              "负责文物保护利用和非物质文化遗产保护传承工作",
              "负责全民健身运动和群众体育工作，指导竞技体育发展",
              "负责旅游市场监管和旅游宣传推广工作"],
        projects=["公共文化场馆免费开放", "送戏下乡惠民演出", "文物保护修缮工程", "全民健身设施建设",
                  "非物质文化遗产保护传承", "乡村旅游发展专项", "应急广播体系建设", "农家书屋出版物补充更新",
                  "县级融媒体中心建设", "旅游宣传推介经费"],
        qty=["开展送戏下乡演出|场|40|600", "举办群众文化活动|场|20|300", "修缮文物保护单位|处|2|20",
             "建设全民健身路径|个|10|120", "补充更新农家书屋图书|册|5000|90000", "开展非遗展示展演|场次|10|100",
             "接待参观读者|万人次|5|80", "建设应急广播终端|个|200|4000", "举办旅游推介会|场|2|20",
             "培训基层文化骨干|人次|50|900", "制作播出新闻节目|期|200|1000"],
        quality=["演出节目质量达标率|%|93|99", "文物修缮工程验收合格率|%|98|100", "健身器材安装验收合格率|%|97|100",
                 "应急广播终端在线率|%|90|98", "公共文化设施免费开放率|%|97|100"],
        time=["修缮工程完工时间|D", "惠民演出任务完成时间|M", "补贴资金拨付及时率|%|95|100"],
        econ=["带动旅游综合收入|万元|200|6000", "接待游客人次增长|万人次|2|60"],
        social=["群众文化生活丰富程度|Q|丰富;较上年丰富", "文物安全事故|<起|0|1", "经常参加体育锻炼人数比例|%|35|48",
                "公共文化服务覆盖率|%|95|100", "非遗项目传承人带徒|人|10|120"],
        eco=["文物本体及周边环境保护情况|Q|良好;好"],
        sustain=["公共文化服务长效机制|Q|建立;健全", "设施使用年限|年|5|15"],
        satis=["观众满意度|%|87|96", "读者满意度|%|88|96", "游客满意度|%|85|95", "群众满意度|%|86|95"],
        costs=["演出补助", "修缮工程费", "设备购置费", "图书采购费", "宣传推介费", "活动组织费"],
        unit_costs=["每场演出补助标准|元/场|场", "每个健身路径建设成本|元/个|个"],
    ),
    "urban": dict(
        bodies=["城市管理和综合执法局", "环境卫生服务中心", "住房和城乡建设局", "园林绿化中心", "市政设施维护中心", "住房保障服务中心"],
        duty=["负责城市市容环境卫生、园林绿化和市政设施的管理工作",
              "负责城市管理领域相对集中行政处罚权的行使",
              "负责城市生活垃圾收集、转运和无害化处理的监督管理",
              "负责保障性住房建设和老旧小区改造的组织实施",
              "负责建筑市场和工程质量安全监督管理"],
        projects=["城区环卫保洁经费", "生活垃圾转运处置", "城区路灯维护", "老旧小区改造项目", "公共租赁住房保障",
                  "城区绿化养护", "市政道路维修工程", "违法建设治理专项", "城市排水设施维护", "垃圾分类推进经费"],
        qty=["城区道路保洁面积|万平方米|50|900", "日均清运生活垃圾|吨|80|900", "维护城市路灯|盏|2000|30000",
             "改造老旧小区|个|5|60", "改造老旧小区建筑面积|万平方米|5|80", "发放公租房补贴|户|100|3000",
             "养护城市绿地|万平方米|20|400", "维修市政道路|平方米|3000|60000", "拆除违法建设面积|平方米|2000|50000",
             "清掏排水管网|公里|20|400", "配置分类垃圾桶|个|500|9000", "环卫作业车辆|辆|20|200"],
        quality=["道路机扫率|%|80|95", "生活垃圾无害化处理率|%|98|100", "路灯亮灯率|%|96|99",
                 "改造工程竣工验收合格率|%|98|100", "绿地养护达标率|%|90|98", "违法建设查处率|%|95|100",
                 "垃圾分类覆盖率|%|60|90"],
        time=["改造工程完工时间|D", "路灯故障维修时限|<小时|12|48", "投诉问题办结时限|<个工作日|3|10",
              "保洁作业完成时间|M"],
        econ=["节约路灯电费|万元|10|200", "带动相关产业投资|万元|200|5000"],
        social=["城市市容环境|Q|整洁有序;达到省级标准", "居住条件改善户数|户|500|12000", "市容环境投诉|<件|20|300",
                "群众居住环境|Q|较上年好;达到预期", "城市管理数字化覆盖率|%|80|98"],
        eco=["城市建成区绿化覆盖率|%|38|46", "城区空气质量优良天数比例|%|85|95", "生活垃圾回收利用率|%|35|55"],
        sustain=["城市管理长效机制|Q|建立;健全并运行", "设施运行维护机制|Q|完善;健全"],
        satis=["市民满意度|%|85|95", "小区居民满意度|%|86|96", "服务对象综合满意度|%|85|95"],
        costs=["保洁服务费", "垃圾转运处置费", "维护材料费", "工程建设费", "绿化养护费", "设备购置费", "电费"],
        unit_costs=["每平方米保洁成本|元/平方米|平方米", "每吨垃圾处置成本|元/吨|吨", "每盏路灯年维护成本|元/盏|盏"],
    ),
    "petition": dict(
        bodies=["信访局", "司法局", "人民法院", "人民检察院", "公安局", "社会治安综合治理中心", "法律援助中心"],
        duty=["负责处理群众来信，网上信访办理，接待群众来访，保证信访渠道畅通",
              "协调处理群众集体上访和突发信访事件及其他重要信访问题",
              "负责全面依法治区的统筹协调和普法宣传教育工作",
              "负责人民调解、社区矫正和法律援助工作的指导管理",
              "负责维护社会治安秩序，预防、制止和侦查违法犯罪活动"],
        projects=["安保信访维稳专项", "驻京维稳工作组专项", "法律援助专项经费", "人民调解员以案定补",
                  "社区矫正工作经费", "普法宣传教育专项", "公共法律服务体系建设", "矛盾纠纷多元化解",
                  "禁毒工作专项经费", "平安建设专项经费"],
        qty=["区领导坐班接访|天|200|264", "办理网上信访事项|件|300|6000", "召开信访工作联席会议|次|4|24",
             "特护期外出值守人员|人|10|80", "办理法律援助案件|件|100|2000", "调解矛盾纠纷|件|300|6000",
             "开展普法宣传活动|场|20|300", "接收管理社区矫正对象|人|50|900", "建设村级公共法律服务工作室|个|20|300",
             "开展禁毒宣传|场次|20|200", "培训人民调解员|人次|100|1500"],
        quality=["信访事项按期办结率|%|96|100", "信访事项及时受理率|%|97|100", "人民调解成功率|%|92|98",
                 "法律援助案件质量合格率|%|95|100", "社区矫正对象再犯罪率|<%|0|1", "接访劝返率|%|90|98"],
        time=["信访事项受理时限|<个工作日|3|15", "法律援助案件指派时限|<个工作日|1|5", "应急处置响应率|%|96|100"],
        econ=["挽回群众经济损失|万元|50|900"],
        social=["信访维稳上访人数较上年下降率|%|10|60", "社会和谐稳定|Q|达到;基本达到", "群众法治意识|Q|较好;好",
                "重大群体性事件|<起|0|1", "进京非正常上访|<人次|0|3"],
        eco=["信访秩序影响程度|Q|无不良影响;可控"],
        sustain=["矛盾纠纷多元化解机制|Q|健全;建立", "基层治理能力|Q|较上年好;高于市平均值"],
        satis=["信访人满意度|%|80|92", "受援群众满意度|%|88|96", "当事人满意度|%|86|95"],
        costs=["差旅费", "办案补贴", "以案定补资金", "宣传资料印制费", "值守经费", "培训费"],
        unit_costs=["每件法律援助案件补贴|元/件|件", "人均值守补助|元/人|人"],
    ),
    "admin": dict(
        bodies=["人民政府办公室", "机关事务服务中心", "档案馆", "统计局", "审计局", "财政局", "发展和改革局",
                "政务服务中心", "地方志编纂室", "价格认证中心", "党史研究室", "人力资源和社会保障局"],
        duty=["负责机关日常运转保障、政务信息报送和督查督办工作",
              "负责机关办公用房、公务用车和公共机构节能管理工作",
              "负责档案资料的收集、整理、保管和开发利用工作",
              "组织实施统计调查，提供统计数据和统计分析服务",
              "负责财政资金审计监督和经济责任审计工作",
              "负责政务服务事项集中办理和营商环境优化工作",
              "负责地方志、年鉴的编纂和党史资料征集研究工作",
              "负责就业创业、社会保险和人才工作的组织实施"],
        projects=["办公大楼运行保障", "政务服务大厅运行经费", "档案数字化加工", "经济普查专项经费",
                  "政府投资审计专项", "地方志编纂出版经费", "价格认定工作经费", "就业创业补贴资金",
                  "机关食堂运行补助", "电子政务网络运行维护", "12345政务服务热线运行经费"],
        qty=["办公大楼日常维修维护|次|200|2400", "大楼安检巡查|次|100|800", "数字化加工档案|件|5000|90000",
             "完成审计项目|个|8|60", "编纂出版年鉴|册|500|3000", "办理政务服务事项|万件|2|60",
             "受理价格认定事项|件|50|800", "扶持创业担保贷款对象|人|50|900", "开展就业技能培训|人次|200|5000",
             "报送政务信息|篇|100|900", "保障公务用车|辆|5|60", "维护网络终端|台|200|3000"],
        quality=["办公大楼日常维修维护验收合格率|%|92|99", "档案数字化质量合格率|%|98|100", "审计报告质量合格率|%|96|100",
                 "政务服务事项一次办结率|%|90|98", "热线工单按时办结率|%|92|99", "统计数据差错率|<%|0|1",
                 "网络系统正常运行率|%|97|100"],
        time=["年鉴出版时间|D", "审计项目按计划完成率|%|95|100", "政务服务事项承诺办结时限|<个工作日|2|10",
              "档案数字化加工完成时间|M"],
        econ=["审减政府投资金额|万元|100|5000", "节约公共机构能耗费用|万元|5|90"],
        social=["机关运转保障水平|Q|保障有力;达到预期", "营商环境评价|Q|优;良", "城镇新增就业|人|500|9000",
                "政务公开透明度|Q|高于上年;达到省级标准", "资料利用服务|人次|200|6000"],
        eco=["公共机构单位建筑面积能耗下降率|%|1|5", "无纸化办公比例|%|60|90"],
        sustain=["机关运行保障长效机制|Q|建立;健全", "档案资源安全保管年限|年|30|100"],
        satis=["服务对象综合满意度|%|86|96", "办事群众满意度|%|88|97", "干部职工满意度|%|88|96"],
        costs=["物业服务费", "水电气费", "维修维护费", "外包加工费", "印刷出版费", "网络运维费", "劳务派遣费"],
        unit_costs=["每平方米物业服务成本|元/平方米|平方米", "每件档案数字化加工成本|元/件|件"],
    ),
    "emergency": dict(
        bodies=["应急管理局", "市场监督管理局", "消防救援大队", "生态环境分局", "自然资源局", "气象局", "地震局"],
        duty=["负责应急管理和安全生产综合监督管理工作",
              "组织编制应急预案，指导自然灾害类应急救援",
              "负责食品药品、特种设备和产品质量安全监督管理",
              "负责生态环境监测、执法和污染防治工作",
              "负责自然资源调查监测、国土空间规划和耕地保护工作",
              "负责气象监测预报预警和人工影响天气工作"],
        projects=["安全生产监管执法经费", "自然灾害救灾资金", "应急物资储备", "食品安全抽检经费",
                  "特种设备安全监察", "大气污染防治专项", "耕地保护补偿资金", "地质灾害防治项目",
                  "人工影响天气作业经费", "基层应急救援队伍建设"],
        qty=["开展安全生产执法检查|户次|200|3000", "储备应急救灾物资|套|200|5000", "开展食品安全抽检|批次|500|6000",
             "检验特种设备|台|300|6000", "开展应急救援演练|场|5|60", "治理地质灾害隐患点|处|3|40",
             "巡查耕地|亩|20000|300000", "开展人工增雨作业|次|5|60", "培训应急救援队员|人次|100|1500",
             "监测空气质量|天|365|365", "排查整治安全隐患|项|200|4000"],
        quality=["安全隐患整改率|%|95|100", "食品抽检合格率|%|96|99", "特种设备定期检验率|%|96|100",
                 "应急物资完好率|%|95|100", "空气质量优良率|%|85|95", "地质灾害治理工程验收合格率|%|97|100"],
        time=["救灾资金下拨时限|<天|3|15", "应急响应时间|<小时|1|4", "隐患整改完成时间|D", "汛期物资储备完成时间|M"],
        econ=["减少灾害经济损失|万元|100|6000"],
        social=["生产安全事故死亡人数|<人|0|3", "较大以上生产安全事故|<起|0|1", "受灾群众基本生活|Q|得到保障;保障到位",
                "食品安全状况|Q|总体平稳;平稳", "受灾群众救助覆盖率|%|97|100"],
        eco=["细颗粒物年均浓度下降率|%|2|8", "土壤污染风险管控|Q|安全利用;达到管控要求"],
        sustain=["应急管理体系|Q|健全;完善", "安全生产责任体系|Q|落实到位;健全"],
        satis=["受灾群众满意度|%|86|95", "企业满意度|%|85|95", "服务对象综合满意度|%|86|96"],
        costs=["执法装备购置费", "救灾资金", "物资采购费", "抽检检测费", "治理工程费", "作业弹药购置费"],
        unit_costs=["每批次抽检成本|元/批次|批次", "每处隐患点治理成本|元/处|处"],
    ),
}

# indicators any body's table may carry beside its own, by 二级 category
GENERIC = dict(
    qty=["召开工作推进会议|次|4|24", "开展业务培训|人次|50|900", "印发宣传资料|份|1000|30000",
         "开展督导检查|次|6|60", "编制工作方案|个|1|6", "报送工作信息|篇|24|200", "开展调研走访|天|20|120",
         "下乡走访群众|户|100|3000", "召开专题研讨会|场|2|12", "更新办公设备|台|5|60", "在编在岗人员|人|20|260",
         "开展志愿服务活动|场次|6|60", "建立工作台账|本|4|30", "制发规范性文件|件|1|10"],
    quality=["资金使用合规率|%|98|100", "政府采购执行率|%|95|100", "档案资料完整率|%|95|100",
             "工作任务完成率|%|95|100", "财务核算准确率|%|98|100", "固定资产账实相符率|%|97|100",
             "信息公开及时率|%|96|100", "问题整改完成率|%|95|100"],
    time=["预算执行进度|%|90|100", "资金支付及时率|%|95|100", "年度工作任务完成时间|D", "绩效自评完成时间|M"],
    econ=["节约行政运行成本|万元|2|40"],
    social=["政策宣传覆盖面|Q|全覆盖;覆盖全部乡镇（街道）", "部门履职能力|Q|高于上年;不低于上年",
            "群众投诉|<件|0|20", "政策知晓率|%|85|96"],
    eco=["办公区域节能降耗|Q|达到公共机构节能要求;达标"],
    sustain=["制度建设|Q|健全;完善", "工作机制|Q|建立;健全并运行"],
    satis=["群众满意率|%|85|95"],
)

# keywords in Chinese (a tenth of the tables, as some provinces write them)
ZH = {
    "department": "部门", "project": "项目", "year": "年度", "filed": "填报日期", "filer": "填报人",
    "attachment": "附件", "duty": "履职目标", "task": "任务", "budget": "预算", "total": "资金总额",
    "source": "收入", "nature": "支出", "indicators": "绩效指标", "amount": "项目金额",
    "category": "项目类别", "period": "实施期", "goal": "绩效目标", "framework": "指标体系",
    "note": "备注", "weight": "权重", "standard": "评价标准", "funding": "资金来源", "org": "机构",
    "person": "人员", "phone": "电话", "attribute": "属性", "text": "文字", "code": "编码",
    "breakdown": "明细", "part": "分项", "scoring": "评分标准",
}
EN = {k: k for k in ZH}


# ===== indicator specs =======================================================

class Spec:
    __slots__ = ("name", "kind", "unit", "lo", "hi", "texts")

    def __init__(self, text):
        f = text.split("|")
        self.name = f[0]
        k = f[1]
        self.unit = self.texts = None
        self.lo = self.hi = 0
        if k == "Q":
            self.kind, self.texts = "qual", f[2].split(";")
        elif k in ("D", "M"):
            self.kind = k
        elif k.startswith("<"):
            self.kind, self.unit = "le", k[1:]
        elif k.startswith("~"):
            self.kind, self.unit = "range", k[1:]
        else:
            self.kind, self.unit = "ge", k
        if len(f) > 3:
            self.lo, self.hi = int(f[2]), int(f[3])


def specs(d):
    return {k: [Spec(s) for s in v] for k, v in d.items()
            if k in ("qty", "quality", "time", "econ", "social", "eco", "sustain", "satis")}


for _d in DOMAINS.values():
    _d["specs"] = specs(_d)
    _d["unit_cost_specs"] = [u.split("|") for u in _d["unit_costs"]]
GENERIC_SPECS = specs(GENERIC)

# ===== money =================================================================
# Amounts are kept as whole hundreds of yuan (0.01 万元, the fen of a table
# printed in 万元), so every sum is exact and no amount is finer than a yuan.

def wan(v):
    """v hundreds of yuan, printed in 万元 as tables do: 259.05, 120."""
    s = "%d.%02d" % divmod(v, 100)
    return s[:-3] if s.endswith(".00") else s


def money(rng, v):
    """An amount in 万元, now and then in 元."""
    if rng.random() < 0.06:
        return "%d 元" % (v * 100)
    return wan(v) + " 万元"


def split(rng, total, n, least=1):
    """total as n positive whole parts (each at least least), in random shares."""
    n = max(1, min(n, total // least))
    w = [rng.random() + 0.3 for _ in range(n)]
    s = sum(w)
    parts = [least + int((total - least * n) * x / s) for x in w]
    parts[-1] += total - sum(parts)
    return parts


# ===== text ==================================================================

def width(s):
    """Display columns (a CJK character is two), near enough for alignment."""
    b = len(s.encode())
    return len(s) + (b - len(s)) // 2


def person(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


GOAL_OPEN = ["围绕{y}年度重点工作，", "按照{y}年预算安排，", "以服务群众为中心，", "对标上级考核要求，",
             "坚持问题导向和目标导向，"]
GOAL_CLOSE = ["确保各项目标任务全面完成。", "实现资金使用规范、安全、高效。",
              "切实提升财政资金使用效益和公共服务水平。", "推动{body}各项工作走在全市前列。",
              "确保项目按期建成并发挥效益。"]


def goal_text(rng, y, body, topic, dom):
    parts = rng.sample(dom["duty"], 2)
    mid = "，".join(p.replace("负责", "做好", 1) for p in parts)
    return (rng.choice(GOAL_OPEN).format(y=y) + "统筹实施" + topic + "，" + mid + "，"
            + rng.choice(GOAL_CLOSE).format(body=body))


def duty_text(rng, dom):
    n = rng.randint(3, len(dom["duty"]))
    return "；".join(rng.sample(dom["duty"], n)) + "；完成上级交办的其他任务。"


EXPLAIN = ["反映{n}情况", "反映{n}完成情况", "考核{n}的落实情况", "衡量{n}目标的实现程度",
           "反映{n}的实际完成数", "用于考核{n}，以年度统计数据为准"]
NOTES = ["数据来源于年度业务统计台账", "以主管部门年终考核结果为准", "按季度统计，年底汇总",
         "以第三方评估报告为准", "含上年结转任务"]
STANDARDS = ["计划标准", "历史标准", "行业标准"]
REMARKS = ["指标值按上年实际完成数确定", "口径与部门决算一致", "2024年实际完成数为参考", "待主管部门复核",
           "与年初计划一致"]


# ===== one indicator =========================================================

def indicator(rng, y, s, qty):
    """(name, op, value) of spec s; qty collects the largest output
    quantity per unit (unit-cost targets are sized from it)."""
    op = "≥"
    if s.kind == "qual":
        return s.name, "定性", '"%s"' % rng.choice(s.texts)
    if s.kind == "D":
        return s.name, "≤", "%d-%s" % (y, rng.choice(("06-30", "09-30", "10-31", "11-30", "12-15", "12-31")))
    if s.kind == "M":
        return s.name, "≤", "%d年%d月" % (y, rng.randint(6, 12))
    v = rng.randint(s.lo, s.hi)
    if s.kind == "range":
        return s.name, "=", "%d..%d %s" % (v, min(100, v + rng.randint(3, 10)), s.unit)
    if s.kind == "le":
        if v == 0:          # <= 0 can only be met one way: = 0
            op = "="
        else:
            op = "≤"
    elif s.unit in ("%", "‰") and v == 100:
        op = "="            # >= 100 % is = 100 %
    if s.unit in ("%", "‰") and s.kind == "ge" and v < 100 and rng.random() < 0.15:
        val = "%d.%d" % (v, rng.randint(1, 9))
    else:
        val = str(v)
    if qty is not None:
        qty[s.unit] = max(qty.get(s.unit, 0), v)
    return s.name, op, "%s %s" % (val, s.unit)


def leaf_extras(rng, kw, name, weight):
    out = []
    if rng.random() < 0.7:
        out.append('"%s"' % rng.choice(EXPLAIN).format(n=name))
    r = rng.random()
    if r < 0.05:
        out.append('%s "%s"' % (kw["note"], rng.choice(NOTES)))
    elif r < 0.10:
        out.append("%s %s" % (kw["standard"], rng.choice(STANDARDS)))
    if weight is not None:
        out.append("%s %d" % (kw["weight"], weight))
    return " ".join(out)


# ===== the indicator tree ====================================================

# 一级 { 二级 } per framework: (一级 name, [(二级 name or names, pool)])
# pools: the spec lists above, "cost" (money), "social_cost", "eco_cost"
TREES = {
    "new": [("产出指标", [("数量指标", "qty"), ("质量指标", "quality"), ("时效指标", "time")]),
            ("效益指标", [(("经济效益指标", "经济效益"), "econ"), (("社会效益指标", "社会效益"), "social"),
                       (("生态效益指标", "生态效益"), "eco"), (("可持续影响指标", "可持续影响"), "sustain")]),
            ("满意度指标", [(("服务对象满意度指标", "服务对象满意度"), "satis")]),
            ("成本指标", [(("经济成本指标",), "cost"), (("社会成本指标",), "social_cost"),
                       (("生态环境成本指标",), "eco_cost")])],
    "old": [("产出指标", [("数量指标", "qty"), ("质量指标", "quality"), ("时效指标", "time"), ("成本指标", "cost")]),
            ("效益指标", [(("经济效益指标", "经济效益"), "econ"), (("社会效益指标", "社会效益"), "social"),
                       (("生态效益指标", "生态效益"), "eco"), (("可持续影响指标", "可持续影响"), "sustain")]),
            ("满意度指标", [(("服务对象满意度指标", "服务对象满意度"), "satis")])],
    "sichuan": [("项目完成指标", [("数量指标", "qty"), ("质量指标", "quality"), ("时效指标", "time"),
                             ("成本指标", "cost")]),
                ("项目效益指标", [("经济效益指标", "econ"), ("社会效益指标", "social"), ("生态效益指标", "eco"),
                            ("可持续影响指标", "sustain")]),
                ("满意度指标", [("服务对象满意度指标", "satis")])],
    "gansu": [("产出指标", [("数量指标", "qty"), ("质量指标", "quality"), ("时效指标", "time"),
                         ("经济成本指标", "cost"), ("社会成本指标", "social_cost")]),
              ("效益指标", [("经济效益指标", "econ"), ("社会效益指标", "social"), ("生态效益指标", "eco"),
                         ("可持续影响指标", "sustain")]),
              ("满意度指标", [("服务对象满意度指标", "satis")])],
    "transfer88": [("产出指标", [("数量指标", "qty"), ("质量指标", "quality"), ("时效指标", "time"),
                              ("成本指标", "cost")]),
                   ("效益指标", [("经济效益指标", "econ"), ("社会效益指标", "social"), ("生态效益指标", "eco"),
                              ("可持续影响指标", "sustain"), ("社会公众或服务对象满意度指标", "satis")])],
}

# how many indicators each pool gives a table of about 40 (lo, hi)
COUNTS = dict(qty=(10, 15), quality=(6, 9), time=(3, 4), econ=(1, 2), social=(4, 6), eco=(1, 2),
              sustain=(1, 2), satis=(2, 3), cost=(2, 4), social_cost=(1, 1), eco_cost=(1, 1))

SOCIAL_COSTS = ["对周边群众生产生活的影响|Q|无不良影响;影响可控", "项目实施引发的群众投诉|<件|1|5",
                "社会稳定风险|Q|低;可控"]
ECO_COSTS = ["项目实施对生态环境的影响|Q|无破坏;无不良影响", "施工期噪声扬尘超标投诉|<次|1|4",
             "能源资源消耗|Q|符合节能标准;达标"]
SOCIAL_COST_SPECS = [Spec(s) for s in SOCIAL_COSTS]
ECO_COST_SPECS = [Spec(s) for s in ECO_COSTS]


def pick(rng, dom, pool, n, used):
    """n specs of the pool, the body's own first, then generic ones, never a
    name the table already has."""
    own = [s for s in dom["specs"].get(pool, []) if s.name not in used]
    gen = [s for s in GENERIC_SPECS.get(pool, []) if s.name not in used]
    rng.shuffle(own)
    rng.shuffle(gen)
    out = (own + gen)[:n]
    for s in out:
        used.add(s.name)
    return out


def cost_leaves(rng, dom, amount, n, qty, used, department):
    """The money cost targets: together at most the amount, each less than it
    (a single cost equal to the amount restates the budget); for a project
    also a unit cost sized so that it times its quantity fits the amount."""
    out = []
    if department:
        base, proj = department
        staff, public = split(rng, base, 2)
        out = [("人员经费成本", "≤", wan(staff) + " 万元"), ("公用经费成本", "≤", wan(public) + " 万元"),
               ("项目经费成本", "≤", wan(proj) + " 万元")][:3 if proj else 2]
    else:
        share = amount * rng.randint(80, 95) // 100
        names = rng.sample(dom["costs"], min(n, len(dom["costs"])))
        for name, v in zip(names, split(rng, share, len(names))):
            out.append((name, "≤", money(rng, v)))
        ucs = [u for u in dom["unit_cost_specs"] if qty.get(u[2])]
        if ucs:
            name, unit, den = rng.choice(ucs)
            per = amount * 100 * rng.randint(20, 60) // 100 // qty[den]
            if per >= 1 and name not in used:
                out.append((name, "≤", "%d %s" % (per, unit)))
    for name, _, _ in out:
        used.add(name)
    return out


def tree(rng, kw, y, dom, fw, amount, department, weights):
    """The lines of an indicators block, and how many indicators it holds."""
    used = set()
    qty = {}
    blocks = []
    for l1, l2s in TREES[fw]:
        sub = []
        for names, pool in l2s:
            name = names if isinstance(names, str) else rng.choice(names)
            if pool == "cost":
                leaves = cost_leaves(rng, dom, amount, rng.randint(*COUNTS["cost"]), qty, used, department)
            else:
                if pool == "social_cost":
                    cand = [s for s in SOCIAL_COST_SPECS if s.name not in used]
                elif pool == "eco_cost":
                    cand = [s for s in ECO_COST_SPECS if s.name not in used]
                else:
                    cand = None
                n = rng.randint(*COUNTS[pool])
                if cand is not None:
                    chosen = rng.sample(cand, min(n, len(cand)))
                    for s in chosen:
                        used.add(s.name)
                else:
                    chosen = pick(rng, dom, pool, n, used)
                # every quantity counts, so the unit costs sized from them
                # hold whichever the checker takes for the table's outputs
                leaves = [indicator(rng, y, s, qty) for s in chosen]
            if leaves:
                sub.append((name, leaves))
        blocks.append((l1, sub))
    # the cost indicators' unit costs were sized from the quantities, which
    # the old frameworks list first (成本指标 last under 产出指标); in the new
    # one 成本指标 comes last anyway
    total = sum(len(leaves) for _, sub in blocks for _, leaves in sub)
    wts = None
    if weights:
        q, r = divmod(100, total)
        wts = [q + (1 if i < r else 0) for i in range(total)]
    lines = ["    %s {" % kw["indicators"]]
    i = 0
    for l1, sub in blocks:
        lines.append("        %s {" % l1)
        for l2, leaves in sub:
            lines.append("            %s {" % l2)
            wn = max(width(n) for n, _, _ in leaves) + 2
            wo = max(width(o) for _, o, _ in leaves)
            for name, op, val in leaves:
                extra = leaf_extras(rng, kw, name, wts[i] if wts else None)
                q = '"%s"' % name
                line = "                %s%s %s%s %s" % (q, " " * (wn - width(q)), op,
                                                         " " * (wo - width(op)), val)
                if rng.random() < 0.02:     # now and then a reviewer's remark
                    extra += "    // " + rng.choice(REMARKS)
                lines.append(line + (" " + extra if extra else ""))
                i += 1
            lines.append("            }")
        lines.append("        }")
    lines.append("    }")
    return lines, total


# ===== tables ================================================================

def budget_lines(rng, kw, total, base, proj):
    src = kw["source"]
    lines = ["    %s {" % kw["budget"], "        %-6s %s" % (kw["total"], money(rng, total))]
    r = rng.random()
    if r < 0.45:
        lines.append("        %s 一般公共预算 %s" % (src, money(rng, total)))
    elif r < 0.7:
        a, b = split(rng, total, 2)
        lines.append("        %s 财政拨款 %s {" % (src, money(rng, a)))
        g1, g2 = split(rng, a, 2)
        lines.append("            %s 一般公共预算 %s" % (src, money(rng, g1)))
        lines.append("            %s 政府性基金拨款 %s" % (src, money(rng, g2)))
        lines.append("        }")
        lines.append("        %s %s %s" % (src, rng.choice(("上年结转", "其他资金", "单位资金")), money(rng, b)))
    else:
        names = rng.sample(["一般公共预算拨款", "政府性基金", "财政专户管理资金", "上年结转资金", "事业收入"],
                           rng.randint(2, 3))
        if "一般公共预算拨款" not in names:
            names[0] = "一般公共预算拨款"
        for n, v in zip(names, split(rng, total, len(names))):
            lines.append("        %s %s %s" % (src, n, money(rng, v)))
    lines.append("        %s 基本支出 %s" % (kw["nature"], money(rng, base)))
    if proj:    # a department with no project tables prints no 项目支出
        lines.append("        %s 项目支出 %s" % (kw["nature"], money(rng, proj)))
    lines.append("    }")
    return lines


def department_table(rng, kw, g):
    y, dom = g["year"], g["dom"]
    lines = ["// %s%d年部门整体支出绩效目标表" % (g["dept"], y)]
    lines.append('%s "%s" {' % (kw["department"], g["dept"]))
    if rng.random() < 0.5:
        lines.append('    %s "附件%d-1"' % (kw["attachment"], rng.randint(2, 4)))
    lines.append("    %s %d" % (kw["year"], y))
    lines.append("    %s %s" % (kw["filed"], filed(rng, y)))
    if rng.random() < 0.4:
        lines.append('    %s "%s"' % (kw["filer"], person(rng)))
    if g["fw"] != "new" or rng.random() < 0.1:
        lines.append("    %s %s" % (kw["framework"], g["fw"]))
    lines.append('    %s "%s"' % (kw["duty"], duty_text(rng, dom)))
    tasks = rng.sample(dom["duty"], rng.randint(2, 4))
    amounts = split(rng, g["total"], len(tasks)) if rng.random() < 0.3 else None
    for i, t in enumerate(tasks):
        content = "一是%s；二是落实%s年度重点任务；三是%s。" % (t.replace("负责", "抓好", 1), g["body"],
                                                   rng.choice(("加强资金监管", "规范内部管理", "做好考核评价")))
        amt = " " + money(rng, amounts[i]) if amounts else ""
        lines.append('    %s "%s"%s "%s"' % (kw["task"], task_name(t), amt, content))
    lines += budget_lines(rng, kw, g["total"], g["base"], g["proj"])
    if rng.random() < 0.5:
        lines.append('    %s "%s"' % (kw["goal"], goal_text(rng, y, g["dept"], "年度重点工作", dom)))
    ind, n = tree(rng, kw, y, dom, g["fw"], g["total"], (g["base"], g["proj"]), False)
    lines += ind
    lines.append("}")
    return lines, n


def task_name(duty):
    """负责学生资助政策落实，保障… -> 学生资助政策落实工作"""
    t = re.sub(r"^(负责|贯彻执行|贯彻落实|组织实施|组织编制|组织|统筹推进|协调处理|指导)", "", duty)
    t = re.split(r"[，,]", t)[0]
    return t if t.endswith("工作") else t + "工作"


def filed(rng, y):
    if rng.random() < 0.5:
        return "%d-%02d-%02d" % (y - 1, rng.randint(9, 12), rng.randint(1, 28))
    return "%d-%02d-%02d" % (y, rng.randint(1, 3), rng.randint(1, 28))


def project_table(rng, kw, g, topic, amount):
    y, dom = g["year"], g["dom"]
    name = g["district"] + g["body"] + topic
    lines = []
    if rng.random() < 0.5:
        lines.append("// 项目支出绩效目标表：%s" % topic)
    lines.append('%s "%s" {' % (kw["project"], name))
    lines.append('    %s "%s"' % (kw["department"], g["dept"]))
    lines.append("    %s %d" % (kw["year"], y))
    lines.append("    %s %s" % (kw["filed"], filed(rng, y)))
    if rng.random() < 0.3:
        lines.append('    %s "%s"' % (kw["filer"], person(rng)))
    if g["fw"] != "new":
        lines.append("    %s %s" % (kw["framework"], g["fw"]))
    if rng.random() < 0.3:
        lines.append('    %s 项目负责人 "%s" %s "0%d-%d"' % (kw["person"], person(rng), kw["phone"],
                                                       rng.randint(710, 939), rng.randint(2000000, 8999999)))
    if rng.random() < 0.4:
        lines.append('    %s 项目属性 "%s"' % (kw["attribute"], rng.choice(("延续项目", "新增项目"))))
    lines.append("    %s %s" % (kw["amount"], money(rng, amount)))
    lines.append("    %s %s" % (kw["category"], rng.choice(("特定目标类", "特定目标类", "特定目标类", "其他运转类"))))
    lines.append("    %s %s" % (kw["period"], str(y) if rng.random() < 0.7 else "%d..%d" % (y, y + rng.randint(1, 2))))
    lines.append('    %s "%s"' % (kw["goal"], goal_text(rng, y, g["body"], topic, dom)))
    r = rng.random()
    if r < 0.25:
        a, b = split(rng, amount, 2)
        lines.append("    %s {" % kw["funding"])
        lines.append("        %s 财政拨款 %s" % (kw["source"], money(rng, a)))
        lines.append("        %s %s %s" % (kw["source"], rng.choice(("上年结转", "其他资金")), money(rng, b)))
        lines.append("    }")
    elif r < 0.4:
        parts = rng.sample(dom["costs"], min(3, len(dom["costs"])))
        lines.append('    %s "项目预算成本构成" {' % kw["breakdown"])
        for p, v in zip(parts, split(rng, amount, len(parts))):
            lines.append('        %s "%s" %s "%s"' % (kw["part"], p, money(rng, v),
                                                     rng.choice(("依据招标文件", "按上年实际支出测算",
                                                                 "按补助标准和对象人数测算", "据实结算"))))
        lines.append("        %s %s" % (kw["total"], money(rng, amount)))
        lines.append("    }")
    ind, n = tree(rng, kw, y, dom, g["fw"], amount, None, rng.random() < 0.08)
    lines += ind
    lines.append("}")
    return name, lines, n


# ===== department groups =====================================================

def bodies():
    """Every (province, city, district, domain, body) in a fixed order."""
    out = []
    seen = set()
    for prov, city, districts in PLACES:
        for d in [city] + districts.split():
            assert d not in seen, d
            seen.add(d)
            for key in sorted(DOMAINS):
                for b in DOMAINS[key]["bodies"]:
                    out.append((prov, city, d, key, b))
    return out


class Corpus:
    """Department groups in a fixed order: group i is the department of body
    i (in a seeded order) with its projects; group i's content depends only
    on the seed and i."""

    def __init__(self, seed):
        self.seed = seed
        self.bodies = bodies()
        random.Random(seed).shuffle(self.bodies)

    def group(self, i, limit=None):
        """The tables of group i; with limit, at most that many (fewer
        projects, their 项目支出 still their sum)."""
        rng = random.Random(self.seed * 1000003 + i)
        prov, city, district, key, body = self.bodies[i % len(self.bodies)]
        # a fifth of the tables are of the year before; after every body has
        # had a department, two years earlier (a department's name and year
        # never repeat)
        year = 2026 - 2 * (i // len(self.bodies)) - (1 if rng.random() < 0.2 else 0)
        dom = DOMAINS[key]
        fws = PROVINCE_FRAMEWORKS.get(prov, DEFAULT_FRAMEWORKS)
        fw = rng.choices([f for f, _ in fws], [w for _, w in fws])[0]
        dept = (city + district if district != city else city) + body
        if prov == "重庆市":
            dept = "重庆市" + district + body if district != city else "重庆市" + body
        # 资金总额 from 150 万元 to 3 亿元, most of them a few hundred 万元
        total = int(100 * math.exp(rng.uniform(math.log(150), math.log(30000))))
        nproj = rng.randint(2, min(6, len(dom["projects"])))
        proj = total * rng.randint(30, 70) // 100
        if limit is not None and nproj >= limit:
            nproj = limit - 1
        proj = max(proj, nproj * 5_00) if nproj else 0
        base = total - proj
        g = dict(year=year, dom=dom, fw=fw, dept=dept, district=district, body=body,
                 total=total, proj=proj, base=base)
        kw = ZH if rng.random() < 0.1 else EN
        tables = []
        lines, n = department_table(rng, kw, g)
        tables.append(("department", n, lines))
        topics = rng.sample(dom["projects"], nproj)
        for topic, amount in zip(topics, split(rng, proj, nproj, 5_00)):
            name, lines, n = project_table(rng, kw, g, topic, amount)
            tables.append(("project", n, lines))
        return tables


HEADER = """/* 基准测试语料（bench/gen.py 生成，seed {seed}）。
 * 各部门整体支出绩效目标表之后是其项目支出绩效目标表；
 * 项目金额合计等于部门预算的项目支出。单位：万元。 */
"""


def write_file(corpus, path, target):
    t0 = time.perf_counter()
    size = 0
    i = 0
    tables = indicators = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        head = HEADER.format(seed=corpus.seed)
        f.write(head)
        size += len(head.encode())
        while size < target:
            chunk = []
            for _, n, lines in corpus.group(i):
                chunk.append("\n".join(lines) + "\n\n")
                tables += 1
                indicators += n
            text = "".join(chunk)
            f.write(text)
            size += len(text.encode())
            i += 1
    return dict(bytes=size, groups=i, tables=tables, indicators=indicators,
                seconds=time.perf_counter() - t0)


def write_dir(corpus, path, nfiles):
    """nfiles files of one table each, a directory per department."""
    t0 = time.perf_counter()
    if os.path.exists(path):
        shutil.rmtree(path)
    os.makedirs(path)
    size = files = i = indicators = 0
    while files < nfiles:
        d = os.path.join(path, "g%05d" % i)
        os.mkdir(d)
        for k, (kind, n, lines) in enumerate(corpus.group(i, nfiles - files)):
            name = "department.ptl" if kind == "department" else "project-%d.ptl" % k
            text = "\n".join(lines) + "\n"
            with open(os.path.join(d, name), "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            size += len(text.encode())
            files += 1
            indicators += n
        i += 1
    return dict(bytes=size, groups=i, tables=files, indicators=indicators,
                seconds=time.perf_counter() - t0)


SIZES = {"1MB": 10**6, "10MB": 10**7, "100MB": 10**8}


def by_rule(rules):
    n = {}
    for r in rules:
        n[r] = n.get(r, 0) + 1
    return ", ".join("%s %d" % kv for kv in sorted(n.items())) or "none"


def verify(ptlc, out, size, target):
    """Checks the corpus (no error allowed) and writes its JSON; returns the
    number of warnings."""
    r = subprocess.run([ptlc, "check", "--max-errors", "0", "--color", "never", target],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=out)
    err = r.stderr.decode("utf-8", "replace")
    errors = re.findall(r"^\S.*: error\[([a-z-]+)\]", err, re.M)
    warnings = re.findall(r"^\S.*: warning\[([a-z-]+)\]", err, re.M)
    if r.returncode != 0 or errors:
        sys.stderr.write(err[:4000])
        raise SystemExit("gen.py: %s does not check clean (exit %d; errors: %s)"
                         % (target, r.returncode, by_rule(errors)))
    if warnings:
        print("%s: %d warnings: %s" % (size, len(warnings), by_rule(warnings)))
        sys.stderr.write(err[:2000])
    js = size + ".json"
    r = subprocess.run([ptlc, "build", "--format", "json", "-o", js, target], cwd=out,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.stderr.write(r.stderr.decode("utf-8", "replace")[:4000])
        raise SystemExit("gen.py: ptlc build --format json of %s failed (exit %d)" % (target, r.returncode))
    return len(warnings)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="directory to write the corpus into")
    ap.add_argument("--size", required=True, choices=sorted(SIZES) + ["dir10k"])
    ap.add_argument("--seed", type=int, default=20260128)
    ap.add_argument("--files", type=int, default=10000, help="dir10k: how many files")
    ap.add_argument("--ptlc", help="check the corpus with this ptlc and write its JSON")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    corpus = Corpus(a.seed)
    if a.size == "dir10k":
        target = "dir10k"
        st = write_dir(corpus, os.path.join(a.out, target), a.files)
    else:
        target = a.size + ".ptl"
        st = write_file(corpus, os.path.join(a.out, target), SIZES[a.size])
    print("%s: %d bytes, %d tables (%d departments, %.1f indicators a table) in %.1f s" %
          (os.path.normpath(os.path.join(a.out, target)), st["bytes"], st["tables"], st["groups"],
           st["indicators"] / st["tables"], st["seconds"]))
    if a.ptlc:
        t0 = time.perf_counter()
        nw = verify(os.path.abspath(a.ptlc), a.out, a.size, target)
        js = os.path.join(a.out, a.size + ".json")
        print("%s: checks with no error, %d warnings; %s.json written, %d bytes (%.1f s)" %
              (target, nw, a.size, os.path.getsize(js), time.perf_counter() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
