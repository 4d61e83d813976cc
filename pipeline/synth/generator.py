"""Streaming synthetic record generator (see the package docstring for what is real and what is invented)."""

from __future__ import annotations

import csv
import math
import random
from array import array
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

SYNTHETIC_MARK = "合成数据 SYNTHETIC"

INCOPAT_COLUMNS = [
    "序号",
    "申请日",
    "公开日",
    "授权公告日",
    "申请人",
    "发明人",
    "申请号",
    "公开号",
    "授权公告号",
    "专利类型",
    "专利名称",
    "授权名称",
    "申请摘要",
    "主权项",
    "申请人地址",
    "法律状态",
    "主分类号",
    "分类号",
    "国省代码",
    "专利代理人",
    "专利代理机构",
    "优先权",
    "优先权日",
    "优先权数量",
    "全文链接",
    "第一发明人",
    "第一权利人",
    "申请人类型",
    "当前发明人",
    "当前权利人",
    "当前著录项联系人通讯地址",
    "当前专利代理人",
    "当前专利代理机构",
    "变更前代理机构",
    "法律事件",
    "引证专利",
    "非专利引证",
    "引证数",
    "同族专利",
    "专利转移次数",
    "许可次数",
    "质押次数",
    "简单同族数量",
    "转让日期",
    "失效日期",
    "质押日期",
    "许可日期",
    "无效宣告日期",
    "CPC主分类号",
    "CPC分类号",
    "FI主分类号",
    "FI分类号",
    "国际申请号",
    "国际申请日",
    "国际公开号",
    "国际公开日",
    "进入国家日期",
    "颁证日",
    "审查员",
    "审查时长",
    "实质审查日",
]

# Industry vocabulary: IPC main groups that a concordance maps to the industry, and title/abstract parts.
INDUSTRIES: dict[str, dict[str, list[str]]] = {
    "AUTO": {
        "ipc": [
            "B60L 53/80",
            "B60L 58/12",
            "B60W 30/18",
            "B60W 60/00",
            "H01M 10/613",
            "H01M 50/20",
            "B62D 21/15",
            "B60K 6/20",
            "F16H 61/02",
        ],
        "objects": [
            "动力电池包",
            "电驱动总成",
            "整车控制器",
            "智能座舱",
            "线控转向系统",
            "热管理系统",
            "混合动力变速器",
            "自动泊车系统",
            "车身结构件",
        ],
        "aims": ["提高续航里程", "降低能耗", "提升行车安全性", "缩短充电时间", "减轻车身重量"],
        "words": ["新能源汽车", "汽车"],
    },
    "BIOMED": {
        "ipc": [
            "A61K 9/20",
            "A61K 31/4439",
            "A61P 35/00",
            "C12N 15/113",
            "A61B 5/00",
            "A61B 17/34",
            "C07K 16/28",
            "A61M 5/142",
        ],
        "objects": [
            "缓释片剂",
            "单克隆抗体",
            "注射用冻干粉针",
            "微创手术器械",
            "血糖监测装置",
            "基因递送载体",
            "体外诊断试剂盒",
            "输液泵",
        ],
        "aims": ["提高生物利用度", "降低不良反应", "提高检测灵敏度", "减少手术创伤"],
        "words": ["生物医药", "医疗器械"],
    },
    "ELEC": {
        "ipc": [
            "H01L 23/31",
            "H01L 21/56",
            "H01L 29/16",
            "G09G 3/32",
            "G06F 9/50",
            "G06F 16/27",
            "H04W 72/04",
            "H05K 7/20",
            "G06N 3/08",
        ],
        "objects": [
            "芯片封装结构",
            "碳化硅功率器件",
            "显示面板驱动电路",
            "笔记本电脑散热模组",
            "云计算资源调度方法",
            "分布式存储系统",
            "无线通信终端",
            "神经网络加速器",
        ],
        "aims": ["提高散热效率", "降低功耗", "提高良品率", "提升数据处理速度", "降低通信时延"],
        "words": ["电子信息", "微电子", "集成电路"],
    },
    "EQUIP": {
        "ipc": ["B25J 9/16", "B25J 15/00", "B23K 26/38", "G05B 19/418", "B23Q 17/24", "B21D 28/00", "F16C 19/18"],
        "objects": [
            "工业机器人",
            "激光切割装置",
            "数控机床主轴",
            "智能产线调度系统",
            "精密减速器",
            "冲压模具",
            "视觉检测工装",
        ],
        "aims": ["提高加工精度", "提升生产效率", "降低设备故障率", "实现柔性制造"],
        "words": ["智能装备", "高端装备"],
    },
    "LOGI": {
        "ipc": ["B65G 1/137", "B65G 47/90", "B61D 3/16", "G06Q 10/08", "B63B 25/00", "B66C 13/48", "B65D 88/12"],
        "objects": [
            "集装箱装卸设备",
            "铁路平车",
            "多式联运调度方法",
            "智能仓储分拣系统",
            "港口门式起重机",
            "冷链运输箱",
            "货物追踪系统",
        ],
        "aims": ["提高装卸效率", "降低物流成本", "提升转运可靠性", "实现全程追溯"],
        "words": ["物流", "供应链", "港务"],
    },
    "OTHER": {
        "ipc": ["E04B 1/38", "A01G 9/02", "C04B 28/04", "F24F 11/00", "A47J 31/44"],
        "objects": ["装配式建筑节点", "温室种植架", "混凝土外加剂", "空调控制装置", "咖啡机"],
        "aims": ["降低成本", "便于安装", "提高耐久性"],
        "words": ["建材", "农业科技", "家电"],
    },
}

# Where applicants sit: (weight, zone tag for the industry mix, postcode, address templates). The street and
# park names are real (see data/reference/ftz_gazetteer.csv); house numbers are random.
ADDRESSES: list[tuple[float, str, str, list[str]]] = [
    (
        0.07,
        "XY",
        "401332",
        ["重庆市沙坪坝区西永微电园{n}号", "重庆市沙坪坝区西永大道{n}号", "重庆西永综合保税区B区{n}号厂房"],
    ),
    (0.02, "XY", "401331", ["重庆市沙坪坝区团结村铁路保税物流中心{n}号", "重庆市沙坪坝区土主街道西部物流园{n}号"]),
    (
        0.01,
        "XY",
        "401332",
        [
            "Xiyong Avenue No.{n}, Shapingba District, Chongqing",
            "No.{n} Xiyong Microelectronics Industrial Park, Chongqing",
        ],
    ),
    (
        0.04,
        "LJ",
        "401120",
        ["重庆市渝北区两路寸滩综合保税区空港功能区{n}号", "重庆市渝北区空港工业园{n}号", "重庆市两江新区空港大道{n}号"],
    ),
    (0.02, "LJ", "400020", ["重庆市江北区寸滩港{n}号", "重庆市江北区江北嘴金融城{n}号", "重庆市两江新区江北嘴{n}号"]),
    (
        0.03,
        "LJ",
        "401122",
        [
            "重庆市渝北区悦来大道{n}号",
            "重庆市两江新区礼嘉智慧公园{n}号",
            "重庆市北碚区水土高新园云汉大道{n}号",
            "重庆市两江新区水土高新技术产业园{n}号",
            "重庆市渝北区人和街道金开大道{n}号",
        ],
    ),
    (0.01, "LJ", "401147", ["Liangjiang Area, Chongqing Pilot Free Trade Zone, No.{n} Konggang Avenue, Chongqing"]),
    (
        0.03,
        "GYG",
        "401133",
        [
            "重庆市江北区鱼嘴镇果园港{n}号",
            "重庆市两江新区果园港国家物流枢纽{n}号",
            "重庆市江北区鱼复工业园{n}号",
            "重庆市两江新区鱼嘴镇{n}号",
            "重庆市江北区复盛镇{n}号",
        ],
    ),
    (0.01, "GYG", "401133", ["Guoyuan Port, No.{n} Yuzui Town, Liangjiang New Area, Chongqing"]),
    (
        0.06,
        "CQ",
        "400030",
        [
            "重庆市沙坪坝区沙正街{n}号",
            "重庆市渝北区龙溪街道{n}号",
            "重庆市江北区观音桥步行街{n}号",
            "重庆市北碚区天生路{n}号",
            "重庆市两江新区金渝大道{n}号",
            "重庆市渝北区江北国际机场{n}号航站楼",
        ],
    ),
    (
        0.08,
        "CQ",
        "400039",
        [
            "重庆市九龙坡区科园四路{n}号",
            "重庆市南岸区茶园新区{n}号",
            "重庆市巴南区界石镇{n}号",
            "重庆市涪陵区涪陵综合保税区{n}号",
            "重庆市江津区综合保税区{n}号",
            "重庆市永川区凤凰湖工业园{n}号",
            "重庆市渝中区解放碑{n}号",
            "重庆市长寿区经济技术开发区{n}号",
        ],
    ),
    (
        0.62,
        "CN",
        "",
        [
            "四川省成都市高新区天府大道{n}号",
            "广东省深圳市南山区科技园{n}号",
            "上海市浦东新区张江路{n}号",
            "北京市海淀区中关村大街{n}号",
            "江苏省苏州市工业园区星湖街{n}号",
            "浙江省杭州市滨江区{n}号",
            "湖北省武汉市东湖高新区{n}号",
            "陕西省西安市高新区{n}号",
            "四川省成都市龙泉驿区{n}号",
            "河南省郑州市郑东新区{n}号",
            "广东省广州市黄埔区{n}号",
            "天津市滨海新区{n}号",
        ],
    ),
]

ADDRESS_WEIGHTS = [weight for weight, *_ in ADDRESSES]

PROVINCE_CODES = {
    "四川": ("四川(51)", "610000"),
    "广东": ("广东(44)", "518000"),
    "上海": ("上海(31)", "200000"),
    "北京": ("北京(11)", "100000"),
    "江苏": ("江苏(32)", "215000"),
    "浙江": ("浙江(33)", "310000"),
    "湖北": ("湖北(42)", "430000"),
    "陕西": ("陕西(61)", "710000"),
    "河南": ("河南(41)", "450000"),
    "天津": ("天津(12)", "300000"),
}

# Industry mix per location tag, following the 片区 plans (西永 electronics; 两江 equipment/electronics/biomed;
# 果园港 logistics with the 鱼复 automotive base next door).
INDUSTRY_MIX: dict[str, list[tuple[str, float]]] = {
    "XY": [("ELEC", 0.6), ("EQUIP", 0.15), ("LOGI", 0.1), ("AUTO", 0.05), ("BIOMED", 0.03), ("OTHER", 0.07)],
    "LJ": [("EQUIP", 0.25), ("ELEC", 0.25), ("BIOMED", 0.2), ("AUTO", 0.15), ("LOGI", 0.05), ("OTHER", 0.1)],
    "GYG": [("LOGI", 0.4), ("AUTO", 0.35), ("EQUIP", 0.1), ("ELEC", 0.05), ("OTHER", 0.1)],
    "CQ": [("AUTO", 0.3), ("ELEC", 0.2), ("EQUIP", 0.15), ("BIOMED", 0.1), ("LOGI", 0.05), ("OTHER", 0.2)],
    "CN": [("ELEC", 0.3), ("AUTO", 0.15), ("BIOMED", 0.15), ("EQUIP", 0.15), ("LOGI", 0.05), ("OTHER", 0.2)],
}

# Fictional name parts (checked not to be well-known brands).
NAME_STEMS = [
    "渝芯",
    "巴岳",
    "嘉陵川",
    "缙云峰",
    "歌乐山",
    "朝天门",
    "缙汇",
    "渝汇",
    "蓉芯",
    "鹭航",
    "沁源",
    "翰擎",
    "瑞峤",
    "青籁",
    "澄江",
    "云岫",
    "磐石",
    "启衡",
    "曜辰",
    "知远",
]
INDUSTRY_WORDS = {
    "AUTO": ["新能源汽车", "汽车电子", "动力科技"],
    "BIOMED": ["生物医药", "医疗器械", "生命科技"],
    "ELEC": ["微电子", "半导体", "信息技术"],
    "EQUIP": ["智能装备", "精密机械", "机器人"],
    "LOGI": ["物流", "供应链", "港航装备"],
    "OTHER": ["新材料", "建设", "农业科技"],
}
LEGAL_FORMS = ["有限公司", "股份有限公司", "有限责任公司", "集团有限公司"]
UNIVERSITIES = ["渝州理工大学", "巴山医科大学", "缙云工业大学", "嘉陵师范大学", "西南智造职业技术学院"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬宇浩"

START_YEAR, END_YEAR = 2010, 2025
NEW_DISTRICT_DATE = date(2026, 1, 25)  # 江北区 + 渝北区 merged into 两江新区 (see the FTZ README)


def _weighted(rng: random.Random, items: list[tuple[str, float]]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def _filing_date(position: float, rng: random.Random, start_year: int, end_year: int) -> date:
    """Map a record's position (0..1) to a filing date so that yearly volume grows ~12% a year."""
    growth = math.log(1.12)
    span = end_year - start_year + 1
    total = math.expm1(growth * span)
    years = math.log1p(position * total) / growth
    day = date(start_year, 1, 1) + timedelta(days=int(years * 365.25))
    return min(day + timedelta(days=rng.randint(0, 2)), date(end_year, 12, 31))


def _modern_form(address: str, filing: date) -> str:
    """After the 2026 merger addresses read 重庆市两江新区…; before it, the old 江北区/渝北区 forms."""
    if filing >= NEW_DISTRICT_DATE:
        return address.replace("重庆市江北区", "重庆市两江新区").replace("重庆市渝北区", "重庆市两江新区")
    return address


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def generate_records(
    count: int, seed: int = 42, *, number_offset: int = 0, start_year: int = START_YEAR, end_year: int = END_YEAR
) -> Iterator[list[str]]:
    """Yield `count` rows in INCOPAT_COLUMNS order, oldest filing first. Memory: O(count) small ints for the
    citation sampler (preferential attachment needs every earlier record's in-degree), nothing else grows."""
    rng = random.Random(seed)
    # Publication lags filing; nothing is published or granted after this fixed cut-off (keeps output
    # independent of the day it is generated).
    cutoff = date(end_year + 1, 6, 30)
    companies: dict[tuple[str, str], list[str]] = {}
    # Each earlier record appears once, plus once per citation received: sampling uniformly from this array is
    # preferential attachment (the rich get richer) and can only pick earlier records.
    attachment = array("l")
    numbers = array("l")
    for i in range(count):
        filing = _filing_date(i / max(count, 1), rng, start_year, end_year)
        _, tag, postcode, templates = rng.choices(ADDRESSES, weights=ADDRESS_WEIGHTS)[0]
        industry = _weighted(rng, INDUSTRY_MIX[tag])
        vocab = INDUSTRIES[industry]
        address = _modern_form(rng.choice(templates).format(n=rng.randint(1, 999)), filing)
        if tag == "CN":
            province = next((p for p in PROVINCE_CODES if address.startswith(p)), "北京")
            region, postcode = PROVINCE_CODES[province]
        else:
            region = "重庆(50)"
        pool = companies.setdefault((tag, industry), [])
        if len(pool) < 8 or rng.random() < 0.02:
            stem = rng.choice(NAME_STEMS)
            city = "重庆" if tag != "CN" else address[:2]
            pool.append(f"{city}{stem}{rng.choice(INDUSTRY_WORDS[industry])}{rng.choice(LEGAL_FORMS)}")
        # Zipf-like reuse: a few applicants file most patents, as in real portfolios.
        applicant = pool[min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)]
        applicants = [applicant]
        applicant_type = "企业"
        if rng.random() < 0.1:
            applicants.append(rng.choice(UNIVERSITIES))
        kind_roll = rng.random()
        if kind_roll < 0.55:
            doc_type, kind = "发明申请", "A"
        elif kind_roll < 0.9:
            doc_type, kind = "实用新型", "U"
        else:
            doc_type, kind = "外观设计", "S"
        number = 90_000_000 + number_offset + i
        publication = f"CN9{number % 100_000_000:08d}{kind}"
        application = f"CN{filing.year}{rng.randint(1, 3)}{number % 10_000_000:07d}.{rng.randint(0, 9)}"
        published = min(filing + timedelta(days=rng.randint(120, 540) if kind == "A" else rng.randint(90, 240)), cutoff)
        granted = (
            published
            if kind in {"U", "S"}
            else (published + timedelta(days=rng.randint(300, 700)) if rng.random() < 0.45 else None)
        )
        if granted and granted > cutoff:
            granted = None  # not granted yet at the data cut-off
        obj = rng.choice(vocab["objects"])
        title = f"一种{obj}" if kind != "S" else f"{obj}（外观）"
        aim = rng.choice(vocab["aims"])
        abstract = (
            f"本{'发明' if kind == 'A' else '实用新型' if kind == 'U' else '外观设计'}公开了{title}，"
            f"涉及{rng.choice(vocab['words'])}技术领域，通过改进{obj}的结构与控制方法，{aim}，"
            f"适用于{rng.choice(vocab['words'])}领域的规模化应用。"
        )
        ipcs = rng.sample(vocab["ipc"], k=min(len(vocab["ipc"]), rng.randint(1, 3))) if kind != "S" else []
        cited: list[str] = []
        if attachment:
            for _ in range(min(len(numbers), rng.choice((0, 1, 2, 2, 3, 3, 4, 5, 7)))):
                target = attachment[rng.randrange(len(attachment))]
                ref = f"CN9{numbers[target] % 100_000_000:08d}"
                if ref not in cited:
                    cited.append(ref)
                    attachment.append(target)
        attachment.append(i)
        numbers.append(number)
        inventors = [_person(rng) for _ in range(rng.randint(1, 5))]
        row = dict.fromkeys(INCOPAT_COLUMNS, "")
        row.update(
            {
                "序号": str(i + 1),
                "申请日": filing.strftime("%Y%m%d"),
                "公开日": published.strftime("%Y%m%d"),
                "授权公告日": granted.strftime("%Y%m%d") if granted else "0",
                "申请人": ";".join(applicants),
                "发明人": ";".join(inventors),
                "申请号": application,
                "公开号": publication,
                "授权公告号": publication if granted and kind != "A" else "",
                "专利类型": doc_type,
                "专利名称": title,
                "申请摘要": abstract,
                "申请人地址": f"{postcode}{address}",
                "法律状态": "有权" if granted else "审中",
                "主分类号": ipcs[0].replace(" ", "") if ipcs else "",
                "分类号": ";".join(s.replace(" ", "") for s in ipcs),
                "国省代码": region,
                "第一发明人": inventors[0],
                "第一权利人": applicants[0],
                "申请人类型": applicant_type,
                "当前权利人": ";".join(applicants),
                "引证专利": ";".join(cited),
                "引证数": str(len(cited)),
                "简单同族数量": "1",
                "审查员": SYNTHETIC_MARK,
                "全文链接": SYNTHETIC_MARK,
            }
        )
        yield [row[c] for c in INCOPAT_COLUMNS]


def write_incopat_csv(path: Path, count: int, seed: int = 42, **options: int) -> int:
    """Stream `count` synthetic records to `path` (UTF-8 with BOM, as the vendor exports); returns rows written."""
    if "synthetic" not in path.name.lower():
        raise ValueError(f"{path.name}: synthetic files must have 'synthetic' in their name")
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(INCOPAT_COLUMNS)
        for row in generate_records(count, seed, **options):
            writer.writerow(row)
            written += 1
    return written
