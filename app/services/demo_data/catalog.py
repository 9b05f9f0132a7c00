"""The demo product catalogue: a maker of industrial pumps, valves, motors and control cabinets.

Pure data: product families, about 60 finished goods, about 80 raw materials and components,
and the rules that derive each finished good's bill of materials and routing.
"""

from __future__ import annotations

from dataclasses import dataclass

FAMILIES: tuple[tuple[str, str], ...] = (
    ("PUMP", "泵 Pumps"),
    ("VALVE", "阀门 Valves"),
    ("MOTOR", "电机 Motors"),
    ("CABINET", "控制柜 Control cabinets"),
    ("SPARE", "备件 Spare parts"),
)


@dataclass(frozen=True)
class FinishedGood:
    sku: str
    zh: str
    en: str
    family: str
    supply: str  # make_to_order | make_to_stock
    price: int  # list price, CNY
    weight: float  # kg
    size: int  # 0..5, picks component sizes and scales run times
    lead_days: int


def _fg(sku, zh, en, family, supply, price, weight, size, lead):
    return FinishedGood(sku, zh, en, family, supply, price, weight, size, lead)


MTS, MTO = "make_to_stock", "make_to_order"

FINISHED_GOODS: tuple[FinishedGood, ...] = (
    # Pumps
    _fg("CP50-125", "单级离心泵", "Single-stage centrifugal pump", "PUMP", MTS, 3800, 45, 0, 3),
    _fg("CP50-160", "单级离心泵", "Single-stage centrifugal pump", "PUMP", MTS, 4600, 58, 0, 3),
    _fg("CP65-160", "单级离心泵", "Single-stage centrifugal pump", "PUMP", MTS, 5900, 72, 1, 3),
    _fg("CP65-200", "单级离心泵", "Single-stage centrifugal pump", "PUMP", MTS, 7400, 95, 1, 5),
    _fg("CP80-200", "单级离心泵", "Single-stage centrifugal pump", "PUMP", MTS, 9800, 130, 2, 5),
    _fg("CP100-250", "单级离心泵", "Single-stage centrifugal pump", "PUMP", MTO, 18500, 260, 3, 25),
    _fg("CP125-315", "单级离心泵", "Single-stage centrifugal pump", "PUMP", MTO, 36000, 480, 4, 35),
    _fg("CP150-400", "单级离心泵", "Single-stage centrifugal pump", "PUMP", MTO, 68000, 980, 5, 45),
    _fg("MS32-4", "立式多级泵", "Vertical multistage pump", "PUMP", MTS, 12800, 110, 1, 5),
    _fg("MS45-6", "立式多级泵", "Vertical multistage pump", "PUMP", MTO, 21500, 180, 2, 28),
    _fg("MS65-8", "立式多级泵", "Vertical multistage pump", "PUMP", MTO, 36500, 290, 3, 30),
    _fg("WQ50-10-1.1", "潜水排污泵", "Submersible sewage pump", "PUMP", MTS, 4500, 52, 0, 3),
    _fg("WQ80-25-4", "潜水排污泵", "Submersible sewage pump", "PUMP", MTS, 9200, 118, 2, 5),
    _fg("WQ150-60-15", "潜水排污泵", "Submersible sewage pump", "PUMP", MTO, 42000, 520, 4, 30),
    _fg("CQB40-25", "磁力驱动泵", "Magnetic drive pump", "PUMP", MTS, 6200, 38, 0, 5),
    _fg("CQB65-50", "磁力驱动泵", "Magnetic drive pump", "PUMP", MTS, 9100, 66, 1, 5),
    # Valves
    _fg("Z41H-16C-DN50", "法兰闸阀", "Flanged gate valve", "VALVE", MTS, 1200, 16, 0, 2),
    _fg("Z41H-16C-DN100", "法兰闸阀", "Flanged gate valve", "VALVE", MTS, 2600, 42, 2, 2),
    _fg("Z41H-16C-DN150", "法兰闸阀", "Flanged gate valve", "VALVE", MTS, 4300, 78, 3, 4),
    _fg("Z41H-16C-DN200", "法兰闸阀", "Flanged gate valve", "VALVE", MTO, 6800, 125, 4, 21),
    _fg("Q41F-16P-DN25", "不锈钢球阀", "Stainless ball valve", "VALVE", MTS, 380, 3.5, 0, 2),
    _fg("Q41F-16P-DN50", "不锈钢球阀", "Stainless ball valve", "VALVE", MTS, 860, 8, 0, 2),
    _fg("Q41F-16P-DN80", "不锈钢球阀", "Stainless ball valve", "VALVE", MTS, 1900, 19, 1, 3),
    _fg("D71X-16-DN100", "对夹蝶阀", "Wafer butterfly valve", "VALVE", MTS, 900, 9, 2, 2),
    _fg("D71X-16-DN200", "对夹蝶阀", "Wafer butterfly valve", "VALVE", MTS, 2600, 26, 4, 3),
    _fg("D71X-16-DN300", "对夹蝶阀", "Wafer butterfly valve", "VALVE", MTO, 5800, 58, 5, 21),
    _fg("H44H-16C-DN80", "旋启式止回阀", "Swing check valve", "VALVE", MTS, 1300, 21, 1, 3),
    _fg("H44H-16C-DN150", "旋启式止回阀", "Swing check valve", "VALVE", MTS, 3900, 64, 3, 4),
    _fg("Q941F-16P-DN50", "电动球阀", "Electric actuated ball valve", "VALVE", MTS, 4200, 14, 0, 5),
    _fg("Q941F-16P-DN100", "电动球阀", "Electric actuated ball valve", "VALVE", MTO, 8600, 36, 2, 20),
    # Motors
    _fg("YE3-100L-2.2", "YE3超高效三相异步电机 2.2kW", "IE3 three-phase motor 2.2 kW", "MOTOR", MTS, 1900, 25, 0, 3),
    _fg("YE3-112M-4", "YE3超高效三相异步电机 4kW", "IE3 three-phase motor 4 kW", "MOTOR", MTS, 2600, 38, 0, 3),
    _fg("YE3-132M-7.5", "YE3超高效三相异步电机 7.5kW", "IE3 three-phase motor 7.5 kW", "MOTOR", MTS, 4300, 62, 1, 3),
    _fg("YE3-160M-11", "YE3超高效三相异步电机 11kW", "IE3 three-phase motor 11 kW", "MOTOR", MTS, 6100, 98, 2, 4),
    _fg("YE3-160L-15", "YE3超高效三相异步电机 15kW", "IE3 three-phase motor 15 kW", "MOTOR", MTS, 7800, 118, 2, 4),
    _fg("YE3-180L-22", "YE3超高效三相异步电机 22kW", "IE3 three-phase motor 22 kW", "MOTOR", MTS, 10900, 175, 3, 5),
    _fg("YE3-225S-37", "YE3超高效三相异步电机 37kW", "IE3 three-phase motor 37 kW", "MOTOR", MTO, 17500, 290, 4, 25),
    _fg("YE3-250M-55", "YE3超高效三相异步电机 55kW", "IE3 three-phase motor 55 kW", "MOTOR", MTO, 26000, 400, 4, 30),
    _fg("YE3-280M-90", "YE3超高效三相异步电机 90kW", "IE3 three-phase motor 90 kW", "MOTOR", MTO, 42000, 620, 5, 35),
    _fg("YBX3-132S-7.5", "隔爆型三相异步电机 7.5kW", "Explosion-proof motor 7.5 kW", "MOTOR", MTO, 8900, 88, 1, 25),
    _fg("YBX3-180M-18.5", "隔爆型三相异步电机 18.5kW", "Explosion-proof motor 18.5 kW", "MOTOR", MTO, 16500, 210, 3, 30),
    _fg("YBX3-225M-45", "隔爆型三相异步电机 45kW", "Explosion-proof motor 45 kW", "MOTOR", MTO, 35000, 420, 5, 35),
    # Control cabinets (always built to order)
    _fg("PCC-1-7.5", "一用水泵控制柜", "Pump control cabinet, single duty", "CABINET", MTO, 9800, 80, 0, 20),
    _fg("PCC-2-15", "一用一备水泵控制柜", "Pump control cabinet, duty/standby", "CABINET", MTO, 16500, 120, 1, 21),
    _fg("VFD-15", "变频控制柜 15kW", "VFD cabinet 15 kW", "CABINET", MTO, 24000, 140, 1, 25),
    _fg("VFD-37", "变频控制柜 37kW", "VFD cabinet 37 kW", "CABINET", MTO, 43000, 210, 3, 28),
    _fg("VFD-75", "变频控制柜 75kW", "VFD cabinet 75 kW", "CABINET", MTO, 78000, 320, 5, 35),
    _fg("PLC-S1", "PLC自动控制柜", "PLC automation cabinet", "CABINET", MTO, 65000, 260, 4, 40),
    _fg("SS-55", "软启动控制柜 55kW", "Soft-starter cabinet 55 kW", "CABINET", MTO, 28000, 180, 3, 25),
    _fg("XFK-2-45", "消防泵控制柜", "Fire pump controller", "CABINET", MTO, 38000, 240, 4, 30),
    # Spare parts
    _fg("SP-SEAL-35", "机械密封组件 35mm", "Mechanical seal kit 35 mm", "SPARE", MTS, 420, 0.8, 0, 2),
    _fg("SP-SEAL-45", "机械密封组件 45mm", "Mechanical seal kit 45 mm", "SPARE", MTS, 560, 1.0, 2, 2),
    _fg("SP-IMP-65", "叶轮 CP65", "Impeller CP65", "SPARE", MTS, 980, 4.5, 1, 3),
    _fg("SP-IMP-80", "叶轮 CP80", "Impeller CP80", "SPARE", MTS, 1450, 7.2, 2, 3),
    _fg("SP-BRG-6306", "轴承套件 6306", "Bearing kit 6306", "SPARE", MTS, 260, 1.2, 1, 2),
    _fg("SP-BRG-6308", "轴承套件 6308", "Bearing kit 6308", "SPARE", MTS, 380, 1.8, 2, 2),
    _fg("SP-GASKET-SET", "垫片套装", "Gasket set", "SPARE", MTS, 180, 0.5, 0, 2),
    _fg("SP-ORING-KIT", "O型圈维修包", "O-ring repair kit", "SPARE", MTS, 150, 0.3, 0, 2),
    _fg("SP-SEAT-DN50", "PTFE阀座 DN50", "PTFE valve seat DN50", "SPARE", MTS, 240, 0.4, 0, 2),
    _fg("SP-FAN-160", "电机风扇 160机座", "Motor cooling fan frame 160", "SPARE", MTS, 210, 1.1, 2, 2),
    _fg("SP-TBOX-132", "电机接线盒 132机座", "Motor terminal box frame 132", "SPARE", MTS, 330, 1.6, 1, 2),
    _fg("SP-ACT-KIT", "电动执行器维修包", "Actuator repair kit", "SPARE", MTS, 1200, 2.4, 1, 3),
)


@dataclass(frozen=True)
class Material:
    sku: str
    zh: str
    en: str
    kind: str  # raw | component
    uom: str
    cost: float
    supplier: str
    group: str  # BOM group; a finished good takes the member nearest its size
    size: int


def _sized(prefix, zh, en, group, supplier, costs, sizes=("S", "M", "L", "XL", "XXL", "XXXL")):
    return [Material(f"{prefix}-{sizes[i]}", f"{zh} {sizes[i]}", f"{en} {sizes[i]}", "component", "pcs", c,
                     supplier, group, i) for i, c in enumerate(costs)]


MATERIALS: tuple[Material, ...] = tuple(
    [
        Material("RM-Q235", "Q235钢板", "Steel plate Q235", "raw", "kg", 4.8, "SUP-STEEL", "steel", 0),
        Material("RM-SS304", "304不锈钢板", "Stainless sheet 304", "raw", "kg", 16.5, "SUP-STEEL", "ss", 0),
        Material("RM-45-ROUND", "45#圆钢", "Round bar C45", "raw", "kg", 5.6, "SUP-STEEL", "bar", 0),
        Material("RM-CU-WIRE", "漆包铜线", "Enamelled copper wire", "raw", "kg", 78.0, "SUP-COPPER", "copper", 0),
        Material("RM-SI-STEEL", "冷轧硅钢片", "Electrical steel lamination", "raw", "kg", 9.2, "SUP-STEEL", "lam", 0),
        Material("RM-PRIMER", "环氧底漆", "Epoxy primer", "raw", "L", 38.0, "SUP-PACK", "paint", 0),
        Material("RM-TOPCOAT", "聚氨酯面漆", "PU topcoat", "raw", "L", 52.0, "SUP-PACK", "topcoat", 0),
        Material("RM-PTFE", "PTFE棒料", "PTFE rod", "raw", "kg", 96.0, "SUP-SEAL", "ptfe", 0),
        Material("RM-NBR", "丁腈橡胶板", "NBR rubber sheet", "raw", "kg", 28.0, "SUP-SEAL", "rubber", 0),
        Material("RM-CABLE", "RVV控制电缆", "RVV control cable", "raw", "m", 6.5, "SUP-ELEC", "cable", 0),
        Material("RM-VARNISH", "绝缘浸渍漆", "Insulating varnish", "raw", "kg", 45.0, "SUP-COPPER", "varnish", 0),
        Material("PK-CRATE", "出口木箱", "Export wooden crate", "component", "pcs", 180.0, "SUP-PACK", "crate", 0),
        Material("PK-CARTON", "五层瓦楞纸箱", "Corrugated carton", "component", "pcs", 12.0, "SUP-PACK", "carton", 0),
        Material("CP-FASTENER", "紧固件包", "Fastener kit", "component", "pcs", 18.0, "SUP-ELEC", "fastener", 0),
        Material("CP-NAMEPLATE", "不锈钢铭牌", "Stainless nameplate", "component", "pcs", 6.0, "SUP-PACK", "plate", 0),
    ]
    + _sized("CS-CASING", "泵体铸件", "Pump casing casting", "casing", "SUP-CAST", (260, 340, 460, 820, 1500, 2600))
    + _sized("CS-IMPELLER", "叶轮铸件", "Impeller casting", "impeller", "SUP-CAST", (120, 160, 230, 390, 720, 1180))
    + _sized("CP-SHAFT", "泵轴", "Pump shaft", "shaft", "SUP-CAST", (85, 140, 260), ("S", "M", "L"))
    + _sized("CP-MSEAL", "机械密封", "Mechanical seal", "mseal", "SUP-SEAL", (160, 210, 320, 480), ("25", "35", "45", "55"))
    + _sized("CP-BEARING", "深沟球轴承", "Deep groove ball bearing", "bearing", "SUP-BEARING",
             (22, 38, 56, 98, 180), ("6205", "6306", "6308", "6312", "NU314"))
    + _sized("CS-FRAME", "电机机座", "Motor frame housing", "frame", "SUP-CAST", (110, 160, 240, 380, 620, 980),
             ("100", "132", "160", "180", "225", "280"))
    + _sized("CP-STATOR", "定子铁芯", "Stator core", "stator", "SUP-COPPER", (180, 420, 980), ("S", "M", "L"))
    + _sized("CP-ROTOR", "铸铝转子", "Die-cast rotor", "rotor", "SUP-COPPER", (140, 330, 760), ("S", "M", "L"))
    + _sized("CP-FAN", "电机风扇", "Motor cooling fan", "fan", "SUP-PACK", (12, 25), ("S", "L"))
    + _sized("CP-TBOX", "接线盒", "Terminal box", "tbox", "SUP-ELEC", (28, 55), ("S", "L"))
    + _sized("CS-VBODY", "阀体铸件", "Valve body casting", "vbody", "SUP-CAST", (90, 160, 260, 420, 680, 1100),
             ("DN25", "DN50", "DN80", "DN100", "DN150", "DN200+"))
    + _sized("CP-VDISC", "阀板/球体", "Valve disc / ball", "vdisc", "SUP-CAST", (45, 110, 260, 520), ("S", "M", "L", "XL"))
    + _sized("CP-STEM", "阀杆", "Valve stem", "stem", "SUP-CAST", (18, 42), ("S", "L"))
    + _sized("CP-HANDWHEEL", "手轮", "Handwheel", "handwheel", "SUP-CAST", (22, 48), ("S", "L"))
    + _sized("EL-ACTUATOR", "电动执行器", "Electric actuator", "actuator", "SUP-AUTO", (1650, 3200), ("S", "L"))
    + _sized("EL-ENCLOSURE", "控制柜柜体", "Cabinet enclosure", "enclosure", "SUP-STEEL", (680, 1150, 1900, 2800),
             ("600", "800", "1000", "1200"))
    + _sized("EL-VFD", "变频器", "Variable frequency drive", "vfd", "SUP-AUTO", (4200, 9800, 18500), ("15kW", "37kW", "75kW"))
    + [
        Material("EL-PLC-CPU", "PLC主机", "PLC CPU module", "component", "pcs", 3900, "SUP-AUTO", "plc", 0),
        Material("EL-HMI-7", "7寸触摸屏", "HMI touch panel 7\"", "component", "pcs", 1800, "SUP-AUTO", "hmi", 0),
        Material("EL-SOFTSTART", "软启动器 55kW", "Soft starter 55 kW", "component", "pcs", 5200, "SUP-AUTO", "softstart", 0),
        Material("EL-CONTACTOR", "交流接触器", "AC contactor", "component", "pcs", 160, "SUP-ELEC", "contactor", 0),
        Material("EL-MCB", "微型断路器", "Miniature circuit breaker", "component", "pcs", 45, "SUP-ELEC", "mcb", 0),
        Material("EL-RELAY", "中间继电器", "Control relay", "component", "pcs", 32, "SUP-ELEC", "relay", 0),
        Material("EL-TERMINAL", "接线端子排", "Terminal block strip", "component", "pcs", 26, "SUP-ELEC", "terminal", 0),
        Material("EL-METER", "多功能电力仪表", "Multifunction power meter", "component", "pcs", 420, "SUP-ELEC", "meter", 0),
        Material("EL-SPD", "浪涌保护器", "Surge protector", "component", "pcs", 210, "SUP-ELEC", "spd", 0),
        Material("CP-GASKET", "石墨垫片", "Graphite gasket", "component", "pcs", 8, "SUP-SEAL", "gasket", 0),
        Material("CP-ORING", "O型圈", "O-ring", "component", "pcs", 1.5, "SUP-SEAL", "oring", 0),
    ]
)

SUPPLIERS: tuple[tuple[str, str, str, str, str, int], ...] = (
    # code, name, city, country, email, lead time days
    ("SUP-STEEL", "上海申钢金属材料有限公司 Shanghai Shengang Metals", "上海市", "CN", "order@shengang-metal.com.cn", 7),
    ("SUP-CAST", "江苏泰州华力铸造有限公司 Taizhou Huali Foundry", "泰州市", "CN", "sales@huali-casting.com.cn", 21),
    ("SUP-BEARING", "洛阳精工轴承有限公司 Luoyang Precision Bearings", "洛阳市", "CN", "export@ly-bearing.com.cn", 14),
    ("SUP-SEAL", "宁波甬达密封件有限公司 Ningbo Yongda Seals", "宁波市", "CN", "sales@yongda-seal.com.cn", 10),
    ("SUP-ELEC", "常州恒力电气元件有限公司 Changzhou Hengli Electric", "常州市", "CN", "sales@hengli-elec.com.cn", 7),
    ("SUP-COPPER", "铜陵华鑫铜材有限公司 Tongling Huaxin Copper", "铜陵市", "CN", "order@hx-copper.com.cn", 10),
    ("SUP-AUTO", "Rhein Automation GmbH", "Köln", "DE", "orders@rhein-automation.de", 42),
    ("SUP-PACK", "苏州恒美包装材料有限公司 Suzhou Hengmei Packaging", "苏州市", "CN", "sales@hengmei-pack.com.cn", 5),
)


def bom_for(fg: FinishedGood) -> list[tuple[str, float, float]]:
    """(material sku, quantity, scrap %) per unit of ``fg``."""
    s = fg.size
    by_group = {}
    for m in MATERIALS:
        by_group.setdefault(m.group, []).append(m)

    def pick(group: str, size: int | None = None) -> str:
        members = by_group[group]
        size = s if size is None else size
        return min(members, key=lambda m: abs(m.size - size * (len(members) - 1) / 5)).sku

    weight = fg.weight
    if fg.family == "PUMP":
        lines = [(pick("casing"), 1, 2), (pick("impeller"), 1, 1), (pick("shaft"), 1, 0), (pick("mseal"), 1, 0),
                 (pick("bearing"), 2, 0), (pick("gasket"), 4, 5), (pick("fastener"), 1, 0),
                 (pick("paint"), round(0.2 + weight / 200, 2), 5), (pick("topcoat"), round(0.2 + weight / 250, 2), 5),
                 (pick("plate"), 1, 0), (pick("crate") if s >= 3 else pick("carton"), 1, 0)]
    elif fg.family == "VALVE":
        lines = [(pick("vbody"), 1, 2), (pick("vdisc"), 1, 1), (pick("stem"), 1, 0), (pick("gasket"), 2, 5),
                 (pick("ptfe"), round(0.1 + s * 0.15, 2), 8), (pick("fastener"), 1, 0), (pick("plate"), 1, 0),
                 (pick("paint"), round(0.1 + weight / 300, 2), 5), (pick("carton"), 1, 0)]
        lines.append((pick("actuator"), 1, 0) if fg.en.startswith("Electric") else (pick("handwheel"), 1, 0))
    elif fg.family == "MOTOR":
        lines = [(pick("frame"), 1, 1), (pick("stator"), 1, 0), (pick("rotor"), 1, 0),
                 (pick("copper"), round(2 + weight * 0.08, 2), 3), (pick("lam"), round(weight * 0.35, 1), 4),
                 (pick("varnish"), round(0.5 + weight / 150, 2), 5), (pick("bearing"), 2, 0), (pick("fan"), 1, 0),
                 (pick("tbox"), 1, 0), (pick("topcoat"), round(0.2 + weight / 300, 2), 5), (pick("plate"), 1, 0),
                 (pick("crate") if s >= 3 else pick("carton"), 1, 0)]
    elif fg.family == "CABINET":
        lines = [(pick("enclosure"), 1, 0), (pick("contactor"), 2 + s, 0), (pick("mcb"), 4 + 2 * s, 0),
                 (pick("relay"), 4 + s, 0), (pick("terminal"), 3 + s, 0), (pick("cable"), 40 + 25 * s, 5),
                 (pick("meter"), 1, 0), (pick("spd"), 1, 0), (pick("plate"), 1, 0), (pick("crate"), 1, 0)]
        if fg.sku.startswith("VFD"):
            lines.append((pick("vfd"), 1, 0))
        if fg.sku.startswith("PLC") or fg.sku.startswith("XFK"):
            lines += [(pick("plc"), 1, 0), (pick("hmi"), 1, 0)]
        if fg.sku.startswith("SS"):
            lines.append((pick("softstart"), 1, 0))
    else:  # spare parts: a component or two and packing
        lines = [(pick("carton"), 1, 0)]
        if "SEAL" in fg.sku:
            lines += [(pick("mseal", 1 if fg.sku.endswith("35") else 2), 1, 0), (pick("oring"), 4, 10)]
        elif "IMP" in fg.sku:
            lines += [(pick("impeller"), 1, 2)]
        elif "BRG" in fg.sku:
            lines += [(pick("bearing"), 2, 0), (pick("oring"), 2, 10)]
        elif "FAN" in fg.sku:
            lines += [(pick("fan", 5), 1, 0)]
        elif "TBOX" in fg.sku:
            lines += [(pick("tbox"), 1, 0), (pick("fastener"), 1, 0)]
        elif "ACT" in fg.sku:
            lines += [(pick("oring"), 6, 10), (pick("gasket"), 2, 5), (pick("fastener"), 1, 0)]
        elif "SEAT" in fg.sku:
            lines += [(pick("ptfe"), 0.3, 8)]
        else:
            lines += [(pick("gasket"), 6, 5), (pick("oring"), 10, 10)]
    merged: dict[str, tuple[float, float]] = {}
    for sku, qty, scrap in lines:
        q, sc = merged.get(sku, (0.0, scrap))
        merged[sku] = (q + qty, sc)
    return [(sku, q, sc) for sku, (q, sc) in merged.items()]


# Routing templates per family: (operation, setup minutes, run minutes per unit at size 0)
ROUTINGS: dict[str, tuple[tuple[str, float, float], ...]] = {
    "PUMP": (("机加工 Machining", 45, 35), ("装配 Assembly", 20, 40), ("试压测试 Pressure test", 10, 15),
             ("喷漆包装 Painting & packing", 15, 12)),
    "VALVE": (("机加工 Machining", 30, 18), ("装配 Assembly", 15, 12), ("试压测试 Pressure test", 10, 8)),
    "MOTOR": (("绕线 Winding", 30, 35), ("嵌线浸漆 Insertion & varnish", 20, 45), ("总装 Assembly", 20, 30),
              ("出厂试验 Routine test", 10, 15)),
    "CABINET": (("钣金与装配 Enclosure & mounting", 40, 120), ("配线 Wiring", 20, 240),
                ("出厂调试 Factory acceptance test", 15, 90)),
    "SPARE": (("机加工 Machining", 20, 6), ("检验包装 Inspection & packing", 5, 2)),
}


def routing_for(fg: FinishedGood) -> list[tuple[int, str, float, float]]:
    """(seq, name, setup minutes, run minutes per unit) for ``fg``."""
    factor = 1 + 0.45 * fg.size
    return [(10 * (i + 1), name, setup, round(run * factor, 2))
            for i, (name, setup, run) in enumerate(ROUTINGS[fg.family])]
